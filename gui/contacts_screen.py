"""The Contacts section: search-as-you-type over the whole base, a sortable table, create/edit/delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from gui.contacts_model import COL_LAST, COLUMNS, ContactsModel
from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.latest_count import LatestCount
from gui.use_case import attempt
from models.database import Database
from services.compliance.dashboard import CONTACT_VIEWS, contact_view_condition
from services.contacts.editing import HasComplianceHistory, delete_contact
from services.contacts.record import display_name
from services.contacts.search import count_contacts, fetch_rows, search_limit_notice
from services.contacts.search_pages import ListQuery, count_matches
from services.core.errors import UserError

if TYPE_CHECKING:  # the dialog module is imported when a contact is first opened
    from gui.contact_dialog import ContactDialog

HEADER_STATE_KEY = "contacts/header"
# The search waits this long after a keystroke: a word typed at speed is one query, not one per letter.
SEARCH_DELAY_MS = 150
# The count of the matches waits for a longer pause: at 1,000,000 contacts it costs more than the page.
COUNT_DELAY_MS = 400


class ContactsScreen(QWidget):
    """The contact list. `counts_changed(shown, total)` feeds the status bar."""

    counts_changed = Signal(int, int)

    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.total = 0  # live contacts in the base
        self.shown = 0  # contacts in the list (the search, the list opened from the home page)
        self._counter = LatestCount(self, db, COUNT_DELAY_MS)
        self.model = ContactsModel(db, self)
        # Not from inside a paint event: the message box waits for the event loop.
        self.model.fetch_failed.connect(
            lambda message: QTimer.singleShot(0, lambda: self.ui.show_error(message)),
            Qt.ConnectionType.QueuedConnection,
        )

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr(
                "Rechercher : nom, société, ville, CP, téléphone, e-mail, réf. (1 ou 2 lettres : début des mots)"
            )
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
            QLineEdit.ActionPosition.LeadingPosition,
        )
        self.new_button = QPushButton(self.tr("Nouveau contact"), self)
        self.new_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.open_button = QPushButton(self.tr("Ouvrir"), self)
        self.delete_button = QPushButton(self.tr("Supprimer"), self)
        self.delete_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TrashIcon))

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        self._default_widths()
        self.restore_state()
        self.table.setSortingEnabled(True)  # runs the first query, in the remembered order

        # A list the home page opened (« Information due (art. 14) en retard »…), until « Tout afficher ».
        self.view_label = QLabel(self)
        self.view_label.setStyleSheet("font-weight: bold;")
        self.all_button = QPushButton(self.tr("Tout afficher"), self)
        self.all_button.clicked.connect(lambda: self.show_view(""))
        self.view_bar = QWidget(self)
        bar = QHBoxLayout(self.view_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.view_label, 1)
        bar.addWidget(self.all_button)
        self.view_bar.hide()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view_bar)
        layout.addWidget(self.table, 1)

        # Keystrokes arriving within SEARCH_DELAY_MS of each other are one query, run after the last.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._focus_table)
        self.new_button.clicked.connect(self.new_contact)
        self.open_button.clicked.connect(self.open_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda index: self.open_contact(self.model.contact_id(index.row())))
        self.table.installEventFilter(self)  # Enter opens the selected contact, Del deletes it
        self.search.installEventFilter(self)  # Down goes from the search box to the table
        self.model.modelReset.connect(self.count_later)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.count_later()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if watched is self.table and key == Qt.Key.Key_Delete:  # the view keeps Del from the menu
                self.delete_selected()
                return True
            if watched is self.search and key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if watched is self.search and key == Qt.Key.Key_Down and self.model.rowCount():
                self._focus_table()
                return True
        return super().eventFilter(watched, event)

    # --- state ------------------------------------------------------------------------------------
    def _default_widths(self) -> None:
        """Widths from the columns' typical lengths (resizeColumnsToContents costs 0.5 s at 100,000)."""
        metrics = self.table.fontMetrics()
        header_metrics = self.table.horizontalHeader().fontMetrics()
        for i, column in enumerate(COLUMNS):
            title = self.model.headerData(i, Qt.Orientation.Horizontal) or ""
            width = max(
                metrics.horizontalAdvance(column.sample), header_metrics.horizontalAdvance(title) + 16
            )
            self.table.setColumnWidth(i, width + 14)
        self.table.horizontalHeader().setSortIndicator(COL_LAST, Qt.SortOrder.AscendingOrder)

    def restore_state(self) -> None:
        state = QSettings().value(HEADER_STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)

    def save_state(self) -> None:
        QSettings().setValue(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())

    # --- search -------------------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._run(lambda: self.model.set_search(self.search.text()))
        # Lay the rows out now rather than at the next turn of the event loop: the new rows and the
        # scroll bar's new range are then painted once, not twice (10 ms of each keystroke).
        self.table.doItemsLayout()

    def refresh(self) -> None:
        """Re-read the base (another screen or another station may have changed it)."""
        current = self.current_id()
        self._run(self.model.reload)
        self.select_id(current)

    def show_view(self, view: str) -> None:
        """Only the contacts of one of the home page's lines (`view`), or all of them ("")."""
        self.model.view = view
        self.view_bar.setVisible(bool(view))
        if view:
            self.view_label.setText(self.tr("Liste : {0}").format(tr_label(CONTACT_VIEWS[view])))
        self.refresh()

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except UserError as exc:  # the base went away: said, and the list stays as it was
            self.ui.show_error(str(exc))

    def count_later(self) -> None:
        """The list's count and the base's, read off the window's thread when the list was not read whole
        (at 1,000,000 contacts a count costs more than the page shown), once typing pauses; the status bar
        follows."""
        model = self.model
        if model.complete and not model.text and not model.view:
            self._counter.cancel()
            self.shown = self.total = len(model.ids)
            self.update_counts()
            return
        text, view, complete, shown_now = model.text, model.view, model.complete, len(model.ids)
        if complete:  # the list was read whole: its count is known, the base's is counted again
            self.shown = shown_now

        def work(session: Session) -> tuple[int, int]:
            where = contact_view_condition(session, view) if view else None
            shown = shown_now if complete else count_matches(session, ListQuery(text, where=where))
            return shown, count_contacts(session)

        def done(counts: tuple[int, int]) -> None:
            self.shown, self.total = counts
            self.update_counts()

        self._counter.ask(work, done)
        self.update_counts()  # the search's notice at once; the counts when they come

    def update_counts(self) -> None:
        """Tell the status bar how many contacts are shown, out of how many (and, under the search box,
        that a very long search used only its first words)."""
        self.counts_changed.emit(self.shown, self.total)
        notice = search_limit_notice(self.model.text)
        self.search.setToolTip(notice)
        window = self.window()
        if notice and isinstance(window, QMainWindow):
            window.statusBar().showMessage(notice, 10_000)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_table(self) -> None:
        if self.model.rowCount() and self.current_id() is None:
            self.select_row(0)
        self.table.setFocus()

    # --- selection ---------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.contact_id(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def select_id(self, contact_id: int | None) -> None:
        if contact_id is None:
            return
        row = self.model.row_of(contact_id)
        if row >= 0:
            self.select_row(row)

    # --- actions -----------------------------------------------------------------------------------
    def new_contact(self) -> None:
        from gui.contact_dialog import ContactDialog  # on first use: not on the start-up path

        dialog = ContactDialog(self.db, self.ui, None, self)
        if dialog.exec():
            self._after_save(dialog)
        elif dialog.open_instead is not None:  # the person was already there: their record instead
            self.open_contact(dialog.open_instead)

    def open_current(self) -> None:
        self.open_contact(self.current_id())

    def open_contact(self, contact_id: int | None) -> None:
        if contact_id is None:
            return
        from gui.contact_dialog import ContactDialog  # on first use: not on the start-up path

        try:
            dialog = ContactDialog(self.db, self.ui, contact_id, self)
        except UserError as exc:  # deleted meanwhile, base unreachable
            self.ui.show_error(str(exc))
            self.refresh()
            return
        if dialog.exec():
            self._after_save(dialog)

    def _after_save(self, dialog: ContactDialog) -> None:
        self.refresh()
        self.select_id(dialog.saved_id)
        self.table.setFocus()

    def offer_erasure(self, contact_id: int, ref: str, why: str) -> None:
        """docs/rules.md §5.5: a contact with a compliance history is anonymised, its proof and objections kept."""
        message = self.tr(
            "{why}\n\nEffacer le contact {ref} ? Ses données personnelles seront anonymisées ; ses choix, "
            "ses oppositions et la liste d'opposition sont conservés comme preuve, et chaque partenaire qui "
            "l'a reçu sera notifié."
        ).format(why=why, ref=ref)
        if not self.ui.confirm(message, self.tr("Effacer un contact"), self.tr("Effacer")):
            return
        from services.compliance.erasure import erase_contact  # on first use: not on the start-up path

        done = attempt(self.ui, self.db, lambda s: erase_contact(s, contact_id))
        if done:
            self.ui.show_info(
                self.tr(
                    "Contact {ref} effacé ; %n notification(s) à envoyer aux partenaires.",
                    "",
                    len(done.value),
                ).format(ref=ref)
            )

    def delete_selected(self) -> None:
        contact_id = self.current_id()
        if contact_id is None:
            return
        row = self.model.row_of(contact_id)
        with self.db.session() as session:
            values = fetch_rows(session, [contact_id]).get(contact_id)
        if values is None:
            self.refresh()
            return
        message = self.tr(
            "Supprimer définitivement le contact {ref} ({name}) ?\n\n"
            "Sa fiche et son historique seront effacés. Cette action ne peut pas être annulée."
        ).format(ref=values.ref, name=display_name(values))
        if not self.ui.confirm(message, self.tr("Supprimer un contact"), self.tr("Supprimer")):
            return
        try:
            with self.db.session() as session:
                delete_contact(session, contact_id)
        except HasComplianceHistory as exc:  # the proof stays: anonymise instead
            self.offer_erasure(contact_id, values.ref, str(exc))
        except UserError as exc:
            self.ui.show_error(str(exc))
        self.refresh()
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
