"""A consent counts only when this business collected it (docs/rules.md §9.2, Foriou): one a partner or a
broker says it collected opens neither our calls nor a partner's."""

from __future__ import annotations

import pytest

from models.compliance import ConsentRecord, Form, FormVersion
from models.database import Database
from services.partners.phone_consents import partner_call_status
from services.phone.decision import decide_one
from services.phone.eligibility import THIRD_PARTY_NO_CONSENT
from tests.phone_helpers import consumer, give_consent, paris

MONDAY = paris(2026, 11, 2, 10, 30)


@pytest.mark.parametrize("channel", ["partner", "broker"])
def test_a_consent_collected_by_others_does_not_open_our_calls(db: Database, channel: str) -> None:
    """Our own customer, with a consent recorded as collected by a partner or a broker: not callable."""
    with db.session() as s:
        c = consumer(s)
        give_consent(s, c, paris(2026, 6, 1), channel=channel)
        assert decide_one(s, c.id, "", MONDAY).reason == THIRD_PARTY_NO_CONSENT
        give_consent(s, c, paris(2026, 7, 1), channel="counter")  # then collected at our counter
        assert decide_one(s, c.id, "", MONDAY).status == "callable"


@pytest.mark.parametrize("channel", ["partner", "broker"])
def test_a_consent_collected_by_others_sends_no_number_to_a_partner(db: Database, channel: str) -> None:
    """The partner-call box ticked on a record that a partner or a broker collected: no number goes."""
    with db.session() as s:
        c = consumer(s)
        form = Form(name="Comptoir", channel="paper")
        s.add(form)
        s.flush()
        version = FormVersion(
            form_id=form.id, boxes='[{"key": "accept_phone_partner:Assureurs", "label": "x"}]'
        )
        s.add(version)
        s.flush()
        s.add(ConsentRecord(contact_id=c.id, form_version_id=version.id, accepted_partner_categories='["Assureurs"]',
                            recorded_on=paris(2026, 6, 1), channel=channel, recorded_by="Julie", proof="f.pdf"))  # fmt: skip
        s.flush()
        assert partner_call_status(s, [c.id], "Assureurs", MONDAY)[c.id].reason == "third_party_consent"
