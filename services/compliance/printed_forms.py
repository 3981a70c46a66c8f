"""A form version printed for the shop counter: A4, the organisation, the fields, the boxes, the text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.compliance import FormVersion
from models.contact import Contact
from services.compliance.forms import L223_2_SENTENCE, version_boxes
from services.core.files import atomic_output
from services.core.pdf_fonts import TextFlow, register_fonts, wrap
from services.core.pdf_watermark import pdf_canvas
from services.core.phones import display


def write_form_pdf(
    path: Path, version: FormVersion, org: dict[str, Any], contact: Contact | None = None
) -> None:
    """docs/rules.md §3-4: what the person sees and signs; with the contact's reference (and barcode) when
    printed for a known person, so that the returned form is found by scanning it."""
    from reportlab.graphics.barcode import code128
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    regular, bold = register_fonts()
    width, height = A4
    left, right = 18 * mm, width - 18 * mm
    with atomic_output(path) as tmp:
        c = pdf_canvas(tmp, pagesize=A4)
        c.setTitle(f"{version.form.name} (version {version.number})")
        flow = TextFlow(c, regular, top=height - 18 * mm, bottom=18 * mm, left=left, leading=1.35)
        line = flow.line

        # Organisation identity (docs/rules.md §3.1: who collects).
        line(str(org.get("org.name") or ""), bold, 13)
        for key in ("org.address", "org.phone", "org.email"):
            for part in str(org.get(key) or "").splitlines():
                line(part, size=8.5)
        if org.get("org.siret"):
            line(f"SIRET {org['org.siret']}", size=8.5)
        if contact is not None:
            top = height - 18 * mm
            c.setFont(bold, 11)
            c.drawRightString(right, top, f"Réf. {contact.ref}")
            barcode = code128.Code128(contact.ref, barHeight=9 * mm, barWidth=0.9)
            barcode.drawOn(c, right - barcode.width, top - 13 * mm)
        flow.y -= 3 * mm
        line(version.form.name, bold, 14)
        line(f"Version {version.number} — {version.purpose}", size=9)
        flow.y -= 2 * mm

        # The fields to fill in (pre-filled for a known person).
        values = _contact_values(contact)
        for label, key in (("Nom", "last_name"), ("Prénom", "first_name"), ("Adresse", "street"),
                           ("Code postal, ville", "city"), ("Téléphone", "phone"), ("E-mail", "email")):  # fmt: skip
            c.setFont(regular, 10)
            c.drawString(left, flow.y, f"{label} :")
            c.setStrokeGray(0.6)
            c.line(left + 35 * mm, flow.y - 1.5, right, flow.y - 1.5)
            if values.get(key):
                c.setFont(regular, 10)
                c.drawString(left + 37 * mm, flow.y + 1, values[key])
            flow.y -= 8 * mm
            if key == "phone":  # docs/rules.md §3.4 (L223-2): said where the phone number is collected
                for part in wrap(L223_2_SENTENCE, regular, 7, right - left - 35 * mm):
                    c.setFont(regular, 7)
                    c.drawString(left + 35 * mm, flow.y + 4 * mm, part)
                    flow.y -= 8.5
                flow.y -= 1 * mm
        flow.y -= 2 * mm

        # The boxes, unticked (docs/rules.md §1, §4).
        line("Vos choix (cochez les cases qui vous concernent)", bold, 10)
        flow.y -= 1 * mm
        for box in version_boxes(version):
            parts = wrap(box.label, regular, 9.5, right - left - 9 * mm)
            if flow.y - len(parts) * 12 < 40 * mm:
                flow.new_page()
            c.setStrokeGray(0)
            c.rect(left, flow.y - 1, 3.6 * mm, 3.6 * mm, stroke=1, fill=0)
            for part in parts:
                c.setFont(regular, 9.5)
                c.drawString(left + 7 * mm, flow.y, part)
                flow.y -= 12
            flow.y -= 3

        # Date and signature.
        flow.y -= 3 * mm
        c.setFont(regular, 10)
        c.drawString(left, flow.y, "Date : ____ / ____ / ________")
        c.drawString(width / 2, flow.y, "Signature :")
        c.rect(width / 2 + 20 * mm, flow.y - 14 * mm, right - width / 2 - 20 * mm, 18 * mm, stroke=1, fill=0)
        flow.y -= 20 * mm

        # The information owed (docs/rules.md §3.1), in small print but complete.
        line("Informations sur le traitement de vos données", bold, 9)
        for paragraph in version.info_text.split("\n"):
            for part in wrap(paragraph, regular, 7.5, right - left):
                line(part, size=7.5)
        c.save()


def _contact_values(contact: Contact | None) -> dict[str, str]:
    if contact is None or contact.erased_at is not None:
        return {}
    return {
        "last_name": contact.last_name or contact.company,
        "first_name": contact.first_name,
        "street": " ".join(x for x in (contact.address_complement, contact.address_street) if x),
        "city": f"{contact.postcode} {contact.city}".strip(),
        "phone": display(contact.mobile or contact.phone) if (contact.mobile or contact.phone) else "",
        "email": contact.email,
    }
