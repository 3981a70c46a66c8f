"""When a prospecting call may be made (docs/rules.md §2, décret 2022-1313, art. D223-9).

Every function takes the moment it decides about (`now`, an aware datetime): the clock is never read
here, so the tests can stand on any Friday at 19:59.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

PARIS = "Europe/Paris"

# docs/rules.md §2.2: the callee's own time zone, from the postcode (overseas departments and collectivities).
ZONE_BY_PREFIX: dict[str, str] = {
    "97133": "America/St_Barthelemy",
    "97150": "America/Marigot",
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
}
# docs/rules.md §2.1: the holidays of the callee's place, as holidays.France subdivisions.
SUBDIV_BY_PREFIX: dict[str, str] = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "97133": "BL",
    "97150": "MF",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "975": "PM",
    "976": "976",
    "986": "WF",
    "987": "PF",
    "988": "NC",
}
# docs/rules.md §2.2: 10:00–13:00 and 14:00–20:00 (end excluded: 19:59 is allowed, 20:00 is not).
CALL_WINDOWS: tuple[tuple[time, time], ...] = ((time(10, 0), time(13, 0)), (time(14, 0), time(20, 0)))
MAX_ATTEMPTS = 4  # docs/rules.md §2.3: per person per 30 calendar days, every campaign and call centre
ATTEMPT_DAYS = 30
NOT_INTERESTED_DAYS = 60  # docs/rules.md §2.4: after a refusal during a call

WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")  # fmt: skip
ZONE_LABELS = {
    PARIS: "métropole",
    "America/Guadeloupe": "Guadeloupe",
    "America/St_Barthelemy": "Saint-Barthélemy",
    "America/Marigot": "Saint-Martin",
    "America/Martinique": "Martinique",
    "America/Cayenne": "Guyane",
    "Indian/Reunion": "La Réunion",
    "America/Miquelon": "Saint-Pierre-et-Miquelon",
    "Indian/Mayotte": "Mayotte",
    "Pacific/Wallis": "Wallis-et-Futuna",
    "Pacific/Tahiti": "Polynésie française",
    "Pacific/Noumea": "Nouvelle-Calédonie",
}


def _by_prefix(table: dict[str, str], postcode: str) -> str | None:
    pc = (postcode or "").strip()
    for prefix in sorted(table, key=len, reverse=True):
        if pc.startswith(prefix):
            return table[prefix]
    return None


def callee_zone(postcode: str) -> str:
    """docs/rules.md §2.2: the callee's time zone from the postcode (metropolitan France and Corsica: Paris)."""
    return _by_prefix(ZONE_BY_PREFIX, postcode) or PARIS


def holiday_subdivision(postcode: str) -> str | None:
    """docs/rules.md §2.1: which holiday calendar applies at the callee's place (None: metropolitan)."""
    return _by_prefix(SUBDIV_BY_PREFIX, postcode)


@lru_cache(maxsize=256)
def _holidays(subdiv: str | None, year: int) -> holidays.HolidayBase:
    # expand=False: exactly that year's days, so the cache never grows behind our back and a wrong year
    # asked for finds no holiday instead of being silently corrected by the library.
    return holidays.France(subdiv=subdiv, years=year, language="fr", expand=False)


def public_holiday(day: date, subdiv: str | None) -> str | None:
    """docs/rules.md §2.1: the name of the public holiday on that day at the callee's place, else None."""
    return _holidays(subdiv, day.year).get(day)


def is_calling_day(day: date, subdiv: str | None) -> bool:
    """docs/rules.md §2.1: Monday to Friday, not a public holiday of the callee's place."""
    return day.weekday() < 5 and public_holiday(day, subdiv) is None


def in_calling_hours(t: time) -> bool:
    """docs/rules.md §2.2: 10:00–13:00 or 14:00–20:00, callee's time."""
    return any(start <= t < end for start, end in CALL_WINDOWS)


@dataclass(frozen=True)
class Place:
    """Where the callee is, for the calendar: their zone and their holidays."""

    zone: str
    subdiv: str | None

    @classmethod
    def of(cls, postcode: str) -> Place:
        place = _PLACES.get(postcode)
        if place is None:
            place = _PLACES[postcode] = _place(postcode[:5] if postcode else "")
        return place

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def label(self) -> str:
        return ZONE_LABELS.get(self.zone, self.zone)


_PLACES: dict[str, Place] = {}  # per postcode: 100,000 contacts share a few thousand postcodes


@lru_cache(maxsize=64)
def _place_of(zone: str, subdiv: str | None) -> Place:
    return Place(zone, subdiv)


def _place(postcode: str) -> Place:
    return _place_of(callee_zone(postcode), holiday_subdivision(postcode))


def why_not_now(local: datetime, place: Place) -> str | None:
    """docs/rules.md §2: why the calendar forbids a call at this local moment, or None when it allows it."""
    day = local.date()
    if day.weekday() >= 5:
        return f"le {WEEKDAYS_FR[day.weekday()]} on n'appelle pas (du lundi au vendredi seulement)"
    name = public_holiday(day, place.subdiv)
    if name:
        return f"jour férié ({name}) chez le contact"
    if not in_calling_hours(local.time()):
        return f"hors des heures d'appel chez le contact ({local:%H:%M} ; appels de 10:00 à 13:00 et de 14:00 à 20:00)"
    return None


def next_window_start(local: datetime, place: Place) -> datetime:
    """docs/rules.md §2: the first allowed local moment at or after `local` (the moment itself if allowed)."""
    day = local.date()
    for _ in range(60):  # the longest run of days without calls is a few days; 60 is far beyond
        if is_calling_day(day, place.subdiv):
            for start, end in CALL_WINDOWS:
                begin = datetime.combine(day, start, tzinfo=local.tzinfo)
                finish = datetime.combine(day, end, tzinfo=local.tzinfo)
                if local < finish:
                    return max(local, begin)
        day += timedelta(days=1)
        local = datetime.combine(day, time(0, 0), tzinfo=local.tzinfo)
    raise RuntimeError("aucun créneau d'appel dans les 60 jours")  # not reachable with real calendars


def attempts_free_on(call_days: list[date]) -> date | None:
    """docs/rules.md §2.3: with these call days (callee's dates, the last 30 days), the first day a 5th is allowed.

    None when fewer than 4 calls were made in the window: a call is allowed as far as the cap goes.
    """
    if len(call_days) < MAX_ATTEMPTS:
        return None
    days = sorted(call_days)
    # The oldest call that must leave the 30-day window for the count to fall to 3.
    leaving = days[len(days) - MAX_ATTEMPTS]
    return leaving + timedelta(days=ATTEMPT_DAYS)


def window_first_day(today: date) -> date:
    """docs/rules.md §2.3: the first day of the 30 calendar days ending today (calls on or after it count)."""
    return today - timedelta(days=ATTEMPT_DAYS - 1)


def not_interested_until(refused_on: date) -> date:
    """docs/rules.md §2.4: after « pas intéressé » on that day, the first day a call is allowed again (60 days)."""
    return refused_on + timedelta(days=NOT_INTERESTED_DAYS)


def describe_moment(local: datetime, today: date) -> str:
    """« lundi 10:00 » within the week, « lundi 28 décembre 10:00 » further away."""
    weekday = WEEKDAYS_FR[local.weekday()]
    if local.date() == today:
        return f"aujourd'hui {local:%H:%M}"
    if (local.date() - today).days < 7:
        return f"{weekday} {local:%H:%M}"
    return f"{weekday} {local.day} {MONTHS_FR[local.month - 1]} {local.year} {local:%H:%M}"


@dataclass(frozen=True)
class WhenDecision:
    allowed: bool
    reason: str  # in French; empty when allowed
    next_local: datetime | None  # the next allowed moment, in the callee's zone (None when allowed)


def decide_when(
    now: datetime,
    place: Place,
    attempts_free_from: date | None,
    not_interested_on: date | None,
) -> WhenDecision:
    """docs/rules.md §2: may this person be called at `now` (aware)? Otherwise why, and from when.

    attempts_free_from: from attempts_free_on() (None: fewer than 4 calls in the last 30 days);
    not_interested_on: the callee's local date of the last « pas intéressé », if any.
    """
    local = now.astimezone(place.tz)
    today = local.date()
    reasons: list[str] = []
    earliest = local
    if attempts_free_from is not None and attempts_free_from > today:
        reasons.append(f"déjà {MAX_ATTEMPTS} appels ou tentatives en 30 jours")
        earliest = max(earliest, datetime.combine(attempts_free_from, time(0, 0), tzinfo=place.tz))
    if not_interested_on is not None and not_interested_until(not_interested_on) > today:
        until = not_interested_until(not_interested_on)
        reasons.append(f"« pas intéressé » le {not_interested_on:%d/%m/%Y} (pas d'appel pendant 60 jours)")
        earliest = max(earliest, datetime.combine(until, time(0, 0), tzinfo=place.tz))
    calendar = why_not_now(local, place)
    if calendar and not reasons:
        reasons.append(calendar)
    if not reasons:
        return WhenDecision(True, "", None)
    return WhenDecision(False, "; ".join(reasons), next_window_start(earliest, place))
