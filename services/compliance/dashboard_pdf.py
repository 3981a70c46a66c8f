"""« État de conformité au JJ/MM/AAAA »: the home page on one A4 page, what an owner hands to an auditor
or a franchisor — the organisation's identity, « À faire » with every count, the key figures and the
charts (services/compliance/dashboard_charts.py, drawn by matplotlib's Agg as an image in the page).

Written through services.core.pdf_watermark.pdf_canvas: a demonstration base's page says so.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from services.compliance.dashboard import NOTHING_TO_DO, in_french
from services.core.files import atomic_output, check_output
from services.core.pdf_fonts import register_fonts, wrap
from services.core.pdf_watermark import pdf_canvas

IDENTITY_LABELS = (
    ("name", "Organisation"), ("address", "Adresse"), ("siret", "SIRET"), ("phone", "Téléphone"),
    ("email", "E-mail"), ("rights_contact", "Exercice des droits"), ("dpo", "Délégué (DPO)"),
)  # fmt: skip


def title(day: date) -> str:
    """The page's title, the day in French order."""
    return f"État de conformité au {day:%d/%m/%Y}"


def page_bytes(snapshot: dict[str, Any]) -> bytes:
    """The page's PDF, from services.compliance.dashboard.snapshot()."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader

    from services.compliance.dashboard_charts import png

    regular, bold = register_fonts()
    out = io.BytesIO()
    c = pdf_canvas(out, pagesize=A4)
    width, height = A4
    left, right = 18 * mm, width - 18 * mm
    c.setTitle(title(date.fromisoformat(snapshot["date"])))
    y = height - 20 * mm
    c.setFont(bold, 17)
    c.drawString(left, y, title(date.fromisoformat(snapshot["date"])))

    y -= 8 * mm
    org = snapshot["organisation"]
    for key, label in IDENTITY_LABELS:
        value = " — ".join(line.strip() for line in str(org.get(key) or "").splitlines() if line.strip())
        c.setFont(bold, 8.5)
        c.drawString(left, y, f"{label} :")
        c.setFont(regular, 8.5)
        c.drawString(left + 40 * mm, y, value or "non renseigné")
        y -= 4.2 * mm

    y -= 3 * mm
    c.setFont(bold, 12)
    c.drawString(left, y, "À faire")
    y -= 5.5 * mm
    lines = [t for t in snapshot["todo"] if t["count"]]
    c.setFont(regular, 9)
    if not lines:
        c.drawString(left, y, NOTHING_TO_DO)
        y -= 4.6 * mm
    for line in lines:
        c.setFillColorRGB(*((0.72, 0.1, 0.1) if line["late"] else (0.1, 0.1, 0.1)))
        for k, part in enumerate(wrap(line["text"], regular, 9, right - left - 5 * mm)):
            c.drawString(left + (0 if k == 0 else 4 * mm), y, ("• " if k == 0 else "") + part)
            y -= 4.4 * mm
    c.setFillColorRGB(0, 0, 0)

    figures = snapshot["figures"]
    contacts, shares = figures["contacts"], figures["shares"]
    y -= 2 * mm
    c.setFont(bold, 12)
    c.drawString(left, y, "Chiffres")
    y -= 5.5 * mm
    c.setFont(regular, 9)
    total = contacts["total"]
    c.drawString(left, y, f"{in_french('%n contact(s)', total)} en base ; accord d'appel valide : {_n(shares['phone_consent'])}"
                          f" ; opposition au courrier : {_n(shares['post_objection'])} ; opposition au téléphone :"
                          f" {_n(shares['phone_objection'])}.")  # fmt: skip
    y -= 4 * mm

    bottom = 14 * mm
    image_h = y - bottom
    image_w = right - left
    picture = png(figures, image_w / 72, image_h / 72, dpi=170)
    c.drawImage(ImageReader(io.BytesIO(picture)), left, bottom, image_w, image_h)
    c.setFont(regular, 7)
    c.setFillColorRGB(0.4, 0.4, 0.4)
    c.drawString(left, 8 * mm, f"webleads-tracker — {title(date.fromisoformat(snapshot['date']))}")
    c.showPage()
    c.save()
    return out.getvalue()


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def write_page(snapshot: dict[str, Any], path: Path) -> Path:
    """The page into `path`, written whole or not at all (a wrong folder is said before drawing)."""
    check_output(path)
    data = page_bytes(snapshot)
    with atomic_output(path) as tmp:
        Path(tmp).write_bytes(data)
    return path
