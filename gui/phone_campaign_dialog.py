"""A new phone campaign: name, purpose, subject (a contract's subject opens the running-contract
exception), its declared category (docs/rules.md §1.7), and which contacts (search text)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui.labels import tr_label
from services.phone.campaign import subject_warning
from services.phone.eligibility import SUBJECT_CATEGORIES, suggested_category


@dataclass(frozen=True)
class PhoneCampaignValues:
    name: str
    subject: str
    purpose: str
    search: str
    subject_category: str = "other"
    confirm_category: bool = False


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
        self.category = QComboBox(self)
        for key, label in SUBJECT_CATEGORIES.items():
            self.category.addItem(tr_label(label), key)
        self.category.setCurrentIndex(self.category.findData("other"))
        self.confirm = QCheckBox(self)
        self.confirm.setVisible(False)
        self.purpose = QLineEdit(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("vide : tous les contacts"))
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("&Nom"), self.name)
        form.addRow(self.tr("&Objet des appels"), self.subject)
        form.addRow(self.tr("Caté&gorie de l'objet"), self.category)
        form.addRow(self.confirm)
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
        self.subject.currentTextChanged.connect(self._check)
        self.category.currentIndexChanged.connect(self._check)
        self.confirm.toggled.connect(self._check)
        self.name.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        """docs/rules.md §1.7: say what a forbidden category means; ask before « autre objet » when the
        subject's words suggest a forbidden one; OK only with a name and, then, that confirmation."""
        subject, category = self.subject.currentText(), self.category.currentData()
        suggested = suggested_category(subject)
        doubt = category == "other" and suggested != "other"
        self.confirm.setVisible(doubt)
        if doubt:
            self.confirm.setText(
                self.tr("Je confirme que ces appels ne portent pas sur : {0}").format(
                    tr_label(SUBJECT_CATEGORIES[suggested])
                )
            )
        else:
            self.confirm.setChecked(False)
        if doubt:
            self.warning.setText(
                self.tr(
                    "Cet objet ressemble à « {0} », interdit au téléphone hors contrat en cours : choisissez "
                    "cette catégorie, ou confirmez qu'il s'agit d'autre chose."
                ).format(tr_label(SUBJECT_CATEGORIES[suggested]))
            )
        else:
            self.warning.setText(subject_warning(subject, category))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()) and (not doubt or self.confirm.isChecked()))

    def values(self) -> PhoneCampaignValues:
        return PhoneCampaignValues(
            self.name.text().strip(),
            self.subject.currentText().strip(),
            self.purpose.text().strip(),
            self.search.text().strip(),
            self.category.currentData(),
            self.confirm.isChecked(),
        )
