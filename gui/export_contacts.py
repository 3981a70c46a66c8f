"""Fichier > Exporter les contacts… : the contacts shown (current search) or all, to .xlsx or .csv."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gui.dialogs import Dialogs
from gui.tasks import Task, run_task
from models.database import Database
from services.contacts.selection import Selection
from services.core.errors import Cancelled

FILTERS = "Classeur Excel (*.xlsx);;CSV pour Excel, UTF-8 « ; » (*.csv)"


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportContacts", text)


def export_contacts_dialog(
    db: Database, ui: Dialogs, parent: QWidget | None, search: str = ""
) -> Task | None:
    """Ask where, then write the file on a worker thread behind the progress dialog (Cancel: no file)."""
    suggested = f"contacts-{date.today():%Y-%m-%d}.xlsx"
    path = ui.ask_save_path(tr("Exporter les contacts"), FILTERS, suggested, purpose="export")
    if path is None:
        return None
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_suffix(".xlsx")
    selection = Selection(search=search)

    def work(progress: Any) -> int:
        from services.contacts.exporting import export_contacts

        with db.session() as s:
            return export_contacts(
                s, Path(path), selection, lambda n: progress(n, 0, tr("Export… {n} contacts").format(n=n))
            )

    def done(count: int) -> None:
        ui.show_info(
            tr("{n} contact(s) exporté(s) dans {path}.").format(n=count, path=path), tr("Export terminé")
        )

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            ui.show_error(str(exc), tr("Export impossible"))

    return run_task(parent, tr("Export des contacts…"), work, done, failed)
