"""The journal: one append-only, chained event per change to the records that prove compliance
(docs/rules.md §10.2).

Every change to a journaled table — through the ORM (a flush hook) or a bulk insert (`record_rows`) —
becomes an event: when (UTC), who (the workstation's user and name; on PostgreSQL the database role
too), what (table, row, action) and the fields before and after. The events of a transaction are
chained when it commits: each carries the SHA-256 of the previous one, under a lock, so the chain has
one order whatever the number of workstations. Each event also carries the row's state digest, so a
row edited outside the app no longer matches its last event.

A contact's personal values are encrypted (AES-GCM) with a key of that contact's own, kept in the
contact's row, outside the chain; erasing the contact deletes the key: the events stay, the chain stays
whole, the values become unreadable. Without the key (after an erasure) personal columns are left out.
"""

from __future__ import annotations

import getpass
import json
import socket
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Index,
    Integer,
    String,
    Text,
    bindparam,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, SessionTransaction, mapped_column

from models.base import Base, UTCDateTime, utcnow
from models.bulk import bulk_insert, reserve_ids
from models.journal_codec import (
    ENCODE,
    GENESIS,
    JOURNALED,
    bulk_states,
    canonical,
    chain_digest,
    inserted,
    layout,
    payload,
    state_of,
)


class JournalEvent(Base):
    __tablename__ = "journal_events"
    __table_args__ = (
        Index("ix_journal_events_seq", "seq", unique=True),
        Index("ix_journal_events_row", "table_name", "row_ref", "seq"),
        Index("ix_journal_events_contact", "contact_id", "seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)  # the chain's order
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    os_user: Mapped[str] = mapped_column(String(80), default="")
    host: Mapped[str] = mapped_column(String(80), default="")
    db_role: Mapped[str] = mapped_column(String(80), default="")
    table_name: Mapped[str] = mapped_column(String(40))
    row_ref: Mapped[str] = mapped_column(String(80))  # the row's id (a setting's key)
    contact_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # insert, update, delete, seed
    before: Mapped[str] = mapped_column(Text, default="")  # JSON, or "enc:" + base64 of AES-GCM
    after: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(Text, default="")  # the row's digests after the event
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)  # from the history before the journal
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# --- who ------------------------------------------------------------------------------------------------


def _who() -> tuple[str, str]:
    try:
        user = getpass.getuser()
    except Exception:  # no login name (a service account): still say which machine
        user = ""
    return user[:80], socket.gethostname()[:80]


WHO = _who()


# --- collecting the events of a transaction -------------------------------------------------------------

_BUFFER = "journal.pending"


def _pending(session: Session) -> list[tuple[SessionTransaction | None, dict[str, Any]]]:
    return session.info.setdefault(_BUFFER, [])


def _row_of(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in inspect(obj).mapper.column_attrs}


class _Keys:
    """The contacts' journal keys met in one flush or one bulk write, read in batches."""

    def __init__(self, session: Session | None) -> None:
        self.session = session  # None: only contacts' rows (their key is in the row), nothing read
        self.cache: dict[int, bytes | None] = {}

    def load(self, contact_ids: Iterable[int | None]) -> None:
        wanted = list({c for c in contact_ids if c is not None and c not in self.cache})
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            self.cache.update(dict.fromkeys(chunk))
            assert self.session is not None, "the keys of other tables than contacts are read from the base"
            rows = self.session.execute(
                text("SELECT id, journal_key FROM contacts WHERE id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ), {"ids": chunk}
            )  # fmt: skip
            self.cache.update({cid: key for cid, key in rows})

    def __call__(self, table: str, row: dict[str, Any]) -> bytes | None:
        if table == "contacts":
            return row.get("journal_key")
        cid = JOURNALED[table].contact(row)
        if cid is None:
            return None
        if cid not in self.cache:
            self.load([cid])
        return self.cache[cid]


def _event(table: str, row: dict[str, Any], action: str, before: dict[str, Any] | None,
           after: dict[str, Any] | None, key: bytes | None, *, seeded: bool = False,
           at: datetime | None = None, who: tuple[str, str] | None = None) -> dict[str, Any]:  # fmt: skip
    """One pending event. `after` None: the whole row is the after (an insert, a seed)."""
    spec = JOURNALED[table]
    if after is None:
        after_text, state = inserted(table, row, key)
    else:
        after_text = payload(table, after, key)
        state = state_of(table, row, key) if action != "delete" else ""
    user, host = who or WHO
    return {
        "at": at or utcnow(), "os_user": user, "host": host, "table_name": table, "row_ref": spec.ref(row),
        "contact_id": spec.contact(row), "action": action,
        "before": payload(table, before, key) if before else "", "after": after_text, "state": state,
        "seeded": seeded,
    }  # fmt: skip


def _table(obj: Any) -> str:
    return str(getattr(obj, "__tablename__", ""))


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.added or hist.deleted:
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if canonical(old) != canonical(new):
                before[attr.key], after[attr.key] = old, new
    return before, after


def _after_flush(session: Session, _context: Any) -> None:
    """Every ORM change to a journaled table becomes a pending event of this transaction."""
    buffer = _pending(session)
    trans = session.get_nested_transaction() or session.get_transaction()
    keys = _Keys(session)
    for obj in session.new:
        if (table := _table(obj)) in JOURNALED:
            row = _row_of(obj)
            buffer.append((trans, _event(table, row, "insert", None, None, keys(table, row))))
    for obj in session.dirty:
        if (table := _table(obj)) not in JOURNALED:
            continue
        before, after = _changes(obj)
        if not set(after) - JOURNALED[table].skip - {"version", "updated_at"}:
            continue  # only bookkeeping moved
        row = _row_of(obj)
        key = keys(table, row)
        if "journal_key" in after and before.get("journal_key"):
            key = None  # erased in this flush: its personal values stay out of the journal from now on
        buffer.append((trans, _event(table, row, "update", before, after, key)))
    for obj in session.deleted:
        if (table := _table(obj)) in JOURNALED:
            row = _row_of(obj)
            buffer.append((trans, _event(table, row, "delete", row, {}, keys(table, row))))


BULK_MIN = 200  # from this many rows, one event per chunk of rows instead of one per row
BULK_CHUNK = 10_000


def record_rows(session: Session, table: str, rows: Iterable[dict[str, Any]], action: str = "insert",
                changed: Iterable[str] | None = None, *, seeded: bool = False,
                at: Callable[[dict[str, Any]], datetime | None] | None = None, origin: str = "") -> int:  # fmt: skip
    """Bulk writes (Core inserts and updates) journaled like the ORM's. `rows` hold each row's full values
    after the write (its id, and for a contact its journal key); for an update, `changed` names the
    columns written. A few rows: one event each. Many (an import, a transmission): one event per chunk of
    rows — each row's reference and digests, nothing else (docs/rules.md §10.2: the values are those of
    the file or the selection the bulk write came from) — so that journaling 100,000 rows costs a
    fraction of writing them."""
    rows = list(rows) if not isinstance(rows, list) else rows
    add_events(session, _events(table, rows, _Keys(session), action, changed, seeded, at, origin))
    return len(rows)


def insert_events(table: str, rows: list[dict[str, Any]], origin: str = "") -> list[dict[str, Any]]:
    """The events record_rows would add for a bulk insert of these contacts (full values, ids included),
    worked out without a session — by another process, while this one writes (services.importing.writing).
    add_events() then adds them to the transaction."""
    if table != "contacts":
        raise ValueError("only a contact's key is in its row")
    return list(_events(table, rows, _Keys(None), "insert", None, False, None, origin))


def _events(table: str, rows: list[dict[str, Any]], keys: _Keys, action: str, changed: Iterable[str] | None,
            seeded: bool, at: Callable[[dict[str, Any]], datetime | None] | None,
            origin: str) -> Iterator[dict[str, Any]]:  # fmt: skip
    """record_rows' events: one per chunk of rows from BULK_MIN rows, else one per row."""
    if len(rows) >= BULK_MIN and at is None and not seeded:
        yield from _bulk_events(table, rows, keys, action, changed, origin)
        return
    fields = set(changed) if changed is not None else None
    who = ("", "") if seeded else None
    contact = JOURNALED[table].contact
    for batch in _batches(rows, 5000):
        if table != "contacts":
            keys.load(contact(row) for row in batch)
        for row in batch:
            after = None if fields is None else {k: v for k, v in row.items() if k in fields}
            when = at(row) if at else None
            yield _event(table, row, action, None, after, keys(table, row), seeded=seeded, at=when, who=who)


def add_events(session: Session, events: Iterable[dict[str, Any]]) -> None:
    """Events worked out beforehand, added to the session's current transaction (chained at its commit)."""
    buffer = _pending(session)
    trans = session.get_nested_transaction() or session.get_transaction()
    buffer.extend((trans, ev) for ev in events)


def _bulk_events(table: str, rows: list[dict[str, Any]], keys: _Keys, action: str,
                 changed: Iterable[str] | None, origin: str) -> list[dict[str, Any]]:  # fmt: skip
    """One event per chunk: row_ref « *LO-HI » (the contacts it covers, for the history's lookup), after =
    {"t": layout, "rows": [[ref, contact, state], ...], "changed": [...], "origin": what wrote them}.
    Rows that differ only by their id and contact (an import's sources, a transmission's lines) are written
    {"template": {...}, "rows": [[id, contact], ...]}: their digests are the template's, computed when checked."""
    spec = JOURNALED[table]
    tag = layout(table).tag
    now = utcnow()
    events = []
    for batch in _batches(rows, BULK_CHUNK):
        body: dict[str, Any] = {"t": tag}
        template = _template(table, batch) if action == "insert" else None
        if template is not None:
            body["template"] = template
            body["rows"] = [[row[spec.key_column], spec.contact(row)] for row in batch]
        else:
            if table != "contacts":
                keys.load(spec.contact(row) for row in batch)
            states = bulk_states(table, batch, [keys(table, row) for row in batch])
            body["rows"] = [
                [spec.ref(row), spec.contact(row), state] for row, state in zip(batch, states, strict=True)
            ]
        contacts = [e[1] for e in body["rows"] if e[1] is not None]
        if changed is not None:
            body["changed"] = sorted(set(changed) - spec.skip)
        if origin:
            body["origin"] = origin
        events.append({
            "at": now, "os_user": WHO[0], "host": WHO[1], "table_name": table,
            "row_ref": f"*{min(contacts)}-{max(contacts)}" if contacts else "*", "contact_id": None,
            "action": action, "before": "", "after": ENCODE(body), "state": "", "seeded": False,
        })  # fmt: skip
    return events


def _template(table: str, batch: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The values every row of the batch shares, when they differ only by their id and contact and hold
    nothing personal; else None."""
    spec = JOURNALED[table]
    if spec.personal or not batch:
        return None
    own = {spec.key_column, "contact_id"}
    first = {k: v for k, v in batch[0].items() if k not in own and k not in spec.skip}
    for row in batch:
        for k, v in first.items():
            if row.get(k) != v:
                return None
    return {k: canonical(v) for k, v in first.items()}


def template_rows(table: str, body: dict[str, Any]) -> list[list[Any]]:
    """A bulk event's rows as [ref, contact, state] — computing the digests of a template's rows."""
    spec = JOURNALED[table]
    if "template" not in body:
        return list(body["rows"])
    template = body["template"]
    out = []
    for ref, contact in body["rows"]:
        row = {**template, spec.key_column: ref}
        if contact is not None:
            row["contact_id"] = contact
        out.append([str(ref), contact, state_of(table, row, None, body["t"])])
    return out


def bulk_rows(event: JournalEvent) -> list[list[Any]]:
    """The [ref, contact, state] of each row a bulk event covers ([] for a one-row event)."""
    if not event.row_ref.startswith("*") or not event.after:
        return []
    return template_rows(event.table_name, json.loads(event.after))


def bulk_covers(row_ref: str, contact_id: int) -> bool:
    """Whether a bulk event's span (« *LO-HI ») may hold the contact (then its rows are read)."""
    lo, _, hi = row_ref[1:].partition("-")
    return bool(lo) and int(lo) <= contact_id <= int(hi)


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@lru_cache(maxsize=64)
def _defaults(table: Any) -> tuple[tuple[str, Any, bool], ...]:
    return tuple(
        (c.key, c.default.arg, callable(c.default.arg))  # a scalar or a Python callable default
        for c in table.columns
        if c.default is not None and not c.primary_key
    )


def with_defaults(table: Any, row: dict[str, Any]) -> dict[str, Any]:
    """The row completed with its columns' Python defaults, so that a bulk insert writes exactly the
    values its journal event describes (no read-back needed: 100,000 rows)."""
    for key, arg, call in _defaults(getattr(table, "__table__", table)):
        if key not in row:
            row[key] = arg(None) if call else arg
    return row


def insert_journaled(session: Session, table: Any, rows: list[dict[str, Any]], origin: str = "") -> list[int]:
    """Insert rows (Core), journal them (docs/rules.md §10.2: one event per row, bulk-written) and return
    their ids in the order of rows."""
    for row in rows:
        with_defaults(table, row)  # the values the event describes are the values written
    ids = _insert_returning_ids(session, table, rows)
    for row, new_id in zip(rows, ids, strict=True):
        row["id"] = new_id
    record_rows(session, table.name, rows, origin=origin)
    return ids


def _insert_returning_ids(session: Session, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    # The ids taken first (models.bulk.reserve_ids), then the rows written with them by the driver's
    # executemany. SQLite gives RETURNING in parameter order only one row at a time (100x slower); on
    # PostgreSQL, INSERT … RETURNING over 100,000 rows made psycopg parse one 30,000-placeholder statement
    # per page of 1,000 rows: 40 of the 68 s of an import.
    ids = reserve_ids(session, table, len(rows))
    if ids is None:
        stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(session.execute(stmt, rows).scalars())
    for row, new_id in zip(rows, ids, strict=True):
        row["id"] = new_id
    bulk_insert(session, table, rows)
    return ids


def record_select(session: Session, table: Any, condition: Any, action: str = "insert",
                  changed: Iterable[str] | None = None, origin: str = "") -> int:  # fmt: skip
    """Journal a bulk INSERT or UPDATE after it ran: the rows matching `condition`, read back whole (the
    values the base holds, so their digests are those `audit verify` will compute)."""
    table = getattr(table, "__table__", table)
    result = session.execute(select(table).where(condition).execution_options(yield_per=5000))
    return record_rows(
        session, table.name, (dict(r) for r in result.mappings()), action, changed, origin=origin
    )


def _after_soft_rollback(session: Session, previous: SessionTransaction) -> None:
    """A rolled-back transaction or savepoint leaves nothing in the journal."""
    buffer = session.info.get(_BUFFER)
    if not buffer:
        return
    kept = []
    for trans, ev in buffer:
        t = trans
        while t is not None and t is not previous:
            t = t.parent
        if t is None:
            kept.append((trans, ev))
    session.info[_BUFFER] = kept


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_BUFFER, None)


def pending(session: Session) -> list[JournalEvent]:
    """This transaction's events, not yet sealed (they are at its commit): what it has changed so far."""
    session.flush()
    return [
        JournalEvent(**ev, seq=0, prev_hash="", hash="", db_role="")
        for _, ev in session.info.get(_BUFFER, [])
    ]


def head(session: Session) -> tuple[int, str]:
    """The last sealed event: (count, hash) — printed on registers and backups as an anchor."""
    row = session.execute(
        select(JournalEvent.seq, JournalEvent.hash).order_by(JournalEvent.seq.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def anchor_text(session: Session) -> str:
    """The head of the chain as printed on registers, backups and the dashboard (docs/rules.md §10.2):
    someone who rewrites the whole chain is caught against an earlier printout."""
    seq, digest = head(session)
    return f"Journal des opérations : {seq} événement(s) ; empreinte du dernier : {digest}"


def lock_journal(session: Session) -> None:
    """One chain, one order: the sealing of a transaction's events waits for the others'."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": 0x7765626C03})
    else:
        session.execute(text("UPDATE settings SET value = value WHERE 0 = 1"))  # SQLite's write lock


def _role(session: Session) -> str:
    if session.get_bind().dialect.name != "postgresql":
        return ""
    return str(session.execute(text("SELECT current_user")).scalar() or "")[:80]


def _before_commit(session: Session) -> None:
    """Seal the transaction's events into the chain, under the journal lock, just before it commits."""
    session.flush()
    buffer = session.info.get(_BUFFER)
    if not buffer:
        return
    lock_journal(session)
    seq, prev = head(session)
    role = _role(session)
    rows = []
    for _, ev in buffer:
        seq += 1
        ev["seq"], ev["db_role"], ev["prev_hash"] = seq, role, prev
        ev["hash"] = prev = chain_digest(
            [
                seq,
                canonical(ev["at"]),
                ev["os_user"],
                ev["host"],
                role,
                ev["table_name"],
                ev["row_ref"],
                ev["contact_id"],
                ev["action"],
                ev["before"],
                ev["after"],
                ev["state"],
                bool(ev["seeded"]),
                ev["prev_hash"],
            ]
        )  # fmt: skip  (chain_hash, unrolled: a 100,000-row import seals as many events)
        rows.append(ev)
    session.info[_BUFFER] = []
    for start in range(0, len(rows), 5000):
        bulk_insert(session, JournalEvent.__table__, rows[start : start + 5000])


def install() -> None:
    """Journal every session of the app (called once, when a base is opened)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_soft_rollback", _after_soft_rollback)
        event.listen(Session, "after_transaction_end", _after_transaction_end)
        event.listen(Session, "before_commit", _before_commit)


def count(session: Session) -> int:
    return session.scalar(select(func.count(JournalEvent.id))) or 0
