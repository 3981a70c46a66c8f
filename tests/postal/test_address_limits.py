"""The 38-character line of NF Z10-011 at its boundary (docs/rules.md §8.1, §8.5): 38 fits, 39 does not —
on every line, the company's line 1 included — and an abbreviation only from the 39th character."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from services.postal.address_block import abbreviate_street, address_block, household_line, person_line


def contact(**overrides: Any) -> SimpleNamespace:
    values = {
        "civility": "M.", "first_name": "Jean", "last_name": "Dupont", "company": "",
        "address_complement": "", "address_building": "", "address_street": "12 rue de la Paix",
        "address_extra": "", "postcode": "69002", "city": "Lyon", "cedex": "", "country": "FR",
    }  # fmt: skip
    values.update(overrides)
    return SimpleNamespace(**values)


def test_a_company_name_of_38_characters_is_printed_39_are_refused() -> None:
    """Line 1 of a company's block is its name: subject to the limit like any other line."""
    name_38 = "Boulangerie-Pâtisserie des Halles SARL"
    name_39 = "Boulangerie-Pâtisserie des Grands Halls"
    assert (len(name_38), len(name_39)) == (38, 39)
    fits = address_block(contact(company=name_38))
    assert fits.ok and fits.lines[0] == name_38
    refused = address_block(contact(company=name_39))
    assert refused.errors == [f"ligne 1 trop longue (39 caractères, 38 au plus) : « {name_39} »"]


@pytest.mark.parametrize(
    ("field", "line"), [("address_complement", 2), ("address_building", 3)], ids=["line 2", "line 3"]
)
def test_lines_two_and_three_are_refused_from_39_characters(field: str, line: int) -> None:
    """Lines 2-3 are printed as typed (no abbreviation): 38 characters fit, 39 make the address unusable."""
    text_38 = "Résidence des Jardins de la Roseraie 3"
    text_39 = "Résidence des Jardins de la Roseraie 3B"
    assert (len(text_38), len(text_39)) == (38, 39)
    both = {"address_complement": "Chez Mme Durand", "address_building": "Bâtiment B"}
    assert address_block(contact(**{**both, field: text_38})).ok
    block = address_block(contact(**{**both, field: text_39}))
    assert block.errors == [f"ligne {line} trop longue (39 caractères, 38 au plus) : « {text_39} »"]


def test_a_persons_name_of_38_characters_is_kept_whole_39_get_initials() -> None:
    """Line 1 of a private person: shortened (first names to initials) only beyond 38."""
    assert (
        person_line("Mme", "Marie-Christine", "Bertrand-Deschamps")
        == "Mme Marie-Christine BERTRAND-DESCHAMPS"
    )
    assert person_line("Mme", "Marie-Christine", "Bertrand-Deschampss") == "Mme M.-C. BERTRAND-DESCHAMPSS"
    block = address_block(
        contact(civility="Mme", first_name="Marie-Christine", last_name="Bertrand-Deschamps")
    )
    assert block.lines[0] == "Mme Marie-Christine BERTRAND-DESCHAMPS" and len(block.lines[0]) == 38


def test_the_street_type_is_abbreviated_from_the_39th_character_only() -> None:
    """« 18 AVENUE DES MARTYRS DE LA RESISTANCE » is 38 characters: printed whole; at number 118 it would be
    39: « AV »."""
    assert (
        abbreviate_street("18 AVENUE DES MARTYRS DE LA RESISTANCE")
        == "18 AVENUE DES MARTYRS DE LA RESISTANCE"
    )
    assert (
        abbreviate_street("118 AVENUE DES MARTYRS DE LA RESISTANCE") == "118 AV DES MARTYRS DE LA RESISTANCE"
    )
    whole = address_block(contact(address_street="18 avenue des Martyrs de la Résistance"))
    short = address_block(contact(address_street="118, avenue des Martyrs-de-la-Résistance"))
    assert whole.lines[1] == "18 AVENUE DES MARTYRS DE LA RESISTANCE" and whole.ok
    assert short.lines[1] == "118 AV DES MARTYRS DE LA RESISTANCE" and short.ok


def test_titles_are_abbreviated_only_when_the_street_type_was_not_enough() -> None:
    """BOULEVARD → BD first; MARECHAL → MAL only if the line still exceeds 38 characters."""
    assert (
        abbreviate_street("2 BOULEVARD DU MARECHAL DE LATTRE DE TASSIGNY")
        == "2 BD DU MARECHAL DE LATTRE DE TASSIGNY"
    )
    assert (
        abbreviate_street("12 BOULEVARD DU MARECHAL DE LATTRE DE TASSIGNY")
        == "12 BD DU MAL DE LATTRE DE TASSIGNY"
    )
    lieu_dit = address_block(
        contact(address_street="", address_extra="Lieu-dit Les Hauts du Grand Saint-Martin")
    )
    assert lieu_dit.lines[1] == "LD LES HAUTS DU GRAND SAINT MARTIN"  # « LIEU DIT » is the type: enough


def test_an_address_that_cannot_be_brought_to_38_is_refused_not_cut() -> None:
    """Past every abbreviation, the line is reported with its length rather than printed cut."""
    block = address_block(contact(address_street="7 avenue des Anciens Combattants et Victimes de Guerre"))
    assert not block.ok
    assert block.errors[0].startswith("ligne 2 trop longue (")
    assert "38 au plus" in block.errors[0]


@pytest.mark.parametrize(
    ("civilities", "line"),
    [
        (["M.", "Mme"], "M. et Mme DUPONT"),
        (["Mme", "M."], "M. et Mme DUPONT"),
        (["Mme", "Mme"], "Mmes DUPONT"),
        (["M.", "M."], "MM. DUPONT"),
        (["Mme", "Mme", "Mme"], "Famille DUPONT"),
        (["M.", "M.", "M."], "Famille DUPONT"),
        (["M.", "Mme", "M."], "Famille DUPONT"),
        (["M.", ""], "Famille DUPONT"),
    ],
)
def test_one_letter_per_household_names_who_lives_there(civilities: list[str], line: str) -> None:
    """« M. et Mme », « Mmes », « MM. » for two people; « Famille » otherwise (docs/rules.md §8.2 line 1)."""
    assert household_line(civilities, " Dupont ") == line
