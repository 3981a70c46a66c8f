"""Running an import: the dry run row by row, then the real run in ONE transaction.

    table = read_table(path, sheet, score=header_score)
    result = run_import(session, table, mapping, options, dry_run=False, progress=...)

The real run writes every accepted row or nothing (an error or Cancel rolls the session back): bulk
Core inserts (the ORM is ~8x slower at 100,000 rows), search_text filled, a ContactSource row per
contact, consent records when the file carries the form's boxes, and an ImportRecord. It never
removes or lifts an opposition, never overwrites a consent or a recorded source.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from models.base import utcnow
from models.compliance import Form, FormVersion, Opposition
from models.contact import SOURCE_KINDS, Contact, ContactSource, ContactTag, format_ref
from models.imports import ImportRecord
from services.compliance.consents import record_consent
from services.contacts.search import search_text_for
from services.core.errors import Cancelled, InputError
from services.core.spreadsheet import Column, write_table
from services.core.text import clean_spaces
from services.importing.cleaning import CleanRow, RowCleaner
from services.importing.duplicates import DUPLICATE_ACTIONS, DuplicateIndex, Match
from services.importing.mapping import TARGETS, resolve
from services.importing.reading import Table, cell_text, file_sha256, is_blank
from services.importing.suppression_check import suppressed_rows

Progress = Callable[[int, int, str], bool]

ACTION_LABELS = {
    "create": "Créé",
    "merge": "Complété (doublon fusionné)",
    "unchanged": "Déjà à jour (doublon)",
    "skip": "Ignoré (doublon)",
    "refuse": "Refusé",
}
# The same, for the dry run ("Vérifier"): what would happen.
PLANNED_LABELS = {
    "create": "À créer",
    "merge": "À compléter (doublon)",
    "unchanged": "Déjà à jour (doublon)",
    "skip": "À ignorer (doublon)",
    "refuse": "Refusé",
}
# Fields a merge may fill when the existing contact has them empty (never the source, the kind,
# the status, oppositions or consents).
PERSON_FIELDS = ("civility", "first_name", "last_name", "company", "phone", "mobile", "email", "notes")
ADDRESS_FIELDS = (
    "address_complement", "address_building", "address_street", "address_extra", "postcode", "city", "cedex",
)  # fmt: skip
CONTACT_COLUMNS = (
    "civility", "first_name", "last_name", "company", *ADDRESS_FIELDS, "country", "phone", "mobile", "email",
    "status", "person_kind", "customer_until", "last_contact_on", "notes",
)  # fmt: skip
BATCH = 2000
TEXT_ROWS = 200  # rows listed in the command line's text output


@dataclass
class ImportOptions:
    """What the user tells about the file. The source is mandatory (RULES.md §3)."""

    source_kind: str
    source_name: str
    obtained_on: date | None = None
    on_duplicate: str = "merge"
    person_kind: str = "consumer"
    form_version_id: int | None = None
    imported_by: str = ""

    def checked(self) -> ImportOptions:
        # RULES.md §3: the source decides the information owed (art. 13 or art. 14): never skipped.
        if self.source_kind not in SOURCE_KINDS:
            raise InputError(
                "Origine des données obligatoire : direct (collecte directe), partner (partenaire), "
                "broker (courtier) ou public (source publique)."
            )
        name = clean_spaces(self.source_name)
        if not name:
            raise InputError(
                "Nom de la source obligatoire (par exemple « Salon de l'habitat 2026 » ou le partenaire)."
            )
        obtained = self.obtained_on or date.today()
        if obtained > date.today():
            raise InputError(f"La date d'obtention {obtained:%d/%m/%Y} est dans le futur.")
        if self.on_duplicate not in DUPLICATE_ACTIONS:
            raise InputError("Doublons : merge (compléter), skip (ignorer) ou create (créer quand même).")
        if self.person_kind not in ("consumer", "professional"):
            raise InputError("Type de contact par défaut : consumer (particulier) ou professional.")
        return ImportOptions(
            self.source_kind, name[:150], obtained, self.on_duplicate, self.person_kind,
            self.form_version_id, self.imported_by.strip()[:80],
        )  # fmt: skip


@dataclass
class RowResult:
    line: int  # the spreadsheet's line number
    action: str  # create, merge, unchanged, skip, refuse
    reasons: list[str]  # the refusal and the warnings, in French
    cells: list[Any]
    contact_id: int | None = None  # the existing contact (merge/unchanged/skip) or the new one
    note: str = ""  # what happened with a duplicate

    @property
    def ref(self) -> str:
        return format_ref(self.contact_id) if self.contact_id and self.contact_id > 0 else ""


@dataclass
class ImportResult:
    file_name: str
    sha256: str
    sheet: str
    dry_run: bool
    headers: list[str]
    rows: list[RowResult] = field(default_factory=list)
    import_id: int | None = None
    seconds: float = 0.0

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def warned(self) -> int:
        return sum(1 for r in self.rows if r.action != "refuse" and r.reasons)

    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTION_LABELS, 0)
        for r in self.rows:
            counts[r.action] += 1
        return {
            "read": len(self.rows), "created": counts["create"], "merged": counts["merge"],
            "unchanged": counts["unchanged"], "skipped": counts["skip"], "refused": counts["refuse"],
            "warnings": self.warned,
        }  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """The command line's JSON (a public contract: read, created, merged, skipped, refused, warnings)."""
        return {
            **self.summary(),
            "dry_run": self.dry_run,
            "file": self.file_name,
            "sha256": self.sha256,
            "sheet": self.sheet,
            "import_id": self.import_id,
            "rows": [
                {"line": r.line, "action": r.action, "ref": r.ref, "reasons": r.reasons, "note": r.note}
                for r in self.rows
                if r.action != "create" or r.reasons or r.note
            ],
        }

    def text(self) -> str:
        s = self.summary()
        head = "Vérification (rien n'a été écrit)" if self.dry_run else "Import terminé"
        lines = [
            f"{head} : {self.file_name}, feuille « {self.sheet} »",
            f"  lues {s['read']}, créées {s['created']}, complétées {s['merged']}, déjà à jour {s['unchanged']}, "
            f"ignorées {s['skipped']}, refusées {s['refused']}, avec avertissements {s['warnings']}",
        ]
        shown = 0
        for r in self.rows:
            if r.action != "create" or r.reasons or r.note:
                if shown == TEXT_ROWS:
                    lines.append("  … (la liste complète est dans le rapport : --report RAPPORT.xlsx)")
                    break
                why = " ; ".join([*r.reasons, r.note] if r.note else r.reasons)
                lines.append(f"  ligne {r.line} — {ACTION_LABELS[r.action]} : {why}")
                shown += 1
        return "\n".join(lines)


# --- planning (the dry run) -----------------------------------------------------------------------


@dataclass
class _Plan:
    cleaned: list[CleanRow | None]  # None: blank row
    results: list[RowResult]
    new_rows: list[int]  # indexes of the rows that create a contact
    merges: dict[int, dict[str, Any]]  # existing contact id -> fields to fill
    merge_rows: dict[int, list[int]]  # existing contact id -> rows merged into it
    bases: dict[int, dict[str, Any]]  # existing contact id -> its current values (with version)


def _tick(progress: Progress | None, done: int, total: int, text: str) -> None:
    if progress is not None and progress(done, total, text) is False:
        raise Cancelled("Import annulé : rien n'a été enregistré.")


def _check_form_version(
    session: Session, form_version_id: int | None, consent_fields: list[str]
) -> FormVersion | None:
    if form_version_id is None:
        if consent_fields:
            labels = ", ".join(TARGETS[f] for f in consent_fields)
            raise InputError(
                f"Le fichier contient des réponses de formulaire ({labels}) : indiquez la version du "
                "formulaire (--form-version) pour les enregistrer avec leur preuve, ou ignorez ces colonnes."
            )
        return None
    version = session.get(FormVersion, form_version_id)
    if version is None:
        raise InputError(f"Version de formulaire inconnue (n° {form_version_id}).")
    boxes = {b.get("key") for b in json.loads(version.boxes or "[]")}
    missing = [TARGETS[f] for f in consent_fields if f not in boxes]
    if missing:
        raise InputError(
            f"Le formulaire v{version.number} ne comporte pas ces cases : {', '.join(missing)} "
            "(vérifiez la version choisie ou la correspondance des colonnes)."
        )
    return version


def _plan(
    session: Session, table: Table, mapping: dict[str, str], options: ImportOptions, progress: Progress | None
) -> _Plan:
    plan_cols = resolve(table.headers, mapping)
    _check_form_version(session, options.form_version_id, plan_cols.consent_fields)
    total = len(table.rows)
    today = date.today()
    cleaned: list[CleanRow | None] = []
    clean = RowCleaner(plan_cols, options.person_kind, today)
    for i, cells in enumerate(table.rows):
        if all(is_blank(c) for c in cells):
            cleaned.append(None)
        else:
            cleaned.append(clean(cells))
        if i % 5000 == 0:
            _tick(progress, i, total, f"Vérification des lignes… {i}/{total}")

    # RULES.md §5: an import never brings back a person who objected (even after an erasure).
    _tick(progress, total, total, "Liste d'opposition…")
    blocked = suppressed_rows(session, cleaned)

    _tick(progress, total, total, "Recherche des doublons…")
    index = DuplicateIndex()
    if session.scalar(select(func.count()).select_from(Contact)):
        index.load_base(session)
    results: list[RowResult] = []
    new_rows: list[int] = []
    pending: dict[int, CleanRow] = {}  # row index -> cleaned row that creates a contact
    matched: dict[int, list[tuple[int, int, str]]] = {}  # contact id -> [(result, row, why)]
    for i, row in enumerate(cleaned):
        if row is None:
            continue
        line = table.line_number(i)
        reasons = row.warnings
        if row.refusal:
            results.append(RowResult(line, "refuse", [row.refusal, *reasons], table.rows[i]))
            continue
        if i in blocked:
            results.append(RowResult(line, "refuse", [blocked[i], *reasons], table.rows[i]))
            continue
        match = index.find(row.values)
        if match is None or options.on_duplicate == "create":
            note = (
                f"Doublon probable ({match.reason}) de {_who(match, table)} : créé quand même."
                if match
                else ""
            )
            results.append(RowResult(line, "create", reasons, table.rows[i], -(i + 1), note))
            new_rows.append(i)
            pending[i] = row
            index.add(-(i + 1), row.values)
        elif options.on_duplicate == "skip":
            note = f"Doublon ({match.reason}) de {_who(match, table)} : ignoré."
            results.append(RowResult(line, "skip", reasons, table.rows[i], match.key, note))
        elif match.key < 0:  # an earlier row of the same file: the later one completes it
            first = pending[-match.key - 1]
            filled = _fill(first.values, row.values)
            _merge_consents(first.values, row.values)
            note = f"Doublon ({match.reason}) de la ligne {table.line_number(-match.key - 1)} : " + (
                "fusionné avec elle." if filled else "rien de nouveau."
            )
            action = "merge" if filled else "unchanged"
            results.append(RowResult(line, action, reasons, table.rows[i], match.key, note))
            index.add(match.key, first.values)
        else:
            results.append(RowResult(line, "merge", reasons, table.rows[i], match.key))
            matched.setdefault(match.key, []).append((len(results) - 1, i, match.reason))
            index.add(match.key, row.values)

    bases = _load_bases(session, list(matched))
    merges: dict[int, dict[str, Any]] = {}
    merge_rows: dict[int, list[int]] = {}
    for cid, result_indexes in matched.items():
        current = dict(bases[cid])
        changes: dict[str, Any] = {}
        for ri, i, why in result_indexes:
            r = results[ri]
            filled = _fill(current, cleaned[i].values)  # type: ignore[union-attr]
            changes.update(filled)
            r.note = f"Doublon ({why}) de {format_ref(cid)} : " + (
                f"complété ({', '.join(_labels(filled))})." if filled else "déjà à jour, rien de nouveau."
            )
            if not filled:
                r.action = "unchanged"
            merge_rows.setdefault(cid, []).append(i)
        if changes:
            merges[cid] = changes
    return _Plan(cleaned, results, new_rows, merges, merge_rows, bases)


def table_index(table: Table, line: int) -> int:
    return line - table.header_row - 2


def _who(match: Match, table: Table) -> str:
    return format_ref(match.key) if match.key > 0 else f"la ligne {table.line_number(-match.key - 1)}"


def _labels(fields: dict[str, Any]) -> list[str]:
    return [TARGETS.get(k, k).lower() for k in fields if k not in ("tags", "search_text")]


def _fill(current: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The fields a duplicate row brings: only those empty in `current` (updated in place)."""
    filled: dict[str, Any] = {}
    for name in PERSON_FIELDS:
        if not current.get(name) and new.get(name):
            filled[name] = new[name]
    # An address is taken whole or completed at the same postcode, never mixed with another one.
    if not current.get("postcode") and not current.get("address_street") and not current.get("city"):
        for name in (*ADDRESS_FIELDS, "country"):
            if new.get(name) and new.get(name) != current.get(name):
                filled[name] = new[name]
    elif current.get("postcode") == new.get("postcode"):
        for name in ADDRESS_FIELDS:
            if not current.get(name) and new.get(name):
                filled[name] = new[name]
    if current.get("last_contact_on") is None and new.get("last_contact_on"):
        filled["last_contact_on"] = new["last_contact_on"]
    tags = sorted(set(new.get("tags") or ()) - set(current.get("tags") or ()))
    if tags:
        filled["tags"] = sorted({*(current.get("tags") or ()), *tags})
    current.update(filled)
    return filled


def _merge_consents(first: dict[str, Any], later: dict[str, Any]) -> None:
    # Two answers of the same person in one file: a refusal anywhere is kept (the safe reading).
    for key in ("refuse_post", "refuse_phone", "refuse_partners"):
        if later.get(key):
            first[key] = True


def _load_bases(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The current values of the contacts rows will merge into (Core rows, in chunks)."""
    out: dict[int, dict[str, Any]] = {}
    cols = [getattr(Contact, c) for c in CONTACT_COLUMNS]
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        for row in session.execute(select(Contact.id, Contact.version, *cols).where(Contact.id.in_(chunk))):
            d = dict(zip(("id", "version", *CONTACT_COLUMNS), row, strict=True))
            d["tags"] = []
            out[row[0]] = d
        for cid, name in session.execute(
            select(ContactTag.contact_id, ContactTag.name).where(ContactTag.contact_id.in_(chunk))
        ):
            out[cid]["tags"].append(name)
    return out


# --- writing --------------------------------------------------------------------------------------


def _new_contact_row(values: dict[str, Any], options: ImportOptions, now: datetime) -> dict[str, Any]:
    row = {c: values.get(c) for c in CONTACT_COLUMNS}
    for c in CONTACT_COLUMNS:
        if row[c] is None and c not in ("customer_until", "last_contact_on"):
            row[c] = ""
    collected = values.get("collected_on")
    row.update(
        source_kind=options.source_kind,
        source_name=options.source_name,
        # RULES.md §3/§6: for a direct collection the row's own collection date is the date obtained.
        source_date=collected if collected and options.source_kind == "direct" else options.obtained_on,
        search_text=search_text_for(values),
        version=1,
        created_at=now,
        updated_at=now,
        npai_on=None,
        erased_at=None,
    )
    return row


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Core executemany; on SQLite straight to the driver with the column types' own conversions.

    SQLAlchemy's per-row parameter building costs more than SQLite's own insert at 100,000 rows;
    the SQL and the date conversions are still SQLAlchemy's (same storage format as the ORM).
    """
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name != "sqlite":
        session.execute(insert(table), rows)
        return
    cols = list(rows[0])
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
        f"VALUES ({', '.join('?' * len(cols))})"
    )
    procs = [(i, p) for i, c in enumerate(cols) if (p := table.c[c].type.bind_processor(dialect))]
    data = []
    for r in rows:
        values = [r[c] for c in cols]
        for i, p in procs:
            if values[i] is not None:
                values[i] = p(values[i])
        data.append(tuple(values))
    conn.exec_driver_sql(sql, data)


def _insert_contacts(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert contacts (Core) and return their ids in the order of rows."""
    table = Contact.__table__
    if session.get_bind().dialect.name == "sqlite":
        # SQLite gives RETURNING in parameter order only one row at a time (100x slower). Our
        # transaction holds the only write lock and AUTOINCREMENT numbers rows in insertion order,
        # so the new ids are the ones above the current maximum, in order.
        before = session.scalar(select(func.max(table.c.id))) or 0
        bulk_insert(session, table, rows)
        ids = list(session.scalars(select(table.c.id).where(table.c.id > before).order_by(table.c.id)))
        if len(ids) != len(rows):
            raise RuntimeError("numérotation des nouveaux contacts inattendue")
        return ids
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(stmt, rows).scalars())


def _write(
    session: Session,
    table: Table,
    plan: _Plan,
    options: ImportOptions,
    result: ImportResult,
    progress: Progress | None,
) -> None:
    now = utcnow()
    note = f"import {table.path.name}"[:200]
    total = len(plan.new_rows) + len(plan.merges)
    done = 0
    new_ids: dict[int, int] = {}  # row index -> contact id
    for start in range(0, len(plan.new_rows), BATCH):
        chunk = plan.new_rows[start : start + BATCH]
        rows = [_new_contact_row(plan.cleaned[i].values, options, now) for i in chunk]  # type: ignore[union-attr]
        new_ids.update(zip(chunk, _insert_contacts(session, rows), strict=True))
        done += len(chunk)
        _tick(progress, done, total, f"Enregistrement des contacts… {done}/{total}")

    tags = [
        {"contact_id": new_ids[i], "name": t}
        for i in plan.new_rows
        for t in plan.cleaned[i].values.get("tags") or ()  # type: ignore[union-attr]
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
    for cols, params in by_fields.items():
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
            res = session.connection().execute(upd, chunk)
            if res.supports_sane_multi_rowcount() and res.rowcount != len(chunk):
                raise InputError(
                    "Des contacts ont été modifiés sur un autre poste pendant l'import : rien n'a été "
                    "enregistré, relancez l'import."
                )
            done += len(chunk)
            _tick(progress, done, total, f"Mise à jour des doublons… {done}/{total}")
    if tags:
        bulk_insert(session, ContactTag.__table__, tags)

    # The history of sources: one row per new contact, one per contact completed by this file.
    sources = [
        {"contact_id": cid, "kind": options.source_kind, "name": options.source_name,
         "obtained_on": options.obtained_on, "note": note, "recorded_at": now}
        for cid in [*new_ids.values(), *plan.merges]
    ]  # fmt: skip
    for start in range(0, len(sources), BATCH * 5):
        bulk_insert(session, ContactSource.__table__, sources[start : start + BATCH * 5])

    if options.form_version_id is not None:
        _write_consents(session, table, plan, options, new_ids, result)

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


def _write_consents(
    session: Session,
    table: Table,
    plan: _Plan,
    options: ImportOptions,
    new_ids: dict[int, int],
    result: ImportResult,
) -> None:
    """The form's answers, one consent record per contact (append-only; never lifts an opposition)."""
    version = session.get(FormVersion, options.form_version_id)
    assert version is not None
    channel = session.scalar(select(Form.channel).where(Form.id == version.form_id)) or "paper"
    targets: list[tuple[int, int]] = [(i, cid) for i, cid in new_ids.items()]
    targets += [(i, cid) for cid, rows in plan.merge_rows.items() for i in rows]
    opposed = set()
    existing = [cid for _, cid in targets if cid in plan.bases]
    for start in range(0, len(existing), 500):
        opposed.update(
            session.scalars(
                select(Opposition.contact_id).where(
                    Opposition.contact_id.in_(existing[start : start + 500]),
                    Opposition.scope.in_(("phone", "all")),
                    Opposition.lifted_by_consent_id.is_(None),
                )
            )
        )
    by_line = {table_index(table, r.line): r for r in result.rows}
    for i, cid in targets:
        values = plan.cleaned[i].values  # type: ignore[union-attr]
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
        # services.compliance.consents (issue 4): the record, and the "informed" record when the form carries
        # the information text. accept_phone is never passed for an objected person (see above).
        record_consent(
            session, cid, version.id, **answers,
            recorded_on=datetime(collected.year, collected.month, collected.day), channel=channel,
            recorded_by=options.imported_by, proof_kind="note",
            proof=f"Import du fichier {table.path.name} (SHA-256 {result.sha256}), ligne {table.line_number(i)}",
        )  # fmt: skip


# --- entry point ----------------------------------------------------------------------------------


def run_import(
    session: Session,
    table: Table,
    mapping: dict[str, str],
    options: ImportOptions,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    sha256: str | None = None,
) -> ImportResult:
    """Check (dry run) or import the table. The caller's session is the one transaction."""
    started = time.perf_counter()
    options = options.checked()
    result = ImportResult(
        table.path.name, sha256 or file_sha256(table.path), table.sheet, dry_run, list(table.headers)
    )
    plan = _plan(session, table, mapping, options, progress)
    result.rows = plan.results
    if not dry_run:
        _write(session, table, plan, options, result, progress)
        _tick(progress, 1, 1, "Validation…")
    result.seconds = time.perf_counter() - started
    return result


# --- the report -----------------------------------------------------------------------------------


def write_report(path: Path, result: ImportResult, progress: Callable[[int], bool] | None = None) -> int:
    """Every refused or warned row with its original cells and the reasons (services.core.spreadsheet).

    Returns the number of rows written.
    """
    columns = [
        Column("Ligne", "int"),
        Column("Résultat"),
        Column("Motifs"),
        Column("Doublon"),
        Column("Référence"),
    ]
    columns += [Column(h) for h in result.headers]
    width = len(result.headers)
    labels = PLANNED_LABELS if result.dry_run else ACTION_LABELS
    rows = [
        [r.line, labels[r.action], " ; ".join(r.reasons), r.note, r.ref,
         *[cell_text(v) for v in (list(r.cells) + [""] * width)[:width]]]
        for r in result.rows
        if r.action in ("refuse", "skip") or r.reasons
    ]  # fmt: skip
    write_table(path, "Lignes à revoir", columns, rows, progress)
    return len(rows)
