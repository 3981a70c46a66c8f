"""The postcode/city check with commune names folded once gives the same answer as folding them on every call."""

from __future__ import annotations

import re

from services.core.postcodes import PostcodeCheck, check_postcode, city_key, communes, postcode_table
from services.core.text import fold


def _city_key_before(city: str) -> str:
    """city_key as it was: four substitutions on every call."""
    key = fold(city).replace("-", " ").replace("'", " ").replace("’", " ")
    key = re.sub(r"\bst\b", "saint", key)
    key = re.sub(r"\bste\b", "sainte", key)
    key = re.sub(r"\s+cedex(\s+\d+)?$", "", key)
    return re.sub(r"\s+", " ", key).strip()


def _check_before(postcode: str, city: str) -> PostcodeCheck:
    """check_postcode as it was: every commune of the postcode folded again for each row."""
    if not re.fullmatch(r"\d{5}", postcode or ""):
        return PostcodeCheck(False, f"Le code postal « {postcode} » doit comporter 5 chiffres.")
    found = communes(postcode)
    if not found:
        return PostcodeCheck(
            False, f"Code postal {postcode} inconnu de la liste officielle (un code CEDEX n'y figure pas)."
        )
    names = sorted({c.name for c in found})
    if not city.strip():
        return PostcodeCheck(False, "Ville manquante.", names, found[0].routing_label)
    key = _city_key_before(city)
    for c in found:
        if key in (_city_key_before(c.name), _city_key_before(c.routing_label)):
            return PostcodeCheck(True, "", [], c.routing_label)
    return PostcodeCheck(
        False,
        f"La ville « {city} » ne correspond pas au code postal {postcode} "
        f"(communes : {', '.join(names[:8])}{'…' if len(names) > 8 else ''}).",
        names,
        "",
    )


def _variants(name: str) -> list[str]:
    short = re.sub(r"\bSainte\b", "Ste", re.sub(r"\bSaint\b", "St", name))
    return [name, name.upper(), short, short.lower() + " cedex 03", name.replace("-", " "), f"  {name}  x"]


def test_every_postcode_and_its_communes_give_the_same_answer() -> None:
    """Every postcode of the official list, with its communes' names, labels, abbreviations, CEDEX forms,
    a wrong city and no city: the same check as before, message and suggestions included."""
    table = postcode_table()
    others = ["Paris", "Lyon", "Saint-Étienne", "Ste Marie", "Le Puy-en-Velay", "N'importe où", ""]
    checked = 0
    for i, (postcode, found) in enumerate(sorted(table.items())):
        cities = [others[i % len(others)]]
        for c in found[:3]:
            cities += [*_variants(c.name), c.routing_label]
        for city in cities:
            assert check_postcode(postcode, city) == _check_before(postcode, city), (postcode, city)
            checked += 1
    for postcode in ("00000", "97133", "1234", "75001x", ""):
        assert check_postcode(postcode, "Paris") == _check_before(postcode, "Paris")
    assert checked > 100_000


def test_city_key_is_the_same_on_every_commune_name() -> None:
    """city_key with merged and pre-checked substitutions: the same key for every name and label of the list."""
    for found in postcode_table().values():
        for c in found:
            for text in (c.name, c.routing_label, *_variants(c.name)):
                assert city_key(text) == _city_key_before(text), text
