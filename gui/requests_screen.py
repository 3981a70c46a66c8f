"""The Requests section: what people asked (access, erasure, objection…) and the deadline to answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from gui.dialogs import Dialogs
from gui.use_case import attempt
from models.database import Database
from models.requests import REQUEST_KINDS, REQUEST_OUTCOMES
from services.compliance.requests import (
    KIND_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    RequestView,
    add_request,
    answer_request,
    extend_request,
    list_requests,
)
from services.contacts.lookup import get_by_ref

CHANNEL_LABELS = {"letter": "Courrier", "email": "E-mail", "phone": "Téléphone", "in-person": "En personne"}
OVERDUE = QColor("#fde2e1")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date_edit(d: date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(_qdate(d), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class AnswerDialog(QDialog):
    """Outcome and text of the answer; a refusal asks for its reasons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Répondre à la demande"))
        self.outcome = QComboBox(self)
        for key in REQUEST_OUTCOMES:
            self.outcome.addItem(OUTCOME_LABELS[key], key)
        self.on = _date_edit(date.today(), self)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(
            self.tr(
                "Texte de la réponse. Un refus est motivé et rappelle le droit de réclamation auprès de la CNIL."
            )
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Réponse"), self.outcome)
        form.addRow(self.tr("Date"), self.on)
        form.addRow(self.tr("Texte"), self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ExtendDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prolonger de deux mois"))
        self.on = _date_edit(date.today(), self)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(
            self.tr("Raison donnée à la personne (complexité, nombre de demandes…)")
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Personne informée le"), self.on)
        form.addRow(self.tr("Motif"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class RequestsScreen(QWidget):
    COLUMNS = ("N°", "Statut", "Type", "Demandeur", "Contact", "Reçue le", "Réponse due le", "Réponse")

    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.views: list[RequestView] = []

        box = QGroupBox(self.tr("Nouvelle demande"), self)
        self.kind = QComboBox(box)
        for key in REQUEST_KINDS:
            self.kind.addItem(KIND_LABELS[key], key)
        self.contact_ref = QLineEdit(box)
        self.contact_ref.setPlaceholderText(self.tr("C-000123 (facultatif)"))
        self.requester = QLineEdit(box)
        self.requester.setPlaceholderText(self.tr("Nom de la personne (si elle n'est pas dans la base)"))
        self.received = _date_edit(date.today(), box)
        self.channel = QComboBox(box)
        for key, label in CHANNEL_LABELS.items():
            self.channel.addItem(self.tr(label), key)
        self.details = QLineEdit(box)
        self.add_button = QPushButton(self.tr("Enregistrer la demande"), box)
        form = QFormLayout(box)
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(self.tr("Contact"), self.contact_ref)
        form.addRow(self.tr("Demandeur"), self.requester)
        form.addRow(self.tr("Reçue le"), self.received)
        form.addRow(self.tr("Canal"), self.channel)
        form.addRow(self.tr("Détails"), self.details)
        form.addRow(self.add_button)

        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("Toutes"), "")
        for key, label in STATUS_LABELS.items():
            self.status_filter.addItem(self.tr(label.capitalize()), key)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.extend_button = QPushButton(self.tr("Prolonger…"), self)
        self.answer_button = QPushButton(self.tr("Répondre…"), self)
        self.summary = QLabel(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Afficher :"), self))
        top.addWidget(self.status_filter)
        top.addStretch(1)
        top.addWidget(self.summary)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.extend_button)
        actions.addWidget(self.answer_button)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        self.add_button.clicked.connect(self.add)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.extend_button.clicked.connect(self._ask_extend)
        self.answer_button.clicked.connect(self._ask_answer)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    # --- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        with self.db.session() as session:
            self.views = list_requests(session, self.status_filter.currentData() or "")
        self.table.setRowCount(len(self.views))
        for row, v in enumerate(self.views):
            values = [
                str(v.id), self.tr(STATUS_LABELS[v.status]), self.tr(KIND_LABELS[v.kind]), v.requester, v.ref,
                v.received_on.strftime("%d/%m/%Y"), v.due_on.strftime("%d/%m/%Y"),
                self.tr(OUTCOME_LABELS.get(v.outcome, "")) if v.outcome else "",
            ]  # fmt: skip
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if v.status == "overdue":
                    item.setBackground(QBrush(OVERDUE))
                self.table.setItem(row, col, item)
        late = sum(v.status == "overdue" for v in self.views)
        self.summary.setText(self.tr("{0} demande(s), dont {1} en retard").format(len(self.views), late))
        self._update_buttons()

    def selected(self) -> RequestView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.views[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        v = self.selected()
        self.answer_button.setEnabled(v is not None and v.status != "answered")
        self.extend_button.setEnabled(v is not None and v.status != "answered")

    # --- actions --------------------------------------------------------------------------------
    def add(self) -> None:
        ref = self.contact_ref.text().strip()

        def add(session: Session) -> None:
            contact_id = get_by_ref(session, ref).id if ref else None
            add_request(
                session, kind=self.kind.currentData(), requester=self.requester.text(),
                received_on=_pydate(self.received.date()), contact_id=contact_id,
                channel=self.channel.currentData(), details=self.details.text(),
            )  # fmt: skip

        if not attempt(self.ui, self.db, add):
            return
        for field in (self.contact_ref, self.requester, self.details):
            field.clear()
        self.refresh()

    def extend_selected(self, reason: str, on: date) -> bool:
        v = self.selected()
        if v is None:
            return False
        return self._run(lambda s: extend_request(s, v.id, reason, on))

    def answer_selected(self, outcome: str, text: str, on: date) -> bool:
        v = self.selected()
        if v is None:
            return False
        return self._run(lambda s: answer_request(s, v.id, outcome, on, text))

    def _run(self, action: Callable[[Session], object]) -> bool:
        if not attempt(self.ui, self.db, action):
            return False
        self.refresh()
        return True

    def _ask_extend(self) -> None:
        dialog = ExtendDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.extend_selected(dialog.reason.toPlainText(), _pydate(dialog.on.date()))

    def _ask_answer(self) -> None:
        dialog = AnswerDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.answer_selected(
                dialog.outcome.currentData(), dialog.text.toPlainText(), _pydate(dialog.on.date())
            )
