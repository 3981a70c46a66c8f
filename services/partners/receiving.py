"""A partner tells us that people objected (docs/rules.md §5.8): their objection becomes ours, and goes onward.

The partner's list has the same shape as ours (French column headers of the shared fields), or the
identifiers are typed in. A person we hold becomes opposed (channel "partner", from that partner) and
the notices go to the OTHER partners we sent them to; a person we do not hold goes on the suppression
list only, so that no later import brings them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from models.contact import Contact, format_ref, parse_ref
from models.partners import Partner
from services.compliance.oppositions import OppositionOutcome, check_scope, record_opposition
from services.compliance.suppression import add_to_suppression_list, suppression_keys
from services.core.emails import normalise_email
from services.core.errors import InputError
from services.core.phones import to_e164
from services.core.sheet_reader import read_grid
from services.core.text import clean_spaces, fold
from services.partners.directory import SHAREABLE_FIELDS

_HEADER_TO_FIELD = {fold(label): key for key, label in SHAREABLE_FIELDS.items()} | {
    key: key for key in SHAREABLE_FIELDS
}


def read_identifier_file(path: Path) -> list[dict[str, str]]:
    """Rows of {field: value} from a partner's .xlsx/.ods/.xls/.csv whose headers name our fields, read by
    the one hardened reader of files from outside (services.core.sheet_reader)."""
    table = read_grid(path).rows
    if not table:
        raise InputError(f"Le fichier {path.name} est vide.")
    header = [_HEADER_TO_FIELD.get(fold(str(h))) for h in table[0]]
    if not any(header):
        raise InputError(
            f"Aucune colonne reconnue dans {path.name} : attendu par exemple « Nom », « Code postal », « E-mail »."
        )
    rows = []
    for raw in table[1:]:
        row = {}
        for key, value in zip(header, raw, strict=False):
            if key:
                text = "" if value is None else str(value).strip()
                if text.endswith(".0") and text[:-2].isdigit():
                    text = text[:-2]  # calamine gives numbers as floats
                row[key] = text
        if any(row.values()):
            rows.append(row)
    return rows


def match_contact(session: Session, ids: dict[str, str], partner: Partner | None = None) -> int | None:
    """The live contact these identifiers designate: our reference, else e-mail, phone, or name+postcode."""
    live = Contact.erased_at.is_(None)
    ref = parse_ref(ids.get("ref", "")) if ids.get("ref") else None
    if ref is not None and session.scalar(select(Contact.id).where(Contact.id == ref, live)):
        return ref
    email = normalise_email(ids.get("email", "")) if ids.get("email") else None
    if email:
        found = session.scalar(
            select(Contact.id).where(func.lower(Contact.email) == email.lower(), live).limit(1)
        )
        if found:
            return found
    for key in ("mobile", "phone"):
        e164 = to_e164(ids[key], postcode=ids.get("postcode", "")) if ids.get(key) else None
        if e164:
            found = session.scalar(
                select(Contact.id).where(or_(Contact.mobile == e164, Contact.phone == e164), live).limit(1)
            )
            if found:
                return found
    last, postcode = clean_spaces(ids.get("last_name", "")), clean_spaces(ids.get("postcode", ""))
    if last and postcode:
        q = select(Contact.id, Contact.first_name).where(
            and_(func.upper(Contact.last_name) == last.upper(), Contact.postcode == postcode, live)
        )
        first = fold(ids.get("first_name", ""))
        for cid, their_first in session.execute(q):
            if not first or fold(their_first) == first:
                return cid
    return None


@dataclass
class InboundResult:
    outcomes: list[OppositionOutcome] = field(default_factory=list)
    unmatched: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "matched": [format_ref(o.opposition.contact_id) for o in self.outcomes],
            "unmatched": self.unmatched,
            "notices": [
                {"partner_id": n.partner_id, "due": n.due_on.isoformat()}
                for o in self.outcomes
                for n in o.notices
            ],
        }


def record_partner_objections(
    session: Session,
    partner: Partner,
    rows: list[dict[str, str]],
    received_on: date,
    *,
    scope: str = "all",
    recorded_by: str = "",
) -> InboundResult:
    """docs/rules.md §5.8: each person the partner names is opposed at once (channel "partner") and notified onward."""
    check_scope(scope)
    if not rows:
        raise InputError("La notification du partenaire ne désigne aucune personne.")
    result = InboundResult()
    seen: set[int] = set()
    for ids in rows:
        cid = match_contact(session, ids, partner)
        if cid is None:
            keys = suppression_keys(
                email=ids.get("email", ""),
                phones=[p for p in (ids.get("phone", ""), ids.get("mobile", "")) if p],
                last_name=ids.get("last_name", ""),
                first_name=ids.get("first_name", ""),
                postcode=ids.get("postcode", ""),
            )
            if keys:
                add_to_suppression_list(session, keys, scope, received_on)
            result.unmatched += 1
            continue
        if cid in seen:
            continue
        seen.add(cid)
        result.outcomes.append(
            record_opposition(
                session,
                cid,
                scope,
                "partner",
                received_on,
                recorded_by=recorded_by,
                note=f"Notification du partenaire {partner.name}",
                from_partner_id=partner.id,
            )
        )
    return result
