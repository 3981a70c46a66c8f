"""Create or edit one contact: every field, its mandatory source, its tags, and its history.

The checks are the service's (services.contacts.validation.check_contact): their messages appear next to the
fields. The postcode is checked live against the official list; the suggested communes are links
that fill the city when clicked — nothing is ever changed silently.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.choices_panel import ChoicesPanel
from gui.dates import from_qdate, to_qdate, today_qdate
from gui.dialogs import Dialogs
from gui.use_case import attempt
from models.database import Database
from services.compliance.consents import record_consent, status_marks
from services.contacts.editing import ConcurrentEditError, create_contact, update_contact
from services.contacts.fields import FIELD_LABELS, PERSON_KIND_LABELS, SOURCE_KIND_LABELS, STATUS_LABELS
from services.contacts.history import HistoryEvent, contact_history
from services.contacts.lookup import get_contact
from services.contacts.record import display_name
from services.contacts.to_check import contact_reasons
from services.contacts.validation import ContactError, ContactInput, check_contact
from services.core.countries import COUNTRY_NAMES_FR, country_code, country_name
from services.core.errors import UserError
from services.core.moments import business_date, wall_time
from services.core.phones import display as display_phone
from services.core.postcodes import check_postcode, is_french, normalise_postcode
from services.importing.duplicates import find_existing
from services.phone.decision import decide_one

ERROR_STYLE = "color: #b00020;"
EMPTY_DATE = QDate(1900, 1, 1)
WARNING_STYLE = "background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px; padding: 4px;"
MARK_COLOURS = {"objection": "#b00020", "refusal": "#b00020", "consent": "#2e7d32", "npai": "#e65100"}


class OptionalDate(QWidget):
    """A date that may be left empty: the box enables the date field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, required: bool = False) -> None:
        super().__init__(parent)
        self.required = required
        self.check = QCheckBox(self)
        self.check.setVisible(not required)  # a required date always has a value
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(EMPTY_DATE)
        self.edit.setSpecialValueText(self.tr("(aucune)"))  # shown while the box is unticked
        self.edit.setDate(EMPTY_DATE)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self._toggled)
        self.check.toggled.connect(lambda _: self.changed.emit())
        self.edit.dateChanged.connect(lambda _: self.changed.emit())
        self.setFocusProxy(self.edit)
        if required:
            self.check.setChecked(True)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on and self.edit.date() == EMPTY_DATE:
            self.edit.setDate(today_qdate())
        elif not on:
            self.edit.setDate(EMPTY_DATE)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, d: date | None) -> None:
        if d is None and self.required:
            d = business_date()  # a required date: today until the user picks the real one
        self.check.setChecked(d is not None)
        self.edit.setDate(to_qdate(d) if d is not None else EMPTY_DATE)


class ContactDialog(QDialog):
    """The contact's form. `contact_id=None` creates one; `saved_id` holds the id after a save."""

    def __init__(
        self, db: Database, ui: Dialogs, contact_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.contact_id = contact_id
        self.version = 0
        self.saved_id: int | None = None
        self.warnings: list[str] = []
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.suggestions: list[str] = []
        self.ref = ""
        self.pristine: ContactInput | None = None  # what the form held when opened
        self.open_instead: int | None = None  # a new person found in the base: the record to open instead
        self.choices_box: QGroupBox | None = None  # a new person's choices on the paper form
        self.setMinimumSize(720, 480)
        self.resize(1040, 680)

        tabs = QTabWidget(self)
        tabs.addTab(self._form_page(), self.tr("Fiche"))
        self.history = QTreeWidget(self)
        # Read from the journal (docs/rules.md §10.2): when it was recorded, what, and by whom.
        self.history.setHeaderLabels([self.tr("Date"), self.tr("Événement"), self.tr("Saisi par")])
        self.history.setRootIsDecorated(False)
        self.history.setColumnWidth(0, 130)
        self.history.setColumnWidth(1, 470)
        tabs.addTab(self.history, self.tr("Historique"))
        self.tabs = tabs

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        if contact_id is not None:  # the person's choices on a collection form
            choices = buttons.addButton(
                self.tr("C&hoix et consentements…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            choices.clicked.connect(self.open_choices)
            dossier = buttons.addButton(
                self.tr("&Dossier de la personne…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            dossier.setToolTip(self.tr("Tout ce que la base détient sur la personne (RGPD art. 15 et 20)"))
            dossier.clicked.connect(self.write_dossier)
            may_call = buttons.addButton(
                self.tr("Peut-on l'a&ppeler ?"), QDialogButtonBox.ButtonRole.ActionRole
            )
            may_call.setToolTip(self.tr("La même décision que l'écran Appels, à cet instant"))
            may_call.clicked.connect(self.may_we_call)

        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)  # several marks never widen the record
        # « À vérifier » (services.contacts.to_check): the doubts an import left, until a person saves.
        self.to_check = QLabel(self)
        self.to_check.setTextFormat(Qt.TextFormat.RichText)
        self.to_check.setWordWrap(True)
        self.to_check.setStyleSheet("background:#fff4d6; border:1px solid #e0b000; padding:6px;")
        self.to_check.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.to_check)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

        if contact_id is None:
            self._start_new()
        else:
            self._load(contact_id)
        self._check_postcode()

    # --- building the form ----------------------------------------------------------------------
    def _line(self, key: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        self.inputs[key] = edit
        return edit

    def _combo(self, key: str, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        for value, label in labels.items():
            combo.addItem(label, value)
        self.inputs[key] = combo
        return combo

    def _date(self, key: str, required: bool = False) -> OptionalDate:
        widget = OptionalDate(self, required)
        self.inputs[key] = widget
        return widget

    def _row(self, form: QFormLayout, key: str, widget: QWidget, label: str | None = None) -> None:
        """A labelled field with its error message under it (hidden while there is none)."""
        box = QWidget(self)
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        error = QLabel(box)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        v.addWidget(error)
        self.errors[key] = error
        form.addRow(label if label is not None else FIELD_LABELS[key], box)

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return group, form

    def _form_page(self) -> QWidget:
        identity, f = self._group(self.tr("Identité"))
        self._row(f, "civility", self._combo("civility", {"": "", "M.": "M.", "Mme": "Mme"}))
        # The paper form's order (Nom, Prénom, then the address): the record opens on Nom, Tab goes to Prénom.
        self._row(f, "last_name", self._line("last_name"))
        self._row(f, "first_name", self._line("first_name"))
        self._row(f, "company", self._line("company"))
        self._row(f, "person_kind", self._combo("person_kind", PERSON_KIND_LABELS))

        address, f = self._group(self.tr("Adresse"))
        self._row(
            f, "address_complement", self._line("address_complement", self.tr("Appt 12, 3e étage, chez…"))
        )
        self._row(
            f, "address_building", self._line("address_building", self.tr("Résidence, bâtiment, entrée"))
        )
        self._row(f, "address_street", self._line("address_street", self.tr("12 rue de la République")))
        self._row(f, "address_extra", self._line("address_extra", self.tr("Lieu-dit, BP 123")))
        postcode = self._line("postcode")
        postcode.setMaxLength(10)
        postcode.setMaximumWidth(90)
        self._row(f, "postcode", postcode)
        self._row(f, "city", self._line("city"))
        self.postcode_warning = QLabel(self)
        self.postcode_warning.setWordWrap(True)
        self.postcode_warning.setStyleSheet(WARNING_STYLE)
        self.postcode_warning.setTextFormat(Qt.TextFormat.RichText)
        self.postcode_warning.linkActivated.connect(self.use_suggestion)
        self.postcode_warning.hide()
        f.addRow(self.postcode_warning)
        self._row(f, "cedex", self._line("cedex", self.tr("CEDEX 09 (entreprises)")))
        country = QComboBox(self)
        country.setEditable(True)
        country.addItems(sorted(COUNTRY_NAMES_FR.values(), key=lambda n: (n != "France", n)))
        country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.inputs["country"] = country
        self._row(f, "country", country)

        reach, f = self._group(self.tr("Coordonnées"))
        self._row(f, "phone", self._line("phone", "01 23 45 67 89"))
        self._row(f, "mobile", self._line("mobile", "06 12 34 56 78"))
        self._row(f, "email", self._line("email", "prenom.nom@exemple.fr"))

        relation, f = self._group(self.tr("Relation"))
        status = self._combo("status", STATUS_LABELS)
        self._row(f, "status", status)
        self._row(f, "customer_until", self._date("customer_until"))
        self._row(f, "last_contact_on", self._date("last_contact_on"))
        self._row(f, "tags", self._line("tags", self.tr("séparées par des virgules : fidèle, VIP")))
        notes = QPlainTextEdit(self)
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.inputs["notes"] = notes
        self._row(f, "notes", notes)
        status.currentIndexChanged.connect(self._status_changed)

        source, f = self._group(self.tr("Origine des données (obligatoire)"))
        kinds = {"": self.tr("— choisir —"), **SOURCE_KIND_LABELS}
        self._row(f, "source_kind", self._combo("source_kind", kinds), self.tr("Type de source"))
        self._row(
            f, "source_name", self._line("source_name", self.tr("Comptoir du magasin, nom du partenaire…"))
        )
        self._row(f, "source_date", self._date("source_date", required=True))

        for key in ("postcode", "city", "cedex"):
            self.line(key).textChanged.connect(self._check_postcode)
        self.line("postcode").editingFinished.connect(self._check_postcode)
        country.currentTextChanged.connect(self._check_postcode)

        page = QWidget(self)
        grid = QGridLayout(page)
        grid.addWidget(identity, 0, 0)
        grid.addWidget(address, 1, 0, 2, 1)
        grid.addWidget(source, 0, 1)
        grid.addWidget(reach, 1, 1)
        grid.addWidget(relation, 2, 1)
        grid.setRowStretch(4, 1)
        if self.contact_id is None:
            # Issue 15: the person's choices on the paper form, recorded with the person in one save.
            self.choices_box = QGroupBox(
                self.tr("Choix sur le bulletin (la personne a rempli un formulaire)"), page
            )
            self.choices_box.setCheckable(True)
            self.choices_box.setChecked(False)
            self.choices = ChoicesPanel(self.db, self.ui, self.choices_box)
            QVBoxLayout(self.choices_box).addWidget(self.choices)
            self.choices.setVisible(False)
            self.choices_box.toggled.connect(self.choices.setVisible)
            grid.addWidget(self.choices_box, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        self.scroll = scroll
        return scroll

    # --- values in and out -------------------------------------------------------------------------
    def line(self, key: str) -> QLineEdit:
        widget = self.inputs[key]
        assert isinstance(widget, QLineEdit)
        return widget

    def combo(self, key: str) -> QComboBox:
        widget = self.inputs[key]
        assert isinstance(widget, QComboBox)
        return widget

    def date_field(self, key: str) -> OptionalDate:
        widget = self.inputs[key]
        assert isinstance(widget, OptionalDate)
        return widget

    def _set_combo(self, key: str, value: str) -> None:
        combo = self.combo(key)
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _fill(self, data: ContactInput) -> None:
        for key in ("first_name", "last_name", "company", "address_complement", "address_building",
                    "address_street", "address_extra", "postcode", "city", "cedex", "email",
                    "source_name"):  # fmt: skip
            self.line(key).setText(getattr(data, key) or "")
        self.line("phone").setText(display_phone(data.phone))
        self.line("mobile").setText(display_phone(data.mobile))
        for key in ("civility", "person_kind", "status", "source_kind"):
            self._set_combo(key, getattr(data, key) or "")
        self.combo("country").setCurrentText(country_name(data.country or "FR"))
        self.line("tags").setText(", ".join(data.tags))
        notes = self.inputs["notes"]
        assert isinstance(notes, QPlainTextEdit)
        notes.setPlainText(data.notes or "")
        for key in ("customer_until", "last_contact_on", "source_date"):
            self.date_field(key).set_value(getattr(data, key))
        self._status_changed()

    def contact_input(self) -> ContactInput:
        """What the form holds, as the service's input."""
        notes = self.inputs["notes"]
        assert isinstance(notes, QPlainTextEdit)
        country = self.combo("country").currentText().strip()
        return ContactInput(
            civility=self.combo("civility").currentData() or "",
            first_name=self.line("first_name").text(),
            last_name=self.line("last_name").text(),
            company=self.line("company").text(),
            address_complement=self.line("address_complement").text(),
            address_building=self.line("address_building").text(),
            address_street=self.line("address_street").text(),
            address_extra=self.line("address_extra").text(),
            postcode=self.line("postcode").text(),
            city=self.line("city").text(),
            cedex=self.line("cedex").text(),
            country=country_code(country) or country,
            phone=self.line("phone").text(),
            mobile=self.line("mobile").text(),
            email=self.line("email").text(),
            status=self.combo("status").currentData() or "prospect",
            person_kind=self.combo("person_kind").currentData() or "consumer",
            customer_until=self.date_field("customer_until").value(),
            last_contact_on=self.date_field("last_contact_on").value(),
            notes=notes.toPlainText(),
            tags=[t.strip() for t in self.line("tags").text().split(",") if t.strip()],
            source_kind=self.combo("source_kind").currentData() or "",
            source_name=self.line("source_name").text(),
            source_date=self.date_field("source_date").value(),
        )

    def _start_new(self) -> None:
        self.setWindowTitle(self.tr("Nouveau contact"))
        self.header.setText(
            self.tr("<b>Nouveau contact</b> — la référence est attribuée à l'enregistrement.")
        )
        data = ContactInput(source_date=business_date())
        self._fill(data)
        self.tabs.setTabEnabled(1, False)
        self.line("last_name").setFocus()
        self.pristine = self.contact_input()

    def _load(self, contact_id: int) -> None:
        with self.db.session() as session:
            contact = get_contact(session, contact_id)
            data = ContactInput.from_contact(contact)
            self.version = contact.version
            self.ref = contact.ref
            name = display_name(contact)
            events = contact_history(session, contact)
            doubts = contact_reasons(contact)
            marks = status_marks(session, contact)
        self.setWindowTitle(self.tr("Contact {ref} — {name}").format(ref=self.ref, name=name))
        # Issue 15: objected, refused, a phone consent until when, a letter returned — seen at once.
        badges = "".join(
            f" &nbsp;<span style='background:{MARK_COLOURS[m.kind]}; color:white; padding:2px 6px;'>"
            f"{html.escape(m.text)}</span>"
            for m in marks
        )
        self.header.setText(
            self.tr("<b>{ref}</b> — {name}").format(ref=self.ref, name=html.escape(name)) + badges
        )
        self._fill(data)
        self._show_history(events)
        self._show_to_check(doubts)
        self.pristine = self.contact_input()

    def _show_to_check(self, doubts: list[str]) -> None:
        self.to_check.setVisible(bool(doubts))
        if doubts:
            items = "".join(f"<li>{html.escape(d)}</li>" for d in doubts)
            self.to_check.setText(
                self.tr(
                    "<b>⚠ À vérifier</b> — l'import a laissé un doute :<ul style='margin:2px'>{items}</ul>"
                    "Corrigez si besoin puis enregistrez : la fiche ne sera plus signalée."
                ).format(items=items)
            )

    def open_choices(self) -> None:
        """Record a filled-in form for this contact (gui.consent_dialog), then show the new history."""
        from gui.consent_dialog import open_consent_dialog

        if self.contact_id is not None and open_consent_dialog(self.db, self.ui, self.contact_id, self):
            with self.db.session() as session:
                self._show_history(contact_history(session, get_contact(session, self.contact_id)))

    def may_we_call(self) -> None:
        """Issue 15: the call decision for this person at this moment (the same as `call check`)."""
        assert self.contact_id is not None  # the button is on a saved contact's record only
        now = datetime.now(UTC)
        with self.db.session() as session:
            message = decide_one(session, self.contact_id, "", now).message(now)
        self.ui.show_info(message, self.tr("Peut-on l'appeler ?"))

    def write_dossier(self) -> None:
        """docs/rules.md §5.7: the person's dossier, PDF to hand over or JSON for portability."""
        from services.compliance.dossier import build_dossier, write_dossier  # on first use

        if self.contact_id is None:
            return
        contact_id = self.contact_id
        path = self.ui.ask_save_path(
            self.tr("Dossier de la personne"),
            self.tr("PDF (*.pdf);;JSON — portabilité (*.json);;Classeur (*.xlsx)"),
            f"dossier-{self.ref or contact_id}.pdf",
            purpose="dossiers",
        )
        if path is None:
            return
        if path.suffix.lower() not in (".pdf", ".json", ".xlsx"):
            path = path.with_suffix(".pdf")
        if attempt(self.ui, self.db, lambda s: write_dossier(path, build_dossier(s, contact_id))):
            self.ui.show_info(self.tr("Dossier écrit : {0}").format(path))

    def _show_history(self, events: list[HistoryEvent]) -> None:
        locale = QLocale()
        self.history.clear()
        for e in events:
            moment = wall_time(e.when)
            when = locale.toString(to_qdate(moment.date()), QLocale.FormatType.ShortFormat) + moment.strftime(
                " %H:%M"
            )
            author = self.tr("(repris de l'historique)") if e.seeded else e.author
            item = QTreeWidgetItem([when, e.text, author])
            item.setToolTip(1, e.text)
            self.history.addTopLevelItem(item)

    def _status_changed(self) -> None:
        self.date_field("customer_until").setEnabled(self.combo("status").currentData() == "customer")

    # --- the live postcode check -----------------------------------------------------------------------
    def _check_postcode(self) -> None:
        """Warn when the postcode is unknown or the city does not match, with the communes to pick."""
        country = self.combo("country").currentText().strip()
        raw = self.line("postcode").text()
        city = self.line("city").text()
        code = normalise_postcode(raw)
        if not is_french(country_code(country) or country) or self.line("cedex").text().strip():
            self._postcode_message("", [])
            return
        if not code and not city.strip():
            self._postcode_message("", [])
            return
        if len(code) < 5 and self.line("postcode").hasFocus():
            self._postcode_message("", [])  # still typing
            return
        check = check_postcode(code, city)
        if check.ok:
            self._postcode_message("", [])
        elif not city.strip() and check.suggestions:
            self._postcode_message(self.tr("Communes de ce code postal :"), check.suggestions)
        else:
            self._postcode_message(check.message, check.suggestions)

    def _postcode_message(self, message: str, suggestions: list[str]) -> None:
        self.suggestions = suggestions
        if not message:
            self.postcode_warning.hide()
            self.postcode_warning.clear()
            return
        text = "⚠ " + html.escape(message)
        if suggestions:
            links = ", ".join(f'<a href="{html.escape(s)}">{html.escape(s)}</a>' for s in suggestions[:15])
            more = "…" if len(suggestions) > 15 else ""
            text += "<br>" + self.tr("Cliquez sur la commune voulue : ") + links + more
        self.postcode_warning.setText(text)
        self.postcode_warning.show()

    def use_suggestion(self, city: str) -> None:
        """A suggested commune was clicked: it becomes the city (the user chose it)."""
        self.line("city").setText(city)
        self.line("city").setFocus()

    # --- saving ------------------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        first: QWidget | None = None
        for key, label in self.errors.items():
            message = errors.get(key, "")
            label.setText(message)
            label.setVisible(bool(message))
            if message and first is None:
                first = self.inputs.get(key)
        unknown = [f"{FIELD_LABELS.get(k, k)} : {v}" for k, v in errors.items() if k not in self.errors]
        if unknown:
            self.ui.show_error("\n".join(unknown))
        if first is not None:
            self.tabs.setCurrentIndex(0)
            self.scroll.ensureWidgetVisible(first)
            first.setFocus()

    def reject(self) -> None:
        """Échap, Annuler or the window's close: a record with unsaved changes asks before they are lost."""
        typed = self.contact_input() != self.pristine or (
            self.choices_box is not None and self.choices_box.isChecked()
        )
        if typed and not self.ui.confirm(
            self.tr("Fermer sans enregistrer ? Ce qui a été saisi sur cette fiche sera perdu."),
            self.tr("Modifications non enregistrées"), self.tr("Fermer sans enregistrer"),
        ):  # fmt: skip
            return
        super().reject()

    def _existing_instead(self, data: ContactInput) -> bool:
        """A new person the base seems to hold already (the import's duplicate rules): offer to open that
        record instead (issue 15). True when the user chose to open it or to go back to the form."""
        try:
            values = check_contact(data).values
        except ContactError:
            return False  # the save below shows what is wrong, beside each field
        with self.db.session() as session:
            match = find_existing(session, values)
            if match is None:
                return False
            known = get_contact(session, match.key)
            who = f"{known.ref} — {display_name(known)}, {known.postcode} {known.city}".strip(", ")
        if self.ui.confirm(
            self.tr("Cette personne semble déjà enregistrée ({0}) :\n{1}\n\nOuvrir sa fiche au lieu d'en créer "
                    "une nouvelle ?").format(match.reason, who),
            self.tr("Déjà enregistrée ?"), self.tr("Ouvrir la fiche existante"),
        ):  # fmt: skip
            self.open_instead = match.key
            super().reject()
            return True
        return not self.ui.confirm(
            self.tr("Créer quand même une nouvelle fiche pour cette personne ?"),
            self.tr("Déjà enregistrée ?"), self.tr("Créer une nouvelle fiche"),
        )  # fmt: skip

    def accept(self) -> None:
        data = self.contact_input()
        if self.contact_id is None and self._existing_instead(data):
            return
        try:
            with self.db.session() as session:
                if self.contact_id is None:
                    contact, warnings = create_contact(session, data)
                    if self.choices_box is not None and self.choices_box.isChecked():
                        record_consent(
                            session, contact.id, **self.choices.record_arguments()
                        )  # same transaction
                else:
                    contact, warnings = update_contact(session, self.contact_id, self.version, data)
                self.saved_id = contact.id
                self.ref = contact.ref
        except ContactError as exc:  # shown beside each field, not in a box
            self.show_errors(exc.errors)
            return
        except UserError as exc:
            # Nothing was written; the form keeps the user's text (after a concurrent edit, to copy it).
            concurrent = isinstance(exc, ConcurrentEditError)
            self.ui.show_error(str(exc), self.tr("Modification concurrente") if concurrent else "")
            return
        self.warnings = warnings
        self.show_errors({})
        super().accept()
