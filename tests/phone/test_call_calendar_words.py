"""The calendar's other answers (docs/rules.md §2): the words shown for the next moment, the weekend's
reason, the next window across holidays and weekends, a postcode typed with spaces or a CEDEX suffix."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.phone.calendar import (
    Place,
    callee_zone,
    decide_when,
    describe_moment,
    holiday_subdivision,
    is_calling_day,
    next_window_start,
    public_holiday,
    why_not_now,
)
from tests.phone_helpers import paris


def test_the_next_moment_in_words() -> None:
    today = date(2026, 11, 25)  # a Wednesday
    assert describe_moment(paris(2026, 11, 25, 14, 0), today) == "aujourd'hui 14:00"
    assert describe_moment(paris(2026, 11, 26, 10, 0), today) == "jeudi 10:00"
    assert (
        describe_moment(paris(2026, 12, 1, 10, 0), today) == "mardi 10:00"
    )  # 6 days on: still this week's words
    assert describe_moment(paris(2026, 12, 2, 10, 0), today) == "mercredi 2 décembre 2026 10:00"
    assert describe_moment(paris(2027, 1, 4, 9, 5), today) == "lundi 4 janvier 2027 09:05"


def test_the_reasons_in_words() -> None:
    place = Place.of("75011")
    assert why_not_now(paris(2026, 11, 29, 11, 0), place) == (
        "le dimanche on n'appelle pas (du lundi au vendredi seulement)"
    )
    assert why_not_now(paris(2026, 11, 11, 11, 0), place) == "jour férié (Armistice) chez le contact"
    assert why_not_now(paris(2026, 11, 12, 8, 5), place) == (
        "hors des heures d'appel chez le contact (08:05 ; appels de 10:00 à 13:00 et de 14:00 à 20:00)"
    )
    assert why_not_now(paris(2026, 11, 12, 11, 0), place) is None


def test_the_next_window_across_weekends_and_holidays() -> None:
    place = Place.of("75011")
    assert next_window_start(paris(2026, 11, 10, 20, 0), place) == paris(2026, 11, 12, 10, 0)  # 11 Nov
    assert next_window_start(paris(2026, 11, 10, 12, 59), place) == paris(2026, 11, 10, 12, 59)  # itself
    assert next_window_start(paris(2026, 11, 10, 13, 0), place) == paris(2026, 11, 10, 14, 0)
    assert next_window_start(paris(2026, 11, 10, 0, 0), place) == paris(2026, 11, 10, 10, 0)
    assert next_window_start(paris(2026, 12, 31, 19, 0), place) == paris(2026, 12, 31, 19, 0)
    assert next_window_start(paris(2026, 12, 31, 20, 0), place) == paris(2027, 1, 4, 10, 0)  # 1 Jan, weekend
    cayenne = ZoneInfo("America/Cayenne")
    guyane = Place.of("97300")
    assert next_window_start(datetime(2026, 6, 9, 20, 0, tzinfo=cayenne), guyane) == datetime(
        2026, 6, 11, 10, 0, tzinfo=cayenne
    )  # 10 June there
    assert not decide_when(paris(2026, 11, 28, 11, 0), place, None, None).allowed


def test_days_and_holidays() -> None:
    assert is_calling_day(date(2026, 11, 27), None) and not is_calling_day(date(2026, 11, 28), None)
    assert not is_calling_day(date(2026, 11, 29), None) and not is_calling_day(date(2026, 12, 25), None)
    assert is_calling_day(date(2026, 4, 3), None) and not is_calling_day(date(2026, 4, 3), "57")
    assert public_holiday(date(2026, 12, 25), None) == "Noël"
    assert public_holiday(date(2026, 12, 24), None) is None


def test_postcodes_as_they_are_typed() -> None:
    assert callee_zone(" 97400 ") == "Indian/Reunion"
    assert callee_zone("") == callee_zone("75011") == "Europe/Paris"
    assert holiday_subdivision(" 67000") == "6AE" and holiday_subdivision("") is None
    assert Place.of("97400 CEDEX").zone == "Indian/Reunion"
    assert (
        Place.of("97133").subdiv == "BL"
        and Place.of("97150").subdiv == "MF"
        and Place.of("97100").subdiv == "971"
    )
    assert Place.of("97600") is Place.of("97600")  # one Place per postcode
    assert Place.of("").zone == "Europe/Paris"
