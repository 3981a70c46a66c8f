"""Every scope of an objection (docs/rules.md §5.1, §5.3): « tout » stops post, phone and partners,
« courrier », « téléphone » and « partenaires » that use only; whatever the scope, every partner that
received the person is told at once — by the objection itself or by a request of kind objection."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.compliance import Form, FormVersion, InformedRecord, SuppressionEntry
from models.contact import Contact
from models.database import Database
from models.partners import Partner
from services.compliance.oppositions import record_opposition
from services.compliance.requests import add_request
from services.contacts.selection import Selection
from services.partners.transmissions import plan_transmission
from services.phone.decision import decide_one
from services.phone.eligibility import OPPOSED
from services.postal.eligibility import decide
from tests.compliance_helpers import make_partner, transmit
from tests.phone_helpers import professional

MONDAY = datetime(2026, 11, 2, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))
RECEIVED = date(2026, 11, 2)
# What each scope stops: (post, phone, partners).
STOPS = {
    "all": (True, True, True),
    "post": (True, False, False),
    "phone": (False, True, False),
    "partners": (False, False, True),
}


def a_garage_sent_to_two_partners(session: Session) -> tuple[Contact, Partner, Partner]:
    """A professional with an address and a number, informed of transmissions to « Cuisinistes » by the form
    that names them, and already sent to two of them: callable, writable, transmittable before objecting."""
    c = professional(session)
    form = Form(name="Comptoir", channel="paper")
    session.add(form)
    session.flush()
    version = FormVersion(form_id=form.id, number=1, partner_categories='["Cuisinistes"]', info_text="Notice")
    session.add(version)
    session.flush()
    session.add(InformedRecord(contact_id=c.id, informed_on=date(2026, 3, 1), document="form",
                               form_version_id=version.id))  # fmt: skip
    alpha, beta = make_partner(session, "Alpha"), make_partner(session, "Beta")
    transmit(session, alpha, [c.id])
    transmit(session, beta, [c.id])
    return c, alpha, beta


def what_is_stopped(session: Session, contact: Contact, partner: Partner) -> tuple[bool, bool, bool]:
    """What a secretary would see: left out of a mailing, of a call list, of a partner's file."""
    post = decide(session, Selection(), today=RECEIVED)
    post_stopped = any(e.contact_id == contact.id and e.reason == "opposed" for e in post.excluded)
    assert post_stopped != any(contact.id in r.contact_ids for r in post.recipients)
    phone_stopped = decide_one(session, contact.id, "", MONDAY).reason == OPPOSED
    plan = plan_transmission(session, partner, Selection(), MONDAY)
    partners_stopped = plan.excluded.get("opposed") == 1
    assert partners_stopped == (plan.eligible == 0)
    return post_stopped, phone_stopped, partners_stopped


def test_before_any_objection_nothing_is_stopped(db: Database) -> None:
    """The baseline of the tests below: the garage is written to, called and sent."""
    with db.session() as s:
        c, alpha, _ = a_garage_sent_to_two_partners(s)
        assert what_is_stopped(s, c, alpha) == (False, False, False)


@pytest.mark.parametrize("scope", list(STOPS))
def test_each_scope_stops_its_uses_and_tells_every_partner(db: Database, scope: str) -> None:
    """The objection stops what its scope covers, at once; each partner that received the person gets one
    notice quoting the scope, due the day it was received; the suppression list keeps the scope."""
    with db.session() as s:
        c, alpha, beta = a_garage_sent_to_two_partners(s)
        out = record_opposition(s, c.id, scope, "letter", RECEIVED)
        assert what_is_stopped(s, c, alpha) == STOPS[scope]
        notices = sorted(out.notices, key=lambda n: n.partner_id)
        assert [(n.partner_id, n.event, n.scope, n.due_on, n.opposition_id) for n in notices] == [
            (alpha.id, "opposition", scope, RECEIVED, out.opposition.id),
            (beta.id, "opposition", scope, RECEIVED, out.opposition.id),
        ]
        assert set(s.scalars(select(SuppressionEntry.scope))) == {scope}


@pytest.mark.parametrize("scope", list(STOPS))
def test_an_objection_request_of_each_scope_tells_every_partner(db: Database, scope: str) -> None:
    """A request of kind « opposition » takes effect at receipt, with its scope, partners told (§5.1)."""
    with db.session() as s:
        c, alpha, beta = a_garage_sent_to_two_partners(s)
        out = add_request(s, kind="objection", requester="", received_on=RECEIVED, contact_id=c.id,
                          scope=scope, today=RECEIVED)  # fmt: skip
        assert out.opposition_id is not None
        assert sorted((n.partner_id, n.scope) for n in out.notices) == [(alpha.id, scope), (beta.id, scope)]
        assert what_is_stopped(s, c, alpha) == STOPS[scope]
