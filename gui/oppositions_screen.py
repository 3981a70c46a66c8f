"""The Oppositions screen: scan or type the reference, pick the scope with a key, Enter (docs/rules.md §5.1).

Fast path for a pile of returned reply slips: the reference field has the focus; a USB barcode
scanner types « C-000123 » + Enter, which finds the person; 1-4 (or T, C, P, A) picks the scope
(default: all prospecting); Enter records. The field is then empty again for the next slip.
The person can also be found by name, phone or e-mail.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from gui.dates import TodayDateEdit
from gui.dialogs import Dialogs
from gui.opposition_correction_dialog import OppositionCorrectionDialog
from gui.simple_table import SimpleTable
from gui.use_case import attempt
from models.compliance import Opposition
from models.contact import Contact, format_ref
from models.database import Database
from services.compliance.opposition_correction import correct_opposition, why_not_correctable
from services.compliance.oppositions import covering_opposition, opposition_state, record_opposition
from services.contacts.history import CHANNEL_LABELS, SCOPE_LABELS
from services.contacts.record import display_name
from services.contacts.search import fetch_rows
from services.contacts.search_pages import people_named, typed_reference
from services.core.users import current_user

SCOPE_KEYS = {
    Qt.Key.Key_1: "all", Qt.Key.Key_T: "all",
    Qt.Key.Key_2: "post", Qt.Key.Key_C: "post",
    Qt.Key.Key_3: "phone", Qt.Key.Key_P: "phone",
    Qt.Key.Key_4: "partners", Qt.Key.Key_A: "partners",
}  # fmt: skip
SCOPE_ORDER = ("all", "post", "phone", "partners")
MAX_MATCHES = 50


class OppositionsScreen(QWidget):
    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.contact_id: int | None = None
        self.recorded_by = current_user()

        self.ref_edit = QLineEdit()
        self.ref_edit.setPlaceholderText(
            self.tr("Référence C-000123 (scannée ou tapée), ou nom, téléphone, e-mail")
        )
        self.ref_edit.returnPressed.connect(self.find)
        self.matches = QListWidget()
        self.matches.setMaximumHeight(110)
        self.matches.itemActivated.connect(self._pick_match)
        self.matches.hide()
        self.person = QLabel(self.tr("Aucune personne choisie."))
        self.person.setObjectName("person")

        self.scopes = QButtonGroup(self)
        scope_row = QHBoxLayout()
        labels = {
            "all": self.tr("1 · Toute prospection"),
            "post": self.tr("2 · Courrier"),
            "phone": self.tr("3 · Téléphone"),
            "partners": self.tr("4 · Transmission aux partenaires"),
        }
        self.scope_buttons: dict[str, QRadioButton] = {}
        for i, scope in enumerate(SCOPE_ORDER):
            button = QRadioButton(labels[scope])
            button.installEventFilter(self)
            self.scopes.addButton(button, i)
            self.scope_buttons[scope] = button
            scope_row.addWidget(button)
        self.scope_buttons["all"].setChecked(True)

        self.channel = QComboBox()
        for key, label in CHANNEL_LABELS.items():
            self.channel.addItem(label, key)
        self.channel.setCurrentIndex(self.channel.findData("slip"))
        self.received = TodayDateEdit()
        self.record_button = QPushButton(self.tr("Enregistrer l'opposition (Entrée)"))
        self.record_button.setEnabled(False)
        self.record_button.clicked.connect(self.record)
        self.status = QLabel("")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Personne :"), self.ref_edit)
        form.addRow("", self.matches)
        form.addRow("", self.person)
        form.addRow(self.tr("Portée :"), scope_row)
        form.addRow(self.tr("Reçue par :"), self.channel)
        form.addRow(self.tr("Reçue le :"), self.received)

        self.recent = SimpleTable([self.tr("Référence"), self.tr("Nom"), self.tr("Portée"), self.tr("Canal"),
                                   self.tr("Reçue le"), self.tr("Saisie par"), self.tr("État")])  # fmt: skip
        self.recent.selectionModel().selectionChanged.connect(self._update_correct_button)
        self.correct_button = QPushButton(self.tr("Corriger une erreur de saisie…"))
        self.correct_button.setEnabled(False)
        self.correct_button.clicked.connect(self.correct_selected)
        title = QLabel(
            self.tr("<b>Oppositions</b> — effectives immédiatement : campagnes, appels, transmissions.")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.record_button)
        layout.addWidget(self.status)
        recent_row = QHBoxLayout()
        recent_row.addWidget(QLabel(self.tr("Dernières oppositions enregistrées")), 1)
        recent_row.addWidget(self.correct_button)
        layout.addLayout(recent_row)
        layout.addWidget(self.recent, 1)
        self.setFocusProxy(self.ref_edit)

    # --- the fast path ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
        self.ref_edit.setFocus()

    def scope(self) -> str:
        return SCOPE_ORDER[max(self.scopes.checkedId(), 0)]

    def set_scope(self, scope: str) -> None:
        self.scope_buttons[scope].setChecked(True)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """On the scope buttons: a digit or letter picks the scope, Enter records."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in SCOPE_KEYS:
                self.set_scope(SCOPE_KEYS[Qt.Key(event.key())])
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.record()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.clear()
                return True
        return super().eventFilter(obj, event)

    def find(self) -> None:
        """A reference selects the person at once; other text lists who matches."""
        text = self.ref_edit.text().strip()
        if not text:
            if self.contact_id is not None:
                self.record()
            return
        ref_id = typed_reference(text)
        with self.db.session() as s:
            ids = people_named(s, text, MAX_MATCHES + 1)
            rows = fetch_rows(s, ids[:MAX_MATCHES])
        if ref_id is not None and not ids:
            self._fail(self.tr("Aucun contact avec la référence {0}.").format(format_ref(ref_id)))
            return
        if not ids:
            self._fail(self.tr("Personne ne correspond à « {0} ».").format(text))
            return
        if len(ids) == 1:
            row = rows[ids[0]]
            self._choose(row.id, display_name(row))
            return
        self.matches.clear()
        for cid in ids[:MAX_MATCHES]:
            r = rows[cid]
            item = QListWidgetItem(f"{r.ref}  {display_name(r)}  {r.postcode} {r.city}  {r.email}")
            item.setData(Qt.ItemDataRole.UserRole, (r.id, display_name(r)))
            self.matches.addItem(item)
        self.matches.show()
        self.matches.setCurrentRow(0)
        self.matches.setFocus()
        self.status.setText(self.tr("{0} personnes correspondent : choisissez avec les flèches puis Entrée.").format(
            len(ids) if len(ids) <= MAX_MATCHES else f"{MAX_MATCHES}+"))  # fmt: skip

    def _pick_match(self, item: QListWidgetItem) -> None:
        cid, name = item.data(Qt.ItemDataRole.UserRole)
        self._choose(cid, name)

    def _choose(self, contact_id: int, name: str) -> None:
        self.contact_id = contact_id
        self.matches.hide()
        self.person.setText(f"<b>{format_ref(contact_id)}</b> — {name}")
        self.record_button.setEnabled(True)
        self.status.setText(self.tr("Choisissez la portée (1 à 4) puis Entrée."))
        self.scopes.checkedButton().setFocus()

    def _fail(self, message: str) -> None:
        self.status.setText(f"<span style='color:#B00020'>{message}</span>")
        self.ref_edit.selectAll()
        self.ref_edit.setFocus()

    def clear(self) -> None:
        self.contact_id = None
        self.ref_edit.clear()
        self.matches.hide()
        self.person.setText(self.tr("Aucune personne choisie."))
        self.record_button.setEnabled(False)
        self.set_scope("all")
        self.ref_edit.setFocus()

    def record(self) -> None:
        if self.contact_id is None:
            self._fail(self.tr("Choisissez d'abord la personne."))
            return
        scope = self.scope()
        received: date = self.received.date().toPython()
        with self.db.session() as s:
            existing = covering_opposition(s, self.contact_id, scope)
        if existing is not None and not self.ui.confirm(
            self.tr(
                "{0} est déjà opposé(e) ({1}) depuis le {2:%d/%m/%Y}. Enregistrer quand même cette "
                "nouvelle opposition ?"
            ).format(format_ref(self.contact_id), SCOPE_LABELS[existing.scope], existing.received_on),
            ok_label=self.tr("Enregistrer"),
        ):
            self.clear()
            self.status.setText(self.tr("Rien d'enregistré : l'opposition existait déjà."))
            return
        contact_id, channel = self.contact_id, self.channel.currentData()
        done = attempt(
            self.ui,
            self.db,
            lambda s: record_opposition(
                s, contact_id, scope, channel, received, recorded_by=self.recorded_by
            ),
        )
        if not done:
            return
        ref, n = format_ref(contact_id), len(done.value.notices)
        notices = self.tr(", %n notification(s) aux partenaires à envoyer", "", n) if n else ""
        self.clear()
        self.status.setText(
            self.tr("Opposition enregistrée pour {0} ({1}){2}.").format(ref, SCOPE_LABELS[scope], notices)
        )
        self.refresh()

    def refresh(self) -> None:
        with self.db.session() as s:
            q = (
                select(Opposition, Contact.first_name, Contact.last_name, Contact.company)
                .join(Contact, Contact.id == Opposition.contact_id)
                .order_by(Opposition.id.desc())
                .limit(50)
            )
            rows = [
                (o.id, [format_ref(o.contact_id), " ".join(x for x in (f, ln) if x) or co,
                        SCOPE_LABELS[o.scope], CHANNEL_LABELS[o.channel], o.received_on, o.recorded_by,
                        opposition_state(o)])
                for o, f, ln, co in s.execute(q)
            ]  # fmt: skip
        self.recent.set_rows(rows)
        self._update_correct_button()

    # --- a typing error (docs/rules.md §5.10) -------------------------------------------------------
    def _update_correct_button(self) -> None:
        """Enabled on an objection of today still in force; otherwise the reason, in the tooltip."""
        opposition_id = self.recent.selected_id()
        why = self.tr("Choisissez l'opposition à corriger dans la liste.")
        if opposition_id is not None:
            with self.db.session() as s:
                opposition = s.get(Opposition, opposition_id)
                why = why_not_correctable(s, opposition) if opposition is not None else why
        self.correct_button.setEnabled(not why)
        self.correct_button.setToolTip(
            why or self.tr("Reporter cette opposition sur la bonne personne, ou l'annuler, avec un motif.")
        )

    def correct_selected(self) -> None:
        opposition_id = self.recent.selected_id()
        if opposition_id is None:
            return
        with self.db.session() as s:
            o = s.get(Opposition, opposition_id)
            contact = s.get(Contact, o.contact_id) if o is not None else None
            if o is None or contact is None:
                return
            summary = self.tr("Opposition n° {0} — <b>{1}</b> {2} — {3}, reçue le {4:%d/%m/%Y}, saisie par {5}.").format(
                o.id, contact.ref, display_name(contact), SCOPE_LABELS[o.scope], o.received_on, o.recorded_by or "?"
            )  # fmt: skip
            wrong_contact = o.contact_id
        dialog = OppositionCorrectionDialog(self.db, summary, wrong_contact, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target, reason = dialog.choice()
        done = attempt(
            self.ui,
            self.db,
            lambda s: correct_opposition(
                s, opposition_id, reason, move_to_contact_id=target, by=self.recorded_by
            ),
        )
        if not done:
            return
        out = done.value
        if out.moved_to is not None:
            text = self.tr("Opposition n° {0} reportée sur {1} : en vigueur dès maintenant.").format(
                opposition_id, format_ref(out.moved_to.contact_id)
            )
        else:
            text = self.tr("Opposition n° {0} annulée (erreur de saisie).").format(opposition_id)
        if out.withdrawn:
            text += " " + self.tr("%n notification(s) non envoyée(s) retirée(s).", "", len(out.withdrawn))
        if out.corrections:
            text += " " + self.tr(
                "%n correction(s) à envoyer aux partenaires déjà prévenus.", "", len(out.corrections)
            )
        self.status.setText(text)
        self.refresh()
