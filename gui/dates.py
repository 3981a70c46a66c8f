"""Dates between Python and Qt's date fields. « Today » is the business's date
(services.core.moments.business_date), not the computer's: near midnight the two differ when the
computer is set to another zone, and a date field must agree with the deadlines it is checked against."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime

from services.core.moments import business_date


def to_qdate(d: date | None) -> QDate:
    """A Python date as Qt's; None as Qt's null date."""
    return QDate(d.year, d.month, d.day) if d else QDate()


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def today_qdate() -> QDate:
    """The business's date today, for a date field's default and its latest allowed day."""
    return to_qdate(business_date())


def wall_qdatetime(moment: datetime) -> QDateTime:
    """A moment already in the business's zone as a date-and-time field shows it, to the minute."""
    return QDateTime(to_qdate(moment.date()), QTime(moment.hour, moment.minute))
