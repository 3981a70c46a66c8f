"""Moments: stored in UTC, typed and shown in the business's time zone (docs/rules.md §10.1).

The base takes only aware datetimes (models.base.UTCDateTime). What a person types or reads — a
consent's time in the window, `--on` and `--at` on the command line, a date in a spreadsheet — is in
the business's zone (setting `business.timezone`, Europe/Paris by default) and is converted here, at
the edge, never deeper.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from services.core.errors import InputError
from services.core.settings import get_setting

PARIS = "Europe/Paris"


def now() -> datetime:
    """This instant, aware, in UTC."""
    return datetime.now(UTC)


def business_zone(session: Session) -> str:
    """The business's time zone name (setting business.timezone): what --at, --on and the screens mean."""
    name = str(get_setting(session, "business.timezone") or PARIS)
    try:
        ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError):
        raise InputError(
            f"Fuseau horaire de l'entreprise inconnu « {name} » (Réglages) : par exemple Europe/Paris."
        ) from None
    return name


def business_tz(session: Session) -> ZoneInfo:
    return ZoneInfo(business_zone(session))


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
