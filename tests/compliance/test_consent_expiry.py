"""One expiry for a consent to calls (docs/rules.md §1.4): given at t, it stops at t + 365 days to the minute,
and the contact card, the call decision, the phone campaign and the partners' files all say so at once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Form, FormVersion
from models.contact import Contact
from models.database import Database
from services.compliance.consents import consent_expired, consent_expires_at, current_choices
from services.core.settings import set_settings
from services.partners.phone_consents import partner_call_status
from services.phone.decision import decide_calls, decide_one
from services.phone.eligibility import CONSENT_EXPIRED
from tests.phone_helpers import consumer

PARIS = ZoneInfo("Europe/Paris")
GIVEN = datetime(2025, 11, 5, 15, 30, tzinfo=PARIS)  # a Wednesday, winter time
EXPIRES = datetime(2026, 11, 5, 15, 30, tzinfo=PARIS)  # 365 days later: a Thursday, winter time again


def consent_with_partner_box(session: Session, contact: Contact, given: datetime) -> ConsentRecord:
    """The counter's form: « j'accepte d'être appelé » by the business and by the « Assureurs », both ticked."""
    form = Form(name="Comptoir", channel="paper")
    session.add(form)
    session.flush()
    version = FormVersion(
        form_id=form.id,
        number=1,
        boxes='[{"key": "accept_phone", "label": "Appels de la société"}, '
        '{"key": "accept_phone_partner:Assureurs", "label": "Appels des assureurs partenaires"}]',
    )
    session.add(version)
    session.flush()
    record = ConsentRecord(
        contact_id=contact.id, form_version_id=version.id, accept_phone=True,
        accepted_partner_categories='["Assureurs"]', recorded_on=given, channel="paper",
        recorded_by="Julie (accueil)", proof_kind="file", proof="formulaire-001.pdf",
    )  # fmt: skip
    session.add(record)
    session.flush()
    return record


def what_each_screen_says(
    session: Session, contact: Contact, now: datetime, given: datetime = GIVEN
) -> dict[str, object]:
    choices = current_choices(session, contact.id, now)
    decision = decide_one(session, contact.id, "", now)
    [campaign] = decide_calls(session, Contact.id == contact.id, "", now)
    share = partner_call_status(session, [contact.id], "Assureurs", now)[contact.id]
    return {
        "card": choices.phone_consent_on is not None,
        "card text": f"accord d'appel du {given:%d/%m/%Y}" in choices.summary(),
        "call": decision.status,
        "campaign": campaign.status,
        "partners": share.ok,
    }


VALID = {"card": True, "card text": True, "call": "callable", "campaign": "callable", "partners": True}
EXPIRED = {"card": False, "card text": False, "call": "excluded", "campaign": "excluded", "partners": False}


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (timedelta(hours=-1), VALID),
        (timedelta(minutes=-1), VALID),
        (timedelta(0), EXPIRED),
        (timedelta(hours=1), EXPIRED),
    ],
    ids=["365 days minus an hour", "minus a minute", "365 days", "plus an hour"],
)
def test_the_card_the_call_the_campaign_and_the_partners_agree_on_the_expiry(
    db: Database, offset: timedelta, expected: dict[str, object]
) -> None:
    """On the afternoon of day 365, one hour before the moment it was given a year ago, every screen says
    valid; from that moment, every screen says expired (the unsafe direction is a day late)."""
    now = EXPIRES + offset
    with db.session() as s:
        c = consumer(s)
        consent_with_partner_box(s, c, GIVEN)
        assert what_each_screen_says(s, c, now) == expected
        decision = decide_one(s, c.id, "", now)
        share = partner_call_status(s, [c.id], "Assureurs", now)[c.id]
        if expected is VALID:
            assert decision.eligibility.basis == "consent"
            assert share.expires_at == EXPIRES  # the date the partner's file prints beside the number
        else:
            assert decision.reason == CONSENT_EXPIRED
            assert (share.reason, share.ended_at) == ("consent_expired", EXPIRES)
    assert consent_expires_at(GIVEN, 365) == EXPIRES
    assert consent_expired(GIVEN, now, 365) is (expected is EXPIRED)


def test_the_validity_setting_moves_every_screen_together(db: Database) -> None:
    """rules.phone_consent_days (docs/rules.md, Settings) set to 30: expired on day 30 at the same minute."""
    with db.session() as s:
        set_settings(s, {"rules.phone_consent_days": 30})
        c = consumer(s)
        given = datetime(2026, 10, 27, 15, 30, tzinfo=PARIS)  # Tuesday; +30 days: Thursday 26 November
        consent_with_partner_box(s, c, given)
        ends = datetime(2026, 11, 26, 15, 30, tzinfo=PARIS)
        assert what_each_screen_says(s, c, ends - timedelta(hours=1), given) == VALID
        assert what_each_screen_says(s, c, ends, given) == EXPIRED
        assert partner_call_status(s, [c.id], "Assureurs", ends)[c.id].ended_at == ends
