"""A small read-only table filled from plain rows (forms, partners, notices: hundreds of rows, not 100,000)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from services.core.text import display_value

ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = QColor("#F8D7DA")


class SimpleTable(QTableView):
    """Rows of values with an id per row; sortable on native values; a row can be highlighted."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(0, len(headers), self)
        self.model_.setHorizontalHeaderLabels(list(headers))
        self.model_.setSortRole(Qt.ItemDataRole.UserRole)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        # Rows keep the order given (overdue first, newest first…) until the user sorts a column.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)

    def set_rows(
        self, rows: Sequence[tuple[int, Sequence[Any]]], highlighted: set[int] | None = None
    ) -> None:
        """rows: (id, values); highlighted: the ids shown on a red background."""
        self.setSortingEnabled(False)
        self.model_.setRowCount(0)
        for row_id, values in rows:
            items = []
            for value in values:
                item = QStandardItem(display_value(value))
                item.setData(
                    value if isinstance(value, (int, float, str)) else display_value(value),
                    Qt.ItemDataRole.UserRole,
                )
                if isinstance(value, (date, datetime)):
                    item.setData(value.isoformat(), Qt.ItemDataRole.UserRole)
                item.setData(row_id, ID_ROLE)
                if highlighted and row_id in highlighted:
                    item.setBackground(OVERDUE_COLOUR)
                items.append(item)
            self.model_.appendRow(items)
        self.setSortingEnabled(True)
        self.resizeColumnsToContents()

    def selected_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            index = self.currentIndex()
            return index.data(ID_ROLE) if index.isValid() else None
        return rows[0].data(ID_ROLE)

    def row_ids(self) -> list[int]:
        return [self.model_.item(r, 0).data(ID_ROLE) for r in range(self.model_.rowCount())]
