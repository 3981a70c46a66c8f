"""The dry run: every row cleaned, checked against the suppression list and the duplicates, and the
plan of what the real run will write (contacts to create, fields to fill)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.compliance import FormVersion
from models.contact import Contact, ContactTag, format_ref
from services.core.errors import Cancelled, InputError
from services.core.moments import business_date
from services.core.two_cores import map_on_two_cores
from services.importing.cleaning import CleanRow
from services.importing.duplicates import DuplicateIndex, Match
from services.importing.mapping import TARGETS, resolve
from services.importing.outcome import ImportOptions, Progress, RowResult
from services.importing.reading import Table, is_blank, is_total_row
from services.importing.row_cleaning import RowCleaner
from services.importing.suppression_check import suppressed_rows

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


@dataclass
class Plan:
    cleaned: list[CleanRow | None]  # None: blank row
    results: list[RowResult]
    new_rows: list[int]  # indexes of the rows that create a contact
    merges: dict[int, dict[str, Any]]  # existing contact id -> fields to fill
    merge_rows: dict[int, list[int]]  # existing contact id -> rows merged into it
    bases: dict[int, dict[str, Any]]  # existing contact id -> its current values (with version)
    # docs/rules.md §5.9: a duplicate row left out still brings its objection: (row, contact id)
    skipped_objections: list[tuple[int, int]] = field(default_factory=list)


def tick(progress: Progress | None, done: int, total: int, text: str) -> None:
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


class CleanOrSkip:
    """One row of cells cleaned, or None for a blank line or an accountant's total (not a person)."""

    def __init__(self, clean: RowCleaner) -> None:
        self.clean = clean

    def __call__(self, cells: list[Any]) -> CleanRow | None:
        if all(is_blank(c) for c in cells) or is_total_row(cells):
            return None
        return self.clean(cells)


def plan_import(
    session: Session, table: Table, mapping: dict[str, str], options: ImportOptions, progress: Progress | None
) -> Plan:
    plan_cols = resolve(table.headers, mapping)
    _check_form_version(session, options.form_version_id, plan_cols.consent_fields)
    total = len(table.rows)
    today = business_date()
    cleaned = map_on_two_cores(
        CleanOrSkip(RowCleaner(plan_cols, options.person_kind, today)),
        table.rows,
        lambda i: tick(progress, i, total, f"Vérification des lignes… {i}/{total}"),
    )

    # docs/rules.md §5.2: an import never brings back a person who objected (even after an erasure).
    tick(progress, total, total, "Liste d'opposition…")
    blocked = suppressed_rows(session, cleaned)

    tick(progress, total, total, "Recherche des doublons…")
    index = DuplicateIndex()
    if session.scalar(select(func.count()).select_from(Contact)):
        index.load_base(session)
    results: list[RowResult] = []
    new_rows: list[int] = []
    pending: dict[int, CleanRow] = {}  # row index -> cleaned row that creates a contact
    matched: dict[int, list[tuple[int, int, str]]] = {}  # contact id -> [(result, row, why)]
    skipped_objections: list[tuple[int, int]] = []
    for i, row in enumerate(cleaned):
        if row is None:
            continue
        line = table.line_number(i)
        reasons = row.warnings
        if row.values.get("oppositions"):
            reasons = [*reasons, opposition_note(row.values["oppositions"])]
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
            if row.values.get("oppositions"):  # the row is left out, never the objection
                if match.key < 0:
                    _merge_consents(
                        pending[-match.key - 1].values, {"oppositions": row.values["oppositions"]}
                    )
                else:
                    skipped_objections.append((i, match.key))
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
            filled = _fill(current, cleaned[i].values)  # type: ignore[union-attr]  # a blank row (None) is never planned
            changes.update(filled)
            r.note = f"Doublon ({why}) de {format_ref(cid)} : " + (
                f"complété ({', '.join(_labels(filled))})." if filled else "déjà à jour, rien de nouveau."
            )
            if not filled:
                r.action = "unchanged"
            merge_rows.setdefault(cid, []).append(i)
        if changes:
            merges[cid] = changes
    return Plan(cleaned, results, new_rows, merges, merge_rows, bases, skipped_objections)


def opposition_note(found: list[tuple[str, Any]]) -> str:
    """docs/rules.md §5.9: what the row's objection columns will record."""
    labels = ", ".join(TARGETS[name].lower() for name, _ in found)
    return f"Opposition enregistrée d'après le fichier ({labels})."


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
    # docs/rules.md §5.9: an objection on any of the person's rows is theirs.
    if later.get("oppositions"):
        first["oppositions"] = [*(first.get("oppositions") or ()), *later["oppositions"]]


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
