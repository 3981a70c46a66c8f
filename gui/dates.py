"""Dates between Python and Qt's date fields. « Today » is the business's date
(services.core.moments.business_date), not the computer's: near midnight the two differ when the
computer is set to another zone, and a date field must agree with the deadlines it is checked against."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QObject, QTime, QTimer, Signal
from PySide6.QtWidgets import QDateEdit, QWidget

from services.core.moments import business_date


def to_qdate(d: date | None) -> QDate:
    """A Python date as Qt's; None as Qt's null date."""
    return QDate(d) if d else QDate()


def from_qdate(q: QDate) -> date:
    """Qt's date as Python's, typed (QDate.toPython() is typed as an object)."""
    return date(q.year(), q.month(), q.day())


def today_qdate() -> QDate:
    """The business's date today, for a date field's default and its latest allowed day."""
    return to_qdate(business_date())


def wall_qdatetime(moment: datetime) -> QDateTime:
    """A moment already in the business's zone as a date-and-time field shows it, to the minute."""
    return QDateTime(to_qdate(moment.date()), QTime(moment.hour, moment.minute))


class _Midnight(QObject):
    """Says when the business's date changes while the window stays open (looked at once a minute)."""

    passed = Signal(QDate, QDate)  # the old day, the new one

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.day = today_qdate()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(60_000)

    def check(self) -> None:
        day = today_qdate()
        if day != self.day:
            old, self.day = self.day, day
            self.passed.emit(old, day)


_midnight: _Midnight | None = None


def midnight() -> _Midnight:
    global _midnight
    if _midnight is None:
        _midnight = _Midnight()
    return _midnight


class TodayDateEdit(QDateEdit):
    """The day something happened (a letter received, an answer sent): today by default, never later.
    The window is often left open overnight: at midnight a field still on yesterday moves to today and
    today becomes allowed — else the next morning's first objection would be dated the day before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(today_qdate(), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMaximumDate(today_qdate())
        midnight().passed.connect(self.follow)

    def follow(self, old: QDate, new: QDate) -> None:
        untouched = self.date() == old
        self.setMaximumDate(new)
        if untouched:
            self.setDate(new)
