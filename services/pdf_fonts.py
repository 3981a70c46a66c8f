"""Fonts for the PDFs: DejaVu Sans, which has every French accent, œ, « » and the euro sign."""

from __future__ import annotations

from pathlib import Path

from services.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_SYSTEM = Path("/usr/share/fonts/truetype/dejavu")


def _font_file(name: str) -> Path:
    bundled = resource("fonts", f"{name}.ttf")
    return bundled if bundled.exists() else _SYSTEM / f"{name}.ttf"


def register_fonts() -> tuple[str, str]:
    """Register the two fonts with reportlab once; returns (regular, bold) font names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(_font_file(REGULAR))))
        pdfmetrics.registerFont(TTFont(BOLD, str(_font_file(BOLD))))
    return REGULAR, BOLD


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Split text into lines that fit width points (paragraph breaks kept)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            if not word:
                continue
            trial = f"{current} {word}".strip()
            if stringWidth(trial, font, size) <= width or not current:
                current = trial
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines
