"""The first start's assistant, on an empty base (issue 14): three steps, each skippable and each showing when
it is done — 1) the organisation's identity (the Réglages form, inline), 2) a first collection form
(proposed, to adapt, printable at once), 3) contacts (the import wizard, or one by hand) — then a link to a
first campaign. It only shows and asks: the forms, settings and contacts go through their own services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from gui.dialogs import Dialogs
from gui.settings_screen import SettingsScreen
from gui.use_case import attempt
from models.compliance import FormVersion
from services.compliance.forms import PROPOSED_FORM, create_form, get_version, missing_identity
from services.compliance.printed_forms import write_form_pdf
from services.contacts.search import count_contacts
from services.core.settings import get_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.database import Database

DONE_STYLE = "color: #1b5e20; font-weight: bold;"
SKIPPED_STYLE = "color: #666;"


class Step(QGroupBox):
    """One step: its title, what it holds, « Passer cette étape » (or « Reprendre »), and its state."""

    def __init__(self, title: str, content: QWidget, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.content = content
        self.state = QLabel(self)
        self.skip_button = QPushButton(self.tr("Passer cette étape"), self)
        self.skip_button.clicked.connect(self.toggle_skip)
        self.skipped = False
        self.done = False
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.skip_button)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(content)

    def toggle_skip(self) -> None:
        self.skipped = not self.skipped
        self.show_state()

    def set_done(self, done: bool) -> None:
        self.done = done
        self.show_state()

    def show_state(self) -> None:
        if self.done:
            self.state.setText(self.tr("✓ Fait"))
            self.state.setStyleSheet(DONE_STYLE)
        elif self.skipped:
            self.state.setText(self.tr("Étape passée : vous pourrez y revenir à tout moment."))
            self.state.setStyleSheet(SKIPPED_STYLE)
        else:
            self.state.setText(self.tr("À faire"))
            self.state.setStyleSheet("")
        self.content.setVisible(not self.skipped)
        self.skip_button.setText(self.tr("Reprendre") if self.skipped else self.tr("Passer cette étape"))
        self.skip_button.setVisible(not self.done)


class FirstStart(QWidget):
    ended = Signal()
    open_section = Signal(str)
    import_requested = Signal()
    new_contact_requested = Signal()

    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.form_version_id: int | None = None

        intro = QLabel(
            self.tr(
                "<h2>Bienvenue</h2>La base est vide. Trois étapes mènent à une première campagne conforme ; "
                "chacune peut être passée et reprise plus tard."
            ),
            self,
        )
        intro.setWordWrap(True)

        # 1) the identity, printed on every notice (docs/rules.md §3.1)
        self.identity = SettingsScreen(db, ui, self, identity_only=True)
        self.identity.saved.connect(self.refresh)
        self.step_identity = Step(self.tr("1. L'identité de votre organisation"), self.identity, self)

        # 2) the first collection form, proposed
        form_page = QWidget(self)
        self.form_name = QLineEdit(PROPOSED_FORM["name"], form_page)
        self.form_purpose = QLineEdit(PROPOSED_FORM["purpose"], form_page)
        self.form_categories = QLineEdit(form_page)
        self.form_categories.setPlaceholderText(self.tr("ex. : Cuisinistes ; Assureurs (vide si aucun)"))
        explain = QLabel(
            self.tr(
                "Le formulaire proposé porte les cases d'opposition de la CNIL, une case (non cochée) pour "
                "accepter vos appels et une par catégorie de partenaires, et la phrase de l'article L223-2 "
                "sur le droit de refuser les appels."
            ),
            form_page,
        )
        explain.setWordWrap(True)
        self.create_form_button = QPushButton(self.tr("Créer ce formulaire"), form_page)
        self.create_form_button.clicked.connect(self.create_form)
        self.print_form_button = QPushButton(self.tr("Imprimer le formulaire (PDF)…"), form_page)
        self.print_form_button.clicked.connect(self.print_form)
        self.adapt_form_button = QPushButton(self.tr("L'adapter dans Formulaires"), form_page)
        self.adapt_form_button.clicked.connect(lambda: self.open_section.emit("forms"))
        fields = QFormLayout()
        fields.addRow(self.tr("Nom du formulaire"), self.form_name)
        fields.addRow(self.tr("Finalité"), self.form_purpose)
        fields.addRow(self.tr("Catégories de partenaires"), self.form_categories)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_form_button)
        buttons.addWidget(self.print_form_button)
        buttons.addWidget(self.adapt_form_button)
        buttons.addStretch(1)
        fv = QVBoxLayout(form_page)
        fv.setContentsMargins(0, 0, 0, 0)
        fv.addWidget(explain)
        fv.addLayout(fields)
        fv.addLayout(buttons)
        self.step_form = Step(self.tr("2. Votre premier formulaire de collecte"), form_page, self)

        # 3) the contacts
        contacts_page = QWidget(self)
        self.import_button = QPushButton(self.tr("Importer un fichier…"), contacts_page)
        self.import_button.clicked.connect(self.import_requested)
        self.add_contact_button = QPushButton(self.tr("Ajouter un contact…"), contacts_page)
        self.add_contact_button.clicked.connect(self.new_contact_requested)
        cv = QHBoxLayout(contacts_page)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(
            QLabel(
                self.tr(
                    "Un tableur, un export Google Contacts, Outlook, Dolibarr… ou une personne à la fois."
                )
            )
        )
        cv.addStretch(1)
        cv.addWidget(self.import_button)
        cv.addWidget(self.add_contact_button)
        self.step_contacts = Step(self.tr("3. Vos contacts"), contacts_page, self)

        self.campaign_button = QPushButton(self.tr("Ensuite : préparer une première campagne"), self)
        self.campaign_button.clicked.connect(lambda: self.open_section.emit("campaigns"))
        self.end_button = QPushButton(self.tr("Passer l'assistant et voir le tableau de bord"), self)
        self.end_button.clicked.connect(self.ended)
        bottom = QHBoxLayout()
        bottom.addWidget(self.campaign_button)
        bottom.addStretch(1)
        bottom.addWidget(self.end_button)

        v = QVBoxLayout(self)
        v.addWidget(intro)
        v.addWidget(self.step_identity)
        v.addWidget(self.step_form)
        v.addWidget(self.step_contacts)
        v.addLayout(bottom)
        v.addStretch(1)
        self.setMaximumWidth(1100)
        self.refresh()

    def refresh(self) -> None:
        """Each step's state, read from the base (a step done elsewhere shows done here too)."""

        def read(s: Session) -> tuple[bool, int | None, bool]:
            latest = s.scalar(select(func.max(FormVersion.id)))
            return not missing_identity(get_settings(s, "organisation")), latest, count_contacts(s) > 0

        done = attempt(self.ui, self.db, read)
        if not done:
            return
        identity, latest, contacts = done.value
        self.form_version_id = latest
        self.step_identity.set_done(identity)
        self.step_form.set_done(latest is not None)
        self.step_contacts.set_done(contacts)
        self.create_form_button.setEnabled(latest is None)
        self.print_form_button.setEnabled(latest is not None)
        self.campaign_button.setEnabled(contacts)
        self.end_button.setText(
            self.tr("Terminer et voir le tableau de bord")
            if identity and latest is not None and contacts
            else self.tr("Passer l'assistant et voir le tableau de bord")
        )

    def create_form(self) -> None:
        name, purpose, categories = (
            self.form_name.text(),
            self.form_purpose.text(),
            self.form_categories.text(),
        )
        if attempt(
            self.ui, self.db, lambda s: create_form(s, name, PROPOSED_FORM["channel"], purpose, categories)
        ):
            self.refresh()

    def print_form(self) -> None:
        version_id = self.form_version_id
        if version_id is None:
            return
        path = self.ui.ask_save_path(
            self.tr("Imprimer le formulaire"), self.tr("PDF (*.pdf)"), "formulaire-de-collecte.pdf", "forms"
        )
        if path is None:
            return
        written = attempt(
            self.ui,
            self.db,
            lambda s: write_form_pdf(path, get_version(s, version_id), get_settings(s, "organisation")),
        )
        if written:
            self.ui.show_info(self.tr("Formulaire enregistré : {0}").format(path))
