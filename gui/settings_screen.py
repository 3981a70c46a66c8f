"""The Settings section: the organisation's identity (printed on every notice) and the rule durations.

The fields come from services.core.settings.SETTINGS (each declared once with its label and default);
saving goes through set_settings, whose checks refuse a bad value — then nothing at all is saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.use_case import attempt
from models.database import Database
from services.core.backup_crypto import encryption_of, set_passphrase
from services.core.clock import use_display_zone
from services.core.errors import UserError
from services.core.settings import IDENTITY_KEYS, SETTINGS, SettingDef, get_settings, set_settings

# The register adds to the declared measures those the application finds (docs/rules.md §7.3).
MULTILINE = {"org.address", "org.security_measures"}


class SettingsScreen(QWidget):
    """Every setting; with `identity_only`, the organisation's identity alone (the first start's step 1)."""

    saved = Signal()

    def __init__(
        self, db: Database, ui: Dialogs, parent: QWidget | None = None, *, identity_only: bool = False
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.identity_only = identity_only
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.shown: dict[str, Any] = {}  # the values as the base held them when last shown

        intro = QLabel(
            self.tr(
                "L'identité de l'organisation figure sur chaque courrier et chaque notice d'information "
                "(RGPD, articles 13 et 14). Les durées s'appliquent à toute la base, sur tous les postes."
            )
            if not identity_only
            else self.tr(
                "Elle figure sur chaque courrier et chaque notice d'information (RGPD, articles 13 et 14) ; "
                "le reste se règle plus tard dans Réglages."
            ),
            self,
        )
        intro.setWordWrap(True)
        page = QWidget(self)
        page.setMaximumWidth(1000)
        v = QVBoxLayout(page)
        v.addWidget(intro)
        v.addWidget(self._group(self.tr("Identité de l'organisation"), "organisation"))
        # docs/rules.md §10.3: a copy on a USB key is the usual leak — encrypt them with a passphrase.
        self.encryption_label = QLabel(self)
        self.encrypt_button = QPushButton(self.tr("Chiffrer les sauvegardes…"), self)
        self.encrypt_button.clicked.connect(self.set_encryption)
        if not identity_only:
            v.addWidget(self._group(self.tr("Règles et durées"), "rules"))
            backups = self._group(self.tr("Sauvegardes"), "backup")
            row = QHBoxLayout()
            row.addWidget(self.encryption_label, 1)
            row.addWidget(self.encrypt_button)
            backups.layout().addRow(self.tr("Chiffrement"), row)  # type: ignore[union-attr]  # a QFormLayout
            v.addWidget(backups)
        else:  # not on the page: kept hidden rather than drawn loose at the top
            self.encryption_label.hide()
            self.encrypt_button.hide()
        v.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Enregistrer"), self)
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Annuler les modifications"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        if identity_only:  # inside the assistant's own scrolling page: no second scroll bar
            scroll.takeWidget()
            scroll.hide()
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(page)
        else:
            layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.refresh)
        self.refresh()

    def _group(self, title: str, group: str) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for d in SETTINGS:
            if self.identity_only and d.key not in IDENTITY_KEYS:
                continue  # the first start asks who the organisation is; the register's details come later
            if d.group == group:
                form.addRow(d.label, self._field(d))
        return box

    def _field(self, d: SettingDef) -> QWidget:
        widget: QLineEdit | QPlainTextEdit
        if d.key in MULTILINE:
            widget = QPlainTextEdit(self)
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        else:
            widget = QLineEdit(self)
            if isinstance(d.default, int):
                widget.setMaximumWidth(80)
                widget.setAlignment(Qt.AlignmentFlag.AlignRight)
            elif d.group == "rules":
                widget.setMaximumWidth(240)
        widget.setToolTip(self.tr("Valeur par défaut : {value}").format(value=d.default or "—"))
        self.fields[d.key] = widget
        return widget

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self.fields.items():
            out[key] = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        return out

    def refresh(self) -> None:
        """Show what the base holds (another station may have changed it)."""
        done = attempt(self.ui, self.db, lambda s: get_settings(s))
        if not done:
            return
        stored = done.value
        for key, widget in self.fields.items():
            value = "" if stored.get(key) is None else str(stored[key])
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)
        self.shown = self.values()  # what « unsaved » is measured against
        encrypted = attempt(self.ui, self.db, lambda s: encryption_of(s) is not None)
        on = bool(encrypted and encrypted.value)
        self.encryption_label.setText(
            self.tr("Les sauvegardes sont chiffrées (phrase secrète).") if on
            else self.tr("Les sauvegardes ne sont pas chiffrées.")
        )  # fmt: skip
        self.encrypt_button.setText(
            self.tr("Changer la phrase secrète…") if on else self.tr("Chiffrer les sauvegardes…")
        )
        self.message.clear()

    def set_encryption(self) -> None:
        first, ok = QInputDialog.getText(
            self, self.tr("Chiffrer les sauvegardes"),
            self.tr("Phrase secrète (10 caractères au moins). Sans elle, une sauvegarde chiffrée ne peut pas être "
                    "restaurée : notez-la en lieu sûr."),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if not ok:
            return
        second, ok = QInputDialog.getText(
            self,
            self.tr("Chiffrer les sauvegardes"),
            self.tr("La même phrase, encore une fois :"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if first != second:
            self.ui.show_error(self.tr("Les deux phrases diffèrent : rien n'a changé."))
            return
        if attempt(self.ui, self.db, lambda s: set_passphrase(s, first)):
            self.refresh()
            self.ui.show_info(self.tr("Les prochaines sauvegardes seront chiffrées."))

    def can_leave(self) -> bool:
        """Issue 15: changes typed and not saved are not lost by opening another screen without a word."""
        if not self.shown or self.values() == self.shown:
            return True
        return self.ui.confirm(
            self.tr("Des réglages modifiés ne sont pas enregistrés. Quitter les Réglages sans les enregistrer ?"),
            self.tr("Réglages non enregistrés"), self.tr("Quitter sans enregistrer"),
        )  # fmt: skip

    def save(self) -> None:
        try:
            with self.db.session() as session:
                set_settings(session, self.values())
                use_display_zone(session)  # a new business time zone shows at once
        except UserError as exc:  # one bad value: the whole save is rolled back, said twice
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(str(exc))
            self.ui.show_error(str(exc), self.tr("Réglages non enregistrés"))
            return
        self.refresh()
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(self.tr("Réglages enregistrés."))
        self.saved.emit()
