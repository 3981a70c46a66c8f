"""Erasure of a contact (docs/rules.md §5, §6): the personal fields go, the objection and the notices stay."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from models.base import utcnow
from models.compliance import Opposition
from models.contact import Contact, format_ref
from models.partners import PropagationNotice
from models.phone import Callback, CallLogEntry, Contract
from services.compliance.consents import form_refusals
from services.compliance.oppositions import contact_suppression_keys
from services.compliance.suppression import add_to_suppression_list
from services.core.errors import InputError, NotFoundError
from services.partners.notices import create_notices

# Blanked on erasure: everything that identifies or describes the person.
PERSONAL_FIELDS = (
    "civility", "first_name", "last_name", "company", "address_complement", "address_building",
    "address_street", "address_extra", "postcode", "city", "cedex", "phone", "mobile", "email",
    "notes", "search_text",
)  # fmt: skip


def erase_contact(session: Session, contact_id: int, on: date | None = None) -> list[PropagationNotice]:
    """docs/rules.md §5.5: anonymise the contact, keep its suppression entries when it objected, and create an
    "erasure" notice for every partner that received it. Returns the notices."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
    if contact.erased_at is not None:
        raise InputError(f"Le contact {contact.ref} est déjà effacé.")
    on = on or date.today()
    active = list(
        session.scalars(
            select(Opposition).where(
                Opposition.contact_id == contact_id, Opposition.lifted_by_consent_id.is_(None)
            )
        )
    )
    keys = contact_suppression_keys(contact)
    objections = [(o.scope, o.received_on) for o in active] + form_refusals(session, contact_id)
    for scope, since in objections:
        # docs/rules.md §5.2, §4.5: the minimum needed to keep honouring an objection survives the
        # erasure — one made by letter or by a refusal ticked on a form alike.
        add_to_suppression_list(session, keys, scope, since)
    # The notices quote the identifiers before they are blanked.
    notices = create_notices(session, contact, "erasure", on)
    for name in PERSONAL_FIELDS:
        setattr(contact, name, "")
    contact.tags = []
    contact.customer_until = None
    contact.erased_at = utcnow()
    erase_phone_traces(session, contact_id)
    session.flush()
    return notices


def erase_phone_traces(session: Session, contact_id: int) -> None:
    """docs/rules.md §5.5 (art. 17): the calls register keeps when, by whom and with what outcome the person was
    called (the 4-call cap and the proof of the basis), not the number dialled nor the notes about
    them; a contract keeps its subject and dates, not its note; callbacks still to make are dropped."""
    session.execute(
        update(CallLogEntry).where(CallLogEntry.contact_id == contact_id).values(phone="", note="")
    )
    session.execute(update(Contract).where(Contract.contact_id == contact_id).values(note=""))
    session.execute(
        delete(Callback).where(Callback.contact_id == contact_id, Callback.done_by_call_id.is_(None))
    )
