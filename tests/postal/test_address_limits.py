"""The 38-character line of NF Z10-011 at its boundary (docs/rules.md §8.1, §8.5): 38 fits, 39 does not —
on every line, the company's line 1 included — and an abbreviation only from the 39th character."""

from __future__ import annotations

import pytest

from services.postal.address_block import abbreviate_street, address_block, household_line, person_line
from tests.postal.test_address_block import person

contact = person  # the same address fields (tests/postal/test_address_block.py)


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


@pytest.mark.parametrize(
    ("postcode", "cedex", "error"),
    [
        ("", "", "code postal manquant"),
        ("2A004", "", "code postal corse « 2A004 » : il s'écrit en chiffres (20xxx)"),
        ("2b200", "", "code postal corse « 2b200 » : il s'écrit en chiffres (20xxx)"),
        ("6900", "", "code postal « 6900 » invalide (5 chiffres)"),
        ("690021", "", "code postal « 690021 » invalide (5 chiffres)"),
        ("99999", "", "code postal 99999 inconnu de La Poste"),
        ("99999", "CEDEX 9", None),  # a CEDEX code need not be a commune's
        ("69002", "", None),
    ],
)
def test_the_postcode_line(postcode: str, cedex: str, error: str | None) -> None:
    """docs/rules.md §8.2 line 6: five digits, Corsica in digits, known to La Poste unless CEDEX."""
    block = address_block(contact(postcode=postcode, cedex=cedex))
    assert block.errors == ([error] if error else [])


def test_cedex_and_lieu_dit_lines() -> None:
    cedex = address_block(contact(address_street="", address_extra="C.S. 70001", postcode="69442", city="Lyon Cedex 03",
                                  cedex="cedex 03"))  # fmt: skip
    assert cedex.lines[1:] == ["CS 70001", "69442 LYON CEDEX 03"]
    bp = address_block(contact(address_street="3 rue du Port", address_extra="b.p. 12", postcode="13002",
                               city="Marseille"))  # fmt: skip
    assert bp.lines[1:] == ["3 RUE DU PORT", "BP 12", "13002 MARSEILLE"]


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("4-8 rue des Lilas", "4 RUE DES LILAS"),
        ("4 au 8 rue des Lilas", "4 RUE DES LILAS"),
        ("12 et 14 quai Voltaire", "12 QUAI VOLTAIRE"),
        ("12 & 14 quai Voltaire", "12 QUAI VOLTAIRE"),
        ("5B rue Pasteur", "5 B RUE PASTEUR"),
        ("5 quater rue Pasteur", "5 Q RUE PASTEUR"),
        ("5quinquies rue Pasteur", "5 C RUE PASTEUR"),
        ("5 Ter. rue Pasteur", "5 T RUE PASTEUR"),
        ("rue Pasteur", "RUE PASTEUR"),
        ("  12,  rue   de l'Église  ", "12 RUE DE L EGLISE"),
    ],
)
def test_house_numbers_as_la_poste_writes_them(typed: str, line: str) -> None:
    assert address_block(contact(address_street=typed)).lines[1] == line


def test_what_makes_a_block_unusable() -> None:
    nameless = address_block(contact(civility="", first_name="", last_name=""))
    assert nameless.errors == ["nom manquant"]
    assert address_block(contact(city="")).errors == ["ville manquante"]
    abroad = address_block(contact(country="de", postcode="10115", city="", address_street="Hauptstraße 5"))
    assert abroad.errors == ["ville manquante"] and abroad.lines[-1] == "ALLEMAGNE"
    crowded = address_block(contact(company="Garage du Centre", address_complement="Service comptabilité fournisseurs",
                                    address_building="Zone des Acacias", address_extra="BP 12"))  # fmt: skip
    assert crowded.errors == ["7 lignes : 6 au plus"]  # the two lines cannot be joined within 38 characters
    assert crowded.lines[1:3] == ["M. Jean DUPONT", "Service comptabilité fournisseurs"]


def test_a_name_too_long_even_with_initials_keeps_the_civility_and_the_name() -> None:
    assert person_line("Mme", "Marie-Christine Anne", "De La Tour D'Auvergne-Lauragais") == (
        "Mme DE LA TOUR D'AUVERGNE-LAURAGAIS"
    )
    assert person_line("", "", "Dupont") == "DUPONT"
    assert person_line("", "Jean Pierre", "X" * 30) == "J.-P. " + "X" * 30


def test_abbreviating_stops_as_soon_as_the_line_is_38_characters() -> None:
    """« AV » brings the line to exactly 38: « SAINT » is left whole; on the other line « SAINT » → « ST » is
    enough, and the general keeps his title."""
    avenue = address_block(contact(address_street="12 avenue de la Porte Saint-Martin du Parc"))
    assert avenue.lines[1] == "12 AV DE LA PORTE SAINT MARTIN DU PARC" and len(avenue.lines[1]) == 38
    assert avenue.ok
    rue = address_block(contact(address_street="12 rue Saint-Pierre du Général de la Rive"))
    assert rue.lines[1] == "12 RUE ST PIERRE DU GENERAL DE LA RIVE" and len(rue.lines[1]) == 38
    assert rue.ok


def test_the_street_type_after_a_repetition_index_is_abbreviated() -> None:
    """« 12 bis avenue … » too long: « 12 B AV … » (the type is the word after the number and its index)."""
    block = address_block(contact(address_street="12 bis avenue des Martyrs de la Résistance"))
    assert block.lines[1] == "12 B AV DES MARTYRS DE LA RESISTANCE" and block.ok


def test_the_last_line_of_a_paris_arrondissement_is_la_postes_routing_label() -> None:
    """« Paris 1er Arrondissement » as typed; La Poste routes 75001 to « PARIS »."""
    assert (
        address_block(contact(postcode="75001", city="Paris 1er Arrondissement")).lines[-1] == "75001 PARIS"
    )


def test_a_long_first_name_without_a_last_name_becomes_initials() -> None:
    assert person_line("Mme", "Marie-Christine Anne-Sophie Élisabeth", "") == "Mme M.-C.-A.-S.-É."


def test_a_seventh_line_is_avoided_by_joining_lines_two_and_three_when_they_fit_in_38() -> None:
    """docs/rules.md §8.1: « M. Jean DUPONT - » and a department of 21 characters make 38: joined, the block
    keeps its company first and holds in 6 lines; one more character and the address is refused."""
    fields = {"company": "Garage du Centre", "address_building": "Zone des Acacias", "address_extra": "BP 12"}
    joined = address_block(contact(**fields, address_complement="Service des achats 12"))
    assert joined.ok
    assert joined.lines == [
        "Garage du Centre",
        "M. Jean DUPONT - Service des achats 12",
        "Zone des Acacias",
        "12 RUE DE LA PAIX",
        "BP 12",
        "69002 LYON",
    ]
    refused = address_block(contact(**fields, address_complement="Service des achats 123"))
    assert refused.errors == ["7 lignes : 6 au plus"]


def test_an_unknown_postcode_is_the_only_fault_of_a_full_block() -> None:
    """Six lines and a postcode La Poste does not know: the postcode is reported — no last line is built
    from it, so no « 7 lignes » is reported on top."""
    block = address_block(contact(company="Garage du Centre", address_complement="Service comptabilité fournisseurs",
                                  address_building="Zone des Acacias", address_extra="BP 12", postcode="99999"))  # fmt: skip
    assert block.errors == ["code postal 99999 inconnu de La Poste"]
    assert len(block.lines) == 6 and block.lines[-1] == "BP 12"
