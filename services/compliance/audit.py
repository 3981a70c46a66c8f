"""`audit verify`: the journal's chain walked, and the live rows held against their last event
(docs/rules.md §10.2).

The chain is broken when an event was edited (its hash no longer matches), deleted or inserted (its
successor's link, or the count, no longer follows). A row edited, deleted or added with any tool
outside the app leaves the chain whole but no longer matches its last event: that is reported too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from models.base import Base
from models.contact import Contact
from models.journal import JournalEvent, template_rows
from models.journal_codec import GENESIS, JOURNALED, same_state
from services.compliance.audit_chain import ACTION_LABELS, TABLE_LABELS, chain_ok_to_head, walk_chain

MAX_ROWS_REPORTED = 50


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


def verify_chain(session: Session, progress: Callable[[int], bool | None] | None = None) -> AuditReport:
    """Walk the chain from its first event: every hash recomputed, every link and number followed
    (services.compliance.audit_chain: two stretches at once for a long journal)."""
    stretch = walk_chain(session, progress)
    report = AuditReport(events=stretch.count, head_hash=stretch.last_digest if stretch.count else GENESIS)
    broken = stretch.broken or chain_ok_to_head(session, stretch)
    if broken is not None:
        report.broken = Broken(broken.event_id, broken.seq, broken.problem)
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
