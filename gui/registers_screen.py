"""The Registers section: every register the app keeps, exported in one click for the CNIL or an accountant."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.simple_table import SimpleTable
from gui.tasks import Task, run_task
from gui.use_case import failure_text
from models.database import Database
from models.journal import anchor_text
from services.compliance.audit import verify
from services.compliance.registers import PDF_REGISTERS, REGISTER_LABELS, REGISTERS, export_register
from services.compliance.retention import apply_retention, past_term
from services.core.backups import create_backup

DESCRIPTIONS = {
    "processing": "Le registre de l'article 30 du RGPD, prérempli à partir des Réglages.",
    "consents": "Chaque réponse à un formulaire de collecte, avec sa version et sa preuve.",
    "oppositions": "Chaque opposition reçue : portée, date, canal, qui l'a enregistrée.",
    "transmissions": "Chaque fichier transmis à un partenaire : date, contacts, empreinte du fichier.",
    "propagation": "Les notifications d'opposition ou d'effacement dues aux partenaires, et leur suivi.",
    "calls": "Chaque appel ou tentative : personne, heure, appelant, campagne, résultat, base légale.",
    "requests": "Les demandes des personnes (accès, effacement…) et leurs délais de réponse.",
    "audit": "Chaque modification enregistrée : quand, par qui, quoi, avant et après (le journal chaîné).",
}


class RegistersScreen(QWidget):
    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.task: Task | None = None
        intro = QLabel(
            self.tr(
                "Les registres prouvent, personne par personne, ce qui a été fait : ils s'exportent en "
                "classeur Excel (en-têtes en français, dates réelles, aucune formule)."
            ),
            self,
        )
        intro.setWordWrap(True)
        box = QGroupBox(self.tr("Registres"), self)
        grid = QGridLayout(box)
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        order = ["processing", *[n for n in REGISTERS if n != "processing"]]
        for row, name in enumerate(order):
            title = QLabel(f"<b>{REGISTER_LABELS.get(name, name)}</b><br>{DESCRIPTIONS.get(name, '')}", box)
            title.setWordWrap(True)
            grid.addWidget(title, row, 0)
            for col, suffix in enumerate((".xlsx", ".pdf"), start=1):
                if suffix == ".pdf" and name not in PDF_REGISTERS:
                    continue
                button = QPushButton(self.tr("Exporter en {0}…").format(suffix.upper().lstrip(".")), box)
                button.clicked.connect(lambda _=False, n=name, s=suffix: self.export(n, s))
                grid.addWidget(button, row, col)
                self.buttons[(name, suffix)] = button
        grid.setColumnStretch(0, 1)

        # docs/rules.md §10.2: the journal's head, and its verification.
        journal = QGroupBox(self.tr("Journal des opérations"), self)
        jl = QHBoxLayout(journal)
        self.head_label = QLabel(journal)
        self.head_label.setWordWrap(True)
        self.head_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        jl.addWidget(self.head_label, 1)
        self.verify_button = QPushButton(self.tr("&Vérifier le journal"), journal)
        self.verify_button.clicked.connect(self.verify_journal)
        jl.addWidget(self.verify_button)

        # docs/rules.md §6.4: the end of the retention term.
        retention = QGroupBox(self.tr("Fin de conservation"), self)
        rl = QHBoxLayout(retention)
        self.retention_label = QLabel(retention)
        self.retention_label.setWordWrap(True)
        rl.addWidget(self.retention_label, 1)
        self.retention_list_button = QPushButton(self.tr("Voir la &liste…"), retention)
        self.retention_list_button.clicked.connect(self.show_past_term)
        self.apply_button = QPushButton(self.tr("&Anonymiser les personnes échues…"), retention)
        self.apply_button.clicked.connect(self.apply_retention)
        rl.addWidget(self.retention_list_button)
        rl.addWidget(self.apply_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addWidget(journal)
        layout.addWidget(retention)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """The journal's head and the retention summary, as the base is now (exports read it on use)."""
        with self.db.session() as session:
            anchor = anchor_text(session)
            self.past = past_term(session)
        self.head_label.setText(anchor.replace(" ; ", "<br>"))
        due = sum(p.due for p in self.past)
        waiting = len(self.past) - due
        self.retention_label.setText(
            self.tr("%n personne(s) au-delà de la durée de conservation", "", len(self.past)) + " : "
            + self.tr("%n à anonymiser maintenant", "", due) + ", "
            + self.tr("%n en attente (lettre de renouvellement à envoyer — Campagnes, « Lettre de renouvellement » — "
                      "ou réponse attendue).", "", waiting)
            if self.past else self.tr("Personne n'a dépassé la durée de conservation.")
        )  # fmt: skip
        self.apply_button.setEnabled(due > 0)
        self.retention_list_button.setEnabled(bool(self.past))

    def verify_journal(self) -> None:
        def work(progress):
            with self.db.session() as session:
                return verify(
                    session, lambda n: progress(n, 0, self.tr("%n événement(s) vérifié(s)…", "", n))
                )

        def done(report) -> None:
            if report.ok:
                self.ui.show_info(report.text(), self.tr("Journal des opérations"))
            else:
                self.ui.show_error(report.text(), self.tr("Journal des opérations"))

        self.task = run_task(self, self.tr("Vérification du journal…"), work, done, self._failed)

    def show_past_term(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Personnes au-delà de la durée de conservation"))
        dialog.resize(1000, 480)
        table = SimpleTable([self.tr("Référence"), self.tr("Nom"), self.tr("Échue le"), self.tr("Pourquoi"),
                             self.tr("Lettre envoyée le"), self.tr("Suite")], dialog)  # fmt: skip
        table.set_rows(
            [(p.contact_id, [p.ref, p.name, p.term_ended_on, p.why, p.letter_sent_on or "",
                             (self.tr("À anonymiser : ") if p.due else "") + p.due_reason]) for p in self.past],
            highlighted={p.contact_id for p in self.past if p.due},
        )  # fmt: skip
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        close.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(close)
        dialog.open()
        self.past_dialog = dialog

    def apply_retention(self) -> None:
        due = [p for p in self.past if p.due]
        if not self.ui.confirm(
            self.tr("Anonymiser %n personne(s) (leur nom, leurs coordonnées et leurs notes sont effacés ; les "
                    "oppositions restent sur la liste d'opposition) ?\n\nUne sauvegarde de la base est faite "
                    "d'abord.", "", len(due)),
            self.tr("Fin de conservation"), self.tr("Anonymiser"),
        ):  # fmt: skip
            return

        def work(_progress):
            if self.db.sqlite_path is not None:
                create_backup(self.db, "avant-conservation")  # docs/rules.md §10.3
            with self.db.session() as session:
                return apply_retention(session)

        def done(outcome) -> None:
            self.refresh()
            self.ui.show_info(self.tr("%n personne(s) anonymisée(s).", "", len(outcome.anonymised)))

        self.task = run_task(self, self.tr("Fin de conservation…"), work, done, self._failed)

    def export(self, name: str, suffix: str) -> None:
        label = REGISTER_LABELS.get(name, name)
        filters = self.tr("Classeur Excel (*.xlsx)") if suffix == ".xlsx" else self.tr("Document PDF (*.pdf)")
        path = self.ui.ask_save_path(
            self.tr("Exporter : {0}").format(label), filters, f"{label}{suffix}", "registers"
        )
        if path is None:
            return
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)

        def work(progress):
            with self.db.session() as session:
                return export_register(session, name, path, lambda n: progress(n, 0, ""))

        def done(rows: int) -> None:
            self.ui.show_info(
                self.tr("{0} : %n ligne(s) écrite(s) dans\n{1}", "", rows).format(label, str(path))
            )

        self.task = run_task(self, self.tr("Export : {0}").format(label), work, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.ui.show_error(failure_text(exc))
