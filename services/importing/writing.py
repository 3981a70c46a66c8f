"""The real run: the plan written in the caller's transaction with bulk Core inserts (the ORM is ~8x
slower at 100,000 rows), a ContactSource per contact, the consents the file carries, an ImportRecord."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from functools import partial
from typing import Any

from sqlalchemy import Dialect, bindparam, select, update
from sqlalchemy.orm import Session

from models.base import utcnow
from models.bulk import bulk_insert, direct, driver_values, reserve_ids, write_values
from models.compliance import Form, FormVersion, Opposition
from models.contact import Contact, ContactSource, ContactTag
from models.imports import ImportRecord
from models.journal import add_events, insert_events, insert_journaled, record_select, with_defaults
from models.search_index import BulkIndexing
from services.compliance.consents import record_consent
from services.compliance.oppositions import covering_opposition, record_opposition
from services.contacts.search import search_text_for
from services.contacts.to_check import stored_reasons
from services.core.clock import business_tz
from services.core.errors import InputError
from services.core.moments import business_date
from services.core.two_cores import produced_on_second_core
from services.importing.outcome import ImportOptions, ImportResult, Progress
from services.importing.planning import CONTACT_COLUMNS, Plan, table_index, tick
from services.importing.reading import Table

BATCH = 2000


def _new_contact_row(values: dict[str, Any], options: ImportOptions, now: datetime) -> dict[str, Any]:
    row = {c: values.get(c) for c in CONTACT_COLUMNS}
    for c in CONTACT_COLUMNS:
        if row[c] is None and c not in ("customer_until", "last_contact_on"):
            row[c] = ""
    collected = values.get("collected_on")
    row.update(
        source_kind=options.source_kind,
        source_name=options.source_name,
        # docs/rules.md §3/§6: for a direct collection the row's own collection date is the date obtained.
        source_date=collected if collected and options.source_kind == "direct" else options.obtained_on,
        search_text=search_text_for(values),
        # « À vérifier » (services.contacts.to_check): the doubts the cleaning left.
        to_check="to_check" in values,
        to_check_reasons=stored_reasons(values["to_check"]) if "to_check" in values else "",
        version=1,
        created_at=now,
        updated_at=now,
        npai_on=None,
        erased_at=None,
    )
    return row


def _write_new_contacts(
    session: Session, plan: Plan, options: ImportOptions, now: datetime, note: str
) -> Iterator[tuple[list[int], list[int]]]:
    """Insert the new contacts a batch at a time, journaled (docs/rules.md §10.2): each batch's (row
    indexes, ids). The rows, their driver values and their journal events are worked out by the other
    core while this one writes the batch before (services.core.two_cores): their ids are taken first."""
    table = Contact.__table__
    dialect = session.get_bind().dialect
    ids = reserve_ids(session, table, len(plan.new_rows)) if direct(dialect) else None
    if ids is None:  # another engine, a table without a sequence: one batch after the other, here
        for start in range(0, len(plan.new_rows), BATCH):
            chunk = plan.new_rows[start : start + BATCH]
            rows = [_new_contact_row(plan.cleaned[i].values, options, now) for i in chunk]  # type: ignore[union-attr]  # a blank row (None) is never planned
            yield chunk, insert_journaled(session, table, rows, note)
        return
    conn = session.connection()
    make = partial(_prepared, plan, options, now, note, ids, dialect)
    with produced_on_second_core(make, len(ids)) as batches:
        for start, cols, values, events in batches:
            write_values(conn, table, cols, values)
            add_events(session, events)
            end = start + len(values)
            yield plan.new_rows[start:end], ids[start:end]


def _prepared(
    plan: Plan, options: ImportOptions, now: datetime, note: str, ids: list[int], dialect: Dialect
) -> Iterator[tuple[int, list[str], list[tuple[Any, ...]], list[dict[str, Any]]]]:
    """Each batch of new contacts as the driver and the journal take it: (its start in plan.new_rows, the
    columns, the converted values, the journal events). Pure: run by the other core."""
    table = Contact.__table__
    for start in range(0, len(plan.new_rows), BATCH):
        rows = []
        for i, new_id in zip(plan.new_rows[start : start + BATCH], ids[start : start + BATCH], strict=True):
            row = with_defaults(table, _new_contact_row(plan.cleaned[i].values, options, now))  # type: ignore[union-attr]  # a blank row (None) is never planned
            row["id"] = new_id
            rows.append(row)
        cols = list(rows[0])
        yield start, cols, driver_values(dialect, table, cols, rows), insert_events("contacts", rows, note)


def _complete(
    session: Session,
    cols: tuple[str, ...],
    params: list[dict[str, Any]],
    now: datetime,
    note: str,
    indexed: BulkIndexing,
    advanced: Callable[[int], None],
) -> None:
    """The contacts completed with the same fields: updated in batches, each refused if another workstation
    changed one of them meanwhile (`advanced` told of each batch), then journaled."""
    values: dict[str, Any] = {k: bindparam(f"p_{k}") for k in cols}
    values.update(search_text=bindparam("p_search_text"), version=Contact.version + 1, updated_at=now)
    upd = (
        update(Contact)
        .where(Contact.id == bindparam("b_id"), Contact.version == bindparam("b_version"))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    for start in range(0, len(params), BATCH):
        chunk = params[start : start + BATCH]
        indexed.replacing([p["b_id"] for p in chunk])
        res = session.connection().execute(upd, chunk)
        if res.supports_sane_multi_rowcount() and res.rowcount != len(chunk):
            raise InputError(
                "Des contacts ont été modifiés sur un autre poste pendant l'import : rien n'a été "
                "enregistré, relancez l'import."
            )
        advanced(len(chunk))
    merged_ids = [p["b_id"] for p in params]
    changed = {*cols, "search_text", "version", "updated_at"}
    for start in range(0, len(merged_ids), 900):
        chunk_ids = merged_ids[start : start + 900]
        record_select(session, Contact, Contact.id.in_(chunk_ids), "update", changed, origin=note)


def write_plan(
    session: Session,
    table: Table,
    plan: Plan,
    options: ImportOptions,
    result: ImportResult,
    progress: Progress | None,
) -> None:
    now = utcnow()
    note = f"import {table.path.name}"[:200]
    total = len(plan.new_rows) + len(plan.merges)
    done = 0
    new_ids: dict[int, int] = {}  # row index -> contact id
    with BulkIndexing(session.connection()) as indexed:  # the search index fed once, at the end
        for chunk, ids in _write_new_contacts(session, plan, options, now, note):
            indexed(ids)
            new_ids.update(zip(chunk, ids, strict=True))
            done += len(chunk)
            tick(progress, done, total, f"Enregistrement des contacts… {done}/{total}")

    tags = [
        {"contact_id": new_ids[i], "name": t}
        for i in plan.new_rows
        for t in plan.cleaned[i].values.get("tags") or ()  # type: ignore[union-attr]  # a blank row (None) is never planned
    ]
    # Merges: only empty fields are filled; the version moves on so that an open edit is refused.
    by_fields: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for cid, changes in plan.merges.items():
        base = plan.bases[cid]
        merged = {**base, **changes}
        cols = tuple(sorted(k for k in changes if k != "tags"))
        params = {f"p_{k}": changes[k] for k in cols}
        params.update(b_id=cid, b_version=base["version"], p_search_text=search_text_for(merged))
        by_fields.setdefault(cols, []).append(params)
        for t in sorted(set(changes.get("tags") or ()) - set(base["tags"])):
            tags.append({"contact_id": cid, "name": t})

    def advanced(n: int) -> None:
        nonlocal done
        done += n
        tick(progress, done, total, f"Mise à jour des doublons… {done}/{total}")

    with BulkIndexing(session.connection()) as indexed:  # their search entries replaced at the end
        for cols, params in by_fields.items():
            _complete(session, cols, params, now, note, indexed, advanced)
    if tags:
        bulk_insert(session, ContactTag.__table__, tags)

    # The history of sources: one row per new contact, one per contact completed by this file (built a
    # batch at a time, not 100,000 dicts at once).
    sourced = [*new_ids.values(), *plan.merges]
    for start in range(0, len(sourced), BATCH * 5):
        sources = [
            {"contact_id": cid, "kind": options.source_kind, "name": options.source_name,
             "obtained_on": options.obtained_on, "note": note, "recorded_at": now}
            for cid in sourced[start : start + BATCH * 5]
        ]  # fmt: skip
        insert_journaled(session, ContactSource.__table__, sources, note)

    if options.form_version_id is not None:
        _write_consents(session, table, plan, options, new_ids, result)
    _write_oppositions(session, table, plan, options, new_ids)

    for r in result.rows:
        if r.action == "create" and r.contact_id is not None and r.contact_id < 0:
            r.contact_id = new_ids[-r.contact_id - 1]
        elif r.action in ("merge", "unchanged") and r.contact_id is not None and r.contact_id < 0:
            r.contact_id = new_ids.get(-r.contact_id - 1, r.contact_id)

    summary = result.summary()
    record = ImportRecord(
        file_name=table.path.name[:255], sha256=result.sha256, sheet=table.sheet[:100],
        imported_by=options.imported_by, imported_at=now, source_kind=options.source_kind,
        source_name=options.source_name, source_date=options.obtained_on, on_duplicate=options.on_duplicate,
        form_version_id=options.form_version_id, read_count=summary["read"],
        created_count=summary["created"], merged_count=summary["merged"],
        unchanged_count=summary["unchanged"], skipped_count=summary["skipped"],
        refused_count=summary["refused"], warning_count=summary["warnings"],
    )  # fmt: skip
    session.add(record)
    session.flush()
    result.import_id = record.id


# docs/rules.md §5.9: the scope the flag names, and how the objection reached the business.
OPPOSITION_OF = {
    "oppose_all": ("all", "file"),
    "oppose_post": ("post", "file"),
    "oppose_phone": ("phone", "phone"),
    "oppose_email": ("all", "email"),
}


def _write_oppositions(
    session: Session, table: Table, plan: Plan, options: ImportOptions, new_ids: dict[int, int]
) -> None:
    """docs/rules.md §5.9: every objection the file records, on the contact created or completed."""
    targets: list[tuple[int, int]] = [(i, cid) for i, cid in new_ids.items()]
    targets += [(i, cid) for cid, rows in plan.merge_rows.items() for i in rows]
    targets += plan.skipped_objections
    known = set(plan.bases) | {cid for _, cid in plan.skipped_objections}
    for i, cid in targets:
        found = plan.cleaned[i].values.get("oppositions")  # type: ignore[union-attr]  # a blank row (None) is never planned
        if not found:
            continue
        for name, on in found:
            scope, channel = OPPOSITION_OF[name]
            if cid in known and covering_opposition(session, cid, scope) is not None:
                continue  # already recorded (the same file imported again)
            obtained: date = options.obtained_on or business_date()
            received = min(on, obtained) if isinstance(on, date) else obtained
            record_opposition(
                session, cid, scope, channel, received, recorded_by=options.imported_by,
                note=f"Import du fichier {table.path.name}, ligne {table.line_number(i)}",
            )  # fmt: skip


def _write_consents(
    session: Session,
    table: Table,
    plan: Plan,
    options: ImportOptions,
    new_ids: dict[int, int],
    result: ImportResult,
) -> None:
    """The form's answers, one consent record per contact (append-only; never lifts an opposition)."""
    version = session.get(FormVersion, options.form_version_id)
    assert version is not None
    channel = session.scalar(select(Form.channel).where(Form.id == version.form_id)) or "paper"
    tz = business_tz(session)  # a collection date is a day of the shop's calendar (docs/rules.md §10.1)
    targets: list[tuple[int, int]] = [(i, cid) for i, cid in new_ids.items()]
    targets += [(i, cid) for cid, rows in plan.merge_rows.items() for i in rows]
    opposed: set[int] = set()
    existing = [cid for _, cid in targets if cid in plan.bases]
    for start in range(0, len(existing), 500):
        opposed.update(
            session.scalars(
                select(Opposition.contact_id).where(
                    Opposition.contact_id.in_(existing[start : start + 500]),
                    Opposition.scope.in_(("phone", "all")),
                    Opposition.in_force,
                )
            )
        )
    by_line = {table_index(table, r.line): r for r in result.rows}
    for i, cid in targets:
        values = plan.cleaned[i].values  # type: ignore[union-attr]  # a blank row (None) is never planned
        answers = {
            k: values.get(k) for k in ("refuse_post", "refuse_phone", "refuse_partners", "accept_phone")
        }
        if all(v is None for v in answers.values()):
            continue
        if answers["accept_phone"] and cid in opposed:
            # The import never lifts an objection: the opt-in is left out, the refusals are kept.
            answers["accept_phone"] = None
            by_line[i].reasons.append(
                "Accord téléphone non enregistré : la personne s'est opposée aux appels "
                "(un import ne lève jamais une opposition)."
            )
        collected = values.get("collected_on") or options.obtained_on
        # services.compliance.consents: the record, and the "informed" record when the form carries
        # the information text. accept_phone is never passed for an objected person (see above).
        record_consent(
            session, cid, version.id, **answers,
            recorded_on=datetime.combine(collected, time(0, 0), tzinfo=tz), channel=channel,
            recorded_by=options.imported_by, proof_kind="note",
            proof=f"Import du fichier {table.path.name} (SHA-256 {result.sha256}), ligne {table.line_number(i)}",
        )  # fmt: skip
