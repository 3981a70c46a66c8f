"""CSV files that lose data silently or fail in English (issue 13): a quote never closed, UTF-8 and
Windows-1252 in one file, invisible characters, a gigantic field, a report path that cannot be written,
an apostrophe the user typed; and the partners' and call centres' files, read by the same reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from models.contact import Contact
from models.database import Database
from services.importing.mapping import header_score
from services.importing.outcome import ImportOptions
from services.importing.presets import auto_mapping
from services.importing.reading import read_table
from services.importing.running import run_import
from tests.cli_helpers import CliRun, cli

HEADER = "Nom;Prénom;Adresse;Code postal;Ville"
PEOPLE = [
    f"{name};{first};{n} rue des Lilas;6900{n};Lyon"
    for n, (name, first) in enumerate(
        [("MARTIN", "Anne"), ("BERNARD", "Paul"), ("THOMAS", "Julie"), ("PETIT", "Marc"), ("ROBERT", "Léa"),
         ("RICHARD", "Hugo"), ("DURAND", "Emma"), ("DUBOIS", "Louis"), ("MOREAU", "Chloé")],
        start=1,
    )
]  # fmt: skip


def imported(capsys: pytest.CaptureFixture[str], db_path: Path, path: Path, *more: str) -> CliRun:
    return cli(capsys, "--db", str(db_path), "import", str(path), "--source-kind", "direct",
               "--source-name", "Salon", "--json", *more)  # fmt: skip


def names(capsys: pytest.CaptureFixture[str], db_path: Path) -> list[str]:
    listed = cli(capsys, "--db", str(db_path), "contacts", "list", "--json")
    return sorted(c["last_name"] for c in listed.json)


def test_a_quote_never_closed_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read 3 of 10 lines, exit 0, no warning: the quote swallowed every following line. Refused now,
    naming the line, nothing imported."""
    lines = [HEADER, *PEOPLE]
    lines[4] = '"' + lines[4]  # PETIT's line opens a quote that never closes
    path = tmp_path / "salon.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = imported(capsys, tmp_path / "base.sqlite", path)
    assert run.code == 2
    assert "ligne 5" in run.err and "guillemet" in run.err
    assert names(capsys, tmp_path / "base.sqlite") == []
    # A line break inside quotes (an address on two lines) is still fine.
    path.write_text(
        HEADER + ';Complément\nMARTIN;Anne;12 rue des Lilas;69001;Lyon;"Bâtiment B\n2e étage"\n',
        encoding="utf-8",
    )
    assert imported(capsys, tmp_path / "base.sqlite", path).json["created"] == 1


def test_a_file_mixing_utf8_and_windows_1252_is_decoded_line_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Decoded wholly as Windows-1252, « LEFÈVRE » became « LEFÃˆVRE ». Each line now in its own
    encoding, and the lines read as Windows-1252 are named."""
    data = (
        (HEADER + "\n").encode("utf-8")
        + "LEFÈVRE;Zoé;1 rue Neuve;69001;Lyon\n".encode()
        + "HÉBERT;Noël;2 rue Neuve;69002;Lyon\n".encode("cp1252")
    )
    path = tmp_path / "melange.csv"
    path.write_bytes(data)
    run = imported(capsys, tmp_path / "base.sqlite", path)
    assert run.code == 0, run.err
    assert names(capsys, tmp_path / "base.sqlite") == ["HÉBERT", "LEFÈVRE"]
    assert any("Windows-1252" in w and "ligne(s) 3" in w for w in run.json["file_warnings"])
    # A file wholly in Windows-1252 (French Excel) is normal: no warning.
    path.write_bytes((HEADER + "\nÉTIENNE;Zoé;1 rue Neuve;69001;Lyon\n").encode("cp1252"))
    run = imported(capsys, tmp_path / "base2.sqlite", path)
    assert run.json["file_warnings"] == []


def test_invisible_characters_are_stripped_on_both_engines(db: Database, tmp_path: Path) -> None:
    """NUL was stored on SQLite and refused on PostgreSQL (« text fields cannot contain NUL »); a U+202E
    shows a name reversed. Taken out of every text field, on both engines alike, with the lines named."""
    path = tmp_path / "invisibles.csv"
    path.write_text(
        HEADER + "\nMAR\x00TIN;Anne;1 rue Neuve;69001;Lyon\n\u202eDRANREB;Paul;2 rue Neuve;69002;Lyon\n"
        "THO\u200bMAS;Ju\u2066lie;3 rue Neuve;69003;Lyon\n",
        encoding="utf-8",
    )
    table = read_table(path, score=header_score)
    mapping = auto_mapping(table.headers, table.rows).mapping
    with db.session() as s:
        result = run_import(s, table, mapping, ImportOptions("direct", "Salon"))
    assert result.summary()["created"] == 3
    assert any("ligne(s) 2, 3 et 4" in w for w in result.file_warnings)
    with db.session() as s:
        stored = sorted(s.scalars(select(Contact.last_name)))
        firsts = sorted(s.scalars(select(Contact.first_name)))
    assert stored == ["DRANREB", "MARTIN", "THOMAS"]
    assert "Julie" in firsts


def test_a_field_over_the_limit_is_a_clear_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« Erreur inattendue : field larger than field limit » is now a French line, exit 2."""
    path = tmp_path / "enorme.csv"
    path.write_text(f"{HEADER};Notes\nMARTIN;Anne;1 rue Neuve;69001;Lyon;{'x' * 200_000}\n", encoding="utf-8")
    run = imported(capsys, tmp_path / "base.sqlite", path)
    assert run.code == 2
    assert "131 072 caractères" in run.err and "ligne 2" in run.err
    assert "field" not in run.err


def test_the_report_path_is_checked_before_anything_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--report into a folder that does not exist said « rien n'a changé » after the import had been
    committed. It is checked first: nothing imported."""
    path = tmp_path / "salon.csv"
    path.write_text("\n".join([HEADER, *PEOPLE]) + "\n", encoding="utf-8")
    run = imported(capsys, tmp_path / "base.sqlite", path, "--report", str(tmp_path / "absent" / "r.xlsx"))
    assert run.code == 2 and "n'existe pas" in run.err
    assert names(capsys, tmp_path / "base.sqlite") == []


def test_an_apostrophe_the_user_typed_survives_the_csv_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« '=déjà neutralisé » came back without its apostrophe (taken for the export's own)."""
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    added = cli(capsys, "--db", str(first), "contacts", "add", "--last-name", "Martin", "--street", "1 rue Neuve",
                "--postcode", "69001", "--city", "Lyon", "--company",
                "'=déjà neutralisé", "--notes", "=1+1", "--source-kind", "direct", "--source-name", "S")  # fmt: skip
    assert added.code == 0, added.err
    out = tmp_path / "contacts.csv"
    assert cli(capsys, "--db", str(first), "export", "contacts", str(out)).code == 0
    assert imported(capsys, second, out).code == 0
    back = cli(capsys, "--db", str(second), "contacts", "list", "--json").json[0]
    assert (back["company"], back["notes"]) == ("'=déjà neutralisé", "=1+1")


def test_partner_and_call_centre_files_go_through_the_hardened_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cp1252 CSV raised UnicodeDecodeError, a one-column CSV « Could not determine delimiter », a bad
    .xlsx « invalid Zip archive »: read like an import's now, refusals in French."""
    base = str(tmp_path / "base.sqlite")
    assert cli(capsys, "--db", base, "init").code == 0
    assert cli(capsys, "--db", base, "partners", "add", "--name", "Assur+", "--category", "assurance",
               "--email", "dpo@assur.example").code == 0  # fmt: skip
    cp1252 = tmp_path / "partenaire.csv"
    cp1252.write_bytes("Nom;Prénom;Code postal\nHÉBERT;Noël;69002\n".encode("cp1252"))
    one_column = tmp_path / "emails.csv"
    one_column.write_text("E-mail\npersonne@example.fr\n", encoding="utf-8")
    broken = tmp_path / "resultats.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 300)
    for path in (cp1252, one_column):
        run = cli(capsys, "--db", base, "propagation", "receive", str(path), "--partner", "Assur+", "--json")
        assert run.code == 0, run.err
        assert run.json["unmatched"] == 1
    for args in (
        ("propagation", "receive", str(broken), "--partner", "Assur+"),
        ("call", "import", str(broken)),
    ):
        run = cli(capsys, "--db", base, *args)
        assert run.code == 2 and "Impossible de lire « resultats.xlsx »" in run.err, run.err
        assert "Zip" not in run.err and "Traceback" not in run.err
    centre = tmp_path / "centre.csv"
    centre.write_bytes("Référence\nC-000099\n".encode("cp1252"))
    run = cli(capsys, "--db", base, "call", "import", str(centre))
    assert run.code == 2 and "Colonne « Date et heure de l'appel » absente" in run.err
