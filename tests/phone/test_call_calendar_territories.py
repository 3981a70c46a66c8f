"""The call calendar at its boundaries (docs/rules.md §2.1-§2.3): the hours to the minute, and every
territory with its own holidays or its own time zone — what a caller in Paris would get wrong."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from services.phone.calendar import (
    Place,
    attempts_free_on,
    callee_zone,
    decide_when,
    holiday_subdivision,
    in_calling_hours,
    not_interested_until,
    window_first_day,
)
from services.phone.decision import CallDecision
from services.phone.eligibility import Eligibility
from tests.phone_helpers import paris

WEDNESDAY = date(2026, 11, 25)  # an ordinary working day everywhere


def at(day: date, hh: int, mm: int, zone: str) -> datetime:
    """A wall-clock moment in the callee's zone."""
    return datetime.combine(day, time(hh, mm), tzinfo=ZoneInfo(zone))


# --- §2.2 the hours, to the minute ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("hh", "mm", "allowed", "next_hh"),
    [
        (9, 59, False, 10),
        (10, 0, True, None),
        (12, 59, True, None),
        (13, 0, False, 14),  # the lunch break starts at 13:00 sharp
        (13, 59, False, 14),
        (14, 0, True, None),
        (19, 59, True, None),
        (20, 0, False, None),  # 20:00 is already too late: tomorrow 10:00
    ],
)
def test_calling_hours_to_the_minute(hh: int, mm: int, allowed: bool, next_hh: int | None) -> None:
    """10:00–13:00 and 14:00–20:00, ends excluded: what the calendar says and the next moment it offers."""
    assert in_calling_hours(time(hh, mm)) is allowed
    decision = decide_when(paris(2026, 11, 25, hh, mm), Place.of("75011"), None, None)
    assert decision.allowed is allowed
    if allowed:
        assert (decision.reason, decision.next_local) == ("", None)
        return
    assert f"hors des heures d'appel chez le contact ({hh:02d}:{mm:02d}" in decision.reason
    expected = paris(2026, 11, 25, next_hh, 0) if next_hh else paris(2026, 11, 26, 10, 0)
    assert decision.next_local == expected


# --- §2.1-§2.2 every territory: its zone and its holidays ---------------------------------------

# (territory, a postcode, its zone, the name shown to the caller)
ZONES = [
    ("Guadeloupe (971)", "97110", "America/Guadeloupe", "Guadeloupe"),
    ("Martinique (972)", "97200", "America/Martinique", "Martinique"),
    ("Guyane (973)", "97300", "America/Cayenne", "Guyane"),
    ("La Réunion (974)", "97400", "Indian/Reunion", "La Réunion"),
    ("Saint-Pierre-et-Miquelon (975)", "97500", "America/Miquelon", "Saint-Pierre-et-Miquelon"),
    ("Mayotte (976)", "97600", "Indian/Mayotte", "Mayotte"),
    ("Saint-Barthélemy (977)", "97133", "America/St_Barthelemy", "Saint-Barthélemy"),
    ("Saint-Martin (978)", "97150", "America/Marigot", "Saint-Martin"),
    ("Moselle (57)", "57000", "Europe/Paris", "métropole"),
    ("Bas-Rhin (67)", "67000", "Europe/Paris", "métropole"),
    ("Haut-Rhin (68)", "68100", "Europe/Paris", "métropole"),
    ("Corse", "20000", "Europe/Paris", "métropole"),
]


@pytest.mark.parametrize(("territory", "postcode", "zone", "label"), ZONES, ids=[z[0] for z in ZONES])
def test_each_territory_is_called_on_its_own_clock(
    territory: str, postcode: str, zone: str, label: str
) -> None:
    """10:00 at the callee's is allowed, 09:59 is not, whatever time it is in Paris; the caller is told
    whose clock it is."""
    place = Place.of(postcode)
    assert callee_zone(postcode) == place.zone == zone
    assert place.label == label
    assert decide_when(at(WEDNESDAY, 10, 0, zone), place, None, None).allowed
    early = decide_when(at(WEDNESDAY, 9, 59, zone), place, None, None)
    assert not early.allowed and "(09:59 ;" in early.reason
    assert early.next_local == at(WEDNESDAY, 10, 0, zone)
    assert decide_when(at(WEDNESDAY, 19, 59, zone), place, None, None).allowed
    assert not decide_when(at(WEDNESDAY, 20, 0, zone), place, None, None).allowed


def test_mayotte_keeps_its_own_hour_not_la_reunions() -> None:
    """Mayotte is one hour behind La Réunion: at 10:30 in Paris (winter) it is 12:30 in Mamoudzou, callable,
    and 13:30 in Saint-Denis, the lunch break."""
    now = paris(2026, 11, 25, 10, 30)
    mayotte, reunion = Place.of("97600"), Place.of("97400")
    assert now.astimezone(mayotte.tz).strftime("%H:%M") == "12:30"
    assert decide_when(now, mayotte, None, None).allowed
    refused = decide_when(now, reunion, None, None)
    assert not refused.allowed and "(13:30 ;" in refused.reason
    # 07:45 in Paris: 10:45 at La Réunion (callable) but 09:45 in Mayotte, where calls open at 10:00.
    dawn = paris(2026, 11, 25, 7, 45)
    assert decide_when(dawn, reunion, None, None).allowed
    later = decide_when(dawn, mayotte, None, None)
    assert not later.allowed and "(09:45 ;" in later.reason
    d = CallDecision(1, "later", later.reason, Eligibility(True, ""), mayotte, "", 4, later.next_local)
    assert d.next_text(dawn) == "prochain créneau : aujourd'hui 10:00 (heure locale : Mayotte)"


# (territory, a postcode, a working day that is a public holiday there and not in Paris, its name)
HOLIDAYS = [
    ("Guadeloupe (971)", "97110", date(2026, 5, 27), "Abolition de l'esclavage"),
    ("Guadeloupe (971), Mi-Carême", "97110", date(2026, 3, 12), "Mi-Carême"),
    ("Martinique (972)", "97200", date(2026, 5, 22), "Abolition de l'esclavage"),
    ("Guyane (973)", "97300", date(2026, 6, 10), "Abolition de l'esclavage"),
    ("La Réunion (974)", "97400", date(2027, 12, 20), "Abolition de l'esclavage"),
    ("Mayotte (976)", "97600", date(2026, 4, 27), "Abolition de l'esclavage"),
    ("Saint-Barthélemy (977)", "97133", date(2026, 10, 9), "Abolition de l'esclavage"),
    ("Saint-Martin (978)", "97150", date(2026, 5, 28), "Abolition de l'esclavage"),
    ("Moselle (57)", "57000", date(2026, 4, 3), "Vendredi saint"),
    ("Bas-Rhin (67)", "67000", date(2026, 4, 3), "Vendredi saint"),
    ("Haut-Rhin (68)", "68100", date(2026, 4, 3), "Vendredi saint"),
    ("Moselle (57), 26 décembre", "57000", date(2028, 12, 26), "Saint-Étienne"),
    ("Bas-Rhin (67), 26 décembre", "67000", date(2028, 12, 26), "Saint-Étienne"),
    ("Haut-Rhin (68), 26 décembre", "68100", date(2028, 12, 26), "Saint-Étienne"),
]


@pytest.mark.parametrize(("territory", "postcode", "day", "name"), HOLIDAYS, ids=[h[0] for h in HOLIDAYS])
def test_each_territory_keeps_its_own_public_holidays(
    territory: str, postcode: str, day: date, name: str
) -> None:
    """A holiday of the callee's place forbids the call there, says which, and offers the next working day;
    the same day is an ordinary working day in Paris."""
    assert day.weekday() < 5
    place = Place.of(postcode)
    decision = decide_when(at(day, 11, 0, place.zone), place, None, None)
    assert not decision.allowed
    assert decision.reason == f"jour férié ({name}) chez le contact"
    assert decision.next_local is not None and decision.next_local.date() > day
    assert decide_when(paris(day.year, day.month, day.day, 11, 0), Place.of("75011"), None, None).allowed


def test_every_territory_names_its_holiday_calendar() -> None:
    """The calendar of each place (Saint-Pierre-et-Miquelon's has no day of its own in the `holidays`
    package today, but it is its own: a day added there must apply)."""
    expected = {
        "97110": "971", "97200": "972", "97300": "973", "97400": "974", "97500": "PM", "97600": "976",
        "97133": "BL", "97150": "MF", "57000": "57", "67000": "6AE", "68100": "6AE", "75011": None,
        "20000": None,
    }  # fmt: skip
    assert {pc: holiday_subdivision(pc) for pc in expected} == expected
    assert {pc: Place.of(pc).subdiv for pc in expected} == expected


# --- §2.3-§2.4 the 30-day cap and the 60-day pause, at the day that changes -----------------------


def test_the_30_day_window_and_the_fifth_call_on_day_31() -> None:
    """The window of « 30 calendar days » ends today and began 29 days ago; 4 calls from 2 November: the 5th
    waits for 2 December (day 31), refused on 1 December (day 30) whatever the hour."""
    assert window_first_day(date(2026, 12, 1)) == date(2026, 11, 2)
    assert window_first_day(date(2026, 12, 2)) == date(2026, 11, 3)
    calls = [date(2026, 11, 2), date(2026, 11, 10), date(2026, 11, 11), date(2026, 11, 12)]
    assert attempts_free_on(calls[:3]) is None
    free = attempts_free_on(calls)
    assert free == date(2026, 12, 2)
    place = Place.of("75011")
    day_30 = decide_when(paris(2026, 12, 1, 19, 59), place, free, None)
    assert not day_30.allowed and day_30.reason == "déjà 4 appels ou tentatives en 30 jours"
    assert day_30.next_local == paris(2026, 12, 2, 10, 0)
    assert decide_when(paris(2026, 12, 2, 10, 0), place, free, None).allowed


def test_the_60_day_pause_ends_on_day_61() -> None:
    """« Pas intéressé » on Monday 14 September: refused through Thursday 12 November (day 60, at any hour),
    callable from Friday 13 November (day 61) at 10:00."""
    refused_on = date(2026, 9, 14)
    assert not_interested_until(refused_on) == date(2026, 11, 13)
    place = Place.of("75011")
    day_60 = decide_when(paris(2026, 11, 12, 19, 59), place, None, refused_on)
    assert not day_60.allowed
    assert day_60.reason == "« pas intéressé » le 14/09/2026 (pas d'appel pendant 60 jours)"
    assert day_60.next_local == paris(2026, 11, 13, 10, 0)
    assert decide_when(paris(2026, 11, 13, 10, 0), place, None, refused_on).allowed
