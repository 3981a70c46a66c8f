"""A notice's life (docs/rules.md §5.3) and a transmission's plan (§1.5, §1.6): pending until its overdue date,
overdue the day after, sent, acknowledged (an erasure's then forgets what it quoted); the fields a partner
holds (numbers only if sent); who goes to a partner, who goes without their number, who does not go."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Form, FormVersion, InformedRecord, Opposition
from models.contact import Contact
from models.database import Database
from models.partners import PropagationNotice, Transmission, TransmissionLine
from services.contacts.selection import Selection
from services.core.errors import InputError, NotFoundError
from services.core.moments import business_date
from services.partners.notices import (
    acknowledge,
    create_notices,
    identifier_value,
    notice_status,
    overdue_date,
    status_condition,
    transmitted_fields_by_partner,
)
from services.partners.transmissions import phone_only, plan_transmission, reason_label
from tests.compliance_helpers import make_partner, transmit
from tests.helpers import make_contact
from tests.phone_helpers import consumer, paris, professional

MONDAY = date(2026, 11, 23)


def test_a_notices_status_day_by_day(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [c.id])
        [n] = create_notices(s, c, "opposition", MONDAY, scope="all")
        assert overdue_date(s, MONDAY) == n.overdue_on == date(2026, 11, 25)
        seen = {}
        for day, status in [
            (MONDAY, "pending"),
            (date(2026, 11, 25), "pending"),
            (date(2026, 11, 26), "overdue"),
        ]:
            seen[day] = notice_status(n, day)
            ids = {st: set(s.scalars(select(PropagationNotice.id).where(status_condition(st, day))))
                   for st in ("pending", "overdue", "sent", "acknowledged", "to_send")}  # fmt: skip
            assert ids == {"pending": {n.id} if status == "pending" else set(),
                           "overdue": {n.id} if status == "overdue" else set(),
                           "sent": set(), "acknowledged": set(), "to_send": {n.id}}  # fmt: skip
        assert seen == {MONDAY: "pending", date(2026, 11, 25): "pending", date(2026, 11, 26): "overdue"}
        n.sent_on = date(2026, 11, 27)
        s.flush()
        assert notice_status(n, date(2026, 12, 1)) == "sent"
        assert set(
            s.scalars(select(PropagationNotice.id).where(status_condition("sent", date(2026, 12, 1))))
        ) == {n.id}
        n.acknowledged_on = date(2026, 12, 2)
        s.flush()
        later = date(2026, 12, 3)
        assert {st: set(s.scalars(select(PropagationNotice.id).where(status_condition(st, later))))
                for st in ("pending", "overdue", "sent", "acknowledged", "to_send")} == {
            "pending": set(), "overdue": set(), "sent": set(), "acknowledged": {n.id}, "to_send": set(),
        }  # fmt: skip
        assert notice_status(n, later) == "acknowledged"
        with pytest.raises(ValueError):
            status_condition("lost", MONDAY)


def test_an_acknowledgement_dates_and_an_erasure_notice_forgets(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [c.id])
        [erasure] = create_notices(s, c, "erasure", MONDAY)
        [objection] = create_notices(s, c, "opposition", MONDAY)
        with pytest.raises(
            InputError, match=rf"^La notification n° {erasure.id} n'a pas encore été envoyée\.$"
        ):
            acknowledge(s, erasure.id, MONDAY)
        erasure.sent_on = objection.sent_on = MONDAY
        with pytest.raises(InputError, match=r"^Date d'accusé de réception invalide : 22/11/2026\.$"):
            acknowledge(s, erasure.id, MONDAY - timedelta(days=1))
        with pytest.raises(InputError, match="Date d'accusé de réception invalide"):
            acknowledge(s, erasure.id, business_date() + timedelta(days=1))
        assert acknowledge(s, erasure.id, MONDAY).acknowledged_on == MONDAY
        assert (erasure.identifiers, notice_status(erasure, MONDAY)) == ("{}", "acknowledged")
        acknowledge(s, objection.id)
        assert (
            objection.acknowledged_on == business_date()
            and json.loads(objection.identifiers)["last_name"] == "MARTIN"
        )
        with pytest.raises(NotFoundError, match=r"^Notification inconnue \(n° 999\)\.$"):
            acknowledge(s, 999)
        with pytest.raises(ValueError):
            create_notices(s, c, "gossip", MONDAY)


def test_the_fields_a_partner_holds(db: Database) -> None:
    """Every field of every file sent, once; the numbers only from a line that carried them."""
    with db.session() as s:
        c = make_contact(s)
        p, q = make_partner(s, "Alpha"), make_partner(s, "Beta")
        for partner, fields, phone_sent in ((p, ["ref", "last_name", "mobile"], False),
                                            (p, ["ref", "email", "phone"], True),
                                            (q, ["ref", "mobile", "city"], False)):  # fmt: skip
            t = Transmission(partner_id=partner.id, sent_on=MONDAY, file_name="x.xlsx", checksum="0" * 64,
                             fields=json.dumps(fields), contact_count=1)  # fmt: skip
            s.add(t)
            s.flush()
            s.add(
                TransmissionLine(
                    transmission_id=t.id, contact_id=c.id, partner_id=partner.id, phone_sent=phone_sent
                )
            )
        s.flush()
        assert transmitted_fields_by_partner(s, c.id) == {p.id: ["ref", "last_name", "email", "phone"],
                                                         q.id: ["ref", "city"]}  # fmt: skip
        assert transmitted_fields_by_partner(s, make_contact(s, first_name="Paul", email="p@x.fr").id) == {}
        assert (identifier_value(c, "ref"), identifier_value(c, "city"), identifier_value(c, "cedex")) == (
            c.ref, "Lyon", "",
        )  # fmt: skip


def informed_of(session: Session, contact: Contact, category: str) -> FormVersion:
    form = session.scalar(select(Form).where(Form.name == "Comptoir"))
    if form is None:
        form = Form(name="Comptoir", channel="paper")
        session.add(form)
        session.flush()
        session.add(FormVersion(form_id=form.id, number=1, partner_categories=json.dumps([category]),
                                boxes=json.dumps([{"key": f"accept_phone_partner:{category}", "label": "x"}])))  # fmt: skip
        session.flush()
    version = session.scalars(select(FormVersion).where(FormVersion.form_id == form.id)).one()
    session.add(InformedRecord(contact_id=contact.id, informed_on=date(2026, 3, 1), document="form",
                               form_version_id=version.id))  # fmt: skip
    session.flush()
    return version


def test_a_plan_counts_who_goes_who_goes_without_a_number_and_who_does_not_go(db: Database) -> None:
    now = paris(2026, 11, 2, 10, 30)
    with db.session() as s:
        pro, ticked, unticked, phoneless = (
            professional(s),
            consumer(s, last_name="Oui"),
            consumer(s, last_name="Non"),
            consumer(s, last_name="Sans"),
        )
        never = consumer(s, last_name="Jamais")
        for c in (pro, ticked, unticked, phoneless):
            version = informed_of(s, c, "Assureurs")
        s.add(ConsentRecord(contact_id=ticked.id, form_version_id=version.id, accepted_partner_categories='["Assureurs"]',
                            recorded_on=paris(2026, 6, 1), channel="paper", recorded_by="Julie"))  # fmt: skip
        s.add(
            Opposition(contact_id=phoneless.id, scope="phone", received_on=date(2026, 10, 1), channel="phone")
        )
        s.flush()
        letters = make_partner(s, "Courrier", "Assureurs", shared_fields='["ref", "last_name", "city"]')
        calls = make_partner(s, "Appels", "Assureurs", shared_fields='["ref", "last_name", "mobile"]')
        numbers = make_partner(s, "Numeros", "Assureurs", shared_fields='["ref", "mobile", "phone"]')
        plan = plan_transmission(s, letters, Selection(), now)
        assert (plan.eligible, plan.excluded, plan.without_phone) == (4, {"not_informed": 1}, {})
        plan = plan_transmission(s, calls, Selection(), now)
        assert (plan.eligible, plan.excluded, plan.without_phone) == (
            4, {"not_informed": 1}, {"no_partner_call_consent": 1, "opposed_phone": 1},
        )  # fmt: skip
        assert plan.excluded_total == 1
        plan = plan_transmission(s, numbers, Selection(), now)
        assert (plan.eligible, plan.excluded, plan.without_phone) == (
            2, {"not_informed": 1, "no_partner_call_consent": 1, "opposed_phone": 1}, {},
        )  # fmt: skip
        no_phones = plan_transmission(s, numbers, Selection(), now, phones=False)
        assert (no_phones.eligible, no_phones.excluded) == (4, {"not_informed": 1})
        assert plan.partner_id == numbers.id
        # A year and a day after the opt-in (1 June 2026), at the moment asked — not the machine's: expired.
        later = plan_transmission(s, calls, Selection(), paris(2027, 6, 2, 10, 30))
        assert later.without_phone == {"consent_expired": 1, "no_partner_call_consent": 1, "opposed_phone": 1}
        # Informed by a form naming another category of partners: not informed of this one (docs/rules.md §1.5).
        other_form = Form(name="Salon", channel="event")
        s.add(other_form)
        s.flush()
        cuisine = FormVersion(
            form_id=other_form.id, number=1, partner_categories='["Cuisinistes"]', boxes="[]"
        )
        s.add(cuisine)
        s.flush()
        s.add(InformedRecord(contact_id=never.id, informed_on=date(2026, 3, 1), document="form",
                             form_version_id=cuisine.id))  # fmt: skip
        s.flush()
        assert plan_transmission(s, letters, Selection(), now).excluded == {"not_informed": 1}
        assert never.id and phone_only(["ref", "mobile"]) and not phone_only(["ref", "mobile", "city"])
        assert not phone_only(["ref", "city"])
        assert [reason_label(r) for r in ("opposed", "opposed_phone", "inconnu")] == [
            "opposé(e) à la transmission ou à toute prospection", "opposé(e) au démarchage téléphonique", "inconnu",
        ]  # fmt: skip


def test_the_lists_select_exactly_the_notices_of_each_status(db: Database) -> None:
    """status_condition (the lists, the counts, « to send ») holds the rule of notice_status for every notice
    there can be — sent or not, acknowledged or not, withdrawn (docs/rules.md §5.10) or not, before, on and
    after its overdue date."""
    import itertools

    from services.partners.notices import STATUSES

    today = date(2026, 11, 30)
    with db.session() as s:
        c = make_contact(s)
        partner = make_partner(s, "Alpha")
        options = itertools.product(
            (None, today - timedelta(days=3)),  # sent_on
            (None, today - timedelta(days=1)),  # acknowledged_on
            (None, today),  # withdrawn_on
            (today - timedelta(days=1), today, today + timedelta(days=1)),  # overdue_on
        )
        for sent, ack, withdrawn, overdue in options:
            s.add(PropagationNotice(contact_id=c.id, partner_id=partner.id, event="opposition", scope="all",
                                    due_on=today - timedelta(days=5), overdue_on=overdue, sent_on=sent,
                                    acknowledged_on=ack, withdrawn_on=withdrawn))  # fmt: skip
        s.flush()
        notices = s.scalars(select(PropagationNotice)).all()
        by_rule = {n.id: notice_status(n, today) for n in notices}
        assert set(by_rule.values()) == set(STATUSES)
        for status in (*STATUSES, "to_send"):
            wanted = {"pending", "overdue"} if status == "to_send" else {status}
            selected = set(s.scalars(select(PropagationNotice.id).where(status_condition(status, today))))
            assert selected == {i for i, st in by_rule.items() if st in wanted}, status
        with pytest.raises(ValueError, match="bogus"):
            status_condition("bogus", today)
