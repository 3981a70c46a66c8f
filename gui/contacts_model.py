"""The contact table's model: the ids of the search from SQL a page at a time, rows fetched lazily.

It never holds ORM objects: filtering starts a new id list (services.contacts.search_pages.search_page: the
first FIRST_PAGE ids, then more as the view scrolls down, Qt's canFetchMore/fetchMore), sorting re-runs
the same query in another order, and the visible rows come from fetch_rows() 100 at a time into a small
cache. A search among 1,000,000 contacts costs a page of ids; how many match is counted apart
(services.contacts.search_pages.count_matches, off the window's thread: gui.contacts_screen).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from gui.dates import to_qdate
from models.contact import format_ref
from models.database import Database
from services.compliance.dashboard import contact_view_condition
from services.contacts.fields import SOURCE_KIND_LABELS, STATUS_LABELS
from services.contacts.search import ContactRow, fetch_rows
from services.contacts.search_pages import FIRST_PAGE, ListQuery, search_page
from services.core.errors import UserError
from services.core.phones import display as display_phone

IdRole = Qt.ItemDataRole.UserRole  # the contact's id, whatever the column
SortRole = Qt.ItemDataRole.UserRole + 1  # the native value (dates as dates, numbers as numbers)
# data() is called about 4,000 times per repaint: plain ints compare faster than Qt's enum members.
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value
_ID, _SORT = IdRole.value, int(SortRole)
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _ID, _SORT))

PAGE_SIZE = 100  # rows read and formatted together: a screenful or three
MAX_PAGES = 25  # at most 5,000 rows kept in memory
MORE_IDS = 1000  # ids read each time the view scrolls past the last ones read


@dataclass(frozen=True)
class Column:
    key: str  # services.contacts.search.SORT_COLUMNS key, or "" when the column cannot be sorted
    title: str  # French source text, translated in the context "ContactsModel"
    sample: str  # a typical value: the column's default width


COLUMNS: list[Column] = [
    Column("ref", QT_TRANSLATE_NOOP("ContactsModel", "Réf."), "C-000000"),
    # Marks seen at a glance (issue 15): an objection in force, a letter returned, a doubt an import left
    # (services.contacts.to_check, cleared when a person saves the contact). Sorted by the doubt.
    Column("to_check", str(QT_TRANSLATE_NOOP("ContactsModel", "Suivi")), "⚠ À vérifier ✖ ✉"),
    Column("civility", QT_TRANSLATE_NOOP("ContactsModel", "Civilité"), "Mme"),
    Column("first_name", QT_TRANSLATE_NOOP("ContactsModel", "Prénom"), "Jean-Pierre"),
    Column("last_name", QT_TRANSLATE_NOOP("ContactsModel", "Nom"), "CHARPENTIER"),
    Column("company", QT_TRANSLATE_NOOP("ContactsModel", "Société"), "Cabinet Lefèvre & Ass"),
    Column("postcode", QT_TRANSLATE_NOOP("ContactsModel", "CP"), "00000"),
    Column("city", QT_TRANSLATE_NOOP("ContactsModel", "Ville"), "Saint-Souplet-sur"),
    Column("mobile", QT_TRANSLATE_NOOP("ContactsModel", "Portable/Téléphone"), "06 00 00 00 00"),
    Column("email", QT_TRANSLATE_NOOP("ContactsModel", "E-mail"), "prenom.nom00@exemple.fr"),
    Column("status", QT_TRANSLATE_NOOP("ContactsModel", "Statut"), "Prospect"),
    Column("source_kind", QT_TRANSLATE_NOOP("ContactsModel", "Origine"), "Courtier en données"),
    Column("last_contact_on", QT_TRANSLATE_NOOP("ContactsModel", "Dernier contact"), "00/00/0000"),
]
(COL_REF, COL_TO_CHECK, COL_CIVILITY, COL_FIRST, COL_LAST, COL_COMPANY, COL_POSTCODE, COL_CITY, COL_PHONE,
 COL_EMAIL, COL_STATUS, COL_SOURCE, COL_LAST_CONTACT) = range(len(COLUMNS))  # fmt: skip
TO_CHECK_MARK = str(QT_TRANSLATE_NOOP("ContactsModel", "⚠ À vérifier"))
TO_CHECK_TIP = str(
    QT_TRANSLATE_NOOP("ContactsModel", "Un import a laissé un doute : ouvrez la fiche pour le voir.")
)
OBJECTED_MARK = str(QT_TRANSLATE_NOOP("ContactsModel", "✖ Opposé(e)"))
OBJECTED_TIP = str(QT_TRANSLATE_NOOP("ContactsModel", "La personne s'est opposée : la fiche dit à quoi."))
NPAI_MARK = str(QT_TRANSLATE_NOOP("ContactsModel", "✉ NPAI"))
NPAI_TIP = str(
    QT_TRANSLATE_NOOP("ContactsModel", "Un courrier est revenu : n'habite pas à l'adresse indiquée.")
)


class ContactsModel(QAbstractTableModel):
    """Rows = the ids of the current search, in the current order."""

    fetch_failed = Signal(str)  # a page could not be read (the view shows empty cells meanwhile)

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.text = ""
        self.view = ""  # a list the home page opened (services.compliance.dashboard.CONTACT_VIEWS), or all
        self.sort_key = "last_name"
        self.descending = False
        self.ids: list[int] = []  # the ids read so far, in order (all of them once `complete`)
        self._row_of: dict[int, int] = {}
        self._after: tuple[Any, int] | None = None  # where the next ids start (None: all were read)
        self._pages: OrderedDict[int, dict[int, ContactRow]] = OrderedDict()
        self._locale = QLocale()
        self._failing = False

    # --- queries ----------------------------------------------------------------------------------
    def query(self, session: Any) -> ListQuery:
        where = contact_view_condition(session, self.view) if self.view else None
        return ListQuery(self.text, self.sort_key, self.descending, where=where)

    def reload(self) -> None:
        """Re-run the search (after a save, a delete, or another station's changes): its first ids."""
        with self.db.session() as session:
            page = search_page(session, self.query(session), limit=FIRST_PAGE)
        self.beginResetModel()
        self.ids = page.ids
        self._row_of = {cid: row for row, cid in enumerate(page.ids)}
        self._after = page.after
        self._pages.clear()
        self.endResetModel()

    @property
    def complete(self) -> bool:
        """Every id of the list has been read: len(ids) is the count."""
        return self._after is None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._after is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        """The next ids, when the view scrolls to the last ones read (keyset: after the last row's key)."""
        if parent.isValid() or self._after is None:
            return
        try:
            with self.db.session() as session:
                page = search_page(session, self.query(session), self._after, MORE_IDS)
        except UserError as exc:  # called by the view: no caller to tell but the signal
            self.fetch_failed.emit(str(exc))
            return
        new = [cid for cid in page.ids if cid not in self._row_of]  # moved meanwhile by another station
        self._after = page.after
        if not new:
            return
        self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(new) - 1)
        for cid in new:
            self._row_of[cid] = len(self.ids)
            self.ids.append(cid)
        self.endInsertRows()

    def set_search(self, text: str) -> None:
        if text != self.text or not self.ids:
            self.text = text
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].key if 0 <= column < len(COLUMNS) else ""
        if not key:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self.ids:
            return
        self.sort_key, self.descending = key, descending
        try:
            self.reload()
        except UserError as exc:  # called by the view's header: no caller to tell but the signal
            self.fetch_failed.emit(str(exc))

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(COLUMNS) if c.key == self.sort_key), COL_LAST)

    def row_of(self, contact_id: int) -> int:
        """The row of a contact among the ids read so far, -1 if not (yet) there."""
        return self._row_of.get(contact_id, -1)

    def contact_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def _entry(self, row: int) -> tuple[ContactRow, tuple[str, ...]] | None:
        """The row's values and display texts, fetching its page from SQL when it is not cached."""
        if not 0 <= row < len(self.ids):
            return None
        page = row // PAGE_SIZE
        cached = self._pages.get(page)
        if cached is None:
            page_ids = self.ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            try:
                with self.db.session() as session:
                    rows = fetch_rows(session, page_ids)
            except UserError as exc:  # e.g. the server went away: said once, retried at next paint
                if not self._failing:
                    self._failing = True
                    self.fetch_failed.emit(str(exc))
                return None
            self._failing = False
            # Formatted once per page: the view asks for the same cells at every repaint.
            cached = {cid: (r, self._texts(r)) for cid, r in rows.items()}
            self._pages[page] = cached
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        elif page != next(reversed(self._pages)):
            self._pages.move_to_end(page)
        return cached.get(self.ids[row])  # None if deleted meanwhile by another station

    def row_values(self, row: int) -> ContactRow | None:
        entry = self._entry(row)
        return entry[0] if entry else None

    # --- Qt model -----------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.tr_column(COLUMNS[section].title)
        return None

    @staticmethod
    def tr_column(title: str) -> str:
        return QCoreApplication.translate("ContactsModel", title)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # The view asks for seven roles per cell at each repaint: the ones not answered leave first.
        if role not in _ANSWERED:
            return None
        if role == _DISPLAY:
            entry = self._entry(index.row())
            return entry[1][index.column()] if entry and index.column() >= 0 else None
        if role == _ID:
            return self.contact_id(index.row())
        entry = self._entry(index.row())  # the sort value or the tooltip
        if entry is None or index.column() < 0:
            return None
        if role == _SORT:
            return self._native(entry[0], index.column())
        return self._tooltip(entry[0], index.column())

    def _texts(self, r: ContactRow) -> tuple[str, ...]:
        return tuple(self._display(r, col) for col in range(len(COLUMNS)))

    def _native(self, r: ContactRow, col: int) -> Any:
        if col == COL_REF:
            return r.id
        if col == COL_PHONE:
            return r.mobile or r.phone
        if col == COL_LAST_CONTACT:
            return r.last_contact_on
        if col == COL_TO_CHECK:
            return int(r.to_check)
        return getattr(r, COLUMNS[col].key)

    def _display(self, r: ContactRow, col: int) -> str:
        if col == COL_REF:
            return r.ref
        if col == COL_PHONE:
            return display_phone(r.mobile or r.phone)
        if col == COL_STATUS:
            return STATUS_LABELS.get(r.status, r.status)
        if col == COL_SOURCE:
            return SOURCE_KIND_LABELS.get(r.source_kind, r.source_kind)
        if col == COL_TO_CHECK:
            return "  ".join(self.tr_column(m) for m, on in self._marks(r) if on)
        if col == COL_LAST_CONTACT:
            if r.last_contact_on is None:
                return ""
            return self._locale.toString(to_qdate(r.last_contact_on), QLocale.FormatType.ShortFormat)
        return str(getattr(r, COLUMNS[col].key) or "")

    @staticmethod
    def _marks(r: ContactRow) -> tuple[tuple[str, bool], ...]:
        return (OBJECTED_MARK, r.objected), (NPAI_MARK, r.npai_on is not None), (TO_CHECK_MARK, r.to_check)

    def _tooltip(self, r: ContactRow, col: int) -> str | None:
        if col == COL_PHONE and r.mobile and r.phone:
            return f"{display_phone(r.mobile)} / {display_phone(r.phone)}"
        if col in (COL_EMAIL, COL_COMPANY, COL_CITY):
            return self._display(r, col) or None
        if col == COL_TO_CHECK and (r.to_check or r.objected or r.npai_on):
            tips = {TO_CHECK_MARK: TO_CHECK_TIP, OBJECTED_MARK: OBJECTED_TIP, NPAI_MARK: NPAI_TIP}
            return "\n".join(self.tr_column(tips[m]) for m, on in self._marks(r) if on)
        return None

    def ref_of(self, row: int) -> str:
        cid = self.contact_id(row)
        return format_ref(cid) if cid is not None else ""
