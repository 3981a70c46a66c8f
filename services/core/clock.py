"""The business's clock, read from the base: its time zone (setting `business.timezone`) and the zone
the screens and files then show (docs/rules.md §10.1). The conversions themselves are in
services.core.moments, which needs no base.

The base takes only aware datetimes (models.base.UTCDateTime). What a person types or reads — a
consent's time in the window, `--on` and `--at` on the command line, a date in a spreadsheet — is in
the business's zone and is converted at the edge, never deeper.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from services.core.errors import InputError
from services.core.moments import PARIS, set_display_zone
from services.core.settings import get_setting


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


def use_display_zone(session: Session) -> ZoneInfo:
    """Show moments in this base's business zone from now on: called when a base is opened and when the
    setting changes — the one place the edges' zone is chosen."""
    tz = business_tz(session)
    set_display_zone(tz)
    return tz
