"""Issue 16: the window speaks French — every screen's texts, menus, tables' headers, hints and tooltips
scanned for English words (the command line's help has its own scan in tests/cli/test_conventions.py)."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from gui.contact_dialog import ContactDialog
from gui.main_window import MainWindow
from gui.sections import SECTIONS
from models.database import Database
from services.contacts.demo import add_demo_contacts
from tests.gui_fakes import FakeDialogs

# English words a French user would notice on a button, a label or a header. Not French words too
# (« date », « service », « note », « client », « page », « type », « code », « action »…).
ENGLISH = re.compile(
    r"\b(the|and|of|with|from|to|show|hide|open|close|save|cancel|delete|remove|edit|new|add|search|"
    r"filter|settings|file|error|warning|loading|help|about|yes|no|apply|reset|print|export|import|"
    r"name|first|last|phone|email|address|city|country|company|status|source|consent|partner|"
    r"campaign|call|calls|contacts?|label|letter|notice|request|objection|today|week|month|year|"
    r"browse|select|choose|none|all|items?|rows?|columns?|done|next|back|previous|finish)\b",
    re.IGNORECASE,
)
# French words the pattern above also matches (same spelling in both languages).
SAME_IN_FRENCH = {"contact", "contacts", "source", "import", "export", "notice"}


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) of what a person reads on this widget and its children."""
    found: list[tuple[str, str]] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        where = type(w).__name__ + (f"#{w.objectName()}" if w.objectName() else "")
        if w.toolTip():
            found.append((where + " (bulle)", w.toolTip()))
        if w.isWindow() and w.windowTitle():
            found.append((where + " (titre)", w.windowTitle()))
        if isinstance(w, QLabel):
            found.append((where, re.sub(r"<[^>]+>", " ", w.text())))
        elif isinstance(w, QAbstractButton):
            found.append((where, w.text().replace("&", "")))
        elif isinstance(w, QGroupBox):
            found.append((where, w.title()))
        elif isinstance(w, QLineEdit | QPlainTextEdit):
            found.append((where + " (indication)", w.placeholderText()))
        elif isinstance(w, QComboBox):
            found += [(where, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            found += [(where, w.tabText(i).replace("&", "")) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            if isinstance(model, QAbstractListModel):
                continue  # a list has no header
            found += [
                (where + " (en-tête)", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount())
            ]
    return found


PATH = re.compile(r"\S*[/\\]\S*")  # a file's path or a base's URL is the user's, not our words


def _english(texts: list[tuple[str, str]]) -> list[str]:
    return [
        f"{where}: « {text} » ({m.group(0)})"
        for where, text in texts
        for m in ENGLISH.finditer(PATH.sub(" ", text))
        if m.group(0).lower() not in SAME_IN_FRENCH
    ]


def test_no_english_word_on_any_screen_menu_or_header(qtbot, sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        add_demo_contacts(session, 30)
        session.commit()
    window = MainWindow(sqlite_db, FakeDialogs())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    texts: list[tuple[str, str]] = []
    for section in SECTIONS:
        if section.available:
            window.show_section(section.key)
            qtbot.wait(10)
    # The dialogs the menus open: import wizard, export, backups, a new contact's record.
    window.import_contacts()
    window.export_contacts()
    window.open_backups()
    record = ContactDialog(sqlite_db, FakeDialogs(), None, window)
    record.show()
    qtbot.wait(10)
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            texts += _texts(top)
    for menu_action in window.menuBar().actions():
        texts.append(("menu", menu_action.text().replace("&", "")))
        menu = menu_action.menu()
        if menu is not None:
            texts += [("menu " + menu_action.text(), a.text().replace("&", "")) for a in menu.actions()]
    assert len(texts) > 700, "the scan must see the screens' texts"
    english = _english(texts)
    assert not english, "\n".join(english)


def test_the_scan_sees_an_english_word(qtbot) -> None:
    """The scan itself: a screen with an English button is caught."""
    screen = QWidget()
    qtbot.addWidget(screen)
    QLabel("Nom du client", screen)
    from PySide6.QtWidgets import QPushButton

    QPushButton("&Save", screen)
    assert _english(_texts(screen)) == ["QPushButton: « Save » (Save)"]
