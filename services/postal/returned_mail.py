"""Envelopes returned « n'habite pas à l'adresse indiquée » (NPAI): the address is unusable until corrected."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models.contact import Contact
from models.postal import NpaiReturn
from services.contacts.lookup import get_by_ref
from services.core.errors import InputError
from services.core.moments import business_date
from services.postal.address_block import address_block


def record_npai(
    session: Session, ref: str, returned_on: date, *, campaign_id: int | None = None, recorded_by: str = ""
) -> Contact:
    """docs/rules.md §1.1 post: a returned envelope excludes the address from mailings until it is corrected."""
    contact = get_by_ref(session, ref)
    if contact.erased_at is not None:
        raise InputError(f"Le contact {contact.ref} a été effacé.")
    if returned_on > business_date():
        raise InputError("La date de retour ne peut pas être dans le futur.")
    session.add(
        NpaiReturn(
            contact_id=contact.id,
            campaign_id=campaign_id,
            returned_on=returned_on,
            address="\n".join(address_block(contact).lines),
            recorded_by=recorded_by,
        )
    )
    contact.npai_on = returned_on
    session.flush()
    return contact
