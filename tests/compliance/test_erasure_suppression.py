"""Erasure keeps honouring the objection (docs/rules.md §5.2, §5.5): the identifiers the contact holds at the
moment of erasure go on the suppression list — not only those it had when the person objected."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from models.compliance import ConsentRecord, SuppressionEntry
from models.database import Database
from services.compliance.choices import objected_since, objection_marks
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


def test_erasure_keeps_the_hashes_of_this_person_s_objections_in_force_only(db: Database) -> None:
    """Someone else objected; this person's own phone objection was lifted by their later consent: erased,
    nothing of theirs goes on the suppression list (they may come back, docs/rules.md §5.2, §5.5)."""
    from models.compliance import Opposition

    with db.session() as s:
        other = make_contact(s, first_name="Paul", email="paul@example.fr", mobile="06 22 22 22 22")
        record_opposition(s, other.id, "all", "letter", date(2026, 6, 1))
        c = make_contact(s, mobile="06 12 34 56 78", email="claire.martin@example.fr")
        lifted = record_opposition(s, c.id, "phone", "letter", date(2026, 6, 1)).opposition
        s.add(ConsentRecord(contact_id=c.id, recorded_on=datetime(2026, 7, 1, 10, tzinfo=ZoneInfo("Europe/Paris")),
                            channel="paper", accept_phone=True, recorded_by="Julie"))  # fmt: skip
        s.flush()
        lifted.lifted_by_consent_id = s.scalar(
            select(ConsentRecord.id).where(ConsentRecord.contact_id == c.id)
        )
        s.execute(SuppressionEntry.__table__.delete().where(SuppressionEntry.opposition_id == lifted.id))
        s.flush()
        mine = keys_of("claire.martin@example.fr", "06 12 34 56 78")
        assert suppressed_keys(s, mine) == set()
        erase_contact(s, c.id, date(2026, 11, 2))
        assert suppressed_keys(s, mine) == set()
        assert (
            s.scalar(select(func.count()).select_from(Opposition).where(Opposition.contact_id == c.id)) == 1
        )


def test_erasure_journals_the_calls_and_contracts_it_blanks_for_this_person_only(db: Database) -> None:
    """The calls keep when and how (the cap, the proof), not the number nor the notes; the contracts their
    subject, not their note — and the journal says so for this person's rows alone (docs/rules.md §10.2)."""
    from models.contact import Contact
    from models.journal import JournalEvent
    from models.journal_codec import open_sealed
    from models.phone import CallLogEntry, Contract
    from services.compliance.audit import verify

    at = datetime(2026, 10, 5, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))
    with db.session() as s:
        c = make_contact(s, mobile="06 12 34 56 78")
        other = make_contact(s, first_name="Paul", email="paul@example.fr", mobile="06 22 22 22 22")
        for who in (c, other):
            s.add(CallLogEntry(contact_id=who.id, called_at=at, callee_zone="Europe/Paris", phone="+33600000000",
                               outcome="no-answer", note="rappeler"))  # fmt: skip
            s.add(Contract(contact_id=who.id, subject="Entretien", subject_key="entretien", start_on=date(2026, 1, 1),
                           note="client fidèle"))  # fmt: skip
        s.flush()
    with db.session() as s:
        last = s.scalar(select(func.max(JournalEvent.seq))) or 0
        erase_contact(s, c.id, date(2026, 11, 2))
    with db.session() as s:
        events = s.scalars(select(JournalEvent).where(JournalEvent.seq > last,
                                                      JournalEvent.table_name.in_(("call_log", "contracts"))))  # fmt: skip
        got = {(e.table_name, e.action, e.contact_id): open_sealed(None, e.after) for e in events}
        # The person's key went with the erasure: the events name the rows and the fields written, nothing
        # readable about them (the values written are blanks anyway).
        assert got == {("call_log", "update", c.id): {}, ("contracts", "update", c.id): {}}
        assert [
            tuple(r)
            for r in s.execute(select(CallLogEntry.phone, CallLogEntry.note).order_by(CallLogEntry.id))
        ] == [("", ""), ("+33600000000", "rappeler")]
        assert s.get(Contact, other.id).erased_at is None
        report = verify(s)
        assert report.ok, report.to_dict()


def test_a_person_erased_while_a_long_file_is_made_is_caught_wherever_they_fall(db: Database) -> None:
    """docs/rules.md §5.1, §5.5: a file of thousands of people (read by 5,000 at a time) is checked at the
    end for anyone erased meanwhile — the 5,001st and the 10,001st are caught like the first."""
    with db.session() as s:
        marks = objection_marks(s)
        c = make_contact(s)
        erase_contact(s, c.id, date(2026, 6, 1))
        s.flush()
        others = list(range(-10_000, 0))  # ids below c's: c is the last of the sorted file
        assert objected_since(s, marks, "partners", [*others[-5000:], c.id]) == {c.id}  # the 5,001st
        assert objected_since(s, marks, "partners", [*others, c.id]) == {c.id}  # the 10,001st
        assert objected_since(s, marks, "post", others[:3]) == set()
