"""The journal's first events (docs/rules.md §10.2): at the first start after the journal came, every row
the base already holds becomes one « seed » event, marked as such, dated by the row's own time when it
has one. Contacts get their journal key then.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from models.base import Base
from models.contact import Contact, new_journal_key
from models.journal import JOURNALED, count, lock_journal, record_rows
from models.setting import Setting

log = logging.getLogger(__name__)

SEEDED_FLAG = "journal.seeded"
CONTACTS = cast(Table, Contact.__table__)
# The row's own moment, when the table keeps one: the seed event is dated by it.
_WHEN = ("created_at", "recorded_on", "recorded_at", "called_at")


def _when(row: dict[str, Any]) -> datetime | None:
    for name in _WHEN:
        value = row.get(name)
        if isinstance(value, datetime):
            return value
    return None


def is_seeded(session: Session) -> bool:
    return session.get(Setting, SEEDED_FLAG) is not None


def seed(session: Session) -> int:
    """Seed the journal once; returns the number of events written (0 when it was already done)."""
    lock_journal(session)
    if is_seeded(session):
        return 0
    if count(session):  # events without the flag: a journal written before the flag existed
        session.add(Setting(key=SEEDED_FLAG, value="true"))
        return 0
    missing = (
        session.execute(select(Contact.id).where(Contact.journal_key.is_(None), Contact.erased_at.is_(None)))
        .scalars()
        .all()
    )
    if missing:
        session.execute(
            update(CONTACTS).where(CONTACTS.c.id == bindparam("cid")),
            [{"cid": cid, "journal_key": new_journal_key()} for cid in missing],
        )
    written = 0
    for name in JOURNALED:
        table = Base.metadata.tables[name]
        spec = JOURNALED[name]
        rows = (
            row
            for row in (
                dict(r._mapping) for r in session.execute(select(table).order_by(*table.primary_key.columns))
            )
            if spec.ref(row) not in spec.untracked
        )
        written += record_rows(session, name, rows, "seed", seeded=True, at=_when)
    session.add(Setting(key=SEEDED_FLAG, value="true"))
    if written:
        log.info("journal : %d événements repris de l'historique de la base", written)
    return written
