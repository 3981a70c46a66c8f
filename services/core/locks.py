"""Locks two workstations take on one base, so that what must not interleave does not.

`hold(session, "objections")` (docs/rules.md §5.1): an objection, an erasure or a refusal waits while a
transmission or a campaign records who it reached — and those re-check, under the lock, whether someone
objected meanwhile. Held until the transaction ends. On PostgreSQL an advisory lock (other work goes on);
on SQLite the base's single write lock, which the first write of a transaction takes anyway.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

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
