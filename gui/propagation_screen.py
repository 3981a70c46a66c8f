"""The Propagation screen: notices owed to partners (docs/rules.md §5.3), overdue ones highlighted first."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from gui.dates import TodayDateEdit
from gui.dialogs import Dialogs
from gui.labels import tr_label
from gui.simple_table import SimpleTable
from gui.use_case import attempt
from models.database import Database
from models.partners import Partner, PropagationNotice
from services.compliance.registers import export_register
from services.contacts.history import SCOPE_LABELS
from services.core.moments import business_date, now
from services.partners.directory import get_partner, list_partners
from services.partners.notices import EVENT_LABELS, STATUS_LABELS, acknowledge, list_notices
from services.partners.phone_consents import notices_for_ended_phone_consents
from services.partners.receiving import InboundResult, read_identifier_file, record_partner_objections
from services.partners.sending import METHODS, send_to_partner


class PartnerNoticeDialog(QDialog):
    """Which partner told us, about which scope, received when."""

    def __init__(self, partners: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Notification d'opposition reçue d'un partenaire"))
        self.partner = QComboBox()
        for pid, name in partners:
            self.partner.addItem(name, pid)
        self.scope = QComboBox()
        for key, label in SCOPE_LABELS.items():
            self.scope.addItem(label, key)
        self.received = TodayDateEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Partenaire :"), self.partner)
        form.addRow(self.tr("Portée :"), self.scope)
        form.addRow(self.tr("Reçue le :"), self.received)
        form.addRow(QLabel(self.tr("Vous choisirez ensuite la liste du partenaire (.xlsx, .ods ou .csv).")))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choisir la &liste…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PropagationScreen(QWidget):
    FILTERS = (("to_send", "À envoyer"), ("overdue", "En retard"), ("sent", "Envoyées, sans accusé"),
               ("acknowledged", "Accusé de réception reçu"), ("withdrawn", "Retirées (erreur de saisie)"),
               ("", "Toutes"))  # fmt: skip

    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.banner = QLabel("")
        self.banner.setWordWrap(True)
        self.filter = QComboBox()
        for key, label in self.FILTERS:
            self.filter.addItem(tr_label(label), key)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.table = SimpleTable([self.tr("N°"), self.tr("Contact"), self.tr("Personne"), self.tr("Partenaire"),
                                  self.tr("Événement"),
                                  self.tr("Portée"), self.tr("Due le"), self.tr("En retard après le"),
                                  self.tr("Envoyée le"), self.tr("Méthode"), self.tr("Accusé le"),
                                  self.tr("Statut")])  # fmt: skip
        self.method = QComboBox()
        for m in METHODS:
            self.method.addItem(m)
        self.send_button = QPushButton(self.tr("&Générer la notification du partenaire…"))
        self.send_button.clicked.connect(self.send_selected_partner)
        self.ack_date = TodayDateEdit()
        self.ack_button = QPushButton(self.tr("&Accusé de réception reçu"))
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.receive_button = QPushButton(self.tr("Notification &reçue d'un partenaire…"))
        self.receive_button.clicked.connect(self.receive_from_partner)
        self.register_button = QPushButton(self.tr("Exporter le &registre…"))
        self.register_button.clicked.connect(self.export_register)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Notifications aux partenaires</b>")))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Afficher :")))
        top.addWidget(self.filter)
        # Two rows, so that the screen fits a 1280-pixel-wide window (issue 15): the selected notice's
        # actions, then those of the screen.
        selected = QHBoxLayout()
        selected.addWidget(QLabel(self.tr("Moyen d'envoi :")))
        selected.addWidget(self.method)
        selected.addWidget(self.send_button)
        selected.addSpacing(20)
        ack_label = QLabel(self.tr("Accusé de réception &le :"))
        ack_label.setBuddy(self.ack_date)
        selected.addWidget(ack_label)
        selected.addWidget(self.ack_date)
        selected.addWidget(self.ack_button)
        selected.addStretch(1)
        general = QHBoxLayout()
        general.addStretch(1)
        general.addWidget(self.receive_button)
        general.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(selected)
        layout.addLayout(general)
        self.refresh()

    def refresh(self) -> None:
        today = business_date()
        with self.db.session() as s:
            notices_for_ended_phone_consents(s, now())  # docs/rules.md §1.6: owed since they ended
            views = list_notices(s, self.filter.currentData() or "", today)
            overdue = len(list_notices(s, "overdue", today))
        self.table.set_rows(
            [(v.id, [v.id, v.contact_ref, v.contact_name, v.partner, EVENT_LABELS[v.event], SCOPE_LABELS.get(v.scope, v.scope),
                     v.due_on, v.overdue_on, v.sent_on, v.method, v.acknowledged_on, STATUS_LABELS[v.status]])
             for v in views],
            highlighted={v.id for v in views if v.status == "overdue"},
        )  # fmt: skip
        if overdue:
            self.banner.setText(
                self.tr("<span style='color:#B00020'><b>%n notification(s) en retard</b> : la loi demande "
                        "d'informer les partenaires sans délai (RGPD art. 19).</span>", "", overdue)
            )  # fmt: skip
        else:
            self.banner.setText(self.tr("Aucune notification en retard."))

    def show_view(self, view: str) -> None:
        """The home page's line: the notices late (« overdue ») or still to send (« to_send »)."""
        index = self.filter.findData(view)
        if index >= 0:
            self.filter.setCurrentIndex(index)  # -> refresh

    def _selected(self) -> PropagationNotice | None:
        notice_id = self.table.selected_id()
        if notice_id is None:
            self.ui.show_error(self.tr("Choisissez d'abord une notification dans la liste."))
            return None
        with self.db.session() as s:
            return s.get(PropagationNotice, notice_id)

    def send_selected_partner(self) -> None:
        """Everything still to send to the selected notice's partner: one letter, one list."""
        notice = self._selected()
        if notice is None:
            return
        folder = self.ui.ask_directory(self.tr("Dossier où écrire la lettre et la liste"), purpose="notices")
        if folder is None:
            return
        done = attempt(
            self.ui,
            self.db,
            lambda s: send_to_partner(
                s, get_partner(s, notice.partner_id), folder, method=self.method.currentText()
            ),
        )
        if not done:
            return
        result = done.value
        self.ui.show_info(
            self.tr(
                "%n notification(s) pour {0} marquée(s) envoyée(s).\nLettre : {1}\nListe : {2}",
                "",
                len(result.notices),
            ).format(result.partner, result.letter, result.listing)
        )
        self.refresh()

    def acknowledge_selected(self) -> None:
        notice = self._selected()
        if notice is None:
            return
        if attempt(self.ui, self.db, lambda s: acknowledge(s, notice.id, self.ack_date.date().toPython())):
            self.refresh()

    def receive_from_partner(self) -> None:
        """docs/rules.md §5.8: a partner's notice becomes our objection and goes onward to the other partners."""
        with self.db.session() as s:
            partners = [(p.id, p.name) for p in list_partners(s)]
        if not partners:
            self.ui.show_error(self.tr("Aucun partenaire enregistré."))
            return
        dialog = PartnerNoticeDialog(partners, self)
        self.partner_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path = self.ui.ask_open_path(
            self.tr("Liste du partenaire"), self.tr("Classeurs (*.xlsx *.ods *.csv)")
        )
        if path is None:
            return
        self.record_partner_file(dialog.partner.currentData(), path, dialog.scope.currentData(),
                                 dialog.received.date().toPython())  # fmt: skip

    def record_partner_file(self, partner_id: int, path, scope: str, received: date) -> None:
        def record(s: Session) -> tuple[InboundResult, int]:
            partner = s.get(Partner, partner_id)
            assert partner is not None
            result = record_partner_objections(s, partner, read_identifier_file(path), received, scope=scope)
            return result, sum(len(o.notices) for o in result.outcomes)

        done = attempt(self.ui, self.db, record)
        if not done:
            return
        result, onward = done.value
        self.ui.show_info(
            self.tr("%n opposition(s) enregistrée(s)", "", len(result.outcomes))
            + ", "
            + self.tr("%n personne(s) inconnue(s) ajoutée(s) à la liste d'opposition", "", result.unmatched)
            + ", "
            + self.tr("%n notification(s) à envoyer aux autres partenaires.", "", onward)
        )
        self.refresh()

    def export_register(self) -> None:
        path = self.ui.ask_save_path(self.tr("Registre des notifications"), self.tr("Classeur (*.xlsx)"),
                                     "registre-notifications.xlsx", purpose="registers")  # fmt: skip
        if path is None:
            return
        done = attempt(self.ui, self.db, lambda s: export_register(s, "propagation", path))
        if done:
            self.ui.show_info(self.tr("%n ligne(s) exportée(s) dans {0}.", "", done.value).format(path))


def overdue_count(db: Database) -> int:
    """For the main window's sidebar badge: notices overdue today."""
    with db.session() as s:
        return len(list_notices(s, "overdue"))
