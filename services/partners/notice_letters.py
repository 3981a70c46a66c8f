"""The notification letter to a partner (docs/rules.md §5.3, art. 19), as an A4 PDF (reportlab)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from services.core.files import atomic_output
from services.core.pdf_fonts import TextFlow, register_fonts, wrap
from services.core.pdf_watermark import pdf_canvas

EVENT_SENTENCES = {
    "opposition": "se sont opposées à la prospection ou à la transmission de leurs données",
    "erasure": "ont obtenu l'effacement de leurs données",
    "rectification": "ont fait rectifier leurs données (les nouvelles valeurs figurent dans la liste)",
    # docs/rules.md §1.6: since 11 August 2026 a consumer is called only with their own consent.
    "consent_end": (
        "n'ont plus (ou n'ont pas) donné leur accord pour être appelées par vos soins : vous ne devez plus "
        "les appeler et devez effacer leur numéro de téléphone"
    ),
}


def write_notice_letter(
    path: Path,
    *,
    org: dict[str, Any],
    partner_name: str,
    partner_address: str,
    partner_email: str,
    events: Counter[str],
    list_file: str,
    lines: list[str],
    on: date,
) -> None:
    """A one-page (or more) letter: who we are, what happened, what we ask, and the people concerned."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    regular, bold = register_fonts()
    with atomic_output(path) as tmp:
        c = pdf_canvas(tmp, pagesize=A4)
        c.setTitle(f"Notification à {partner_name}")
        width, height = A4
        left, right = 20 * mm, width - 20 * mm
        flow = TextFlow(c, regular, top=height - 20 * mm, bottom=20 * mm, left=left, leading=1.4)
        text = flow.line

        def paragraph(body: str, size: float = 10) -> None:
            for line in wrap(body, regular, size, right - left):
                text(line, size=size)
            text("")

        text(org.get("org.name") or "", bold, 12)
        for key in ("org.address", "org.phone", "org.email"):
            for part in str(org.get(key) or "").splitlines():
                text(part, size=9)
        flow.y -= 6 * mm
        x_to = width / 2 + 10 * mm
        text(partner_name, bold, 10, x_to)
        for part in partner_address.splitlines():
            text(part, size=10, x=x_to)
        if partner_email:
            text(partner_email, size=9, x=x_to)
        flow.y -= 4 * mm
        text(f"Le {on:%d/%m/%Y}", x=x_to)
        flow.y -= 4 * mm
        text("Objet : informer les destinataires de données (RGPD, articles 17, 19 et 21)", bold, 10)
        flow.y -= 2 * mm
        paragraph("Madame, Monsieur,")
        for event, n in sorted(events.items()):
            paragraph(
                f"Nous vous avons transmis les coordonnées de {n} personne(s) qui {EVENT_SENTENCES[event]}."
            )
        paragraph(
            "Conformément à l'article 19 du RGPD, nous vous en informons sans délai. Nous vous demandons de "
            "cesser toute prospection de ces personnes, de ne plus transmettre leurs données, de rectifier ou "
            "d'effacer celles-ci selon le cas, et de nous adresser un accusé de réception de ce courrier."
        )
        paragraph(
            f"La liste jointe ({list_file}) ne contient que les informations que nous vous avions transmises, "
            "pour vous permettre de retrouver ces personnes. Elle est reprise ci-dessous."
        )
        paragraph("Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.")
        text(org.get("org.name") or "", bold)
        flow.y -= 6 * mm
        text("Personnes concernées", bold, 10)
        for line in lines:
            for part in wrap(line, regular, 8, right - left):
                text(part, size=8)
        c.save()
