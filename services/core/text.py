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
    text = strip_accents(text).lower()
    # Every white space but " " is unprintable: printable text with no double space is single-spaced
    # already (most names and addresses; the substitution is skipped).
    if "  " not in text and text.isprintable():
        return text.strip()
    return _SPACES.sub(" ", text).strip()


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


# Characters that hide or rewrite what a name shows: NUL and the other controls (tab and line breaks are
# kept), the bidirectional overrides and isolates (U+202E shows « ERUOM » as « MOURE »), the zero-width
# spaces and joiners, the word joiner and the BOM. PostgreSQL refuses NUL in text; SQLite stores it.
_INVISIBLE = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x061C, 0x180E, *range(0x200B, 0x2010),
     *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF],
)  # fmt: skip
INVISIBLE_LABEL = "caractères invisibles ou de contrôle (NUL, inversion du sens d'écriture, largeur nulle)"


def strip_invisible(text: str) -> str:
    """The text without its invisible or control characters (see _INVISIBLE); printable text as is."""
    if text.isprintable():  # C speed: the common case
        return text
    return text.translate(_INVISIBLE)
