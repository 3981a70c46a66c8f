"""letters.pdf: one A4 page per recipient — letterhead, window address, body, notice, objection, reply slip.

Speed (10,000 letters in < 15 s): the parts every page shares (letterhead, fold marks, the
slip's frame, boxes and return address) are drawn once as PDF form XObjects and placed on each page;
paragraphs are wrapped with a word-width cache and each wrapped paragraph is kept, so the thousands of
identical notices cost one layout. Text is drawn as text: a merge field never becomes markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from services.core.errors import Cancelled, InputError
from services.core.files import atomic_output
from services.core.pdf_fonts import TextOps, register_fonts
from services.core.pdf_join import Parts, joined_output
from services.core.pdf_watermark import pdf_canvas
from services.postal.labels import MM
from services.postal.letter_templates import Block, french_date

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT = 20.0, 190.0  # text column (mm)
BODY_TOP = 112.0  # mm from the top
SLIP_TOP = 236.0  # the dashed cut line (mm from the top)
WINDOW_W, WINDOW_H = 100.0, 45.0  # French DL/C5 window envelopes
WINDOW_PAD_X, WINDOW_PAD_Y = 6.0, 5.0
# (body size, notice size): tried in turn until the page's text fits above the slip.
SIZE_STEPS = ((10.0, 8.0), (9.5, 7.5), (9.0, 7.0), (8.5, 7.0))
LETTERS_PER_PART = 2_000  # pages per reportlab canvas: it keeps every page until saved, ~4 KB each
SLIP_OPTIONS = ("par courrier", "par téléphone", "je m'oppose à la transmission à vos partenaires")

Progress = Callable[[int, int, str], bool]


@dataclass
class Organisation:
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    siret: str = ""

    @classmethod
    def from_settings(cls, s: dict[str, Any]) -> Organisation:
        return cls(s.get("org.name", ""), s.get("org.address", ""), s.get("org.phone", ""),
                   s.get("org.email", ""), s.get("org.siret", ""))  # fmt: skip

    def address_lines(self) -> list[str]:
        return [p.strip() for p in self.address.replace("\r", "").split("\n") if p.strip()]


@dataclass
class Letter:
    """One page: who (refs, address), and the rendered text blocks."""

    refs: list[str]
    address_lines: list[str]
    body: list[Block]
    notice: list[Block]
    objection: list[Block]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class WindowPosition:
    left_mm: float = 100.0
    top_mm: float = 50.0


class _Wrapper:
    """Greedy line breaking with cached word widths (at 1 pt) and cached results per paragraph."""

    def __init__(self, font: str) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.font = font
        self._sw = stringWidth
        self.space = stringWidth(" ", font, 1.0)
        self.words: dict[str, float] = {}
        self.done: dict[tuple[str, float, float], list[str]] = {}

    def width(self, word: str) -> float:
        w = self.words.get(word)
        if w is None:
            w = self.words[word] = self._sw(word, self.font, 1.0)
        return w

    def wrap(self, text: str, size: float, width_pt: float) -> list[str]:
        key = (text, size, width_pt)
        known = self.done.get(key)
        if known is not None:
            return known
        limit = width_pt / size
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for word in text.split(" "):
            if not word:
                continue
            w = self.width(word)
            while w > limit:  # a word longer than the line (a URL): cut it where it must be
                cut = len(word)
                while cut > 1 and self.width(word[:cut]) > limit:
                    cut -= 1
                if current:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                lines.append(word[:cut])
                word = word[cut:]
                w = self.width(word)
            if current and used + self.space + w > limit:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used += (self.space if current else 0.0) + w
                current.append(word)
        if current:
            lines.append(" ".join(current))
        self.done[key] = lines
        return lines


@dataclass
class _Line:
    text: str
    bold: bool
    size: float
    gap_before: float  # points


def _layout(
    wrapper: _Wrapper, letter: Letter, body_size: float, notice_size: float
) -> tuple[list[_Line], float]:
    """The page's lines (fonts, sizes, spacing) and the height they take, in points."""
    width = (RIGHT - LEFT) * MM
    out: list[_Line] = []
    sections = ((letter.body, body_size), (letter.notice, notice_size), (letter.objection, notice_size))
    for s_index, (blocks, size) in enumerate(sections):
        for b_index, block in enumerate(blocks):
            gap = size * 0.6 if b_index else (size * 1.4 if s_index and out else 0.0)
            if block.heading:
                out.append(_Line(block.text, True, size + 0.5, gap))
                continue
            for l_index, line in enumerate(wrapper.wrap(block.text, size, width)):
                out.append(_Line(line, False, size, gap if l_index == 0 else 0.0))
    height = sum(line.gap_before + line.size * 1.25 for line in out)
    return out, height


def _fit(wrapper: _Wrapper, letter: Letter) -> list[_Line]:
    available = (SLIP_TOP - 4 - BODY_TOP) * MM
    for body_size, notice_size in SIZE_STEPS:
        lines, height = _layout(wrapper, letter, body_size, notice_size)
        if height <= available:
            return lines
    raise InputError(
        f"Le courrier de {letter.refs[0]} ne tient pas sur une page, même en petits caractères : "
        "raccourcissez le texte du modèle."
    )


def _address_size(regular: str, lines: Sequence[str]) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    box_w = (WINDOW_W - 2 * WINDOW_PAD_X) * MM
    box_h = (WINDOW_H - 2 * WINDOW_PAD_Y) * MM
    widest = max((stringWidth(line, regular, 1.0) for line in lines), default=0.0)
    size = min(10.0, box_w / widest if widest else 10.0, box_h / (max(len(lines), 1) * 1.2))
    if size < 7.0:
        raise InputError(
            f"L'adresse « {lines[0] if lines else ''} » ne tient pas dans la fenêtre de l'enveloppe."
        )
    return size


def _y(mm_from_top: float) -> float:
    return (PAGE_H - mm_from_top) * MM


def _draw_letterhead(c: Any, org: Organisation, regular: str, bold: str) -> None:
    c.setFont(bold, 14)
    c.drawString(LEFT * MM, _y(20), org.name or "(nom de l'organisation : voir Réglages)")
    c.setFont(regular, 8.5)
    y = 25.5
    for line in [*org.address_lines(), " — ".join(p for p in (org.phone, org.email) if p)]:
        if line:
            c.drawString(LEFT * MM, _y(y), line)
            y += 4
    if org.siret:
        c.drawString(LEFT * MM, _y(y), f"SIRET {org.siret}")
    # Fold marks for a DL envelope (thirds) and a C5 one (half), in the left margin.
    c.setLineWidth(0.3)
    for mark in (99.0, 198.0, 148.5):
        c.line(4 * MM, _y(mark), 8 * MM, _y(mark))


def _draw_slip_frame(c: Any, org: Organisation, regular: str, bold: str) -> None:
    c.setLineWidth(0.5)
    c.setDash(3, 3)
    c.line(8 * MM, _y(SLIP_TOP), (PAGE_W - 8) * MM, _y(SLIP_TOP))
    c.setDash()
    c.setFont(regular, 7)
    c.drawString(LEFT * MM, _y(SLIP_TOP - 2.2), "✂ Coupon-réponse à découper et à nous renvoyer")
    c.setFont(bold, 10)
    c.drawString(LEFT * MM, _y(SLIP_TOP + 8), "Je ne souhaite plus recevoir d'offres :")
    c.setFont(regular, 9.5)
    y = SLIP_TOP + 14.5
    for option in SLIP_OPTIONS:
        c.rect(LEFT * MM, _y(y) - 0.5, 3.2 * MM, 3.2 * MM)
        c.drawString((LEFT + 5.5) * MM, _y(y) + 0.5, option)
        y += 6
    c.setFont(regular, 8)
    back = ", ".join([org.name, *org.address_lines()]) if org.name else "(adresse : voir Réglages)"
    c.drawString(LEFT * MM, _y(PAGE_H - 10), f"À renvoyer à : {back}")


def barcode_ops(value: str, x: float, y: float, fp: Callable[..., str]) -> str:
    """Code 128 bars (reportlab's encoder) as one filled path in module units: 9 mm high, 0.3 mm modules."""
    from reportlab.graphics.barcode.code128 import Code128

    bc = Code128(value, humanReadable=False, quiet=False)
    bc.validate()
    bc.encode()
    bc.decompose()
    parts = []
    left = 0
    for ch in bc.decomposed:
        if "a" <= ch <= "z":
            left += ord(ch) - 96
        elif "A" <= ch <= "Z":
            w = ord(ch) - 64
            parts.append(f"{left} 0 {w} 1 re")
            left += w
    return f"q 0 g {fp(0.3 * MM)} 0 0 {fp(9 * MM)} {fp(x)} {fp(y)} cm " + " ".join(parts) + " f Q"


def write_letters(
    path: Path,
    letters: Iterable[Letter],
    org: Organisation,
    *,
    on: date,
    window: WindowPosition = WindowPosition(),
    progress: Progress | None = None,
    title: str = "Courriers",
    total: int | None = None,
) -> int:
    """Write one page per letter, in order; returns the page count. Atomic; Cancel leaves no file.

    `letters` may be a generator (`total` then says how many, for the progress): they are written in
    parts of LETTERS_PER_PART pages, each its own reportlab canvas, joined into one file — memory stays
    flat in the number of letters."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regular, bold = register_fonts()
    wrapper = _Wrapper(regular)
    date_text = f"Le {french_date(on)}"
    if total is None:
        total = len(letters) if isinstance(letters, Sized) else 0
    ax = (window.left_mm + WINDOW_PAD_X) * MM
    atop = window.top_mm + WINDOW_PAD_Y
    ref_y = _y(window.top_mm + WINDOW_H + 8)
    date_x = RIGHT * MM - stringWidth(date_text, regular, 9)
    written = 0
    with joined_output(path) as parts:
        c, ops = _letters_canvas(parts, org, title)
        for n, letter in enumerate(letters):
            if n and n % LETTERS_PER_PART == 0:
                c.save()
                c, ops = _letters_canvas(parts, org, title)
                wrapper.done.clear()  # the paragraphs naming someone are never met again
            c.doForm("letterhead")
            out = ["BT"]
            # The address, where the envelope's window shows it.
            size = _address_size(regular, letter.address_lines)
            y = _y(atop) - size
            for line in letter.address_lines:
                out.append(ops.show(regular, size, ax, y, line))
                y -= size * 1.2
            out.append(ops.show(regular, 9, LEFT * MM, ref_y, f"Réf. : {', '.join(letter.refs)}"))
            out.append(ops.show(regular, 9, date_x, ref_y, date_text))
            # Body, notice, objection.
            y = _y(BODY_TOP)
            for line in _fit(wrapper, letter):
                y -= line.gap_before + line.size
                out.append(ops.show(bold if line.bold else regular, line.size, LEFT * MM, y, line.text))
                y -= line.size * 0.25
            # The slip: who it is, in clear and as a Code 128 barcode (scanned on the Oppositions screen).
            out.append(
                ops.show(regular, 9, 120 * MM, _y(SLIP_TOP + 8), (letter.address_lines or [""])[0][:45])
            )
            out.append(
                ops.show(regular, 9, 120 * MM, _y(SLIP_TOP + 13), f"Réf. {', '.join(letter.refs)}"[:50])
            )
            out.append("ET")
            out.append(barcode_ops(letter.refs[0], 120 * MM, _y(SLIP_TOP + 26), ops.fp))
            c.addLiteral("\n".join(out))
            c.showPage()
            written += 1
            if progress is not None and n % 200 == 0 and not progress(n, total, "Courriers…"):
                raise Cancelled("Impression annulée : aucun courrier n'a été écrit.")
        c.save()
        return written


def _letters_canvas(parts: Parts, org: Organisation, title: str) -> tuple[Any, TextOps]:
    """A part's canvas, with the letterhead every page shares drawn once as a form."""
    regular, bold = register_fonts()
    c = pdf_canvas(parts.new(), pagesize=(PAGE_W * MM, PAGE_H * MM), pageCompression=0)
    c.setTitle(title)
    c.setCreator("webleads-tracker")
    c.beginForm("letterhead")
    _draw_letterhead(c, org, regular, bold)
    _draw_slip_frame(c, org, regular, bold)
    c.endForm()
    return c, TextOps(c)  # encoded strings belong to one document's font subsets


def write_window_test(path: Path, window: WindowPosition, sample_lines: Sequence[str]) -> None:
    """A 1:1 page with the 45 × 100 mm window outline and a sample address: print it, fold it, check."""
    regular, bold = register_fonts()
    with atomic_output(path) as tmp:
        c = pdf_canvas(tmp, pagesize=(PAGE_W * MM, PAGE_H * MM))
        c.setTitle("Test de fenêtre d'enveloppe")
        c.setLineWidth(0.4)
        c.rect(window.left_mm * MM, _y(window.top_mm + WINDOW_H), WINDOW_W * MM, WINDOW_H * MM)
        size = _address_size(regular, sample_lines)
        t = c.beginText((window.left_mm + WINDOW_PAD_X) * MM, _y(window.top_mm + WINDOW_PAD_Y) - size)
        t.setFont(regular, size, size * 1.2)
        t.textLines(list(sample_lines))
        c.drawText(t)
        for mark in (99.0, 198.0, 148.5):
            c.line(4 * MM, _y(mark), 8 * MM, _y(mark))
        c.setFont(bold, 12)
        c.drawString(
            LEFT * MM, _y(130), "Test de position de l'adresse (enveloppes DL et C5, fenêtre 45 × 100 mm)"
        )
        c.setFont(regular, 9)
        text = c.beginText(LEFT * MM, _y(140))
        text.setFont(regular, 9, 12)
        text.textLines([
            "Imprimez cette page à 100 % (sans « ajuster à la page »), pliez-la en trois (DL, traits à 99 et",
            "198 mm) ou en deux (C5, trait à 148,5 mm) et glissez-la dans une enveloppe à fenêtre.",
            f"Le cadre est à {window.left_mm:g} mm du bord gauche et {window.top_mm:g} mm du bord haut :",
            "il doit apparaître entier dans la fenêtre. Sinon, corrigez ces deux valeurs dans les Réglages.",
        ])  # fmt: skip
        c.drawText(text)
        c.save()
