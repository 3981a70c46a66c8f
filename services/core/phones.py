"""Phone numbers to E.164 (phonenumbers), with a fast path for the common metropolitan formats.

The overseas departments and collectivities share France's ten-digit national plan but not its
country code: 0692 12 34 56 at La Réunion is +262 692 12 34 56, not +33. Only numbers the fast path is
certain of are written +33 by it; every other is parsed by phonenumbers for the territory its prefix
(or, for Saint-Pierre-et-Miquelon's six digits, the contact's postcode) says.
"""

from __future__ import annotations

import re
from functools import lru_cache

# French numbers as people type them: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0033612345678.
_SEPARATORS = re.compile(r"[\s.\-/()]")
_FR_NATIONAL = re.compile(r"0([1-79]\d{8})")
_FR_INTERNATIONAL = re.compile(r"(?:\+|00)33(?:0)?([1-79]\d{8})")

# The national prefixes of the overseas territories (ARCEP's plan): their numbers are not +33.
OVERSEAS_PREFIXES: dict[str, str] = {
    "262": "RE", "263": "RE", "692": "RE", "693": "RE",  # La Réunion
    "269": "YT", "639": "YT",  # Mayotte
    "590": "GP", "690": "GP", "691": "GP",  # Guadeloupe, Saint-Barthélemy, Saint-Martin (+590)
    "594": "GF", "694": "GF",  # Guyane
    "596": "MQ", "696": "MQ", "697": "MQ",  # Martinique
}  # fmt: skip
# The phone region of an overseas postcode (longest prefix first).
REGION_BY_POSTCODE: dict[str, str] = {
    "97133": "BL", "97150": "MF", "971": "GP", "972": "MQ", "973": "GF", "974": "RE", "975": "PM",
    "976": "YT",
}  # fmt: skip
# Country codes whose numbers French people write in the national plan (0692 12 34 56).
OVERSEAS_CODES = ("+262", "+590", "+594", "+596")


def postcode_region(postcode: str) -> str | None:
    """The phone region of an overseas postcode (974xx → RE), None in metropolitan France."""
    pc = (postcode or "").strip()
    return next((r for p, r in REGION_BY_POSTCODE.items() if pc.startswith(p)), None)


def to_e164(raw: object, region: str = "FR", postcode: str = "") -> str | None:
    """The number in E.164 (+33612345678, +262692123456), or None when it cannot be a valid number.

    `postcode`: the contact's, which decides the territory of a number its prefix does not settle."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = str(int(raw))
        if len(raw) == 9 and region == "FR":  # a spreadsheet dropped the leading 0
            raw = "0" + raw
    text = str(raw).strip()
    if not text:
        return None
    compact = _SEPARATORS.sub("", text)
    if region == "FR":
        m = _FR_NATIONAL.fullmatch(compact) or _FR_INTERNATIONAL.fullmatch(compact)
        if m:
            overseas = OVERSEAS_PREFIXES.get(m.group(1)[:3])
            if overseas is None:
                return "+33" + m.group(1)  # metropolitan: certain
            # « +33 692… » is no number at all: the territory's own code is meant.
            return _parse_slow("0" + m.group(1), overseas)
        territory = postcode_region(postcode)
        if territory is not None:
            return _parse_slow(compact, territory) or _parse_slow(compact, region)
    return _parse_slow(compact, region)


def legacy_forms(e164: str) -> list[str]:
    """The number as versions before 0.2 stored it: an overseas number written +33 (the suppression
    list holds hashes of that form, which no migration can rewrite)."""
    if e164.startswith(OVERSEAS_CODES):
        national = "0" + e164[4:]
        m = _FR_NATIONAL.fullmatch(national)
        if m and m.group(1)[:3] in OVERSEAS_PREFIXES:
            return ["+33" + m.group(1)]
    return []


@lru_cache(maxsize=4096)
def _parse_slow(compact: str, region: str) -> str | None:
    import phonenumbers  # 50 ms to import: only numbers the French fast path cannot settle need it

    try:
        number = phonenumbers.parse(compact, region or "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(e164: str) -> str:
    """+33612345678 -> "06 12 34 56 78"; overseas in their national form ("0692 12 34 56");
    international format otherwise."""
    if not e164:
        return ""
    if e164.startswith("+33") and len(e164) == 12:
        national = "0" + e164[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
        style = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if e164.startswith(OVERSEAS_CODES)
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        return phonenumbers.format_number(number, style)
    except phonenumbers.NumberParseException:
        return e164


def national_digits(e164: str) -> str:
    """The digits people type when they search: +33612345678 -> 0612345678, +262692123456 ->
    0692123456."""
    if e164.startswith("+33"):
        return "0" + e164[3:]
    if e164.startswith(OVERSEAS_CODES) and len(e164) == 13:
        return "0" + e164[4:]
    return e164.lstrip("+")
