"""Fichier › Sauvegarder… / Restaurer… (docs/rules.md §10.3): the backups with their dates, a copy now, a
restore that says what it replaces and what it carries over."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import Dialogs
from gui.simple_table import SimpleTable
from gui.tasks import Task, run_task
from gui.use_case import failure_text
from models.database import Database
from services.compliance.restore import LaterEvents, restore
from services.core import backup_crypto
from services.core.backups import Backup, create_backup, folder_for, list_backups, rotate


class BackupDialog(QDialog):
    """The list of backups, newest first. `reopen(db)` is called after a restore, with the base reopened."""

    def __init__(
        self, db: Database, ui: Dialogs, reopen: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.ui = ui
        self.reopen = reopen
        self.task: Task | None = None
        self.backups: list[Backup] = []
        self.setWindowTitle(self.tr("Sauvegardes"))
        self.resize(860, 460)
        self.folder = folder_for(db)
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if db.sqlite_path is None:
            intro.setText(self.tr(
                "Base PostgreSQL : les sauvegardes du serveur font foi. « Sauvegarder maintenant » écrit une copie "
                "avec pg_dump (s'il est installé) dans {0}. La restauration se fait avec les outils du serveur."
            ).format(self.folder))  # fmt: skip
        else:
            intro.setText(self.tr(
                "Une copie de la base est faite chaque jour au premier démarrage et à la fermeture si quelque chose "
                "a changé, dans {0} (lisible par vous seul). Les 7 dernières copies quotidiennes et 4 "
                "hebdomadaires sont gardées. Une restauration ne fait jamais revenir une personne opposée : les "
                "oppositions, effacements et notifications enregistrés depuis la copie sont repris."
            ).format(self.folder))  # fmt: skip
        self.table = SimpleTable(
            [self.tr("Date"), self.tr("Motif"), self.tr("Chiffrée"), self.tr("Taille"), self.tr("Journal"),
             self.tr("Fichier")], self,
        )  # fmt: skip
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        self.backup_button = QPushButton(self.tr("&Sauvegarder maintenant"), self)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("&Restaurer la sauvegarde choisie…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setEnabled(db.sqlite_path is not None)
        self.file_button = QPushButton(self.tr("Restaurer un &fichier…"), self)
        self.file_button.clicked.connect(self.restore_file)
        self.file_button.setEnabled(db.sqlite_path is not None)
        folder_button = QPushButton(self.tr("Ouvrir le &dossier"), self)
        folder_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))))
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.restore_button, self.file_button, folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        self.backups = list_backups(self.folder)
        self.table.set_rows([
            (i, [b.taken_at.strftime("%d/%m/%Y %H:%M"), b.reason_label, self.tr("oui") if b.encrypted else "",
                 f"{b.size / 1e6:.1f} Mo", "" if b.journal_events is None else f"{b.journal_events} év.", b.path.name])
            for i, b in enumerate(self.backups)
        ])  # fmt: skip
        self.restore_button.setEnabled(bool(self.backups) and self.db.sqlite_path is not None)

    def backup_now(self) -> None:
        def work(_progress):
            backup = create_backup(self.db, "manuelle")
            if self.db.sqlite_path is not None:
                rotate(self.db)
            return backup

        def done(backup: Backup) -> None:
            self.refresh()
            self.ui.show_info(self.tr(
                "Sauvegarde écrite :\n{0}\n\nJournal à cet instant : %n événement(s), empreinte\n{1}\n"
                "(notez-la : un journal réécrit ne la retrouverait pas).", "", backup.journal_events
            ).format(backup.path, backup.journal_head))  # fmt: skip

        self.task = run_task(self, self.tr("Sauvegarde…"), work, done, self._failed)

    def restore_selected(self) -> None:
        row = self.table.selected_id()
        if row is None or not (0 <= row < len(self.backups)):
            self.ui.show_error(self.tr("Choisissez d'abord une sauvegarde dans la liste."))
            return
        self._restore(self.backups[row].path, self.backups[row].taken_at.strftime("%d/%m/%Y %H:%M"))

    def restore_file(self) -> None:
        path = self.ui.ask_open_path(
            self.tr("Restaurer une sauvegarde"),
            self.tr("Sauvegardes (*.sqlite *.age);;Tous les fichiers (*)"),
            "backups",
        )
        if path is not None:
            self._restore(path, path.name)

    def _restore(self, path: Path, label: str) -> None:
        if not self.ui.confirm(
            self.tr("Remplacer la base par la sauvegarde du {0} ?\n\nLa base actuelle est d'abord sauvegardée ; les "
                    "oppositions, effacements et notifications enregistrés depuis sont repris.").format(label),
            self.tr("Restaurer"), self.tr("Restaurer"),
        ):  # fmt: skip
            return
        passphrase = None
        if backup_crypto.is_encrypted(path):
            passphrase, ok = QInputDialog.getText(
                self, self.tr("Sauvegarde chiffrée"), self.tr("Phrase secrète :"), QLineEdit.EchoMode.Password
            )
            if not ok:
                return
        self._run_restore(path, passphrase, force=False)

    def _run_restore(self, path: Path, passphrase: str | None, force: bool) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, LaterEvents) and not force:
                count = exc.count
                if self.ui.confirm(
                    self.tr("La base actuelle a %n événement(s) enregistré(s) après cette sauvegarde : ils seront "
                            "remplacés (les oppositions, effacements et notifications sont repris). "
                            "Restaurer quand même ?", "", count),
                    self.tr("Restaurer"), self.tr("Restaurer quand même"),
                ):  # fmt: skip
                    self._run_restore(path, passphrase, force=True)
                return
            self._failed(exc)

        def done(result) -> None:
            self.reopen()
            self.refresh()
            carried = "\n".join(f"• {c}" for c in result.carried[:30]) or self.tr("(rien à reprendre)")
            more = len(result.carried) - 30
            self.ui.show_info(self.tr(
                "Base restaurée depuis {0}.\nLa base remplacée est sauvegardée : {1}\n\nRepris de la base remplacée :\n{2}{3}"
            ).format(path.name, result.safety_copy, carried, self.tr("\n… et %n autre(s)", "", more) if more > 0 else ""))  # fmt: skip

        self.task = run_task(
            self, self.tr("Restauration…"), lambda _p: restore(self.db, path, force=force, passphrase=passphrase),
            done, failed,
        )  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        self.ui.show_error(failure_text(exc))
