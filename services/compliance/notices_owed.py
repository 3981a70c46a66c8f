"""Who is still owed the notice for data obtained from others (docs/rules.md §3.2, GDPR art. 14(3)).

Data from a partner, a broker or a public source: the full notice is owed within one month of obtaining
it (art. 14(3)(a)), and at the latest at the first transmission to another recipient (14(3)(c)) — the
first letter or call (14(3)(b)) carries it themselves. Whoever has not received a full notice yet is
owed it; past the due date, it is late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from models.compliance import InformedRecord
from models.contact import Contact, format_ref
from models.partners import Partner, Transmission, TransmissionLine
from services.compliance.request_deadlines import add_months
from services.core.bulk import collector_paused, driver_rows
from services.core.moments import business_date

# docs/rules.md §3.2: collected elsewhere than from the person.
FROM_OTHERS = ("partner", "broker", "public")
SOURCE_WORDS = {
    "partner": "un partenaire",
    "broker": "un courtier en données",
    "public": "une source publique",
}


@dataclass(frozen=True, slots=True)
class NoticeOwed:
    contact_id: int
    source: str  # the source's name
    source_kind: str
    obtained_on: date
    due: date
    reason: str  # in French: why it is owed by that date
    overdue: bool

    @property
    def ref(self) -> str:
        return format_ref(self.contact_id)

    def to_dict(self) -> dict[str, object]:
        return {
            "ref": self.ref, "source": self.source, "source_kind": self.source_kind,
            "obtained_on": self.obtained_on.isoformat(), "due": self.due.isoformat(), "reason": self.reason,
            "overdue": self.overdue,
        }  # fmt: skip


def not_yet_informed() -> ColumnElement[bool]:
    """No full notice recorded yet (a form with its information text, a letter carrying it, a call)."""
    return ~exists().where(
        and_(InformedRecord.contact_id == Contact.id, InformedRecord.full_notice.is_(True))
    )


def notices_owed(
    session: Session, today: date | None = None, *, overdue_only: bool = False
) -> list[NoticeOwed]:
    """docs/rules.md §3.2: every live contact obtained from others and not yet informed, with the date
    the notice is due — one month after obtaining the data, or the first transmission if earlier —
    the most late first. One query (100,000 contacts well under a second)."""
    today = today or business_date()
    first_sent = (
        select(TransmissionLine.contact_id, func.min(Transmission.sent_on).label("sent_on"),
               func.min(Partner.name).label("partner"))
        .join(Transmission, Transmission.id == TransmissionLine.transmission_id)
        .join(Partner, Partner.id == TransmissionLine.partner_id)
        .group_by(TransmissionLine.contact_id)
        .subquery()
    )  # fmt: skip
    q = (
        select(Contact.id, Contact.source_name, Contact.source_kind, Contact.source_date,
               first_sent.c.sent_on, first_sent.c.partner)
        .outerjoin(first_sent, first_sent.c.contact_id == Contact.id)
        .where(Contact.source_kind.in_(FROM_OTHERS), Contact.erased_at.is_(None), not_yet_informed())
    )  # fmt: skip
    with collector_paused():  # 100,000 small objects: the cycle collector would walk them again and again
        return _owed(driver_rows(session, q), today, overdue_only)


def _owed(rows: list[tuple], today: date, overdue_only: bool) -> list[NoticeOwed]:
    out = []
    # A file bought on one day makes thousands of rows share a date: each is worked out once.
    days: dict[object, tuple[date, date, dict[str, str]]] = {}
    for cid, source, kind, obtained_raw, sent_on, partner in rows:
        known = days.get(obtained_raw)
        if known is None:
            obtained = obtained_raw if isinstance(obtained_raw, date) else date.fromisoformat(obtained_raw)
            known = days[obtained_raw] = (obtained, add_months(obtained, 1), {})
        obtained, month, reasons = known
        sent = sent_on if isinstance(sent_on, date) or sent_on is None else date.fromisoformat(sent_on)
        if sent is not None and sent < month:
            due, reason = sent, f"transmis à {partner} le {sent:%d/%m/%Y} sans avoir été informé(e)"
        else:
            due = month
            reason = reasons.get(kind) or reasons.setdefault(
                kind, f"données obtenues de {SOURCE_WORDS.get(kind, kind)} le {obtained:%d/%m/%Y}"
            )
        late = due < today
        if late or not overdue_only:
            out.append(NoticeOwed(cid, source, kind, obtained, due, reason, late))
    out.sort(key=lambda n: (n.due, n.contact_id))
    return out


def owed_condition() -> ColumnElement[bool]:
    """docs/rules.md §3.2, as a WHERE: the live contacts obtained from others and not yet informed."""
    return and_(Contact.source_kind.in_(FROM_OTHERS), Contact.erased_at.is_(None), not_yet_informed())


def month_cutoff(today: date) -> date:
    """The first day whose data is not yet a month old: add_months(d, 1) < today exactly when d is before it."""
    day = today - timedelta(days=33)  # add_months(d, 1) is at most 31 days after d
    while add_months(day, 1) < today:
        day += timedelta(days=1)
    return day


def late_condition(today: date) -> ColumnElement[bool]:
    """docs/rules.md §3.2, the same rule as `_owed` as a WHERE (with owed_condition): late when the month
    since obtaining the data has run out, or when the data was first transmitted before today — the
    earlier of the two is the due date, and either one past makes the notice late."""
    transmitted = exists().where(
        TransmissionLine.contact_id == Contact.id,
        Transmission.id == TransmissionLine.transmission_id,
        Transmission.sent_on < today,
    )
    return or_(Contact.source_date < month_cutoff(today), transmitted)


def owed_ids(session: Session) -> set[int]:
    """The contacts a « notice only » postal campaign is for (docs/rules.md §3.2)."""
    return {n.contact_id for n in notices_owed(session)}
