"""Issue 18: files in the exact layouts other tools export import with no manual mapping, field by field."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from models.compliance import Opposition, SuppressionEntry
from models.contact import Contact
from models.database import Database
from services.importing.mapping import guess_mapping, header_score
from services.importing.outcome import ImportOptions, ImportResult
from services.importing.presets import auto_mapping
from services.importing.reading import read_table
from services.importing.running import run_import
from tests.helpers import make_contact
from tests.importing.layouts import VCARDS, layouts, write_csv

LAYOUTS = layouts()
FIELDS = (
    "civility", "first_name", "last_name", "company", "address_complement", "address_building",
    "address_street", "address_extra", "postcode", "city", "country", "phone", "mobile", "email", "status",
    "person_kind", "notes",
)  # fmt: skip


def _import(db: Database, path: Path, kind: str = "direct") -> tuple[ImportResult, str]:
    table = read_table(path, score=header_score)
    auto = auto_mapping(table.headers, table.rows)
    options = ImportOptions(source_kind=kind, source_name="Ancien fichier")
    with db.session() as s:
        result = run_import(s, table, auto.mapping, options)
    return result, auto.preset.key if auto.preset else ""


def _stored(db: Database) -> dict[str, Contact]:
    with db.session() as s:
        contacts = list(s.scalars(select(Contact)))
        s.expunge_all()
    return {c.last_name or c.company: c for c in contacts}


def _check(stored: dict[str, Contact], expected: dict[str, dict[str, str]]) -> list[str]:
    wrong = []
    for key, fields in expected.items():
        contact = stored.get(key)
        if contact is None:
            wrong.append(f"{key}: absent ({sorted(stored)})")
            continue
        for name, value in fields.items():
            if (getattr(contact, name) or "") != value:
                wrong.append(f"{key}.{name}: {getattr(contact, name)!r} != {value!r}")
    return wrong


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_each_tool_export_imports_field_by_field(db: Database, tmp_path: Path, name: str) -> None:
    """The tool is recognised by its header row; names, company, address lines, postcode, city, country,
    phones (E.164, mobile vs landline) and e-mail are stored right; only the expected rows are refused."""
    file_name, headers, rows, expected = LAYOUTS[name]
    path = write_csv(tmp_path / file_name, headers, rows, bom=name.startswith("outlook"))
    result, preset = _import(db, path)
    assert preset == expected["preset"]
    refused = [r.line for r in result.rows if r.action == "refuse"]
    assert refused == expected["refused"], result.to_dict()
    assert result.summary()["created"] == len(rows) - len(refused)
    stored = _stored(db)
    assert _check(stored, expected["stored"]) == []
    with db.session() as s:
        oppositions = {
            (c.last_name or c.company): sorted((o.scope, o.channel) for o in s.scalars(
                select(Opposition).where(Opposition.contact_id == c.id)))
            for c in stored.values()
        }  # fmt: skip
        suppressed = s.scalar(select(SuppressionEntry.id).limit(1)) is not None
    want = expected.get("oppositions", {})
    assert {k: v for k, v in oppositions.items() if v} == want
    assert suppressed == bool(want)  # docs/rules.md §5.2, §5.9: on the suppression list too
    for key, day in expected.get("collected_on", {}).items():
        assert stored[key].source_date == date.fromisoformat(day)  # the opt-in time as the collection date


@pytest.mark.parametrize("name", list(VCARDS))
def test_vcards_import_as_rows(db: Database, tmp_path: Path, name: str) -> None:
    """vCard 2.1 (Android, quoted-printable), 3.0 (iPhone: itemN groups, X-ABShowAs:COMPANY, folding), 4.0."""
    text, expected = VCARDS[name]
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    table = read_table(path, score=header_score)
    assert len(table.rows) == len(expected) and table.headers[1] == "Prénom"
    result, preset = _import(db, path)
    assert preset == "vcard"
    assert result.summary()["refused"] == 0, result.to_dict()
    assert _check(_stored(db), expected) == []


def test_google_spouses_sharing_a_landline_stay_apart(db: Database, tmp_path: Path) -> None:
    """Data loss fix, through a Google file: the husband on his wife's landline is created, she is untouched."""
    file_name, headers, _, _ = LAYOUTS["google"]
    with db.session() as s:
        wife = make_contact(s, civility="Mme", first_name="Anne", last_name="Morel", mobile="",
                            phone="04 78 55 55 55", email="anne.morel@example.fr")  # fmt: skip
        wife_id = wife.id
    from tests.importing.layouts import row

    rows = [row(headers, **{"First Name": "Marc", "Last Name": "Morel", "Name Prefix": "M.",
                            "E-mail 1 - Value": "marc.morel@example.fr", "Phone 1 - Value": "04 78 55 55 55"})]  # fmt: skip
    result, _ = _import(db, write_csv(tmp_path / file_name, headers, rows))
    assert result.summary()["created"] == 1 and result.summary()["merged"] == 0
    with db.session() as s:
        wife = s.get(Contact, wife_id)
        assert (wife.first_name, wife.email) == ("Anne", "anne.morel@example.fr")
        marc = s.scalars(select(Contact).where(Contact.first_name == "Marc")).one()
        assert (marc.phone, marc.email) == ("+33478555555", "marc.morel@example.fr")


def test_foreign_four_digit_postcodes_are_kept_and_flagged(db: Database, tmp_path: Path) -> None:
    """1000 Bourg-en-Bresse becomes 01000; 1000 Bruxelles and 1204 Genève stay as written and, without a
    country column, the contact is « à vérifier »; a capitalised surname is split from the first name."""
    path = tmp_path / "clients.csv"
    path.write_text(
        "Nom;Adresse;CP;Ville;Portable\n"
        "DUPONT Jean;12 rue des Lilas;1000;Bourg-en-Bresse;06 12 34 56 78\n"
        "PEETERS Sophie;Rue Neuve 10;1000;Bruxelles;06 12 34 56 79\n"
        "Mme MULLER;Rue du Rhône 5;1204;Genève;06 12 34 56 70\n",
        encoding="utf-8",
    )
    result, _ = _import(db, path)
    assert result.summary()["created"] == 3
    stored = _stored(db)
    assert (stored["DUPONT"].first_name, stored["DUPONT"].postcode, stored["DUPONT"].to_check) == (
        "Jean",
        "01000",
        False,
    )
    assert (stored["PEETERS"].postcode, stored["PEETERS"].to_check) == ("1000", True)
    assert "pays à vérifier" in stored["PEETERS"].to_check_reasons
    muller = stored["MULLER"]
    assert (muller.civility, muller.postcode, muller.to_check) == ("Mme", "1204", True)
    assert "Civilité" in muller.to_check_reasons


def test_accountant_workbook_with_title_and_total_rows(db: Database, tmp_path: Path) -> None:
    """Merged title cells above the header and TOTAL / Sous-total rows: the people are imported, the totals
    skipped (not refused); legal forms make a company; a literal "\\n" in the address becomes two lines."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Cabinet Expert & Associés — Clients 2025"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["Client", "Adresse", "Code postal", "Ville", "Téléphone", "Solde"])
    ws.append(["SARL Boulangerie Martin", "5 place du Marché", "35000", "Rennes", "02 99 00 00 01", 120.5])
    ws.append(
        ["DURAND Paul", "Résidence du Parc\\n3 allée des Roses", "49000", "Angers", "06 00 00 00 02", 80]
    )
    ws.append(["Sous-total", None, None, None, None, 200.5])
    ws.append(["TOTAL", None, None, None, None, 200.5])
    path = tmp_path / "comptable.xlsx"
    wb.save(path)
    table = read_table(path, score=header_score)
    mapping = auto_mapping(table.headers, table.rows).mapping
    assert mapping["Client"] == "full_name_reversed"
    result, _ = _import(db, path)
    assert (result.summary()["read"], result.summary()["created"], result.summary()["refused"]) == (2, 2, 0)
    stored = _stored(db)
    assert stored["SARL Boulangerie Martin"].phone == "+33299000001"
    durand = stored["DURAND"]
    assert (durand.first_name, durand.address_building, durand.address_street, durand.mobile) == (
        "Paul",
        "Résidence du Parc",
        "3 allée des Roses",
        "+33600000002",
    )


def test_never_a_label_type_id_nor_boolean_column() -> None:
    """Label/Type/Id columns and columns of booleans are never mapped to a text field."""
    headers = ["Nom", "E-mail 1 - Label", "Phone 1 - Type", "Identifiant société", "Est une entreprise",
               "Société", "Client actif"]  # fmt: skip
    rows: list[list[Any]] = [["Dupont", "* Home", "Mobile", "330", "VRAI", "Acme", "FAUX"]]
    mapping = guess_mapping(headers, rows)
    assert mapping == {"Nom": "last_name", "E-mail 1 - Label": "", "Phone 1 - Type": "", "Identifiant société": "",
                       "Est une entreprise": "is_company", "Société": "company", "Client actif": ""}  # fmt: skip


@pytest.mark.parametrize("name", ["carnet_libreoffice.ods", "carnet_libreoffice.xlsx"])
def test_libreoffice_export_with_french_headers_needs_no_manual_mapping(db: Database, name: str) -> None:
    """A real export made here (LibreOffice re-saving a CSV with French headers): every column is
    recognised, nothing to map by hand, every field stored right (numbers LibreOffice made are restored)."""
    path = Path(__file__).resolve().parents[1] / "data" / name
    table = read_table(path, score=header_score)
    mapping = auto_mapping(table.headers, table.rows).mapping
    assert mapping == {
        "Civilité": "civility", "Prénom": "first_name", "Nom": "last_name", "Société": "company",
        "Adresse": "address_street", "Complément d'adresse": "address_complement", "Code postal": "postcode",
        "Ville": "city", "Pays": "country", "Téléphone": "phone", "Portable": "mobile",
        "Adresse e-mail": "email", "Inscrit le": "collected_on", "Client actif": "",
    }  # fmt: skip
    result, _ = _import(db, path)
    assert result.summary()["created"] == 3 and result.summary()["refused"] == 0
    assert _check(_stored(db), {
        "FABRE": {"civility": "Mme", "first_name": "Lucie", "address_street": "7 rue Paradis",
                  "address_complement": "Appt 5", "postcode": "13001", "city": "Marseille", "country": "FR",
                  "phone": "+33491000001", "mobile": "+33612000002", "email": "lucie.fabre@example.fr"},
        "LAMBERT": {"civility": "M.", "first_name": "Hugo", "company": "Lambert Menuiserie EURL",
                    "address_street": "ZA des Chênes", "postcode": "84000", "city": "Avignon",
                    "phone": "+33490000003", "email": "contact@lambert-menuiserie.fr"},
        "GARNIER": {"first_name": "Noé", "postcode": "01000", "city": "Bourg-en-Bresse", "mobile": "+33774000004"},
    }) == []  # fmt: skip
    with db.session() as s:
        fabre = s.scalars(select(Contact).where(Contact.last_name == "FABRE")).one()
        assert fabre.source_date == date(
            2025, 3, 12
        )  # « Inscrit le »: the collection date of a direct source


def test_objection_of_a_skipped_duplicate_is_still_recorded(db: Database, tmp_path: Path) -> None:
    """docs/rules.md §5.9: « ignorer les doublons » leaves the row out, never its objection; importing the
    same file again records nothing twice."""
    file_name, headers, rows, _ = LAYOUTS["brevo"]
    with db.session() as s:
        eva = make_contact(s, first_name="Eva", last_name="Roux", email="eva.roux@example.fr", mobile="")
        eva_id = eva.id
    path = write_csv(tmp_path / file_name, headers, rows)
    table = read_table(path, score=header_score)
    mapping = auto_mapping(table.headers, table.rows).mapping
    for _ in range(2):
        with db.session() as s:
            run_import(s, table, mapping, ImportOptions("partner", "Brevo", on_duplicate="skip"))
    with db.session() as s:
        scopes = [
            (o.scope, o.channel) for o in s.scalars(select(Opposition).where(Opposition.contact_id == eva_id))
        ]
    assert scopes == [("all", "email")]
