"""Label sheets: every label's text stays inside its label, on every built-in template, read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from models.database import Database
from services.core.errors import InputError
from services.postal.label_sheets import (
    BUILTIN,
    LabelTemplate,
    check_geometry,
    get_template,
    printer_offset,
    save_custom_template,
    save_printer_offset,
)
from services.postal.labels import MM, labels_that_do_not_fit, write_calibration, write_labels

# The biggest block the address rules allow, in real words: 6 lines of (up to) 38 characters.
WIDE_BLOCK = [
    "Mme Éléonore WŒLLMANN-MARÉCHAUSSÉE",
    "Appartement 1204 Escalier B 12e étage",
    "RESIDENCE LES JARDINS DE LA VALLEE BAT",
    "4 BD DU MARECHAL DE LATTRE DE TASSIGNY",
    "LIEU DIT LES GRANDES MAISONS DU MOULIN",
    "75008 PARIS CEDEX 08",
]
SHORT_BLOCK = ["Mme Claire MARTIN", "12 RUE DE LA REPUBLIQUE", "69002 LYON"]


def label_rects(t: LabelTemplate) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of every label on a page, in points from the top-left (pdfplumber's frame)."""
    out = []
    for i in range(t.per_page):
        x, y, w, h = t.label_rect(i)
        out.append((x * MM, y * MM, (x + w) * MM, (y + h) * MM))
    return out


def chars_by_label(pdf_path: Path, t: LabelTemplate, page: int = 0) -> dict[int, list[dict]]:
    """Each character on the page assigned to the label containing its centre (fails if none does)."""
    rects = label_rects(t)
    found: dict[int, list[dict]] = {}
    with pdfplumber.open(pdf_path) as pdf:
        for ch in pdf.pages[page].chars:
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            owners = [i for i, (x0, t0, x1, b0) in enumerate(rects) if x0 <= cx <= x1 and t0 <= cy <= b0]
            assert owners, f"character {ch['text']!r} at ({cx:.1f}, {cy:.1f}) lies outside every label"
            found.setdefault(owners[0], []).append(ch)
    return found


@pytest.mark.parametrize("template", BUILTIN, ids=[t.code for t in BUILTIN])
def test_every_text_box_lies_inside_its_label(template: LabelTemplate, tmp_path: Path) -> None:
    """For each template, a full sheet of the widest allowed blocks: every glyph box is inside its label."""
    assert check_geometry(template) == []
    path = tmp_path / "labels.pdf"
    assert labels_that_do_not_fit([WIDE_BLOCK], template) == []
    write_labels(path, [WIDE_BLOCK] * template.per_page, template)
    by_label = chars_by_label(path, template)
    assert sorted(by_label) == list(range(template.per_page))
    for index, chars in by_label.items():
        x0, t0, x1, b0 = label_rects(template)[index]
        for ch in chars:
            assert ch["x0"] >= x0 + 1 and ch["x1"] <= x1 - 1, (template.code, index, ch["text"])
            assert ch["top"] >= t0 and ch["bottom"] <= b0, (template.code, index, ch["text"])
        assert min(ch["size"] for ch in chars) >= 7.0 - 0.01  # fitted, never below the legible minimum


def test_start_at_n_fills_the_sheet_from_label_n(tmp_path: Path) -> None:
    """Start at label 5 of an L7160 sheet: three addresses land on labels 5, 6 and 7, in order."""
    t = get_template(None, "L7160")
    path = tmp_path / "labels.pdf"
    blocks = [[f"Mme Alice NUMERO{i}", "1 RUE X", "69002 LYON"] for i in (1, 2, 3)]
    assert write_labels(path, blocks, t, start_at=5) == 1
    by_label = chars_by_label(path, t)
    assert sorted(by_label) == [4, 5, 6]
    for slot, i in zip((4, 5, 6), (1, 2, 3), strict=True):
        assert f"NUMERO{i}" in "".join(ch["text"] for ch in by_label[slot])


def test_start_at_spills_onto_a_second_sheet(tmp_path: Path) -> None:
    """Starting at label 20 of 21, four addresses take two pages; an impossible start is refused."""
    t = get_template(None, "L7160")
    assert write_labels(tmp_path / "a.pdf", [SHORT_BLOCK] * 4, t, start_at=20) == 2
    with pytest.raises(InputError):
        write_labels(tmp_path / "b.pdf", [SHORT_BLOCK], t, start_at=22)
    assert not (tmp_path / "b.pdf").exists()


def test_too_big_for_a_small_label_is_reported_before_printing() -> None:
    """Seven long lines on a 33.9 mm label cannot stay above 7 pt: the block is reported, by position."""
    t = get_template(None, "L7159")
    seven = ["M" * 38] * 7
    assert labels_that_do_not_fit([SHORT_BLOCK, seven], t) == [1]


def test_printer_offset_shifts_the_print_and_is_saved(db: Database, tmp_path: Path) -> None:
    """A +2 mm / +1 mm offset moves every glyph right and down by that much; it is kept per printer."""
    t = get_template(None, "L7163")
    with db.session() as s:
        save_printer_offset(s, "Bureau", 2.0, 1.0)
    with db.session() as s:
        assert printer_offset(s, "Bureau") == (2.0, 1.0)
        assert printer_offset(s, "Autre") == (0.0, 0.0)
    write_labels(tmp_path / "a.pdf", [SHORT_BLOCK], t)
    write_labels(tmp_path / "b.pdf", [SHORT_BLOCK], t, offset_mm=(2.0, 1.0))
    with pdfplumber.open(tmp_path / "a.pdf") as a, pdfplumber.open(tmp_path / "b.pdf") as b:
        ca, cb = a.pages[0].chars[0], b.pages[0].chars[0]
    assert cb["x0"] - ca["x0"] == pytest.approx(2 * MM, abs=0.01)
    assert cb["top"] - ca["top"] == pytest.approx(1 * MM, abs=0.01)
    with db.session() as s, pytest.raises(InputError):
        save_printer_offset(s, "Bureau", 50, 0)


def test_calibration_page_draws_every_label_outline(tmp_path: Path) -> None:
    """The calibration page has one rounded outline per label, at the template's positions."""
    t = get_template(None, "L7160")
    write_calibration(tmp_path / "c.pdf", t)
    with pdfplumber.open(tmp_path / "c.pdf") as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        curves = page.curves + page.rects
    assert "Calibrage L7160" in text
    assert len(curves) >= t.per_page
    tops = sorted({round(c["top"], 0) for c in curves})
    assert round(t.top_margin * MM, 0) in tops


def test_custom_template_is_checked_and_saved(db: Database) -> None:
    """The custom editor saves a sheet that fits the page, refuses one that does not or reuses a code."""
    good = LabelTemplate("MAISON-10", "Maison", 2, 5, 99.0, 57.0, 6.0, 6.0, 99.0, 57.0)
    with db.session() as s:
        save_custom_template(s, good)
    with db.session() as s:
        assert get_template(s, "MAISON-10").label_height == 57.0
        with pytest.raises(InputError, match="dépassent la page"):
            save_custom_template(s, LabelTemplate("TROP", "x", 3, 8, 70, 40, 0, 0, 70, 40))
        with pytest.raises(InputError, match="modèle fourni"):
            save_custom_template(s, LabelTemplate("L7160", "x", 1, 1, 10, 10, 0, 0, 10, 10))
