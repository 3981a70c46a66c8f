"""Numbers passed to partners who call (docs/rules.md §1.6, §1.4, §5.3), at the service level: whose number
goes and with what proof, when the consent ends and how, and the « ne plus appeler » notice owed once to
each partner that holds the number — due the day it ended."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Form, FormVersion, Opposition
from models.contact import Contact
from models.database import Database
from models.partners import Partner, PropagationNotice, Transmission, TransmissionLine
from services.partners.phone_consents import PhoneShare, notices_for_ended_phone_consents, partner_call_status
from tests.compliance_helpers import make_partner
from tests.phone_helpers import consumer, professional

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def partner_form(session: Session) -> FormVersion:
    form = Form(name="Comptoir", channel="paper")
    session.add(form)
    session.flush()
    version = FormVersion(form_id=form.id, number=2, boxes=json.dumps(
        [{"key": "accept_phone_partner:Assureurs", "label": "x"}, {"key": "refuse_phone", "label": "y"}]))  # fmt: skip
    session.add(version)
    session.flush()
    return version


def answer(session: Session, contact: Contact, version: FormVersion | None, at: datetime, *, categories: str = "[]",
           refuse_phone: bool | None = None, channel: str = "paper", proof: str = "scan.pdf", by: str = "") -> None:  # fmt: skip
    session.add(ConsentRecord(contact_id=contact.id, form_version_id=version.id if version else None,
                              accepted_partner_categories=categories, refuse_phone=refuse_phone, recorded_on=at,
                              channel=channel, proof=proof, recorded_by=by))  # fmt: skip
    session.flush()


def sent_with_numbers(session: Session, partner: Partner, contacts: list[Contact], on: date) -> None:
    t = Transmission(partner_id=partner.id, sent_on=on, file_name="a.xlsx", checksum="0" * 64,
                     fields='["ref", "last_name", "mobile"]', contact_count=len(contacts))  # fmt: skip
    session.add(t)
    session.flush()
    session.add_all(TransmissionLine(transmission_id=t.id, contact_id=c.id, partner_id=partner.id, phone_sent=True)
                    for c in contacts)  # fmt: skip
    session.flush()


def test_why_each_number_goes_or_not_and_when_its_consent_ended(db: Database) -> None:
    with db.session() as s:
        v = partner_form(s)
        ticked, unticked_later, refused_later, refused_before = (
            consumer(s, last_name=n) for n in ("A", "B", "C", "D")
        )
        broker, unproven, expired, other_box, never = (
            consumer(s, last_name=n) for n in ("E", "F", "G", "H", "I")
        )
        yes = '["Assureurs"]'
        answer(s, ticked, v, T0, categories=yes)
        answer(s, unticked_later, v, T0, categories=yes)
        answer(s, unticked_later, v, T0 + timedelta(days=10))
        answer(s, refused_later, v, T0, categories=yes)
        answer(s, refused_later, None, T0 + timedelta(days=20), refuse_phone=True)
        answer(s, refused_before, None, T0 - timedelta(days=20), refuse_phone=True)
        answer(s, refused_before, v, T0, categories=yes)  # ticked after refusing: counts
        answer(s, broker, v, T0, categories=yes, channel="broker")
        answer(s, unproven, v, T0, categories=yes, proof="", by="")
        answer(s, expired, v, NOW - timedelta(days=365), categories=yes, by="Julie")
        answer(s, other_box, v, T0, categories='["Cuisinistes"]')
        people = [
            ticked,
            unticked_later,
            refused_later,
            refused_before,
            broker,
            unproven,
            expired,
            other_box,
            never,
        ]
        status = partner_call_status(s, [p.id for p in people], "Assureurs", NOW)
        got = {p.last_name: (status[p.id].ok, status[p.id].reason, status[p.id].ended_at) for p in people}
        assert got == {
            "A": (True, "", None),
            "B": (False, "consent_withdrawn", T0 + timedelta(days=10)),
            "C": (False, "consent_withdrawn", T0 + timedelta(days=20)),
            "D": (True, "", None),
            "E": (False, "third_party_consent", None),
            "F": (False, "consent_unproven", None),
            "G": (False, "consent_expired", NOW),
            "H": (False, "no_partner_call_consent", None),
            "I": (False, "no_partner_call_consent", None),
        }
        proof = status[ticked.id]
        assert (proof.basis, proof.given_at, proof.form, proof.expires_at) == (
            "consent", T0, "Comptoir v2", T0 + timedelta(days=365),
        )  # fmt: skip
        assert proof.consent_id == s.scalar(
            select(ConsentRecord.id).where(ConsentRecord.contact_id == ticked.id)
        )


def test_the_latest_answer_is_the_latest_given_not_the_latest_typed(db: Database) -> None:
    """docs/rules.md §1.6, §4.5: an older paper form typed in after a newer one does not undo it — the
    answer the person gave last wins, whatever order they were entered in; and a form that ticks both the
    partner-call box and the phone refusal box gives no consent (the refusal, on the same form, wins); of two
    forms dated alike, the one typed last wins."""
    with db.session() as s:
        v = partner_form(s)
        typed_late, both = consumer(s, last_name="A"), consumer(s, last_name="B")
        yes = '["Assureurs"]'
        answer(s, typed_late, v, T0, categories=yes)
        answer(s, typed_late, v, T0 - timedelta(days=30))  # an older form, left unticked, typed in afterwards
        answer(s, both, v, T0, categories=yes, refuse_phone=True)
        same_day = consumer(s, last_name="C")  # two paper forms dated the same day: the one typed last wins
        answer(s, same_day, v, T0, categories=yes)
        answer(s, same_day, v, T0)
        status = partner_call_status(s, [typed_late.id, both.id, same_day.id], "Assureurs", NOW)
        assert (status[same_day.id].ok, status[same_day.id].reason) == (False, "consent_withdrawn")
        assert (status[typed_late.id].ok, status[typed_late.id].given_at) == (True, T0)
        assert (status[both.id].ok, status[both.id].reason, status[both.id].ended_at) == (
            False, "consent_withdrawn", T0,
        )  # fmt: skip


def test_a_professional_who_answered_only_the_partner_box_keeps_their_numbers_going(db: Database) -> None:
    """docs/rules.md §1.6: a professional's number goes without a consent; answering the partner-call box
    (ticked or not) without ever refusing the phone does not stop it."""
    with db.session() as s:
        v = partner_form(s)
        pro = professional(s, last_name="Garage")
        answer(s, pro, v, T0)
        assert partner_call_status(s, [pro.id], "Assureurs", NOW)[pro.id] == PhoneShare(
            True, basis="professional"
        )


def test_the_partner_is_told_once_when_a_number_it_holds_loses_its_basis(db: Database) -> None:
    """Withdrawn (due the day of the refusal), expired (due the day it expired), a number sent before the
    rule (never consented: due the day it is found); not for an objection (its own notice), an erased
    person, a line sent without the numbers, nor a consent still valid."""
    with db.session() as s:
        v = partner_form(s)
        partner = make_partner(s, "Assur+", "Assureurs", shared_fields='["ref", "last_name", "mobile"]')
        withdrawn, expired, before_rule, opposed, valid, erased, pro = (
            consumer(s, last_name=n)
            for n in ("Retrait", "Expire", "Avant", "Oppose", "Valide", "Efface", "Pro")
        )
        yes = '["Assureurs"]'
        answer(s, withdrawn, v, T0, categories=yes)
        answer(
            s, withdrawn, None, datetime(2026, 9, 15, 22, 30, tzinfo=UTC), refuse_phone=True
        )  # 16 Sep Paris
        answer(s, expired, v, datetime(2025, 10, 1, 8, 0, tzinfo=UTC), categories=yes)
        answer(s, valid, v, T0, categories=yes)
        answer(s, opposed, v, T0, categories=yes)
        s.add(
            Opposition(contact_id=opposed.id, scope="phone", received_on=date(2026, 10, 1), channel="phone")
        )
        answer(s, erased, v, T0 - timedelta(days=400), categories=yes)
        s.query(Contact).filter(Contact.id == erased.id).update({"erased_at": T0})
        sent_with_numbers(
            s, partner, [withdrawn, expired, before_rule, opposed, valid, erased], date(2025, 12, 1)
        )
        sent_without = Transmission(partner_id=partner.id, sent_on=date(2025, 12, 1), file_name="b.xlsx",
                                    checksum="1" * 64, fields='["ref", "mobile"]', contact_count=1)  # fmt: skip
        s.add(sent_without)
        s.flush()
        s.add(TransmissionLine(transmission_id=sent_without.id, contact_id=pro.id, partner_id=partner.id,
                               phone_sent=False))  # fmt: skip
        s.flush()
        notices = notices_for_ended_phone_consents(s, NOW)
        got = {s.get(Contact, n.contact_id).last_name: (n.event, n.scope, n.due_on, n.partner_id, n.detail)
               for n in notices}  # fmt: skip
        assert got == {
            "RETRAIT": ("consent_end", "phone", date(2026, 9, 16), partner.id, "accord d'appel des partenaires retiré"),
            "EXPIRE": ("consent_end", "phone", date(2026, 10, 1), partner.id, "accord d'appel des partenaires expiré"),
            "AVANT": ("consent_end", "phone", date(2026, 11, 2), partner.id,
                      "pas d'accord pour être appelé(e) par cette catégorie de partenaires"),
        }  # fmt: skip
        first = next(n for n in notices if n.contact_id == withdrawn.id)
        assert json.loads(first.identifiers) == {
            "ref": withdrawn.ref,
            "last_name": "RETRAIT",
            "mobile": withdrawn.mobile,
        }
        assert first.overdue_on == date(2026, 9, 18) and first.line_id is not None
        assert notices_for_ended_phone_consents(s, NOW + timedelta(days=1)) == []  # once per number sent
        assert s.scalar(select(func.count(PropagationNotice.id))) == 3


def test_each_number_sent_is_looked_at_on_its_own(db: Database) -> None:
    """A valid consent listed first does not stop the look at the next person; a number already notified
    for one file does not hide the same person's number sent in a later file (one notice per number sent,
    docs/rules.md §1.6)."""
    with db.session() as s:
        v = partner_form(s)
        partner = make_partner(s, "Assur+", "Assureurs", shared_fields='["ref", "last_name", "mobile"]')
        valid, withdrawn = consumer(s, last_name="Valide"), consumer(s, last_name="Retrait")
        yes = '["Assureurs"]'
        answer(s, valid, v, T0, categories=yes)
        answer(s, withdrawn, v, T0, categories=yes)
        answer(s, withdrawn, None, datetime(2026, 9, 15, 8, 0, tzinfo=UTC), refuse_phone=True)
        sent_with_numbers(s, partner, [valid, withdrawn], date(2026, 7, 1))  # the valid one first
        first = notices_for_ended_phone_consents(s, NOW)
        assert [s.get(Contact, n.contact_id).last_name for n in first] == ["RETRAIT"]
        sent_with_numbers(s, partner, [withdrawn], date(2026, 9, 20))  # sent again after the refusal
        again = notices_for_ended_phone_consents(s, NOW)
        assert [(n.contact_id, n.due_on) for n in again] == [(withdrawn.id, date(2026, 9, 20))]
        assert again[0].line_id != first[0].line_id
