"""Fichier > Exporter les contacts… : the contacts shown (current search) or all, to .xlsx or .csv."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gui.dialogs import Dialogs
from gui.tasks import Task, run_task
from models.database import Database
from services.contacts.selection import Selection
from services.core.errors import Cancelled
from services.core.moments import business_date

FILTERS = "Classeur Excel (*.xlsx);;CSV pour Excel, UTF-8 « ; » (*.csv)"


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") literally


def export_contacts_dialog(
    db: Database, ui: Dialogs, parent: QWidget | None, search: str = ""
) -> Task | None:
    """Ask where, then write the file on a worker thread behind the progress dialog (Cancel: no file)."""
    suggested = f"contacts-{business_date():%Y-%m-%d}.xlsx"
    path = ui.ask_save_path(
        translate("ExportContacts", "Exporter les contacts"), FILTERS, suggested, purpose="export"
    )
    if path is None:
        return None
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_suffix(".xlsx")
    selection = Selection(search=search)

    def work(progress: Any) -> int:
        from services.contacts.exporting import export_contacts

        with db.session() as s:
            return export_contacts(
                s,
                Path(path),
                selection,
                lambda n: progress(n, 0, translate("ExportContacts", "Export… %n contact(s)", "", n)),
            )

    def done(count: int) -> None:
        ui.show_info(
            translate("ExportContacts", "%n contact(s) exporté(s) dans {path}.", "", count).format(path=path),
            translate("ExportContacts", "Export terminé"),
        )

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            ui.show_error(str(exc), translate("ExportContacts", "Export impossible"))

    return run_task(parent, translate("ExportContacts", "Export des contacts…"), work, done, failed)
