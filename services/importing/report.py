"""The report of an import: every refused or warned row, its original cells and the reasons (.xlsx)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from services.core.spreadsheet import Column, write_table
from services.importing.outcome import ACTION_LABELS, PLANNED_LABELS, ImportResult
from services.importing.reading import cell_text


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
