"""Reading a sparse sheet cell by cell (services.core.sheet_extent decides when): only the cells present
are visited, in bounded memory, whatever block their references span."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from services.core.sheet_extent import Quiet, column_letters


def stream_xlsx(path: Path, sheet: str) -> Iterator[tuple[int, int, Any]]:
    """(row, column, value) of every cell holding a value, 1-based, by openpyxl's read-only parser.

    openpyxl's own row iterator pads every row to the sheet's dimension (the very block we avoid): its
    parser, which yields only the cells present, is used instead (openpyxl is pinned below 3.2 for it).
    """
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[sheet]
        parser = WorkSheetParser(
            ws._get_source(), ws._shared_strings, data_only=True, epoch=wb.epoch,
            date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats,
        )  # fmt: skip
        for _, cells in parser.parse():
            for cell in cells:
                value = cell["value"]
                if value is not None and value != "":
                    yield cell["row"], cell["column"], value
    finally:
        wb.close()


# --- .ods ---------------------------------------------------------------------------------------------

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _ods_value(cell: ElementTree.Element) -> Any:
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        return float(cell.get(f"{{{_OFFICE}}}value", "0"))
    if kind == "boolean":
        return cell.get(f"{{{_OFFICE}}}boolean-value") == "true"
    if kind == "date":
        text = cell.get(f"{{{_OFFICE}}}date-value", "")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        return moment.date() if len(text) <= 10 else moment
    paragraphs = ["".join(_ods_text(p)) for p in cell if p.tag == f"{{{_TEXT}}}p"]
    return "\n".join(paragraphs)


def _ods_text(el: ElementTree.Element) -> Iterator[str]:
    if el.text:
        yield el.text
    for child in el:
        if child.tag == f"{{{_TEXT}}}s":
            yield " " * int(child.get(f"{{{_TEXT}}}c", "1"))
        elif child.tag == f"{{{_TEXT}}}tab":
            yield "\t"
        elif child.tag == f"{{{_TEXT}}}line-break":
            yield "\n"
        else:
            yield from _ods_text(child)
        if child.tail:
            yield child.tail


def stream_ods(path: Path, sheet: str) -> Iterator[tuple[int, int, Any]]:
    """(row, column, value) of the valued cells of an .ods table, repeats expanded (rows_from_cells bounds them)."""
    table_tag, row_tag = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row"
    cell_tags = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
    repeat_rows, repeat_cols = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
    inside = False
    row = 0
    with zipfile.ZipFile(path) as z, z.open("content.xml") as stream:
        for event, el in ElementTree.iterparse(stream, events=("start", "end")):
            if el.tag == table_tag:
                if event == "start":
                    inside = el.get(f"{{{_TABLE}}}name") == sheet
                elif inside:
                    return
                continue
            if not inside or event != "end" or el.tag != row_tag:
                continue
            rows = max(int(el.get(repeat_rows, "1")), 1)
            col = 0
            valued: list[tuple[int, int, Any]] = []
            for cell in el:
                if cell.tag not in cell_tags:
                    continue
                rep = max(int(cell.get(repeat_cols, "1")), 1)
                if cell.get(f"{{{_OFFICE}}}value-type") is not None or len(cell):
                    value = _ods_value(cell)
                    if value not in ("", None):
                        valued.append((col + 1, rep, value))
                col += rep
            for r in range(rows if valued else 0):
                for first, rep, value in valued:
                    for c in range(first, first + rep):
                        yield row + r + 1, c, value
            row += rows
            el.clear()


# --- .xls ---------------------------------------------------------------------------------------------


def stream_xls(path: Path, sheet: str) -> Iterator[tuple[int, int, Any]]:
    """(row, column, value) of the valued cells of an .xls sheet, by xlrd (rows kept ragged)."""
    import xlrd

    book = xlrd.open_workbook(str(path), on_demand=True, ragged_rows=True, logfile=Quiet())
    try:
        ws = book.sheet_by_name(sheet)
        for r in range(ws.nrows):
            for c, cell in enumerate(ws.row(r)):
                value = _xls_value(cell, book.datemode)
                if value is not None and value != "":
                    yield r + 1, c + 1, value
    finally:
        book.release_resources()


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError):
            return cell.value
        return moment.date() if moment.time() == time(0) else moment
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    return cell.value


def rows_from_cells(
    cells: Iterator[tuple[int, int, Any]], max_columns: int, max_cells: int
) -> tuple[list[list[Any]], list[str]]:
    """A streamed sheet as rows from A1 (empty rows kept short, so line numbers stay Excel's), and the
    cells left out beyond the last column a contact list may have."""
    rows: list[list[Any]] = []
    slots = 0
    dropped: list[str] = []
    for r, c, value in cells:
        if c > max_columns:
            dropped.append(f"{column_letters(c)}{r}")
            continue
        while len(rows) < r:
            rows.append([])
        row = rows[r - 1]
        if len(row) < c:
            slots += c - len(row)
            if slots > max_cells:
                raise OverflowError(slots)
            row.extend([None] * (c - len(row)))
        row[c - 1] = value
    return rows, dropped
