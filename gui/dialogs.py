"""The one place that opens message boxes and file choosers (a facade, so tests replace it).

Screens call `ui.show_error(...)`, `ui.confirm(...)`, `ui.ask_open_path(...)`; tests pass a fake.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") literally


class Dialogs:
    """Message boxes and file choosers; remembers the last folder used for each purpose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    # --- messages -------------------------------------------------------------------------------
    def show_error(self, message: str, title: str = "") -> None:
        log.info("message d'erreur montré : %s", message)
        QMessageBox.warning(self.parent, title or translate("Dialogs", "Erreur"), message)

    def show_info(self, message: str, title: str = "") -> None:
        QMessageBox.information(self.parent, title or translate("Dialogs", "Information"), message)

    def confirm(self, message: str, title: str = "", ok_label: str = "") -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title or translate("Dialogs", "Confirmation"),
            message,
            parent=self.parent,
        )
        ok = box.addButton(ok_label or translate("Dialogs", "Confirmer"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(translate("Dialogs", "Annuler"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # destructive actions never go through on a stray Enter
        box.exec()
        return box.clickedButton() is ok

    # --- files ----------------------------------------------------------------------------------
    def _last_dir(self, purpose: str) -> str:
        return str(QSettings().value(f"folders/{purpose}", str(Path.home())))

    def _remember(self, purpose: str, path: str) -> None:
        if path:
            QSettings().setValue(f"folders/{purpose}", str(Path(path).parent if Path(path).suffix else path))

    def ask_open_path(self, title: str, filters: str, purpose: str = "open") -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, self._last_dir(purpose), filters)
        self._remember(purpose, path)
        return Path(path) if path else None

    def ask_save_path(
        self, title: str, filters: str, suggested_name: str = "", purpose: str = "save"
    ) -> Path | None:
        start = str(Path(self._last_dir(purpose)) / suggested_name)
        path, _ = QFileDialog.getSaveFileName(self.parent, title, start, filters)
        self._remember(purpose, path)
        return Path(path) if path else None

    def ask_directory(self, title: str, purpose: str = "folder") -> Path | None:
        path = QFileDialog.getExistingDirectory(self.parent, title, self._last_dir(purpose))
        if path:
            QSettings().setValue(f"folders/{purpose}", path)
        return Path(path) if path else None
