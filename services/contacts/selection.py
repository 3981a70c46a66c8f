"""Which contacts a list, an export, a transmission or a campaign is about: one selection, one SQL filter.

Shared by the contact table, the exports, the transmissions and both kinds of campaign.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, select, true

from models.contact import Contact, ContactTag
from services.contacts.search import search_condition
from services.core.errors import InputError


@dataclass
class Selection:
    search: str = ""
    status: str = ""  # "", prospect, customer
    tags: list[str] = field(default_factory=list)  # every tag listed must be present
    postcode_prefix: str = ""  # "75", "2A", "971"
    source_kind: str = ""  # "", direct, partner, broker, public
    contacted_since: date | None = None  # last contact on or after
    contacted_before: date | None = None  # last contact before (or never)

    def to_json(self) -> str:
        d = asdict(self)
        for k in ("contacted_since", "contacted_before"):
            d[k] = d[k].isoformat() if d[k] else None
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Selection:
        d: dict[str, Any] = json.loads(text or "{}")
        for k in ("contacted_since", "contacted_before"):
            if d.get(k):
                d[k] = date.fromisoformat(d[k])
        return cls(**d)


def selection_condition(sel: Selection) -> ColumnElement[bool]:
    """The SQL condition on Contact for a selection (live contacts only)."""
    conds: list[ColumnElement[bool]] = [Contact.erased_at.is_(None)]
    text_cond = search_condition(sel.search)
    if text_cond is not None:
        conds.append(text_cond)
    if sel.status:
        if sel.status not in ("prospect", "customer"):
            raise InputError(f"Statut inconnu « {sel.status} » : prospect ou customer.")
        conds.append(Contact.status == sel.status)
    if sel.source_kind:
        if sel.source_kind not in ("direct", "partner", "broker", "public"):
            raise InputError(f"Origine inconnue « {sel.source_kind} ».")
        conds.append(Contact.source_kind == sel.source_kind)
    prefix = sel.postcode_prefix.strip()
    if prefix:
        if not prefix.isalnum():
            raise InputError(f"Début de code postal invalide « {prefix} ».")
        if prefix.upper().startswith("2A") or prefix.upper().startswith("2B"):
            prefix = "20"  # Corsican departments share postcodes starting with 20
        conds.append(Contact.postcode.startswith(prefix))
    for tag in sel.tags:
        conds.append(exists().where(and_(ContactTag.contact_id == Contact.id, ContactTag.name == tag)))
    if sel.contacted_since:
        conds.append(Contact.last_contact_on >= sel.contacted_since)
    if sel.contacted_before:
        conds.append((Contact.last_contact_on < sel.contacted_before) | Contact.last_contact_on.is_(None))
    return and_(true(), *conds)


def selected_ids_query(sel: Selection) -> Select[int]:
    return select(Contact.id).where(selection_condition(sel))
