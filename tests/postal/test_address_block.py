"""NF Z10-011 address blocks (docs/rules.md §8), rule by rule."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from services.postal.address_block import (
    abbreviate_street,
    address_block,
    household_line,
    normalise_house_number,
)


def person(**overrides: Any) -> SimpleNamespace:
    values = {
        "civility": "M.", "first_name": "Jean", "last_name": "Dupont", "company": "",
        "address_complement": "", "address_building": "", "address_street": "12 rue de la Paix",
        "address_extra": "", "postcode": "69002", "city": "Lyon", "cedex": "", "country": "FR",
    }  # fmt: skip
    values.update(overrides)
    return SimpleNamespace(**values)


def test_private_person_layout_and_last_line_routing_label() -> None:
    """Line 1 civility first-name NAME; last line postcode + La Poste routing label in capitals."""
    block = address_block(
        person(address_complement="Appartement 12, 3e étage", address_building="Résidence Les Pins")
    )
    assert block.ok
    assert block.lines == [
        "M. Jean DUPONT",
        "Appartement 12, 3e étage",
        "Résidence Les Pins",
        "12 RUE DE LA PAIX",
        "69002 LYON",
    ]


def test_empty_lines_are_dropped_and_block_has_at_most_six_lines() -> None:
    """Empty optional lines disappear; a full domestic block never exceeds 6 lines of 38 characters."""
    block = address_block(person())
    assert block.lines == ["M. Jean DUPONT", "12 RUE DE LA PAIX", "69002 LYON"]
    full = address_block(person(address_complement="Chez Mme Durand", address_building="Bâtiment B",
                                address_extra="Lieu-dit Les Granges"))  # fmt: skip
    assert len(full.lines) == 6 and all(len(line) <= 38 for line in full.lines)


def test_lines_four_to_six_have_no_punctuation() -> None:
    """Lines 4-6: letters, digits and spaces only, in capitals without accents."""
    block = address_block(
        person(address_street="3, place de l'Église", city="Saint-Étienne", postcode="42000")
    )
    assert block.lines[-2:] == ["3 PLACE DE L EGLISE", "42000 SAINT ETIENNE"]
    for line in block.lines[-2:]:
        assert re.fullmatch(r"[A-Z0-9 ]+", line)


def test_house_numbers_bis_ter_ranges_and_pairs() -> None:
    """5 bis -> 5 B, 7ter -> 7 T, 4 à 8 -> 4, 12/14 -> 12, 3-5 -> 3."""
    assert normalise_house_number("5 bis rue Pasteur") == "5 B rue Pasteur"
    assert normalise_house_number("7ter, avenue Foch") == "7 T, avenue Foch"
    assert normalise_house_number("4 à 8 rue des Lilas") == "4 rue des Lilas"
    assert normalise_house_number("12/14 quai Voltaire") == "12 quai Voltaire"
    assert normalise_house_number("3-5 impasse du Moulin") == "3 impasse du Moulin"
    assert address_block(person(address_street="5 bis, rue Pasteur")).lines[1] == "5 B RUE PASTEUR"


def test_long_street_abbreviates_the_street_type_only_when_needed() -> None:
    """A 41-character street line gets La Poste's abbreviation (BOULEVARD -> BD); a short one keeps it."""
    long_line = address_block(person(address_street="4 boulevard du Maréchal de Lattre Tassigny"))
    assert long_line.lines[1] == "4 BD DU MARECHAL DE LATTRE TASSIGNY"
    assert address_block(person(address_street="4 boulevard Voltaire")).lines[1] == "4 BOULEVARD VOLTAIRE"
    # Only the street type (after the number) is abbreviated, never a word that happens to be one.
    assert " PL " not in abbreviate_street("12 RUE DE LA PLACE DU MARCHE AUX HERBES SECHES")
    assert abbreviate_street("12 AVENUE DE LA PLACE DU MARCHE AUX HERBES").startswith("12 AV DE LA PLACE")


def test_street_too_long_even_abbreviated_is_reported() -> None:
    """An address that cannot be made valid gives a reason instead of a wrong block."""
    block = address_block(person(address_street="12 rue de la Longue Traversée des Grands Champs Fleuris"))
    assert not block.ok
    assert "trop longue" in block.errors[0]


def test_bp_and_cedex() -> None:
    """B.P. 123 -> line 5 « BP 123 »; last line: CEDEX code + office + « CEDEX 08 »."""
    block = address_block(person(company="ACME SARL", civility="", first_name="", last_name="",
                                 address_street="", address_extra="B.P. 123", postcode="75381",
                                 city="Paris", cedex="CEDEX 08"))  # fmt: skip
    assert block.ok, block.errors
    assert block.lines == ["ACME SARL", "BP 123", "75381 PARIS CEDEX 08"]


def test_lieu_dit_on_line_five() -> None:
    """A lieu-dit goes on line 5, in capitals without punctuation."""
    block = address_block(person(address_street="", address_extra="Lieu-dit « Les Granges »", postcode="24200",
                                 city="Sarlat-la-Canéda"))  # fmt: skip
    assert block.ok
    assert block.lines[1] == "LIEU DIT LES GRANGES"
    assert block.lines[-1] == "24200 SARLAT LA CANEDA"


def test_company_with_a_department() -> None:
    """Company layout: 1 company, 2 person, 3 department; 7 lines fold the department beside the person."""
    block = address_block(person(company="Garage du Centre", address_complement="Service comptabilité"))
    assert block.lines[:3] == ["Garage du Centre", "M. Jean DUPONT", "Service comptabilité"]
    crowded = address_block(person(company="Garage du Centre", address_complement="Compta",
                                   address_building="Zone des Acacias", address_extra="BP 12"))  # fmt: skip
    assert crowded.ok, crowded.errors
    assert len(crowded.lines) == 6
    assert crowded.lines[1] == "M. Jean DUPONT - Compta"


def test_corsica_postcode_is_numeric() -> None:
    """Corsica: 20xxx with its routing label; « 2A004 » is refused with a reason."""
    assert address_block(person(postcode="20000", city="Ajaccio")).lines[-1] == "20000 AJACCIO"
    bad = address_block(person(postcode="2A000", city="Ajaccio"))
    assert not bad.ok and "corse" in bad.errors[0]


def test_overseas_department_is_domestic() -> None:
    """Overseas 97xxx: routing label, no country line (even if typed as GP)."""
    block = address_block(person(postcode="97200", city="Fort-de-France", country="MQ"))
    assert block.ok
    assert block.lines[-1] == "97200 FORT DE FRANCE"


def test_abroad_country_in_french_capitals_last() -> None:
    """Abroad: locality line then the country in French, in capitals, as a 7th line if needed."""
    block = address_block(
        person(address_street="Hauptstraße 5", postcode="10115", city="Berlin", country="DE")
    )
    assert block.lines[-2:] == ["10115 BERLIN", "ALLEMAGNE"]
    full = address_block(person(address_street="Hauptstraße 5", postcode="10115", city="Berlin", country="DE",
                                company="Müller GmbH", address_complement="Einkauf",
                                address_building="Haus 2", address_extra="Postfach 12"))  # fmt: skip
    assert full.ok and len(full.lines) == 7


def test_unknown_postcode_and_incomplete_address_are_reported() -> None:
    """No street nor lieu-dit, or a postcode La Poste does not know: reasons in French."""
    assert "incomplète" in address_block(person(address_street="")).errors[0]
    assert "inconnu" in address_block(person(postcode="99999")).errors[0]


def test_household_line() -> None:
    """One letter per household: « M. et Mme DUPONT »."""
    assert household_line(["M.", "Mme"], "Dupont") == "M. et Mme DUPONT"
    assert household_line(["Mme", "Mme"], "Dupont") == "Mmes DUPONT"
    assert household_line(["M.", "Mme", "Mme"], "Dupont") == "Famille DUPONT"
