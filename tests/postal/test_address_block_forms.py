"""The address block's rewriting, as La Poste prints it (docs/rules.md §8): house-number ranges and
repetition indexes, postcodes typed with a space, France by default, a city that is not one of its
postcode's communes, an address with nothing to deliver to. Written for the mutants of issue 19's run
that no test killed."""

from __future__ import annotations

import pytest

from services.postal.address_block import address_block
from tests.postal.test_address_limits import contact


@pytest.mark.parametrize(
    ("street", "printed"),
    [
        ("12 à 14 rue de la Paix", "12 RUE DE LA PAIX"),  # a range: the first number
        ("12 A 14 RUE DE LA PAIX", "12 RUE DE LA PAIX"),
        ("12 au 14 rue de la Paix", "12 RUE DE LA PAIX"),
        ("12b rue de la Paix", "12 B RUE DE LA PAIX"),  # the repetition index, spaced and in capitals
        ("12 BIS rue de la Paix", "12 B RUE DE LA PAIX"),
        ("12 Ter rue de la Paix", "12 T RUE DE LA PAIX"),
    ],
)
def test_house_numbers_as_la_poste_prints_them(street: str, printed: str) -> None:
    block = address_block(contact(address_street=street))
    assert block.ok and block.lines[1] == printed


@pytest.mark.parametrize("country", ["FR", "fr", ""])
def test_france_by_default_and_whatever_the_case(country: str) -> None:
    assert address_block(contact(country=country)).lines == [
        "M. Jean DUPONT",
        "12 RUE DE LA PAIX",
        "69002 LYON",
    ]


def test_a_postcode_typed_with_a_space() -> None:
    assert address_block(contact(postcode="69 002")).lines[-1] == "69002 LYON"


@pytest.mark.parametrize(
    ("city", "printed"),
    [("Villeurbanne", "69002 VILLEURBANNE"), ("Lyon-2", "69002 LYON 2"), ("lyon", "69002 LYON")],
)
def test_the_city_line_uses_la_poste_s_label_or_the_city_as_typed(city: str, printed: str) -> None:
    """A commune of the postcode gets La Poste's routing label; another name is printed as typed, in
    capitals and without punctuation (the check of the postcode says elsewhere that it does not match)."""
    assert address_block(contact(city=city)).lines[-1] == printed


def test_nothing_to_deliver_to_is_said_in_words() -> None:
    block = address_block(contact(address_street=""))
    assert not block.ok
    assert block.errors == ["adresse incomplète : ni numéro et voie, ni lieu-dit ou BP"]
