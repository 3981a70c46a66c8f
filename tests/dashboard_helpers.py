"""A base with known things late and due, for the home page's tests (services and window): each count
of « À faire » is set here on purpose, and EXPECTED says it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from models.partners import PropagationNotice
from services.compliance.requests import add_request, answer_request
from services.core.settings import set_settings
from tests.compliance_helpers import make_partner
from tests.helpers import make_contact
from tests.phone_helpers import give_consent

IDENTITY = {
    "org.name": "Quincaillerie Durand", "org.address": "3 place du Marché\n37000 Tours",
    "org.rights_contact": "droits@quincaillerie-durand.fr",
}  # fmt: skip

EXPECTED = {
    "partner_notices_late": 2, "partner_notices_due": 1, "requests_late": 1, "requests_due": 2,
    "art14_late": 3, "art14_due": 1, "past_term": 0, "consents_expiring": 1, "npai": 1, "to_check": 1,
    "settings": 0,
}  # fmt: skip


def build_overdue_base(session: Session, today: date) -> dict[str, list[int]]:
    """The people behind each line (their ids), for the lists the lines open."""
    set_settings(session, IDENTITY)
    people = [
        make_contact(session, last_name=f"Client{i}", source_date=today - timedelta(days=100))
        for i in range(3)
    ]
    partner = make_partner(session, "Cuisines Martin")
    for contact, overdue_on, sent_on in (
        (people[0], today - timedelta(days=3), None),  # late
        (people[1], today - timedelta(days=1), None),  # late since yesterday
        (people[2], today, None),  # its last day: still in time
        (people[2], today - timedelta(days=20), today - timedelta(days=25)),  # sent: nothing to do
    ):
        session.add(PropagationNotice(contact_id=contact.id, partner_id=partner.id, event="opposition",
                                      scope="all", due_on=overdue_on, overdue_on=overdue_on, sent_on=sent_on))  # fmt: skip
    for days_ago in (40, 26, 24, 2):  # overdue; due within 7 days (twice); due in 4 weeks
        add_request(session, kind="access", requester=f"Demandeur {days_ago}", received_on=today - timedelta(days=days_ago),
                    today=today)  # fmt: skip
    answered = add_request(
        session, kind="restriction", requester="Répondu", received_on=today - timedelta(days=45), today=today
    )
    answer_request(session, answered.request.id, "granted", on=today - timedelta(days=20), today=today)
    late = [make_contact(session, last_name=f"Courtier{i}", source_kind="broker", source_name="Fichiers Pro",
                         source_date=today - timedelta(days=60)) for i in range(3)]  # fmt: skip
    due = make_contact(session, last_name="Récent", source_kind="broker", source_name="Fichiers Pro",
                       source_date=today - timedelta(days=5))  # fmt: skip
    npai = make_contact(session, last_name="Parti", source_date=today - timedelta(days=100))
    npai.npai_on = today - timedelta(days=2)
    doubt = make_contact(session, last_name="Douteux", source_date=today - timedelta(days=100))
    doubt.to_check = True
    expiring = make_contact(
        session, last_name="Appelable", person_kind="consumer", source_date=today - timedelta(days=400)
    )
    give_consent(session, expiring, datetime.combine(today - timedelta(days=350), time(10), UTC))
    session.flush()
    return {"notice_late": [c.id for c in late], "notice_due": [due.id], "npai": [npai.id],
            "to_check": [doubt.id], "consent_expiring": [expiring.id]}  # fmt: skip
