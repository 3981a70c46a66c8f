"""Fichier > Importer… (Ctrl+I): the import wizard.

File → sheet and header row → columns (preview, a combo per column, named presets) → source of the
data (mandatory, docs/rules.md §3.2) → check (the dry run, row by row) → import (one transaction, behind a
progress dialog with Cancel). Everything the wizard decides is done by services.importing.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy import select

from gui.dates import TodayDateEdit
from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.tasks import Task, run_task
from gui.use_case import attempt, failure_text
from models.compliance import Form, FormVersion
from models.database import Database
from services.contacts.fields import SOURCE_KIND_LABELS
from services.core.errors import Cancelled, InputError
from services.importing.mapping import (
    CONSENT_FIELDS,
    TARGETS,
    header_score,
    list_presets,
    load_mapping_file,
    resolve,
    save_mapping_file,
    save_preset,
)
from services.importing.outcome import ACTION_LABELS, PLANNED_LABELS, ImportOptions, ImportResult
from services.importing.presets import apply_preset, auto_mapping
from services.importing.reading import Table, cell_text, read_table, sheet_names
from services.importing.report import write_report
from services.importing.running import run_import

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") literally
FILE_FILTER = "Tableurs, CSV et carnets d'adresses (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.vcf)"
MAPPING_FILTER = "Correspondance de colonnes (*.json)"
PREVIEW_ROWS = 8
BACKGROUND_READ_BYTES = 1_000_000  # larger files are read off the GUI thread (about 40,000 rows of .xlsx)
LIST_LIMIT = 5000  # rows shown in the check list; the report has them all


class ImportWizard(QWizard):
    """The wizard's shared state: the file read, the mapping, the options, the results."""

    imported = Signal(object)  # the ImportResult, after a successful import (the window refreshes)

    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.path: Path | None = None
        self.table: Table | None = None
        self.reading: Task | None = None  # a large file being read in the background
        self.mapping: dict[str, str] = {}
        self.options: ImportOptions | None = None
        self.check: ImportResult | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Importer des contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(
            QWizard.WizardOption.NoCancelButtonOnLastPage, True
        )  # Cancel is in the progress dialog
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Suivant >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Précédent"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Annuler"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Terminer"))
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.source_page = SourcePage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.source_page, self.check_page,
                     self.import_page):  # fmt: skip
            self.addPage(page)
        self.resize(980, 640)

    def read(self, sheet: str | None, header_row: int | None, then: Callable[[], None]) -> bool:
        """Read the chosen sheet (header row found unless given); a bad file gets a clear message.

        True when the table is read now. A large file (100,000 rows take seconds) is read off the GUI
        thread behind a progress dialog: False is returned and `then` is called once it is read.
        """
        assert self.path is not None
        path = self.path

        def work(_progress: Any) -> Table:
            return read_table(path, sheet, header_row, score=header_score)

        def failed(exc: BaseException) -> None:
            self.reading = None
            if not isinstance(exc, Cancelled):
                self.ui.show_error(failure_text(exc), self.tr("Fichier illisible"))

        if path.stat().st_size < BACKGROUND_READ_BYTES:
            try:
                self.table = work(None)
            except InputError as exc:
                failed(exc)
                return False
            return True

        def done(table: Table) -> None:
            self.reading = None
            self.table = table
            then()

        self.reading = run_task(
            self, self.tr("Lecture de {name}…").format(name=path.name), work, done, failed
        )
        return False


# --- 1. file -------------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Fichier à importer"))
        self.setSubTitle(
            self.tr(
                "Un classeur Excel (.xlsx, .xlsm, .xls), LibreOffice (.ods), un fichier CSV (export de Google "
                "Contacts, Outlook, Dolibarr, Odoo, Brevo, Mailchimp…) ou un carnet d'adresses vCard (.vcf)."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Chemin du fichier"))
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Parcourir…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        help_label = QLabel(
            self.tr(
                "La ligne d'en-tête est trouvée même sous un titre ou des lignes vides ; les fiches d'un carnet "
                "vCard sont présentées comme des lignes. Rien n'est enregistré avant la dernière étape : vous "
                "verrez d'abord ce que l'import ferait, ligne par ligne."
            )
        )
        help_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(help_label)
        layout.addStretch(1)

    def browse(self) -> None:
        path = self.w.ui.ask_open_path(self.tr("Fichier à importer"), FILE_FILTER, purpose="import")
        if path is not None:
            self.path_edit.setText(str(path))

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip()).expanduser()
        if self.w.table is not None and self.w.path == path:
            return True  # read (in the background when large): on to the next page
        if self.w.reading is not None:
            return False
        try:
            names = sheet_names(path)
        except InputError as exc:
            self.w.ui.show_error(str(exc), self.tr("Fichier illisible"))
            return False
        self.w.path = path
        self.w.table = None
        self.w.sheet_page.set_sheets(names)
        # A large file: next() is called again once it is read in the background.
        return self.w.read(names[0], None, self.w.next)


# --- 2. sheet and header row -----------------------------------------------------------------------


class SheetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Feuille et ligne d'en-tête"))
        self.setSubTitle(self.tr("Vérifiez la feuille et la ligne qui contient les noms des colonnes."))
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentTextChanged.connect(self._sheet_changed)
        self.header_spin = QSpinBox()
        self.header_spin.setMinimum(1)
        self.header_spin.setMaximum(30)
        self.header_spin.valueChanged.connect(self._header_changed)
        form = QFormLayout()
        form.addRow(self.tr("Feuille :"), self.sheet_combo)
        form.addRow(self.tr("Ligne d'en-tête :"), self.header_spin)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.info = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.preview, 1)
        self._loading = False

    def set_sheets(self, names: list[str]) -> None:
        self._loading = True
        self.sheet_combo.clear()
        self.sheet_combo.addItems(names)
        self.sheet_combo.setEnabled(len(names) > 1)
        self._loading = False

    def initializePage(self) -> None:
        self._show()

    def _sheet_changed(self, name: str) -> None:
        if self._loading or not name or self.w.path is None:
            return
        if self.w.read(name, None, self._show):
            self._show()

    def _header_changed(self, value: int) -> None:
        if self._loading or self.w.table is None or value - 1 == self.w.table.header_row:
            return
        if self.w.read(self.w.table.sheet, value - 1, self._show):
            self._show()

    def _show(self) -> None:
        t = self.w.table
        if t is None:
            return
        self._loading = True
        self.header_spin.setValue(t.header_row + 1)
        self._loading = False
        self.info.setText(
            self.tr("%Ln ligne(s) de données sous l'en-tête", "", len(t.rows))
            + ", "
            + self.tr("%n colonne(s).", "", len(t.headers))
        )
        self.preview.setColumnCount(len(t.headers))
        self.preview.setHorizontalHeaderLabels(t.headers)
        rows = t.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c in range(len(t.headers)):
                value = cells[c] if c < len(cells) else ""
                self.preview.setItem(r, c, QTableWidgetItem(cell_text(value)))
        self.preview.setVerticalHeaderLabels([str(t.line_number(i)) for i in range(len(rows))])
        self.preview.resizeColumnsToContents()

    def validatePage(self) -> bool:
        t = self.w.table
        if t is None or not t.rows:
            self.w.ui.show_error(self.tr("Aucune ligne de données sous la ligne d'en-tête choisie."))
            return False
        return True


# --- 3. columns ------------------------------------------------------------------------------------


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Colonnes"))
        self.setSubTitle(
            self.tr("Chaque colonne a été reconnue d'après son en-tête : corrigez ce qui ne convient pas.")
        )
        self.preset_combo = QComboBox()
        apply_btn = QPushButton(self.tr("Appliquer"))
        apply_btn.clicked.connect(self.apply_selected_preset)
        self.preset_name = QLineEdit()
        self.preset_name.setPlaceholderText(self.tr("Nom de la correspondance (ex. « Fichier du salon »)"))
        save_btn = QPushButton(self.tr("Enregistrer la correspondance"))
        save_btn.clicked.connect(self.save_current_preset)
        export_btn = QPushButton(self.tr("Exporter…"))
        export_btn.setToolTip(self.tr("Enregistrer cette correspondance dans un fichier (.json)"))
        export_btn.clicked.connect(self.export_mapping)
        load_btn = QPushButton(self.tr("Charger un fichier…"))
        load_btn.setToolTip(self.tr("Appliquer une correspondance enregistrée dans un fichier (.json)"))
        load_btn.clicked.connect(self.load_mapping)
        # The tool whose export was recognised by its header row (« Export Google Contacts reconnu »).
        self.recognised = QLabel()
        self.recognised.setWordWrap(True)
        self.recognised.setStyleSheet("color:#1b5e20; font-weight:bold;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Correspondance enregistrée :")))
        top.addWidget(self.preset_combo, 1)
        top.addWidget(apply_btn)
        top.addWidget(load_btn)
        bottom = QHBoxLayout()
        bottom.addWidget(self.preset_name, 1)
        bottom.addWidget(save_btn)
        bottom.addWidget(export_btn)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.recognised)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addLayout(bottom)
        self.recognised.hide()

    def initializePage(self) -> None:
        t = self.w.table
        assert t is not None
        with self.w.db.session() as s:
            self.presets = list_presets(s)
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr("(aucune)"), "")
        for name in self.presets:
            self.preset_combo.addItem(name, name)
        if not self.w.mapping or set(self.w.mapping) != set(t.headers):
            auto = auto_mapping(t.headers, t.rows)
            self.w.mapping = auto.mapping
            self.show_recognised(auto.preset.label if auto.preset else "")
        self._fill(t)

    def show_recognised(self, label: str) -> None:
        """« Export Google Contacts reconnu »: the columns come from the tool's preset."""
        self.recognised.setVisible(bool(label))
        if label:
            self.recognised.setText(
                self.tr("✔ {tool} reconnu : les colonnes sont associées d'après ce format.").format(
                    tool=label
                )
            )

    def _fill(self, t: Table) -> None:
        self.grid.clear()
        self.grid.setColumnCount(len(t.headers))
        self.grid.setHorizontalHeaderLabels(t.headers)
        preview = t.rows[:PREVIEW_ROWS]
        self.grid.setRowCount(1 + len(preview))
        self.grid.setVerticalHeaderLabels(
            [self.tr("Champ"), *[str(t.line_number(i)) for i in range(len(preview))]]
        )
        self.combos = []
        for c, header in enumerate(t.headers):
            combo = QComboBox()
            for key, label in TARGETS.items():
                combo.addItem(tr_label(label), key)
            combo.setCurrentIndex(max(0, combo.findData(self.w.mapping.get(header, ""))))
            combo.currentIndexChanged.connect(self._changed)
            combo.setAccessibleName(header)
            self.grid.setCellWidget(0, c, combo)
            self.combos.append(combo)
            for r, cells in enumerate(preview, start=1):
                value = cells[c] if c < len(cells) else ""
                self.grid.setItem(r, c, QTableWidgetItem(cell_text(value)))
        self.grid.resizeColumnsToContents()
        for c in range(len(t.headers)):
            self.grid.setColumnWidth(c, min(max(self.grid.columnWidth(c), 110), 230))
        self._changed()

    def _changed(self) -> None:
        t = self.w.table
        if t is None:
            return
        self.w.mapping = {h: combo.currentData() for h, combo in zip(t.headers, self.combos, strict=False)}
        for c, combo in enumerate(self.combos):
            combo.setToolTip(combo.currentText())  # a long field name, whole
            ignored = not combo.currentData()
            for r in range(1, self.grid.rowCount()):
                item = self.grid.item(r, c)
                if item is not None:
                    item.setForeground(QBrush(QColor("#999999" if ignored else "#000000")))

    def set_field(self, header: str, field: str) -> None:
        """Choose the field of a column (what the user does with the combo)."""
        t = self.w.table
        assert t is not None
        combo = self.combos[t.headers.index(header)]
        combo.setCurrentIndex(combo.findData(field))

    def apply_selected_preset(self) -> None:
        name = self.preset_combo.currentData()
        t = self.w.table
        if not name or t is None:
            return
        self.w.mapping = apply_preset(t.headers, self.presets[name], t.rows)
        self._fill(t)

    def export_mapping(self) -> None:
        """Save the mapping in use as a JSON file (the command line's --mapping reads it)."""
        t = self.w.table
        if t is None:
            return
        stem = t.path.stem
        path = self.w.ui.ask_save_path(
            self.tr("Exporter la correspondance"),
            MAPPING_FILTER,
            f"correspondance-{stem}.json",
            purpose="mapping",
        )
        if path is None:
            return
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        name = self.preset_name.text().strip() or stem
        try:
            save_mapping_file(path, name, self.w.mapping)
        except (InputError, OSError) as exc:
            self.w.ui.show_error(str(exc), self.tr("Exporter la correspondance"))
            return
        self.w.ui.show_info(self.tr("Correspondance enregistrée dans {path}.").format(path=path))

    def load_mapping(self) -> None:
        """Apply a mapping saved as a JSON file (the wizard's export, or one written by hand)."""
        t = self.w.table
        path = self.w.ui.ask_open_path(
            self.tr("Charger une correspondance"), MAPPING_FILTER, purpose="mapping"
        )
        if path is None or t is None:
            return
        try:
            preset = load_mapping_file(path)
        except InputError as exc:
            self.w.ui.show_error(str(exc), self.tr("Charger une correspondance"))
            return
        self.w.mapping = apply_preset(t.headers, preset, t.rows)
        self.show_recognised("")
        self._fill(t)

    def save_current_preset(self) -> None:
        name = self.preset_name.text().strip()
        mapping = self.w.mapping
        if not attempt(self.w.ui, self.w.db, lambda s: save_preset(s, name, mapping)):
            return
        self.w.ui.show_info(self.tr("Correspondance « {name} » enregistrée.").format(name=name))
        self.initializePage()
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(" ".join(name.split())))

    def validatePage(self) -> bool:
        t = self.w.table
        assert t is not None
        try:
            resolve(t.headers, self.w.mapping)
        except InputError as exc:
            self.w.ui.show_error(str(exc), self.tr("Correspondance incomplète"))
            return False
        return True


# --- 4. source of the data --------------------------------------------------------------------------


class SourcePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Origine des données"))
        self.setSubTitle(
            self.tr(
                "Obligatoire : d'où viennent ces contacts ? Elle décide de l'information due aux personnes "
                "(RGPD art. 13 pour une collecte directe, art. 14 sinon)."
            )
        )
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("— choisissez —"), "")
        for key, label in SOURCE_KIND_LABELS.items():
            self.kind_combo.addItem(tr_label(label), key)
        self.kind_combo.currentIndexChanged.connect(self.completeChanged)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(
            self.tr("Ex. « Salon de l'habitat 2026 », nom du partenaire ou du courtier")
        )
        self.name_edit.textChanged.connect(self.completeChanged)
        self.date_edit = TodayDateEdit()
        self.form_combo = QComboBox()
        self.form_note = QLabel()
        self.form_note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Type de source :"), self.kind_combo)
        form.addRow(self.tr("Nom de la source :"), self.name_edit)
        form.addRow(self.tr("Date d'obtention :"), self.date_edit)
        form.addRow(self.tr("Formulaire de collecte :"), self.form_combo)
        form.addRow("", self.form_note)

    def initializePage(self) -> None:
        consent = [f for f in self.w.mapping.values() if f in CONSENT_FIELDS]
        self.form_combo.clear()
        self.form_combo.addItem(self.tr("(aucun)"), None)
        with self.w.db.session() as s:
            rows = s.execute(
                select(FormVersion.id, Form.name, FormVersion.number)
                .join(Form, Form.id == FormVersion.form_id)
                .order_by(Form.name, FormVersion.number)
            ).all()
        for vid, name, number in rows:
            self.form_combo.addItem(f"{name} — v{number}", vid)
        self.form_combo.setEnabled(bool(consent))
        self.form_note.setText(
            self.tr(
                "Le fichier contient des réponses du formulaire : choisissez la version que les personnes ont remplie."
            )
            if consent
            else self.tr("Aucune colonne de consentement dans le fichier.")
        )

    def isComplete(self) -> bool:
        # docs/rules.md §3.2: the source cannot be skipped.
        return bool(self.kind_combo.currentData()) and bool(self.name_edit.text().strip())

    def options(self) -> ImportOptions:
        d = self.date_edit.date()
        return ImportOptions(
            source_kind=self.kind_combo.currentData(),
            source_name=self.name_edit.text(),
            obtained_on=date(d.year(), d.month(), d.day()),
            form_version_id=self.form_combo.currentData() if self.form_combo.isEnabled() else None,
            imported_by=_user(),
        )

    def validatePage(self) -> bool:
        try:
            self.w.options = self.options().checked()
        except InputError as exc:
            self.w.ui.show_error(str(exc), self.tr("Origine des données"))
            return False
        return True


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


# --- 5. check (the dry run) --------------------------------------------------------------------------


class RowsModel(QAbstractTableModel):
    """The check list: one line per row that is not a plain creation (refused, warned, duplicate)."""

    HEADERS = ("Ligne", "Résultat", "Motifs", "Doublon")
    COLOURS = {"refuse": "#fde2e1", "skip": "#eeeeee", "merge": "#e3f0fd", "unchanged": "#f3f3f3"}

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self.labels = PLANNED_LABELS

    def set_result(self, result: ImportResult | None) -> None:
        self.beginResetModel()
        self.labels = ACTION_LABELS if result is not None and not result.dry_run else PLANNED_LABELS
        rows = (
            [] if result is None else [r for r in result.rows if r.action != "create" or r.reasons or r.note]
        )
        self.rows = rows[:LIST_LIMIT]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.line, self.labels[r.action], " ; ".join(r.reasons), r.note)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (2, 3):
            return "\n".join(r.reasons) if index.column() == 2 else r.note
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.COLOURS.get(r.action) or ("#fff4d6" if r.reasons else None)
            return QBrush(QColor(colour)) if colour else None
        return None


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Vérification"))
        self.setSubTitle(self.tr("Ce que l'import ferait, ligne par ligne. Rien n'a encore été enregistré."))
        self.duplicate_combo = QComboBox()
        for key, label in (("merge", "Compléter la fiche existante (recommandé)"),
                           ("skip", "Ignorer la ligne"), ("create", "Créer quand même un nouveau contact")):  # fmt: skip
            self.duplicate_combo.addItem(tr_label(label), key)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Particulier"), "consumer")
        self.kind_combo.addItem(self.tr("Professionnel"), "professional")
        self.duplicate_combo.currentIndexChanged.connect(self.run_check)
        self.kind_combo.currentIndexChanged.connect(self.run_check)
        form = QFormLayout()
        form.addRow(self.tr("Doublons :"), self.duplicate_combo)
        form.addRow(self.tr("Type quand le fichier ne le dit pas :"), self.kind_combo)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = RowsModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(3, 280)
        self.view.verticalHeader().hide()
        self.report_btn = QPushButton(self.tr("Enregistrer ces lignes dans un rapport…"))
        self.report_btn.clicked.connect(lambda: save_report(self.w, self.w.check))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.report_btn, 0, Qt.AlignmentFlag.AlignRight)
        self.task = None

    def initializePage(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Importer"))
        self.run_check()

    def current_options(self) -> ImportOptions:
        assert self.w.options is not None
        o = self.w.options
        return ImportOptions(
            o.source_kind, o.source_name, o.obtained_on, self.duplicate_combo.currentData(),
            self.kind_combo.currentData(), o.form_version_id, o.imported_by,
        )  # fmt: skip

    def run_check(self) -> None:
        if self.w.table is None or self.w.options is None:
            return
        self.w.check = None
        self.model.set_result(None)
        self.summary.setText(self.tr("Vérification en cours…"))
        self.completeChanged.emit()
        table, mapping, options, db = self.w.table, dict(self.w.mapping), self.current_options(), self.w.db

        def work(progress: Any) -> ImportResult:
            with db.session() as s:
                result = run_import(s, table, mapping, options, dry_run=True, progress=progress)
                s.rollback()  # a dry run writes nothing, whatever happens
            return result

        self.task = run_task(self, self.tr("Vérification du fichier…"), work, self._checked, self._failed)

    def _checked(self, result: ImportResult) -> None:
        self.task = None
        self.w.check = result
        self.model.set_result(result)
        self.view.resizeColumnToContents(0)
        self.view.resizeColumnToContents(1)
        self.summary.setText(summary_html(result))
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.summary.setText(self.tr("La vérification n'a pas abouti."))
        if not isinstance(exc, Cancelled):
            self.w.ui.show_error(failure_text(exc), self.tr("Vérification impossible"))

    def isComplete(self) -> bool:
        s = self.w.check.summary() if self.w.check else None
        return bool(s) and (s["created"] + s["merged"]) > 0 if s else False


def summary_html(result: ImportResult) -> str:
    """The counts of a dry run or an import, each with its own French plural (webleads_fr.qm)."""
    s = result.summary()
    if result.dry_run:
        parts = [
            translate("ImportSummary", "<b>%n</b> contact(s) à créer", "", s["created"]),
            translate("ImportSummary", "<b>%n</b> à compléter (doublons)", "", s["merged"]),
            translate("ImportSummary", "%n déjà à jour", "", s["unchanged"]),
            translate("ImportSummary", "%n à ignorer", "", s["skipped"]),
        ]
    else:
        parts = [
            translate("ImportSummary", "<b>%n</b> contact(s) créé(s)", "", s["created"]),
            translate("ImportSummary", "<b>%n</b> complété(s) (doublons)", "", s["merged"]),
            translate("ImportSummary", "%n déjà à jour", "", s["unchanged"]),
            translate("ImportSummary", "%n ignorée(s)", "", s["skipped"]),
        ]
    parts += [
        "<b style='color:#b00020'>" + translate("ImportSummary", "%n refusée(s)", "", s["refused"]) + "</b>",
        translate("ImportSummary", "%n avec avertissement(s)", "", s["warnings"]),
    ]
    text = (
        translate("ImportSummary", "<b>%n</b> ligne(s) lue(s)", "", s["read"])
        + " : "
        + ", ".join(parts)
        + "."
    )
    if not result.dry_run:
        text += "<br><br>" + translate(
            "ImportSummary",
            "Les lignes refusées n'ont pas été importées : corrigez-les dans le fichier (le rapport donne "
            "chaque motif) puis importez-les à nouveau ; les contacts déjà importés seront reconnus.",
        )
    attention = translate("ImportSummary", "Attention :")
    notes = "".join(f"<br><b>{attention}</b> {escape(w)}" for w in result.file_warnings)
    return text + notes


def save_report(wizard: ImportWizard, result: ImportResult | None) -> None:
    if result is None:
        return
    suggested = f"rapport-import-{Path(result.file_name).stem}.xlsx"
    path = wizard.ui.ask_save_path(
        wizard.tr("Rapport des lignes à revoir"),
        "Classeur Excel (*.xlsx)",
        suggested,
        purpose="import-report",
    )
    if path is None:
        return
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    try:
        n = write_report(path, result)
    except (InputError, OSError) as exc:
        wizard.ui.show_error(str(exc))
        return
    wizard.ui.show_info(wizard.tr("%n ligne(s) enregistrée(s) dans {path}.", "", n).format(path=path))


# --- 6. import -------------------------------------------------------------------------------------------


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Import"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.report_btn = QPushButton(self.tr("Enregistrer le rapport des lignes à revoir…"))
        self.report_btn.clicked.connect(lambda: save_report(self.w, self.w.result))
        self.report_btn.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.report_btn, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.task = None
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.report_btn.hide()
        self.w.result = None
        self.status.setText(
            self.tr("Import en cours… (Annuler dans la fenêtre de progression : rien n'est enregistré)")
        )
        table, mapping, db = self.w.table, dict(self.w.mapping), self.w.db
        options = self.w.check_page.current_options()

        def work(progress: Any) -> ImportResult:
            # One transaction: every accepted row, or nothing (an error or Cancel rolls back).
            with db.session() as s:
                return run_import(s, table, mapping, options, progress=progress)

        self.task = run_task(self, self.tr("Import des contacts…"), work, self._done, self._failed)

    def _done(self, result: ImportResult) -> None:
        self.task = None
        self.done = True
        self.w.result = result
        self.setSubTitle(self.tr("Import terminé et enregistré."))
        self.status.setText(summary_html(result))
        self.report_btn.setVisible(result.summary()["refused"] + result.summary()["warnings"] > 0)
        self.completeChanged.emit()
        self.w.imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.done = True
        if isinstance(exc, Cancelled):
            self.setSubTitle(self.tr("Import annulé."))
            self.status.setText(self.tr("Import annulé : rien n'a été enregistré."))
        else:
            self.setSubTitle(self.tr("Import impossible."))
            self.status.setText(
                self.tr("L'import n'a pas abouti : rien n'a été enregistré.") + "<br>" + failure_text(exc)
            )
            self.w.ui.show_error(failure_text(exc), self.tr("Import impossible"))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done


IMPORTABLE = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".vcf")  # FILE_FILTER's, for a dropped file


def open_import_wizard(
    db: Database, ui: Dialogs, parent: QWidget | None = None, path: Path | None = None
) -> ImportWizard:
    """Fichier > Importer… (Ctrl+I), or a file dropped on the window (`path`, already filled in): open the
    wizard (window-modal); connect to .imported to refresh."""
    wizard = ImportWizard(db, ui, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if path is not None:
        wizard.file_page.path_edit.setText(str(path))
    wizard.open()
    return wizard
