"""What the contact card says a person chose (docs/rules.md §4.5, §5.1, §1.4): the latest answer on each box
— latest by the moment it was given, not by the order it was typed in — and this person's own objections."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Opposition
from models.contact import Contact
from models.database import Database
from services.compliance.consents import current_choices, form_refusals
from tests.helpers import make_contact

PARIS = ZoneInfo("Europe/Paris")
MARCH = datetime(2026, 3, 1, 12, 0, tzinfo=PARIS)


def answer(session: Session, contact: Contact, on: datetime, **boxes: object) -> None:
    session.add(ConsentRecord(contact_id=contact.id, recorded_on=on, channel="paper", recorded_by="Julie",
                              proof="formulaire.pdf", **boxes))  # fmt: skip
    session.flush()


def test_the_card_shows_the_latest_answer_of_each_box_and_only_this_persons_objections(db: Database) -> None:
    with db.session() as s:
        claire, paul = make_contact(s), make_contact(s, first_name="Paul", email="paul@example.fr")
        answer(s, claire, datetime(2026, 1, 10, 10, 0, tzinfo=PARIS), refuse_post=True, refuse_phone=False,
               accept_phone=True, accepted_partner_categories='["Assureurs"]')  # fmt: skip
        answer(s, claire, datetime(2026, 2, 1, 10, 0, tzinfo=PARIS), refuse_post=False)
        # Typed in later, but given earlier than the January form: it does not win.
        answer(s, claire, datetime(2026, 1, 5, 10, 0, tzinfo=PARIS), refuse_phone=True, accept_phone=False)
        s.add_all([
            Opposition(contact_id=claire.id, scope="partners", received_on=date(2026, 2, 2), channel="letter"),
            Opposition(contact_id=paul.id, scope="post", received_on=date(2026, 2, 2), channel="letter"),
        ])  # fmt: skip
        s.flush()
        card = current_choices(s, claire.id, MARCH)
        assert card.answers == {"refuse_post": False, "refuse_phone": False, "refuse_partners": None,
                                "accept_phone": True}  # fmt: skip
        assert card.phone_consent_on == datetime(2026, 1, 10, 10, 0, tzinfo=PARIS)
        assert card.partner_categories == ["Assureurs"]
        assert card.oppositions == ["partners"]
        assert card.summary() == "opposé(e) : transmission aux partenaires; accord d'appel du 10/01/2026"
        assert form_refusals(s, claire.id) == []
        paul_card = current_choices(s, paul.id, MARCH)
        assert (paul_card.oppositions, paul_card.partner_categories, paul_card.phone_consent_on) == (
            ["post"],
            [],
            None,
        )


def test_a_lifted_objection_and_a_withdrawn_consent_are_not_shown(db: Database) -> None:
    """A phone objection lifted by a later ticked box is gone from the card; an unticked box ends the consent."""
    with db.session() as s:
        c = make_contact(s)
        answer(s, c, datetime(2026, 1, 10, 10, 0, tzinfo=PARIS), accept_phone=True)
        s.add(Opposition(contact_id=c.id, scope="phone", received_on=date(2026, 1, 2), channel="phone",
                         lifted_by_consent_id=1))  # fmt: skip
        s.flush()
        assert current_choices(s, c.id, MARCH).oppositions == []
        answer(s, c, datetime(2026, 2, 10, 10, 0, tzinfo=PARIS), accept_phone=False)
        card = current_choices(s, c.id, MARCH)
        assert (card.answers["accept_phone"], card.phone_consent_on) == (False, None)


def test_the_summary_names_every_refusal_and_says_when_there_is_none(db: Database) -> None:
    with db.session() as s:
        c, nobody = make_contact(s), make_contact(s, first_name="Paul", email="paul@example.fr")
        answer(s, c, datetime(2026, 1, 10, 10, 0, tzinfo=PARIS), refuse_post=True, refuse_phone=True,
               refuse_partners=True)  # fmt: skip
        s.add(Opposition(contact_id=c.id, scope="all", received_on=date(2026, 2, 2), channel="letter"))
        s.add(Opposition(contact_id=c.id, scope="post", received_on=date(2026, 2, 3), channel="letter"))
        s.flush()
        assert current_choices(s, c.id, MARCH).summary() == (
            "opposé(e) : toute prospection, courrier; refus courrier; refus téléphone; refus partenaires"
        )
        assert current_choices(s, nobody.id, MARCH).summary() == "aucune restriction enregistrée"
        assert form_refusals(s, c.id) == [("post", date(2026, 1, 10)), ("phone", date(2026, 1, 10)),
                                          ("partners", date(2026, 1, 10))]  # fmt: skip


def test_a_refusal_ticked_just_after_midnight_counts_on_the_businesss_day(db: Database) -> None:
    """00:30 in Paris is still the day before in UTC: the refusal is dated on the business's calendar."""
    with db.session() as s:
        c = make_contact(s)
        answer(s, c, datetime(2026, 1, 11, 0, 30, tzinfo=PARIS), refuse_phone=True)
        answer(s, c, datetime(2026, 1, 12, 9, 0, tzinfo=PARIS), refuse_post=True)
        answer(s, c, datetime(2026, 1, 13, 9, 0, tzinfo=PARIS), refuse_post=False)
        assert form_refusals(s, c.id) == [("phone", date(2026, 1, 11))]


def test_two_answers_given_at_the_same_moment_the_one_recorded_last_wins(db: Database) -> None:
    """Two forms stamped with the same moment (a correction typed at once): the later record decides, as for
    the calls (services.phone.eligibility.latest_phone_answers orders by moment, then by record)."""
    with db.session() as s:
        c = make_contact(s)
        same = datetime(2026, 2, 1, 10, 0, tzinfo=PARIS)
        answer(s, c, same, refuse_post=True, accept_phone=True)
        answer(s, c, same, refuse_post=False, accept_phone=False)
        card = current_choices(s, c.id, MARCH)
        assert (card.answers["refuse_post"], card.answers["accept_phone"], card.phone_consent_on) == (
            False,
            False,
            None,
        )


def test_the_refusals_kept_at_erasure_follow_the_record_typed_last_at_one_moment(db: Database) -> None:
    """form_refusals (docs/rules.md §4.5, §5.2): between two answers of the same moment, the later record."""
    with db.session() as s:
        c = make_contact(s)
        same = datetime(2026, 2, 1, 10, 0, tzinfo=PARIS)
        answer(s, c, same, refuse_post=False, refuse_phone=True)
        answer(s, c, same, refuse_post=True, refuse_phone=False)
        assert form_refusals(s, c.id) == [("post", date(2026, 2, 1))]


def test_a_phone_refusal_at_the_moment_of_the_consent_withdraws_it(db: Database) -> None:
    """docs/rules.md §4.5: a refusal ticked at the very moment of the consent (the same form, or a second
    one dated alike) withdraws it: the card never shows a valid consent the calls would refuse."""
    with db.session() as s:
        both, two = make_contact(s), make_contact(s, email="paul@example.fr")
        same = datetime(2026, 2, 1, 10, 0, tzinfo=PARIS)
        answer(s, both, same, accept_phone=True, refuse_phone=True)
        answer(s, two, same, accept_phone=True)
        answer(s, two, same, refuse_phone=True)
        for c in (both, two):
            card = current_choices(s, c.id, MARCH)
            assert (card.answers["accept_phone"], card.answers["refuse_phone"], card.phone_consent_on) == (
                True,
                True,
                None,
            )
