"""Fonts for the PDFs: DejaVu Sans, shipped in resources/fonts (free licence beside it), full French cover.

reportlab's built-in Helvetica lacks nothing in French but is not embedded; a shipped TTF makes every
machine print the same glyphs (é è ç œ « » and the narrow no-break spaces) without relying on the system.
"""

from __future__ import annotations

from functools import cache

from services.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the two faces with reportlab once per process; returns (regular, bold) names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
    return REGULAR, BOLD
