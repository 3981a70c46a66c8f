"""May this person be called now? Who (phone_eligibility) × when (call_calendar) × the call log.

`decide_calls` answers for a whole selection with three queries whatever its size: the eligibility
query, ONE grouped query over the call log for the 30-day attempt counts and the last « pas
intéressé », and one more for the call days of those already at the cap (for their next moment).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import Session

from models.contact import Contact
from models.phone import CallLogEntry
from services.call_calendar import (
    ATTEMPT_DAYS,
    MAX_ATTEMPTS,
    NOT_INTERESTED_DAYS,
    PARIS,
    ZONE_BY_PREFIX,
    Place,
    WhenDecision,
    attempts_free_on,
    decide_when,
    describe_moment,
    window_first_day,
)
from services.errors import InputError, NotFoundError
from services.phone_eligibility import (
    Eligibility,
    EligibilityInputs,
    decide_eligibility,
    eligibility_query,
    forbidden_subject,
    number_to_dial,
    rows_to_inputs,
)
from services.settings import get_setting

KNOWN_ZONES = (PARIS, *sorted(set(ZONE_BY_PREFIX.values())))


def to_utc_naive(moment: datetime) -> datetime:
    """The base stores UTC without a zone."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_utc_naive(stored: datetime) -> datetime:
    return stored.replace(tzinfo=UTC)


class CallStats(NamedTuple):
    """A person's recent calls, as far as the rules go."""

    in_window: int  # calls or attempts in the 30 calendar days ending today (callee's dates)
    free_from: date | None  # when the 4-call cap lets a call through again (None: not at the cap)
    last_not_interested: datetime | None  # UTC, within the last 60 days


def _window_starts(now: datetime) -> dict[str, datetime]:
    """For each zone, the UTC moment the 30-day window opens (midnight of its first local day)."""
    out = {}
    for zone in KNOWN_ZONES:
        tz = ZoneInfo(zone)
        first = window_first_day(now.astimezone(tz).date())
        out[zone] = to_utc_naive(datetime.combine(first, time(0, 0), tzinfo=tz))
    return out


def _attempt_conditions(now: datetime) -> tuple[list[ColumnElement[bool]], ColumnElement[bool]]:
    """The call-log lines that matter at `now` (last 62 days), and which of them are in the 30-day window
    of their callee (the zone stored on each line)."""
    starts = _window_starts(now)
    earliest = min(starts.values())
    lower = to_utc_naive(now) - timedelta(days=NOT_INTERESTED_DAYS + 2)
    in_window = CallLogEntry.called_at >= case(starts, value=CallLogEntry.callee_zone, else_=earliest)
    conds = [CallLogEntry.called_at >= min(lower, earliest), CallLogEntry.called_at <= to_utc_naive(now)]
    return conds, in_window


def attempts_query(now: datetime, where: ColumnElement[bool] | None = None) -> Select[Any]:
    """RULES.md §2: THE grouped query — per person, the calls or attempts in the last 30 calendar days
    (every campaign, call centres included) and the last « pas intéressé » (60 days)."""
    conds, in_window = _attempt_conditions(now)
    if where is not None:
        conds.append(where)
    return (
        select(
            CallLogEntry.contact_id.label("contact_id"),
            func.sum(case((in_window, 1), else_=0)).label("in_window"),
            func.max(
                case((CallLogEntry.outcome == "not-interested", CallLogEntry.called_at), else_=None)
            ).label("last_not_interested"),
        )
        .where(*conds)
        .group_by(CallLogEntry.contact_id)
    )


def capped_free_dates(
    session: Session, now: datetime, where: ColumnElement[bool] | None = None
) -> dict[int, date]:
    """RULES.md §2: for the people already at 4 calls in 30 days, the day a call is allowed again."""
    conds, in_window = _attempt_conditions(now)
    if where is not None:
        conds.append(where)
    full = (
        select(CallLogEntry.contact_id)
        .where(*conds, in_window)
        .group_by(CallLogEntry.contact_id)
        .having(func.count() >= MAX_ATTEMPTS)
    )
    rows = session.execute(
        select(CallLogEntry.contact_id, CallLogEntry.called_at, CallLogEntry.callee_zone).where(
            *conds, in_window, CallLogEntry.contact_id.in_(full)
        )
    )
    days: dict[int, list[date]] = defaultdict(list)
    for cid, at, zone in rows:
        days[cid].append(from_utc_naive(at).astimezone(ZoneInfo(zone)).date())
    out = {}
    for cid, ds in days.items():
        free = attempts_free_on(ds)
        if free is not None:
            out[cid] = free
    return out


def call_stats(
    session: Session, now: datetime, where: ColumnElement[bool] | None = None
) -> dict[int, CallStats]:
    """RULES.md §2: the recent-call figures of every person with calls (or those matching `where`)."""
    free = capped_free_dates(session, now, where)
    return {
        cid: CallStats(int(n or 0), free.get(cid), ni)
        for cid, n, ni in session.execute(attempts_query(now, where))
    }


NO_CALLS = CallStats(0, None, None)


@dataclass(slots=True)
class CallDecision:
    """The answer for one person at one moment: callable, later (with the next moment) or excluded."""

    contact_id: int
    status: str  # callable, later, excluded
    reason: str  # in French
    eligibility: Eligibility
    place: Place
    number: str
    attempts_left: int
    next_local: datetime | None = None  # the next allowed moment, callee's zone

    @property
    def allowed(self) -> bool:
        return self.status == "callable"

    def next_text(self, now: datetime) -> str:
        """« prochain créneau : lundi 10:00 (heure de La Réunion) »."""
        if self.next_local is None:
            return ""
        text = f"prochain créneau : {describe_moment(self.next_local, now.astimezone(self.place.tz).date())}"
        if self.place.zone != PARIS:
            text += f" (heure locale : {self.place.label})"
        return text

    def message(self, now: datetime) -> str:
        """The full sentence shown to a caller or printed by the command line."""
        if self.status == "callable":
            return f"Appel autorisé : {self.reason}."
        if self.status == "later":
            return f"Pas maintenant : {self.reason} — {self.next_text(now)}."
        return f"Appel interdit : {self.reason}."


def combine(
    c: EligibilityInputs,
    stats: CallStats,
    subject: str,
    now: datetime,
    validity_days: int,
    category: str | None = "",
    calendar: dict[Place, WhenDecision] | None = None,
    now_naive: datetime | None = None,
) -> CallDecision:
    """RULES.md §1 then §2: who may be called, then whether now.

    `category` (forbidden_subject of the subject), `calendar` (the calendar's answer per place for
    people without recent calls) and `now_naive` are computed once when many people are decided at once.
    """
    place = Place.of(c.postcode)
    elig = decide_eligibility(c, subject, now_naive or to_utc_naive(now), validity_days, category)
    n = stats.in_window
    left = MAX_ATTEMPTS - n if n < MAX_ATTEMPTS else 0
    number = number_to_dial(c)
    if not elig.eligible:
        return CallDecision(c.id, "excluded", elig.reason, elig, place, number, left)
    if stats.free_from is None and stats.last_not_interested is None:
        when = calendar_decision(calendar, now, place)
    else:
        ni = stats.last_not_interested
        ni_day = from_utc_naive(ni).astimezone(place.tz).date() if ni else None
        when = decide_when(now, place, stats.free_from, ni_day)
    if when.allowed:
        return CallDecision(c.id, "callable", elig.reason, elig, place, number, left)
    return CallDecision(c.id, "later", when.reason, elig, place, number, left, when.next_local)


def calendar_decision(cache: dict[Place, WhenDecision] | None, now: datetime, place: Place) -> WhenDecision:
    """RULES.md §2 for someone without recent calls: the same answer for everyone at one place."""
    if cache is None:
        return decide_when(now, place, None, None)
    when = cache.get(place)
    if when is None:
        when = cache[place] = decide_when(now, place, None, None)
    return when


def business_zone(session: Session) -> str:
    """The business's time zone (setting business.timezone): what --at and the screens' times mean."""
    name = str(get_setting(session, "business.timezone") or PARIS)
    try:
        ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError):
        raise InputError(
            f"Fuseau horaire de l'entreprise inconnu « {name} » (Réglages) : par exemple Europe/Paris."
        ) from None
    return name


def business_today(session: Session, now: datetime) -> date:
    """The business's date: what a contract's start and end are compared with."""
    return now.astimezone(ZoneInfo(business_zone(session))).date()


def decide_calls(
    session: Session, where: ColumnElement[bool], subject: str, now: datetime
) -> list[CallDecision]:
    """RULES.md §1-§2: the decision for every contact matching `where`, at `now` (aware).

    One query: the eligibility columns with the grouped call-log figures joined; one more for the
    call days of those at the cap. No query per person.
    """
    validity = int(get_setting(session, "rules.phone_consent_days"))
    today = business_today(session, now)
    attempts = attempts_query(now).subquery("attempts")
    q = (
        eligibility_query(where, subject, today)
        .add_columns(attempts.c.in_window, attempts.c.last_not_interested)
        .outerjoin(attempts, attempts.c.contact_id == Contact.id)
    )
    rows = session.connection().execute(q).all()
    free = capped_free_dates(session, now) if any(r[-2] and r[-2] >= MAX_ATTEMPTS for r in rows) else {}
    category = forbidden_subject(subject)
    calendar: dict[Place, WhenDecision] = {}
    now_naive = to_utc_naive(now)
    make = EligibilityInputs._make
    out = []
    for r in rows:
        c = make(r[:-2])
        stats = CallStats(r[-2] or 0, free.get(c.id), r[-1]) if r[-2] is not None else NO_CALLS
        out.append(combine(c, stats, subject, now, validity, category, calendar, now_naive))
    return out


def decide_one(session: Session, contact_id: int, subject: str, now: datetime) -> CallDecision:
    """The decision for one person (the call screen, `call check`, `call log`)."""
    validity = int(get_setting(session, "rules.phone_consent_days"))
    today = business_today(session, now)
    rows = rows_to_inputs(session.execute(eligibility_query(Contact.id == contact_id, subject, today)))
    if not rows:
        raise NotFoundError(f"Contact introuvable : {contact_id}")
    stats = call_stats(session, now, and_(CallLogEntry.contact_id == contact_id))
    return combine(rows[0], stats.get(contact_id, NO_CALLS), subject, now, validity)


def decision_to_dict(d: CallDecision, business_zone: str) -> dict[str, Any]:
    """The command line's JSON shape: `next` in the business's local time (what --at takes)."""
    nxt = d.next_local.astimezone(ZoneInfo(business_zone)) if d.next_local else None
    return {
        "allowed": d.allowed,
        "status": d.status,
        "reason": d.reason,
        "next": nxt.strftime("%Y-%m-%dT%H:%M") if nxt else None,
        "next_local": d.next_local.strftime("%Y-%m-%dT%H:%M") if d.next_local else None,
        "callee_zone": d.place.zone,
        "basis": d.eligibility.basis,
        "consent_id": d.eligibility.consent_id,
        "contract_id": d.eligibility.contract_id,
        "attempts_left": d.attempts_left,
    }


__all__ = ["ATTEMPT_DAYS", "CallDecision", "CallStats", "call_stats", "decide_calls", "decide_one"]
