"""The official French postcode list (resources/data/codes-postaux, La Poste routing labels).

Checks never rewrite what the user typed: they return a warning and the suggested communes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache

from services.core.paths import resource
from services.core.text import fold, strip_accents

POSTCODES_CSV = resource("data", "codes-postaux", "codes-postaux.csv")


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    routing_label: str  # libelle_acheminement: capitals, no accents


@dataclass
class PostcodeCheck:
    ok: bool
    message: str = ""
    suggestions: list[str] = field(default_factory=list)
    routing_label: str = ""


@cache
def postcode_table() -> dict[str, tuple[Commune, ...]]:
    table: dict[str, list[Commune]] = {}
    with open(POSTCODES_CSV, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            table.setdefault(row["code_postal"], []).append(
                Commune(row["code_commune_insee"], row["nom_commune"], row["libelle_acheminement"])
            )
    return {k: tuple(v) for k, v in table.items()}


def communes(postcode: str) -> tuple[Commune, ...]:
    return postcode_table().get(postcode, ())


def all_postcodes() -> list[str]:
    return sorted(postcode_table())


def normalise_postcode(raw: object) -> str:
    """A French postcode as 5-character text: 1000 or "1000.0" (a spreadsheet lost the zero) -> "01000"."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = re.sub(r"\s+", "", str(raw))
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    if re.fullmatch(r"\d{4}", text):
        text = "0" + text
    return text


_SAINT = re.compile(r"\bst(e?)\b")  # St -> saint, Ste -> sainte
_CEDEX_END = re.compile(r"\s+cedex(\s+\d+)?$")
_SPACES = re.compile(r"\s+")


def city_key(city: str) -> str:
    """The form a city is compared in: folded, hyphens and apostrophes as spaces, « St » as « saint »,
    without its CEDEX."""
    key = fold(city).replace("-", " ").replace("'", " ").replace("’", " ")
    if "st" in key:
        key = _SAINT.sub(r"saint\1", key)
    if "cedex" in key:
        key = _CEDEX_END.sub("", key)
    return _SPACES.sub(" ", key).strip()


@cache
def commune_keys(postcode: str) -> dict[str, str]:
    """{city key: routing label} of the postcode's communes, each name and label folded once (an import
    checks 100,000 rows): a key names the first commune, in the list's order, whose name or label has it."""
    keys: dict[str, str] = {}
    for c in communes(postcode):
        keys.setdefault(city_key(c.name), c.routing_label)
        keys.setdefault(city_key(c.routing_label), c.routing_label)
    return keys


def is_french(country: str) -> bool:
    return country.upper() in ("", "FR", "FRANCE")


def check_postcode(postcode: str, city: str) -> PostcodeCheck:
    """Does the postcode exist, and does the city match one of its communes?"""
    if not re.fullmatch(r"\d{5}", postcode or ""):
        return PostcodeCheck(False, f"Le code postal « {postcode} » doit comporter 5 chiffres.")
    found = communes(postcode)
    if not found:
        # CEDEX codes are not in the list of communes: only the department can be checked.
        return PostcodeCheck(
            False,
            f"Code postal {postcode} inconnu de la liste officielle (un code CEDEX n'y figure pas).",
        )
    names = sorted({c.name for c in found})
    if not city.strip():
        return PostcodeCheck(False, "Ville manquante.", names, found[0].routing_label)
    label = commune_keys(postcode).get(city_key(city))
    if label is not None:
        return PostcodeCheck(True, "", [], label)
    return PostcodeCheck(
        False,
        f"La ville « {city} » ne correspond pas au code postal {postcode} "
        f"(communes : {', '.join(names[:8])}{'…' if len(names) > 8 else ''}).",
        names,
        "",
    )


def routing_label(postcode: str, city: str) -> str:
    """La Poste's routing label for the last address line, or the city in capitals if unknown."""
    check = check_postcode(postcode, city)
    if check.routing_label:
        return check.routing_label
    return strip_accents(city).upper().replace("-", " ").replace("'", " ")
