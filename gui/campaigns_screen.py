"""Campaigns: make a postal campaign, see who is left out and why, preview and print labels and letters."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.compact import compact_combo
from gui.dialogs import Dialogs
from gui.label_setup_panel import LabelSetupPanel
from gui.label_sheet_picker import LabelSheetPicker
from gui.labels import tr_label
from gui.letter_template_editor import LetterTemplateEditor
from gui.pdf_preview import PdfPreview
from gui.simple_table import SimpleTable
from gui.tasks import run_task
from gui.use_case import failure_text
from models.database import Database
from services.contacts.selection import Selection
from services.core.errors import Cancelled
from services.core.paths import data_dir
from services.core.settings import get_setting
from services.postal.campaign import (
    PostalOutcome,
    PostalRequest,
    draft_postal_campaign,
    preview,
    run_postal_campaign,
)
from services.postal.eligibility import EXCLUSION_LABELS, Decision, Exclusion
from services.postal.label_sheets import all_templates, get_template
from services.postal.letter_templates import NOTICE_NAME, RECONSENT_NAME, template_names
from services.postal.review import Doubt, doubtful_recipients

STATUS_CHOICES = (("", "Tous"), ("prospect", "Prospects"), ("customer", "Clients"))
SOURCE_CHOICES = (("", "Toutes"), ("direct", "Collecte directe"), ("partner", "Partenaire"),
                  ("broker", "Courtier en données"), ("public", "Source publique"))  # fmt: skip
Model = QModelIndex | QPersistentModelIndex


class ExcludedModel(QAbstractTableModel):
    """Who is left out of the campaign, and why (French reasons)."""

    HEADERS = ("Référence", "Nom", "Code postal", "Ville", "Motif", "Détail")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Exclusion] = []

    def set_rows(self, rows: list[Exclusion]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Model = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Model = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Model, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.rows[index.row()]
        return (e.ref, e.name, e.postcode, e.city, e.label, e.detail)[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class CampaignsScreen(QWidget):
    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ui = db, ui
        self.task: Any = None
        self.last_outcome: PostalOutcome | None = None
        self.decision: Decision | None = None
        self.record: QWidget | None = None  # a doubtful person's record, opened to fix it

        # --- the campaign and its selection ---
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("par exemple « Offres d'automne 2026 »"))
        self.purpose = QPlainTextEdit()
        self.purpose.setPlaceholderText(self.tr("Objet, imprimé dans le courrier"))
        self.purpose.setMaximumHeight(60)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("nom, ville, code postal, référence…"))
        self.status = QComboBox()
        for value, label in STATUS_CHOICES:
            self.status.addItem(tr_label(label), value)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("étiquettes exigées, séparées par des virgules"))
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText(self.tr("75, 2A, 971…"))
        self.source = QComboBox()
        for value, label in SOURCE_CHOICES:
            self.source.addItem(tr_label(label), value)
        self.template = compact_combo()
        self.template.currentIndexChanged.connect(self._template_changed)
        self.start_at = QSpinBox()
        self.start_at.setMinimum(1)
        # The sheet drawn to scale: a click picks the first free label (issue 15), kept in step with the field.
        self.sheet = LabelSheetPicker()
        self.sheet.setFixedSize(120, 170)
        self.sheet.picked.connect(self.start_at.setValue)
        self.start_at.valueChanged.connect(self.sheet.set_first)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_at, 0, Qt.AlignmentFlag.AlignTop)
        start_row.addWidget(self.sheet)
        start_row.addStretch(1)
        self.household = QCheckBox(
            self.tr("Un courrier par foyer (même adresse, même nom : « M. et Mme DUPONT »)")
        )
        # docs/rules.md §3.2: only those still owed the art. 14 notice, with the information letter.
        self.notice_only = QCheckBox(
            self.tr("Information seule : les personnes à qui l'information sur leurs données est due")
        )
        self.notice_only.toggled.connect(self._notice_only_changed)
        # docs/rules.md §6.4: only those past their retention term, with the re-consent letter.
        self.reconsent = QCheckBox(
            self.tr("Lettre de renouvellement : les personnes au-delà de la durée de conservation")
        )
        self.reconsent.toggled.connect(self._reconsent_changed)
        self.letter = compact_combo()
        form = QFormLayout()
        form.addRow(self.tr("Nom de la campagne"), self.name)
        form.addRow(self.tr("Objet"), self.purpose)
        form.addRow(self.tr("Recherche"), self.search)
        form.addRow(self.tr("Statut"), self.status)
        form.addRow(self.tr("Étiquettes"), self.tags)
        form.addRow(self.tr("Début du code postal"), self.postcode)
        form.addRow(self.tr("Origine des données"), self.source)
        form.addRow(self.tr("Planche d'étiquettes"), self.template)
        form.addRow(self.tr("Première étiquette libre"), start_row)
        form.addRow(self.tr("Modèle de courrier"), self.letter)
        form.addRow("", self.household)
        form.addRow("", self.notice_only)
        form.addRow("", self.reconsent)

        self.check_button = QPushButton(self.tr("Vérifier les destinataires"))
        self.check_button.setShortcut("F5")
        self.check_button.clicked.connect(lambda: self.check())
        # Issue 15: the real labels and letters, marked « BROUILLON », before anything is recorded.
        self.draft_button = QPushButton(self.tr("&Aperçu en brouillon"))
        self.draft_button.setToolTip(
            self.tr("Les étiquettes et les courriers tels qu'ils s'imprimeront, marqués « BROUILLON » : rien n'est "
                    "enregistré, personne n'est compté comme informé.")
        )  # fmt: skip
        self.draft_button.clicked.connect(self.draft)
        self.generate_button = QPushButton(self.tr("Créer la campagne et les PDF…"))
        self.generate_button.setShortcut("Ctrl+G")
        self.generate_button.clicked.connect(self.generate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.generate_button)
        buttons.addStretch(1)
        self.summary = QLabel(self.tr("Choisissez la sélection puis vérifiez les destinataires."))
        self.summary.setWordWrap(True)
        self.excluded = ExcludedModel()
        self.excluded_view = QTableView()
        self.excluded_view.setModel(self.excluded)
        self.excluded_view.horizontalHeader().setStretchLastSection(True)
        self.excluded_view.setAlternatingRowColors(True)
        self.excluded_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)

        new = QWidget()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addStretch(1)
        # Issue 15: the recipients whose address the import doubted, to fix or set aside before printing.
        self.set_aside_ids: set[int] = set()
        self.doubts: list[Doubt] = []
        self.doubts_box = QGroupBox(self.tr("À vérifier avant l'impression"))
        self.doubts_view = SimpleTable(
            [self.tr("Référence"), self.tr("Nom"), self.tr("Doute"), self.tr("Adresse")]
        )
        self.doubts_view.doubleClicked.connect(lambda _i: self.fix_doubt())
        fix = QPushButton(self.tr("&Corriger la fiche…"))
        fix.clicked.connect(self.fix_doubt)
        aside = QPushButton(self.tr("É&carter de la campagne"))
        aside.clicked.connect(self.set_doubt_aside)
        doubt_buttons = QHBoxLayout()
        doubt_buttons.addStretch(1)
        doubt_buttons.addWidget(fix)
        doubt_buttons.addWidget(aside)
        dl = QVBoxLayout(self.doubts_box)
        dl.addWidget(self.doubts_view)
        dl.addLayout(doubt_buttons)
        self.doubts_box.hide()
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.doubts_box, 1)
        right.addWidget(QLabel(self.tr("Personnes exclues et motif")))
        right.addWidget(self.excluded_view, 1)
        new_layout = QHBoxLayout(new)
        new_layout.addLayout(left, 2)
        new_layout.addLayout(right, 3)

        # --- preview and printing ---
        self.preview = PdfPreview()
        self.show_labels = QPushButton(self.tr("Étiquettes"))
        self.show_letters = QPushButton(self.tr("Courriers"))
        self.show_labels.clicked.connect(lambda: self._open_output("labels.pdf"))
        self.show_letters.clicked.connect(lambda: self._open_output("letters.pdf"))
        self.output_label = QLabel()
        preview_page = QWidget()
        pv = QVBoxLayout(preview_page)
        bar = QHBoxLayout()
        bar.addWidget(self.output_label, 1)
        bar.addWidget(self.show_labels)
        bar.addWidget(self.show_letters)
        pv.addLayout(bar)
        pv.addWidget(self.preview, 1)

        self.templates_editor = LetterTemplateEditor(db, ui)
        self.templates_editor.saved.connect(lambda _label: self._fill_letter_templates())
        self.setup = LabelSetupPanel(db, ui)
        self.setup.pdf_ready.connect(self._show_pdf)
        self.setup.templates_changed.connect(self._fill_label_templates)

        self.tabs = QTabWidget()
        self.tabs.addTab(new, self.tr("Nouvelle campagne postale"))
        self.tabs.addTab(preview_page, self.tr("Aperçu et impression"))
        self.tabs.addTab(self.templates_editor, self.tr("Modèles de courrier"))
        self.tabs.addTab(self.setup, self.tr("Étiquettes et imprimante"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._set_outputs_enabled(False)
        # Loaded now: the window refreshes a screen only when it is shown again (issue 15: on the first
        # visit the sheets, templates and printer lists were empty and the envelope window read 0 mm).
        self.refresh()

    # --- screen convention ----------------------------------------------------------------------
    def refresh(self) -> None:
        self._fill_label_templates()
        self._fill_letter_templates()
        self.templates_editor.refresh()
        self.setup.refresh()

    def _fill_label_templates(self) -> None:
        with self.db.session() as s:
            templates = all_templates(s)
            default = get_setting(s, "postal.label_template")
        current = self.template.currentData() or default
        self.template.blockSignals(True)
        self.template.clear()
        for t in templates:
            self.template.addItem(f"{t.code} — {t.description}" if t.custom else t.description, t.code)
        self.template.setCurrentIndex(max(self.template.findData(current), 0))
        self.template.blockSignals(False)
        self._template_changed()

    def _fill_letter_templates(self) -> None:
        with self.db.session() as s:
            names = template_names(s)
            default = get_setting(s, "postal.letter_template")
        current = self.letter.currentText() or default
        self.letter.clear()
        self.letter.addItems(names)
        self.letter.setCurrentText(current if current in names else names[0])

    def _template_changed(self) -> None:
        code = self.template.currentData()
        if code:
            with self.db.session() as s:
                template = get_template(s, code)
            self.start_at.setMaximum(template.per_page)
            self.sheet.set_template(template)

    # --- the campaign -----------------------------------------------------------------------------
    def request(self) -> PostalRequest:
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return PostalRequest(
            name=self.name.text(),
            purpose=self.purpose.toPlainText(),
            selection=Selection(
                search=self.search.text(),
                status=self.status.currentData(),
                tags=tags,
                postcode_prefix=self.postcode.text().strip(),
                source_kind=self.source.currentData(),
            ),
            template_code=self.template.currentData() or "L7160",
            start_at=self.start_at.value(),
            letter_template=self.letter.currentText(),
            one_per_household=self.household.isChecked(),
            notice_only=self.notice_only.isChecked(),
            reconsent=self.reconsent.isChecked(),
            set_aside=sorted(self.set_aside_ids),
        )

    def _notice_only_changed(self, on: bool) -> None:
        """The information letter goes with a notice-only campaign (another one can still be chosen)."""
        if on:
            self.reconsent.setChecked(False)
            self._choose_letter(NOTICE_NAME)

    def _reconsent_changed(self, on: bool) -> None:
        """The re-consent letter goes with a re-consent campaign (another one can still be chosen)."""
        if on:
            self.notice_only.setChecked(False)
            self._choose_letter(RECONSENT_NAME)

    def _choose_letter(self, name: str) -> None:
        index = self.letter.findText(name)
        if index < 0:
            self.letter.addItem(name)
            index = self.letter.findText(name)
        self.letter.setCurrentIndex(index)

    def check(self, then: Any = None) -> None:
        """Who gets a letter, who is left out and why — before anything is printed or recorded.

        Runs on a worker (100,000 contacts take a few seconds); `then(decision)` follows on success.
        """
        req = self.request()
        if not req.name.strip():
            req.name = "?"  # the name is only needed to create the campaign
        self._set_busy(True)

        def work(progress: Any) -> tuple[Decision, list[Doubt]]:
            progress(0, 0, self.tr("Sélection des destinataires…"))
            with self.db.session() as s:
                decision = preview(s, req)
                return decision, doubtful_recipients(s, decision)

        def done(result: tuple[Decision, list[Doubt]]) -> None:
            decision, self.doubts = result
            self._set_busy(False)
            self._show_decision(decision)
            self._show_doubts()
            if then is not None:
                then(decision)

        self.task = run_task(self, self.tr("Vérification des destinataires"), work, done, self._failed)

    def _show_decision(self, decision: Decision) -> None:
        self.decision = decision
        self.excluded.set_rows(decision.excluded)
        self.excluded_view.resizeColumnsToContents()
        counts = decision.counts()
        reasons = "".join(f"\n  • {EXCLUSION_LABELS[k]} : {v}" for k, v in sorted(counts.items()))
        self.summary.setText(
            self.tr("%n courrier(s)", "", decision.letters) + " " + self.tr("pour %n personne(s)", "", decision.people)
            + " ; " + self.tr("%n exclue(s).", "", len(decision.excluded)) + reasons
        )  # fmt: skip

    def _show_doubts(self) -> None:
        self.doubts_box.setVisible(bool(self.doubts))
        self.doubts_box.setTitle(
            self.tr("À vérifier avant l'impression : %n adresse(s)", "", len(self.doubts))
        )
        self.doubts_view.set_rows([(d.contact_id, [d.ref, d.name, " ; ".join(d.reasons), d.address])
                                   for d in self.doubts])  # fmt: skip

    def fix_doubt(self) -> None:
        """Open the doubtful person's record; once saved (the doubt cleared), check again."""
        from gui.contact_dialog import ContactDialog

        contact_id = self.doubts_view.selected_id()
        if contact_id is None:
            self.ui.show_error(self.tr("Choisissez d'abord une adresse dans la liste « À vérifier »."))
            return
        dialog = ContactDialog(self.db, self.ui, contact_id, self)
        dialog.accepted.connect(lambda: self.check())
        dialog.open()
        self.record = dialog

    def set_doubt_aside(self) -> None:
        """Leave the doubtful person out of this campaign (listed among the excluded, with the reason)."""
        contact_id = self.doubts_view.selected_id()
        if contact_id is None:
            self.ui.show_error(self.tr("Choisissez d'abord une adresse dans la liste « À vérifier »."))
            return
        self.set_aside_ids.add(contact_id)
        self.check()

    def generate(self) -> None:
        req = self.request()
        if not req.name.strip():
            self.ui.show_error(self.tr("Donnez un nom à la campagne."))
            self.name.setFocus()
            return
        self.check(lambda decision: self._confirm_and_run(req, decision))

    def _confirm_and_run(self, req: PostalRequest, decision: Decision) -> None:
        if not decision.recipients:
            self.ui.show_error(
                self.tr("Personne ne peut recevoir cette campagne : voyez les exclus et leurs motifs.")
            )
            return
        if not self.ui.confirm(
            self.tr("Créer la campagne « {0} » : ").format(req.name)
            + self.tr("%n courrier(s) et autant d'étiquettes", "", decision.letters) + ", "
            + self.tr("%n exclu(s) ?", "", len(decision.excluded)) + "\n"
            + self.tr("Les personnes qui reçoivent la notice complète seront enregistrées comme informées."),
            self.tr("Créer la campagne"), self.tr("Créer"),
        ):  # fmt: skip
            return
        folder = self.ui.ask_directory(self.tr("Dossier où écrire labels.pdf, letters.pdf et excluded.xlsx"),
                                       "campaigns")  # fmt: skip
        if folder is None:
            return
        self._set_busy(True)

        def work(progress: Any) -> PostalOutcome:
            with self.db.session() as s:
                return run_postal_campaign(s, req, folder, progress)

        self.task = run_task(self, self.tr("Campagne postale"), work, self._done, self._failed)

    def draft(self) -> None:
        """The campaign's PDFs as they would print, marked « BROUILLON », into the data folder's brouillons/
        (the previous draft replaced); shown in « Aperçu et impression »; nothing recorded."""
        req = self.request()
        req.name = req.name.strip() or self.tr("Brouillon")
        folder = data_dir() / "brouillons"
        self._set_busy(True)

        def work(progress: Any) -> PostalOutcome:
            shutil.rmtree(folder, ignore_errors=True)  # only the latest draft: it holds addresses
            with self.db.session() as s:
                return draft_postal_campaign(s, req, folder, progress)

        def done(outcome: PostalOutcome) -> None:
            self._set_busy(False)
            self.last_outcome = outcome
            self.output_label.setText(
                self.tr("Brouillon — rien n'a été enregistré : ")
                + self.tr("%n courrier(s)", "", outcome.recipients) + ", "
                + self.tr("%n planche(s) d'étiquettes", "", outcome.label_pages)
            )  # fmt: skip
            self._set_outputs_enabled(True)
            self._open_output("letters.pdf")
            self.tabs.setCurrentIndex(1)

        self.task = run_task(self, self.tr("Aperçu en brouillon"), work, done, self._failed)

    def _done(self, outcome: PostalOutcome) -> None:
        self._set_busy(False)
        self.last_outcome = outcome
        self.set_aside_ids.clear()  # set aside for that campaign, not for the next one
        self.output_label.setText(
            self.tr("Campagne n° {0} : ").format(outcome.campaign_id)
            + self.tr("%n courrier(s)", "", outcome.recipients) + ", "
            + self.tr("%n planche(s) d'étiquettes", "", outcome.label_pages) + f" — {outcome.folder}"
        )  # fmt: skip
        self._set_outputs_enabled(True)
        self._open_output("labels.pdf")
        self.tabs.setCurrentIndex(1)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, Cancelled):
            self.ui.show_info(str(exc))
        else:
            self.ui.show_error(failure_text(exc), self.tr("La campagne n'a pas pu être créée"))

    def _set_busy(self, busy: bool) -> None:
        self.generate_button.setEnabled(not busy)
        self.draft_button.setEnabled(not busy)
        self.check_button.setEnabled(not busy)

    def _set_outputs_enabled(self, enabled: bool) -> None:
        self.show_labels.setEnabled(enabled)
        self.show_letters.setEnabled(enabled)

    def _open_output(self, name: str) -> None:
        if self.last_outcome is not None:
            titles = {"labels.pdf": self.tr("Étiquettes"), "letters.pdf": self.tr("Courriers")}
            self.preview.load(self.last_outcome.folder / name, titles[name])

    def _show_pdf(self, path: Path, title: str) -> None:
        self.preview.load(path, title)
        self.tabs.setCurrentIndex(1)
