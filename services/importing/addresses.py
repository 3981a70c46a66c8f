"""Addresses as other tools write them: several lines in one street cell (Dolibarr's literal "\\n",
Outlook's Rue 2 and 3), a whole address on one line (Mailchimp: parts separated by two spaces), and
4-digit postcodes that are French ones missing their zero or Belgian, Swiss, Luxembourg ones.

Lines are sorted into the NF Z10-011 lines by what they say (docs/rules.md §8.2): flat, floor, « chez »
-> complement (line 2); building, residence, zone -> building (line 3); number and street (line 4);
lieu-dit, BP, CS -> extra (line 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from services.core.countries import country_code
from services.core.postcodes import check_postcode
from services.core.text import fold

_COMPLEMENT = re.compile(
    r"^(appt?|apt|appartement|app|etage|esc|escalier|porte|chez|c o|co|aux bons soins|logement|log|chambre|"
    r"bureau|boite|bal|n ?\d+ (?:etage|appt?))\b"
)
_BUILDING = re.compile(
    r"^(bat|batiment|residence|res|immeuble|imm|entree|tour|villa|hameau|lotissement|lot|cite|domaine|"
    r"zone|za|zi|zac|zae|parc|centre commercial|cc|espace|pole|technopole|le clos|les jardins)\b"
)
_EXTRA = re.compile(r"^(bp|b p|cs|tsa|cedex|lieu dit|lieudit|ld|case postale|boite postale|route de la)\b")
_STREET = re.compile(
    r"^\d+|\b(rue|avenue|av|bd|boulevard|chemin|che|place|pl|allee|impasse|imp|route|rte|quai|cours|"
    r"square|sq|passage|voie|sentier|promenade|faubourg|fbg|chaussee|rond point|esplanade|parvis|traverse|"
    r"montee|ruelle|mail|street|road|lane)\b"
)
_TWO_SPACES = re.compile(r"\s{2,}")
_FOREIGN_POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 \-]{2,9}$", re.IGNORECASE)


def unescape_lines(text: str) -> str:
    """Dolibarr writes a line break as the two characters « \\n »: make it a real one."""
    if "\\n" in text or "\\r" in text:
        return text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\r", "\n")
    return text


@dataclass(frozen=True)
class StreetLines:
    complement: str = ""
    building: str = ""
    street: str = ""
    extra: str = ""


def line_kind(line: str) -> str:
    """complement, building, extra or street: what an address line says."""
    key = fold(line).replace(".", " ").replace("/", " ").replace("'", " ").replace("-", " ")
    key = " ".join(key.split())
    if _EXTRA.match(key):
        return "extra"
    if _COMPLEMENT.match(key):
        return "complement"
    if _BUILDING.match(key):
        return "building"
    return "street" if _STREET.search(key) else ""


@lru_cache(maxsize=16384)
def split_street_lines(text: str) -> StreetLines:
    """Several lines of a street cell sorted into the NF Z10-011 lines (docs/rules.md §8.2)."""
    lines = [" ".join(ln.split()) for ln in unescape_lines(text).replace("\r", "\n").split("\n")]
    lines = [ln.strip(" ,;") for ln in lines if ln.strip(" ,;")]
    parts: dict[str, list[str]] = {"complement": [], "building": [], "street": [], "extra": []}
    unknown: list[str] = []
    for ln in lines:
        kind = line_kind(ln)
        if kind:
            parts[kind].append(ln)
        else:
            unknown.append(ln)
    for ln in unknown:  # a line that says nothing: the street if there is none, else the complement
        (parts["street"] if not parts["street"] else parts["complement"]).append(ln)
    if len(parts["street"]) > 1 and not parts["complement"]:
        parts["complement"].append(parts["street"].pop(0))
    return StreetLines(*(", ".join(parts[k]) for k in ("complement", "building", "street", "extra")))


@dataclass(frozen=True)
class OneLineAddress:
    street_lines: str  # street and complement, one per line
    postcode: str
    city: str
    country: str  # ISO code, "" when not given


def is_postcode_like(part: str) -> bool:
    """ "75002", "1000", "SW1A 1AA", "L-1234": digits, or capitals and digits, and no street or BP word."""
    if part.isdigit():
        return 4 <= len(part) <= 6
    if not (_FOREIGN_POSTCODE.match(part) and part.upper() == part and any(c.isdigit() for c in part)):
        return False
    key = fold(part)
    return not (_EXTRA.match(key) or _STREET.search(key.lstrip("0123456789 ")))


@lru_cache(maxsize=16384)
def split_one_line_address(text: str) -> OneLineAddress:
    """Mailchimp's address: "addr1  addr2  city  state  zip  country", parts separated by two spaces."""
    parts = [p.strip(" ,") for p in _TWO_SPACES.split(text.strip()) if p.strip(" ,")]
    country = ""
    if len(parts) > 1:
        code = country_code(parts[-1]) if len(parts[-1]) > 1 else None
        if code and (len(parts[-1]) <= 3 or not any(c.isdigit() for c in parts[-1])):
            country = code
            parts.pop()
    zip_at = next((i for i in range(len(parts) - 1, 0, -1) if is_postcode_like(parts[i])), -1)
    if zip_at < 0:
        return OneLineAddress("\n".join(parts), "", "", country)
    before = parts[:zip_at]
    city = before.pop() if len(before) > 1 else ""
    if len(before) > 1 and len(city) <= 3 and city.isupper():  # "GA": a state, the city is before it
        city = before.pop()
    return OneLineAddress("\n".join(before), parts[zip_at], city, country)


@lru_cache(maxsize=16384)
def four_digit_postcode(code: str, city: str) -> tuple[str, bool]:
    """A 4-digit postcode: (the French code with its zero, True) when "0" + code is a French postcode of
    this city; else (the code as written, False): Belgium, Switzerland, Luxembourg, Austria… use 4 digits."""
    padded = "0" + code
    if city and check_postcode(padded, city).ok:
        return padded, True
    return code, False
