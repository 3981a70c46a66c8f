"""The Forms screen: collection forms and their versions (docs/rules.md §3, §4), printable for the counter."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from gui.dialogs import Dialogs
from gui.simple_table import SimpleTable
from gui.use_case import attempt
from models.compliance import FORM_CHANNELS
from models.database import Database
from services.compliance.forms import (
    FORM_CHANNEL_LABELS,
    create_form,
    edit_version,
    get_version,
    list_versions,
    organisation_warnings,
    version_boxes,
    version_categories,
    version_is_used,
)
from services.compliance.printed_forms import write_form_pdf
from services.contacts.lookup import get_by_ref
from services.core.settings import get_settings


class FormDialog(QDialog):
    """A new form (name, channel, purpose, categories) or a change to a version (purpose, categories, text)."""

    def __init__(self, parent: QWidget | None = None, *, editing: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Modifier le formulaire") if editing else self.tr("Nouveau formulaire"))
        self.name = QLineEdit()
        self.channel = QComboBox()
        for key in FORM_CHANNELS:
            self.channel.addItem(FORM_CHANNEL_LABELS[key], key)
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(self.tr("Ex. : vous adresser nos offres de cuisines par courrier"))
        self.categories = QLineEdit()
        self.categories.setPlaceholderText(
            self.tr("Catégories de partenaires séparées par « ; » (ex. : Cuisinistes; Assureurs)")
        )
        self.info_text = QPlainTextEdit()
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        form = QFormLayout(self)
        if not editing:
            form.addRow(self.tr("Nom :"), self.name)
            form.addRow(self.tr("Canal :"), self.channel)
        form.addRow(self.tr("Finalité :"), self.purpose)
        form.addRow(self.tr("Partenaires :"), self.categories)
        if editing:
            form.addRow(self.tr("Texte d'information :"), self.info_text)
            form.addRow(self.notice)
        else:
            form.addRow(
                QLabel(
                    self.tr(
                        "Le texte d'information (RGPD art. 13) et les cases CNIL sont pré-remplis "
                        "à partir des réglages de l'organisation."
                    )
                )
            )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form.addRow(buttons)
        self.resize(640, 420 if editing else 220)


class FormsScreen(QWidget):
    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.dialog: FormDialog | None = None
        self.table = SimpleTable(
            [
                self.tr("N° version"),
                self.tr("Formulaire"),
                self.tr("Version"),
                self.tr("Canal"),
                self.tr("Catégories de partenaires"),
                self.tr("État"),
            ]
        )
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.preview = QTextBrowser()
        new = QPushButton(self.tr("&Nouveau formulaire…"))
        new.clicked.connect(self.new_form)
        edit = QPushButton(self.tr("&Modifier…"))
        edit.setToolTip(
            self.tr(
                "Une version déjà utilisée n'est jamais modifiée : la modification crée une nouvelle version."
            )
        )
        edit.clicked.connect(self.edit_selected)
        self.print_button = QPushButton(self.tr("&Imprimer en PDF…"))
        self.print_button.clicked.connect(self.print_selected)
        self.print_for = QLineEdit()
        self.print_for.setPlaceholderText(self.tr("Pour le contact C-000123 (facultatif)"))
        self.print_for.setMaximumWidth(260)
        buttons = QHBoxLayout()
        for b in (new, edit, self.print_button):
            buttons.addWidget(b)
        buttons.addWidget(self.print_for)
        buttons.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("<b>Formulaires de collecte</b> — ce que chaque personne a vu et coché."))
        )
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        with self.db.session() as s:
            rows = list_versions(s)
        self.table.set_rows(
            [
                (
                    r.version_id,
                    [
                        r.version_id,
                        r.form_name,
                        r.number,
                        FORM_CHANNEL_LABELS.get(r.channel, r.channel),
                        ", ".join(r.categories),
                        (self.tr("utilisée") if r.used else self.tr("modifiable"))
                        + ("" if r.latest else self.tr(", ancienne")),
                    ],
                )
                for r in rows
            ]
        )
        if rows and self.table.selected_id() is None:
            self.table.selectRow(0)

    def _show_selected(self) -> None:
        version_id = self.table.selected_id()
        if version_id is None:
            self.preview.clear()
            return
        with self.db.session() as s:
            v = get_version(s, version_id)
            boxes = version_boxes(v)
            html = [
                f"<h3>{v.form.name} — version {v.number}</h3><p><b>{self.tr('Finalité')} :</b> {v.purpose}</p>"
            ]
            html.append("<p>" + "<br>".join(v.info_text.splitlines()) + "</p><ul>")
            html += [f"<li>☐ {b.label}</li>" for b in boxes]
            html.append("</ul>")
        self.preview.setHtml("".join(html))

    def new_form(self) -> None:
        self.dialog = FormDialog(self)
        self.dialog.accepted.connect(self._save_new)
        self.dialog.open()

    def _save_new(self) -> None:
        d = self.dialog
        assert d is not None

        def create(s: Session) -> list[str]:
            create_form(s, d.name.text(), d.channel.currentData(), d.purpose.text(), d.categories.text())
            return organisation_warnings(get_settings(s, "organisation"))

        done = attempt(self.ui, self.db, create)
        if not done:
            return
        for w in done.value:
            self.ui.show_info(w)
        self.refresh()

    def edit_selected(self) -> None:
        version_id = self.table.selected_id()
        if version_id is None:
            self.ui.show_error(self.tr("Choisissez d'abord une version."))
            return
        self.dialog = FormDialog(self, editing=True)
        with self.db.session() as s:
            v = get_version(s, version_id)
            self.dialog.purpose.setText(v.purpose)
            self.dialog.categories.setText("; ".join(version_categories(v)))
            self.dialog.info_text.setPlainText(v.info_text)
            used = version_is_used(s, version_id)
        self.dialog.notice.setText(
            self.tr(
                "Cette version a déjà été utilisée : l'enregistrement créera une nouvelle version, "
                "l'ancienne restera telle que les personnes l'ont vue."
            )
            if used
            else self.tr("Cette version n'a encore été utilisée par personne : elle sera modifiée.")
        )
        self.dialog.accepted.connect(lambda: self._save_edit(version_id))
        self.dialog.open()

    def _save_edit(self, version_id: int) -> None:
        d = self.dialog
        assert d is not None
        edited = attempt(
            self.ui,
            self.db,
            lambda s: edit_version(
                s,
                version_id,
                purpose=d.purpose.text(),
                info_text=d.info_text.toPlainText(),
                partner_categories=d.categories.text(),
            ),
        )
        if edited:
            self.refresh()

    def print_selected(self) -> None:
        """The selected version as an A4 PDF; with the contact's reference and barcode when one is typed."""
        version_id = self.table.selected_id()
        if version_id is None:
            self.ui.show_error(self.tr("Choisissez d'abord une version."))
            return
        path = self.ui.ask_save_path(
            self.tr("Imprimer le formulaire"),
            self.tr("PDF (*.pdf)"),
            f"formulaire-{version_id}.pdf",
            purpose="forms",
        )
        if path is None:
            return
        ref = self.print_for.text().strip()

        def write(s: Session) -> None:
            contact = get_by_ref(s, ref) if ref else None
            write_form_pdf(path, get_version(s, version_id), get_settings(s, "organisation"), contact)

        if not attempt(self.ui, self.db, write):
            return
        self.ui.show_info(self.tr("Formulaire enregistré : {0}").format(path))
