"""What the caller and the command line are told (docs/rules.md §1-§2): the sentence, the next moment on
both clocks, the attempts left; the 30-day window counted on the callee's calendar, overseas too."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from models.contact import Contact
from models.database import Database
from models.phone import CallLogEntry
from services.phone.decision import call_stats, decide_calls, decide_one, decision_to_dict
from tests.phone_helpers import consumer, give_consent, paris, professional

REUNION = ZoneInfo("Indian/Reunion")


def logged(session: Session, contact_id: int, at: datetime, zone: str, outcome: str = "no-answer") -> None:
    """A line of the call log as a call centre's file brings it (the callee's zone stored with it)."""
    session.add(CallLogEntry(contact_id=contact_id, called_at=at, callee_zone=zone, outcome=outcome))
    session.flush()


def test_the_sentences_and_the_json_of_each_answer(db: Database) -> None:
    with db.session() as s:
        pro = professional(s, postcode="97400", city="Saint-Denis")
        private = consumer(s)
        record = give_consent(s, consumer(s, last_name="Accord"), paris(2026, 6, 1))
        now = paris(2026, 11, 25, 10, 30)  # 13:30 at La Réunion: the lunch break there
        later = decide_one(s, pro.id, "", now)
        assert later.message(now) == (
            "Pas maintenant : hors des heures d'appel chez le contact (13:30 ; appels de 10:00 à 13:00 et de "
            "14:00 à 20:00) — prochain créneau : aujourd'hui 14:00 (heure locale : La Réunion)."
        )
        assert decision_to_dict(later, "Europe/Paris") == {
            "allowed": False, "status": "later", "reason": later.reason, "next": "2026-11-25T11:00",
            "next_local": "2026-11-25T14:00", "callee_zone": "Indian/Reunion", "basis": "professional",
            "consent_id": None, "contract_id": None, "attempts_left": 4,
        }  # fmt: skip
        refused = decide_one(s, private.id, "", now)
        assert refused.message(now) == "Appel interdit : particulier sans consentement à être appelé."
        assert (refused.allowed, refused.next_text(now)) == (False, "")
        assert decision_to_dict(refused, "Europe/Paris")["next"] is None
        ok = decide_one(s, record.contact_id, "", now)
        assert ok.message(now) == "Appel autorisé : consentement recueilli."
        assert ok.allowed and decision_to_dict(ok, "Europe/Paris")["consent_id"] == record.id
        assert decide_one(s, pro.id, "", paris(2026, 11, 25, 7, 0)).allowed  # 10:00 there


def test_attempts_left_count_down_to_zero(db: Database) -> None:
    with db.session() as s:
        c = professional(s)
        now = paris(2026, 11, 27, 10, 30)
        lefts = []
        for day in (2, 3, 4, 5, 6):
            lefts.append(decide_one(s, c.id, "", now).attempts_left)
            logged(s, c.id, paris(2026, 11, day, 11, 0), "Europe/Paris")
        lefts.append(decide_one(s, c.id, "", now).attempts_left)
        assert lefts == [4, 3, 2, 1, 0, 0]
        stats = call_stats(s, now)[c.id]
        assert (stats.in_window, stats.free_from) == (
            5,
            datetime(2026, 12, 3).date(),
        )  # 2 and 3 Nov must leave


def test_the_window_is_counted_on_the_callees_calendar(db: Database) -> None:
    """La Réunion, 1 December 10:30 there: the window opened on 2 November at midnight there (1 November
    21:00 in Paris). A call at 00:30 there on 2 November counts; one at 23:30 there on 1 November does not."""
    with db.session() as s:
        inside, outside = (
            professional(s, postcode="97400", city="Saint-Denis"),
            professional(s, last_name="Hors", postcode="97400", city="Saint-Denis"),
        )
        for cid, first in ((inside.id, datetime(2026, 11, 2, 0, 30, tzinfo=REUNION)),
                           (outside.id, datetime(2026, 11, 1, 23, 30, tzinfo=REUNION))):  # fmt: skip
            logged(s, cid, first, "Indian/Reunion")
            for day in (10, 11, 12):
                logged(s, cid, datetime(2026, 11, day, 11, 0, tzinfo=REUNION), "Indian/Reunion")
        now = datetime(2026, 12, 1, 10, 30, tzinfo=REUNION)
        capped, free = decide_one(s, inside.id, "", now), decide_one(s, outside.id, "", now)
        assert (capped.status, capped.attempts_left) == ("later", 0)
        assert capped.next_local == datetime(2026, 12, 2, 10, 0, tzinfo=REUNION)
        assert (free.status, free.attempts_left) == ("callable", 1)
        bulk = {d.contact_id: (d.status, d.attempts_left) for d in decide_calls(s, Contact.id > 0, "", now)}
        assert bulk == {inside.id: ("later", 0), outside.id: ("callable", 1)}


def test_a_call_logged_after_now_does_not_count_yet(db: Database) -> None:
    """Deciding for a moment in the past (--at) ignores the calls made after it."""
    with db.session() as s:
        c = professional(s)
        for day in (2, 3, 4, 5):
            logged(s, c.id, paris(2026, 11, day, 11, 0), "Europe/Paris")
        assert decide_one(s, c.id, "", paris(2026, 11, 5, 10, 30)).attempts_left == 1
        assert decide_one(s, c.id, "", paris(2026, 11, 5, 11, 0)).attempts_left == 0


def test_pas_interesse_blocks_60_days_on_the_callees_calendar(db: Database) -> None:
    with db.session() as s:
        c = professional(s)
        logged(s, c.id, paris(2026, 9, 14, 19, 0), "Europe/Paris", "not-interested")
        other = professional(s, last_name="Autre")
        logged(s, other.id, paris(2026, 9, 14, 19, 0), "Europe/Paris", "interested")
        day_60, day_61 = paris(2026, 11, 12, 19, 0), paris(2026, 11, 13, 10, 0)
        assert decide_one(s, c.id, "", day_60).status == "later"
        assert decide_one(s, c.id, "", day_61).status == "callable"
        assert decide_one(s, other.id, "", day_60).status == "callable"
        stats = call_stats(s, day_60)
        assert stats[c.id].last_not_interested is not None and other.id not in stats
        assert c.id not in call_stats(s, day_61 + timedelta(days=3))


def test_hundreds_of_people_at_the_cap_are_all_found(db: Database) -> None:
    """The cap's free days are read 500 people at a time: the 501st is not forgotten."""
    from sqlalchemy import insert

    from services.phone.decision import capped_free_dates

    with db.session() as s:
        ids = [
            professional(s, last_name=f"P{i}", phone=f"01 42 00 {i // 100:02d} {i % 100:02d}").id
            for i in range(502)
        ]
        s.execute(insert(CallLogEntry), [
            {"contact_id": cid, "called_at": paris(2026, 11, day, 11, 0), "callee_zone": "Europe/Paris",
             "outcome": "busy"}
            for cid in ids for day in (2, 3, 4, 5)
        ])  # fmt: skip
        free = capped_free_dates(s, paris(2026, 11, 20, 10, 30), ids)
        assert len(free) == 502 and set(free.values()) == {datetime(2026, 12, 2).date()}
        decisions = decide_calls(s, Contact.id.in_(ids[-2:]), "", paris(2026, 11, 20, 10, 30))
        assert [(d.status, d.attempts_left) for d in decisions] == [("later", 0), ("later", 0)]
