"""The date fields of the day something happened (gui.dates.TodayDateEdit): they start on the business's
today, refuse a later day, and follow midnight when the window stays open overnight."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QThreadPool

from gui import app as gui_app
from gui.dates import TodayDateEdit, midnight, to_qdate, today_qdate
from gui.main_window import MainWindow
from models.database import Database
from services.core.backups import folder_for, list_backups
from services.core.moments import business_date, set_display_zone
from tests.gui_fakes import FakeDialogs


def test_a_field_starts_today_and_refuses_tomorrow(qtbot) -> None:
    field = TodayDateEdit()
    qtbot.addWidget(field)
    assert field.date().toPython() == business_date()
    field.setDate(to_qdate(business_date() + timedelta(days=1)))
    assert field.date().toPython() == business_date()  # Qt keeps it within the allowed days


def test_midnight_moves_an_untouched_field_and_keeps_a_chosen_day(qtbot) -> None:
    untouched, chosen = TodayDateEdit(), TodayDateEdit()
    qtbot.addWidget(untouched)
    qtbot.addWidget(chosen)
    earlier = to_qdate(business_date() - timedelta(days=3))
    chosen.setDate(earlier)
    # The business's day changes while the window is open: here by moving its zone to one on another day
    # (UTC+14 and UTC-11 are 25 hours apart: one of them always is).
    old = today_qdate()
    other = next(
        z
        for z in ("Pacific/Kiritimati", "Pacific/Pago_Pago")
        if datetime.now(ZoneInfo(z)).date() != business_date()
    )
    with qtbot.waitSignal(midnight().passed, timeout=1000):
        set_display_zone(ZoneInfo(other))
        midnight().check()
    new = today_qdate()
    assert abs(old.daysTo(new)) == 1
    assert (untouched.date(), untouched.maximumDate()) == (new, new)
    assert (chosen.date(), chosen.maximumDate()) == (earlier, new)


def test_no_signal_while_the_day_stays(qtbot) -> None:
    midnight().day = today_qdate()
    with qtbot.assertNotEmitted(midnight().passed):
        midnight().check()
    assert isinstance(midnight().day, QDate)


def test_the_window_starts_a_new_day_at_midnight(qtbot, sqlite_db: Database) -> None:
    """Left open overnight, the window takes the new day's backup (docs/rules.md §10.3) as a new start would."""
    gui_app.configure_settings()
    window = MainWindow(sqlite_db, FakeDialogs())
    qtbot.addWidget(window)
    assert list_backups(folder_for(sqlite_db)) == []
    today = today_qdate()
    midnight().passed.emit(today.addDays(-1), today)
    assert [b.reason for b in list_backups(folder_for(sqlite_db))] == ["quotidienne"]
    assert QThreadPool.globalInstance().waitForDone(
        10_000
    )  # the home page's recount, started off the GUI thread
