"""labels.pdf: one address block per label, fitted inside it, on the sheet's real geometry.

reportlab's canvas (no Platypus): each block is measured once at 1 pt and scaled, so fitting costs one
width per line. The text never crosses the label's edge: a block that does not fit at the smallest
legible size is reported by `labels_that_do_not_fit` before anything is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from services.core.errors import Cancelled, InputError
from services.core.files import atomic_output
from services.core.pdf_fonts import TextOps, register_fonts, register_label_font
from services.core.pdf_join import Parts, joined_output
from services.core.pdf_watermark import pdf_canvas
from services.postal.label_sheets import LabelTemplate

MM = 72 / 25.4  # points per millimetre
MAX_FONT_PT = 10.0
MIN_FONT_PT = 7.0  # below this an address is no longer comfortably legible (La Poste asks for 7 pt+)
LEADING = 1.2
ASCENT = 0.93  # DejaVu Sans: the tallest accented capital rises 0.93 em above the baseline
PAD_X_MM = 3.0  # horizontal margin inside the label (clear of rounded corners and die-cut tolerance)
PAD_Y_MM = 2.0
# Labels per reportlab canvas (whole sheets): it keeps every page until saved, about 1 KB a label.
LABELS_PER_PART = 20_000

Progress = Callable[[int, int, str], bool]


@dataclass(frozen=True)
class TextBox:
    """Where the text of one label may go (points, PDF coordinates: origin bottom-left)."""

    x: float
    y: float
    width: float
    height: float


def text_box(t: LabelTemplate, index: int) -> TextBox:
    """The label's rectangle minus its inner padding, in points (before any printer offset)."""
    x, y, w, h = t.label_rect(index)
    pad_x = max(PAD_X_MM, t.corner_radius)
    pad_y = max(PAD_Y_MM, t.corner_radius * 0.6)
    return TextBox(
        (x + pad_x) * MM, (t.page_height - y - h + pad_y) * MM, (w - 2 * pad_x) * MM, (h - 2 * pad_y) * MM
    )


def fitted_size(widths_at_1pt: Sequence[float], box: TextBox) -> float | None:
    """The largest size ≤ 10 pt at which every line fits the box, None below the 7 pt minimum."""
    n = len(widths_at_1pt)
    if n == 0:
        return MAX_FONT_PT
    size = MAX_FONT_PT
    widest = max(widths_at_1pt)
    if widest > 0:
        size = min(size, box.width / widest)
    size = min(size, box.height / (n * LEADING))
    return size if size >= MIN_FONT_PT else None


def _measure(lines: Sequence[str], font: str) -> list[float]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return [stringWidth(line, font, 1.0) for line in lines]


def labels_that_do_not_fit(blocks: Sequence[Sequence[str]], t: LabelTemplate) -> list[int]:
    """The positions (0-based) of address blocks too big for this sheet's labels even at 7 pt."""
    regular = register_label_font()
    box = text_box(t, 0)
    return [i for i, lines in enumerate(blocks) if fitted_size(_measure(lines, regular), box) is None]


def label_pages(count: int, t: LabelTemplate, start_at: int = 1) -> int:
    return 0 if count == 0 else (start_at - 1 + count + t.per_page - 1) // t.per_page


def check_start_at(t: LabelTemplate, start_at: int) -> None:
    if not 1 <= start_at <= t.per_page:
        raise InputError(f"La première étiquette doit être entre 1 et {t.per_page} pour le modèle {t.code}.")


def write_labels(
    path: Path,
    blocks: Sequence[Sequence[str]],
    t: LabelTemplate,
    *,
    start_at: int = 1,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    progress: Progress | None = None,
) -> int:
    """Write one label per block, in order, starting at label `start_at` of the first sheet.

    Returns the number of pages. Raises InputError if a block cannot fit (check first with
    labels_that_do_not_fit), Cancelled if progress returns False (no file is left behind).
    The sheets are written in parts of whole sheets (about LABELS_PER_PART labels) joined into one file:
    memory stays flat in the number of labels, and a part ends where a sheet does.
    """
    check_start_at(t, start_at)
    regular = register_label_font()
    boxes = [text_box(t, i) for i in range(t.per_page)]
    sheets_per_part = max(1, LABELS_PER_PART // t.per_page)
    with joined_output(path) as parts:
        sheet = _Sheets(parts, t)
        dx, dy = offset_mm[0] * MM, -offset_mm[1] * MM
        slot = start_at - 1
        pages = 1 if blocks else 0
        total = len(blocks)
        for n, lines in enumerate(blocks):
            if slot == t.per_page:
                sheet.turn(new_part=pages % sheets_per_part == 0)
                slot = 0
                pages += 1
            box = boxes[slot]
            size = fitted_size(_measure(lines, regular), box)
            if size is None:
                raise InputError(f"L'adresse n° {n + 1} ne tient pas sur une étiquette {t.code}.")
            leading = size * LEADING
            # Centred vertically; the first baseline sits one ascent below the top of the text block.
            top = box.y + box.height - (box.height - leading * len(lines)) / 2
            y = top - size * ASCENT
            for line in lines:
                sheet.ops.append(sheet.text.show(regular, size, box.x + dx, y + dy, line))
                y -= leading
            slot += 1
            if progress is not None and n % 500 == 0 and not progress(n, total, "Étiquettes…"):
                raise Cancelled("Impression annulée : aucune étiquette n'a été écrite.")
        sheet.close()
        return pages


class _Sheets:
    """The canvas of the current part and the text of its current sheet."""

    def __init__(self, parts: Parts, t: LabelTemplate) -> None:
        self.parts, self.t = parts, t
        self.ops: list[str] = []
        self._open()

    def _open(self) -> None:
        t = self.t
        self.canvas = pdf_canvas(self.parts.new(), pagesize=(t.page_width * MM, t.page_height * MM),
                                 pageCompression=0)  # fmt: skip
        self.canvas.setTitle("Étiquettes")
        self.canvas.setCreator("webleads-tracker")
        self.text = TextOps(self.canvas)  # encoded strings belong to one document's font subsets

    def _flush(self) -> None:
        if self.ops:
            self.canvas.addLiteral("BT\n" + "\n".join(self.ops) + "\nET")
        self.ops = []

    def turn(self, *, new_part: bool) -> None:
        """The next sheet, in a new part when this one has its share of sheets."""
        self._flush()
        if new_part:
            self.canvas.save()
            self._open()
        else:
            self.canvas.showPage()

    def close(self) -> None:
        self._flush()
        self.canvas.save()


def write_calibration(path: Path, t: LabelTemplate, offset_mm: tuple[float, float] = (0.0, 0.0)) -> None:
    """A sheet with every label's outline (and a 10 mm ruler) to hold over a real sheet against the light."""
    regular, bold = register_fonts()
    with atomic_output(path) as tmp:
        c = pdf_canvas(tmp, pagesize=(t.page_width * MM, t.page_height * MM))
        c.setTitle(f"Calibrage {t.code}")
        c.translate(offset_mm[0] * MM, -offset_mm[1] * MM)
        c.setLineWidth(0.3)
        for i in range(t.per_page):
            x, y, w, h = t.label_rect(i)
            c.roundRect(x * MM, (t.page_height - y - h) * MM, w * MM, h * MM, t.corner_radius * MM)
            c.setFont(regular, 7)
            box = text_box(t, i)
            c.drawString(box.x, box.y + box.height - 7, f"{i + 1}")
        c.setFont(bold, 9)
        mid = t.page_height / 2
        c.drawCentredString(
            t.page_width * MM / 2,
            mid * MM,
            f"Calibrage {t.code} — décalage appliqué : {offset_mm[0]:+.1f} mm, {offset_mm[1]:+.1f} mm",
        )
        c.setFont(regular, 8)
        c.drawCentredString(
            t.page_width * MM / 2,
            (mid - 5) * MM,
            "Imprimez à 100 %, superposez à une planche vierge : mesurez l'écart et saisissez-le.",
        )
        c.save()
