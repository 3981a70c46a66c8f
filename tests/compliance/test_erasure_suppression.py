"""Erasure keeps honouring the objection (docs/rules.md §5.2, §5.5): the identifiers the contact holds at the
moment of erasure go on the suppression list — not only those it had when the person objected."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from models.compliance import ConsentRecord, SuppressionEntry
from models.database import Database
from services.compliance.erasure import erase_contact
from services.compliance.oppositions import record_opposition
from services.compliance.suppression import suppressed_keys, suppression_keys
from services.contacts.editing import update_contact
from services.contacts.validation import ContactInput
from tests.helpers import make_contact


def keys_of(email: str = "", phone: str = "") -> list[tuple[str, str]]:
    return suppression_keys(email=email, phones=[phone] if phone else [], postcode="69002")


def test_a_number_and_an_email_changed_after_the_objection_are_kept_at_erasure(db: Database) -> None:
    """Claire objected by letter with her old mobile and e-mail, then gave new ones; she is erased: an import
    of her new mobile or e-mail must still be recognised, with the scope of her objection."""
    with db.session() as s:
        c = make_contact(s, mobile="06 12 34 56 78", email="claire.martin@example.fr")
        record_opposition(s, c.id, "all", "letter", date(2026, 6, 1))
        data = ContactInput.from_contact(c)
        data.mobile, data.email = "06 98 76 54 32", "claire@nouveau.example"
        update_contact(s, c.id, c.version, data)
        new_keys = keys_of("claire@nouveau.example", "0698765432")
        assert suppressed_keys(s, new_keys) == set()  # not yet: the objection saw the old ones
        erase_contact(s, c.id, date(2026, 11, 2))
        assert suppressed_keys(s, new_keys) == set(new_keys)
        assert suppressed_keys(s, keys_of("claire.martin@example.fr", "0612345678")) == set(
            keys_of("claire.martin@example.fr", "0612345678")
        )
        scopes = set(
            s.scalars(
                select(SuppressionEntry.scope).where(SuppressionEntry.hash.in_([h for _, h in new_keys]))
            )
        )
        assert scopes == {"all"}
        assert c.mobile == "" and c.email == ""


def test_a_refusal_ticked_before_a_new_number_is_kept_with_its_scope(db: Database) -> None:
    """Refusing calls on a form (docs/rules.md §4.5) is an objection to the phone: the number held at
    erasure goes on the list for the phone only."""
    with db.session() as s:
        c = make_contact(s, mobile="06 12 34 56 78")
        s.add(ConsentRecord(contact_id=c.id, refuse_phone=True, channel="paper", recorded_by="Julie",
                            recorded_on=datetime(2026, 6, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))))  # fmt: skip
        c.mobile = "+33698765432"
        s.flush()
        erase_contact(s, c.id, date(2026, 11, 2))
        new = keys_of(phone="0698765432")
        assert suppressed_keys(s, new) == set(new)
        assert set(s.scalars(select(SuppressionEntry.scope))) == {"phone"}


def test_an_erasure_without_objection_keeps_nothing(db: Database) -> None:
    """Erased on request without ever objecting: nothing about the person is kept, not even a hash."""
    with db.session() as s:
        c = make_contact(s)
        erase_contact(s, c.id, date(2026, 11, 2))
        assert s.scalar(select(func.count(SuppressionEntry.id))) == 0
