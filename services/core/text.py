"""Small text helpers shared by the search, the duplicate check, the address rules and the tables."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from services.core.moments import wall_time

_SPACES = re.compile(r"\s+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def _strip_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Latin letters precomputed once: str.translate runs in C, far faster than decomposing each time.
_LATIN = {cp: _strip_slow(chr(cp)) for cp in range(0xC0, 0x250)} | _LIGATURES


def strip_accents(text: str) -> str:
    """Œuvre éléphant Ç -> OEuvre elephant C (ligatures expanded, marks dropped)."""
    if text.isascii():
        return text
    out = text.translate(_LATIN)
    return out if out.isascii() else _strip_slow(out)


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form used to compare and search."""
    return _SPACES.sub(" ", strip_accents(text).lower()).strip()


def clean_spaces(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip()


def display_value(value: Any) -> str:
    """A value as the French tables and spreadsheets show it: dates dd/mm/yyyy, booleans oui/non."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):  # a stored moment shows on the business's clock
        return wall_time(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)
