"""Header recognition (French and English, accents and case ignored) and saved mappings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.database import Database
from services.core.errors import InputError
from services.importing.mapping import (
    guess_field,
    guess_mapping,
    list_presets,
    load_mapping_file,
    resolve,
    save_mapping_file,
    save_preset,
)
from services.importing.presets import apply_preset
from services.importing.reading import detect_header_row, header_texts


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Civilité", "civility"), ("TITRE", "civility"), ("Title", "civility"),
        ("Nom", "last_name"), ("Last name", "last_name"), ("Prénom", "first_name"), ("prenom", "first_name"),
        ("First Name", "first_name"), ("Raison sociale", "company"), ("Société", "company"), ("Company", "company"),
        ("Adresse", "address_street"), ("Adresse 1", "address_street"), ("Rue", "address_street"),
        ("Complément", "address_complement"), ("Bâtiment", "address_building"), ("Lieu-dit", "address_extra"),
        ("BP", "address_extra"), ("CP", "postcode"), ("Code postal", "postcode"), ("Zip code", "postcode"),
        ("Ville", "city"), ("Commune", "city"), ("City", "city"), ("Pays", "country"), ("Country", "country"),
        ("Téléphone", "phone"), ("Tél", "phone"), ("TEL.", "phone"), ("Fixe", "phone"), ("Phone", "phone"),
        ("Portable", "mobile"), ("Mobile", "mobile"), ("Tél. portable", "mobile"), ("E-mail", "email"),
        ("Courriel", "email"), ("EMAIL", "email"), ("Adresse e-mail", "email"),
        ("Date de collecte", "collected_on"), ("Type", "person_kind"), ("Refus courrier", "refuse_post"),
        ("Refus téléphone", "refuse_phone"), ("Accord téléphone", "accept_phone"),
        ("Refus partenaires", "refuse_partners"), ("Référence", ""), ("Couleur préférée", ""),
    ],
)  # fmt: skip
def test_headers_recognised(header: str, field: str) -> None:
    """Each header of the issue, in French or English, with or without accents and case."""
    assert guess_field(header) == field


def test_second_phone_column_goes_to_mobile_and_duplicates_are_ignored() -> None:
    """ "Tél 1", "Tél 2": the second number is the mobile; a second "Nom" column is not used twice."""
    headers = header_texts(["Nom", "Tél 1", "Tél 2", "Nom"])
    assert headers == ["Nom", "Tél 1", "Tél 2", "Nom (2)"]
    assert list(guess_mapping(headers).values()) == ["last_name", "phone", "mobile", ""]


def test_resolve_needs_a_name_or_company_and_lets_columns_share_a_field() -> None:
    """Without a name nor company column: a clear message; two columns may feed one field (first non-empty wins)."""
    with pytest.raises(InputError, match="nom ni à la société"):
        resolve(["Ville"], {"Ville": "city"})
    assert resolve(["A", "B"], {"A": "last_name", "B": "last_name"}).columns == {"last_name": (0, 1)}
    assert resolve(["Nom", "X"], {"Nom": "last_name"}).columns == {"last_name": (0,)}


def test_header_row_found_under_title_and_blank_lines() -> None:
    """Title and blank rows above the header are skipped."""
    from services.importing.mapping import header_score

    rows = [["Clients 2025", "", ""], ["", "", ""], ["Nom", "Prénom", "CP"], ["Dupont", "Jean", "75001"]]
    assert detect_header_row(rows, header_score) == 2


def test_preset_file_round_trip_and_errors(tmp_path: Path) -> None:
    """A preset saved as JSON reloads the same; an unknown field is refused with its name."""
    path = tmp_path / "p.json"
    save_mapping_file(path, "Salon", {"Nom": "last_name", "Tel": "phone"})
    assert json.loads(path.read_text())["name"] == "Salon"
    assert load_mapping_file(path) == {"Nom": "last_name", "Tel": "phone"}
    path.write_text('{"Nom": "surname"}')
    with pytest.raises(InputError, match="surname"):
        load_mapping_file(path)
    path.write_text("{pas du json")
    with pytest.raises(InputError, match="illisible"):
        load_mapping_file(path)


def test_preset_saved_in_base_and_applied_without_accents(db: Database) -> None:
    """A named mapping saved in the base applies to headers written differently (accents, case)."""
    with db.session() as s:
        save_preset(s, "Fichier salon", {"Téléphone maison": "phone", "Nom": "last_name"})
        save_preset(s, "Fichier salon", {"Téléphone maison": "mobile", "Nom": "last_name"})  # replaced
    with db.session() as s:
        presets = list_presets(s)
    assert list(presets) == ["Fichier salon"]
    mapping = apply_preset(["NOM", "telephone MAISON", "Ville"], presets["Fichier salon"])
    assert mapping == {"NOM": "last_name", "telephone MAISON": "mobile", "Ville": "city"}


def test_openpyxl_parses_with_defusedxml() -> None:
    """defusedxml is installed, so openpyxl parses workbooks with it (XML bombs, external entities)."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
