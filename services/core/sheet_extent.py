"""How big a sheet really is, read from the cells it holds, and the streaming readers for sparse sheets.

python-calamine, the fast reader, makes a sheet one dense block from its first to its last cell: a
1.6 KB .xlsx holding A1 and XFD1048576 asks it for 512 GB and the process aborts (a native abort, no
Python exception; /work/shared/NOTES.md). So before calamine sees a sheet, its extent is measured from
the cell references actually present (the `dimension` element can lie), with the repeats of an .ods
and the cell records of an .xls. A sheet whose block would be far larger than its cells is read by
streaming, cell by cell (services.core.sheet_streaming).
"""

from __future__ import annotations

import html
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from posixpath import dirname, join, normpath
from typing import Any
from xml.etree import ElementTree

SPARSE_RATIO = 100  # a block more than 100 times its cells is read by streaming
SMALL_BLOCK = 200_000  # below this many cells, calamine reads any sheet quickly
CHUNK = 4 * 1024 * 1024


class ExtentError(ValueError):
    """The workbook's structure could not be followed (a damaged or unusual file)."""


@dataclass
class Extent:
    cells: int  # cells holding something (a repeated .ods cell counts each time)
    rows: int  # the last row holding something (1-based: the block starts at A1)
    columns: int  # the last column holding something

    @property
    def block(self) -> int:
        return self.rows * self.columns

    def needs_streaming(self, max_cells: int) -> bool:
        """calamine would allocate the whole block: only when it is small, or not much larger than the cells."""
        if self.block <= SMALL_BLOCK:
            return False
        return self.block > max_cells or self.block > SPARSE_RATIO * max(self.cells, 1)


def column_number(letters: bytes | str) -> int:
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + (ord(ch.upper()) - 64)
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


# --- .xlsx / .xlsm ---------------------------------------------------------------------------------

_NS_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SMALL_XML = 20 * 1024 * 1024


def _small_xml(z: zipfile.ZipFile, name: str) -> ElementTree.Element:
    info = z.getinfo(name)
    if info.file_size > _SMALL_XML:
        raise ExtentError(f"{name} est démesuré")
    try:
        return ElementTree.fromstring(z.read(name))
    except ElementTree.ParseError as exc:
        raise ExtentError(f"{name} illisible") from exc


def xlsx_sheet_part(z: zipfile.ZipFile, sheet: str) -> str:
    """The zip member of the worksheet named `sheet` (workbook.xml, then its relationships)."""
    names = set(z.namelist())
    book = next((n for n in ("xl/workbook.xml", "xl/workbook.bin") if n in names), None)
    if book is None or book.endswith(".bin"):
        raise ExtentError("classeur sans xl/workbook.xml")
    rel_id = None
    for el in _small_xml(z, book).iter():
        if el.tag.endswith("}sheet") and el.get("name") == sheet:
            rel_id = el.get(_NS_R)
            break
    rels = "xl/_rels/workbook.xml.rels"
    if rel_id is None or rels not in names:
        raise ExtentError(f"feuille « {sheet} » introuvable")
    for el in _small_xml(z, rels).iter():
        if el.get("Id") == rel_id and el.get("Target"):
            target = el.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else normpath(join(dirname(book), target))
            if part in names:
                return part
    raise ExtentError(f"feuille « {sheet} » introuvable")


_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]{1,3})?([0-9]{1,7})["\']')


def _xml_tags(stream: Any, pattern: re.Pattern[bytes]) -> Iterator[re.Match[bytes]]:
    """The start tags matching `pattern` in a stream of XML, read in chunks (bounded memory)."""
    for block in _xml_blocks(stream):
        yield from pattern.finditer(block)


# The form every writer seen uses (Excel, LibreOffice, xlsxwriter, openpyxl, Google): `<c r="B12" …>`; a
# self-closing `<c r="B12" s="3"/>` is a formatted blank, which calamine leaves out too.
_VALUED_ROWS = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"[^>/]*>')
_VALUED_COLUMNS = re.compile(rb'<c r="([A-Z]{1,3})[0-9]{1,7}"[^>/]*>')
_ANY_CELL = re.compile(rb"<c[\s>/]")
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s>/]")


def xlsx_extent(path: Path, sheet: str) -> Extent:
    """The cells of an .xlsx sheet that hold a value.

    Two regular expressions over the sheet's XML, in chunks (about half of calamine's own reading
    time); a sheet written otherwise (a cell without its reference first, a namespace prefix) is
    walked tag by tag instead, more slowly."""
    with zipfile.ZipFile(path) as z:
        part = xlsx_sheet_part(z, sheet)
        cells = 0
        rows: set[bytes] = set()
        columns: set[bytes] = set()
        canonical = True
        with z.open(part) as stream:
            for block in _xml_blocks(stream):
                numbers = _VALUED_ROWS.findall(block)
                cells += len(numbers)
                rows.update(numbers)
                columns.update(_VALUED_COLUMNS.findall(block))
                tags = len(_ANY_CELL.findall(block))
                if block.count(b'<c r="') != tags or (tags == 0 and _PREFIXED_CELL.search(block)):
                    canonical = False
                    break
        if not canonical:
            with z.open(part) as stream:
                return _xlsx_extent_walk(stream)
    return Extent(
        cells,
        max((int(r) for r in rows), default=0),
        max((column_number(c) for c in columns), default=0),
    )


def _xml_blocks(stream: Any) -> Iterator[bytes]:
    """The XML in blocks that each end before a tag (a tag is never cut in two)."""
    rest = b""
    while True:
        block = stream.read(CHUNK)
        data = rest + block
        if not block:
            yield data
            return
        cut = data.rfind(b"<")
        if cut < 0:
            rest = b""
            continue
        yield data[:cut]
        rest = data[cut:]


def _xlsx_extent_walk(stream: Any) -> Extent:
    cells = rows = columns = 0
    row = col = 0
    for m in _xml_tags(stream, _TAG):
        attrs = m.group(2)
        ref = _REF.search(attrs)
        if m.group(1) == b"row":
            row = int(ref.group(2)) if ref else row + 1
            col = 0
            continue
        if ref and ref.group(1):
            row, col = int(ref.group(2)), column_number(ref.group(1))
        else:
            col += 1
        if attrs.rstrip().endswith(b"/"):
            continue
        cells += 1
        rows, columns = max(rows, row), max(columns, col)
    return Extent(cells, rows, columns)


# --- .ods ------------------------------------------------------------------------------------------

_ODS_TAG = re.compile(
    rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>"
)
_ODS_ATTR = re.compile(rb'(?:[\w.-]+:)?([\w.-]+)\s*=\s*"([^"]*)"')


def _ods_attrs(raw: bytes) -> dict[bytes, bytes]:
    return {k: v for k, v in _ODS_ATTR.findall(raw)}


def ods_sheet_names(path: Path) -> list[str]:
    """The tables of an .ods, read from its XML (calamine would load every cell of every sheet)."""
    names: list[str] = []
    with zipfile.ZipFile(path) as z:
        if "content.xml" not in z.namelist():
            raise ExtentError("classeur sans content.xml")
        with z.open("content.xml") as stream:
            for m in _xml_tags(stream, _ODS_TAG):
                if m.group(2) == b"table" and not m.group(1):
                    name = html.unescape(_ods_attrs(m.group(3)).get(b"name", b"").decode("utf-8", "replace"))
                    names.append(name)
    return names


def ods_extent(path: Path, sheet: str) -> Extent:
    """The cells of an .ods table that hold a value, repeats counted (number-rows/columns-repeated)."""
    cells = rows = columns = 0
    found = inside = False
    row = 0
    row_repeat = 1
    row_cells: list[tuple[int, int]] = []  # (first column, repeat) of the valued cells of the row
    col = 0
    with zipfile.ZipFile(path) as z:
        if "content.xml" not in z.namelist():
            raise ExtentError("classeur sans content.xml")
        with z.open("content.xml") as stream:
            for m in _xml_tags(stream, _ODS_TAG):
                closing, tag, raw = m.group(1), m.group(2), m.group(3)
                if tag == b"table":
                    if closing:
                        if inside:
                            return Extent(cells, rows, columns)
                    else:
                        name = _ods_attrs(raw).get(b"name", b"").decode("utf-8", "replace")
                        inside = html.unescape(name) == sheet
                        found = found or inside
                    continue
                if not inside:
                    continue
                if tag == b"table-row":
                    if closing:
                        if row_cells:
                            rows = row + row_repeat - 1
                            for first, rep in row_cells:
                                columns = max(columns, first + rep - 1)
                                cells += rep * row_repeat
                        row += row_repeat - 1
                    else:
                        row += 1
                        row_repeat = max(int(_ods_attrs(raw).get(b"number-rows-repeated", b"1") or 1), 1)
                        row_cells, col = [], 0
                        if raw.rstrip().endswith(b"/"):  # an empty row, self-closed
                            row += row_repeat - 1
                    continue
                if closing:
                    continue
                attrs = _ods_attrs(raw)
                rep = max(int(attrs.get(b"number-columns-repeated", b"1") or 1), 1)
                if b"value-type" in attrs or not raw.rstrip().endswith(b"/"):
                    row_cells.append((col + 1, rep))
                col += rep
    if not found:
        raise ExtentError(f"feuille « {sheet} » introuvable")
    return Extent(cells, rows, columns)


# --- .xls (BIFF) -----------------------------------------------------------------------------------

_CELL_RECORDS = {0x0203, 0x00FD, 0x027E, 0x0204, 0x0205, 0x0006, 0x00D6}  # NUMBER, LABELSST, RK, …
_MULRK, _BOUNDSHEET, _EOF, _BOF = 0x00BD, 0x0085, 0x000A, 0x0809


def _workbook_stream(path: Path) -> bytes:
    from xlrd.compdoc import CompDoc, CompDocError

    try:
        doc = CompDoc(path.read_bytes(), logfile=Quiet())
        for name in ("Workbook", "Book"):
            data = doc.get_named_stream(name)
            if data:
                return bytes(data)
    except (CompDocError, IndexError, struct.error, ValueError) as exc:
        raise ExtentError("conteneur OLE illisible") from exc
    raise ExtentError("classeur sans flux Workbook")


class Quiet:
    def write(self, _text: str) -> None:
        pass


def _records(data: bytes, start: int) -> Iterator[tuple[int, int, int]]:
    """(record type, offset of its data, length) from `start`."""
    pos, end = start, len(data)
    while pos + 4 <= end:
        kind, length = struct.unpack_from("<HH", data, pos)
        yield kind, pos + 4, length
        pos += 4 + length


def xls_extent(path: Path, sheet: str) -> Extent:
    """The cells of an .xls sheet that hold a value (BLANK/MULBLANK records are formatted blanks)."""
    data = _workbook_stream(path)
    offset = None
    for kind, at, length in _records(data, 0):
        if kind == _BOUNDSHEET and length >= 8:
            n, flags = data[at + 6], data[at + 7]
            raw = data[at + 8 : at + 8 + (2 * n if flags & 1 else n)]
            name = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
            if name == sheet:
                offset = struct.unpack_from("<I", data, at)[0]
        elif kind == _EOF:
            break
    if offset is None or offset >= len(data):
        raise ExtentError(f"feuille « {sheet} » introuvable")
    cells = rows = columns = 0
    for kind, at, length in _records(data, offset):
        if kind in _CELL_RECORDS and length >= 4:
            r, c = struct.unpack_from("<HH", data, at)
            cells += 1
        elif kind == _MULRK and length >= 6:
            r, first = struct.unpack_from("<HH", data, at)
            last = struct.unpack_from("<H", data, at + length - 2)[0]
            cells += max(last - first + 1, 0)
            c = last
        elif kind == _EOF:
            break
        else:
            continue
        rows, columns = max(rows, r + 1), max(columns, c + 1)
    return Extent(cells, rows, columns)
