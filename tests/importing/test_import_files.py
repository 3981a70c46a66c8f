"""Reading real files (LibreOffice, openpyxl, xlsxwriter, French Excel CSV) and refusing bad ones."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from sqlalchemy import func, select

from models.contact import Contact, ContactSource
from models.database import Database
from models.imports import ImportRecord
from services.core.errors import InputError
from services.importing.mapping import guess_mapping, header_score
from services.importing.outcome import ImportOptions
from services.importing.reading import detect_separator, read_table, sheet_names, unneutralise
from services.importing.running import run_import

DATA = Path(__file__).resolve().parents[1] / "data"
OPTIONS = ImportOptions("direct", "Comptoir du magasin")


def _import(db: Database, path: Path, sheet: str | None = None, **kw: object):
    table = read_table(path, sheet, score=header_score)
    with db.session() as s:
        return run_import(s, table, guess_mapping(table.headers), ImportOptions(**{**OPTIONS.__dict__, **kw}))


def _counts(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Contact)) or 0,
            s.scalar(select(func.count()).select_from(ContactSource)) or 0,
            s.scalar(select(func.count()).select_from(ImportRecord)) or 0,
        )


@pytest.mark.parametrize(
    "name", ["libreoffice.xlsx", "libreoffice.xls", "libreoffice.ods", "clients_source.csv"]
)
def test_libreoffice_files_import_alike(db: Database, name: str) -> None:
    """The same list saved by LibreOffice as .xlsx, .xls, .ods (and the CSV) gives the same contacts."""
    result = _import(db, DATA / name)
    s = result.summary()
    assert (s["read"], s["created"], s["refused"], s["unchanged"]) == (7, 4, 2, 1)
    with db.session() as session:
        dupont = session.scalars(select(Contact).where(Contact.last_name == "DUPONT")).one()
        assert (dupont.civility, dupont.first_name, dupont.postcode) == ("M.", "Jean-Pierre", "01000")
        assert (dupont.phone, dupont.mobile, dupont.email) == (
            "+33474000000",
            "+33612345678",
            "Jean.Dupont@example.fr",
        )
        lefevre = session.scalars(select(Contact).where(Contact.last_name == "LEFÈVRE")).one()
        assert (lefevre.city, lefevre.cedex) == ("LYON", "CEDEX 03")
        durand = session.scalars(select(Contact).where(Contact.last_name == "DURAND")).one()
        assert (durand.civility, durand.person_kind, durand.company) == ("Mme", "professional", "Durand SARL")
    refused = {r.line: r.reasons[0] for r in result.rows if r.action == "refuse"}
    assert refused[5].startswith("Aucun moyen de contact") and refused[6] == "Ni nom ni société."
    warned = {r.line: r.reasons for r in result.rows if r.reasons and r.action != "refuse"}
    assert any("Marseille" in w for w in warned[10])


def test_openpyxl_file_second_sheet_dates_and_special_characters(db: Database) -> None:
    """A chosen sheet, date cells, a numeric postcode and a name full of <&" characters come in intact."""
    path = DATA / "openpyxl.xlsx"
    assert sheet_names(path) == ["Notes", "Clients"]
    table = read_table(path, "Clients", score=header_score)
    mapping = guess_mapping(table.headers)
    assert mapping["Refus courrier"] == "refuse_post" and mapping["Accord téléphone"] == "accept_phone"
    mapping["Refus courrier"] = mapping["Accord téléphone"] = ""  # no form version in this test
    with db.session() as s:
        result = run_import(s, table, mapping, OPTIONS)
    assert result.summary()["created"] == 3
    with db.session() as s:
        obrien = s.scalars(select(Contact).where(Contact.first_name == "Zoé")).one()
        assert obrien.last_name == "O'BRIEN <&\">" and obrien.civility == "Mme"
        garage = s.scalars(select(Contact).where(Contact.company == "Garage Central")).one()
        assert (garage.postcode, garage.person_kind, garage.last_name) == ("01100", "professional", "")
        bernard = s.scalars(select(Contact).where(Contact.last_name == "BERNARD")).one()
        assert bernard.source_date.isoformat() == "2025-05-06"  # the row's collection date (direct)


def test_consent_columns_need_a_form_version(db: Database) -> None:
    """Refusal/consent columns without a form version: a clear message, nothing written."""
    with pytest.raises(InputError, match="version du formulaire"):
        _import(db, DATA / "openpyxl.xlsx", "Clients")
    assert _counts(db) == (0, 0, 0)


def test_xlsxwriter_title_rows_and_formula_cell(db: Database) -> None:
    """The header is found under a title and a blank line; a formula cell imports as its value."""
    table = read_table(DATA / "xlsxwriter.xlsx", score=header_score)
    assert table.header_row == 2 and table.headers[1] == "Nom de famille"
    _import(db, DATA / "xlsxwriter.xlsx")
    with db.session() as s:
        names = dict(s.execute(select(Contact.last_name, Contact.source_date)).all())
    assert set(names) == {"PETIT", "ROUX"}
    assert names["PETIT"].isoformat() == "2025-03-01"  # Excel serial 45717


def test_cp1252_csv_with_semicolons(db: Database) -> None:
    """A CSV written by French Excel (cp1252, `;`) keeps its accents and ligatures."""
    _import(db, DATA / "excel_cp1252.csv")
    with db.session() as s:
        rows = s.execute(select(Contact.last_name, Contact.first_name, Contact.postcode)).all()
    assert sorted(rows) == [("BŒUF", "François", "67000"), ("LEFÈVRE", "Hélène", "02000")]


def test_separators_detected() -> None:
    """; , and tab are each recognised from the first lines."""
    assert detect_separator("a;b;c\n1;2;3\n") == ";"
    assert detect_separator("a,b,c\n1,2,3\n") == ","
    assert detect_separator("a\tb\tc\n1\t2\t3\n") == "\t"
    assert detect_separator('nom;ville\n"Dupont, Jean";Lyon\n') == ";"


def test_csv_apostrophe_of_neutralised_cells_is_taken_off() -> None:
    """Our CSV export prefixes =, +, -, @ with an apostrophe; the import takes it off, only there."""
    assert unneutralise("'+33612345678") == "+33612345678"
    assert unneutralise("'=SUM(A1)") == "=SUM(A1)"
    assert unneutralise("'Ile d'Yeu") == "'Ile d'Yeu"
    assert unneutralise("l'Église") == "l'Église"


# --- bad files: a clear message naming the file and the problem, the base unchanged -------------


def _bad(db: Database, path: Path, expected: str) -> None:
    before = _counts(db)
    with pytest.raises(InputError) as exc:
        _import(db, path)
    assert path.name in str(exc.value) and expected in str(exc.value)
    assert _counts(db) == before


def test_truncated_xlsx(db: Database, tmp_path: Path) -> None:
    """Half an .xlsx (a download cut short) is reported as damaged."""
    path = tmp_path / "coupé.xlsx"
    data = (DATA / "libreoffice.xlsx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _bad(db, path, "endommagé")


def test_text_file_with_xlsx_extension(db: Database, tmp_path: Path) -> None:
    """A CSV renamed .xlsx is not taken for a workbook."""
    path = tmp_path / "liste.xlsx"
    shutil.copy(DATA / "clients_source.csv", path)
    _bad(db, path, "ne correspond pas à l'extension")


def test_xlsx_saved_as_xls(db: Database, tmp_path: Path) -> None:
    """An .xlsx renamed .xls gets a message telling to rename it."""
    path = tmp_path / "liste.xls"
    shutil.copy(DATA / "libreoffice.xlsx", path)
    _bad(db, path, "renommez-le en .xlsx")


def test_unsupported_extension(db: Database, tmp_path: Path) -> None:
    """A PDF is not a spreadsheet."""
    path = tmp_path / "liste.pdf"
    path.write_bytes(b"%PDF-1.4 ...")
    _bad(db, path, "non pris en charge")


def test_empty_sheet(db: Database, tmp_path: Path) -> None:
    """A workbook whose sheet is empty."""
    path = tmp_path / "vide.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Feuil1")
    wb.close()
    _bad(db, path, "vide")


def test_ten_thousand_columns(db: Database, tmp_path: Path) -> None:
    """A sheet 10,000 columns wide is refused before any cleaning."""
    path = tmp_path / "large.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet()
    for c in range(10_000):
        ws.write_string(0, c, f"C{c}")
    ws.write_string(1, 0, "x")
    wb.close()
    _bad(db, path, "10 000 colonnes")


def test_password_protected(db: Database) -> None:
    """An encrypted workbook asks to be saved without its password."""
    _bad(db, DATA / "password_protected.xlsx", "mot de passe")


def test_zip_bomb_refused_before_parsing(db: Database, tmp_path: Path) -> None:
    """A workbook whose sheet would unzip to gigabytes is refused from the zip's directory alone."""
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(1100):
                f.write(block)
    _bad(db, path, "démesuré")


def test_missing_file(db: Database, tmp_path: Path) -> None:
    """A path that does not exist."""
    _bad(db, tmp_path / "absent.csv", "n'existe pas")


def test_formula_text_never_imported_as_formula(db: Database, tmp_path: Path) -> None:
    """A CSV cell "=HYPERLINK(...)" is stored as plain text (the export neutralises it again)."""
    path = tmp_path / "f.csv"
    path.write_text('Nom;E-mail;Notes\nDupont;a@b.fr;=HYPERLINK("http://x")\n', encoding="utf-8")
    _import(db, path)
    with db.session() as s:
        assert s.scalar(select(Contact.notes)) == '=HYPERLINK("http://x")'


def test_file_name_full_of_markup_characters(db: Database, tmp_path: Path) -> None:
    """A file named with <&" is reported by its exact name when broken, and recorded as is when fine."""
    broken = tmp_path / 'clients <&">.xlsx'
    broken.write_bytes(b"PK\x03\x04 pas un vrai zip")
    _bad(db, broken, 'clients <&">.xlsx')
    good = tmp_path / 'export "A&B" <2025>.csv'
    shutil.copy(DATA / "excel_cp1252.csv", good)
    _import(db, good)
    with db.session() as s:
        assert s.scalar(select(ImportRecord.file_name)) == good.name
