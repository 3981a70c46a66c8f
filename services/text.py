"""Small text helpers shared by the search, the duplicate check and the address rules."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def strip_accents(text: str) -> str:
    """ "Œuvre éléphant Ç" -> "OEuvre elephant C" (ligatures expanded, marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form used to compare and search."""
    return _SPACES.sub(" ", strip_accents(text).lower()).strip()


def clean_spaces(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip()
