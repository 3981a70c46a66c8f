"""The main window and the start of the app: sidebar, menus, status bar, remembered state, translations."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from gui import app as gui_app
from gui.contacts_model import COL_CITY
from gui.main_window import MainWindow
from gui.sections import SECTIONS
from models.database import Database
from services.core.logs import setup_logging
from tests.gui_fakes import FakeDialogs
from tests.helpers import make_contact


@pytest.fixture(autouse=True)
def window_settings(data_home) -> None:
    """QSettings of each test live in its own data folder."""
    gui_app.configure_settings()


def make_window(qtbot, db: Database, ui: FakeDialogs | None = None, section: str = "contacts") -> MainWindow:
    """The window open on `section` (the user clicks Contacts first: the window starts on the home page)."""
    window = MainWindow(db, ui or FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    if section:
        window.show_section(section)
    return window


def test_window_starts_with_sidebar_and_disabled_future_sections(qtbot, sqlite_db: Database) -> None:
    """The sidebar lists the sections; those without a screen are disabled with « Bientôt disponible »."""
    window = make_window(qtbot, sqlite_db, section="")
    labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert labels[:2] == ["Tableau de bord", "Contacts"] and labels[-1] == "Réglages"
    assert {"Formulaires", "Partenaires", "Campagnes", "Oppositions", "Demandes", "Registres"} <= set(labels)
    assert len(labels) == len(SECTIONS)
    for i, section in enumerate(SECTIONS):
        item = window.sidebar.item(i)
        enabled = bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
        assert enabled == section.available, section.key
        assert item.toolTip() == ("" if section.available else "Bientôt disponible")
    assert window.current_key() == "home"  # the start page (issue 14)
    assert type(window.stack.currentWidget()).__name__ == "HomeScreen"
    assert {"contacts", "settings"} <= {s.key for s in SECTIONS if s.available}


def test_view_menu_shortcuts_switch_sections(qtbot, sqlite_db: Database) -> None:
    """Ctrl+1, Ctrl+2… go to the sections in sidebar order, Ctrl+, to Settings; future sections are disabled."""
    window = make_window(qtbot, sqlite_db)
    actions = window._section_actions
    keys = [s.key for s in SECTIONS]
    assert actions["home"].shortcut() == QKeySequence("Ctrl+1")
    assert actions["contacts"].shortcut() == QKeySequence("Ctrl+2")
    assert actions[keys[8]].shortcut() == QKeySequence("Ctrl+9")
    assert actions["settings"].shortcut() == QKeySequence("Ctrl+,")
    for section in SECTIONS:
        assert actions[section.key].isEnabled() == section.available
    actions["settings"].trigger()
    assert window.current_key() == "settings"
    assert type(window.stack.currentWidget()).__name__ == "SettingsScreen"
    actions["contacts"].trigger()
    assert window.current_key() == "contacts"
    assert window.find_action.isEnabled() and window.delete_action.isEnabled()


def test_menus_have_standard_shortcuts(qtbot, sqlite_db: Database) -> None:
    """New contact Ctrl+N, Quit Ctrl+Q, Find Ctrl+F, Delete Del."""
    window = make_window(qtbot, sqlite_db)
    assert window.new_contact_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.find_action.shortcut() == QKeySequence("Ctrl+F")
    assert window.delete_action.shortcut() == QKeySequence(Qt.Key.Key_Delete)


def test_find_focuses_search_and_delete_asks_for_the_selected_contact(qtbot, sqlite_db: Database) -> None:
    """Édition > Rechercher puts the cursor in the search box; Supprimer asks before deleting."""
    with sqlite_db.session() as s:
        cid = make_contact(s).id
    ui = FakeDialogs(confirm_answer=False)
    window = make_window(qtbot, sqlite_db, ui)
    window.activateWindow()
    screen = window.screen("contacts")
    window.find_action.trigger()
    qtbot.waitUntil(lambda: screen.search.hasFocus())  # type: ignore[union-attr]
    screen.select_id(cid)  # type: ignore[union-attr]
    window.delete_action.trigger()
    assert len(ui.confirms) == 1
    assert screen.model.rowCount() == 1  # type: ignore[union-attr]


def test_keyboard_del_asks_and_ctrl_f_goes_to_search(qtbot, sqlite_db: Database) -> None:
    """Real keystrokes on the window: Del on the table asks to delete, Ctrl+F moves to the search box."""
    with sqlite_db.session() as s:
        cid = make_contact(s).id
    ui = FakeDialogs(confirm_answer=False)
    window = make_window(qtbot, sqlite_db, ui)
    window.activateWindow()
    qtbot.waitActive(window)
    screen = window.screen("contacts")
    screen.select_id(cid)  # type: ignore[union-attr]
    screen.table.setFocus()  # type: ignore[union-attr]
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Delete)
    assert len(ui.confirms) == 1
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search.hasFocus()  # type: ignore[union-attr]
    screen.search.setText("abc")  # type: ignore[union-attr]
    screen.search.setCursorPosition(0)  # type: ignore[union-attr]
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Delete)
    assert screen.search.text() == "bc"  # type: ignore[union-attr]
    assert len(ui.confirms) == 1  # Del in the search box edits the text, deletes no contact


def test_status_bar_shows_counts_and_base(qtbot, sqlite_db: Database) -> None:
    """The status bar says how many contacts are shown out of the total, and which base is open."""
    with sqlite_db.session() as s:
        make_contact(s)
        make_contact(s, last_name="Dupont", email="", mobile="")
    window = make_window(qtbot, sqlite_db)
    assert window.count_label.text() == "2 contacts"
    screen = window.screen("contacts")
    screen.search.setText("dupont")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.count_label.text() == "1 contact affiché sur 2")
    assert "test.sqlite" in window.base_label.text()


def test_geometry_and_table_header_are_remembered(qtbot, sqlite_db: Database) -> None:
    """Closing saves the window size and the table's sort; the next window comes back the same."""
    window = make_window(qtbot, sqlite_db)
    window.resize(700, 500)
    screen = window.screen("contacts")
    screen.table.sortByColumn(COL_CITY, Qt.SortOrder.DescendingOrder)  # type: ignore[union-attr]
    window.close()
    again = make_window(qtbot, sqlite_db)
    assert (again.width(), again.height()) == (700, 500)
    model = again.screen("contacts").model  # type: ignore[union-attr]
    assert (model.sort_key, model.descending) == ("city", True)


def test_qt_buttons_speak_french(qtbot) -> None:
    """Qt's own French translation is loaded: a Cancel button says « Annuler »."""
    app = QApplication.instance()
    before = set(app.findChildren(QTranslator))
    try:
        assert (
            gui_app.install_translators(app, QLocale(QLocale.Language.French, QLocale.Country.France)) == "fr"
        )
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
        assert QLocale().language() == QLocale.Language.French
    finally:
        for t in set(app.findChildren(QTranslator)) - before:
            app.removeTranslator(t)


def test_english_system_stays_french_while_english_is_untranslated(qtbot) -> None:
    """An English system gets English only if the English .qm has translations (not yet)."""
    app = QApplication.instance()
    before = set(app.findChildren(QTranslator))
    try:
        english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        own = QTranslator()
        has_english = own.load(str(gui_app.resource("i18n", "webleads_en.qm"))) and not own.isEmpty()
        assert gui_app.install_translators(app, english) == ("en" if has_english else "fr")
    finally:
        for t in set(app.findChildren(QTranslator)) - before:
            app.removeTranslator(t)
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))


def test_a_file_that_is_not_a_base_gives_a_dialog_and_exit_2(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Starting on a text file: a plain dialog, exit status 2, and the file untouched."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bad = tmp_path / "notes.txt"
    bad.write_text("pas une base\n", encoding="utf-8")
    assert gui_app.run_window(str(bad)) == 2
    assert shown and "n'est pas une base" in shown[0]
    assert bad.read_text(encoding="utf-8") == "pas une base\n"


def test_start_creates_the_base_and_shows_the_window(tmp_path: Path) -> None:
    """The smoke-test start (as the benchmark runs it) creates the base and exits 0 once shown.

    In a real process: QApplication.exec() and quit() must not run inside the test process, where
    they would leave the shared application (and its thread pool) in a finished state.
    """
    import subprocess

    base = tmp_path / "neuve.sqlite"
    env = {
        **os.environ,
        gui_app.SMOKE_TEST_ENV: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "WEBLEADS_HOME": str(tmp_path),
    }
    main = Path(__file__).resolve().parents[2] / "main.py"
    done = subprocess.run(
        [sys.executable, str(main), "--db", str(base)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    # the frame, then the base's counts on the home page, then its charts
    assert done.stdout.splitlines() == [
        "window shown",
        "file chooser in French",
        "home shown",
        "charts shown",
    ]
    assert base.read_bytes()[:16] == b"SQLite format 3\x00"


def test_the_frame_waits_for_the_base_without_failing(qtbot) -> None:
    """Before the base is open (the first second of a start) the sections and menus are inert."""
    window = MainWindow(None, FakeDialogs())
    qtbot.addWidget(window)
    assert not window.sidebar.isEnabled() and not window.menuBar().isEnabled()
    assert window.count_label.text() == "Ouverture de la base…"
    window.new_contact_action.trigger()  # a shortcut typed meanwhile: nothing happens, nothing breaks
    window.show_section("partners")
    assert window.screens == {} and window.import_contacts() is None and window.export_contacts() is None


def test_uncaught_error_is_logged_in_full_and_shown_in_plain_words(
    qtbot, monkeypatch, data_home: Path
) -> None:
    """The exception hook writes the trace to the log file and shows a French sentence."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    setup_logging()
    gui_app.install_excepthook()
    try:
        raise ValueError("boum")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    for h in root.handlers:
        h.flush()
    log_text = (data_home / "webleads.log").read_text(encoding="utf-8")
    assert "Traceback" in log_text and "ValueError: boum" in log_text
    assert shown and "erreur inattendue" in shown[0] and "webleads.log" in shown[0]


def test_base_name_is_shown_without_its_password(qtbot, sqlite_db: Database, monkeypatch) -> None:
    """A server address in the status bar and the title never shows the password."""
    monkeypatch.setattr(sqlite_db, "url", "postgresql+psycopg://boutique:secret@serveur/clients")
    window = make_window(qtbot, sqlite_db)
    for text in (window.base_label.text(), window.windowTitle()):
        assert "secret" not in text
        assert "boutique:***@serveur/clients" in text


def test_leaving_settings_with_unsaved_changes_asks_first(qtbot, sqlite_db: Database) -> None:
    """Issue 15: a change typed in Réglages disappeared when another screen was opened. Now the window asks;
    answering no keeps the screen and what was typed; answering yes leaves (the change is not saved)."""
    ui = FakeDialogs(confirm_answer=False)
    window = make_window(qtbot, sqlite_db, ui)
    window.show_section("settings")
    settings = window.screen("settings")
    settings.fields["org.name"].setText("Boulangerie Dupont")  # type: ignore[union-attr]
    window.show_section("contacts")
    assert window.current_key() == "settings" and len(ui.confirms) == 1
    assert settings.fields["org.name"].text() == "Boulangerie Dupont"  # type: ignore[union-attr]
    ui.confirm_answer = True
    window.show_section("contacts")
    assert window.current_key() == "contacts"
    window.show_section("settings")
    assert settings.fields["org.name"].text() == ""  # type: ignore[union-attr]
    window.show_section("contacts")  # nothing typed since: no question
    assert len(ui.confirms) == 2


def test_a_spreadsheet_dropped_on_the_window_starts_the_import(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:
    """Issue 15: drag a spreadsheet or a vCard onto the window: the import wizard opens with it; another kind
    of file is not taken."""
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from gui.import_wizard import ImportWizard

    window = make_window(qtbot, sqlite_db)
    card = tmp_path / "contacts.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Durand;Zoé;;;\r\nFN:Zoé Durand\r\nEND:VCARD\r\n", encoding="utf-8"
    )
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8")

    def drop(path: Path) -> bool:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)  # fmt: skip
        window.dragEnterEvent(enter)
        if not enter.isAccepted():
            return False
        window.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                    Qt.KeyboardModifier.NoModifier))  # fmt: skip
        return True

    assert not drop(photo)
    assert drop(card)
    wizards = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1 and wizards[0].file_page.path_edit.text() == str(card)
