"""The command line contract (`import`, `export contacts`) and the export → import round trip."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from models.contact import Contact
from models.database import Database
from services.contacts.exporting import EXPORT_COLUMNS
from services.contacts.record import contact_to_dict
from services.contacts.search_pages import stream_contacts
from services.importing.mapping import guess_mapping
from tests.cli_helpers import cli
from tests.helpers import make_contact

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def base(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite")


def _snapshot(session) -> list[dict]:
    out = []
    for c in stream_contacts(session):
        d = contact_to_dict(c)
        out.append(d)
    return out


def test_import_json_counts_and_dry_run(capsys: pytest.CaptureFixture[str], base: str) -> None:
    """--json gives read/created/merged/skipped/refused/warnings; --dry-run writes nothing."""
    args = ["--db", base, "import", str(DATA / "clients_source.csv"), "--source-kind", "direct",
            "--source-name", "Comptoir", "--obtained-on", "2025-03-01", "--json"]  # fmt: skip
    dry = cli(capsys, *args, "--dry-run")
    assert dry.code == 0, dry.err
    assert {k: dry.json[k] for k in ("read", "created", "merged", "skipped", "refused", "warnings")} == {
        "read": 7, "created": 4, "merged": 0, "skipped": 0, "refused": 2, "warnings": 1}  # fmt: skip
    assert cli(capsys, "--db", base, "contacts", "list", "--json").json == []
    real = cli(capsys, *args)
    assert real.code == 0 and real.json["created"] == 4 and real.json["import_id"] == 1
    assert len(cli(capsys, "--db", base, "contacts", "list", "--json").json) == 4


def test_import_with_mapping_file_and_report(
    capsys: pytest.CaptureFixture[str], base: str, tmp_path: Path
) -> None:
    """--mapping takes a saved preset (headers compared without accents/case); --report writes the rows to fix."""
    mapping = tmp_path / "preset.json"
    mapping.write_text(
        json.dumps({"name": "Salon", "columns": {"CP": "postcode", "ville": "city", "Type": ""}})
    )
    report = tmp_path / "rapport.xlsx"
    r = cli(capsys, "--db", base, "import", str(DATA / "clients_source.csv"), "--source-kind", "public",
            "--source-name", "Annuaire", "--mapping", str(mapping), "--report", str(report), "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert r.json["report_rows"] == 3 and report.exists()
    ws = openpyxl.load_workbook(report).active
    assert ws.max_row == 4


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--source-name", ""], "Nom de la source obligatoire"),
        (["--source-name", "X", "--obtained-on", "2025-31-12"], "Date invalide"),
        (["--source-name", "X", "--mapping", "/nope.json"], "introuvable"),
        (["--source-name", "X", "--form-version", "99"], "version de formulaire inconnue"),
    ],
)
def test_import_bad_options_exit_2(
    capsys: pytest.CaptureFixture[str], base: str, extra: list[str], message: str
) -> None:
    """Bad input: exit status 2, one line on stderr, nothing written."""
    path = DATA / ("openpyxl.xlsx" if "--form-version" in extra else "clients_source.csv")
    args = ["--db", base, "import", str(path), "--source-kind", "broker", *extra]
    if "--form-version" in extra:
        args += ["--sheet", "Clients"]
    r = cli(capsys, *args)
    assert r.code == 2 and message.lower() in r.err.lower() and r.err.count("\n") == 1
    assert cli(capsys, "--db", base, "contacts", "list", "--json").json == []


def test_source_kind_is_required_on_the_command_line(capsys: pytest.CaptureFixture[str], base: str) -> None:
    """The source cannot be skipped: argparse refuses the command (exit 2)."""
    r = cli(capsys, "--db", base, "import", str(DATA / "clients_source.csv"), "--source-name", "X")
    assert r.code == 2 and "--source-kind" in r.err


@pytest.mark.parametrize("bad", ["password_protected.xlsx", "truncated"])
def test_bad_files_exit_2_base_unchanged(
    capsys: pytest.CaptureFixture[str], base: str, tmp_path: Path, bad: str
) -> None:
    """A bad file: exit 2 with a message naming it; the contacts already there are untouched."""
    cli(
        capsys,
        "--db",
        base,
        "import",
        str(DATA / "excel_cp1252.csv"),
        "--source-kind",
        "direct",
        "--source-name",
        "A",
    )
    before = cli(capsys, "--db", base, "contacts", "list", "--json").json
    path = DATA / bad
    if bad == "truncated":
        path = tmp_path / "coupé.xlsx"
        data = (DATA / "libreoffice.xlsx").read_bytes()
        path.write_bytes(data[:3000])
    r = cli(capsys, "--db", base, "import", str(path), "--source-kind", "direct", "--source-name", "B")
    assert r.code == 2 and path.name in r.err
    assert cli(capsys, "--db", base, "contacts", "list", "--json").json == before


def test_every_export_header_is_recognised_by_the_import() -> None:
    """The export's headers map back to their fields (or are knowingly ignored: reference, source)."""
    headers = [h for h, _, _ in EXPORT_COLUMNS]
    mapping = guess_mapping(headers)
    for header, _, column in EXPORT_COLUMNS:
        expected = "" if column in ("id", "source_kind", "source_name", "source_date") else column
        assert mapping[header] == expected, header


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_export_then_import_changes_nothing(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path, suffix: str
) -> None:
    """Every exported contact is recognised as itself on re-import, and no field changes."""
    with db.session() as s:
        make_contact(s)  # e-mail, mobile, address
        make_contact(s, first_name="Jean-Pierre", last_name="de la Fontaine", email="", mobile="",
                     postcode="01000", city="Bourg-en-Bresse", notes="=1+1 piège\nligne 2",
                     company="Lunettes & Co <Lyon>", tags=["VIP", "salon"])  # fmt: skip
        make_contact(s, civility="", first_name="", last_name="", company="Garage Central", email="",
                     mobile="", phone="04 74 77 00 00", address_street="", postcode="", city="",
                     person_kind="professional", status="customer")  # fmt: skip
        make_contact(s, last_name="O'Brien", first_name="Zoé", email="zoe@example.ie", mobile="+353 85 123 4567",
                     country="IE", postcode="D02 X285", city="Dublin", address_street="1 Main St")  # fmt: skip
        make_contact(s, last_name="Cedex", first_name="Paul", email="", mobile="", postcode="69431",
                     city="LYON", cedex="CEDEX 03")  # fmt: skip
        before = _snapshot(s)
    url = db.url
    out = tmp_path / f"contacts{suffix}"
    r = cli(capsys, "--db", url, "export", "contacts", str(out), "--json")
    assert r.code == 0 and r.json["contacts"] == 5, r.err
    r = cli(
        capsys,
        "--db",
        url,
        "import",
        str(out),
        "--source-kind",
        "direct",
        "--source-name",
        "Retour",
        "--json",
    )
    assert r.code == 0, r.err
    assert (r.json["read"], r.json["unchanged"], r.json["created"], r.json["merged"], r.json["refused"]) == (
        5, 5, 0, 0, 0)  # fmt: skip
    with db.session() as s:
        assert _snapshot(s) == before
        # and into an empty base, the same contacts come back field for field
    empty = tmp_path / "vide.sqlite"
    r = cli(capsys, "--db", str(empty), "import", str(out), "--source-kind", "direct", "--source-name", "Retour",
            "--obtained-on", "2026-03-01", "--json")  # fmt: skip
    assert r.json["created"] == 5, r.out
    fields = ("civility", "first_name", "last_name", "company", "address_lines", "postcode", "city", "cedex",
              "country", "phone", "mobile", "email", "status", "person_kind", "tags", "notes")  # fmt: skip
    again = cli(capsys, "--db", str(empty), "contacts", "list", "--json").json
    assert [{k: c[k] for k in fields} for c in again] == [{k: c[k] for k in fields} for c in before]


def test_export_search_filter_and_bad_extension(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    """--search exports only the matching contacts; an unknown extension is refused with exit 2."""
    with db.session() as s:
        make_contact(s)
        make_contact(s, last_name="Petit", email="p@example.fr", mobile="", postcode="75001", city="Paris")
    out = tmp_path / "paris.xlsx"
    r = cli(capsys, "--db", db.url, "export", "contacts", str(out), "--search", "paris", "--json")
    assert r.json["contacts"] == 1
    ws = openpyxl.load_workbook(out).active
    assert ws["C2"].value == "PETIT" and ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert ws["P2"].value == "p@example.fr"
    r = cli(capsys, "--db", db.url, "export", "contacts", str(tmp_path / "x.pdf"))
    assert r.code == 2
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 2


def test_mapping_file_with_french_field_names_and_address_groups(
    capsys: pytest.CaptureFixture[str], base: str, tmp_path: Path
) -> None:
    """The README's mapping file: French field names, two columns on one field, a second address."""
    data = tmp_path / "salon.csv"
    data.write_text(
        "NOM;Prénom;Adresse 1;Adresse 2;CP;Ville facturation;Ville livraison;Tél. 1;Tél. 2;Désabonné;Remarque\n"
        "Durand;Paul;Résidence du Lac;4 rue du Port;74000;Annecy;;04 50 00 00 01;06 50 00 00 02;non;VIP\n"
        "Morel;Anne;;;;;Lyon;;07 50 00 00 03;oui;\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "correspondance.json"
    mapping.write_text(json.dumps({"nom": "Fichier du salon", "colonnes": {
        "NOM": "Nom", "Prénom": "Prénom", "Adresse 1": "Numéro et voie", "Adresse 2": "Numéro et voie",
        "CP": "Code postal", "Ville facturation": "Ville", "Ville livraison": "Ville (adresse 2)",
        "Tél. 1": "Téléphone", "Tél. 2": "Téléphone", "Désabonné": "Désinscription des e-mails",
        "Remarque": "ignorer"}}, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    r = cli(capsys, "--db", base, "import", str(data), "--source-kind", "direct", "--source-name", "Salon",
            "--mapping", str(mapping), "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert (r.json["created"], r.json["refused"]) == (2, 0)
    people = {c["last_name"]: c for c in cli(capsys, "--db", base, "contacts", "list", "--json").json}
    durand, morel = people["DURAND"], people["MOREL"]
    assert durand["address_lines"] == ["Résidence du Lac", "4 rue du Port"]
    assert (durand["postcode"], durand["city"], durand["phone"], durand["mobile"]) == (
        "74000", "Annecy", "+33450000001", "+33650000002")  # fmt: skip
    assert (morel["city"], morel["mobile"], morel["notes"]) == ("Lyon", "+33750000003", "")
    shown = cli(capsys, "--db", base, "contacts", "show", morel["ref"], "--json").json
    assert any("Opposition" in e["text"] for e in shown["history"])
