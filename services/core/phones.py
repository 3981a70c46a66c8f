"""Phone numbers to E.164 (phonenumbers), with a fast path for the common French formats."""

from __future__ import annotations

import re
from functools import lru_cache

# French numbers as people type them: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0033612345678.
_SEPARATORS = re.compile(r"[\s.\-/()]")
_FR_NATIONAL = re.compile(r"0([1-79]\d{8})")
_FR_INTERNATIONAL = re.compile(r"(?:\+|00)33(?:0)?([1-79]\d{8})")


def to_e164(raw: object, region: str = "FR") -> str | None:
    """The number in E.164 (+33612345678), or None when it cannot be a valid number."""
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
            return "+33" + m.group(1)
    return _parse_slow(compact, region)


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
    """+33612345678 -> "06 12 34 56 78" for French numbers, international format otherwise."""
    if not e164:
        return ""
    if e164.startswith("+33") and len(e164) == 12:
        national = "0" + e164[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    import phonenumbers

    try:
        return phonenumbers.format_number(
            phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except phonenumbers.NumberParseException:
        return e164


def national_digits(e164: str) -> str:
    """The digits people type when they search: +33612345678 -> 0612345678."""
    if e164.startswith("+33"):
        return "0" + e164[3:]
    return e164.lstrip("+")
