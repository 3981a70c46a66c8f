"""When a call may be made (docs/rules.md §2), with an injected clock: days, hours, holidays, time zones."""

from __future__ import annotations

from datetime import date, datetime

from services.phone.calendar import (
    Place,
    attempts_free_on,
    callee_zone,
    decide_when,
    holiday_subdivision,
    next_window_start,
    not_interested_until,
)
from services.phone.decision import CallDecision
from services.phone.eligibility import Eligibility
from tests.phone_helpers import paris

PARIS_PLACE = Place.of("75011")


def allowed(now: datetime, postcode: str = "75011") -> bool:
    return decide_when(now, Place.of(postcode), None, None).allowed


def test_friday_1959_allowed_and_2000_not() -> None:
    """Friday 19:59 is inside the 14:00–20:00 window; 20:00 is already outside."""
    assert allowed(paris(2026, 11, 27, 19, 59))
    decision = decide_when(paris(2026, 11, 27, 20, 0), PARIS_PLACE, None, None)
    assert not decision.allowed
    assert "hors des heures" in decision.reason
    assert decision.next_local == paris(2026, 11, 30, 10, 0)  # Monday 10:00


def test_lunch_break_1330_not_allowed() -> None:
    """13:30 falls in the 13:00–14:00 gap; the next moment is 14:00 the same day."""
    decision = decide_when(paris(2026, 11, 26, 13, 30), PARIS_PLACE, None, None)
    assert not decision.allowed
    assert decision.next_local == paris(2026, 11, 26, 14, 0)
    assert allowed(paris(2026, 11, 26, 12, 59)) and allowed(paris(2026, 11, 26, 10, 0))
    assert not allowed(paris(2026, 11, 26, 9, 59))


def test_saturday_not_allowed_next_is_monday() -> None:
    """No call on a Saturday; the next moment is Monday 10:00, said as « lundi 10:00 »."""
    now = paris(2026, 11, 28, 11, 0)
    decision = decide_when(now, PARIS_PLACE, None, None)
    assert not decision.allowed and "samedi" in decision.reason
    assert decision.next_local == paris(2026, 11, 30, 10, 0)
    d = CallDecision(
        1, "later", decision.reason, Eligibility(True, ""), PARIS_PLACE, "", 4, decision.next_local
    )
    assert d.next_text(now) == "prochain créneau : lundi 10:00"


def test_first_of_may_and_fourteenth_of_july_not_allowed() -> None:
    """1 May (a Friday in 2026) and 14 July (a Tuesday) are public holidays everywhere."""
    for day in (paris(2026, 5, 1, 11, 0), paris(2026, 7, 14, 11, 0)):
        decision = decide_when(day, PARIS_PLACE, None, None)
        assert not decision.allowed and "férié" in decision.reason
    assert allowed(paris(2026, 7, 15, 11, 0))


def test_good_friday_refused_in_strasbourg_allowed_in_paris() -> None:
    """Good Friday (3 April 2026) is a holiday in Alsace-Moselle only."""
    good_friday = paris(2026, 4, 3, 11, 0)
    assert holiday_subdivision("67000") == "6AE" and holiday_subdivision("57000") == "57"
    strasbourg = decide_when(good_friday, Place.of("67000"), None, None)
    assert not strasbourg.allowed and "Vendredi saint" in strasbourg.reason
    assert not allowed(good_friday, "57000")
    assert allowed(good_friday, "75011")
    # Easter Monday is then a holiday for both; Tuesday 10:00 is the next moment in Strasbourg.
    assert strasbourg.next_local == paris(2026, 4, 7, 10, 0)


def test_paris_1030_is_not_1030_in_saint_denis_de_la_reunion() -> None:
    """At 10:30 in Paris (winter) it is 13:30 on La Réunion: callable in Paris, not in Saint-Denis."""
    assert callee_zone("97400") == "Indian/Reunion"
    now = paris(2026, 11, 26, 10, 30)
    assert allowed(now, "75011")
    reunion = decide_when(now, Place.of("97400"), None, None)
    assert not reunion.allowed and "13:30" in reunion.reason
    assert reunion.next_local is not None and reunion.next_local.strftime("%H:%M") == "14:00"
    assert reunion.next_local.astimezone(paris(2026, 1, 1).tzinfo).strftime("%H:%M") == "11:00"
    # And 08:00 in Paris is 11:00 there: callable on the island while Paris is not open yet.
    assert allowed(paris(2026, 11, 26, 8, 0), "97400") and not allowed(paris(2026, 11, 26, 8, 0))


def test_overseas_holidays_are_their_own() -> None:
    """20 December (abolition of slavery) is a holiday on La Réunion, not in Paris."""
    day = paris(2027, 12, 20, 8, 0)  # a Monday: 11:00 on the island
    assert not allowed(day, "97400")
    assert allowed(paris(2027, 12, 20, 11, 0), "75011")
    assert callee_zone("97200") == "America/Martinique" and callee_zone("97500") == "America/Miquelon"
    assert callee_zone("20000") == "Europe/Paris"  # Corsica


def test_cap_and_not_interested_arithmetic() -> None:
    """4 calls in 30 days: free 30 days after the oldest that must leave; « pas intéressé »: 60 days."""
    days = [date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 5)]
    assert attempts_free_on(days[:3]) is None
    assert attempts_free_on(days) == date(2026, 12, 2)
    assert attempts_free_on([*days, date(2026, 11, 6)]) == date(2026, 12, 3)  # 2 must leave
    assert not_interested_until(date(2026, 9, 1)) == date(2026, 10, 31)


def test_next_window_skips_christmas_weekend() -> None:
    """Thursday 24 December 2026 20:00 → Monday 28 December 10:00 (Christmas Friday, weekend)."""
    assert next_window_start(paris(2026, 12, 24, 20, 0), PARIS_PLACE) == paris(2026, 12, 28, 10, 0)
