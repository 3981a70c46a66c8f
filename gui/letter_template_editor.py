"""The letter and notice template editor: Jinja text per part, the fields listed beside, saved as versions."""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.use_case import attempt
from models.contact import parse_ref
from models.database import Database
from services.contacts.search import first_contact_ids
from services.core.errors import UserError
from services.postal.letter_templates import (
    FIELDS,
    PART_LABELS,
    PARTS,
    latest_version,
    save_version,
    template_names,
)
from services.postal.review import letter_preview

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
        # Issue 15: the fields by their French names; the template code stays underneath (tooltip, text).
        self.fields = QListWidget()
        insert_menu = QMenu(self)
        for name, meaning in FIELDS.items():
            code = f"{{{{ {name} }}}}"
            item = QListWidgetItem(meaning)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(code)
            self.fields.addItem(item)
            insert_menu.addAction(meaning, partial(self.insert_code, code))
        self.fields.itemDoubleClicked.connect(self._insert_field)
        self.fields.setToolTip(self.tr("Double-cliquez pour insérer le champ dans le texte"))
        self.insert_button = QPushButton(self.tr("&Insérer un champ"))
        self.insert_button.setMenu(insert_menu)
        # A live preview of the letter for a person chosen by reference (nothing recorded).
        self.preview_ref = QLineEdit()
        self.preview_ref.setPlaceholderText(self.tr("C-000001"))
        self.preview_ref.setMaximumWidth(110)
        self.preview = QTextBrowser()
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(400)
        self.preview_timer.timeout.connect(self.update_preview)
        self.preview_ref.textChanged.connect(lambda _t: self.preview_timer.start())
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
        fields_box = QVBoxLayout()
        fields_head = QHBoxLayout()
        fields_head.addWidget(QLabel(self.tr("Champs disponibles")), 1)
        fields_head.addWidget(self.insert_button)
        fields_box.addLayout(fields_head)
        fields_box.addWidget(self.fields)
        preview_head = QHBoxLayout()
        preview_head.addWidget(QLabel(self.tr("Aperçu pour :")))
        preview_head.addWidget(self.preview_ref)
        preview_head.addStretch(1)
        preview_box = QVBoxLayout()
        preview_box.addLayout(preview_head)
        preview_box.addWidget(self.preview, 1)
        right = QVBoxLayout()
        right.addLayout(fields_box, 1)
        right.addLayout(preview_box, 2)
        middle = QHBoxLayout()
        middle.addWidget(self.parts, 3)
        middle.addLayout(right, 2)
        for edit in self.editors.values():
            edit.textChanged.connect(self.preview_timer.start)
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
        self.preview_timer.start()

    def _insert_field(self) -> None:
        item = self.fields.currentItem()
        if item is not None:
            self.insert_code(item.data(Qt.ItemDataRole.UserRole))

    def insert_code(self, code: str) -> None:
        """Put a field's code where the cursor is, in the part shown."""
        edit = self.editors[PARTS[self.parts.currentIndex()]]
        edit.insertPlainText(code)
        edit.setFocus()

    def update_preview(self) -> None:
        """The letter as the texts typed would print it for the person chosen (the first one by default)."""
        texts = {p: self.editors[p].toPlainText() for p in PARTS}
        ref = self.preview_ref.text().strip()
        try:
            with self.db.session() as s:
                # The person typed, or the first of the first contacts who would get the letter.
                one = parse_ref(ref) if ref else None
                candidates = ([one] if one is not None else []) if ref else first_contact_ids(s, 20)
                if not candidates:
                    self.preview.setHtml(
                        "<i>" + html.escape(self.tr("« {0} » n'est pas une référence de contact.").format(ref)) + "</i>"
                        if ref else self.tr("<i>Aucun contact pour l'aperçu.</i>")
                    )  # fmt: skip
                    return
                for contact_id in candidates:
                    shown = letter_preview(s, contact_id, texts)
                    if not shown.excluded:
                        break
                else:
                    shown = letter_preview(s, candidates[0], texts)
        except UserError as exc:
            self.preview.setHtml(f"<p style='color:#b00020'>{html.escape(str(exc))}</p>")
            return
        if shown.excluded:
            self.preview.setHtml(
                "<p><i>" + html.escape(self.tr("Cette personne ne recevrait pas ce courrier : {0}.").format(
                    shown.excluded)) + "</i></p>"
            )  # fmt: skip
            return
        address = "<br>".join(html.escape(line) for line in shown.address)
        body = "".join(
            f"<h3>{html.escape(b.text)}</h3>" if b.heading else f"<p>{html.escape(b.text)}</p>"
            for b in shown.blocks
        )
        self.preview.setHtml(f"<p style='margin-left:40%'>{address}</p>{body}")

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
