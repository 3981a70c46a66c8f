"""Issue 15: every screen fits a 1280×800 display — the window's minimum size with each section shown stays
within 1280 × 740 (the usable height of 1280×800 under a title bar and a panel)."""

from __future__ import annotations

from gui.main_window import MainWindow
from gui.sections import SECTIONS
from models.database import Database
from services.contacts.demo import add_demo_contacts
from tests.gui_fakes import FakeDialogs


def test_no_screen_needs_more_than_1280_by_740(qtbot, sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        add_demo_contacts(session, 20)
        session.commit()
    window = MainWindow(sqlite_db, FakeDialogs())
    qtbot.addWidget(window)
    window.resize(1280, 740)
    window.show()
    too_big = {}
    for section in SECTIONS:
        if not section.available:
            continue
        window.show_section(section.key)
        qtbot.wait(10)
        need = window.minimumSizeHint().expandedTo(window.minimumSize())
        if need.width() > 1280 or need.height() > 740:
            too_big[section.key] = (need.width(), need.height())
    assert too_big == {}
