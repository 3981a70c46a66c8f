"""The Requests section: what people asked (access, erasure, objection…) and the deadline to answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
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

from gui.dates import TodayDateEdit, from_qdate
from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.use_case import attempt
from models.compliance import OPPOSITION_SCOPES
from models.database import Database
from models.requests import REQUEST_KINDS, REQUEST_OUTCOMES
from services.compliance.erasure import ERASABLE_FIELDS
from services.compliance.request_deadlines import DUE_SOON, KIND_LABELS, OUTCOME_LABELS, STATUS_LABELS
from services.compliance.requests import (
    Identifiers,
    RequestOutcome,
    RequestView,
    add_request,
    answer_request,
    extend_request,
    list_requests,
)
from services.contacts.fields import FIELD_LABELS
from services.contacts.history import SCOPE_LABELS
from services.contacts.lookup import get_by_ref
from services.core.users import current_user

CHANNEL_LABELS = {"letter": "Courrier", "email": "E-mail", "phone": "Téléphone", "in-person": "En personne"}
OVERDUE = QColor("#fde2e1")


class AnswerDialog(QDialog):
    """Outcome and text of the answer; a refusal asks for its reasons. What the answer does is said
    here: an erasure erases, a partial one names its fields, an access writes the person's dossier."""

    def __init__(self, kind: str = "access", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Répondre à la demande"))
        self.kind = kind
        self.outcome = QComboBox(self)
        for key in REQUEST_OUTCOMES:
            if kind == "objection" and key != "granted":
                continue  # docs/rules.md §5.1: an objection to prospecting is never refused
            self.outcome.addItem(OUTCOME_LABELS[key], key)
        self.on = TodayDateEdit(self)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(
            self.tr(
                "Texte de la réponse. Un refus est motivé ; le droit de réclamation auprès de la CNIL y est "
                "ajouté s'il n'y figure pas."
            )
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Réponse"), self.outcome)
        form.addRow(self.tr("Date"), self.on)
        form.addRow(self.tr("Texte"), self.text)
        self.fields: dict[str, QCheckBox] = {}
        if kind == "erasure":
            box = QGroupBox(self.tr("Effacement partiel : champs effacés"), self)
            grid = QGridLayout(box)
            for i, name in enumerate(ERASABLE_FIELDS):
                self.fields[name] = QCheckBox(tr_label(FIELD_LABELS[name]), box)
                grid.addWidget(self.fields[name], i // 3, i % 3)
            form.addRow(box)
            self.outcome.currentIndexChanged.connect(self._enable_fields)
            self._enable_fields()
        effect = {
            "erasure": self.tr("« Accordée » efface le contact (anonymisation) et prévient les partenaires."),
            "rectification": self.tr(
                "Corrigez d'abord la fiche du contact : les partenaires qui ont reçu le champ corrigé sont "
                "prévenus à l'enregistrement."
            ),
            "access": self.tr("« Accordée » écrit le dossier de la personne (PDF) dans le dossier choisi."),
            "portability": self.tr("« Accordée » écrit ses données (JSON) dans le dossier choisi."),
            "objection": self.tr("L'opposition a pris effet à sa réception ; elle ne se refuse pas."),
        }.get(kind, "")
        if effect:
            note = QLabel(effect, self)
            note.setWordWrap(True)
            form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _enable_fields(self) -> None:
        partial = self.outcome.currentData() == "partial"
        for check in self.fields.values():
            check.setEnabled(partial)

    def chosen_fields(self) -> list[str]:
        return (
            [k for k, c in self.fields.items() if c.isChecked()]
            if self.outcome.currentData() == "partial"
            else []
        )


class ExtendDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prolonger de deux mois"))
        self.on = TodayDateEdit(self)
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
        self.received = TodayDateEdit(box)
        self.channel = QComboBox(box)
        for key, label in CHANNEL_LABELS.items():
            self.channel.addItem(tr_label(label), key)
        self.details = QLineEdit(box)
        self.scope = QComboBox(box)
        for key in OPPOSITION_SCOPES:
            self.scope.addItem(tr_label(SCOPE_LABELS[key]), key)
        # docs/rules.md §5.2: someone not (or no longer) in the base is kept out by what they give.
        self.ids = {
            name: QLineEdit(box) for name in ("last_name", "first_name", "postcode", "email", "phone")
        }
        for name, edit in self.ids.items():
            edit.setPlaceholderText(self.tr("Téléphone") if name == "phone" else tr_label(FIELD_LABELS[name]))
        ids_row = QHBoxLayout()
        for edit in self.ids.values():
            ids_row.addWidget(edit)
        self.add_button = QPushButton(self.tr("Enregistrer la demande"), box)
        form = QFormLayout(box)
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(self.tr("Contact"), self.contact_ref)
        form.addRow(self.tr("Demandeur"), self.requester)
        form.addRow(self.tr("Reçue le"), self.received)
        form.addRow(self.tr("Canal"), self.channel)
        form.addRow(self.tr("Détails"), self.details)
        form.addRow(self.tr("Portée de l'opposition"), self.scope)
        self.ids_label = QLabel(self.tr("Personne absente de la base"), box)
        form.addRow(self.ids_label, ids_row)
        form.addRow(self.add_button)
        self.kind.currentIndexChanged.connect(self._show_objection_fields)
        self._show_objection_fields()

        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("Toutes"), "")
        for key, label in STATUS_LABELS.items():
            self.status_filter.addItem(tr_label(label).capitalize(), key)
        self.status_filter.addItem(self.tr("À traiter dans les 7 jours"), DUE_SOON)  # the home page's line
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([tr_label(c) for c in self.COLUMNS])
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
    def show_view(self, view: str) -> None:
        """The home page's line: the requests late (« overdue ») or due within the week (« due_soon »)."""
        index = self.status_filter.findData(view)
        if index >= 0:
            self.status_filter.setCurrentIndex(index)  # -> refresh

    def refresh(self) -> None:
        with self.db.session() as session:
            self.views = list_requests(session, self.status_filter.currentData() or "")
        self.table.setRowCount(len(self.views))
        for row, v in enumerate(self.views):
            values = [
                str(v.id), tr_label(STATUS_LABELS[v.status]), tr_label(KIND_LABELS[v.kind]), v.requester, v.ref,
                v.received_on.strftime("%d/%m/%Y"), v.due_on.strftime("%d/%m/%Y"),
                tr_label(OUTCOME_LABELS.get(v.outcome, "")) if v.outcome else "",
            ]  # fmt: skip
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if v.status == "overdue":
                    item.setBackground(QBrush(OVERDUE))
                self.table.setItem(row, col, item)
        late = sum(v.status == "overdue" for v in self.views)
        self.summary.setText(
            self.tr("%n demande(s)", "", len(self.views)) + self.tr(", dont {0} en retard").format(late)
        )
        self._update_buttons()

    def selected(self) -> RequestView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.views[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        v = self.selected()
        self.answer_button.setEnabled(v is not None and v.status != "answered")
        self.extend_button.setEnabled(v is not None and v.status != "answered")

    def _show_objection_fields(self) -> None:
        objection = self.kind.currentData() == "objection"
        self.scope.setEnabled(objection)
        for edit in self.ids.values():
            edit.setEnabled(objection)
        self.ids_label.setEnabled(objection)

    # --- actions --------------------------------------------------------------------------------
    def add(self) -> None:
        ref = self.contact_ref.text().strip()
        kind = self.kind.currentData()
        ids = Identifiers(**{k: e.text().strip() for k, e in self.ids.items()})

        def add(session: Session) -> RequestOutcome:
            contact_id = get_by_ref(session, ref).id if ref else None
            return add_request(
                session, kind=kind, requester=self.requester.text(),
                received_on=from_qdate(self.received.date()), contact_id=contact_id,
                channel=self.channel.currentData(), details=self.details.text(),
                scope=self.scope.currentData() if kind == "objection" else "",
                identifiers=ids if kind == "objection" else None, recorded_by=current_user(),
            )  # fmt: skip

        done = attempt(self.ui, self.db, add)
        if not done:
            return
        for field in (self.contact_ref, self.requester, self.details, *self.ids.values()):
            field.clear()
        self.refresh()
        self._tell(done.value)

    def _tell(self, done: RequestOutcome) -> None:
        """Say what the request did (an objection effective now, an erasure, a dossier written)."""
        parts = []
        if done.opposition_id:
            parts.append(self.tr("Opposition enregistrée : effective dès maintenant, partout."))
        if done.suppressed:
            parts.append(self.tr("%n identifiant(s) mis en liste d'opposition.", "", done.suppressed))
        if done.erased:
            parts.append(self.tr("Contact effacé (anonymisé)."))
        if done.erased_fields:
            names = ", ".join(tr_label(FIELD_LABELS[f]) for f in done.erased_fields)
            parts.append(self.tr("Champs effacés : {0}.").format(names))
        if done.notices:
            parts.append(self.tr("%n notification(s) à envoyer aux partenaires.", "", len(done.notices)))
        if done.dossier:
            parts.append(self.tr("Dossier de la personne écrit : {0}").format(done.dossier))
        if parts:
            self.ui.show_info("\n".join(parts))

    def extend_selected(self, reason: str, on: date) -> bool:
        v = self.selected()
        if v is None:
            return False
        return self._run(lambda s: extend_request(s, v.id, reason, on))

    def answer_selected(
        self, outcome: str, text: str, on: date, fields: list[str] | None = None, out: Path | None = None
    ) -> bool:
        v = self.selected()
        if v is None:
            return False
        if v.kind in ("access", "portability") and outcome != "refused" and v.ref and out is None:
            out = self.ui.ask_directory(self.tr("Dossier où écrire les données de la personne"), "dossiers")
            if out is None:
                return False
        done = attempt(
            self.ui, self.db, lambda s: answer_request(s, v.id, outcome, on, text, fields=fields, out=out)
        )
        if not done:
            return False
        self.refresh()
        self._tell(done.value)
        return True

    def _run(self, action: Callable[[Session], object]) -> bool:
        if not attempt(self.ui, self.db, action):
            return False
        self.refresh()
        return True

    def _ask_extend(self) -> None:
        dialog = ExtendDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.extend_selected(dialog.reason.toPlainText(), from_qdate(dialog.on.date()))

    def _ask_answer(self) -> None:
        v = self.selected()
        dialog = AnswerDialog(v.kind if v else "access", self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.answer_selected(
                dialog.outcome.currentData(),
                dialog.text.toPlainText(),
                from_qdate(dialog.on.date()),
                dialog.chosen_fields(),
            )
