"""Small hostile or odd files, written by the tests themselves (issue 13): sparse sheets whose dense block
is gigantic, sheets whose cells really are that many, CSV files that lie about their encoding or quotes."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Clients" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
PEOPLE = [("Nom", "Ville"), ("DUPONT", "Lyon"), ("MARTIN", "Nantes")]


def _xlsx_cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def xlsx(path: Path, far: list[tuple[str, str]], dimension: str | None = None, odd: bool = False) -> Path:
    """The people in A1:B3, then `far` cells ((reference, text)) wherever they are; `odd`: those written
    with a tab before their reference (valid XML that no usual writer produces)."""
    rows: dict[int, list[str]] = {}
    for r, (a, b) in enumerate(PEOPLE, start=1):
        rows[r] = [_xlsx_cell(f"A{r}", a), _xlsx_cell(f"B{r}", b)]
    for ref, value in far:
        r = int("".join(ch for ch in ref if ch.isdigit()))
        cell = _xlsx_cell(ref, value)
        rows.setdefault(r, []).append(cell.replace("<c r=", "<c\tr=") if odd else cell)
    body = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(rows.items()))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main">{dim}<sheetData>{body}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


_ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
    'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
    '<office:spreadsheet><table:table table:name="Clients">'
)
_ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


def ods_cell(value: str | None, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None:
        return f"<table:table-cell{rep}/>"
    return f'<table:table-cell{rep} office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def ods_row(cells: list[str], repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{''.join(cells)}</table:table-row>"


def ods(path: Path, more_rows: list[str]) -> Path:
    """The people in A1:B3, then `more_rows` (ods_row(...) texts)."""
    rows = [ods_row([ods_cell(a), ods_cell(b)]) for a, b in PEOPLE] + more_rows
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
        z.writestr("content.xml", _ODS_HEAD + "".join(rows) + _ODS_TAIL, zipfile.ZIP_DEFLATED)
    return path


def xls(path: Path, far: list[tuple[int, int, str]]) -> Path:
    """The people in A1:B3, then `far` cells ((row, column) 0-based, text), written by xlwt."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Clients")
    for r, (a, b) in enumerate(PEOPLE):
        ws.write(r, 0, a)
        ws.write(r, 1, b)
    for r, c, value in far:
        ws.write(r, c, value)
    wb.save(str(path))
    return path
