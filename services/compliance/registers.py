"""Registers exported to .xlsx (docs/rules.md §5, §9 Solocal: prove every consent, transmission and notice).

REGISTERS maps a register's name to its writer; the phone campaigns add "calls" the same way:
    REGISTERS["calls"] = write_calls_register
Each writer is writer(session, path, progress) -> number of rows, through services.core.spreadsheet.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Form, FormVersion, Opposition
from models.contact import Contact, format_ref
from models.partners import Partner, PropagationNotice, Transmission
from services.compliance.audit_register import write_audit_register
from services.compliance.oppositions import opposition_state
from services.compliance.processing_record import write_processing_register
from services.compliance.requests import write_requests_register
from services.contacts.history import CHANNEL_LABELS, SCOPE_LABELS
from services.core.errors import InputError
from services.core.files import file_error
from services.core.moments import business_date
from services.core.spreadsheet import Column, write_table
from services.core.stamp import register_stamp
from services.partners.notices import EVENT_LABELS, STATUS_LABELS, notice_status
from services.phone.call_log import write_calls_register

RegisterWriter = Callable[[Session, Path, Callable[[int], bool] | None], int]
PROOF_LABELS = {"file": "fichier", "web_id": "identifiant web", "note": "note"}


def _name(first: str, last: str, company: str) -> str:
    return " ".join(x for x in (first, last) if x) or company


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("oui" if value else "non")


def write_consents_register(
    session: Session, path: Path, progress: Callable[[int], bool] | None = None
) -> int:
    """Every consent record, with the form version it points to and its proof."""
    q = (
        select(
            ConsentRecord,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Form.name,
            FormVersion.number,
        )
        .join(Contact, Contact.id == ConsentRecord.contact_id)
        .outerjoin(FormVersion, FormVersion.id == ConsentRecord.form_version_id)
        .outerjoin(Form, Form.id == FormVersion.form_id)
        .order_by(ConsentRecord.recorded_on, ConsentRecord.id)
    )
    rows = [
        [r.id, format_ref(r.contact_id), _name(f, ln, co), r.recorded_on, form or "", number,
         r.channel, _yes_no(r.refuse_post), _yes_no(r.refuse_phone), _yes_no(r.refuse_partners),
         _yes_no(r.accept_phone), ", ".join(json.loads(r.accepted_partner_categories or "[]")),
         r.recorded_by, PROOF_LABELS.get(r.proof_kind, r.proof_kind), r.proof]
        for r, f, ln, co, form, number in session.execute(q)
    ]  # fmt: skip
    columns = [
        Column("N°", "int"), Column("Contact"), Column("Nom"), Column("Date du choix", "datetime"),
        Column("Formulaire"), Column("Version", "int"), Column("Canal"), Column("Refus courrier"),
        Column("Refus téléphone"), Column("Refus partenaires"), Column("Accord appels"),
        Column("Accord appels partenaires"), Column("Saisi par"), Column("Type de preuve"), Column("Preuve"),
    ]  # fmt: skip
    write_table(path, "Consentements", columns, rows, progress, register_stamp(session))
    return len(rows)


def write_oppositions_register(
    session: Session, path: Path, progress: Callable[[int], bool] | None = None
) -> int:
    """Every objection: scope, date received, channel, origin, and whether a later consent lifted it."""
    notices = dict(
        session.execute(
            select(PropagationNotice.opposition_id, func.count())
            .where(PropagationNotice.opposition_id.is_not(None))
            .group_by(PropagationNotice.opposition_id)
        ).all()
    )
    q = (
        select(Opposition, Contact.first_name, Contact.last_name, Contact.company, Partner.name)
        .join(Contact, Contact.id == Opposition.contact_id)
        .outerjoin(Partner, Partner.id == Opposition.from_partner_id)
        .order_by(Opposition.received_on, Opposition.id)
    )
    # docs/rules.md §5.10: a typing error stays in the register, voided, with where it went.
    owners = dict(session.execute(select(Opposition.id, Opposition.contact_id).where(
        Opposition.id.in_(select(Opposition.moved_to_id).where(Opposition.moved_to_id.is_not(None)))
    )).all())  # fmt: skip
    rows = [
        [o.id, format_ref(o.contact_id), _name(f, ln, co), SCOPE_LABELS.get(o.scope, o.scope), o.received_on,
         CHANNEL_LABELS.get(o.channel, o.channel), partner or "", o.recorded_by, o.note,
         o.lifted_by_consent_id, notices.get(o.id, 0), opposition_state(o),
         o.voided_at, o.voided_by, o.void_reason,
         f"{format_ref(owners[o.moved_to_id])} (opposition n° {o.moved_to_id})" if o.moved_to_id in owners else ""]
        for o, f, ln, co, partner in session.execute(q)
    ]  # fmt: skip
    columns = [
        Column("N°", "int"), Column("Contact"), Column("Nom"), Column("Portée"), Column("Reçue le", "date"),
        Column("Canal"), Column("Partenaire d'origine"), Column("Saisie par"), Column("Note"),
        Column("Levée par le consentement n°", "int"), Column("Notifications aux partenaires", "int"),
        Column("Statut"), Column("Corrigée le", "datetime"), Column("Corrigée par"), Column("Motif de la correction"),
        Column("Reportée sur"),
    ]  # fmt: skip
    write_table(path, "Oppositions", columns, rows, progress, register_stamp(session))
    return len(rows)


def write_transmissions_register(
    session: Session, path: Path, progress: Callable[[int], bool] | None = None
) -> int:
    """Every file sent to a partner: partner, date, number of contacts, SHA-256 checksum, fields."""
    q = (
        select(Transmission, Partner.name, Partner.category)
        .join(Partner, Partner.id == Transmission.partner_id)
        .order_by(Transmission.sent_on, Transmission.id)
    )
    rows = [
        [t.id, name, category, t.sent_on, t.contact_count, t.file_name, t.checksum,
         ", ".join(json.loads(t.fields or "[]")), t.created_by]
        for t, name, category in session.execute(q)
    ]  # fmt: skip
    columns = [
        Column("N°", "int"), Column("Partenaire"), Column("Catégorie"), Column("Date", "date"),
        Column("Contacts", "int"), Column("Fichier"), Column("Empreinte SHA-256"), Column("Champs transmis"),
        Column("Par"),
    ]  # fmt: skip
    write_table(path, "Transmissions", columns, rows, progress, register_stamp(session))
    return len(rows)


def write_propagation_register(
    session: Session, path: Path, progress: Callable[[int], bool] | None = None, today: date | None = None
) -> int:
    """Every notice owed to a partner: opposition → partner, due, sent, method, acknowledged, overdue."""
    today = today or business_date()
    q = (
        select(PropagationNotice, Partner.name)
        .join(Partner, Partner.id == PropagationNotice.partner_id)
        .order_by(PropagationNotice.due_on, PropagationNotice.id)
    )
    rows = []
    for n, partner in session.execute(q):
        status = notice_status(n, today)
        late = n.sent_on > n.overdue_on if n.sent_on else status == "overdue"
        rows.append(
            [n.id, format_ref(n.contact_id), EVENT_LABELS.get(n.event, n.event), n.opposition_id,
             SCOPE_LABELS.get(n.scope, n.scope), partner, n.due_on, n.overdue_on, n.sent_on, n.method,
             n.acknowledged_on, "oui" if late else "non", STATUS_LABELS[status]]
        )  # fmt: skip
    columns = [
        Column("N°", "int"), Column("Contact"), Column("Événement"), Column("Opposition n°", "int"),
        Column("Portée"), Column("Partenaire"), Column("Due le", "date"), Column("En retard après le", "date"),
        Column("Envoyée le", "date"), Column("Méthode"), Column("Accusé de réception le", "date"),
        Column("En retard"), Column("Statut"),
    ]  # fmt: skip
    write_table(path, "Notifications", columns, rows, progress, register_stamp(session))
    return len(rows)


REGISTERS: dict[str, RegisterWriter] = {
    "consents": write_consents_register,
    "oppositions": write_oppositions_register,
    "transmissions": write_transmissions_register,
    "propagation": write_propagation_register,
    "calls": write_calls_register,
    "requests": write_requests_register,
    "processing": write_processing_register,
    "audit": write_audit_register,
}
REGISTER_LABELS: dict[str, str] = {
    "consents": "Registre des consentements",
    "oppositions": "Registre des oppositions",
    "transmissions": "Registre des transmissions",
    "propagation": "Registre des notifications aux partenaires",
    "calls": "Registre des appels",
    "requests": "Registre des demandes des personnes",
    "processing": "Registre des activités de traitement (art. 30)",
    "audit": "Journal des opérations",
}
# Registers that also print as PDF (docs/rules.md §7.2: the record of processing in .xlsx and PDF).
PDF_REGISTERS = {"processing"}


def export_register(
    session: Session, name: str, path: Path, progress: Callable[[int], bool] | None = None,
    start: date | None = None, end: date | None = None,
) -> int:  # fmt: skip
    """Write the named register; `start`/`end` bound the journal (the one register kept by date)."""
    writer = REGISTERS.get(name)
    if writer is None:
        raise InputError(f"Registre inconnu « {name} » : {', '.join(REGISTERS)}.")
    allowed = (".xlsx", ".pdf") if name in PDF_REGISTERS else (".xlsx",)
    if path.suffix.lower() not in allowed:
        raise InputError(f"Ce registre s'exporte en {' ou '.join(allowed)}.")
    if name == "audit":
        return write_audit_register(session, path, progress, start, end)
    if start or end:
        raise InputError("--from et --to ne s'appliquent qu'au registre audit (le journal des opérations).")
    return writer(session, path, progress)


# `export register all DIR` (issue 15): what an owner hands over when asked for « the registers ».
ALL_FILES: list[tuple[str, str]] = [
    ("processing", "registre-des-traitements.pdf"), ("processing", "registre-des-traitements.xlsx"),
    ("consents", "consentements.xlsx"), ("oppositions", "oppositions.xlsx"),
    ("transmissions", "transmissions.xlsx"), ("propagation", "notifications-aux-partenaires.xlsx"),
    ("requests", "demandes-des-personnes.xlsx"), ("calls", "appels.xlsx"), ("audit", "journal-des-operations.xlsx"),
]  # fmt: skip


def export_all_registers(
    session: Session,
    folder: Path,
    progress: Callable[[str, int], bool] | None = None,
    today: date | None = None,
) -> tuple[Path, list[tuple[str, Path, int]]]:
    """Every register, into a new folder « registres-AAAA-MM-JJ » inside `folder` (-2, -3… when one
    exists): (that folder, [(register, file, rows)]). On any failure the new folder is removed: nothing
    half-exported is left behind. progress(register's label, rows) may return False to cancel."""
    if not folder.is_dir():
        raise InputError(f"Le dossier {folder} n'existe pas.")
    day = today or business_date()
    target = folder / f"registres-{day:%Y-%m-%d}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"registres-{day:%Y-%m-%d}-{n}"
    try:
        target.mkdir(mode=0o700)
    except OSError as exc:
        raise file_error(exc, target) from exc
    written: list[tuple[str, Path, int]] = []
    try:
        for name, file_name in ALL_FILES:
            label = REGISTER_LABELS[name]
            step = (lambda rows, label=label: progress(label, rows)) if progress else None
            path = target / file_name
            written.append((name, path, export_register(session, name, path, step)))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target, written
