"""What the caller and the command line are told (docs/rules.md §1-§2): the sentence, the next moment on
both clocks, the attempts left; the 30-day window counted on the callee's calendar, overseas too."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from models.contact import Contact
from models.database import Database
from models.phone import CallLogEntry
from services.core.errors import NotFoundError
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


NOUMEA = ZoneInfo("Pacific/Noumea")
UTC = ZoneInfo("UTC")


def test_the_window_opens_at_midnight_sharp_on_its_first_day(db: Database) -> None:
    """30 November 10:30: the window opened on 1 November at 00:00:00 — a call at that very second counts,
    one a second before does not."""
    with db.session() as s:
        on_time = professional(s)
        too_early = professional(s, last_name="Avant")
        logged(s, on_time.id, paris(2026, 11, 1, 0, 0), "Europe/Paris")
        logged(s, too_early.id, paris(2026, 11, 1, 0, 0) - timedelta(seconds=1), "Europe/Paris")
        now = paris(2026, 11, 30, 10, 30)
        assert decide_one(s, on_time.id, "", now).attempts_left == 3
        assert decide_one(s, too_early.id, "", now).attempts_left == 4


def test_the_window_follows_the_callees_date_not_the_servers(db: Database) -> None:
    """13:30 UTC on 30 November is already 1 December 00:30 in Nouméa: there the window opened on
    2 November, so a call on 1 November (Nouméa's date) no longer counts."""
    with db.session() as s:
        c = professional(s, postcode="98800", city="Nouméa")
        logged(s, c.id, datetime(2026, 11, 1, 12, 0, tzinfo=NOUMEA), "Pacific/Noumea")
        logged(s, c.id, datetime(2026, 11, 2, 12, 0, tzinfo=NOUMEA), "Pacific/Noumea")
        now = datetime(2026, 11, 30, 13, 30, tzinfo=UTC)
        assert decide_one(s, c.id, "", now).attempts_left == 3
        [bulk] = decide_calls(s, Contact.id == c.id, "", now)
        assert bulk.attempts_left == 3


def test_pas_interesse_is_dated_on_the_callees_calendar(db: Database) -> None:
    """« Pas intéressé » at 08:00 on 14 September in Nouméa (still 13 September in UTC and in Paris):
    the 60 days run from 14 September there, so 12 November is still blocked and 13 November is not."""
    with db.session() as s:
        c = professional(s, postcode="98800", city="Nouméa")
        logged(s, c.id, datetime(2026, 9, 14, 8, 0, tzinfo=NOUMEA), "Pacific/Noumea", "not-interested")
        day_59 = datetime(2026, 11, 12, 10, 30, tzinfo=NOUMEA)
        d = decide_one(s, c.id, "", day_59)
        assert d.status == "later" and "pas intéressé" in d.reason
        assert d.next_local == datetime(2026, 11, 13, 10, 0, tzinfo=NOUMEA)
        assert decide_one(s, c.id, "", datetime(2026, 11, 13, 10, 30, tzinfo=NOUMEA)).status == "callable"


def test_pas_interesse_blocks_from_the_very_moment_it_is_logged(db: Database) -> None:
    with db.session() as s:
        c = professional(s)
        at = paris(2026, 11, 25, 11, 0)
        logged(s, c.id, at, "Europe/Paris", "not-interested")
        d = decide_one(s, c.id, "", at)
        assert d.status == "later" and "pas intéressé" in d.reason


def test_answers_given_after_the_moment_asked_about_do_not_count(db: Database) -> None:
    """Deciding for 10 November (--at): a « pas intéressé » of 26 November does not block yet, and a call
    of 20 November does not push back the day the cap lets a call through (2 December, 30 days after
    the call of 2 November)."""
    with db.session() as s:
        refused_later = professional(s)
        logged(s, refused_later.id, paris(2026, 11, 26, 11, 0), "Europe/Paris", "not-interested")
        capped = professional(s, last_name="Plafond")
        for day in (2, 3, 4, 5, 20):
            logged(s, capped.id, paris(2026, 11, day, 11, 0), "Europe/Paris")
        now = paris(2026, 11, 10, 10, 30)
        assert decide_one(s, refused_later.id, "", now).status == "callable"
        d = decide_one(s, capped.id, "", now)
        assert (d.status, d.attempts_left, d.next_local) == ("later", 0, paris(2026, 12, 2, 10, 0))
        bulk = {x.contact_id: (x.status, x.next_local) for x in decide_calls(s, Contact.id > 0, "", now)}
        assert bulk == {refused_later.id: ("callable", None), capped.id: ("later", paris(2026, 12, 2, 10, 0))}


def test_the_next_slot_is_named_from_the_callees_today(db: Database) -> None:
    """20:00 UTC on 24 November is 07:00 on Wednesday 25 November in Nouméa: the next slot is « aujourd'hui »
    there, not « mercredi »."""
    with db.session() as s:
        c = professional(s, postcode="98800", city="Nouméa")
        now = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
        d = decide_one(s, c.id, "", now)
        assert d.next_text(now) == "prochain créneau : aujourd'hui 10:00 (heure locale : Nouvelle-Calédonie)"


def test_an_unknown_contact_is_named_in_the_error(db: Database) -> None:
    with db.session() as s, pytest.raises(NotFoundError, match=r"^Contact introuvable : 999999$"):
        decide_one(s, 999999, "", paris(2026, 11, 25))
