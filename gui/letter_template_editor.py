"""The letter and notice template editor: Jinja text per part, the fields listed beside, saved as versions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.use_case import attempt
from models.database import Database
from services.postal.letter_templates import (
    FIELDS,
    PART_LABELS,
    PARTS,
    latest_version,
    save_version,
    template_names,
)

SHORT_LABELS = {"body": "Courrier", "notice_art13": "Notice art. 13 (collecte directe)",
                "notice_art14": "Notice art. 14 (données d'un tiers)", "reminder": "Rappel (déjà informé)",
                "objection": "Droit d'opposition"}  # fmt: skip


class LetterTemplateEditor(QWidget):
    saved = Signal(str)  # the version label, e.g. "Courrier standard v3"

    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ui = db, ui
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.currentTextChanged.connect(self._load)
        self.version = QLabel()
        self.parts = QTabWidget()
        self.editors: dict[str, QPlainTextEdit] = {}
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for part in PARTS:
            edit = QPlainTextEdit()
            edit.setFont(mono)
            self.editors[part] = edit
            index = self.parts.addTab(edit, tr_label(SHORT_LABELS[part]))
            self.parts.setTabToolTip(index, tr_label(PART_LABELS[part]))
        self.fields = QListWidget()
        for name, meaning in FIELDS.items():
            self.fields.addItem(f"{{{{ {name} }}}} — {meaning}")
        self.fields.itemDoubleClicked.connect(self._insert_field)
        self.fields.setToolTip(self.tr("Double-cliquez pour insérer le champ dans le texte"))
        self.save_button = QPushButton(self.tr("Enregistrer une nouvelle version"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        help_text = QLabel(self.tr(
            "Une ligne qui commence par « # » est un titre ; une ligne vide sépare les paragraphes. "
            "Les champs s'impriment tels quels : un nom contenant <, & ou des guillemets ne change pas la mise en page."
        ))  # fmt: skip
        help_text.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Modèle :")))
        top.addWidget(self.name, 1)
        top.addWidget(self.version)
        top.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Champs disponibles")))
        right.addWidget(self.fields)
        middle = QHBoxLayout()
        middle.addWidget(self.parts, 3)
        middle.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(help_text)
        layout.addLayout(middle, 1)

    def refresh(self) -> None:
        with self.db.session() as s:
            names = template_names(s)
        current = self.name.currentText()
        self.name.blockSignals(True)
        self.name.clear()
        self.name.addItems(names)
        self.name.blockSignals(False)
        self.name.setCurrentText(current if current in names else names[0])
        self._load(self.name.currentText())

    def _load(self, name: str) -> None:
        if name not in [self.name.itemText(i) for i in range(self.name.count())]:
            self.version.setText(self.tr("(nouveau modèle)"))
            return
        with self.db.session() as s:
            v = latest_version(s, name)
            texts = {p: getattr(v, p) for p in PARTS}
            label = v.label
        for part, text in texts.items():
            self.editors[part].setPlainText(text)
        self.version.setText(label)

    def _insert_field(self) -> None:
        item = self.fields.currentItem()
        if item is not None:
            edit = self.editors[PARTS[self.parts.currentIndex()]]
            edit.insertPlainText(item.text().split(" — ")[0])
            edit.setFocus()

    def save(self) -> None:
        texts = {p: self.editors[p].toPlainText() for p in PARTS}
        name = self.name.currentText()
        done = attempt(
            self.ui, self.db, lambda s: save_version(s, name, texts).label, self.tr("Modèle non enregistré")
        )
        if not done:
            return
        label = done.value
        self.refresh()
        self.name.setCurrentText(label.rsplit(" v", 1)[0])
        self.version.setText(label)
        self.saved.emit(label)
