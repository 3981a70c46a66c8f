"""May this person be called now? Who (phone_eligibility) × when (call_calendar) × the call log.

`iter_decisions` answers for a whole selection batch by batch, with a few queries per batch whatever
its size: the eligibility query, their oppositions, the consent records of those people, ONE grouped
query over their call log for the 30-day attempt counts and the last « pas intéressé », and one more for
the call days of those already at the cap (for their next moment). Memory and time follow the selection,
not the base. `count_calls` goes through the same batches and the same rules (decide_status) without
building what is only shown (the decision object, the number to dial).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, DateTime, Integer, Select, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from models.contact import Contact
from models.phone import CallLogEntry
from services.core.bulk import as_datetime, collector_paused, driver_rows, id_conditions
from services.core.clock import business_zone
from services.core.errors import NotFoundError
from services.core.moments import from_utc_naive, to_utc_naive
from services.core.settings import get_setting, get_settings
from services.phone.calendar import (
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
from services.phone.eligibility import (
    Eligibility,
    EligibilityInputs,
    category_label,
    decide_eligibility,
    eligibility_query,
    latest_phone_answers,
    number_to_dial,
    with_answers,
    with_oppositions,
)

KNOWN_ZONES = (PARIS, *sorted(set(ZONE_BY_PREFIX.values())))
T = TypeVar("T")


class CallStats(NamedTuple):
    """A person's recent calls, as far as the rules go."""

    in_window: int  # calls or attempts in the 30 calendar days ending today (callee's dates)
    free_from: date | None  # when the 4-call cap lets a call through again (None: not at the cap)
    last_not_interested: datetime | None  # UTC, within the last 60 days


def inline(value: Any) -> ColumnElement[Any]:
    """A constant written into the SQL text rather than bound: SQLite converts a bound value to the
    column's affinity again on every row it compares, which doubles the time over the call log."""
    return literal(value, DateTime if isinstance(value, datetime) else None, literal_execute=True)


def _window_starts(now: datetime) -> dict[str, datetime]:
    """For each zone, the UTC moment the 30-day window opens (midnight of its first local day)."""
    out = {}
    for zone in KNOWN_ZONES:
        tz = ZoneInfo(zone)
        first = window_first_day(now.astimezone(tz).date())
        out[zone] = to_utc_naive(datetime.combine(first, time(0, 0), tzinfo=tz))
    return out


def in_window(now: datetime) -> ColumnElement[bool]:
    """docs/rules.md §2.3: a call-log line is in the 30-day window of its callee (the zone stored on each line)."""
    starts = _window_starts(now)
    # Each branch compares (not « called_at >= CASE … END »): PostgreSQL then reads each inline moment
    # as a timestamp.
    after_opening = case(
        *[
            (CallLogEntry.callee_zone == inline(zone), CallLogEntry.called_at >= inline(at))
            for zone, at in starts.items()
        ],
        else_=CallLogEntry.called_at >= inline(min(starts.values())),
    )
    return and_(after_opening, CallLogEntry.called_at <= inline(to_utc_naive(now)))


def recent_not_interested(now: datetime) -> ColumnElement[bool]:
    """docs/rules.md §2.4: a « pas intéressé » recent enough to still block (60 days, and a margin for zones)."""
    lower = to_utc_naive(now) - timedelta(days=NOT_INTERESTED_DAYS + 2)
    return and_(
        CallLogEntry.outcome == inline("not-interested"),
        CallLogEntry.called_at >= inline(lower),
        CallLogEntry.called_at <= inline(to_utc_naive(now)),
    )


def attempts_query(now: datetime, where: ColumnElement[bool] | None = None) -> Select[Any]:
    """docs/rules.md §2.3: THE grouped query — per person, the calls or attempts in the last 30 calendar days
    (every campaign, call centres included) and the last « pas intéressé » (60 days).

    The dates are tested inside the aggregates, not in WHERE: the database then reads the log through
    its covering index in person order (no sort, no table lookups), which a range on `called_at`
    would prevent on SQLite; only the people with something recent come out (HAVING).
    """
    n = func.sum(cast(in_window(now), Integer))
    last_ni = func.max(case((recent_not_interested(now), CallLogEntry.called_at), else_=None))
    q = select(
        CallLogEntry.contact_id.label("contact_id"),
        n.label("in_window"),
        last_ni.label("last_not_interested"),
    )
    if where is not None:
        q = q.where(where)
    return q.group_by(CallLogEntry.contact_id).having(or_(n > 0, last_ni.is_not(None)))


def capped_free_dates(session: Session, now: datetime, contact_ids: list[int]) -> dict[int, date]:
    """docs/rules.md §2.3: for these people (at 4 calls or more in 30 days), the day a call is allowed again."""
    window = in_window(now)
    days: dict[int, list[date]] = defaultdict(list)
    for i in range(0, len(contact_ids), 500):  # a bounded number of parameters per query
        rows = session.execute(
            select(CallLogEntry.contact_id, CallLogEntry.called_at, CallLogEntry.callee_zone).where(
                window, CallLogEntry.contact_id.in_(contact_ids[i : i + 500])
            )
        )
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
    """docs/rules.md §2.3: the recent-call figures of every person with calls (or those matching `where`)."""
    rows = session.execute(attempts_query(now, where)).all()
    free = capped_free_dates(session, now, [cid for cid, n, _ in rows if n >= MAX_ATTEMPTS])
    return {cid: CallStats(int(n or 0), free.get(cid), ni) for cid, n, ni in rows}


NO_CALLS = CallStats(0, None, None)
_new = tuple.__new__  # a namedtuple without its Python __new__: once per person with calls


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


def decide_status(
    c: EligibilityInputs,
    stats: CallStats,
    now: datetime,
    validity_days: int,
    forbidden: str | None = None,
    calendar: dict[tuple[Place, date | None, date | None], WhenDecision] | None = None,
    now_naive: datetime | None = None,
) -> tuple[str, Eligibility, WhenDecision | None]:
    """docs/rules.md §1 then §2: who may be called, then whether now — callable, later or excluded, with
    the eligibility and the calendar's answer (None when excluded). What combine shows and count_calls counts.

    `forbidden` (the declared category, when forbidden), `calendar` (the calendar's answers already worked
    out, see calendar_decision) and `now_naive` are shared when many people are decided at once.
    """
    elig = decide_eligibility(c, now_naive or to_utc_naive(now), validity_days, forbidden)
    if not elig.eligible:
        return "excluded", elig, None
    place = Place.of(c.postcode)
    ni = stats.last_not_interested
    ni_day = from_utc_naive(ni).astimezone(place.tz).date() if ni else None
    when = calendar_decision(calendar, now, place, stats.free_from, ni_day)
    return ("callable" if when.allowed else "later"), elig, when


def combine(
    c: EligibilityInputs,
    stats: CallStats,
    now: datetime,
    validity_days: int,
    forbidden: str | None = None,
    calendar: dict[tuple[Place, date | None, date | None], WhenDecision] | None = None,
    now_naive: datetime | None = None,
) -> CallDecision:
    """The decision shown for one person (decide_status, with the number to dial and the attempts left)."""
    status, elig, when = decide_status(c, stats, now, validity_days, forbidden, calendar, now_naive)
    n = stats.in_window
    left = MAX_ATTEMPTS - n if n < MAX_ATTEMPTS else 0
    place, number = Place.of(c.postcode), number_to_dial(c)
    if when is None or when.allowed:
        return CallDecision(c.id, status, elig.reason, elig, place, number, left)
    return CallDecision(c.id, status, when.reason, elig, place, number, left, when.next_local)


def calendar_decision(
    cache: dict[tuple[Place, date | None, date | None], WhenDecision] | None,
    now: datetime,
    place: Place,
    free_from: date | None,
    ni_day: date | None,
) -> WhenDecision:
    """docs/rules.md §2 at `now`: the same answer for everyone at one place with the same cap and « pas
    intéressé » days, so a list of 100,000 people needs only a few hundred calendar computations."""
    if cache is None:
        return decide_when(now, place, free_from, ni_day)
    key = (place, free_from, ni_day)
    when = cache.get(key)
    if when is None:
        when = cache[key] = decide_when(now, place, free_from, ni_day)
    return when


def business_today(session: Session, now: datetime) -> date:
    """The business's date: what a contract's start and end are compared with."""
    return now.astimezone(ZoneInfo(business_zone(session))).date()


BATCH = 20_000  # contacts decided together: the memory of one batch, whatever the size of the base


def iter_decisions(
    session: Session, where: ColumnElement[bool], subject: str, now: datetime, category: str = "other"
) -> Iterator[CallDecision]:
    """docs/rules.md §1-§2: the decision for every contact matching `where`, at `now` (aware), in
    contact order, batch after batch (see decided_batches). A caller that only counts keeps nothing."""
    for batch in decided_batches(session, where, subject, now, category, combine):
        yield from batch


def decided_batches(
    session: Session,
    where: ColumnElement[bool],
    subject: str,
    now: datetime,
    category: str,
    rule: Callable[..., T],
) -> Iterator[list[T]]:
    """`rule` (combine, or decide_status when only counting) for every contact matching `where`, in contact
    order, one list per batch of BATCH contacts (keyset on the id).

    Per batch: the eligibility query, their oppositions, the grouped call-log figures and the consent records
    of these people only, and the call days of those at the cap — no query per person, and nothing read
    about anyone outside the selection: memory and time follow the selection, not the base.
    """
    settings = get_settings(session)  # one query for both (a setting never changed has no row to find)
    validity = int(settings["rules.phone_consent_days"])
    today = now.astimezone(ZoneInfo(settings["business.timezone"] or PARIS)).date()  # business_today's
    forbidden = category_label(category)  # docs/rules.md §1.7: the campaign's declared category
    calendar: dict[tuple[Place, date | None, date | None], WhenDecision] = {}
    now_naive = to_utc_naive(now)
    query = eligibility_query(where, subject, today, opposition=False).order_by(Contact.id).limit(BATCH)
    last = 0
    while True:
        with collector_paused():
            rows = driver_rows(session, query.where(Contact.id > last))
            if not rows:
                return
            ids = [r[0] for r in rows]
            last = ids[-1]
            rows = with_oppositions(session, rows, ids)
            answers = latest_phone_answers(session, contact_ids=ids)
            figures = {r[0]: r for r in batch_attempts(session, now, ids)}
            free = capped_free_dates(session, now, [c for c, r in figures.items() if r[1] >= MAX_ATTEMPTS])
            figure_of, free_on = figures.get, free.get  # looked up once, not per person
            out = []
            for r in rows:
                f = figure_of(r[0])
                stats = NO_CALLS if f is None else _new(CallStats, (f[1], free_on(r[0]), as_datetime(f[2])))
                c = with_answers(r, answers)
                out.append(rule(c, stats, now, validity, forbidden, calendar, now_naive))
        yield out
        if len(rows) < BATCH:  # the last batch: no query to learn that nobody is left
            return


def batch_attempts(session: Session, now: datetime, ids: list[int]) -> list[tuple[Any, ...]]:
    """THE grouped call-log query (attempts_query) for one batch of people: over their range of ids when
    they are close together (one pass of the index), else by lists of ids."""
    rows: list[tuple[Any, ...]] = []
    for condition in id_conditions(CallLogEntry.contact_id, ids):
        rows += driver_rows(session, attempts_query(now, condition))
    return rows


def decide_calls(
    session: Session, where: ColumnElement[bool], subject: str, now: datetime, category: str = "other"
) -> list[CallDecision]:
    """docs/rules.md §1-§2: every decision at once (a campaign sorts them into its call order)."""
    with collector_paused():
        return list(iter_decisions(session, where, subject, now, category))


def count_calls(
    session: Session, where: ColumnElement[bool], subject: str, now: datetime, category: str = "other"
) -> dict[str, int]:
    """How many are callable now, later and excluded (a whole base): decide_status for each person, the
    rules combine applies, without the decision object or the number to dial."""
    counts = dict.fromkeys(("callable", "later", "excluded"), 0)
    with collector_paused():  # else each batch, once counted, sets off a collection
        for batch in decided_batches(session, where, subject, now, category, decide_status):
            for status, _eligibility, _when in batch:
                counts[status] += 1
    return counts


def decide_one(
    session: Session, contact_id: int, subject: str, now: datetime, category: str = "other"
) -> CallDecision:
    """The decision for one person (the call screen, `call check`, `call log`)."""
    validity = int(get_setting(session, "rules.phone_consent_days"))
    today = business_today(session, now)
    row = session.execute(eligibility_query(Contact.id == contact_id, subject, today)).first()
    if row is None:
        raise NotFoundError(f"Contact introuvable : {contact_id}")
    c = with_answers(row, latest_phone_answers(session, contact_id))
    stats = call_stats(session, now, and_(CallLogEntry.contact_id == contact_id))
    return combine(c, stats.get(contact_id, NO_CALLS), now, validity, category_label(category))


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


__all__ = [
    "ATTEMPT_DAYS",
    "CallDecision",
    "CallStats",
    "call_stats",
    "count_calls",
    "decide_calls",
    "decide_one",
    "iter_decisions",
]
