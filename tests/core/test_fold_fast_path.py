"""fold skips its substitution only when the text is single-spaced already: the same result as before."""

from __future__ import annotations

import re

import pytest

from services.core.text import fold, strip_accents

SAMPLES = [
    "Jean-Pierre", " Élodie ", "DE LA  FONTAINE", "a\tb", "a\nb", "a\xa0b", "a\u2009b", "a\u202fb", "a\u3000b",
    "a\u2028b", "a\x1cb", "a\x85b", "  ", "", "x ", " x", "Œuvre  Ç", "l'Haÿ-les-Roses", "a \t b", "ǅemal",
]  # fmt: skip


@pytest.mark.parametrize("text", SAMPLES)
def test_fold_is_unchanged(text: str) -> None:
    """Every kind of white space (tabs, no-break and thin spaces, line separators) folds as the regex did."""
    assert fold(text) == re.sub(r"\s+", " ", strip_accents(text).lower()).strip()
