"""The deadlines of requests from data subjects and their French labels (docs/rules.md §5.4, GDPR art.
12(3)): one month from receipt, three when the extension was told in time; overdue after that."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from models.requests import DataRequest

KIND_LABELS = {
    "access": "Accès", "rectification": "Rectification", "erasure": "Effacement",
    "restriction": "Limitation", "objection": "Opposition", "portability": "Portabilité",
}  # fmt: skip
OUTCOME_LABELS = {"granted": "accordée", "partial": "accordée en partie", "refused": "refusée"}
STATUS_LABELS = {"open": "en cours", "overdue": "en retard", "answered": "répondue"}
CHANNELS = ("letter", "email", "phone", "in-person")
DUE_SOON_DAYS = 7  # the home page lists the open requests whose deadline falls within a week
DUE_SOON = "due_soon"  # a filter of the lists, not a status: open and due within DUE_SOON_DAYS
DUE_SOON_LABEL = "à traiter dans les 7 jours"


def add_months(d: date, months: int) -> date:
    """The same day n months later, or the month's last day (31 January + 1 month = 28/29 February)."""
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def due_date(received_on: date, extended: bool) -> date:
    """docs/rules.md §5.4 (art. 12(3)): one month from receipt, three when the extension was notified in time."""
    return add_months(received_on, 3 if extended else 1)


def request_status(r: DataRequest, today: date) -> str:
    """Answered, or still open — overdue once its deadline has passed."""
    if r.answered_on is not None:
        return "answered"
    return "overdue" if today > due_date(r.received_on, r.extended_on is not None) else "open"


def is_due_soon(r: DataRequest, today: date) -> bool:
    """docs/rules.md §5.4: open, not yet late, and its deadline within DUE_SOON_DAYS (the home page's line)."""
    return request_status(r, today) == "open" and due_date(
        r.received_on, r.extended_on is not None
    ) <= today + timedelta(days=DUE_SOON_DAYS)
