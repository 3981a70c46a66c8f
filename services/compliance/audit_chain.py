"""Walking the journal's chain (docs/rules.md §10.2): every event's hash recomputed, every link and number
followed, from the first event to the last.

A long journal is walked in two stretches at once, the later one by a second process, then the two are
joined: the first event of the later stretch must carry the number and the link the earlier one ends on.
Each stretch recomputes its own events' hashes, so nothing is taken on trust from the other; a million
events take about half the time on the two cores of a small office's machine. Below SPLIT_FROM events
one walk is quicker than starting a process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from models.journal import JournalEvent, head
from models.journal_codec import GENESIS, chain_digest
from services.core.errors import Cancelled

# Events from which the walk is split in two (WEBLEADS_AUDIT_SPLIT_FROM: the bundle's smoke test splits a
# small journal to prove the second process starts in the built program).
SPLIT_FROM = int(os.environ.get("WEBLEADS_AUDIT_SPLIT_FROM", "300000"))
PROGRESS_EVERY = 50_000

# How the report names a table and an action, in French.
TABLE_LABELS = {
    "contacts": "contact", "contact_sources": "source", "consent_records": "consentement",
    "oppositions": "opposition", "informed_records": "information donnée",
    "suppression_entries": "liste d'opposition", "propagation_notices": "notification à un partenaire",
    "data_requests": "demande de droits", "call_log": "appel", "contracts": "contrat",
    "transmissions": "transmission", "transmission_lines": "ligne de transmission",
    "campaigns": "campagne", "settings": "réglage", "form_versions": "version de formulaire",
    "forms": "formulaire", "partners": "partenaire",
}  # fmt: skip
ACTION_LABELS = {"insert": "ajout", "update": "modification", "delete": "suppression", "seed": "reprise"}

# Through the driver's own cursor: a million events without the ORM's cost per row.
_WALK = ("SELECT id, seq, at, os_user, host, db_role, table_name, row_ref, contact_id, action, before, after, "
         "state, seeded, prev_hash, hash FROM journal_events WHERE seq >= {lo} AND seq < {hi} ORDER BY seq")  # fmt: skip


@dataclass(frozen=True)
class Break:
    """Where a stretch stops holding: the event's id and number, and what is wrong, in French."""

    event_id: int
    seq: int
    problem: str


@dataclass(frozen=True)
class Stretch:
    """What a walk over events lo ≤ seq < hi found (picklable: the later stretch comes from a process)."""

    count: int = 0
    # The first event's id, number, link and stored hash (its number and link are checked when joined).
    first: tuple[int, int, str, str] | None = None
    last_digest: str = GENESIS  # the hash recomputed for the last event before any break
    expected: int = 0  # the number the next event must carry
    broken: Break | None = None


def _at_text(value: Any) -> str:
    """The event's time as chain_hash encodes it, from what the driver returns (SQLite: the text
    SQLAlchemy stored, without microseconds when they are 0; PostgreSQL: a naive UTC datetime)."""
    if isinstance(value, str):
        if len(value) == 26:  # the usual form, sliced rather than parsed (a million times)
            return f"{value[:10]}T{value[11:]}+00:00"
        if len(value) == 19:  # on a whole second (a seeded or imported event): sliced too
            return f"{value[:10]}T{value[11:]}.000000+00:00"
        value = datetime.fromisoformat(value)
    return value.isoformat(timespec="microseconds") + "+00:00"


def _rows(raw: Any, postgres: bool, lo: int, hi: int) -> Iterator[tuple[Any, ...]]:
    # A server-side cursor on PostgreSQL: the rows arrive in batches, never all in memory.
    cursor = raw.cursor(name="journal_walk") if postgres else raw.cursor()
    try:
        cursor.execute(_WALK.format(lo=int(lo), hi=int(hi)))
        while rows := cursor.fetchmany(20000):
            yield from rows
    finally:
        cursor.close()


def walk(rows: Iterator[tuple[Any, ...]], prev: str | None, expected: int | None,
         progress: Callable[[int], bool | None] | None = None) -> Stretch:  # fmt: skip
    """Follow the events in order. prev/expected None: the stretch starts the walk's later half — its
    first event's number and link are left to the join."""
    count, first, broken = 0, None, None
    for row in rows:
        count += 1
        (event_id, seq, at, user, host, role, table, ref, cid, action, before, after, state, seeded,
         prev_hash, digest) = row  # fmt: skip
        if first is None:
            first = (event_id, seq, prev_hash, digest)
            if expected is None or prev is None:
                expected, prev = seq, prev_hash
        if broken is None:
            if seq != expected:
                what = "événement(s) manquant(s) avant celui-ci" if seq > expected else "numéro en double"
                broken = Break(event_id, seq, f"{what} (n° {expected} attendu)")
            elif prev_hash != prev:
                broken = Break(event_id, seq, "le lien vers l'événement précédent ne correspond pas "
                                              "(un événement a été supprimé, inséré ou réécrit)")  # fmt: skip
            elif chain_digest([seq, _at_text(at), user, host, role, table, ref, cid, action, before, after, state,
                               bool(seeded), prev_hash]) != digest:  # fmt: skip
                broken = Break(event_id, seq, f"l'événement a été modifié ({_what(table, ref, action)})")
            prev, expected = digest, seq + 1
        if progress and count % PROGRESS_EVERY == 0 and progress(count) is False:
            raise Cancelled("Vérification annulée.")
    return Stretch(count, first, prev or GENESIS, expected or 0, broken)


def _what(table: str, ref: str, action: str) -> str:
    return f"{TABLE_LABELS.get(table, table)} n° {ref}, {ACTION_LABELS.get(action, action)}"


def _later_stretch(url: str, lo: int, hi: int) -> Stretch:
    """Run in the second process: the later stretch, on a connection of its own."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            return walk(_rows(raw, engine.dialect.name == "postgresql", lo, hi), None, None)
    finally:
        engine.dispose()


def joined(earlier: Stretch, later: Stretch) -> Stretch:
    """The two stretches as one walk: the later one's first event must follow the earlier one's last."""
    if earlier.broken is not None or later.first is None:
        return Stretch(earlier.count + later.count, earlier.first, earlier.last_digest, earlier.expected,
                       earlier.broken)  # fmt: skip
    event_id, seq, link, stored = later.first
    broken = later.broken
    if seq != earlier.expected:
        what = "événement(s) manquant(s) avant celui-ci" if seq > earlier.expected else "numéro en double"
        broken = Break(event_id, seq, f"{what} (n° {earlier.expected} attendu)")
    elif link != earlier.last_digest:
        broken = Break(event_id, seq, "le lien vers l'événement précédent ne correspond pas "
                                      "(un événement a été supprimé, inséré ou réécrit)")  # fmt: skip
    # (as one walk would: the event where it breaks is the last one followed)
    last = later.last_digest if broken is later.broken else stored
    return Stretch(earlier.count + later.count, earlier.first, last, later.expected, broken)


def walk_chain(session: Session, progress: Callable[[int], bool | None] | None = None) -> Stretch:
    """The whole chain, in one walk or — from SPLIT_FROM events, on a base another process can open — in
    two stretches at once."""
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    raw = connection.connection.driver_connection
    low, high = session.execute(select(func.min(JournalEvent.seq), func.max(JournalEvent.seq))).one()
    url = connection.engine.url
    shareable = postgres or (url.database not in (None, "", ":memory:"))
    if low is None or high - low + 1 < SPLIT_FROM or not shareable:
        return walk(_rows(raw, postgres, 0, (high or 0) + 1), GENESIS, 1, progress)
    middle = (low + high) // 2 + 1
    context = multiprocessing.get_context("spawn")  # never fork: the window walks from a thread
    with context.Pool(1) as pool:
        later = pool.apply_async(
            _later_stretch, (url.render_as_string(hide_password=False), middle, high + 1)
        )
        both = None if progress is None else (lambda n: progress(2 * n))  # the halves move together
        earlier = walk(_rows(raw, postgres, 0, middle), GENESIS, 1, both)
        return joined(earlier, later.get())


def chain_ok_to_head(session: Session, stretch: Stretch) -> Break | None:
    """The last event must be the head the base records (a deleted tail leaves the chain whole)."""
    seq, last = head(session)
    if seq != stretch.count or last != stretch.last_digest:
        return Break(0, seq, "le dernier événement ne suit pas la chaîne")
    return None
