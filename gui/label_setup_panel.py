"""Label sheets and printer set-up: the custom template editor, printer offsets, calibration and window test."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.use_case import attempt
from models.database import Database
from services.core.settings import get_setting, set_settings
from services.postal.label_sheets import (
    LabelTemplate,
    all_templates,
    get_template,
    printer_offset,
    save_custom_template,
    save_printer_offset,
)
from services.postal.labels import write_calibration
from services.postal.letters import WindowPosition, write_window_test

GEOMETRY_FIELDS = (
    ("page_width", "Largeur de la page"), ("page_height", "Hauteur de la page"),
    ("label_width", "Largeur d'une étiquette"), ("label_height", "Hauteur d'une étiquette"),
    ("left_margin", "Marge gauche"), ("top_margin", "Marge haute"),
    ("h_pitch", "Pas horizontal"), ("v_pitch", "Pas vertical"), ("corner_radius", "Rayon des coins"),
)  # fmt: skip
SAMPLE_ADDRESS = ["Mme Claire MARTIN", "Appartement 12", "12 RUE DE LA REPUBLIQUE", "69002 LYON"]


def mm_box(maximum: float = 400.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(2)
    box.setRange(0, maximum)
    box.setSuffix(" mm")
    return box


class LabelSetupPanel(QWidget):
    pdf_ready = Signal(object, str)  # (Path, title): a page to look at and print
    templates_changed = Signal()

    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ui = db, ui
        self._tmp = Path(tempfile.mkdtemp(prefix="webleads-labels-"))

        # --- a template, built-in or custom, as a form that saves a custom one ---
        self.source = QComboBox()
        self.source.currentIndexChanged.connect(self._fill_from_source)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("par exemple MAISON-24"))
        self.description = QLineEdit()
        self.columns, self.rows = QSpinBox(), QSpinBox()
        self.columns.setRange(1, 20)
        self.rows.setRange(1, 40)
        self.geometry = {name: mm_box() for name, _ in GEOMETRY_FIELDS}
        form = QFormLayout()
        form.addRow(self.tr("Partir du modèle"), self.source)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Colonnes"), self.columns)
        form.addRow(self.tr("Lignes"), self.rows)
        for name, label in GEOMETRY_FIELDS:
            form.addRow(tr_label(label), self.geometry[name])
        self.save_template_button = QPushButton(self.tr("Enregistrer comme modèle personnalisé"))
        self.save_template_button.clicked.connect(self.save_template)
        form.addRow(self.save_template_button)
        editor = QGroupBox(self.tr("Modèle d'étiquettes personnalisé"))
        editor.setLayout(form)

        # --- printer offset and calibration ---
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.lineEdit().setPlaceholderText(self.tr("imprimante par défaut"))  # type: ignore[union-attr]  # editable
        self.printer.currentTextChanged.connect(self._load_offset)
        self.dx, self.dy = mm_box(20), mm_box(20)
        for box in (self.dx, self.dy):
            box.setRange(-20, 20)
            box.setSingleStep(0.5)
        self.calibration_template = QComboBox()
        save_offset = QPushButton(self.tr("Enregistrer le décalage"))
        save_offset.clicked.connect(self.save_offset)
        calibrate = QPushButton(self.tr("Page de calibrage"))
        calibrate.clicked.connect(self.calibration_page)
        pform = QFormLayout()
        pform.addRow(self.tr("Imprimante"), self.printer)
        pform.addRow(self.tr("Décalage horizontal (+ vers la droite)"), self.dx)
        pform.addRow(self.tr("Décalage vertical (+ vers le bas)"), self.dy)
        pform.addRow(self.tr("Planche"), self.calibration_template)
        buttons = QHBoxLayout()
        buttons.addWidget(save_offset)
        buttons.addWidget(calibrate)
        pform.addRow(buttons)
        printer_box = QGroupBox(self.tr("Imprimante"))
        printer_box.setLayout(pform)

        # --- window envelope position ---
        self.window_left, self.window_top = mm_box(110), mm_box(250)
        window_test = QPushButton(self.tr("Page de test de la fenêtre"))
        window_test.clicked.connect(self.window_test_page)
        save_window = QPushButton(self.tr("Enregistrer la position"))
        save_window.clicked.connect(self.save_window)
        wform = QFormLayout()
        wform.addRow(self.tr("Distance au bord gauche"), self.window_left)
        wform.addRow(self.tr("Distance au bord haut"), self.window_top)
        wbuttons = QHBoxLayout()
        wbuttons.addWidget(save_window)
        wbuttons.addWidget(window_test)
        wform.addRow(wbuttons)
        window_box = QGroupBox(self.tr("Adresse dans la fenêtre des enveloppes DL et C5 (45 × 100 mm)"))
        window_box.setLayout(wform)

        right = QVBoxLayout()
        right.addWidget(printer_box)
        right.addWidget(window_box)
        right.addWidget(QLabel(self.tr(
            "Imprimez la page de calibrage à 100 %, posez-la sur une planche vierge et mesurez l'écart : "
            "saisissez-le ici, il s'appliquera aux étiquettes imprimées sur cette imprimante."
        )))  # fmt: skip
        right.itemAt(right.count() - 1).widget().setWordWrap(True)  # type: ignore[union-attr]  # the label just added
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(editor, 1)
        layout.addLayout(right, 1)

    def refresh(self) -> None:
        with self.db.session() as s:
            templates = all_templates(s)
            left = float(get_setting(s, "postal.window_left_mm"))
            top = float(get_setting(s, "postal.window_top_mm"))
        for combo in (self.source, self.calibration_template):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for t in templates:
                combo.addItem(t.description if not t.custom else f"{t.code} — {t.description}", t.code)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._fill_from_source()
        names = ["", *QPrinterInfo.availablePrinterNames()]
        if self.printer.count() != len(names):
            self.printer.clear()
            self.printer.addItems(names)
            self.printer.setItemText(0, "")
        self._load_offset()
        self.window_left.setValue(left)
        self.window_top.setValue(top)

    def _fill_from_source(self) -> None:
        code = self.source.currentData()
        if not code:
            return
        with self.db.session() as s:
            t = get_template(s, code)
        self.code.setText(t.code if t.custom else "")
        self.description.setText(t.description)
        self.columns.setValue(t.columns)
        self.rows.setValue(t.rows)
        for name, _ in GEOMETRY_FIELDS:
            self.geometry[name].setValue(getattr(t, name))

    def template_from_form(self) -> LabelTemplate:
        g = {name: box.value() for name, box in self.geometry.items()}
        return LabelTemplate(
            self.code.text().strip(), self.description.text().strip(), self.columns.value(), self.rows.value(),
            g["label_width"], g["label_height"], g["left_margin"], g["top_margin"], g["h_pitch"], g["v_pitch"],
            g["corner_radius"], g["page_width"], g["page_height"], (), True,
        )  # fmt: skip

    def save_template(self) -> None:
        template = self.template_from_form()
        done = attempt(
            self.ui, self.db, lambda s: save_custom_template(s, template), self.tr("Modèle non enregistré")
        )
        if not done:
            return
        saved = done.value
        self.refresh()
        self.source.setCurrentIndex(self.source.findData(saved.code))
        self.templates_changed.emit()
        self.ui.show_info(self.tr("Modèle « %1 » enregistré.").replace("%1", saved.code))

    def _load_offset(self) -> None:
        with self.db.session() as s:
            dx, dy = printer_offset(s, self.printer.currentText())
        self.dx.setValue(dx)
        self.dy.setValue(dy)

    def save_offset(self) -> None:
        printer, dx, dy = self.printer.currentText(), self.dx.value(), self.dy.value()
        attempt(self.ui, self.db, lambda s: save_printer_offset(s, printer, dx, dy))

    def calibration_page(self) -> None:
        with self.db.session() as s:
            t = get_template(s, self.calibration_template.currentData())
        path = self._tmp / f"calibrage-{t.code}.pdf"
        write_calibration(path, t, (self.dx.value(), self.dy.value()))
        self.pdf_ready.emit(path, self.tr("Page de calibrage %1").replace("%1", t.code))

    def save_window(self) -> None:
        with self.db.session() as s:
            set_settings(s, {"postal.window_left_mm": round(self.window_left.value()),
                             "postal.window_top_mm": round(self.window_top.value())})  # fmt: skip

    def window_test_page(self) -> None:
        path = self._tmp / "test-fenetre.pdf"
        write_window_test(
            path, WindowPosition(self.window_left.value(), self.window_top.value()), SAMPLE_ADDRESS
        )
        self.pdf_ready.emit(path, self.tr("Test de la fenêtre d'enveloppe"))
