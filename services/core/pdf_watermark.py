"""Every PDF the app writes starts here: a reportlab canvas that, in a demonstration base, marks each
page « DÉMONSTRATION » (across the page, in light red over the content, which stays readable).

A demo base holds invented people and a made-up organisation: a letter, a form or a register printed
from it must never pass for a real one. Which base is open is said once, when it is opened
(services.core.demo_base.use_base_marks, like the display zone in services.core.clock): the PDF
writers need not know.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

from services.core.pdf_fonts import register_fonts

WATERMARK = "DÉMONSTRATION"
SUBTITLE = "Base de démonstration : personnes et organisation fictives"

_state = {"demo": False}
# A draft (issue 15: a campaign's PDFs seen before « enregistrer »): marked « BROUILLON », in this thread only.
DRAFT = "BROUILLON"
DRAFT_SUBTITLE = "Aperçu : rien n'a été enregistré ; ce document n'est pas à envoyer"
_draft: ContextVar[bool] = ContextVar("draft", default=False)


@contextmanager
def draft_watermark() -> Iterator[None]:
    """The PDFs written inside this block (in this thread) carry « BROUILLON » on every page."""
    token = _draft.set(True)
    try:
        yield
    finally:
        _draft.reset(token)


def set_demo_watermark(on: bool) -> None:
    """From now on, every PDF written in this process carries the mark (or not)."""
    _state["demo"] = bool(on)


def demo_watermark() -> bool:
    return _state["demo"]


def draw_watermark(canvas: Any, text: str = WATERMARK, subtitle: str = SUBTITLE, lower: bool = False) -> None:
    """The mark across the current page, over what is drawn: big, diagonal, translucent."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _regular, bold = register_fonts()
    width, height = (float(x) for x in canvas._pagesize)
    canvas.saveState()
    canvas.setFillColorRGB(0.8, 0.1, 0.1)
    canvas.setFillAlpha(0.22)
    canvas.translate(width / 2, height / 4 if lower else height / 2)  # lower: below another mark
    canvas.rotate(45 if height >= width else 25)
    diagonal = (width**2 + height**2) ** 0.5
    size = min(96.0, 0.75 * diagonal / max(stringWidth(text, bold, 1), 1))
    canvas.setFont(bold, size)
    canvas.drawCentredString(0, -size / 3, text)
    canvas.setFont(bold, size / 6)
    canvas.drawCentredString(0, -size / 3 - size / 4, subtitle)
    canvas.restoreState()


@cache
def _demo_canvas_class() -> type:
    from reportlab.pdfgen.canvas import Canvas

    class DemoCanvas(Canvas):
        """Marks each page as it closes (save() closes the last one through showPage too)."""

        def showPage(self) -> None:
            if demo_watermark():
                draw_watermark(self)
            if _draft.get():
                draw_watermark(self, DRAFT, DRAFT_SUBTITLE, lower=demo_watermark())
            super().showPage()

    return DemoCanvas


def pdf_canvas(path: Any, **options: Any) -> Any:
    """A reportlab Canvas on `path` (the same options), marked on every page in a demonstration base."""
    from reportlab.pdfgen.canvas import Canvas

    kind = _demo_canvas_class() if demo_watermark() or _draft.get() else Canvas
    return kind(path, **options)
