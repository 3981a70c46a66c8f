"""The Partners screen: partners, what may be sent to each (docs/rules.md §1.5), and the transmissions made."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.simple_table import SimpleTable
from gui.tasks import run_task
from gui.use_case import attempt
from models.database import Database
from services.compliance.forms import list_versions
from services.contacts.selection import Selection
from services.partners.directory import (
    DEFAULT_FIELDS,
    SHAREABLE_FIELDS,
    PartnerInput,
    add_partner,
    get_partner,
    list_partners,
    partner_fields,
    update_partner,
)
from services.partners.transmissions import (
    excluded_list,
    list_transmissions,
    plan_transmission,
    reason_label,
    share,
)


class PartnerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, categories: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Partenaire"))
        self.resize(600, 520)
        self.name = QLineEdit()
        self.category = QLineEdit()
        # docs/rules.md §1.5: the category must be one a form named, or nobody can be sent to the partner.
        completer = QCompleter(categories or [], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.category.setCompleter(completer)
        self.category.setPlaceholderText(self.tr("Une des catégories nommées par vos formulaires"))
        self.purpose = QLineEdit()
        self.email = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(70)
        self.agreement = QLineEdit()
        self.fields = QListWidget()
        for key, label in SHAREABLE_FIELDS.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setCheckState(Qt.CheckState.Checked if key in DEFAULT_FIELDS else Qt.CheckState.Unchecked)
            self.fields.addItem(item)
        form = QFormLayout(self)
        form.addRow(self.tr("Organisation :"), self.name)
        form.addRow(self.tr("Catégorie :"), self.category)
        form.addRow(self.tr("Finalité de la transmission :"), self.purpose)
        form.addRow(self.tr("E-mail pour les notifications :"), self.email)
        form.addRow(self.tr("Adresse pour les notifications :"), self.address)
        form.addRow(self.tr("Référence de la convention :"), self.agreement)
        form.addRow(self.tr("Champs transmis :"), self.fields)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def set_fields(self, keys: list[str]) -> None:
        for i in range(self.fields.count()):
            item = self.fields.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in keys
                else Qt.CheckState.Unchecked
            )

    def value(self) -> PartnerInput:
        keys = [
            self.fields.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.fields.count())
            if self.fields.item(i).checkState() == Qt.CheckState.Checked
        ]
        return PartnerInput(
            self.name.text(),
            self.category.text(),
            self.purpose.text(),
            self.email.text(),
            self.address.toPlainText(),
            self.agreement.text(),
            keys,
        )


class PartnersScreen(QWidget):
    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.dialog: PartnerDialog | None = None
        self.table = SimpleTable(
            [
                self.tr("Organisation"),
                self.tr("Catégorie"),
                self.tr("Finalité"),
                self.tr("Notifications à"),
                self.tr("Convention"),
            ]
        )
        self.table.selectionModel().selectionChanged.connect(self.update_plan)
        add = QPushButton(self.tr("&Ajouter…"))
        add.clicked.connect(self.add)
        edit = QPushButton(self.tr("&Modifier…"))
        edit.clicked.connect(self.edit_selected)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(edit)
        row.addStretch(1)

        share_box = QGroupBox(self.tr("Transmettre des contacts au partenaire choisi"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Recherche (vide : tous les contacts)"))
        self.search.returnPressed.connect(self.update_plan)
        self.status = QComboBox()
        for key, label in (("", "Prospects et clients"), ("prospect", "Prospects"), ("customer", "Clients")):
            self.status.addItem(tr_label(label), key)
        self.status.currentIndexChanged.connect(self.update_plan)
        self.plan_label = QLabel("")
        self.plan_label.setWordWrap(True)
        self.excluded = SimpleTable(
            [
                self.tr("Référence"),
                self.tr("Nom"),
                self.tr("Code postal"),
                self.tr("Ville"),
                self.tr("Motif d'exclusion"),
            ]
        )
        self.share_button = QPushButton(self.tr("&Écrire le fichier pour le partenaire…"))
        self.share_button.clicked.connect(self.share_selected)
        share_layout = QVBoxLayout(share_box)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status)
        share_layout.addLayout(filters)
        share_layout.addWidget(self.plan_label)
        share_layout.addWidget(self.excluded, 1)
        share_layout.addWidget(self.share_button)

        self.transmissions = SimpleTable(
            [
                self.tr("N°"),
                self.tr("Partenaire"),
                self.tr("Date"),
                self.tr("Contacts"),
                self.tr("Fichier"),
                self.tr("Empreinte SHA-256"),
            ]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("<b>Partenaires</b> — à qui vous transmettez des contacts, et ce qui a été transmis.")
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(share_box, 2)
        layout.addWidget(QLabel(self.tr("Transmissions effectuées")))
        layout.addWidget(self.transmissions, 1)
        self.refresh()

    def refresh(self) -> None:
        with self.db.session() as s:
            partners = [
                (
                    p.id,
                    [
                        p.name,
                        p.category,
                        p.purpose,
                        p.notice_email or p.notice_address.replace("\n", ", "),
                        p.agreement_ref,
                    ],
                )
                for p in list_partners(s)
            ]
            sent = [
                (t.id, [t.id, t.partner, t.sent_on, t.contacts, t.file_name, t.checksum[:16] + "…"])
                for t in list_transmissions(s)
            ]
        self.table.set_rows(partners)
        self.transmissions.set_rows(sent)
        if partners and self.table.selected_id() is None:
            self.table.selectRow(0)
        self.update_plan()

    def selection(self) -> Selection:
        return Selection(search=self.search.text(), status=self.status.currentData() or "")

    def update_plan(self) -> None:
        """Who may be sent to the selected partner, and who is left out and why."""
        partner_id = self.table.selected_id()
        if partner_id is None:
            self.plan_label.setText(
                self.tr("Ajoutez un partenaire pour pouvoir lui transmettre des contacts.")
            )
            self.share_button.setEnabled(False)
            self.excluded.set_rows([])
            return
        with self.db.session() as s:
            partner = get_partner(s, partner_id)
            plan = plan_transmission(s, partner, self.selection())
            rows = excluded_list(s, partner, self.selection(), limit=1000)
            name = partner.name
        reasons = "".join(f"<br>— {reason_label(r)} : {n}" for r, n in plan.excluded.items())
        if plan.without_phone:  # docs/rules.md §1.6: a partner who calls gets a number only with consent
            reasons += "<br>" + self.tr("Transmis sans leur numéro de téléphone :")
            reasons += "".join(f"<br>— {reason_label(r)} : {n}" for r, n in plan.without_phone.items())
        self.plan_label.setText(
            self.tr("<b>%n</b> contact(s) transmissible(s) à {0}", "", plan.eligible).format(name)
            + " ; "
            + self.tr("<b>%n</b> exclu(s)", "", plan.excluded_total)
            + reasons
        )
        self.excluded.set_rows([(r.id, [r.ref, r.name, r.postcode, r.city, r.reason_label]) for r in rows])
        self.share_button.setEnabled(plan.eligible > 0)

    def known_categories(self) -> list[str]:
        with self.db.session() as s:
            return sorted({c for v in list_versions(s) for c in v.categories})

    def add(self) -> None:
        self.dialog = PartnerDialog(self, self.known_categories())
        self.dialog.accepted.connect(lambda: self._save(None))
        self.dialog.open()

    def edit_selected(self) -> None:
        partner_id = self.table.selected_id()
        if partner_id is None:
            self.ui.show_error(self.tr("Choisissez d'abord un partenaire."))
            return
        self.dialog = PartnerDialog(self, self.known_categories())
        with self.db.session() as s:
            p = get_partner(s, partner_id)
            d = self.dialog
            d.name.setText(p.name)
            d.category.setText(p.category)
            d.purpose.setText(p.purpose)
            d.email.setText(p.notice_email)
            d.address.setPlainText(p.notice_address)
            d.agreement.setText(p.agreement_ref)
            d.set_fields(partner_fields(p))
        self.dialog.accepted.connect(lambda: self._save(partner_id))
        self.dialog.open()

    def _save(self, partner_id: int | None) -> None:
        assert self.dialog is not None
        value = self.dialog.value()
        done = attempt(
            self.ui,
            self.db,
            lambda s: add_partner(s, value) if partner_id is None else update_partner(s, partner_id, value),
        )
        if not done:
            return
        for w in done.value[1]:
            self.ui.show_info(w)
        self.refresh()

    def share_selected(self) -> None:
        partner_id = self.table.selected_id()
        if partner_id is None:
            return
        with self.db.session() as s:
            name = get_partner(s, partner_id).name
        path = self.ui.ask_save_path(
            self.tr("Fichier pour {0}").format(name),
            self.tr("Classeur (*.xlsx)"),
            f"transmission-{name}.xlsx",
            purpose="transmissions",
        )
        if path is None:
            return
        sel = self.selection()

        def work(progress):
            with self.db.session() as s:
                result = share(
                    s,
                    get_partner(s, partner_id),
                    sel,
                    path,
                    progress=lambda done, total: progress(done, total, self.tr("Écriture du fichier…")),
                )
                return result.shared, result.checksum, sum(result.without_phone.values())

        def done(result) -> None:
            shared, checksum, without = result
            if not shared:
                self.ui.show_info(
                    self.tr("Aucun contact ne peut être transmis à {0} : aucun fichier écrit.").format(name)
                )
                return
            text = self.tr(
                "%n contact(s) transmis à {0}.\nFichier : {1}\nEmpreinte SHA-256 : {2}", "", shared
            ).format(name, path, checksum)
            if without:
                text += "\n" + self.tr(
                    "{0} sans leur numéro (pas d'accord pour être appelés par ce partenaire)."
                ).format(without)
            self.ui.show_info(text)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.ui.show_error(str(exc))

        self.task = run_task(self, self.tr("Transmission à {0}").format(name), work, done, failed)
