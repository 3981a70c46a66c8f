"""Finding a contact by its id or its reference (C-000123)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.contact import Contact, format_ref, parse_ref
from services.core.errors import NotFoundError


class ContactNotFound(NotFoundError):
    def __init__(self, ref: str) -> None:
        super().__init__(f"Aucun contact avec la référence {ref}.")


def get_contact(session: Session, contact_id: int) -> Contact:
    """The contact behind a table row (the window opens it by id)."""
    contact = session.get(Contact, contact_id)
    if contact is None or contact.erased_at is not None:
        raise ContactNotFound(format_ref(contact_id))
    return contact


def get_by_ref(session: Session, ref: str) -> Contact:
    contact_id = parse_ref(ref)
    contact = session.get(Contact, contact_id) if contact_id is not None else None
    if contact is None:
        raise ContactNotFound(ref)
    return contact
