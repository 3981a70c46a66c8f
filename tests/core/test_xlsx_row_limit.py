"""Exports past Excel's row limit (issue 17): refused in one French line that offers .csv, nothing written
— xlsxwriter would answer -1 for every row past it and the file would be silently cut. The limit is
lowered here (XLSX_MAX_ROWS) so that a few contacts cross it."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from models.database import Database
from services.contacts.exporting import export_contacts
from services.core import spreadsheet
from services.core.errors import InputError
from services.core.spreadsheet import Column, check_xlsx_rows, write_table
from tests.cli_helpers import cli
from tests.helpers import make_contact


@pytest.fixture
def limit_three(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(spreadsheet, "XLSX_MAX_ROWS", 3)
    return 3


def five(db: Database) -> None:
    with db.session() as s:
        for i in range(5):
            make_contact(s, last_name=f"Nom{i}", email=f"n{i}@example.fr", mobile="")


def test_export_of_more_contacts_than_a_sheet_holds_is_refused(
    db: Database, tmp_path: Path, limit_three: int
) -> None:
    """Five contacts, three rows a sheet: refused before writing, one line naming .csv; .csv takes them all."""
    five(db)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "contacts.xlsx"
    with db.session() as s, pytest.raises(InputError) as exc:
        export_contacts(s, out, progress=lambda _done: pytest.fail("nothing may be written"))
    message = str(exc.value)
    assert "\n" not in message and ".csv" in message and "Excel" in message and "5" in message
    assert list(folder.iterdir()) == []
    with db.session() as s:
        assert export_contacts(s, folder / "contacts.csv") == 5
    with open(folder / "contacts.csv", encoding="utf-8-sig") as f:
        assert len(list(csv.reader(f, delimiter=";"))) == 6


def test_as_many_contacts_as_a_sheet_holds_go(db: Database, tmp_path: Path, limit_three: int) -> None:
    """Exactly the limit: written whole (the header row is not counted against it)."""
    with db.session() as s:
        for i in range(3):
            make_contact(s, last_name=f"Nom{i}", email="", mobile="")
    out = tmp_path / "contacts.xlsx"
    with db.session() as s:
        assert export_contacts(s, out) == 3
    assert openpyxl.load_workbook(out).active.max_row == 4


def test_the_command_line_says_it_with_status_2(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path, limit_three: int
) -> None:
    """`export contacts OUT.xlsx`: exit status 2, the French line on stderr, no file."""
    five(db)
    out = tmp_path / "contacts.xlsx"
    r = cli(capsys, "--db", db.url, "export", "contacts", str(out), "--json")
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and ".csv" in r.err
    assert not out.exists()


def test_any_table_too_long_is_stopped_without_a_file(tmp_path: Path, limit_three: int) -> None:
    """A writer that cannot count first (a register read as it goes): stopped at the first row too many,
    the temporary file removed; a row count checked beforehand says how many."""
    rows = ([str(i)] for i in range(5))
    out = tmp_path / "registre.xlsx"
    with pytest.raises(InputError, match=r"\.csv"):
        write_table(out, "Registre", [Column("N")], rows)
    assert list(tmp_path.iterdir()) == []
    write_table(out, "Registre", [Column("N")], ([str(i)] for i in range(3)))
    assert openpyxl.load_workbook(out).active.max_row == 4
    with pytest.raises(InputError, match="4"):
        check_xlsx_rows(out, 4)
    check_xlsx_rows(out, 3)
    check_xlsx_rows(tmp_path / "x.csv", 10)  # no limit in .csv


def test_the_refusal_reads_as_one_french_sentence_with_both_counts(tmp_path: Path) -> None:
    """The user reads how many rows the table has and how many a sheet holds, grouped by thousands with a
    narrow no-break space as French writes them, then what to do."""
    with pytest.raises(InputError) as exc:
        check_xlsx_rows(tmp_path / "registre.xlsx", 1_234_567)
    assert str(exc.value) == (
        "Trop de lignes pour un fichier Excel (1\u202f234\u202f567 lignes) : une feuille .xlsx en contient au "
        "plus 1\u202f048\u202f575. Exportez en .csv ; aucun fichier n'a été écrit."
    )


def test_a_writer_that_could_not_count_says_no_count(tmp_path: Path, limit_three: int) -> None:
    """Stopped while writing, the row count is unknown: the sentence names only the sheet's limit."""
    with pytest.raises(InputError) as exc:
        write_table(tmp_path / "registre.xlsx", "Registre", [Column("N")], ([str(i)] for i in range(5)))
    assert str(exc.value) == (
        "Trop de lignes pour un fichier Excel : une feuille .xlsx en contient au plus 3. "
        "Exportez en .csv ; aucun fichier n'a été écrit."
    )
