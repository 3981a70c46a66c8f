"""Recording what a person chose on a form, from the contact (docs/rules.md §1, §4), with its proof.

From the contact dialog, one line:  open_consent_dialog(db, ui, contact_id, parent)
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from gui.choices_panel import ChoicesPanel
from gui.dialogs import Dialogs
from gui.use_case import attempt
from models.contact import Contact, format_ref
from models.database import Database
from services.compliance.consents import (
    current_choices,
    record_consent,
)
from services.contacts.history import contact_history
from services.contacts.record import display_name
from services.core.clock import business_tz
from services.core.errors import InputError


class ConsentDialog(QDialog):
    def __init__(self, db: Database, ui: Dialogs, contact_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.contact_id = contact_id
        self.record_id: int | None = None
        with db.session() as s:
            contact = s.get(Contact, contact_id)
            if contact is None:
                raise InputError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
            name = display_name(contact)
            summary = current_choices(s, contact_id).summary()
            tz = business_tz(s)
            history = [f"{e.when.astimezone(tz):%d/%m/%Y}  {e.text}" for e in contact_history(s, contact)]
        self.setWindowTitle(self.tr("Choix de {0}").format(format_ref(contact_id)))
        header = QLabel(
            f"<b>{format_ref(contact_id)}</b> — {name}<br>" + self.tr("Aujourd'hui : {0}").format(summary)
        )
        header.setWordWrap(True)
        self.choices = ChoicesPanel(db, ui, self)
        self.timeline = QListWidget()
        self.timeline.addItems(history)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.choices.has_versions)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.choices)
        layout.addWidget(QLabel(self.tr("Historique")))
        layout.addWidget(self.timeline, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def save(self) -> None:
        arguments = self.choices.record_arguments()
        done = attempt(self.ui, self.db, lambda s: record_consent(s, self.contact_id, **arguments).id)
        if done:
            self.record_id = done.value
            self.accept()


def open_consent_dialog(db: Database, ui: Dialogs, contact_id: int, parent: QWidget | None = None) -> bool:
    """Open the dialog for a contact; True when a record was saved."""
    return ConsentDialog(db, ui, contact_id, parent).exec() == QDialog.DialogCode.Accepted
