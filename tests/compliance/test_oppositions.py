"""Recording an objection: effective at once, on the suppression list, one notice per partner that got the data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from models.compliance import Opposition, SuppressionEntry
from models.contact import Contact
from models.database import Database
from models.partners import PropagationNotice
from services.compliance.choices import opposed
from services.compliance.oppositions import record_opposition
from services.compliance.suppression import suppressed_keys, suppression_keys
from services.core.errors import InputError, NotFoundError
from services.core.moments import business_date
from services.core.settings import set_settings
from services.partners.notices import create_notices, notice_status
from tests.compliance_helpers import make_partner, transmit
from tests.helpers import make_contact


def test_opposition_is_effective_at_once_and_hashed(db: Database) -> None:
    """The opposition is seen by the eligibility query and its hashes are on the suppression list."""
    with db.session() as s:
        c = make_contact(s)
        out = record_opposition(s, c.id, "post", "letter", date(2026, 11, 2), recorded_by="Anne")
        assert out.notices == []
        assert s.scalar(select(func.count()).where(opposed("post"), Contact.id == c.id)) == 1
        assert s.scalar(select(func.count()).where(opposed("phone"), Contact.id == c.id)) == 0
        keys = suppression_keys(email="CLAIRE.MARTIN@example.fr", last_name="martin", first_name="claire",
                                postcode="69002", phones=["0612345678"])  # fmt: skip
        assert len(suppressed_keys(s, keys)) == 3
        assert {e.scope for e in s.scalars(select(SuppressionEntry))} == {"post"}


def test_one_notice_per_partner_that_received_the_contact(db: Database) -> None:
    """A contact sent to two partners gives exactly two notices, due at once, overdue after 2 working days."""
    with db.session() as s:
        c = make_contact(s)
        other = make_contact(s, email="x@example.fr", last_name="Autre", mobile="0611111111")
        a, b, c3 = make_partner(s, "Alpha"), make_partner(s, "Beta", "Assureurs"), make_partner(s, "Gamma")
        transmit(s, a, [c.id, other.id])
        transmit(s, b, [c.id])
        transmit(s, a, [c.id])  # sent twice to Alpha: still one notice
        transmit(s, c3, [other.id])
        received = date(2026, 11, 23)  # a Monday
        out = record_opposition(s, c.id, "all", "slip", received)
        assert sorted(n.partner_id for n in out.notices) == [a.id, b.id]
        n = out.notices[0]
        assert (n.due_on, n.overdue_on, n.event, n.scope) == (
            received,
            date(2026, 11, 25),
            "opposition",
            "all",
        )
        assert n.opposition_id == out.opposition.id
        assert '"ref": "C-' in n.identifiers and "MARTIN" in n.identifiers
        assert notice_status(n, date(2026, 11, 25)) == "pending"
        assert notice_status(n, date(2026, 11, 26)) == "overdue"


def test_overdue_skips_weekends_and_holidays_and_follows_the_setting(db: Database) -> None:
    """Received on Thursday 24 Dec 2026: Friday 25 is Christmas, so 2 working days end on Tuesday 29."""
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha")
        transmit(s, p, [c.id])
        n1 = record_opposition(s, c.id, "post", "letter", date(2025, 12, 24)).notices[0]
        assert n1.overdue_on == date(2025, 12, 29)
        set_settings(s, {"rules.propagation_overdue_days": 5})
        n2 = record_opposition(s, c.id, "phone", "phone", date(2026, 11, 16)).notices[0]
        assert n2.overdue_on == date(2026, 11, 23)


def test_notices_never_duplicated_for_the_same_opposition(db: Database) -> None:
    """Propagating the same opposition again creates nothing new."""
    with db.session() as s:
        c = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [c.id])
        out = record_opposition(s, c.id, "all", "email", date(2026, 11, 2))
        again = create_notices(s, c, "opposition", date(2026, 11, 2), opposition_id=out.opposition.id)
        assert again == []
        assert s.scalar(select(func.count(PropagationNotice.id))) == 1


def test_partner_notice_is_not_sent_back_to_that_partner(db: Database) -> None:
    """An objection received from a partner propagates onward to the others only."""
    with db.session() as s:
        c = make_contact(s)
        a, b = make_partner(s, "Alpha"), make_partner(s, "Beta")
        transmit(s, a, [c.id])
        transmit(s, b, [c.id])
        out = record_opposition(s, c.id, "all", "partner", date(2026, 11, 2), from_partner_id=a.id)
        assert [n.partner_id for n in out.notices] == [b.id]
        assert out.opposition.from_partner_id == a.id


@pytest.mark.parametrize(
    ("scope", "channel", "when", "message"),
    [
        ("everything", "letter", date(2026, 1, 1), "Portée"),
        ("all", "fax", date(2026, 1, 1), "Canal"),
        ("all", "letter", business_date() + timedelta(days=1), "futur"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    db: Database, scope: str, channel: str, when: date, message: str
) -> None:
    """An unknown scope or channel, or a future date, is refused in French and records nothing."""
    with db.session() as s:
        c = make_contact(s)
        with pytest.raises(InputError, match=message):
            record_opposition(s, c.id, scope, channel, when)
        assert s.scalar(select(func.count(Opposition.id))) == 0


def test_unknown_contact_is_refused(db: Database) -> None:
    """An id with no contact behind it gives a clear message."""
    with db.session() as s, pytest.raises(NotFoundError, match="C-000999"):
        record_opposition(s, 999, "all", "letter", date(2026, 1, 1))
