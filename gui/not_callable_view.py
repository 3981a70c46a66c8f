"""The call screen's « Exclus ou plus tard » tab: each person who may not be called now, why, and when they
may (services.phone.campaign.not_callable), searchable by name, reference or reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.phone.campaign import NotCallable

Index = QModelIndex | QPersistentModelIndex


class NotCallableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[NotCallable] = []
        self.headers = [
            QCoreApplication.translate("NotCallableModel", "Référence"),
            QCoreApplication.translate("NotCallableModel", "Nom"),
            QCoreApplication.translate("NotCallableModel", "Situation"),
            QCoreApplication.translate("NotCallableModel", "Pourquoi"),
            QCoreApplication.translate("NotCallableModel", "Quand"),
        ]
        self.later = QCoreApplication.translate("NotCallableModel", "plus tard")
        self.excluded = QCoreApplication.translate("NotCallableModel", "exclu(e)")

    def set_rows(self, rows: list[NotCallable]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.rows[index.row()]
        status = self.excluded if r.excluded else self.later
        return (r.ref, r.name, status, r.reason, r.next_moment)[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class NotCallableView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = NotCallableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # every column: a name, a reference or a reason
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Chercher un nom, une référence, un motif…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((90, 220, 90, 360)):
            self.table.setColumnWidth(column, width)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def set_rows(self, rows: list[NotCallable]) -> None:
        self.model.set_rows(rows)
        later = sum(1 for r in rows if not r.excluded)
        self.note.setText(
            self.tr("%n personne(s) à rappeler plus tard", "", later)
            + " · "
            + self.tr("%n exclue(s) de cette campagne (la raison dit pourquoi).", "", len(rows) - later)
        )
