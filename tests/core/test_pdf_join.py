"""services.core.pdf_join: parts joined in order, objects copied as they are or through pypdf, a part's
strings and links kept, nothing left behind when a part fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from services.core.pdf_fonts import register_fonts
from services.core.pdf_join import _raw_object, join_pdfs, joined_output


def part(path: Path, first: int, pages: int) -> str:
    """A reportlab document: a line of text per page, and a link (a dictionary holding a string)."""
    from reportlab.pdfgen.canvas import Canvas

    regular, _ = register_fonts()
    c = Canvas(str(path), pageCompression=0)
    c.setTitle("Courriers d'automne")
    for n in range(first, first + pages):
        c.setFont(regular, 12)
        c.drawString(72, 720, f"Page n° {n} — « œuvre »")
        c.linkURL(f"https://example.fr/{n}", (72, 700, 200, 730))
        c.showPage()
    c.save()
    return str(path)


def test_pages_come_in_order_with_their_text_and_links(tmp_path: Path) -> None:
    """Three parts of 2, 3 and 1 pages: six pages in order, each with its text and its own link."""
    parts = [part(tmp_path / "a.pdf", 1, 2), part(tmp_path / "b.pdf", 3, 3), part(tmp_path / "c.pdf", 6, 1)]
    assert join_pdfs(parts, tmp_path / "all.pdf") == 6
    reader = PdfReader(tmp_path / "all.pdf", strict=True)
    assert [p.extract_text().strip() for p in reader.pages] == [
        f"Page n° {n} — « œuvre »" for n in range(1, 7)
    ]
    uris = [p["/Annots"][0].get_object()["/A"]["/URI"] for p in reader.pages]
    assert uris == [f"https://example.fr/{n}" for n in range(1, 7)]
    assert reader.metadata.title == "Courriers d'automne"


def test_only_plain_dictionaries_are_copied_as_they_are() -> None:
    """A dictionary holding a string (its bytes could read like a reference) is left to pypdf."""
    plain = b"7 0 obj\n<< /Type /Page /Parent 2 0 R /Resources << /Font 1 0 R >> >>\nendobj\n"
    assert _raw_object(plain, 0) == (b"<< /Type /Page /Parent 2 0 R /Resources << /Font 1 0 R >> >>", None)
    stream = b"8 0 obj\n<< /Length 5 >>\nstream\nBT ET\nendstream\nendobj\n"
    assert _raw_object(stream, 0) == (b"<< /Length 5 >>", b"BT ET")
    assert _raw_object(b"9 0 obj\n<< /URI (1 0 R) >>\nendobj\n", 0) is None
    assert _raw_object(b"9 0 obj\n<< /ID <0a1b> >>\nendobj\n", 0) is None
    assert _raw_object(b"9 0 obj\n<< /Length 3 0 R >>\nstream\nabc\nendstream\nendobj\n", 0) is None
    assert _raw_object(b"9 0 obj\n[ 1 0 R ]\nendobj\n", 0) is None


def test_a_failed_part_leaves_neither_the_file_nor_any_part(tmp_path: Path) -> None:
    """An error while the parts are written: no document, no temporary part in the folder."""
    with pytest.raises(RuntimeError), joined_output(tmp_path / "out.pdf") as parts:
        part(Path(parts.new()), 1, 2)
        part(Path(parts.new()), 3, 2)
        raise RuntimeError("panne")
    assert list(tmp_path.iterdir()) == []
