"""A partial erasure (docs/rules.md §5.5, §5.6): the fields named go — a number also from « the number
dialled » of this person's calls, not from anyone else's — the rest stays, and each partner that received
an erased field is told, with the value it holds."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models.database import Database
from models.phone import CallLogEntry
from services.compliance.erasure import erase_contact, erase_fields
from services.compliance.suppression import add_to_suppression_list, suppressed_keys, suppression_keys
from services.core.errors import InputError, NotFoundError
from services.core.moments import business_date
from tests.compliance_helpers import make_partner, transmit
from tests.helpers import make_contact

CALLED = datetime(2026, 10, 5, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))


def test_an_erased_number_leaves_this_persons_calls_only(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s, mobile="06 12 34 56 78", phone="04 72 00 00 01")
        other = make_contact(s, first_name="Paul", email="paul@example.fr", mobile="06 12 34 56 78")
        for who, number in ((c, "+33612345678"), (c, "+33472000001"), (other, "+33612345678")):
            s.add(CallLogEntry(contact_id=who.id, called_at=CALLED, callee_zone="Europe/Paris", phone=number,
                               outcome="no-answer"))  # fmt: skip
        s.flush()
        erase_fields(s, c.id, ["mobile"], date(2026, 11, 2))
        rows = s.execute(select(CallLogEntry.contact_id, CallLogEntry.phone).order_by(CallLogEntry.id)).all()
        assert [tuple(r) for r in rows] == [(c.id, ""), (c.id, "+33472000001"), (other.id, "+33612345678")]
        assert (c.mobile, c.phone, c.email) == ("", "+33472000001", "claire.martin@example.fr")
        assert "martin" in c.search_text and "0612345678" not in c.search_text


def test_the_partner_that_received_an_erased_field_is_told_with_the_value_it_holds(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        fields = '["ref", "last_name", "email"]'
        sent, other = make_partner(s, "Alpha", shared_fields=fields), make_partner(s, "Beta")
        transmit(s, sent, [c.id])
        transmit(s, other, [c.id])  # Beta received no e-mail
        notices = erase_fields(s, c.id, ["email"], date(2026, 11, 2))
        assert [(n.partner_id, n.event, n.due_on) for n in notices] == [
            (sent.id, "rectification", date(2026, 11, 2))
        ]
        assert "claire.martin@example.fr" in notices[0].detail
        assert (
            erase_fields(s, c.id, ["city"])[0].due_on == business_date()
        )  # Beta received the city: told today


def test_an_erased_contact_has_nothing_left_to_erase_in_part(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        erase_contact(s, c.id, date(2026, 11, 2))
        with pytest.raises(NotFoundError, match=c.ref):
            erase_fields(s, c.id, ["email"])
        with pytest.raises(InputError, match="déjà effacé"):
            erase_contact(s, c.id)
        with pytest.raises(NotFoundError, match="C-000999"):
            erase_fields(s, 999, ["email"])


def test_the_suppression_list_is_read_in_chunks_without_losing_any_key(db: Database) -> None:
    """An import batch asks about thousands of keys at once: every listed one is found, past the 500th."""
    keys = [k for i in range(700) for k in suppression_keys(email=f"personne{i}@example.fr")]
    listed = keys[::97] + keys[-3:]
    with db.session() as s:
        add_to_suppression_list(s, listed, "all", date(2026, 1, 1))
        assert suppressed_keys(s, keys + keys[:10]) == set(listed)
        assert suppressed_keys(s, []) == set()
        assert {kind for kind, _ in suppressed_keys(s, keys)} == {"email"}


def test_an_erased_business_number_goes_from_the_calls_and_the_journal_says_so_for_this_person_only(
    db: Database,
) -> None:
    """The business number erased (docs/rules.md §5.5): cleared from this person's calls, and the journal holds
    one update of those calls' « phone » — not of anyone else's — so that audit verify finds the base as
    the journal says (§10.2)."""
    from models.contact import Contact
    from models.journal import JournalEvent
    from models.journal_codec import open_sealed
    from services.compliance.audit import verify

    with db.session() as s:
        c = make_contact(s, mobile="06 12 34 56 78", phone="04 72 00 00 01")
        other = make_contact(s, first_name="Paul", email="paul@example.fr", phone="04 72 00 00 01")
        for who in (c, other):
            s.add(CallLogEntry(contact_id=who.id, called_at=CALLED, callee_zone="Europe/Paris",
                               phone="+33472000001", outcome="no-answer"))  # fmt: skip
        s.flush()
        ids = {c.id, other.id}
    with db.session() as s:
        last = s.scalar(select(JournalEvent.seq).order_by(JournalEvent.seq.desc()).limit(1)) or 0
        erase_fields(s, c.id, ["phone"], date(2026, 11, 2))
    with db.session() as s:
        rows = s.execute(select(CallLogEntry.contact_id, CallLogEntry.phone).order_by(CallLogEntry.id)).all()
        assert [tuple(r) for r in rows] == [(c.id, ""), (other.id, "+33472000001")]
        calls = s.scalars(
            select(JournalEvent).where(JournalEvent.seq > last, JournalEvent.table_name == "call_log")
        ).all()
        assert [(e.action, e.contact_id) for e in calls] == [("update", c.id)]
        key = s.get(Contact, c.id).journal_key
        assert open_sealed(key, calls[0].after) == {"phone": ""}  # the field written, and its new value
        assert ids  # both people still there
        report = verify(s)
        assert report.ok, report.to_dict()
