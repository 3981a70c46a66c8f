"""The Registers section: every register the app keeps, exported in one click for the CNIL or an accountant."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.dialogs import Dialogs
from gui.tasks import run_task
from gui.use_case import failure_text
from models.database import Database
from services.compliance.registers import PDF_REGISTERS, REGISTER_LABELS, REGISTERS, export_register

DESCRIPTIONS = {
    "processing": "Le registre de l'article 30 du RGPD, prérempli à partir des Réglages.",
    "consents": "Chaque réponse à un formulaire de collecte, avec sa version et sa preuve.",
    "oppositions": "Chaque opposition reçue : portée, date, canal, qui l'a enregistrée.",
    "transmissions": "Chaque fichier transmis à un partenaire : date, contacts, empreinte du fichier.",
    "propagation": "Les notifications d'opposition ou d'effacement dues aux partenaires, et leur suivi.",
    "calls": "Chaque appel ou tentative : personne, heure, appelant, campagne, résultat, base légale.",
    "requests": "Les demandes des personnes (accès, effacement…) et leurs délais de réponse.",
}


class RegistersScreen(QWidget):
    def __init__(self, db: Database, ui: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.task = None
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
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Nothing cached: each export reads the base as it is."""

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
                self.tr("{0} : {1} ligne(s) écrite(s) dans\n{2}").format(label, rows, str(path))
            )

        self.task = run_task(self, self.tr("Export : {0}").format(label), work, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.ui.show_error(failure_text(exc))
