"""The export rules every spreadsheet follows."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from services.core.errors import Cancelled
from services.core.moments import business_date
from services.core.spreadsheet import Column, write_table

COLUMNS = [Column("Nom"), Column("Né le", "date"), Column("Saisi le", "datetime"), Column("Appels", "int")]
ROWS = [
    ['=HYPERLINK("http://x")', date(1980, 2, 29), datetime(2026, 11, 2, 14, 5), 3],
    ["+33612345678", None, None, 0],
    ["Zoé « L'Œil » <&\">", date(2026, 1, 1), None, None],
    ["@SUM(A1)", None, None, None],
    ["-1+2", None, None, None],
]


def test_xlsx_has_french_headers_frozen_filter_dates_and_no_formula(tmp_path: Path) -> None:
    """Bold frozen header with autofilter, real date cells, and not one formula cell."""
    path = tmp_path / "out.xlsx"
    write_table(path, "Contacts", COLUMNS, ROWS)
    wb = openpyxl.load_workbook(path)
    ws = wb["Contacts"]
    assert [c.value for c in ws[1]] == ["Nom", "Né le", "Saisi le", "Appels"]
    assert ws["A1"].font.bold and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D6"
    assert ws["B2"].value == datetime(1980, 2, 29) and ws["B2"].number_format == "dd/mm/yyyy"
    assert ws["D2"].value == 3
    assert ws["A4"].value == "Zoé « L'Œil » <&\">"
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    assert ws["A2"].value.startswith("=HYPERLINK") and ws["A2"].quotePrefix
    assert ws.column_dimensions["A"].width > len("Nom") + 2


def test_csv_is_utf8_bom_semicolon_and_neutralised(tmp_path: Path) -> None:
    """CSV: BOM, `;`, dates dd/mm/yyyy, and formula-like text prefixed with an apostrophe."""
    path = tmp_path / "out.csv"
    write_table(path, "Contacts", COLUMNS, ROWS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Nom", "Né le", "Saisi le", "Appels"]
    assert rows[1][:2] == ['\'=HYPERLINK("http://x")', "29/02/1980"]
    assert [r[0][:2] for r in rows[2:]] == ["'+", "Zo", "'@", "'-"]


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    """A cancelled export leaves neither the file nor a temporary one behind."""
    path = tmp_path / "big.xlsx"
    with pytest.raises(Cancelled):
        write_table(path, "X", [Column("n", "int")], ([i] for i in range(5000)), progress=lambda n: False)
    assert list(tmp_path.iterdir()) == []


def test_a_register_prints_readably_with_its_organisation(tmp_path: Path) -> None:
    """Issue 15: printed from Excel or LibreOffice, a register is A4 landscape, one page wide, its header row
    repeated on every page, with a title line naming the register, the organisation and the day."""

    from services.core.spreadsheet import Stamp

    path = tmp_path / "registre.xlsx"
    columns = [Column(f"Colonne {i}") for i in range(13)]
    write_table(path, "Consentements", columns, [[f"valeur {i}"] * 13 for i in range(300)],
                stamp=Stamp("Boulangerie <Dupont> & Fils", "Journal : 12 événements"))  # fmt: skip
    ws = openpyxl.load_workbook(path)["Consentements"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # fitToWidth absent means 1 in OOXML; fitToHeight 0: as many pages down as needed
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage) == (
        1, 0, True)  # fmt: skip
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.left.text == "&BConsentements — Boulangerie <Dupont> && Fils&B"
    assert ws.oddHeader.right.text == f"{business_date():%d/%m/%Y}"
    assert "Page &P sur &N" in ws.oddFooter.center.text
    # The journal's fingerprint, on its own sheet, is printed on one page wide too: a hash cut in two
    # across pages cannot be copied back from paper.
    anchor = openpyxl.load_workbook(path)["Empreinte du journal"]
    assert (anchor.page_setup.fitToWidth or 1, anchor.sheet_properties.pageSetUpPr.fitToPage) == (1, True)
    assert anchor["A1"].alignment.wrap_text  # wrapped at its spaces, never past the page's edge
