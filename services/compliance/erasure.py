"""Erasure of a contact (docs/rules.md §5, §6): the personal fields go, the objection and the notices stay."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from models.base import utcnow
from models.compliance import Opposition
from models.contact import Contact, format_ref
from models.journal import record_select
from models.partners import PropagationNotice
from models.phone import Callback, CallLogEntry, Contract
from services.compliance.consents import form_refusals
from services.compliance.oppositions import contact_suppression_keys
from services.compliance.suppression import add_to_suppression_list
from services.contacts.search import search_text_for
from services.core.errors import InputError, NotFoundError
from services.core.locks import hold
from services.core.moments import business_date
from services.partners.notices import create_notices, identifier_snapshot, rectification_notices

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
    hold(session, "objections")  # a transmission or a campaign recording now leaves the person out
    on = on or business_date()
    active = list(
        session.scalars(select(Opposition).where(Opposition.contact_id == contact_id, Opposition.in_force))
    )
    keys = contact_suppression_keys(contact)
    objections = [(o.scope, o.received_on) for o in active] + form_refusals(session, contact_id)
    for scope, since in objections:
        # docs/rules.md §5.2, §4.5: the minimum needed to keep honouring an objection survives the
        # erasure — one made by letter or by a refusal ticked on a form alike.
        add_to_suppression_list(session, keys, scope, since)
    # The notices quote the identifiers before they are blanked.
    notices = create_notices(session, contact, "erasure", on)
    contact.tags = []  # (loading them flushes: before the key goes, so that the erasure is one event)
    contact.erased_at = utcnow()
    # docs/rules.md §10.2: the journal keeps its events; without the key their personal values are unreadable.
    contact.journal_key = None
    for name in PERSONAL_FIELDS:
        setattr(contact, name, "")
    contact.customer_until = None
    erase_phone_traces(session, contact_id)
    session.flush()
    return notices


# What a partial erasure may remove (art. 17 for part of the data): the fields a person typed about.
ERASABLE_FIELDS = tuple(f for f in PERSONAL_FIELDS if f not in ("search_text", "last_name", "company"))


def erase_fields(
    session: Session, contact_id: int, fields: list[str], on: date | None = None
) -> list[PropagationNotice]:
    """docs/rules.md §5.5, §5.6: part of the data erased (a phone, an e-mail, an address line), the rest
    kept; every partner that received an erased field is told, with the value it holds."""
    contact = session.get(Contact, contact_id)
    if contact is None or contact.erased_at is not None:
        raise NotFoundError(f"Aucun contact actif avec la référence {format_ref(contact_id)}.")
    before = identifier_snapshot(contact)
    numbers = [getattr(contact, n) for n in ("phone", "mobile") if n in fields and getattr(contact, n)]
    for name in fields:
        setattr(contact, name, "")
    values = {k: getattr(contact, k) for k in ("first_name", "last_name", "company", "city", "postcode",
                                                "email", "phone", "mobile")}  # fmt: skip
    contact.search_text = search_text_for(values)
    if numbers:  # an erased number is not kept as « the number dialled » either
        dialled = (CallLogEntry.contact_id == contact_id) & CallLogEntry.phone.in_(numbers)
        session.execute(update(CallLogEntry).where(dialled).values(phone=""))
        record_select(session, CallLogEntry, CallLogEntry.contact_id == contact_id, "update", ["phone"])
    session.flush()
    return rectification_notices(session, contact, before, on or business_date())


def erase_phone_traces(session: Session, contact_id: int) -> None:
    """docs/rules.md §5.5 (art. 17): the calls register keeps when, by whom and with what outcome the person was
    called (the 4-call cap and the proof of the basis), not the number dialled nor the notes about
    them; a contract keeps its subject and dates, not its note; callbacks still to make are dropped."""
    session.execute(
        update(CallLogEntry).where(CallLogEntry.contact_id == contact_id).values(phone="", note="")
    )
    session.execute(update(Contract).where(Contract.contact_id == contact_id).values(note=""))
    record_select(session, CallLogEntry, CallLogEntry.contact_id == contact_id, "update", ["phone", "note"])
    record_select(session, Contract, Contract.contact_id == contact_id, "update", ["note"])
    session.execute(
        delete(Callback).where(Callback.contact_id == contact_id, Callback.done_by_call_id.is_(None))
    )
