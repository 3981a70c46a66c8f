"""The import wizard driven end to end with qtbot: file → sheet → columns → source → check → import."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from gui.import_wizard import ImportWizard, open_import_wizard
from models.contact import Contact
from models.database import Database
from models.imports import ImportRecord, MappingPreset

DATA = Path(__file__).resolve().parents[1] / "data"


class FakeUI:
    """The dialog facade, answering like a user would and remembering what it was shown."""

    def __init__(self, save_to: Path | None = None) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.save_to = save_to

    def show_error(self, message: str, title: str = "") -> None:
        self.errors.append(message)

    def show_info(self, message: str, title: str = "") -> None:
        self.infos.append(message)

    def ask_open_path(self, title: str, filters: str, purpose: str = "open") -> Path | None:
        return DATA / "clients_source.csv"

    def ask_save_path(
        self, title: str, filters: str, suggested_name: str = "", purpose: str = "save"
    ) -> Path | None:
        return self.save_to


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _to_check_page(qtbot, wizard: ImportWizard, path: Path) -> None:
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.sheet_page
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.source_page


def test_wizard_end_to_end(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """A messy file goes through every step; the check lists the refusals; the import writes once."""
    ui = FakeUI(save_to=tmp_path / "rapport.xlsx")
    wizard = open_import_wizard(sqlite_db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.file_page.browse()
    assert wizard.file_page.path_edit.text().endswith("clients_source.csv")
    wizard.next()
    page = wizard.sheet_page
    assert page.header_spin.value() == 3 and page.preview.horizontalHeaderItem(0).text() == "Civilité"
    wizard.next()
    mp = wizard.mapping_page
    assert wizard.mapping["CP"] == "postcode" and wizard.mapping["Téléphone"] == "phone"
    mp.set_field("Type", "")  # the user decides to ignore a column
    assert wizard.mapping["Type"] == ""
    mp.preset_name.setText("Magasin")
    mp.save_current_preset()
    assert _count(sqlite_db, MappingPreset) == 1 and ui.infos
    wizard.next()

    # The source is mandatory: Next stays disabled until the kind and the name are given.
    src = wizard.source_page
    assert not src.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    src.kind_combo.setCurrentIndex(src.kind_combo.findData("partner"))
    assert not src.isComplete()
    src.name_edit.setText("Partenaire Lumière")
    assert src.isComplete() and wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()

    check = wizard.check_page
    qtbot.waitUntil(lambda: wizard.check is not None, timeout=10000)
    assert wizard.check.summary()["refused"] == 2 and wizard.check.dry_run
    assert check.model.rowCount() == 4  # 2 refused, 1 duplicate, 1 warned
    assert "refusée" in check.summary.text()
    assert _count(sqlite_db, Contact) == 0  # nothing written by the check
    check.report_btn.click()
    assert (tmp_path / "rapport.xlsx").exists()

    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.done, timeout=10000)
    assert wizard.result is not None and wizard.result.summary()["created"] == 4
    assert _count(sqlite_db, Contact) == 4 and _count(sqlite_db, ImportRecord) == 1
    with sqlite_db.session() as s:
        assert set(s.scalars(select(Contact.source_name))) == {"Partenaire Lumière"}
        assert set(s.scalars(select(Contact.person_kind))) == {"consumer"}  # "Type" was ignored
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert ui.errors == []


def test_bad_file_stays_on_first_page_with_message(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """A truncated workbook: a clear message naming it, the wizard stays on the file page."""
    path = tmp_path / "coupé.xlsx"
    path.write_bytes((DATA / "libreoffice.xlsx").read_bytes()[:2000])
    ui = FakeUI()
    wizard = ImportWizard(sqlite_db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert len(ui.errors) == 1 and "coupé.xlsx" in ui.errors[0]


def test_sheet_choice_and_header_row(qtbot, sqlite_db: Database) -> None:
    """The second sheet can be chosen; the header row can be corrected by hand."""
    ui = FakeUI()
    wizard = ImportWizard(sqlite_db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(DATA / "openpyxl.xlsx"))
    wizard.next()
    page = wizard.sheet_page
    assert page.sheet_combo.count() == 2
    page.sheet_combo.setCurrentText("Clients")
    assert wizard.table.sheet == "Clients" and wizard.table.headers[1] == "NOM"
    page.header_spin.setValue(2)
    assert wizard.table.header_row == 1 and len(wizard.table.rows) == 2


def test_a_large_file_is_read_in_the_background(
    qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch
) -> None:
    """Above the size limit the file is read off the GUI thread: the wizard moves on once it is read,
    a sheet change is read the same way, and a bad large file still gets its message."""
    import gui.import_wizard as wizard_module

    monkeypatch.setattr(wizard_module, "BACKGROUND_READ_BYTES", 0)  # every file counts as large
    ui = FakeUI()
    wizard = ImportWizard(sqlite_db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(DATA / "openpyxl.xlsx"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sheet_page, timeout=10000)
    assert wizard.reading is None and wizard.table is not None
    wizard.sheet_page.sheet_combo.setCurrentText("Clients")
    qtbot.waitUntil(lambda: wizard.table.sheet == "Clients", timeout=10000)
    assert wizard.sheet_page.preview.horizontalHeaderItem(1).text() == "NOM"

    bad = tmp_path / "coupé.xlsx"
    bad.write_bytes((DATA / "libreoffice.xlsx").read_bytes()[:2000])
    other = ImportWizard(sqlite_db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(other)
    other.show()
    other.file_page.path_edit.setText(str(bad))
    other.next()
    qtbot.waitUntil(lambda: other.reading is None and bool(ui.errors), timeout=10000)
    assert other.currentPage() is other.file_page and "coupé.xlsx" in ui.errors[-1]


def test_consent_columns_offer_the_form_version(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """With consent columns mapped, the form version choice is enabled; without a version the check explains."""
    ui = FakeUI()
    wizard = ImportWizard(sqlite_db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    path = tmp_path / "clients.xlsx"
    shutil.copy(DATA / "openpyxl.xlsx", path)
    wb = openpyxl.load_workbook(path)
    del wb["Notes"]
    wb.save(path)
    _to_check_page(qtbot, wizard, path)
    src = wizard.source_page
    assert src.form_combo.isEnabled()
    src.kind_combo.setCurrentIndex(1)
    src.name_edit.setText("Salon")
    wizard.next()
    qtbot.waitUntil(lambda: bool(ui.errors), timeout=10000)
    assert "version du formulaire" in ui.errors[0]
    assert not wizard.check_page.isComplete()


@pytest.mark.parametrize("cancel", [True])
def test_cancel_during_import_writes_nothing(qtbot, sqlite_db: Database, cancel: bool) -> None:
    """Cancel in the progress dialog rolls the whole import back."""
    ui = FakeUI()
    wizard = ImportWizard(sqlite_db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    _to_check_page(qtbot, wizard, DATA / "clients_source.csv")
    src = wizard.source_page
    src.kind_combo.setCurrentIndex(1)
    src.name_edit.setText("Salon")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check is not None, timeout=10000)
    original = wizard.import_page.initializePage

    def start_then_cancel() -> None:
        original()
        wizard.import_page.task.cancel()

    wizard.import_page.initializePage = start_then_cancel  # type: ignore[method-assign]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.done, timeout=10000)
    assert "annulé" in wizard.import_page.status.text()
    assert _count(sqlite_db, Contact) == 0 and _count(sqlite_db, ImportRecord) == 0


def test_main_window_file_menu_imports_and_exports(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """Fichier > Importer… (Ctrl+I) opens the wizard; Exporter les contacts… writes the list's contacts."""
    from gui.main_window import MainWindow
    from tests.helpers import make_contact

    with sqlite_db.session() as s:
        make_contact(s)
        make_contact(s, last_name="Petit", email="p@example.fr", mobile="", postcode="75001", city="Paris")
    ui = FakeUI(save_to=tmp_path / "export.xlsx")
    window = MainWindow(sqlite_db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    wizard = window.import_contacts()  # the window owns it; deleted when closed
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    wizard.close()
    window.export_contacts()
    qtbot.waitUntil(lambda: bool(ui.infos) or bool(ui.errors), timeout=10000)
    assert ui.errors == [] and "2 contacts exportés" in ui.infos[0]
    ws = openpyxl.load_workbook(tmp_path / "export.xlsx").active
    assert ws.max_row == 3
