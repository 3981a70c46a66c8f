"""Small text helpers shared by the search, the duplicate check and the address rules."""

from __future__ import annotations

import re
import unicodedata

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
