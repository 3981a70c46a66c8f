"""A new phone campaign: name, purpose, subject (a contract's subject opens the running-contract
exception), and which contacts (search text)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.phone.campaign import subject_warning


@dataclass(frozen=True)
class PhoneCampaignValues:
    name: str
    subject: str
    purpose: str
    search: str


class PhoneCampaignDialog(QDialog):
    def __init__(self, contract_subjects: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nouvelle campagne téléphonique"))
        self.name = QLineEdit(self)
        self.name.setMaxLength(150)
        self.subject = QComboBox(self)
        self.subject.setEditable(True)
        self.subject.addItems(["", *contract_subjects])
        self.subject.lineEdit().setPlaceholderText(self.tr("ex. Nouvelle collection de cuisines"))
        self.purpose = QLineEdit(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("vide : tous les contacts"))
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("&Nom"), self.name)
        form.addRow(self.tr("&Objet des appels"), self.subject)
        form.addRow(self.tr("&Finalité"), self.purpose)
        form.addRow(self.tr("&Contacts (recherche)"), self.search)
        hint = QLabel(
            self.tr(
                "Un particulier n'est appelé qu'avec son consentement, ou si la campagne porte sur l'objet "
                "d'un contrat en cours avec lui (choisissez alors cet objet dans la liste)."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.subject.currentTextChanged.connect(self._check_subject)
        self.name.textChanged.connect(self._check_name)
        self._check_name()

    def _check_subject(self, text: str) -> None:
        self.warning.setText(subject_warning(text))

    def _check_name(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def values(self) -> PhoneCampaignValues:
        return PhoneCampaignValues(
            self.name.text().strip(),
            self.subject.currentText().strip(),
            self.purpose.text().strip(),
            self.search.text().strip(),
        )
