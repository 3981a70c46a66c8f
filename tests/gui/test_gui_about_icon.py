"""The application's face: its icon at every size, and the About box with the licences of what ships."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from gui import app as gui_app
from gui.main_window import MainWindow
from models.database import Database
from models.version import version_line
from tests.gui_fakes import FakeDialogs

ROOT = Path(__file__).resolve().parents[2]


def test_icon_has_a_drawing_for_every_size(qtbot) -> None:
    """16 to 512 px PNGs (packaging/draw_icon.py), plus the .ico and .icns the executables carry."""
    icon = gui_app.application_icon()
    assert not icon.isNull()
    assert {QSize(s, s) for s in gui_app.ICON_SIZES} <= set(icon.availableSizes())
    for suffix in ("ico", "icns"):
        assert (ROOT / "resources" / "icons" / f"webleads-tracker.{suffix}").stat().st_size > 1000


def test_about_box_names_the_licences_and_offers_qt_about(qtbot, sqlite_db: Database, monkeypatch) -> None:
    """Version, the base, the licences of the data and fonts, and an « À propos de Qt » that keeps it open."""
    window = MainWindow(sqlite_db, FakeDialogs())
    qtbot.addWidget(window)
    box = window.about()
    text = box.text()
    assert version_line() in text
    for words in ("licence MIT", "codes-postaux", "Licence Ouverte", "DejaVu", "Bitstream Vera", "LGPL"):
        assert words in text, words
    assert "THIRD_PARTY_NOTICES.md" in text
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "aboutQt", lambda parent, title: shown.append(title))
    qt_button = next(b for b in box.findChildren(QPushButton) if b.text() == "À propos de Qt")
    qt_button.click()
    assert shown == ["À propos de Qt"] and box.isVisible()
    box.button(QMessageBox.StandardButton.Close).click()
    assert not box.isVisible()
    menu_texts = [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
    assert "À propos de &Qt" in menu_texts


def test_start_sets_the_icon_on_every_window(qtbot, tmp_path: Path, monkeypatch) -> None:
    """run_window gives the application its icon (window, dialogs, taskbar) before the base opens."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.windowIcon()
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bad = tmp_path / "notes.txt"
    bad.write_text("pas une base\n", encoding="utf-8")
    try:
        app.setWindowIcon(QIcon())
        assert gui_app.run_window(str(bad)) == 2
        assert app.windowIcon().actualSize(QSize(256, 256)) == QSize(256, 256)
        window = MainWindow(None, FakeDialogs())
        qtbot.addWidget(window)
        assert window.windowIcon().cacheKey() == app.windowIcon().cacheKey()
    finally:
        app.setWindowIcon(previous)
