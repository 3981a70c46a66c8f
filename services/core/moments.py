"""Moments at the edges, without the base: UTC inside, the business's wall time outside (docs/rules.md
§10.1). The zone the screens and files show is set once a base is opened (services.core.clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

PARIS = "Europe/Paris"

# Like a locale: the business's zone, set by services.core.clock.use_display_zone when a base opens.
_display_zone = ZoneInfo(PARIS)


def set_display_zone(tz: ZoneInfo) -> None:
    global _display_zone
    _display_zone = tz


def display_zone() -> ZoneInfo:
    return _display_zone


def now() -> datetime:
    """This instant, aware, in UTC."""
    return datetime.now(UTC)


def business_date() -> date:
    """Today in the business's zone (docs/rules.md §10.1): the day a deadline, a notice, a register or a
    default date is counted from, whatever zone the computer itself is set to."""
    return datetime.now(_display_zone).date()


def wall_time(moment: datetime) -> datetime:
    """An aware moment as the business's clock shows it, without a zone (a spreadsheet cell, a table)."""
    return moment.astimezone(_display_zone).replace(tzinfo=None) if moment.tzinfo else moment


def from_wall_time(wall: datetime, tz: ZoneInfo) -> datetime:
    """A time as a person typed it (no zone) read in the business's zone; an aware one is kept."""
    return wall.replace(tzinfo=tz) if wall.tzinfo is None else wall


def noon_of(day: date, tz: ZoneInfo) -> datetime:
    """A day given without a time (`--on 2026-03-02`): noon in the business's zone, clear of midnight."""
    return datetime.combine(day, time(12, 0), tzinfo=tz)


def day_in(moment: datetime, tz: ZoneInfo) -> date:
    """The calendar day a moment falls on in the business's zone."""
    return moment.astimezone(tz).date()


def iso_utc(moment: datetime | None) -> str | None:
    """A moment in --json output: ISO 8601 in UTC with its offset (2026-11-30T14:05:00+00:00)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment is not None else None


def to_utc_naive(moment: datetime) -> datetime:
    """The stored form of a moment, for the few bulk reads that compare with the driver's own rows."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_utc_naive(stored: datetime) -> datetime:
    """A moment read raw from the base (UTC without a zone), made aware."""
    return stored.replace(tzinfo=UTC)
