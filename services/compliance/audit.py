"""`audit verify`: the journal's chain walked, and the live rows held against their last event
(docs/rules.md §10.2).

The chain is broken when an event was edited (its hash no longer matches), deleted or inserted (its
successor's link, or the count, no longer follows). A row edited, deleted or added with any tool
outside the app leaves the chain whole but no longer matches its last event: that is reported too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from models.base import Base
from models.contact import Contact
from models.journal import JournalEvent, head, template_rows
from models.journal_codec import GENESIS, JOURNALED, chain_digest, same_state
from services.core.errors import Cancelled

MAX_ROWS_REPORTED = 50
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


@dataclass(frozen=True)
class Broken:
    """The first event where the chain no longer holds."""

    event_id: int
    seq: int
    problem: str

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "seq": self.seq, "problem": self.problem}


@dataclass(frozen=True)
class RowMismatch:
    """A live row that no longer matches its last event."""

    table: str
    ref: str
    problem: str

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "ref": self.ref, "problem": self.problem}

    def text(self) -> str:
        return f"{TABLE_LABELS.get(self.table, self.table)} n° {self.ref} : {self.problem}"


@dataclass
class AuditReport:
    events: int = 0
    head_hash: str = GENESIS
    broken: Broken | None = None
    rows: list[RowMismatch] = field(default_factory=list)
    rows_total: int = 0

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.rows_total

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "events": self.events, "head": self.head_hash,
            "first_broken": self.broken.to_dict() if self.broken else None,
            "rows": [r.to_dict() for r in self.rows], "rows_total": self.rows_total,
        }  # fmt: skip

    def text(self) -> str:
        if self.ok:
            return f"Journal intact : {self.events} événement(s), empreinte {self.head_hash[:16]}…"
        lines = []
        if self.broken:
            lines.append(f"Journal rompu à l'événement n° {self.broken.seq} (id {self.broken.event_id}) : "
                         f"{self.broken.problem}")  # fmt: skip
        if self.rows_total:
            lines.append(f"{self.rows_total} ligne(s) ne correspondent plus au journal :")
            lines += [f"  {r.text()}" for r in self.rows]
            if self.rows_total > len(self.rows):
                lines.append(f"  … et {self.rows_total - len(self.rows)} autre(s)")
        return "\n".join(lines)


# The chain is walked through the driver's own cursor: a million events without the ORM's cost per row.
_WALK = ("SELECT id, seq, at, os_user, host, db_role, table_name, row_ref, contact_id, action, before, after, "
         "state, seeded, prev_hash, hash FROM journal_events ORDER BY seq")  # fmt: skip


def _walk(session: Session) -> Iterator[tuple[Any, ...]]:
    raw = session.connection().connection
    postgres = session.get_bind().dialect.name == "postgresql"
    # A server-side cursor on PostgreSQL: the rows arrive in batches, never all in memory.
    cursor = raw.driver_connection.cursor(name="journal_walk") if postgres else raw.cursor()  # type: ignore[union-attr]  # psycopg's named cursor
    try:
        cursor.execute(_WALK)
        while rows := cursor.fetchmany(20000):
            yield from rows
    finally:
        cursor.close()


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


def verify_chain(session: Session, progress: Callable[[int], bool] | None = None) -> AuditReport:
    """Walk the chain from its first event: every hash recomputed, every link and number followed."""
    report = AuditReport()
    prev, expected, count = GENESIS, 1, 0
    for row in _walk(session):
        count += 1
        (event_id, seq, at, user, host, role, table, ref, cid, action, before, after, state, seeded,
         prev_hash, digest) = row  # fmt: skip
        if report.broken is None:
            if seq != expected:
                what = "événement(s) manquant(s) avant celui-ci" if seq > expected else "numéro en double"
                report.broken = Broken(event_id, seq, f"{what} (n° {expected} attendu)")
            elif prev_hash != prev:
                report.broken = Broken(event_id, seq, "le lien vers l'événement précédent ne correspond pas "
                                                      "(un événement a été supprimé, inséré ou réécrit)")  # fmt: skip
            elif chain_digest([seq, _at_text(at), user, host, role, table, ref, cid, action, before, after, state,
                               bool(seeded), prev_hash]) != digest:  # fmt: skip
                report.broken = Broken(
                    event_id, seq, f"l'événement a été modifié ({_what(table, ref, action)})"
                )
            prev, expected = digest, seq + 1
        if progress and count % 50000 == 0 and progress(count) is False:
            raise Cancelled("Vérification annulée.")
    report.events = count
    report.head_hash = prev if count else GENESIS
    if report.broken is None:
        seq, last = head(session)
        if seq != count or last != prev:
            report.broken = Broken(0, seq, "le dernier événement ne suit pas la chaîne")
    return report


def _what(table: str, ref: str, action: str) -> str:
    return f"{TABLE_LABELS.get(table, table)} n° {ref}, {ACTION_LABELS.get(action, action)}"


def _last_states(session: Session, table: str) -> dict[str, tuple[str, str]]:
    """Each row's last event in the table: ref -> (action, state) — from its own events and from the bulk
    events (an import's chunks) that list it, whichever came last."""
    single = JournalEvent.table_name == table, ~JournalEvent.row_ref.startswith("*")
    last = (
        select(JournalEvent.row_ref, func.max(JournalEvent.seq).label("seq"))
        .where(*single)
        .group_by(JournalEvent.row_ref)
        .subquery()
    )
    rows = session.execute(
        select(JournalEvent.row_ref, JournalEvent.seq, JournalEvent.action, JournalEvent.state)
        .join(last, (last.c.row_ref == JournalEvent.row_ref) & (last.c.seq == JournalEvent.seq))
        .where(*single)
    )
    found = {ref: (seq, action, state) for ref, seq, action, state in rows}
    bulk = session.execute(
        select(JournalEvent.seq, JournalEvent.action, JournalEvent.after)
        .where(JournalEvent.table_name == table, JournalEvent.row_ref.startswith("*"))
        .order_by(JournalEvent.seq)
    )
    for seq, action, after in bulk:
        for ref, _contact, state in template_rows(table, json.loads(after)):
            if ref not in found or found[ref][0] < seq:
                found[ref] = (seq, action, state)
    return {ref: (action, state) for ref, (_seq, action, state) in found.items()}


def verify_rows(session: Session, report: AuditReport) -> None:
    """Every live row of every journaled table against its last event."""
    keys: dict[int, bytes | None] = dict(session.execute(select(Contact.id, Contact.journal_key)).all())
    for name, spec in JOURNALED.items():
        table: Table = Base.metadata.tables[name]
        last = _last_states(session, name)
        for r in session.execute(select(table)).mappings():
            row = dict(r)
            ref = spec.ref(row)
            if ref in spec.untracked:
                last.pop(ref, None)
                continue
            cid = spec.contact(row)
            key = (
                row.get("journal_key") if name == "contacts" else (keys.get(cid) if cid is not None else None)
            )
            recorded = last.pop(ref, None)
            if recorded is None:
                _mismatch(report, name, ref, "ajoutée hors de l'application (aucun événement)")
            elif recorded[0] == "delete":
                _mismatch(report, name, ref, "supprimée dans le journal mais présente dans la base")
            elif not same_state(recorded[1], name, row, key):
                _mismatch(report, name, ref, "modifiée hors de l'application")
        for ref, (action, _) in last.items():
            if action != "delete":
                _mismatch(report, name, ref, "supprimée hors de l'application")


def _mismatch(report: AuditReport, table: str, ref: str, problem: str) -> None:
    report.rows_total += 1
    if len(report.rows) < MAX_ROWS_REPORTED:
        report.rows.append(RowMismatch(table, ref, problem))


def verify(session: Session, progress: Callable[[int], bool] | None = None) -> AuditReport:
    """docs/rules.md §10.2: the chain intact and every live row as its last event left it."""
    report = verify_chain(session, progress)
    verify_rows(session, report)
    return report
