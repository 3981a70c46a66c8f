"""The home page's « Chiffres »: what the charts draw, and what `dashboard --json` and the PDF print.

Contacts by source and status; the share with a valid phone consent, a postal objection, a phone
objection; letters sent per month and calls per outcome per week over twelve months; the notices to
partners sent on time or late per month. A handful of grouped queries — the database adds up, Python
only folds days into weeks and months (100,000 contacts and 300,000 calls: bench/bench_home.py).
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Opposition
from models.contact import SOURCE_KINDS, STATUSES, Contact
from models.partners import PropagationNotice
from models.phone import CALL_OUTCOMES, CallLogEntry
from models.postal import CampaignRecipient
from services.compliance.choices import SCOPES_COVERING
from services.core.bulk import driver_rows
from services.core.clock import business_tz
from services.core.settings import get_setting
from services.phone.eligibility import EligibilityInputs, consumer_consent, latest_phone_answers

MONTHS = 12
WEEKS = 52


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first day of each of the last `count` months, the current one last."""
    index = today.year * 12 + today.month - 1
    return [date((i // 12), i % 12 + 1, 1) for i in range(index - count + 1, index + 1)]


def week_starts(today: date, count: int = WEEKS) -> list[date]:
    """The Monday of each of the last `count` weeks, the current one last."""
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=k) for k in range(count - 1, -1, -1)]


def _day(value: Any) -> date:
    """A day as the driver gives it (a date, a datetime, or SQLite's text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _month(value: Any) -> str:
    return _day(value).isoformat()[:7]


# --- contacts ------------------------------------------------------------------------------------------


def contacts_by_kind_and_status(session: Session) -> dict[str, dict[str, int]]:
    """Live contacts, by the kind of their source (docs/rules.md §3) and by status."""
    out = {kind: dict.fromkeys(STATUSES, 0) for kind in SOURCE_KINDS}
    rows = session.execute(
        select(Contact.source_kind, Contact.status, func.count(Contact.id))
        .where(Contact.erased_at.is_(None))
        .group_by(Contact.source_kind, Contact.status)
    )
    for kind, status, n in rows:
        out.setdefault(kind, {}).setdefault(status, 0)
        out[kind][status] += n
    return out


def _latest_refusals(session: Session, box: str) -> set[int]:
    """docs/rules.md §4.5: the people whose latest answer on a refusal box is « yes »."""
    column = getattr(ConsentRecord, box)
    q = (
        select(ConsentRecord.contact_id, column)
        .where(column.is_not(None))
        .order_by(ConsentRecord.contact_id, ConsentRecord.recorded_on, ConsentRecord.id)
    )
    out = set()
    for cid, answers in groupby(driver_rows(session, q), key=itemgetter(0)):
        if list(answers)[-1][1]:
            out.add(cid)
    return out


def _opposed(session: Session, channel: str) -> set[int]:
    """docs/rules.md §5.1: the people with an objection covering this channel, not lifted."""
    return set(
        session.scalars(
            select(Opposition.contact_id)
            .where(Opposition.scope.in_(SCOPES_COVERING[channel]), Opposition.in_force)
            .distinct()
        )
    )


def shares(session: Session, at: datetime, total: int) -> dict[str, int]:
    """How many live contacts hold a valid consent to be called (docs/rules.md §1.4), objected to post,
    objected to the phone (an objection or a refusal ticked on a form, §4.5, §5.1)."""
    erased = set(session.scalars(select(Contact.id).where(Contact.erased_at.is_not(None))))
    validity = int(get_setting(session, "rules.phone_consent_days"))
    at_utc = at.astimezone(UTC).replace(tzinfo=None)  # the driver's moments: UTC without a zone
    # Only the answers of the last validity + 1 days: an opt-in ticked before is expired whatever came after
    # (the rule, consumer_consent, decides each of the others).
    answers = latest_phone_answers(session, since=at - timedelta(days=validity + 1))
    consenting = 0
    for cid, a in answers.items():
        if not a.accept_phone or a.refused_after_consent:
            continue  # no opt-in, or withdrawn: consumer_consent would say so too
        if cid not in erased and consumer_consent(EligibilityInputs(cid, "", "consumer", "", "", "", False, False, None, *a),
                                                  at_utc, validity)[0]:  # fmt: skip
            consenting += 1
    refused_phone = _latest_refusals(session, "refuse_phone")
    post = (_opposed(session, "post") | _latest_refusals(session, "refuse_post")) - erased
    phone = (_opposed(session, "phone") | refused_phone) - erased
    return {
        "total": total,
        "phone_consent": consenting,
        "post_objection": len(post),
        "phone_objection": len(phone),
    }


# --- over twelve months --------------------------------------------------------------------------------


def letters_per_month(session: Session, today: date) -> list[dict[str, Any]]:
    """Letters sent (one per household when grouped: a position of a campaign) per month."""
    months = month_starts(today)
    r = CampaignRecipient
    rows = session.execute(
        select(r.sent_on, r.campaign_id, func.count(func.distinct(r.position)))
        .where(r.sent_on >= months[0])
        .group_by(r.sent_on, r.campaign_id)
    )
    counts: Counter[str] = Counter()
    for sent_on, _campaign, n in rows:
        counts[_month(sent_on)] += n
    return [{"month": m.isoformat()[:7], "letters": counts[m.isoformat()[:7]]} for m in months]


def calls_per_week(session: Session, today: date) -> list[dict[str, Any]]:
    """Calls and attempts per outcome per week, Monday 00:00 to Monday 00:00 on the business's clock. Each
    week of each outcome is a range count on the index (outcome, called_at), all in one statement (300,000
    calls: grouping them by day cost 650 ms on SQLite, this 35 ms — bench/bench_home.py)."""
    weeks = week_starts(today)
    zone = business_tz(session)
    bounds = [datetime.combine(w, time(), zone) for w in [*weeks, weeks[-1] + timedelta(weeks=1)]]
    cells = iter(
        session.execute(_calls_per_week_statement(), {f"b{i}": b for i, b in enumerate(bounds)}).one()
    )
    counts: dict[date, dict[str, int]] = {w: {} for w in weeks}
    for outcome in CALL_OUTCOMES:
        for week in weeks:
            n = next(cells)
            if n:
                counts[week][outcome] = int(n)
    return [{"week": w.isoformat(), "outcomes": counts[w]} for w in weeks]


@cache
def _calls_per_week_statement() -> Select[Any]:
    """The 7 × 52 counts, outcome by outcome, week by week, the weeks' bounds as parameters b0…b52: built
    once (building its 364 subqueries cost more than running them)."""
    c = CallLogEntry
    bounds = [bindparam(f"b{i}", type_=c.called_at.type) for i in range(WEEKS + 1)]
    return select(*(
        select(func.count(c.id)).where(c.outcome == outcome, c.called_at >= a, c.called_at < b).scalar_subquery()
        for outcome in CALL_OUTCOMES
        for a, b in itertools.pairwise(bounds)
    ))  # fmt: skip


def notices_per_month(session: Session, today: date) -> list[dict[str, Any]]:
    """docs/rules.md §5.3: the notices to partners sent each month, on time (by their overdue date) or late."""
    months = month_starts(today)
    n = PropagationNotice
    on_time = case((n.sent_on <= n.overdue_on, 1), else_=0)
    rows = session.execute(
        select(n.sent_on, on_time, func.count(n.id))
        .where(n.sent_on >= months[0])
        .group_by(n.sent_on, on_time)
    )
    counts: dict[str, Counter[str]] = {m.isoformat()[:7]: Counter() for m in months}
    for sent_on, in_time, count in rows:
        month = _month(sent_on)
        if month in counts:
            counts[month]["on_time" if in_time else "late"] += count
    return [{"month": m, "on_time": c["on_time"], "late": c["late"]} for m, c in counts.items()]


def figures(session: Session, today: date, at: datetime) -> dict[str, Any]:
    """Everything the charts draw, as plain JSON values."""
    by_kind = contacts_by_kind_and_status(session)
    total = sum(sum(s.values()) for s in by_kind.values())
    by_status: Counter[str] = Counter()
    for statuses in by_kind.values():
        by_status.update(statuses)
    return {
        "contacts": {
            "total": total,
            "by_source_kind": {kind: sum(s.values()) for kind, s in by_kind.items()},
            "by_status": dict(by_status),
            "by_source_kind_and_status": by_kind,
        },
        "shares": shares(session, at, total),
        "letters_per_month": letters_per_month(session, today),
        "calls_per_week": calls_per_week(session, today),
        "notices_per_month": notices_per_month(session, today),
    }
