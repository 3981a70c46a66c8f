"""No cell of an export can run as a formula (CSV injection, CVE-2021-25960 class): every first character
a spreadsheet reads as the start of a formula or a command — =, +, -, @, a tab, a carriage return."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

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
