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
    """Text that cannot start a formula keeps its exact value, without an apostrophe or a quote prefix."""
    assert not is_dangerous(text)
    assert neutralise_csv(text) == text
    write_table(tmp_path / "out.xlsx", "Contacts", [Column("Nom")], [[text]])
    cell = openpyxl.load_workbook(tmp_path / "out.xlsx")["Contacts"]["A2"]
    assert (cell.value, cell.quotePrefix) == (text, False)


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
