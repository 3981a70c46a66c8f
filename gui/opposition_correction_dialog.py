"""« Corriger une erreur de saisie » on an objection (docs/rules.md §5.10): move it to the person who objected,
or cancel it when nobody did, with a reason. The dialog only asks; services.compliance.opposition_correction
decides and records."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.contact import Contact, format_ref
from models.database import Database
from services.compliance.opposition_correction import MIN_REASON
from services.contacts.record import display_name
from services.contacts.search_pages import people_named


class OppositionCorrectionDialog(QDialog):
    def __init__(
        self, db: Database, summary: str, wrong_contact_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.wrong_contact_id = wrong_contact_id
        self.target_id: int | None = None
        self.setWindowTitle(self.tr("Corriger une erreur de saisie"))

        head = QLabel(summary)
        head.setWordWrap(True)
        self.move_choice = QRadioButton(
            self.tr("Elle a été saisie sur la mauvaise personne : la reporter sur")
        )
        self.cancel_choice = QRadioButton(self.tr("Personne ne s'est opposé : l'annuler"))
        group = QButtonGroup(self)
        group.addButton(self.move_choice)
        group.addButton(self.cancel_choice)
        self.move_choice.setChecked(True)
        self.target = QLineEdit()
        self.target.setPlaceholderText(
            self.tr("Référence C-000123 (scannée ou tapée), ou nom, téléphone, e-mail")
        )
        self.target.editingFinished.connect(self.find_target)
        self.found = QLabel(self.tr("Aucune personne choisie."))
        self.found.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("par exemple : référence mal scannée"))
        effects = QLabel(
            self.tr(
                "L'opposition reste dans le journal et le registre des oppositions, marquée « corrigée » ou "
                "« annulée (erreur de saisie) » avec ce motif. La bonne personne est opposée dès maintenant. "
                "Les notifications aux partenaires pas encore envoyées sont retirées ; un partenaire déjà "
                "prévenu recevra une correction."
            )
        )
        effects.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.move_choice)
        form.addRow(self.tr("Bonne personne :"), self.target)
        form.addRow("", self.found)
        form.addRow(self.cancel_choice)
        form.addRow(self.tr("Motif :"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Corriger"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(effects)
        layout.addWidget(self.buttons)
        self.target.textChanged.connect(self._forget_target)  # before _update: a new text names nobody yet
        for signal in (self.move_choice.toggled, self.reason.textChanged, self.target.textChanged):
            signal.connect(self._update)
        self.setMinimumWidth(560)
        self._update()

    def _forget_target(self) -> None:
        self.target_id = None

    def find_target(self) -> None:
        """A reference picks the person; other text must name exactly one person."""
        text = self.target.text().strip()
        if not text:
            return
        with self.db.session() as s:
            ids = people_named(s, text, 2)
            if len(ids) == 1:
                contact = s.get(Contact, ids[0])
                assert contact is not None
                self.target_id, name = contact.id, display_name(contact)
        if len(ids) != 1:
            self.target_id = None
            message = (
                self.tr("Personne ne correspond à « {0} ».").format(text)
                if not ids
                else self.tr("Plusieurs personnes correspondent : tapez ou scannez la référence.")
            )
            self.found.setText(f"<span style='color:#B00020'>{message}</span>")
        elif self.target_id == self.wrong_contact_id:
            self.target_id = None
            self.found.setText(
                "<span style='color:#B00020'>"
                + self.tr("C'est la personne de l'opposition à corriger : choisissez l'autre.")
                + "</span>"
            )
        else:
            self.found.setText(f"<b>{format_ref(ids[0])}</b> — {name}")
        self._update()

    def _update(self) -> None:
        moving = self.move_choice.isChecked()
        self.target.setEnabled(moving)
        ready = len(self.reason.text().strip()) >= MIN_REASON and (not moving or self.target_id is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def accept(self) -> None:
        if self.move_choice.isChecked() and self.target_id is None:
            self.find_target()  # Entrée right after typing the reference
            if self.target_id is None:
                return
        super().accept()

    def choice(self) -> tuple[int | None, str]:
        """(the person to move the objection to, or None to cancel it; the reason)."""
        return (self.target_id if self.move_choice.isChecked() else None), self.reason.text().strip()
