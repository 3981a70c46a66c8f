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


CONDENSED = "DejaVuSansCondensed"


def register_label_font() -> str:
    """DejaVu Sans Condensed for labels: a 38-character address line fits a 63.5 mm label at 7 pt."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if CONDENSED not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(CONDENSED, str(_font_file(CONDENSED))))
    return CONDENSED


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


class TextOps:
    """PDF text operators for one canvas, each distinct (font, size, text) encoded once.

    reportlab's text objects re-encode every string through the TrueType subset tables; a campaign
    prints the same lines thousands of times, so the encoded form is cached for the document and
    placed with an absolute text matrix (no state carried from line to line).
    """

    def __init__(self, canvas: object) -> None:
        from reportlab.lib.rl_accel import escapePDF, fp_str
        from reportlab.pdfbase.pdfmetrics import getFont

        self._doc = canvas._doc  # type: ignore[attr-defined]
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
