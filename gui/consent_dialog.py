"""Recording what a person chose on a form, from the contact (docs/rules.md §1, §4), with its proof.

From the contact dialog, one line:  open_consent_dialog(db, ui, contact_id, parent)
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.use_case import attempt
from models.compliance import CONSENT_CHANNEL_LABELS
from models.contact import Contact, format_ref
from models.database import Database
from services.compliance.consents import (
    CONSENT_CHANNELS,
    PARTNER_OPT_IN_PREFIX,
    current_choices,
    record_consent,
)
from services.compliance.forms import get_version, list_versions, version_boxes
from services.contacts.history import contact_history
from services.contacts.record import display_name
from services.core.clock import business_tz
from services.core.errors import InputError
from services.core.moments import from_wall_time, now

PROOF_KINDS = (
    ("note", "Note"),
    ("file", "Scan ou photo du formulaire"),
    ("web_id", "Identifiant du formulaire web"),
)
CHANNEL_LABELS = CONSENT_CHANNEL_LABELS


class ConsentDialog(QDialog):
    def __init__(self, db: Database, ui: Dialogs, contact_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.contact_id = contact_id
        self.record_id: int | None = None
        self.boxes: dict[str, QCheckBox] = {}
        with db.session() as s:
            contact = s.get(Contact, contact_id)
            if contact is None:
                raise InputError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
            name = display_name(contact)
            summary = current_choices(s, contact_id).summary()
            self.tz = business_tz(s)  # the times typed here are the shop's (docs/rules.md §10.1)
            history = [
                f"{e.when.astimezone(self.tz):%d/%m/%Y}  {e.text}" for e in contact_history(s, contact)
            ]
            versions = [v for v in list_versions(s)]
        self.setWindowTitle(self.tr("Choix de {0}").format(format_ref(contact_id)))
        header = QLabel(
            f"<b>{format_ref(contact_id)}</b> — {name}<br>" + self.tr("Aujourd'hui : {0}").format(summary)
        )
        header.setWordWrap(True)

        self.version = QComboBox()
        for v in versions:
            suffix = "" if v.latest else self.tr(" (ancienne)")
            self.version.addItem(f"{v.form_name} — v{v.number}{suffix}", v.version_id)
        latest = [i for i, v in enumerate(versions) if v.latest]
        if latest:
            self.version.setCurrentIndex(latest[0])
        self.version.currentIndexChanged.connect(self._show_boxes)
        self.box_group = QGroupBox(self.tr("Cases telles que la personne les a cochées"))
        self.box_layout = QVBoxLayout(self.box_group)

        shop_now = QDateTime(now().astimezone(self.tz).replace(tzinfo=None, second=0, microsecond=0))
        self.when = QDateTimeEdit(shop_now)
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setMaximumDateTime(shop_now.addSecs(60))
        self.channel = QComboBox()
        for key in CONSENT_CHANNELS:
            self.channel.addItem(CHANNEL_LABELS.get(key, key), key)
        self.recorded_by = QLineEdit()
        self.proof_kind = QComboBox()
        for key, label in PROOF_KINDS:
            self.proof_kind.addItem(tr_label(label), key)
        self.proof = QLineEdit()
        self.proof.setPlaceholderText(self.tr("Note, chemin du scan ou identifiant de soumission"))
        browse = QPushButton(self.tr("Choisir le &fichier…"))
        browse.clicked.connect(self._choose_file)
        proof_row = QHBoxLayout()
        proof_row.addWidget(self.proof_kind)
        proof_row.addWidget(self.proof, 1)
        proof_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Formulaire :"), self.version)
        form.addRow(self.tr("Date et heure du choix :"), self.when)
        form.addRow(self.tr("Canal :"), self.channel)
        form.addRow(self.tr("Saisi par :"), self.recorded_by)
        form.addRow(self.tr("Preuve :"), proof_row)
        self.timeline = QListWidget()
        self.timeline.addItems(history)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(form)
        layout.addWidget(self.box_group)
        layout.addWidget(QLabel(self.tr("Historique")))
        layout.addWidget(self.timeline, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)
        if not versions:
            self.box_layout.addWidget(
                QLabel(self.tr("Aucun formulaire : créez-en un dans l'écran Formulaires."))
            )
            buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        else:
            self._show_boxes()

    def _show_boxes(self) -> None:
        while self.box_layout.count():
            widget = self.box_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.boxes = {}
        with self.db.session() as s:
            version = get_version(s, self.version.currentData())
            boxes = version_boxes(version)
            channel = version.form.channel
        for box in boxes:
            check = QCheckBox(box.label)  # unticked: only what the person ticked is ticked here
            self.boxes[box.key] = check
            self.box_layout.addWidget(check)
        self.channel.setCurrentIndex(max(self.channel.findData(channel), 0))

    def _choose_file(self) -> None:
        path = self.ui.ask_open_path(
            self.tr("Scan ou photo du formulaire signé"),
            self.tr("Images et PDF (*.jpg *.jpeg *.png *.pdf *.tif *.tiff)"),
            purpose="proofs",
        )
        if path is not None:
            self.proof_kind.setCurrentIndex(self.proof_kind.findData("file"))
            self.proof.setText(str(path))

    def answers(self) -> tuple[dict[str, bool | None], list[str]]:
        """Each box on the version as answered (ticked or not); boxes not printed stay None."""
        answers: dict[str, bool | None] = {}
        categories = []
        for key, check in self.boxes.items():
            if key.startswith(PARTNER_OPT_IN_PREFIX):
                if check.isChecked():
                    categories.append(key[len(PARTNER_OPT_IN_PREFIX) :])
            else:
                answers[key] = check.isChecked()
        return answers, categories

    def save(self) -> None:
        answers, categories = self.answers()
        wall: datetime = self.when.dateTime().toPython().replace(second=0, microsecond=0)
        when = from_wall_time(wall, self.tz)
        done = attempt(
            self.ui,
            self.db,
            lambda s: (
                record_consent(
                    s,
                    self.contact_id,
                    self.version.currentData(),
                    **answers,
                    accepted_partner_categories=categories,
                    recorded_on=when,
                    channel=self.channel.currentData(),
                    recorded_by=self.recorded_by.text(),
                    proof_kind=self.proof_kind.currentData(),
                    proof=self.proof.text(),
                ).id
            ),
        )
        if done:
            self.record_id = done.value
            self.accept()


def open_consent_dialog(db: Database, ui: Dialogs, contact_id: int, parent: QWidget | None = None) -> bool:
    """Open the dialog for a contact; True when a record was saved."""
    return ConsentDialog(db, ui, contact_id, parent).exec() == QDialog.DialogCode.Accepted
