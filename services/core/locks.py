"""Locks two workstations take on one base, so that what must not interleave does not.

`hold(session, "objections")` (docs/rules.md §5.1): an objection, an erasure or a refusal waits while a
transmission or a campaign records who it reached — and those re-check, under the lock, whether someone
objected meanwhile. Held until the transaction ends. On PostgreSQL an advisory lock (other work goes on);
on SQLite the base's single write lock, which the first write of a transaction takes anyway.

`take_turn(session, "imports", waiting)`: two imports of one file at once must not both find no
duplicate; the second waits its turn, saying so, then finds the first one's contacts. The objections
lock is another key: an objection never waits behind an import on PostgreSQL (on SQLite, whose one
writer at a time is the base's, an import takes the lock only for its writing, not its checks).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from services.core.errors import UserError

# One key per kind of work (any 64-bit number: these read « webl » + a digit).
KEYS = {"objections": 0x7765626C01, "imports": 0x7765626C02}


def hold(session: Session, name: str) -> None:
    """Take the named lock for the rest of this transaction (waits for whoever holds it)."""
    key = KEYS[name]
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        # An update of no row takes SQLite's write lock for the rest of the transaction.
        session.execute(text("UPDATE settings SET value = value WHERE 0 = 1"))


def take_turn(
    session: Session,
    name: str,
    waiting: Callable[[str], object] | None = None,
    *,
    limit: float = 900.0,
    message: str = "Base occupée par un autre poste, nouvel essai…",
) -> bool:
    """Take the named lock at the START of a transaction's writes, telling `waiting` (once) while another
    workstation holds it, for at most `limit` seconds. Returns True when it had to wait: what was read
    before may be stale (on SQLite, whatever the session held was rolled back to wait).

    PostgreSQL: its advisory lock, other work goes on. SQLite: the base's single write lock, whose
    busy timeout (5 s) would otherwise end in « database is locked »."""
    key = KEYS[name]
    deadline = time.monotonic() + limit
    waited = False
    postgres = session.get_bind().dialect.name == "postgresql"
    while True:
        if postgres:
            if session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": key}):
                return waited
        else:
            try:
                session.execute(text("UPDATE settings SET value = value WHERE 0 = 1"))
                return waited
            except OperationalError as exc:
                if "locked" not in str(exc.orig).lower():
                    raise
                session.rollback()  # nothing written yet: wait with a clean slate
        if time.monotonic() > deadline:
            raise UserError(
                "La base est occupée par un autre poste depuis trop longtemps : rien n'a été enregistré, "
                "réessayez plus tard."
            )
        if not waited and waiting is not None:
            waiting(message)
        waited = True
        time.sleep(0.5 if postgres else 0.1)
