"""What an import reports: the options the user gave, and the result of each row and of the whole file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from models.contact import SOURCE_KINDS, format_ref
from services.core.errors import InputError
from services.core.moments import business_date
from services.core.text import clean_spaces
from services.importing.duplicates import DUPLICATE_ACTIONS

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

TEXT_ROWS = 5  # rows of each kind the command line's text lists (the full list goes to the report)


@dataclass
class ImportOptions:
    """What the user tells about the file. The source is mandatory (docs/rules.md §3.2)."""

    source_kind: str
    source_name: str
    obtained_on: date | None = None
    on_duplicate: str = "merge"
    person_kind: str = "consumer"
    form_version_id: int | None = None
    imported_by: str = ""

    def checked(self) -> ImportOptions:
        # docs/rules.md §3.2: the source decides the information owed (art. 13 or art. 14): never skipped.
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
        obtained = self.obtained_on or business_date()
        if obtained > business_date():
            raise InputError(f"La date d'obtention {obtained:%d/%m/%Y} est dans le futur.")
        if self.on_duplicate not in DUPLICATE_ACTIONS:
            raise InputError("Doublons : merge (compléter), skip (ignorer) ou create (créer quand même).")
        if self.person_kind not in ("consumer", "professional"):
            raise InputError("Type de contact par défaut : consumer (particulier) ou professional.")
        return ImportOptions(
            self.source_kind, name[:150], obtained, self.on_duplicate, self.person_kind,
            self.form_version_id, self.imported_by.strip()[:80],
        )  # fmt: skip


@dataclass(slots=True)  # 100,000 of them in an import: no per-row __dict__
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
    file_warnings: list[str] = field(default_factory=list)  # what the reader changed or left out

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
            "file_warnings": self.file_warnings,
            "rows": [
                {"line": r.line, "action": r.action, "ref": r.ref, "reasons": r.reasons, "note": r.note}
                for r in self.rows
                if r.action != "create" or r.reasons or r.note
            ],
        }

    def text(self, report: str = "", report_rows: int = 0, report_error: str = "") -> str:
        """What the command line prints without --json: the counts, the first lines of each kind, and where
        the full list of the rows to review is (`report`, written by the caller; or why it could not be)."""
        s = self.summary()
        head = "Vérification (rien n'a été écrit)" if self.dry_run else "Import terminé"
        lines = [
            f"{head} : {self.file_name}, feuille « {self.sheet} »",
            f"  lues {s['read']}, créées {s['created']}, complétées {s['merged']}, déjà à jour {s['unchanged']}, "
            f"ignorées {s['skipped']}, refusées {s['refused']}, avec avertissements {s['warnings']}",
            *(f"  Attention : {w}" for w in self.file_warnings),
        ]
        labels = PLANNED_LABELS if self.dry_run else ACTION_LABELS
        for kind, rows in self.listed().items():
            title = labels[kind] + (" avec avertissement" if kind == "create" else "")
            lines.append(f"  {title} : {len(rows)} ligne(s)")
            for r in rows[:TEXT_ROWS]:
                why = " ; ".join([*r.reasons, r.note] if r.note else r.reasons)
                lines.append(f"    ligne {r.line} : {why}")
            if len(rows) > TEXT_ROWS:
                lines.append(f"    … et {len(rows) - TEXT_ROWS} autre(s)")
        if report:
            lines.append(f"  Rapport complet ({report_rows} ligne(s) à revoir) : {report}")
        elif report_error:
            lines.append(f"  Rapport complet non écrit : {report_error}")
        return "\n".join(lines)

    def listed(self) -> dict[str, list[RowResult]]:
        """The rows the text speaks of, by kind in the order it lists them (kinds with no row left out):
        refused, duplicates (ignored, completed, already up to date), created with a warning or a note."""
        kinds: dict[str, list[RowResult]] = {
            k: [] for k in ("refuse", "skip", "merge", "unchanged", "create")
        }
        for r in self.rows:
            if r.action != "create" or r.reasons or r.note:
                kinds[r.action].append(r)
        return {k: rows for k, rows in kinds.items() if rows}

    def text_is_whole(self) -> bool:
        """Whether the text lists every row it speaks of (else the full list goes to a report)."""
        return all(len(rows) <= TEXT_ROWS for rows in self.listed().values())
