"""Reading a file to import: the sheet (services.core.sheet_reader, the one hardened reader of files
from outside) or an address book (.vcf, services.importing.vcard), then its header row.

Every failure is an InputError naming the file and the problem, in French; nothing is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from services.core.bulk import collector_paused
from services.core.csv_reader import decode_csv, unneutralise
from services.core.csv_reader import detect_separator as detect_separator
from services.core.sheet_grid import (
    CSV_SUFFIXES,
    MAX_CELLS,
    SPREADSHEET_SUFFIXES,
    Grid,
    read_bytes,
    unreadable,
)
from services.core.sheet_reader import check_file, clean_invisible, sheet_names
from services.core.sheet_reader import read_grid as core_read_grid
from services.core.text import fold
from services.importing.vcard import read_vcard_rows

__all__ = ["Table", "detect_separator", "read_table", "sheet_names", "unneutralise"]

SUFFIXES = (*SPREADSHEET_SUFFIXES, *CSV_SUFFIXES, ".vcf")
HEADER_SCAN_ROWS = 30


@dataclass
class Table:
    """A sheet as read: raw cell values (str, float, int, bool, date, datetime), header row found."""

    path: Path
    sheet: str
    sheet_names: list[str]
    header_row: int  # 0-based index in the sheet of the header row
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)  # the data rows under the header
    warnings: list[str] = field(default_factory=list)  # what the reader changed or left out, in French

    def line_number(self, index: int) -> int:
        """The spreadsheet line (1-based, as shown by Excel) of data row `index`."""
        return self.header_row + 2 + index


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """A workbook's sheet or a CSV file (services.core.sheet_reader), or an address book (.vcf)."""
    if path.suffix.lower() != ".vcf":
        return core_read_grid(path, sheet)
    check_file(path, SUFFIXES)
    grid = Grid(path.stem, [path.stem], read_vcf(path))
    clean_invisible(grid)
    return grid


def read_vcf(path: Path) -> list[list[Any]]:
    """An address book: one row per card (services.importing.vcard)."""
    data = read_bytes(path)
    if data[:4096].count(b"\x00") > 8 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise unreadable(path, "ce n'est pas un carnet d'adresses vCard (contenu binaire).")
    return read_vcard_rows(path, decode_csv(data), MAX_CELLS // 15)


# --- header row -----------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_TOTAL_ROW = re.compile(r"(sous[ -]?)?total|subtotal|grand total|total general|montant total|totaux")


def is_total_row(cells: list[Any]) -> bool:
    """A total or subtotal line of an accountant's workbook: "TOTAL", "Sous-total" and no other text."""
    texts = 0
    first = ""
    for v in cells:
        if isinstance(v, str) and v.strip():
            texts += 1
            if texts == 1:
                first = v
            if texts > 2:
                return False
    if not first:
        return False
    key = fold(first).rstrip(" :")
    return bool(_TOTAL_ROW.match(key)) and (len(key) < 6 or not key[5:6].isalpha() or key.startswith("sous"))


def detect_header_row(rows: list[list[Any]], score: Any = None) -> int:
    """The header row: the one among the first rows whose cells are most recognised as headers.

    Title rows ("Clients 2025") and blank lines above the header are skipped. `score(cells)` counts
    the recognised headers (mapping.header_score); without a recognised header, the first row with
    at least two text cells and no number or date.
    """
    best, best_score = -1, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        s = score(row) if score else 0
        if s > best_score:
            best, best_score = i, s
    if best >= 0 and best_score >= 2:
        return best
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        filled = [v for v in row if not is_blank(v)]
        if len(filled) >= 2 and all(isinstance(v, str) for v in filled):
            return i
    for i, row in enumerate(rows):
        if any(not is_blank(v) for v in row):
            return i
    return 0


def header_texts(row: Iterable[Any]) -> list[str]:
    """The column names: blank ones numbered, repeated ones made unique ("Nom", "Nom (2)")."""
    out: list[str] = []
    seen: set[str] = set()
    for i, v in enumerate(row):
        text = " ".join(cell_text(v).split()) or f"Colonne {i + 1}"
        name, n = text, 2
        while name in seen:
            name, n = f"{text} ({n})", n + 1
        seen.add(name)
        out.append(name)
    return out


def cell_text(value: Any) -> str:
    """A cell as text: 12.0 -> "12", a date -> "31/12/2025"; never a formula (calamine gives values)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != time(0) else value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def read_table(
    path: Path, sheet: str | None = None, header_row: int | None = None, score: Any = None
) -> Table:
    """Read a sheet, find its header row (unless given) and return the data rows under it."""
    with collector_paused():  # 1.5 million cells, none of them in a cycle (services.core.bulk)
        grid = read_grid(path, sheet)
    name, names, rows = grid.sheet, grid.sheet_names, grid.rows
    # Trailing blank rows and columns are not data.
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise unreadable(path, f"la feuille « {name} » est vide.")
    if header_row is None:
        header_row = detect_header_row(rows, score)
    if not 0 <= header_row < len(rows):
        raise unreadable(
            path, f"la ligne d'en-tête {header_row + 1} n'existe pas (la feuille a {len(rows)} lignes)."
        )
    headers = header_texts(rows[header_row])
    data = rows[header_row + 1 :]
    width = max([len(headers), *(len(r) for r in data[:1000])])
    while (
        width > 0
        and headers[width - 1 : width] in ([f"Colonne {width}"], [])
        and all(len(r) < width or is_blank(r[width - 1]) for r in data)
    ):
        width -= 1
    headers = (headers + [f"Colonne {i + 1}" for i in range(len(headers), width)])[:width]
    return Table(path, name, names, header_row, headers, data, grid.warnings)
