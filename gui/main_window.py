"""The main window: a sidebar of sections (gui/sections.py), the current screen, menus and a status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QCoreApplication, QDate, QLocale, QMimeData, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.dates import midnight
from gui.dialogs import Dialogs
from gui.sections import SECTIONS, Section
from services.core.paths import log_file

if TYPE_CHECKING:  # the database layer is imported once the frame is on screen (gui/app.py)
    from gui.help_browser import HelpDialog
    from gui.home_screen import HomeScreen
    from models.database import Database

APP_TITLE = "webleads-tracker"


class MainWindow(QMainWindow):
    """Built in two steps at start-up: the frame (sidebar, menus, status bar) is shown at once, then
    set_database() opens the sections. Given a base, both steps happen here."""

    def __init__(self, db: Database | None = None, ui: Dialogs | None = None) -> None:
        super().__init__()
        self.db: Database | None = None
        self.demo = False
        self.ui = ui or Dialogs(self)
        self.screens: dict[str, QWidget] = {}
        self.help_dialog: HelpDialog | None = None  # the guide (F1), built on first use
        self.setWindowTitle(APP_TITLE)

        self.setAcceptDrops(True)  # a file dropped on the window is imported (dropEvent)
        self.sidebar = QListWidget(self)
        self.sidebar.setIconSize(self.sidebar.iconSize() * 1.25)
        self.sidebar.setSpacing(2)
        self.sidebar.setMinimumWidth(150)
        self.stack = QStackedWidget(self)
        self._section_actions: dict[str, QAction] = {}
        for section in SECTIONS:
            self._add_section(section)

        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([170, 1000])
        # A demonstration base says so above every screen (issue 14): invented people, invented organisation.
        self.demo_band = QLabel(
            self.tr("Base de démonstration : personnes et organisation fictives. Pour vos vrais contacts, "
                    "ouvrez une nouvelle base."), self)  # fmt: skip
        self.demo_band.setStyleSheet("background: #fdecea; color: #8a1c14; font-weight: bold; padding: 6px;")
        self.demo_band.setWordWrap(True)
        self.demo_band.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_band)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel(self.tr("Ouverture de la base…"), self)
        self.base_label = QLabel(self)
        self.base_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.base_label)

        self._build_menus()
        self.sidebar.currentRowChanged.connect(self._on_section_row)
        self.resize(1200, 720)
        self.restore_state()
        self.sidebar.setEnabled(False)
        self.menuBar().setEnabled(False)
        if db is not None:
            self.set_database(db)

    def set_database(self, db: Database) -> None:
        """The base is open: the sections and the menus come alive, the home page first."""
        from models.database import describe_url
        from services.core.clock import use_display_zone  # after the first paint, like SQLAlchemy
        from services.core.demo_base import is_demo

        self.db = db
        from gui.changes import ChangeWatcher

        self.changes = ChangeWatcher(self)  # every change, whoever made it, recounts the home page
        self.changes.watch(db)
        self.changes.changed.connect(self.refresh_home)
        midnight().passed.connect(self._day_passed)  # the window is often left open overnight
        with db.session() as session:
            use_display_zone(session)  # the screens show the business's clock
            self.demo = is_demo(session)
        if self.demo:
            self.setWindowTitle(f"{APP_TITLE} — {self.tr('Base de démonstration')} — {describe_url(db.url)}")
        else:
            self.setWindowTitle(f"{APP_TITLE} — {describe_url(db.url)}")
        self.demo_band.setVisible(self.demo)
        self.base_label.setText(self.tr("Base : {name}").format(name=describe_url(db.url)))
        self.count_label.clear()
        self.sidebar.setEnabled(True)
        self.menuBar().setEnabled(True)
        self.show_section("home")

    # --- sections ---------------------------------------------------------------------------------------
    def _add_section(self, section: Section) -> None:
        label = QCoreApplication.translate("Sections", section.label)
        item = QListWidgetItem(self.style().standardIcon(section.icon), label)
        item.setData(Qt.ItemDataRole.UserRole, section.key)
        if not section.available:
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setToolTip(self.tr("Bientôt disponible"))
        self.sidebar.addItem(item)
        self.stack.addWidget(QWidget(self.stack))  # replaced by the screen on first visit

    def section_keys(self) -> list[str]:
        return [s.key for s in SECTIONS]

    def current_key(self) -> str:
        row = self.sidebar.currentRow()
        return SECTIONS[row].key if 0 <= row < len(SECTIONS) else ""

    def screen(self, key: str) -> QWidget | None:
        """The section's screen, built on first use; None when the section is not available yet."""
        if key in self.screens:
            return self.screens[key]
        if self.db is None:  # still opening the base
            return None
        index = self.section_keys().index(key)
        section = SECTIONS[index]
        if not section.available:
            return None
        widget = section.factory()(self.db, self.ui, self.stack)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.screens[key] = widget
        counts = getattr(widget, "counts_changed", None)
        if counts is not None:
            counts.connect(self._show_counts)
            widget.update_counts()  # type: ignore[attr-defined]  # a section with counts has it
        if key == "home":
            home = cast("HomeScreen", widget)
            home.open_view.connect(self.open_view)
            home.badges_changed.connect(self.show_badges)
            home.import_requested.connect(lambda: self.import_contacts())
            home.new_contact_requested.connect(self.new_contact)
        return widget

    def open_view(self, key: str, view: str) -> None:
        """A line of the home page: its section, showing the list it counted (`view`, "" for the section)."""
        self.show_section(key)
        widget = self.screens.get(key)
        if view and widget is not None and hasattr(widget, "show_view"):
            widget.show_view(view)

    def show_badges(self, numbers: dict[str, int]) -> None:
        """The home page's counts beside the sections they concern (« Notifications (3) »)."""
        for row, section in enumerate(SECTIONS):
            item = self.sidebar.item(row)
            label = QCoreApplication.translate("Sections", section.label)
            n = numbers.get(section.key, 0)
            item.setText(
                self.tr("{label} ({count})").format(label=label, count=QLocale().toString(n)) if n else label
            )
            item.setData(Qt.ItemDataRole.UserRole + 1, n)

    def refresh_home(self) -> None:
        """After a change: the home page's counts (and the badges) read again, off the GUI thread."""
        home = self.screens.get("home")
        if home is not None:
            cast("HomeScreen", home).refresh_counts()

    def show_section(self, key: str) -> None:
        index = self.section_keys().index(key)
        if not SECTIONS[index].available:
            return
        if self.sidebar.currentRow() != index:
            self.sidebar.setCurrentRow(index)  # -> _on_section_row
        else:
            self._on_section_row(index)

    def _on_section_row(self, row: int) -> None:
        if not 0 <= row < len(SECTIONS):
            return
        leaving = self.stack.currentWidget()
        if leaving is not None and hasattr(leaving, "can_leave") and not leaving.can_leave():
            # The screen keeps what was typed: the sidebar goes back to it.
            back = next((i for i, s in enumerate(SECTIONS) if self.screens.get(s.key) is leaving), row)
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(back)
            self.sidebar.blockSignals(False)
            return
        key = SECTIONS[row].key
        built = key in self.screens
        widget = self.screen(key)
        if widget is None:
            return
        if built and hasattr(widget, "refresh"):
            widget.refresh()
        if key != "home":  # leaving a screen: what was done there shows in the badges
            self.refresh_home()
        self.stack.setCurrentWidget(widget)
        self.delete_action.setEnabled(hasattr(widget, "delete_selected"))
        self.find_action.setEnabled(hasattr(widget, "focus_search"))

    def _show_counts(self, shown: int, total: int) -> None:
        # %Ln: the count in the locale's digits, and the French plural from webleads_fr.qm (1 contact, 2 contacts).
        if shown == total:
            text = self.tr("%Ln contact(s)", "", total)
        else:
            text = self.tr("%Ln contact(s) affiché(s) sur {total}", "", shown).format(
                total=QLocale().toString(total)
            )
        self.count_label.setText(text)

    # --- menus ---------------------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Fichier"))
        self.new_contact_action = self._action(
            self.tr("&Nouveau contact…"), QKeySequence.StandardKey.New, self.new_contact
        )
        file_menu.addAction(self.new_contact_action)
        file_menu.addSeparator()
        # The import wizard and the contacts export.
        self.import_action = self._action(self.tr("&Importer…"), "Ctrl+I", lambda: self.import_contacts())
        file_menu.addAction(self.import_action)
        self.export_action = self._action(self.tr("&Exporter les contacts…"), "Ctrl+E", self.export_contacts)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        # docs/rules.md §10.3: a copy now, and the list of copies to restore one.
        self.backup_action = self._action(self.tr("&Sauvegarder…"), "Ctrl+Shift+S", self.backup_now)
        file_menu.addAction(self.backup_action)
        self.restore_action = self._action(self.tr("&Restaurer…"), None, self.open_backups)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quitter"), "Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("É&dition"))
        self.find_action = self._action(
            self.tr("&Rechercher"), QKeySequence.StandardKey.Find, self.focus_search
        )
        edit_menu.addAction(self.find_action)
        self.delete_action = self._action(
            self.tr("&Supprimer…"), QKeySequence.StandardKey.Delete, self.delete_selected
        )
        edit_menu.addAction(self.delete_action)

        view_menu = bar.addMenu(self.tr("&Affichage"))
        for i, section in enumerate(SECTIONS):
            label = QCoreApplication.translate("Sections", section.label)
            # Ctrl+1..Ctrl+9 for the first nine sections; Settings keeps the usual Ctrl+, wherever it is.
            shortcut = "Ctrl+," if section.key == "settings" else (f"Ctrl+{i + 1}" if i < 9 else None)
            action = self._action(label, shortcut, lambda _=False, k=section.key: self.show_section(k))
            action.setEnabled(section.available)
            if not section.available:
                action.setText(self.tr("{label} (bientôt disponible)").format(label=label))
            view_menu.addAction(action)
            self._section_actions[section.key] = action

        help_menu = bar.addMenu(self.tr("&Aide"))
        self.help_action = self._action(
            self.tr("&Guide de l'utilisateur"), QKeySequence.StandardKey.HelpContents, self.open_help
        )
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        self.about_action = self._action(self.tr("À &propos de webleads-tracker"), None, self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)
        self.about_qt_action = self._action(self.tr("À propos de &Qt"), None, self.about_qt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
        help_menu.addAction(self.about_qt_action)

    # --- actions -------------------------------------------------------------------------------------------
    def open_help(self) -> QWidget:
        """F1: the guide, on the page of the screen shown (one window, brought back if already open)."""
        from gui.help_browser import HelpDialog, page_for

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show_page(page_for(self.current_key()))
        self.help_dialog.show()
        self.help_dialog.raise_()
        return self.help_dialog

    def new_contact(self) -> None:
        self.show_section("contacts")
        screen = self.screen("contacts")
        if screen is not None:
            screen.new_contact()  # type: ignore[attr-defined]  # the contacts section

    def import_contacts(self, path: Path | None = None) -> QWidget | None:
        from gui.import_wizard import open_import_wizard

        if self.db is None:
            return None
        wizard = open_import_wizard(self.db, self.ui, self, path)
        wizard.imported.connect(self._after_import)
        return wizard

    def export_contacts(self) -> QWidget | None:
        """The contacts the list shows (its search), or all of them."""
        from gui.export_contacts import export_contacts_dialog

        if self.db is None:
            return None
        screen = self.screens.get("contacts")
        search = getattr(getattr(screen, "model", None), "text", "") or ""
        return export_contacts_dialog(self.db, self.ui, self, search)

    def open_backups(self) -> QWidget | None:
        from gui.backup_dialog import BackupDialog

        if self.db is None:
            return None
        dialog = BackupDialog(self.db, self.ui, self.reload_screens, self)
        dialog.open()
        return dialog

    def backup_now(self) -> QWidget | None:
        dialog = self.open_backups()
        if dialog is not None:
            dialog.backup_now()  # type: ignore[attr-defined]  # a BackupDialog
        return dialog

    def reload_screens(self) -> None:
        """After a restore: every screen rebuilt from the base as it now is."""
        current = self.current_key() or "contacts"
        for key in list(self.screens):
            widget = self.screens.pop(key)
            index = self.section_keys().index(key)
            self.stack.insertWidget(index, QWidget(self.stack))
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.show_section(current)

    def _day_passed(self, _old: QDate, _new: QDate) -> None:
        """The business's midnight with the window open: what was due yesterday is late now, and the new
        day gets its backup and its retention reminder as if the application had just started."""
        self.refresh_home()
        self.start_of_day()

    def start_of_day(self) -> None:
        """At start: the day's backup (docs/rules.md §10.3) and the end-of-retention reminder (§6.4)."""
        from services.compliance.retention import past_term
        from services.core.backups import automatic_backup
        from services.core.moments import business_date

        if self.db is None:
            return
        backup, error = automatic_backup(self.db, "quotidienne")
        if error:
            self.statusBar().showMessage(self.tr("Sauvegarde du jour impossible : {0}").format(error))
        elif backup is not None:
            self.statusBar().showMessage(
                self.tr("Sauvegarde du jour faite : {0}").format(backup.path.name), 8000
            )
        with self.db.session() as session:
            found = past_term(session)
        due = sum(p.due for p in found)
        to_write = sum(1 for p in found if not p.due and p.letter_sent_on is None)
        if not due and not to_write:
            return
        settings = QSettings()
        today = business_date().isoformat()
        if settings.value("retention/reminded") == today:
            return
        settings.setValue("retention/reminded", today)
        self.retention_reminder = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Fin de la durée de conservation"),
            self.tr("%n personne(s) au-delà de la durée de conservation", "", len(found)) + " : "
            + self.tr("%n à anonymiser maintenant", "", due) + ", "
            + self.tr("%n à qui envoyer la lettre de renouvellement.", "", to_write)
            + "\n\n" + self.tr("Voyez Registres › Fin de conservation."),
            QMessageBox.StandardButton.Ok, self,
        )  # fmt: skip
        self.retention_reminder.open()

    def _after_import(self, _result: object) -> None:
        self._refresh_contacts()
        self.refresh_home()

    def _refresh_contacts(self) -> None:
        screen = self.screens.get("contacts")
        if screen is not None and hasattr(screen, "refresh"):
            screen.refresh()

    def focus_search(self) -> None:
        widget = self.stack.currentWidget()
        if hasattr(widget, "focus_search"):
            widget.focus_search()

    def delete_selected(self) -> None:
        widget = self.stack.currentWidget()
        if hasattr(widget, "delete_selected"):
            widget.delete_selected()

    def about(self) -> QMessageBox:
        """Version, base, log, and the licences of the program, its data and fonts (and Qt's own box)."""
        from gui.about_dialog import about_box
        from models.database import describe_url

        box = about_box(self, describe_url(self.db.url) if self.db else "—", str(log_file()))
        box.open()
        return box

    def about_qt(self) -> None:
        QMessageBox.aboutQt(self, self.tr("À propos de Qt"))

    # --- remembered state ------------------------------------------------------------------------------------
    def restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        for widget in self.screens.values():
            if hasattr(widget, "save_state"):
                widget.save_state()

    # Issue 15: a spreadsheet or a vCard dropped on the window starts the import wizard with it.
    def _dropped_file(self, mime: QMimeData) -> Path | None:
        from gui.import_wizard import IMPORTABLE

        urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
        path = Path(urls[0].toLocalFile()) if len(urls) == 1 else None
        return (
            path if path is not None and path.suffix.lower() in IMPORTABLE and self.db is not None else None
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.import_contacts(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        shown = self.stack.currentWidget()
        if shown is not None and hasattr(shown, "can_leave") and not shown.can_leave():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
        app = QApplication.instance()
        if app is not None and event.isAccepted():
            QSettings().sync()
