"""Small builders shared by the tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from models.contact import Contact
from services.contacts.editing import create_contact
from services.contacts.validation import ContactInput


def make_contact(session: Session, **overrides: Any) -> Contact:
    """A valid contact collected at the shop counter; override any field."""
    values: dict[str, Any] = {
        "civility": "Mme", "first_name": "Claire", "last_name": "Martin",
        "address_street": "12 rue de la République", "postcode": "69002", "city": "Lyon",
        "mobile": "06 12 34 56 78", "email": "claire.martin@example.fr",
        "source_kind": "direct", "source_name": "Comptoir du magasin", "source_date": date(2026, 3, 1),
    }  # fmt: skip
    values.update(overrides)
    contact, _ = create_contact(session, ContactInput(**values))
    return contact
