"""The record of processing activities (docs/rules.md §7.2, GDPR art. 30), pre-filled from the settings.

Required even under 250 employees: a prospect file is not occasional processing. Shaped like the
CNIL's simplified template: a general page (organisation, DPO, activities) and one page per activity.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.compliance import FormVersion
from models.contact import Contact
from models.database import sqlite_path_of
from models.journal import anchor_text, head
from models.partners import Partner
from services.core.backup_crypto import encryption_of
from services.core.backups import folder_of_url, list_backups
from services.core.errors import InputError
from services.core.files import atomic_output
from services.core.moments import business_date
from services.core.pdf_watermark import pdf_canvas
from services.core.settings import get_settings
from services.core.spreadsheet import Column, Sheet, write_xlsx
from services.core.stamp import register_stamp

ACTIVITY = "Prospection commerciale par courrier et par téléphone"


def partner_categories(session: Session) -> list[str]:
    """Every category of recipient: the partners' and those the collection forms name."""
    cats = {c for c in session.scalars(select(Partner.category).distinct()) if c}
    for text in session.scalars(select(FormVersion.partner_categories)):
        cats.update(c for c in json.loads(text or "[]") if c)
    return sorted(cats)


def security_measures(session: Session, declared: str) -> str:
    """docs/rules.md §7.3: the measures the owner declares, then those the application finds in place — never a
    promise of what does not exist."""
    found = [declared.strip().rstrip(".")] if declared.strip() else []
    url = session.get_bind().url.render_as_string(hide_password=True)
    path = sqlite_path_of(url)
    if path is not None and path.exists() and not path.stat().st_mode & 0o077:
        found.append("fichier de la base lisible par son seul propriétaire")
    events, _ = head(session)
    if events:
        found.append(f"journal des opérations chaîné et vérifiable (« audit verify »), {events} événements, "
                     "valeurs personnelles chiffrées par personne")  # fmt: skip
    backups = list_backups(folder_of_url(url))
    if backups:
        last = backups[0].taken_at
        found.append(f"sauvegardes automatiques ({len(backups)} conservées, la dernière le {last:%d/%m/%Y à %H:%M}), "
                     "copie avant chaque mise à jour, effacement groupé et restauration")  # fmt: skip
    elif path is None:
        found.append("base sur le serveur PostgreSQL de l'entreprise (sauvegardes du serveur)")
    if encryption_of(session):
        found.append("sauvegardes chiffrées par une phrase secrète (format age)")
    found.append("aucune donnée envoyée hors du poste ou du serveur de l'entreprise")
    return " ; ".join(found) + "."


def processing_record(session: Session, today: date | None = None) -> dict[str, list[tuple[str, str]]]:
    """The two pages of the record, as (heading, text) pairs, from the settings and the base."""
    today = today or business_date()
    s = get_settings(session)
    org = s["org.name"] or "(nom de l'organisation à renseigner dans les Réglages)"
    counts = dict(
        session.execute(
            select(Contact.status, func.count()).where(Contact.erased_at.is_(None)).group_by(Contact.status)
        ).all()
    )
    cats = partner_categories(session)
    general = [
        ("Organisme", org),
        ("Adresse", s["org.address"]),
        ("Téléphone", s["org.phone"]),
        ("E-mail", s["org.email"]),
        ("SIRET", s["org.siret"]),
        ("Contact pour l'exercice des droits", s["org.rights_contact"]),
        ("Délégué à la protection des données", s["org.dpo"] or "Aucun (non obligatoire)"),
        ("Activités de traitement", ACTIVITY),
        ("Registre établi le", today.strftime("%d/%m/%Y")),
    ]
    activity = [
        ("Activité", ACTIVITY),
        ("Responsable du traitement", f"{org} — {s['org.address']}".strip(" —")),
        ("Délégué à la protection des données", s["org.dpo"] or "Aucun"),
        (
            "Finalités et bases légales",
            "Prospection par courrier postal (intérêt légitime) ; prospection par téléphone des professionnels "
            "(intérêt légitime) ; prospection par téléphone des particuliers (consentement préalable, "
            "article L223-1 du Code de la consommation depuis le 11 août 2026, ou contrat en cours) ; "
            "transmission des coordonnées postales à des partenaires (intérêt légitime, après information "
            "et sans opposition de la personne).",
        ),
        (
            "Catégories de personnes",
            f"Clients ({counts.get('customer', 0)}) et prospects ({counts.get('prospect', 0)}), particuliers "
            "et contacts professionnels.",
        ),
        (
            "Catégories de données et durées de conservation",
            "Identité (civilité, nom, prénom, société) et coordonnées (adresse postale, téléphones, e-mail) : "
            f"{s['rules.prospect_retention_years']} ans à compter de la collecte ou du dernier contact venant "
            f"du prospect ; pour un client, {s['rules.customer_retention_years']} ans après la fin de la "
            "relation. Origine des données et date d'obtention : même durée. Preuves de consentement : "
            f"{s['rules.consent_proof_years']} ans. Liste d'opposition (empreintes chiffrées seulement) : "
            f"{s['rules.suppression_years']} ans à compter de l'opposition. Journal des appels et des "
            "transmissions : durée de la relation et de la preuve.",
        ),
        (
            "Destinataires",
            "Personnel habilité de l'organisme. Partenaires : " + (", ".join(cats) if cats else "aucun"),
        ),
        ("Transferts hors de l'Union européenne", s["org.transfers"]),
        ("Mesures de sécurité", security_measures(session, s["org.security_measures"])),
        (
            "Droits des personnes",
            "Accès, rectification, effacement, limitation, opposition (sans motif pour la prospection), "
            "portabilité, retrait du consentement, réclamation auprès de la CNIL ; réponse sous un mois.",
        ),
    ]
    return {"Général": general, ACTIVITY: activity}


def write_processing_register(
    session: Session, path: Path, progress: Callable[[int], bool] | None = None
) -> int:
    """The record to .xlsx (a page per sheet) or .pdf; returns the number of entries written."""
    pages = processing_record(session)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(
            path,
            [Sheet(name[:31], [Column("Rubrique"), Column("Contenu")], rows) for name, rows in pages.items()],
            stamp=register_stamp(session),
        )
    elif suffix == ".pdf":
        _write_pdf(path, pages, anchor_text(session))
    else:
        raise InputError("Le registre des traitements s'exporte en .xlsx ou en .pdf.")
    return sum(len(rows) for rows in pages.values())


def _write_pdf(path: Path, pages: dict[str, list[tuple[str, str]]], anchor: str) -> None:

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    from services.core.pdf_fonts import register_fonts, wrap

    regular, bold = register_fonts()
    with atomic_output(path) as tmp:
        c = pdf_canvas(tmp, pagesize=A4)
        c.setTitle("Registre des activités de traitement")
        width, height = A4

        def footer() -> None:
            # docs/rules.md §10.2: the head of the journal on every printed register.
            c.setFont(regular, 7)
            for i, line in enumerate(wrap(anchor, regular, 7, width - 40 * mm)):
                c.drawString(20 * mm, 12 * mm - i * 3 * mm, line)

        for title, rows in pages.items():
            y = height - 25 * mm
            c.setFont(bold, 13)
            for line in wrap("Registre des activités de traitement — " + title, bold, 13, width - 40 * mm):
                c.drawString(20 * mm, y, line)
                y -= 6.5 * mm
            y -= 6 * mm
            for heading, text in rows:
                lines = wrap(text or "—", regular, 9.5, width - 95 * mm)
                heads = wrap(heading, bold, 9.5, 50 * mm)
                rows_needed = max(len(lines), len(heads))
                if y - 4.6 * mm * rows_needed < 20 * mm:
                    footer()
                    c.showPage()
                    y = height - 25 * mm
                c.setFont(bold, 9.5)
                for i, hl in enumerate(heads):
                    c.drawString(20 * mm, y - i * 4.6 * mm, hl)
                c.setFont(regular, 9.5)
                for i, line in enumerate(lines):
                    c.drawString(75 * mm, y - i * 4.6 * mm, line)
                y -= rows_needed * 4.6 * mm + 4 * mm
            footer()
            c.showPage()
        c.save()
