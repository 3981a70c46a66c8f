"""Sending the notices owed to one partner: a PDF letter and an .xlsx list, then marked as sent."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.partners import Partner, PropagationNotice
from services.contacts.history import SCOPE_LABELS
from services.core.errors import InputError
from services.core.moments import business_date
from services.core.paths import output_dir
from services.core.settings import get_settings
from services.core.spreadsheet import Column, write_table
from services.core.text import strip_accents
from services.partners.directory import SHAREABLE_FIELDS
from services.partners.notice_letters import write_notice_letter
from services.partners.notices import EVENT_LABELS, status_condition

METHODS = ("e-mail", "courrier", "remise en main propre", "plateforme du partenaire")


@dataclass
class SendResult:
    partner: str
    letter: Path
    listing: Path
    notices: list[int]
    method: str
    sent_on: date

    def to_dict(self) -> dict[str, Any]:
        return {
            "partner": self.partner, "letter": str(self.letter), "list": str(self.listing),
            "notices": self.notices, "sent": len(self.notices), "method": self.method,
            "sent_on": self.sent_on.isoformat(),
        }  # fmt: skip


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(name).lower()).strip("-") or "partenaire"


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def notice_list_columns(notices: list[PropagationNotice]) -> tuple[list[str], list[Column]]:
    """docs/rules.md §5.3: only the identifiers the partner received, plus what happened."""
    present: set[str] = set()
    for n in notices:
        present.update(json.loads(n.identifiers or "{}"))
    fields = [f for f in SHAREABLE_FIELDS if f in present]
    columns = [
        Column("N° de notification", "int"),
        Column("Événement"),
        Column("Portée"),
        Column("Reçue le", "date"),
    ]
    columns += [Column(SHAREABLE_FIELDS[f]) for f in fields]
    columns.append(Column("Modification"))
    return fields, columns


def send_to_partner(
    session: Session, partner: Partner, out_dir: Path, *, method: str = "", sent_on: date | None = None
) -> SendResult:
    """Write the letter and the list for every notice still to send to this partner, and mark them sent."""
    out_dir = output_dir(out_dir)  # created if needed, like any "save to folder"
    method = method or ("e-mail" if partner.notice_email else "courrier")
    sent_on = sent_on or business_date()
    if sent_on > business_date():
        raise InputError(f"La date d'envoi {sent_on:%d/%m/%Y} est dans le futur.")
    notices = list(
        session.scalars(
            select(PropagationNotice)
            .where(PropagationNotice.partner_id == partner.id, status_condition("to_send", sent_on))
            .order_by(PropagationNotice.due_on, PropagationNotice.id)
        )
    )
    if not notices:
        raise InputError(f"Aucune notification à envoyer à {partner.name}.")
    fields, columns = notice_list_columns(notices)
    rows = []
    lines = []
    for n in notices:
        ids = json.loads(n.identifiers or "{}")
        rows.append(
            [n.id, EVENT_LABELS[n.event], SCOPE_LABELS.get(n.scope, n.scope), n.due_on]
            + [ids.get(f, "") for f in fields]
            + [n.detail]
        )
        who = " ".join(str(ids[f]) for f in fields if ids.get(f))
        lines.append(f"n° {n.id} — {EVENT_LABELS[n.event]} reçue le {n.due_on:%d/%m/%Y} — {who}")
    stem = f"notification-{_slug(partner.name)}-{sent_on:%Y-%m-%d}"
    listing = _free_name(out_dir, stem, ".xlsx")
    write_table(listing, "Personnes concernées", columns, rows)
    letter = _free_name(out_dir, stem, ".pdf")
    write_notice_letter(
        letter,
        org=get_settings(session, "organisation"),
        partner_name=partner.name,
        partner_address=partner.notice_address,
        partner_email=partner.notice_email,
        events=Counter(n.event for n in notices),
        list_file=listing.name,
        lines=lines,
        on=sent_on,
    )
    for n in notices:
        n.sent_on = sent_on
        n.method = method[:40]
    session.flush()
    return SendResult(partner.name, letter, listing, [n.id for n in notices], method, sent_on)
