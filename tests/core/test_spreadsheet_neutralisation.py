"""No cell of an export can run as a formula (CSV injection, CVE-2021-25960 class): every first character
a spreadsheet reads as the start of a formula or a command — =, +, -, @, a tab, a carriage return."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from services.core.errors import Cancelled
from services.core.spreadsheet import Column, is_dangerous, neutralise_csv, write_table

DANGEROUS = ["=1+1", "+33612345678", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
HARMLESS = ["Martin", "1+1", " =1+1", "a=b", "'=1+1"]


@pytest.mark.parametrize("text", DANGEROUS, ids=["equals", "plus", "minus", "at", "tab", "carriage return"])
def test_each_dangerous_first_character_is_neutralised_in_xlsx_and_csv(tmp_path: Path, text: str) -> None:
    """Written as text in a workbook (quote prefix, value unchanged), behind an apostrophe in a CSV."""
    assert is_dangerous(text)
    assert neutralise_csv(text) == "'" + text
    write_table(tmp_path / "out.xlsx", "Contacts", [Column("Nom")], [[text]])
    cell = openpyxl.load_workbook(tmp_path / "out.xlsx")["Contacts"]["A2"]
    # OOXML escapes a carriage return as _x000D_ (Excel reads it back; openpyxl leaves the escape).
    assert (cell.value.replace("_x000D_", "\r"), cell.data_type, cell.quotePrefix) == (text, "s", True)
    write_table(tmp_path / "out.csv", "Contacts", [Column("Nom")], [[text]])
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f, delimiter=";"))[1] == ["'" + text]


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_written_as_typed(tmp_path: Path, text: str) -> None:
    """Text that cannot start a formula keeps its exact value, without an apostrophe or a quote prefix (in a
    CSV, an apostrophe typed before a formula's first character gets one more, so the import gives it back)."""
    assert not is_dangerous(text)
    assert neutralise_csv(text) == ("'" + text if text == "'=1+1" else text)
    write_table(tmp_path / "out.xlsx", "Contacts", [Column("Nom")], [[text]])
    cell = openpyxl.load_workbook(tmp_path / "out.xlsx")["Contacts"]["A2"]
    assert (cell.value, cell.quotePrefix) == (text, False)


def test_an_apostrophe_typed_before_an_apostrophe_survives_the_csv(tmp_path: Path) -> None:
    """« ''Martin » typed with two apostrophes: the reader takes one leading apostrophe off, so the CSV
    gets one more and the import gives back what was typed."""
    assert neutralise_csv("''Martin") == "'''Martin"
    write_table(tmp_path / "out.csv", "Contacts", [Column("Nom")], [["''Martin"]])
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f, delimiter=";"))[1] == ["'''Martin"]


def test_a_moment_in_a_text_column_is_written_as_the_screen_shows_it(tmp_path: Path) -> None:
    """A text column holding a moment gets the text the tables show (business clock), not a date cell."""
    from datetime import UTC, datetime

    write_table(tmp_path / "out.xlsx", "X", [Column("Note")], [[datetime(2026, 11, 2, 13, 5, tzinfo=UTC)]])
    cell = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]["A2"]
    assert (cell.value, cell.data_type) == ("02/11/2026 14:05", "s")


def test_csv_bytes_are_what_french_excel_opens(tmp_path: Path) -> None:
    """UTF-8 with its BOM, `;`, CRLF line ends, quotes only where needed, a line break kept inside its cell."""
    write_table(
        tmp_path / "out.csv", "X", [Column("Nom"), Column("Note")], [["Zoé", "a;b"], ["Léa", "l1\nl2"]]
    )
    assert (tmp_path / "out.csv").read_bytes() == ('\ufeffNom;Note\r\nZoé;"a;b"\r\nLéa;"l1\nl2"\r\n'.encode())


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_progress_every_thousand_rows_and_cancel_leaves_no_file(tmp_path: Path, suffix: str) -> None:
    """The progress callback hears every 1,000th row (and only those); answering False cancels the export."""
    heard: list[int] = []
    write_table(tmp_path / f"ok{suffix}", "X", [Column("n", "int")], ([i] for i in range(2500)),
                progress=lambda n: heard.append(n) is None)  # fmt: skip
    assert heard == [1000, 2000]
    with pytest.raises(Cancelled, match=r"^Export annulé : aucun fichier écrit\.$"):
        write_table(tmp_path / f"no{suffix}", "X", [Column("n", "int")], ([i] for i in range(1500)),
                    progress=lambda n: False)  # fmt: skip
    assert not (tmp_path / f"no{suffix}").exists()
    assert [p.name for p in tmp_path.iterdir()] == [f"ok{suffix}"]


def test_workbook_cells_widths_and_sheet_name(tmp_path: Path) -> None:
    """Each kind of cell as the accountant expects it: real dates and times (the business's clock), whole
    numbers as numbers, booleans as oui/non, empty cells empty; widths from the longest of the header and
    the first 200 values (+2, at least 6, at most 60); a sheet name without the characters Excel refuses."""
    from datetime import UTC, date, datetime

    columns = [Column("N°", "int"), Column("Reçu le", "date"), Column("Moment", "datetime"), Column("Texte"),
               Column("Oui", "int")]  # fmt: skip
    rows = [[7, date(2026, 11, 2), datetime(2026, 11, 2, 13, 5, tzinfo=UTC), "x" * 80, True],
            [None, "pas une date", "", "court", 3]]  # fmt: skip
    rows += [[1, None, None, "", 1]] * 250 + [[1, None, None, "y" * 20, 1]]
    write_table(tmp_path / "out.xlsx", "Reg[1]: a/b\\c?*d — un nom de feuille trop long", columns, rows)
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames == ["Reg 1   a b c  d — un nom de fe"]
    ws = wb.worksheets[0]
    assert [c.value for c in ws[2]] == [
        7,
        datetime(2026, 11, 2),
        datetime(2026, 11, 2, 14, 5),
        "x" * 80,
        "oui",
    ]
    assert (ws["B2"].number_format, ws["C2"].number_format) == ("dd/mm/yyyy", "dd/mm/yyyy hh:mm")
    assert [c.value for c in ws[3]] == [None, "pas une date", None, "court", 3]
    assert ws["A1"].font.bold and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:E254"
    widths = [ws.column_dimensions[c].width for c in "ABCD"]
    assert [int(w) for w in widths] == [8, 14, 18, 60]  # « y » * 20 comes after the 200th row: not sampled


def test_an_empty_table_still_has_its_header_and_filter(tmp_path: Path) -> None:
    write_table(tmp_path / "empty.xlsx", "", [Column("Nom"), Column("Ville")], [])
    wb = openpyxl.load_workbook(tmp_path / "empty.xlsx")
    assert wb.sheetnames == ["Feuille"]
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == ["Nom", "Ville"] and ws.auto_filter.ref == "A1:B2"


def test_an_unknown_format_is_refused_in_french(tmp_path: Path) -> None:
    from services.core.errors import InputError

    with pytest.raises(
        InputError, match=r"^Format d'export non pris en charge « \.ods » : \.xlsx ou \.csv\.$"
    ):
        write_table(tmp_path / "out.ods", "X", [Column("Nom")], [["a"]])
    assert list(tmp_path.iterdir()) == []
