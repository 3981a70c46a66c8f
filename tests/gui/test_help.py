"""Issue 15: F1 opens a short French guide, offline, on the page of the screen shown."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from gui.help_browser import page_for
from gui.main_window import MainWindow
from gui.sections import SECTIONS
from models.database import Database
from services.core.paths import resource
from tests.gui.test_french_everywhere import ENGLISH, SAME_IN_FRENCH
from tests.gui_fakes import FakeDialogs


def test_f1_opens_the_page_of_the_screen_shown(qtbot, sqlite_db: Database) -> None:
    window = MainWindow(sqlite_db, FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    window.show_section("calls")
    assert window.help_action.shortcut() == QKeySequence(Qt.Key.Key_F1)
    window.help_action.trigger()  # F1 (the key itself: see the shortcut tests of test_gui_main_window)
    guide = window.help_dialog
    assert guide is not None and guide.isVisible()
    assert guide.browser.source().fileName() == "calls.html"
    assert guide.browser.documentTitle() == "Appels"
    window.show_section("oppositions")
    window.open_help()
    assert guide.browser.source().fileName() == "oppositions.html" and window.help_dialog is guide


def test_every_screen_has_its_page_in_french_with_its_three_parts() -> None:
    for section in SECTIONS:
        name = page_for(section.key)
        assert name == f"{section.key}.html", f"no page for {section.key}"
        text = resource("help", name).read_text(encoding="utf-8")
        for part in ("À quoi sert cet écran", "Les étapes", "Pourquoi"):
            assert part in text, (name, part)
        words = re.sub(r"<[^>]+>", " ", text)
        english = [m.group(0) for m in ENGLISH.finditer(words) if m.group(0).lower() not in SAME_IN_FRENCH]
        assert english == [], (name, english)


def test_every_link_of_the_guide_leads_to_a_page() -> None:
    for page in resource("help").glob("*.html"):
        for target in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            assert resource("help", target).is_file(), (page.name, target)
