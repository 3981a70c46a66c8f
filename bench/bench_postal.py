"""Postal campaign speed: 10,000 labels and 10,000 letters, each beside a bare baseline.

    python bench/bench_postal.py [--n 10000] [--glabels-batch 2000]

- labels.pdf (services.postal.labels) vs reportlab's canvas drawing the same strings bare (same TTF font,
  drawString per line, no fitting) — target < 2 s and ≤ 3×;
- the same addresses merged by gLabels onto L7160 (`glabels-3-batch`, Debian package glabels), in
  merges of --glabels-batch labels (gLabels grows superlinearly past ~2,000 labels per merge: several
  smaller merges are its best case) — target: ours ≥ 5× faster;
- letters.pdf (services.postal.letters, one page each with notice, objection, slip and Code 128) vs bare
  canvas pages drawing the same laid-out lines with drawString — target < 15 s and ≤ 2.5×.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.database import open_database
from services.contacts.demo import add_demo_contacts
from services.core.pdf_fonts import register_fonts, register_label_font
from services.core.settings import get_settings, set_settings
from services.postal.campaign import PostalRequest, build_letters, preview
from services.postal.label_sheets import get_template
from services.postal.labels import MM, text_box, write_labels
from services.postal.letter_templates import latest_version
from services.postal.letters import BODY_TOP, LEFT, Organisation, _fit, _Wrapper, _y, write_letters

# gLabels' own L7160 definition (avery-iso-templates.xml, family 7160), in points.
GLABELS_DOC = """<?xml version="1.0"?>
<Glabels-document xmlns="http://glabels.org/xmlns/3.0/">
  <Template brand="Avery" part="L7160" size="A4" description="Mailing labels">
    <Meta category="label"/>
    <Label-rectangle id="0" width="181.4pt" height="108pt" round="5pt" x_waste="0pt" y_waste="0pt">
      <Markup-margin size="5pt"/>
      <Layout nx="3" ny="7" x0="21.2pt" y0="43.9pt" dx="187.2pt" dy="108pt"/>
    </Label-rectangle>
  </Template>
  <Objects id="0" rotate="False">
    <Object-text x="8.5pt" y="6pt" w="164pt" h="96pt" justify="Left" valign="Top" auto_shrink="True"
                 a0="1" a1="0" a2="0" a3="1" a4="0" a5="0">
      <Span color="0x000000ff" font_family="DejaVu Sans" font_size="10" font_weight="Regular"
            font_italic="False" line_spacing="1">{fields}</Span>
    </Object-text>
  </Objects>
  <Merge type="Text/Comma" src="{src}"/>
</Glabels-document>
"""


CPU: dict[str, float] = {}


def timed(fn, label: str = ""):  # type: ignore[no-untyped-def]
    """Wall time (what the user waits); the process CPU time is kept too (the machine may be shared)."""
    t, c = time.perf_counter(), time.process_time()
    result = fn()
    if label:
        CPU[label] = time.process_time() - c
    return time.perf_counter() - t, result


def bare_labels(path: Path, blocks: list[list[str]], per_page: int, template) -> None:  # type: ignore[no-untyped-def]
    """reportlab's canvas drawing the same strings at the label positions: no fitting, no caching."""
    from reportlab.pdfgen.canvas import Canvas

    regular = register_label_font()
    c = Canvas(str(path), pagesize=(210 * MM, 297 * MM), pageCompression=0)
    boxes = [text_box(template, i) for i in range(per_page)]
    for n, lines in enumerate(blocks):
        slot = n % per_page
        if slot == 0 and n:
            c.showPage()
        c.setFont(regular, 9)
        box = boxes[slot]
        y = box.y + box.height - 9
        for line in lines:
            c.drawString(box.x, y, line)
            y -= 10.8
    c.save()


def bare_letters(path: Path, pages: list[list[tuple[str, bool, float]]], addresses: list[list[str]]) -> None:
    """Bare canvas pages with the same laid-out text (drawString per line, setFont per line)."""
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = register_fonts()
    c = Canvas(str(path), pagesize=(210 * MM, 297 * MM), pageCompression=0)
    for lines, address in zip(pages, addresses, strict=True):
        y = _y(55)
        for line in address:
            c.setFont(regular, 10)
            c.drawString(106 * MM, y, line)
            y -= 12
        y = _y(BODY_TOP)
        for text, is_bold, size in lines:
            c.setFont(bold if is_bold else regular, size)
            y -= size * 1.25
            c.drawString(LEFT * MM, y, text)
        c.showPage()
    c.save()


def run_glabels(work: Path, blocks: list[list[str]], batch: int) -> tuple[float | None, str]:
    exe = shutil.which("glabels-3-batch")
    if exe is None:
        return None, "glabels-3-batch absent (apt-get install -y glabels)"
    width = max(len(b) for b in blocks)
    fields = "<NL/>".join(f'<Field name="{i + 1}"/>' for i in range(width))
    total = 0.0
    for start in range(0, len(blocks), batch):
        src = work / f"glabels-{start}.csv"
        with open(src, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(b + [""] * (width - len(b)) for b in blocks[start : start + batch])
        doc = work / f"glabels-{start}.glabels"
        doc.write_text(GLABELS_DOC.format(fields=fields, src=escape(str(src))), encoding="utf-8")
        t = time.perf_counter()
        proc = subprocess.run([exe, "-o", str(work / f"glabels-{start}.pdf"), str(doc)],
                              capture_output=True, text=True)  # fmt: skip
        total += time.perf_counter() - t
        if proc.returncode != 0:
            return None, f"glabels-3-batch a échoué : {proc.stderr[-300:]}"
    return total, f"{(len(blocks) + batch - 1) // batch} fusions de {batch}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--glabels-batch", type=int, default=2_000)
    ap.add_argument("--skip-glabels", action="store_true", help="sans la comparaison gLabels (plus court)")
    args = ap.parse_args()
    n = args.n
    work = Path(tempfile.mkdtemp(prefix="bench-postal-"))
    db = open_database(f"sqlite:///{work / 'bench.sqlite'}")
    with db.session() as s:
        add_demo_contacts(s, int(n * 1.05) + 50)
        set_settings(s, {"org.name": "Œnologie & Fils", "org.address": "3 place Bellecour\n69002 Lyon",
                         "org.phone": "04 78 00 00 00", "org.email": "contact@oeno.fr",
                         "org.rights_contact": "dpo@oeno.fr"})  # fmt: skip
    with db.session() as s:
        t_decide, decision = timed(lambda: preview(s, PostalRequest(name="bench")))
        recipients = decision.recipients[:n]
        version = latest_version(s)
        settings = get_settings(s)
        template = get_template(s, "L7160")
    assert len(recipients) == n, f"only {len(recipients)} recipients"
    blocks = [list(r.block.lines) for r in recipients]
    print(f"{n} destinataires — sélection et contrôle des adresses : {t_decide:.2f} s")

    t_labels, pages = timed(lambda: write_labels(work / "labels.pdf", blocks, template), "labels")
    t_bare_labels, _ = timed(
        lambda: bare_labels(work / "bare-labels.pdf", blocks, template.per_page, template), "bare_labels"
    )
    print(f"labels.pdf   : {t_labels:.2f} s ({pages} pages) | canvas nu : {t_bare_labels:.2f} s "
          f"| ratio {t_labels / t_bare_labels:.2f}× (cible ≤ 3×, < 2 s)")  # fmt: skip

    t_gl, how = (
        (None, "--skip-glabels") if args.skip_glabels else run_glabels(work, blocks, args.glabels_batch)
    )
    if t_gl is None:
        print(f"gLabels      : non mesuré — {how}")
    else:
        print(f"gLabels L7160: {t_gl:.2f} s ({how}) | nous {t_gl / t_labels:.1f}× plus rapides (cible ≥ 5×)")

    campaign = {"nom": "Automne", "objet": "Découvrez nos nouveautés d'automne : -20 % jusqu'au 15 décembre."}
    t_build, letters = timed(lambda: build_letters(recipients, version, settings, campaign, date.today()))
    org = Organisation.from_settings(settings)
    t_letters, letter_pages = timed(
        lambda: write_letters(work / "letters.pdf", letters, org, on=date.today()), "letters"
    )
    regular, _ = register_fonts()
    wrapper = _Wrapper(regular)
    laid = [[(ln.text, ln.bold, ln.size) for ln in _fit(wrapper, letter)] for letter in letters]
    t_bare_letters, _ = timed(lambda: bare_letters(work / "bare-letters.pdf", laid, blocks), "bare_letters")
    print(f"letters.pdf  : {t_letters:.2f} s ({letter_pages} pages) + modèles rendus {t_build:.2f} s "
          f"| canvas nu : {t_bare_letters:.2f} s | ratio {t_letters / t_bare_letters:.2f}× "
          f"(avec le rendu : {(t_letters + t_build) / t_bare_letters:.2f}×) (cible ≤ 2,5×, < 15 s)")  # fmt: skip
    print(f"temps CPU    : étiquettes {CPU['labels']:.2f} s / nu {CPU['bare_labels']:.2f} s ; "
          f"courriers {CPU['letters']:.2f} s / nu {CPU['bare_letters']:.2f} s (machine partagée : "
          f"le temps CPU du processus compte ce qu'il a vraiment calculé)")  # fmt: skip
    for f in ("labels.pdf", "letters.pdf", "bare-labels.pdf", "bare-letters.pdf"):
        print(f"  {f}: {(work / f).stat().st_size / 1e6:.1f} Mo")
    db.dispose()
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
