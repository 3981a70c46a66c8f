"""Erasure of a contact (RULES.md §5, §6): the personal fields go, the objection and the notices stay."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.compliance import Opposition
from models.contact import Contact, format_ref
from models.partners import PropagationNotice
from services.errors import InputError, NotFoundError
from services.oppositions import contact_suppression_keys
from services.propagation import create_notices
from services.suppression import add_to_suppression_list

# Blanked on erasure: everything that identifies or describes the person.
PERSONAL_FIELDS = (
    "civility", "first_name", "last_name", "company", "address_complement", "address_building",
    "address_street", "address_extra", "postcode", "city", "cedex", "phone", "mobile", "email",
    "notes", "search_text",
)  # fmt: skip


def erase_contact(session: Session, contact_id: int, on: date | None = None) -> list[PropagationNotice]:
    """RULES.md §5: anonymise the contact, keep its suppression entries when it objected, and create an
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
    for opposition in active:
        # RULES.md §5: the minimum needed to keep honouring the objection survives the erasure.
        add_to_suppression_list(session, keys, opposition.scope, opposition.received_on)
    # The notices quote the identifiers before they are blanked.
    notices = create_notices(session, contact, "erasure", on)
    for name in PERSONAL_FIELDS:
        setattr(contact, name, "")
    contact.tags = []
    contact.customer_until = None
    contact.erased_at = utcnow()
    session.flush()
    return notices
