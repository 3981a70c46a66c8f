"""The address block of a label or a window letter, built rule by rule from NF Z10-011 (docs/rules.md §8).

`address_block(fields)` returns the lines to print and, when the address cannot be made valid, the
reasons in French: such an address is reported before printing, never printed half-right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from services.core.countries import country_name
from services.core.postcodes import city_key, communes, routing_label
from services.core.text import clean_spaces, strip_accents

MAX_CHARS = 38  # docs/rules.md §8.1
MAX_LINES = 6  # docs/rules.md §8.1 (a 7th only for the country abroad)

# Overseas departments and collectivities whose mail is domestic (no country line, 97xxx postcodes).
DOMESTIC_CODES = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF"}

# La Poste / AFNOR XP Z10-011 official abbreviations of street types (used only when a line is too long).
STREET_TYPES = {
    "ALLEE": "ALL", "AVENUE": "AV", "BOULEVARD": "BD", "CARREFOUR": "CAR", "CHAUSSEE": "CHS",
    "CHEMIN": "CHE", "CITE": "CITE", "CORNICHE": "COR", "COURS": "CRS", "DOMAINE": "DOM",
    "DESCENTE": "DSC", "ECART": "ECA", "ESPLANADE": "ESP", "FAUBOURG": "FG", "GRANDE RUE": "GR",
    "HAMEAU": "HAM", "HALLE": "HLE", "IMPASSE": "IMP", "LIEU DIT": "LD", "LOTISSEMENT": "LOT",
    "MARCHE": "MAR", "MONTEE": "MTE", "PASSAGE": "PAS", "PLACE": "PL", "PLAINE": "PLN",
    "PLATEAU": "PLT", "PROMENADE": "PRO", "PARVIS": "PRV", "QUARTIER": "QUA", "RESIDENCE": "RES",
    "RUELLE": "RLE", "ROCADE": "ROC", "ROND POINT": "RPT", "ROUTE": "RTE", "SENTIER": "SEN",
    "SQUARE": "SQ", "TERRE PLEIN": "TPL", "TRAVERSE": "TRA", "VILLA": "VLA", "VILLAGE": "VLGE",
}  # fmt: skip
# The same norm's abbreviations of titles and common words, tried after the street type.
TITLE_WORDS = {
    "SAINT": "ST", "SAINTE": "STE", "GENERAL": "GAL", "MARECHAL": "MAL", "PRESIDENT": "PDT",
    "DOCTEUR": "DR", "PROFESSEUR": "PR", "COMMANDANT": "CDT", "CAPITAINE": "CNE", "LIEUTENANT": "LT",
}  # fmt: skip
# "5 bis" -> "5 B" (docs/rules.md §8.4); La Poste's one-letter forms of the repetition indices.
REPETITION = {"BIS": "B", "TER": "T", "QUATER": "Q", "QUINQUIES": "C"}


class AddressFields(Protocol):
    civility: str
    first_name: str
    last_name: str
    company: str
    address_complement: str
    address_building: str
    address_street: str
    address_extra: str
    postcode: str
    city: str
    cedex: str
    country: str


@dataclass
class AddressBlock:
    lines: list[str]
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# --- rules, one function each --------------------------------------------------------------------


def person_line(civility: str, first_name: str, last_name: str) -> str:
    """docs/rules.md §8.2 line 1 (private person): civility, first name, NAME; shortened if over 38."""
    parts = [clean_spaces(civility), clean_spaces(first_name), clean_spaces(last_name).upper()]
    line = " ".join(p for p in parts if p)
    if len(line) > MAX_CHARS and parts[1]:
        initials = "-".join(w[:1].upper() + "." for w in re.split(r"[\s-]+", parts[1]) if w)
        line = " ".join(p for p in (parts[0], initials, parts[2]) if p)
    if len(line) > MAX_CHARS:
        line = " ".join(p for p in (parts[0], parts[2]) if p)
    return line


def household_line(civilities: Sequence[str], last_name: str) -> str:
    """Household grouping: one letter per address and name, « M. et Mme DUPONT »."""
    name = clean_spaces(last_name).upper()
    kinds = set(civilities)
    if kinds == {"M.", "Mme"} and len(civilities) == 2:
        return f"M. et Mme {name}"
    if kinds == {"Mme"} and len(civilities) == 2:
        return f"Mmes {name}"
    if kinds == {"M."} and len(civilities) == 2:
        return f"MM. {name}"
    return f"Famille {name}"


def strip_punctuation(text: str) -> str:
    """docs/rules.md §8.3: lines 4 to 6 carry letters, digits and spaces only."""
    return clean_spaces(re.sub(r"[^0-9A-Za-z ]", " ", text))


def routing_case(text: str) -> str:
    """docs/rules.md §8.3: lines 4 to 6 in capitals without accents (La Poste's routing form)."""
    return strip_accents(text).upper()


def normalise_house_number(street: str) -> str:
    """docs/rules.md §8.4: "5 bis" -> "5 B", "4 à 8" -> "4", "12/14" -> "12" (before punctuation is dropped)."""
    s = clean_spaces(street)
    # A range or a pair of numbers: keep the first ("4 à 8", "4-8", "4 au 8", "12/14", "12 et 14").
    s = re.sub(r"^(\d+)\s*(?:à|a|au|-|/|et|&)\s*\d+\b", r"\1", s, flags=re.IGNORECASE)

    # Repetition index spelt out, glued or not: "5bis", "5 bis", "5 Ter," -> "5 B", "5 T".
    def _index(m: re.Match[str]) -> str:
        return f"{m.group(1)} {REPETITION[m.group(2).upper()]}"

    s = re.sub(r"^(\d+)\s*(bis|ter|quater|quinquies)\b\.?", _index, s, flags=re.IGNORECASE)
    # A lone letter glued to the number: "5B rue" -> "5 B rue".
    s = re.sub(r"^(\d+)([A-Za-z])\b", lambda m: f"{m.group(1)} {m.group(2).upper()}", s)
    return s


def abbreviate_street(line: str) -> str:
    """docs/rules.md §8.5: abbreviate the street type (then titles) only when the line would exceed 38."""
    if len(line) <= MAX_CHARS:
        return line
    # The street type is the word after the number (and its index): "12 B AVENUE ..." -> "12 B AV ...".
    m = re.match(r"^((?:\d+(?: [A-Z])? )?)(.*)$", line)
    if m:
        number, rest = m.groups()
        for word, short in STREET_TYPES.items():
            if rest == word or rest.startswith(word + " "):
                line = number + short + rest[len(word) :]
                break
        if len(line) <= MAX_CHARS:
            return line
    for word, short in TITLE_WORDS.items():
        line = re.sub(rf"\b{word}\b", short, line)
        if len(line) <= MAX_CHARS:
            return line
    return line


def distribution_line(extra: str) -> str:
    """docs/rules.md §8.3 line 5: lieu-dit or BP ("B.P. 12" -> "BP 12"), without punctuation, in capitals."""
    text = routing_case(extra)
    text = re.sub(r"\bB\s*\.\s*P\s*\.?", "BP", text)
    text = re.sub(r"\bC\s*\.\s*S\s*\.?", "CS", text)
    return abbreviate_street(strip_punctuation(text))


def check_french_postcode(postcode: str, cedex: str) -> str | None:
    """docs/rules.md §8.2 line 6: 5 digits (Corsica 20xxx, not 2A/2B); known to La Poste unless CEDEX."""
    if not postcode:
        return "code postal manquant"
    if re.fullmatch(r"2[AaBb]\d{3}", postcode):
        return f"code postal corse « {postcode} » : il s'écrit en chiffres (20xxx)"
    if not re.fullmatch(r"\d{5}", postcode):
        return f"code postal « {postcode} » invalide (5 chiffres)"
    if not cedex and not communes(postcode):
        return f"code postal {postcode} inconnu de La Poste"
    return None


def french_last_line(postcode: str, city: str, cedex: str) -> str:
    """docs/rules.md §8.3 line 6: postcode + routing label, or CEDEX code + office + « CEDEX nn »."""
    if cedex:
        office = strip_punctuation(routing_case(city))
        office = re.sub(r"\s+CEDEX(\s+\d+)?$", "", office)
        return f"{postcode} {office} {routing_case(cedex)}"
    return f"{postcode} {_routing(postcode, city)}"


@lru_cache(maxsize=8192)
def _labels_by_city(postcode: str) -> dict[str, str]:
    """The routing labels of one postcode's communes, by the same city key services.core.postcodes uses."""

    out: dict[str, str] = {}
    for commune in communes(postcode):
        label = strip_punctuation(commune.routing_label)
        out.setdefault(city_key(commune.name), label)
        out.setdefault(city_key(commune.routing_label), label)
    return out


def _routing(postcode: str, city: str) -> str:
    """La Poste's routing label without punctuation (indexed per postcode: a mailing has thousands)."""

    found = _labels_by_city(postcode).get(city_key(city))
    return found if found is not None else strip_punctuation(routing_label(postcode, city))


def country_line(code: str) -> str:
    """docs/rules.md §8.6: abroad, the last line is the country, in French, in capitals."""
    return strip_punctuation(routing_case(country_name(code)))


def fold_extra_lines(lines: list[str], limit: int) -> list[str]:
    """docs/rules.md §8.1: at most 6 lines; join lines 2-3 (department and building) when there is one too many."""
    if len(lines) <= limit or len(lines) < 3:
        return lines
    joined = f"{lines[1]} - {lines[2]}"
    if len(joined) <= MAX_CHARS:
        return [lines[0], joined, *lines[3:]]
    return lines


# --- the block -----------------------------------------------------------------------------------


def address_block(c: AddressFields, first_line: str | None = None) -> AddressBlock:
    """The NF Z10-011 block for a contact (first_line replaces line 1, e.g. for a household)."""
    errors: list[str] = []
    country = (c.country or "FR").upper()
    domestic = country in DOMESTIC_CODES
    company = clean_spaces(c.company)
    person = person_line(c.civility, c.first_name, c.last_name)
    if first_line is not None:
        person = first_line
    if not company and not person:
        errors.append("nom manquant")

    # Lines 1-3: as typed (punctuation allowed), spaces tidied.
    head: list[str] = [company, person] if company else [person]
    head += [clean_spaces(c.address_complement), clean_spaces(c.address_building)]
    head = [line for line in head if line]

    # Lines 4-5: number and street, lieu-dit or BP.
    street = c.address_street or ""
    street_line = abbreviate_street(strip_punctuation(routing_case(normalise_house_number(street))))
    extra_line = distribution_line(c.address_extra or "")
    if not street_line and not extra_line:
        errors.append("adresse incomplète : ni numéro et voie, ni lieu-dit ou BP")

    postcode = re.sub(r"\s+", "", c.postcode or "")
    city = clean_spaces(c.city)
    cedex = clean_spaces(c.cedex)
    tail: list[str] = []
    if domestic:
        problem = check_french_postcode(postcode, cedex)
        if problem:
            errors.append(problem)
        if not city:
            errors.append("ville manquante")
        if not problem and city:
            tail.append(french_last_line(postcode, city, cedex))
    else:
        if not city:
            errors.append("ville manquante")
        tail.append(strip_punctuation(routing_case(f"{postcode} {city}")))
        tail.append(country_line(country))

    lines = [line for line in [*head, street_line, extra_line, *tail] if line]  # empty lines dropped
    limit = MAX_LINES if domestic else MAX_LINES + 1
    lines = fold_extra_lines(lines, limit)
    if len(lines) > limit:
        errors.append(f"{len(lines)} lignes : {limit} au plus")
    for i, line in enumerate(lines, start=1):
        if len(line) > MAX_CHARS:
            errors.append(f"ligne {i} trop longue ({len(line)} caractères, {MAX_CHARS} au plus) : « {line} »")
    return AddressBlock(lines, errors)
