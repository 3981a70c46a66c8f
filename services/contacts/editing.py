"""Creating, editing and deleting a contact: optimistic locking, rectification notices to partners."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from models.compliance import ConsentRecord, Opposition
from models.contact import Contact, ContactSource, ContactTag, format_ref
from services.contacts.fields import FIELD_LABELS
from services.contacts.lookup import ContactNotFound
from services.contacts.search import search_text_for
from services.contacts.to_check import clear_to_check
from services.contacts.validation import ContactInput, check_contact
from services.core.errors import InputError
from services.partners.notices import identifier_snapshot, rectification_notices

# The fields of the printed address: a change to any of them makes it a new address.
ADDRESS_FIELDS = (
    "company", "address_complement", "address_building", "address_street", "address_extra",
    "postcode", "city", "cedex", "country",
)  # fmt: skip


class ConcurrentEditError(InputError):
    """Someone else saved this contact since it was opened: nothing was overwritten."""

    def __init__(self, ref: str, changes: dict[str, tuple[Any, Any]]) -> None:
        lines = [
            f"- {FIELD_LABELS.get(k, k)} : « {mine} » → « {theirs} »" for k, (mine, theirs) in changes.items()
        ]
        detail = "\n".join(lines) if lines else "(aucun champ visible modifié)"
        super().__init__(
            f"Le contact {ref} a été modifié ailleurs depuis son ouverture. "
            f"Vos modifications n'ont pas été enregistrées. Changements de l'autre poste :\n{detail}"
        )
        self.changes = changes


class HasComplianceHistory(InputError):
    """The contact's consents, objections, transmissions or calls are proof to keep: erase, don't delete."""


def _apply(contact: Contact, values: dict[str, Any]) -> None:
    wanted = set(values.get("tags", []))
    # Tags first: loading them must not flush a half-applied edit (one UPDATE, one version step).
    contact.tags = [t for t in contact.tags if t.name in wanted] + [
        ContactTag(name=n) for n in sorted(wanted - {t.name for t in contact.tags})
    ]
    for key, value in values.items():
        if key != "tags":
            setattr(contact, key, value)
    contact.search_text = search_text_for(values)


def create_contact(session: Session, data: ContactInput) -> tuple[Contact, list[str]]:
    """Create a contact with its mandatory source; returns it with the warnings to show."""
    checked = check_contact(data)
    contact = Contact()
    _apply(contact, checked.values)
    contact.sources = [
        ContactSource(
            kind=contact.source_kind,
            name=contact.source_name,
            obtained_on=contact.source_date,
            note="saisie",
        )
    ]
    session.add(contact)
    session.flush()  # gives the id, hence the reference
    return contact, checked.warnings


def update_contact(
    session: Session, contact_id: int, expected_version: int, data: ContactInput
) -> tuple[Contact, list[str]]:
    """Save an edit made on the version the user opened; refuse it if someone saved in between."""
    contact = session.get(Contact, contact_id, populate_existing=True)
    if contact is None:
        raise ContactNotFound(format_ref(contact_id))
    if contact.version != expected_version:
        raise ConcurrentEditError(contact.ref, _differences(data, contact))
    checked = check_contact(data)
    before = identifier_snapshot(contact)
    clear_npai_if_address_changed(contact, checked.values)
    _apply(contact, checked.values)
    clear_to_check(contact)  # a person looked at the contact and saved it: the doubt is settled
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        fresh = session.get(Contact, contact_id, populate_existing=True)
        raise ConcurrentEditError(
            format_ref(contact_id), _differences(data, fresh) if fresh else {}
        ) from None
    # docs/rules.md §5.6 (art. 19): partners who received a changed field are told.
    rectification_notices(session, contact, before)
    return contact, checked.warnings


def clear_npai_if_address_changed(contact: Contact, values: dict[str, Any]) -> None:
    """docs/rules.md §5.6 post: a corrected address is usable again after an envelope came back NPAI."""
    if contact.npai_on is None:
        return
    if any((values.get(k) or "") != (getattr(contact, k) or "") for k in ADDRESS_FIELDS if k in values):
        contact.npai_on = None


def _differences(mine: ContactInput, theirs: Contact) -> dict[str, tuple[Any, Any]]:
    current = ContactInput.from_contact(theirs)
    out = {}
    for f in fields(ContactInput):
        a, b = getattr(mine, f.name), getattr(current, f.name)
        if (a or "") != (b or "") and not (f.name == "tags" and sorted(a) == sorted(b)):
            out[f.name] = (a, b)
    return out


def delete_contact(session: Session, contact_id: int, expected_version: int | None = None) -> str:
    """Delete a contact typed by mistake (the window asks for confirmation first). Returns its reference.

    A contact with a compliance history (consents, objections, transmissions, calls, requests) is not
    deleted: that history is the proof the business must keep (docs/rules.md §5, §9) — erase it instead.
    """
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise ContactNotFound(format_ref(contact_id))
    if expected_version is not None and contact.version != expected_version:
        raise ConcurrentEditError(contact.ref, {})
    ref = contact.ref
    keeps_proof = HasComplianceHistory(
        f"Le contact {ref} a un historique de conformité (consentement, opposition, transmission, appel "
        "ou demande) qui doit être conservé : effacez-le (anonymisation) plutôt que de le supprimer."
    )
    for table in (ConsentRecord, Opposition):
        if session.scalar(select(func.count()).select_from(table).where(table.contact_id == contact_id)):
            raise keeps_proof
    try:
        with session.begin_nested():
            session.delete(contact)
            session.flush()
    except IntegrityError:
        raise keeps_proof from None
    return ref
