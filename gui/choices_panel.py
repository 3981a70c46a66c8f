"""What a person chose on a collection form, as on the paper (docs/rules.md §1, §4), with its proof: the
form version, its boxes (unticked until the person ticked them), when, by which channel, who typed it in.

Shared by the consent dialog of an existing contact and the new-contact record (issue 15), so that the
choices of the paper form are recorded with the person, in one save."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.labels import tr_label
from models.compliance import CONSENT_CHANNEL_LABELS
from models.database import Database
from services.compliance.consents import CONSENT_CHANNELS, PARTNER_OPT_IN_PREFIX
from services.compliance.forms import get_version, list_versions, version_boxes
from services.core.clock import business_tz
from services.core.moments import from_wall_time, now
from services.core.users import current_user

PROOF_KINDS = (
    ("note", "Note"),
    ("file", "Scan ou photo du formulaire"),
    ("web_id", "Identifiant du formulaire web"),
)


class WrappedCheckBox(QWidget):
    """A box whose sentence wraps (the CNIL's sentences are long): a click on the text ticks it too."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.mousePressEvent = lambda _event: self.box.toggle()  # type: ignore[method-assign]  # a click on the sentence ticks the box
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        self.box.setChecked(checked)

    def text(self) -> str:
        return self.label.text()


class ChoicesPanel(QWidget):
    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ui = db, ui
        self.boxes: dict[str, WrappedCheckBox] = {}
        with db.session() as s:
            self.tz = business_tz(s)  # the times typed here are the shop's (docs/rules.md §10.1)
            versions = list(list_versions(s))
        self.has_versions = bool(versions)
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
            self.channel.addItem(CONSENT_CHANNEL_LABELS.get(key, key), key)
        self.recorded_by = QLineEdit(current_user())  # « Saisi par », as everywhere else (issue 15)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.box_group)
        if versions:
            self._show_boxes()
        else:
            self.box_layout.addWidget(
                QLabel(self.tr("Aucun formulaire : créez-en un dans l'écran Formulaires."))
            )

    def _show_boxes(self) -> None:
        while self.box_layout.count():
            item = self.box_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.boxes = {}
        with self.db.session() as s:
            version = get_version(s, self.version.currentData())
            boxes = version_boxes(version)
            channel = version.form.channel
        for box in boxes:
            check = WrappedCheckBox(box.label)  # unticked: only what the person ticked is ticked here
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

    def record_arguments(self) -> dict[str, Any]:
        """The keyword arguments of services.compliance.consents.record_consent, contact aside."""
        answers, categories = self.answers()
        wall = cast(datetime, self.when.dateTime().toPython()).replace(second=0, microsecond=0)
        return {
            "form_version_id": self.version.currentData(), **answers, "accepted_partner_categories": categories,
            "recorded_on": from_wall_time(wall, self.tz), "channel": self.channel.currentData(),
            "recorded_by": self.recorded_by.text(), "proof_kind": self.proof_kind.currentData(),
            "proof": self.proof.text(),
        }  # fmt: skip
