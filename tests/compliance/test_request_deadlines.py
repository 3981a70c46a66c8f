"""Requests from data subjects at their deadlines (docs/rules.md §5.4): one month from receipt, the
extension told at the latest on the last day of that month, overdue from the day after; what a person or
the secretary reads when a step is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord
from models.database import Database
from models.requests import DataRequest
from services.compliance.oppositions import covering_opposition, record_opposition
from services.compliance.request_deadlines import add_months, due_date, request_status
from services.compliance.requests import add_request, answer_request, extend_request, list_requests
from services.core.errors import InputError
from tests.helpers import make_contact

RECEIVED = date(2026, 9, 15)


def request(session: Session, received: date = RECEIVED, kind: str = "access") -> DataRequest:
    return add_request(
        session, kind=kind, requester="Jean Dupont", received_on=received, today=date(2026, 11, 30)
    ).request


def test_months_are_added_across_years_and_to_shorter_months() -> None:
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)
    assert (due_date(RECEIVED, False), due_date(RECEIVED, True)) == (date(2026, 10, 15), date(2026, 12, 15))


def test_a_request_is_open_on_its_last_day_and_overdue_the_next(db: Database) -> None:
    with db.session() as s:
        r = request(s)
        assert request_status(r, date(2026, 10, 15)) == "open"
        assert request_status(r, date(2026, 10, 16)) == "overdue"
        r.extended_on = date(2026, 10, 1)
        assert request_status(r, date(2026, 12, 15)) == "open"
        assert request_status(r, date(2026, 12, 16)) == "overdue"
        r.answered_on = date(2026, 12, 20)
        assert request_status(r, date(2027, 1, 1)) == "answered"


def test_the_extension_is_told_at_the_latest_on_the_last_day_of_the_month(db: Database) -> None:
    """Received 15 September: told on 15 October, extended (due 15 December); on 16 October, too late."""
    with db.session() as s:
        on_time, late = request(s), request(s)
        extend_request(s, on_time.id, "Dossier volumineux", date(2026, 10, 15), today=date(2026, 10, 15))
        assert (on_time.extended_on, on_time.extension_reason) == (date(2026, 10, 15), "Dossier volumineux")
        with pytest.raises(
            InputError, match=r"^Trop tard pour prolonger : .* \(au plus tard le 15/10/2026\)\.$"
        ):
            extend_request(s, late.id, "Dossier volumineux", date(2026, 10, 16), today=date(2026, 10, 16))
        with pytest.raises(InputError, match=rf"^La demande n° {on_time.id} a déjà été prolongée"):
            extend_request(s, on_time.id, "Encore", date(2026, 10, 15), today=date(2026, 10, 15))
        with pytest.raises(InputError, match=r"^Une prolongation doit être motivée : indiquez la raison"):
            extend_request(s, late.id, "  ", date(2026, 10, 1), today=date(2026, 10, 1))
        with pytest.raises(
            InputError, match=r"^La date d'information de la personne \(01/12/2026\) est dans le futur\.$"
        ):
            extend_request(s, late.id, "Raison", date(2026, 12, 1), today=date(2026, 11, 30))
        late.answered_on = date(2026, 10, 2)
        with pytest.raises(InputError, match=rf"^La demande n° {late.id} a déjà reçu une réponse\.$"):
            extend_request(s, late.id, "Raison", date(2026, 10, 3), today=date(2026, 10, 3))


def test_the_list_puts_the_overdue_first_then_the_nearest_deadline(db: Database) -> None:
    with db.session() as s:
        answered = request(s, date(2026, 8, 1))
        answered.answered_on, answered.outcome = date(2026, 8, 20), "granted"
        soon, overdue, later = (
            request(s, date(2026, 11, 2)),
            request(s, date(2026, 9, 1)),
            request(s, date(2026, 11, 20)),
        )
        views = list_requests(s, today=date(2026, 11, 30))
        assert [v.id for v in views] == [overdue.id, soon.id, later.id, answered.id]
        assert [v.status for v in views] == ["overdue", "open", "open", "answered"]
        assert [v.id for v in list_requests(s, "open", today=date(2026, 11, 30))] == [soon.id, later.id]
        # the home page's « à traiter dans les 7 jours »: open, due by 7 December (not the late one)
        assert [v.id for v in list_requests(s, "due_soon", today=date(2026, 11, 30))] == [soon.id]
        with pytest.raises(
            InputError, match=r"^Statut inconnu « lost » : open, overdue, answered, due_soon\.$"
        ):
            list_requests(s, "lost")


def test_a_rectification_applies_the_correction_and_refuses_an_unknown_field(db: Database) -> None:
    with db.session() as s:
        c, other = make_contact(s), make_contact(s, first_name="Paul", email="paul@example.fr")
        r = add_request(s, kind="rectification", requester="", received_on=RECEIVED, contact_id=c.id,
                        today=date(2026, 11, 30)).request  # fmt: skip
        with pytest.raises(InputError, match=r"^Champ inconnu : colour \(possibles : "):
            answer_request(
                s, r.id, "granted", date(2026, 10, 1), today=date(2026, 10, 1), corrections={"colour": "bleu"}
            )
        done = answer_request(s, r.id, "granted", date(2026, 10, 1), today=date(2026, 10, 1),
                              corrections={"city": "Villeurbanne", "postcode": "69100"})  # fmt: skip
        assert done.corrected == ["city", "postcode"]
        assert (c.city, c.postcode, other.city) == ("Villeurbanne", "69100", "Lyon")
        assert done.notices == []  # sent to no partner: nobody to tell


def test_an_objection_already_covered_is_found_before_a_duplicate(db: Database) -> None:
    """covering_opposition (the screen warns before recording twice): « all » covers every scope, a scope
    covers itself only, a lifted objection and another person's do not count, the oldest is named."""
    with db.session() as s:
        c, other = make_contact(s), make_contact(s, first_name="Paul", email="paul@example.fr")
        assert covering_opposition(s, c.id, "post") is None
        record_opposition(s, other.id, "all", "letter", date(2026, 1, 1))
        assert covering_opposition(s, c.id, "post") is None
        phone = record_opposition(s, c.id, "phone", "phone", date(2026, 2, 1)).opposition
        assert covering_opposition(s, c.id, "phone") is phone
        assert covering_opposition(s, c.id, "post") is None and covering_opposition(s, c.id, "all") is None
        everything = record_opposition(s, c.id, "all", "letter", date(2026, 1, 15)).opposition
        assert covering_opposition(s, c.id, "post") is everything
        assert covering_opposition(s, c.id, "phone") is everything  # the oldest that covers it
        assert covering_opposition(s, c.id, "all") is everything
        record = ConsentRecord(
            contact_id=c.id, recorded_on=datetime(2026, 3, 1, tzinfo=UTC), accept_phone=True
        )
        s.add(record)
        s.flush()
        everything.lifted_by_consent_id = record.id
        s.flush()
        assert covering_opposition(s, c.id, "all") is None
        assert covering_opposition(s, c.id, "phone") is phone


def test_due_soon_means_the_deadline_within_seven_days_counting_the_seventh() -> None:
    """The home page's « à traiter dans les 7 jours » (docs/rules.md §5.4): the deadline falls today + 7 at the
    latest; an extended request counts from its three months."""
    from datetime import timedelta

    from models.requests import DataRequest
    from services.compliance.request_deadlines import is_due_soon

    today = date(2026, 11, 30)
    received = date(2026, 11, 7)  # due 7 December: today + 7
    assert is_due_soon(DataRequest(received_on=received), today)
    assert not is_due_soon(DataRequest(received_on=received + timedelta(days=1)), today)  # today + 8
    assert not is_due_soon(DataRequest(received_on=received, extended_on=date(2026, 11, 20)), today)
    assert is_due_soon(DataRequest(received_on=date(2026, 9, 7), extended_on=date(2026, 10, 1)), today)
    assert not is_due_soon(DataRequest(received_on=received, answered_on=today), today)


def test_an_extension_told_after_the_given_today_is_refused(db: Database) -> None:
    """The day given as today decides, not the computer's calendar: on 1 October, an extension said to be
    told on 2 October is in the future."""
    with db.session() as s:
        r = request(s)
        with pytest.raises(
            InputError, match=r"^La date d'information de la personne \(02/10/2026\) est dans le futur\.$"
        ):
            extend_request(s, r.id, "Dossier volumineux", date(2026, 10, 2), today=date(2026, 10, 1))
        assert r.extended_on is None
