"""Spreadsheets out: .xlsx an accountant or the CNIL can open, and .csv French Excel reads.

Rules every export follows (the import issue): French headers, bold frozen header row, autofilter,
sensible column widths, real date cells; CSV in UTF-8 with BOM and `;`. No cell can run as a
formula (CSV-injection, CVE-2021-25960 class). Files are written to a temporary name and renamed, so
a crash or a Cancel never leaves half a file.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from services.core.errors import Cancelled, InputError
from services.core.files import atomic_output
from services.core.moments import business_date, wall_time
from services.core.text import display_value

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
WIDTH_SAMPLE = 200
# Excel's sheet holds 1,048,576 rows: the header and this many below it. xlsxwriter answers -1 to a cell past
# it and writes nothing: an export of more rows would be silently cut. It is refused instead.
XLSX_MAX_ROWS = 1_048_575


def too_many_rows_message(rows: int | None = None) -> str:
    """One line: why a table cannot go to .xlsx, and what to do (.csv has no such limit)."""
    count = f" ({rows:,} lignes)".replace(",", "\u202f") if rows is not None else ""
    limit = f"{XLSX_MAX_ROWS:,}".replace(",", "\u202f")
    return (
        f"Trop de lignes pour un fichier Excel{count} : une feuille .xlsx en contient au plus {limit}. "
        "Exportez en .csv ; aucun fichier n'a été écrit."
    )


def check_xlsx_rows(path: Path, rows: int) -> None:
    """Refuse, before anything is written, a table of more rows than an .xlsx sheet holds."""
    if path.suffix.lower() == ".xlsx" and rows > XLSX_MAX_ROWS:
        raise InputError(too_many_rows_message(rows))


@dataclass(frozen=True)
class Column:
    header: str  # in French
    kind: str = "text"  # text, date, datetime, int, bool


@dataclass(frozen=True)
class Stamp:
    """What a register carries for whoever reads or prints it (docs/rules.md §10.2): the organisation that
    keeps it, printed at the top of every page, and the journal's head, on a sheet of its own."""

    organisation: str
    anchor: str


@dataclass
class Sheet:
    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def is_dangerous(text: str) -> bool:
    """Text a spreadsheet would run as a formula (or split as a command) if typed in a cell."""
    return text.startswith(DANGEROUS_FIRST)


def neutralise_csv(text: str) -> str:
    """In CSV the only defence is a leading apostrophe; the importer takes it off again. An apostrophe
    the user typed before such a character gets one more, so that it survives the round trip
    (« '=déjà neutralisé » is written « ''=déjà neutralisé » and read back as typed)."""
    if is_dangerous(text) or (text[:1] == "'" and text[1:2] in (*DANGEROUS_FIRST, "'")):
        return "'" + text
    return text


def write_xlsx(path: Path, sheets: Sequence[Sheet], progress: Callable[[int], bool] | None = None,
               stamp: Stamp | None = None) -> None:  # fmt: skip
    """Write the sheets to path (.xlsx). progress(rows_done) may return False to cancel. `stamp`: a
    register's organisation (in the printed pages' header) and journal head (on a last sheet of its own)."""
    import xlsxwriter

    with atomic_output(path) as tmp:
        wb = xlsxwriter.Workbook(tmp, {"constant_memory": True, "strings_to_formulas": False,
                                       "strings_to_numbers": False, "strings_to_urls": False})  # fmt: skip
        bold = wb.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
        text_fmt = wb.add_format({"quote_prefix": True})  # typed as text: Excel never evaluates it
        date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
        dt_fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        done = 0
        for sheet in sheets:
            ws = wb.add_worksheet(_sheet_name(sheet.name))
            cols = list(sheet.columns)
            rows = iter(sheet.rows)
            head = list(islice(rows, WIDTH_SAMPLE))
            for c, col in enumerate(cols):
                sample = [len(display_value(r[c])) for r in head]
                width = max([len(col.header), *sample, 6])
                ws.set_column(c, c, min(width + 2, 60))
            ws.freeze_panes(1, 0)
            _print_setup(ws, sheet.name, stamp)
            for c, col in enumerate(cols):
                ws.write_string(0, c, col.header, bold)
            r = 0
            for r, row in enumerate(_chain(head, rows), start=1):
                if r > XLSX_MAX_ROWS:  # a caller that could not count first: the temporary file goes
                    raise InputError(too_many_rows_message())
                for c, col in enumerate(cols):
                    _write_cell(ws, r, c, row[c], col.kind, text_fmt, date_fmt, dt_fmt)
                done += 1
                if progress and done % 1000 == 0 and progress(done) is False:
                    raise Cancelled("Export annulé : aucun fichier écrit.")
            ws.autofilter(0, 0, max(r, 1), max(len(cols) - 1, 0))
        if stamp is not None and stamp.anchor:
            ws = wb.add_worksheet("Empreinte du journal")
            ws.set_column(0, 0, 110)
            _print_setup(ws, "Empreinte du journal", stamp)  # printed: one page wide, titled, dated
            # wrapped at its spaces, the hash whole on its line: within the cell and the page
            ws.write_string(0, 0, stamp.anchor, wb.add_format({"bold": True, "text_wrap": True}))
            ws.write_string(
                1, 0, "Conservez une copie de cette ligne : un journal réécrit ne la retrouverait pas."
            )
        wb.close()


def _print_setup(ws: Any, title: str, stamp: Stamp | None) -> None:
    """Printed from Excel or LibreOffice, a table is readable: A4 landscape, as wide as the page, the header
    row on every page, a title line (the table, the organisation, the day) and the page numbers."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many pages down as needed
    ws.repeat_rows(0)
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)

    def escaped(text: str) -> str:  # « & » starts a control code in a page header
        return text.replace("&", "&&")

    left = escaped(title) + (f" — {escaped(stamp.organisation)}" if stamp and stamp.organisation else "")
    ws.set_header(f"&L&B{left}&B&R{business_date():%d/%m/%Y}", {"margin": 0.3})
    ws.set_footer("&CPage &P sur &N", {"margin": 0.3})


def _chain(head: list, rest: Iterable) -> Iterable:
    yield from head
    yield from rest


def _write_cell(
    ws: Any, r: int, c: int, value: Any, kind: str, text_fmt: Any, date_fmt: Any, dt_fmt: Any
) -> None:
    if value is None or value == "":
        return
    if kind == "date" and isinstance(value, date):
        ws.write_datetime(r, c, datetime(value.year, value.month, value.day), date_fmt)
    elif kind == "datetime" and isinstance(value, datetime):
        ws.write_datetime(r, c, wall_time(value), dt_fmt)  # Excel has no zones: the business's clock
    elif kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        ws.write_number(r, c, value)
    else:
        text = display_value(value)
        if is_dangerous(text):
            ws.write_string(r, c, text, text_fmt)
        else:
            ws.write_string(r, c, text)


def _sheet_name(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return name[:31] or "Feuille"


def write_csv(
    path: Path,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    progress: Callable[[int], bool] | None = None,
) -> None:
    """UTF-8 with BOM and `;`: what French Excel opens correctly by double-click."""
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow([c.header for c in columns])
        for done, row in enumerate(rows, start=1):
            w.writerow([neutralise_csv(display_value(v)) for v in row])
            if progress and done % 1000 == 0 and progress(done) is False:
                raise Cancelled("Export annulé : aucun fichier écrit.")


def write_table(
    path: Path, sheet_name: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]],
    progress: Callable[[int], bool] | None = None, stamp: Stamp | None = None,
) -> None:  # fmt: skip
    """One table to .xlsx or .csv, chosen by the file's extension."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(path, [Sheet(sheet_name, columns, rows)], progress, stamp)
    elif suffix == ".csv":
        write_csv(path, columns, rows, progress)
    else:
        raise InputError(f"Format d'export non pris en charge « {path.suffix} » : .xlsx ou .csv.")
