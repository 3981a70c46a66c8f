"""Fonts for the PDFs: DejaVu Sans, shipped in resources/fonts (free licence beside it), full French cover.

reportlab's built-in Helvetica lacks nothing in French but is not embedded; a shipped TTF makes every
machine print the same glyphs (é è ç œ « » and the narrow no-break spaces) without relying on the system.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from services.core.paths import resource

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


CONDENSED = "DejaVuSansCondensed"


@cache
def register_label_font() -> str:
    """DejaVu Sans Condensed for labels: a 38-character address line fits a 63.5 mm label at 7 pt."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(CONDENSED, str(resource("fonts", f"{CONDENSED}.ttf"))))
    return CONDENSED


class TextOps:
    """PDF text operators for one canvas, each distinct (font, size, text) encoded once.

    reportlab's text objects re-encode every string through the TrueType subset tables; a campaign
    prints the same lines thousands of times, so the encoded form is cached for the document and
    placed with an absolute text matrix (no state carried from line to line).
    """

    def __init__(self, canvas: object) -> None:
        from reportlab.lib.rl_accel import escapePDF, fp_str
        from reportlab.pdfbase.pdfmetrics import getFont

        self._doc = canvas._doc  # type: ignore[attr-defined]  # reportlab's canvas keeps its document there
        self._get_font = getFont
        self._escape = escapePDF
        self.fp = fp_str
        self._cache: dict[tuple[str, float, str], str] = {}

    def show(self, font: str, size: float, x: float, y: float, text: str) -> str:
        """The operators drawing `text` with its left baseline at (x, y); to go between BT and ET."""
        key = (font, size, text)
        body = self._cache.get(key)
        if body is None:
            f = self._get_font(font)
            size_text = self.fp(size)
            body = " ".join(
                f"{f.getSubsetInternalName(subset, self._doc)} {size_text} Tf ({self._escape(chunk)}) Tj"
                for subset, chunk in f.splitString(text, self._doc)
            )
            self._cache[key] = body
        return f"1 0 0 1 {self.fp(x)} {self.fp(y)} Tm {body}"


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


class TextFlow:
    """Lines written down the page from `top`, starting a new page below `bottom` (forms, letters).

    `y` is the next baseline; the layout code may move it itself (a gap, a drawn field).
    """

    def __init__(
        self, canvas: Any, font: str, *, top: float, bottom: float, left: float, leading: float
    ) -> None:
        self.canvas = canvas
        self.font = font
        self.top, self.bottom, self.left, self.leading = top, bottom, left, leading
        self.y = top

    def new_page(self) -> None:
        self.canvas.showPage()
        self.y = self.top

    def line(self, text: str, font: str | None = None, size: float = 10, x: float | None = None) -> None:
        if self.y < self.bottom:
            self.new_page()
        self.canvas.setFont(font or self.font, size)
        self.canvas.drawString(self.left if x is None else x, self.y, text)
        self.y -= size * self.leading
