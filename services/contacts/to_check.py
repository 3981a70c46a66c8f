"""« À vérifier »: a contact the file left a doubt on (an address, a guessed country, a name split).

The flag and its reasons are set by an import's cleaning (services.importing), shown in the contact
list and the record, cleared when a person edits and saves the contact (services.contacts.editing),
and searchable (`contacts list --to-check`). The home page and the secretary's checks read it here.
Reasons are French sentences, stored one per line.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from models.contact import Contact

LABEL = "À vérifier"
MAX_REASONS = 12


def stored_reasons(reasons: Iterable[str]) -> str:
    """The reasons as stored: one per line, each once, in the order they were found."""
    out: list[str] = []
    for r in reasons:
        r = " ".join(r.split())
        if r and r not in out:
            out.append(r)
    return "\n".join(out[:MAX_REASONS])


def reasons_of(stored: str) -> list[str]:
    return [r for r in (stored or "").split("\n") if r]


def contact_reasons(contact: Contact) -> list[str]:
    """Why the contact is to be checked ([] when it is not)."""
    return reasons_of(contact.to_check_reasons) if contact.to_check else []


def mark_to_check(contact: Contact, reasons: Iterable[str]) -> None:
    """Flag a contact, adding these reasons to those already there."""
    new = [*reasons]
    if not new:
        return
    contact.to_check_reasons = stored_reasons([*contact_reasons(contact), *new])
    contact.to_check = True


def clear_to_check(contact: Contact) -> None:
    """A person looked at the contact and saved it: the doubt is settled."""
    if contact.to_check or contact.to_check_reasons:
        contact.to_check = False
        contact.to_check_reasons = ""


def to_check_condition() -> ColumnElement[bool]:
    """The live contacts flagged « à vérifier » (for a query's WHERE)."""
    return and_(Contact.to_check.is_(True), Contact.erased_at.is_(None))


def count_to_check(session: Session) -> int:
    return session.scalar(select(func.count(Contact.id)).where(to_check_condition())) or 0


def to_check_ids(session: Session) -> list[int]:
    """The flagged contacts, by name (what a to-do list shows)."""
    return list(
        session.scalars(
            select(Contact.id).where(to_check_condition()).order_by(Contact.last_name, Contact.id)
        )
    )
