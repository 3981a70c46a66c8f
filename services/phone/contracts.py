"""Contracts recorded on a contact: they open the running-contract exception (docs/rules.md §1.2)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.contact import Contact, format_ref
from models.phone import Contract
from services.core.errors import InputError, NotFoundError
from services.core.text import clean_spaces
from services.phone.eligibility import subject_key


def contract_running(contract: Contract, today: date) -> bool:
    """docs/rules.md §1.2: a contract runs from its start to its end (included); no end: still running."""
    return contract.start_on <= today and (contract.end_on is None or contract.end_on >= today)


def add_contract(
    session: Session,
    contact_id: int,
    subject: str,
    start_on: date,
    end_on: date | None = None,
    note: str = "",
    recorded_by: str = "",
) -> Contract:
    """Record a contract with the person (what it is about, from when, until when)."""
    subject = clean_spaces(subject)
    if not subject:
        raise InputError("L'objet du contrat est obligatoire (ex. « entretien chaudière »).")
    if len(subject) > 150:
        raise InputError("L'objet du contrat dépasse 150 caractères.")
    if end_on is not None and end_on < start_on:
        raise InputError(
            f"Le contrat finit ({end_on:%d/%m/%Y}) avant d'avoir commencé ({start_on:%d/%m/%Y})."
        )
    contact = session.get(Contact, contact_id)
    if contact is None or contact.erased_at is not None:
        raise NotFoundError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
    contract = Contract(
        contact_id=contact_id,
        subject=subject,
        subject_key=subject_key(subject),
        start_on=start_on,
        end_on=end_on,
        note=note.strip(),
        recorded_by=recorded_by.strip()[:80],
    )
    session.add(contract)
    session.flush()
    return contract


def contracts_of(session: Session, contact_id: int) -> list[Contract]:
    return list(
        session.scalars(select(Contract).where(Contract.contact_id == contact_id).order_by(Contract.start_on))
    )


def contract_subjects(session: Session) -> list[str]:
    """The subjects contracts were recorded with: what a phone campaign can be declared about."""
    return sorted(set(session.scalars(select(Contract.subject))), key=str.casefold)


def contract_to_dict(c: Contract) -> dict[str, object]:
    return {
        "id": c.id,
        "contact": format_ref(c.contact_id),
        "subject": c.subject,
        "start": c.start_on.isoformat(),
        "end": c.end_on.isoformat() if c.end_on else None,
        "note": c.note,
    }
