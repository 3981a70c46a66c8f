"""`export register audit OUT.xlsx [--from D] [--to D]`: the journal as a register (docs/rules.md §10.2).

A person's values are shown decrypted while their key exists; after an erasure they read « effacé ».
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.contact import Contact, format_ref
from models.journal import JournalEvent, bulk_rows
from models.journal_codec import open_sealed
from services.compliance.audit import ACTION_LABELS, TABLE_LABELS
from services.contacts.fields import FIELD_LABELS
from services.core.clock import business_tz
from services.core.errors import InputError
from services.core.spreadsheet import Column, write_table
from services.core.stamp import register_stamp

COLUMNS = [
    Column("N°", "int"), Column("Date et heure", "datetime"), Column("Utilisateur"), Column("Poste"),
    Column("Rôle PostgreSQL"), Column("Registre"), Column("Référence"), Column("Contact"), Column("Action"),
    Column("Avant"), Column("Après"), Column("Repris de l'historique"), Column("Empreinte"),
]  # fmt: skip
ERASED = "(effacé avec la personne)"


def _moment(day: date, session: Session) -> datetime:
    return datetime.combine(day, time.min, tzinfo=business_tz(session))


def _values(key: bytes | None, stored: str) -> str:
    values = open_sealed(key, stored)
    if values is None:
        return ERASED
    return " ; ".join(f"{_label(k)} : {'' if v is None else v}" for k, v in sorted(values.items()))


def _label(column: str) -> str:
    """A contact's field by its French name (the record's); a setting's key and value likewise; other
    columns keep their name in the base, which the journal's rows are checked against."""
    return FIELD_LABELS.get(column) or {"key": "réglage", "value": "valeur"}.get(column, column)


def _bulk_note(after: str) -> str:
    """What a bulk event says of its rows: written in a block, by what, which fields changed. Their values
    are not in the event (a row's digest holds it to what the base shows)."""
    body = json.loads(after)
    note = "écrite en bloc" + (f" ({body['origin']})" if body.get("origin") else "")
    if body.get("changed"):
        note += " ; champs modifiés : " + ", ".join(body["changed"])
    return note


def write_audit_register(session: Session, path: Path, progress: Callable[[int], bool] | None = None,
                         start: date | None = None, end: date | None = None) -> int:  # fmt: skip
    """Every event of the journal (between `start` and `end` included, in the business's days)."""
    if start and end and start > end:
        raise InputError(f"La période est vide : du {start:%d/%m/%Y} au {end:%d/%m/%Y}.")
    query = select(JournalEvent).order_by(JournalEvent.seq)
    if start:
        query = query.where(JournalEvent.at >= _moment(start, session))
    if end:
        query = query.where(JournalEvent.at < _moment(end + timedelta(days=1), session))
    keys: dict[int, bytes | None] = dict(session.execute(select(Contact.id, Contact.journal_key)).all())
    count = 0

    def rows() -> Iterator[list[Any]]:
        nonlocal count
        for e in session.scalars(query.execution_options(yield_per=5000)):
            who = [e.seq, e.at, e.os_user, e.host, e.db_role, TABLE_LABELS.get(e.table_name, e.table_name)]
            action = ACTION_LABELS.get(e.action, e.action)
            seeded = "oui" if e.seeded else ""
            if e.row_ref.startswith("*"):  # a bulk write: a line per row it covers (docs/rules.md §10.2)
                note = _bulk_note(e.after)
                for ref, contact, state in bulk_rows(e):
                    count += 1
                    yield [*who, str(ref), format_ref(contact) if contact else "", action, "",
                           f"{note} ; empreinte de la ligne {state}", seeded, e.hash]  # fmt: skip
                continue
            key = keys.get(e.contact_id) if e.contact_id is not None else None
            count += 1
            yield [
                *who, e.row_ref, format_ref(e.contact_id) if e.contact_id else "", action,
                _values(key, e.before), _values(key, e.after), seeded, e.hash,
            ]  # fmt: skip

    write_table(path, "Journal des opérations", COLUMNS, rows(), progress, register_stamp(session))
    return count
