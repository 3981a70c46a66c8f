"""The Requests and Registers screens, driven as a user would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from gui.registers_screen import RegistersScreen
from gui.requests_screen import RequestsScreen
from models.database import Database
from services.compliance.registers import ALL_FILES
from services.compliance.requests import Identifiers, add_request
from services.core.moments import business_date
from tests.gui_fakes import FakeDialogs
from tests.helpers import make_contact


class SavingDialogs(FakeDialogs):
    def __init__(self, target: Path) -> None:
        super().__init__()
        self.target = target

    def ask_save_path(
        self, title: str, filters: str, suggested_name: str = "", purpose: str = "save"
    ) -> Path:
        return self.target


def test_request_added_from_the_form_shows_its_deadline(qtbot: QtBot, sqlite_db: Database) -> None:
    """Typing a contact reference and saving lists the request with its one-month deadline."""
    with sqlite_db.session() as s:
        ref = make_contact(s).ref
    ui = FakeDialogs()
    screen = RequestsScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.kind.setCurrentIndex(screen.kind.findData("erasure"))
    qtbot.keyClicks(screen.contact_ref, ref)
    screen.add_button.click()
    assert ui.errors == []
    assert screen.table.rowCount() == 1
    row = [screen.table.item(0, c).text() for c in range(screen.table.columnCount())]
    assert row[2] == "Effacement" and row[3] == "Claire MARTIN" and row[4] == ref and row[1] == "en cours"


def test_unknown_reference_is_refused_with_a_message(qtbot: QtBot, sqlite_db: Database) -> None:
    """A reference that does not exist shows an error and records nothing."""
    ui = FakeDialogs()
    screen = RequestsScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    qtbot.keyClicks(screen.contact_ref, "C-999999")
    screen.add_button.click()
    assert ui.errors and "C-999999" in ui.errors[0]
    assert screen.table.rowCount() == 0


def test_overdue_request_is_highlighted_and_answered(qtbot: QtBot, sqlite_db: Database) -> None:
    """An overdue request is shown in red; answering it (a refusal needs a text) closes it."""
    with sqlite_db.session() as s:
        add_request(s, kind="access", requester="Jean Dupont", received_on=date(2026, 1, 5))
    ui = FakeDialogs()
    screen = RequestsScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    assert screen.table.item(0, 1).text() == "en retard"
    assert screen.table.item(0, 1).background().color().name() == "#fde2e1"
    screen.table.selectRow(0)
    assert screen.answer_selected("refused", "", business_date()) is False and "motivé" in ui.errors[0]
    assert screen.answer_selected("granted", "Copie envoyée", business_date()) is True
    assert screen.table.item(0, 1).text() == "répondue"


def test_registers_screen_exports_a_register(qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    """Clicking « Exporter en XLSX » for the requests register writes the workbook and says so."""
    with sqlite_db.session() as s:
        add_request(
            s, kind="objection", requester="Zoé « L'Œil »", received_on=date(2026, 11, 2),
            identifiers=Identifiers(email="zoe@example.fr"),
        )  # fmt: skip
    target = tmp_path / "demandes.xlsx"
    ui = SavingDialogs(target)
    screen = RegistersScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.buttons[("requests", ".xlsx")].click()
    qtbot.waitUntil(lambda: bool(ui.infos or ui.errors), timeout=10000)
    assert ui.errors == [] and "1 ligne" in ui.infos[0]
    assert openpyxl.load_workbook(target).active["C2"].value == "Zoé « L'Œil »"
    assert ("processing", ".pdf") in screen.buttons and ("requests", ".pdf") not in screen.buttons


class FolderDialogs(FakeDialogs):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def ask_directory(self, title: str, purpose: str = "folder") -> Path:
        return self.folder


def test_every_register_in_one_dated_folder(qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    """Issue 15: « Exporter tous les registres » writes each register into « registres-AAAA-MM-JJ »."""
    ui = FolderDialogs(tmp_path)
    screen = RegistersScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.all_button.click()
    qtbot.waitUntil(lambda: bool(ui.infos or ui.errors), timeout=20000)
    folder = tmp_path / f"registres-{business_date():%Y-%m-%d}"
    assert ui.errors == [] and str(folder) in ui.infos[0] and "9 registres exportés" in ui.infos[0]
    assert sorted(p.name for p in folder.iterdir()) == sorted(name for _, name in ALL_FILES)


def test_objection_request_from_the_screen_takes_effect_at_once(qtbot: QtBot, sqlite_db: Database) -> None:
    """Type « Opposition », the person's e-mail (not in the base), save: said and on the suppression list."""
    from sqlalchemy import func, select

    from models.compliance import SuppressionEntry

    ui = FakeDialogs()
    screen = RequestsScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    assert not screen.scope.isEnabled()
    screen.kind.setCurrentIndex(screen.kind.findData("objection"))
    assert screen.scope.isEnabled() and screen.ids["email"].isEnabled()
    qtbot.keyClicks(screen.requester, "Paul Durand")
    qtbot.keyClicks(screen.ids["email"], "paul.durand@example.fr")
    screen.add_button.click()
    assert ui.errors == [] and "liste d'opposition" in ui.infos[-1]
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(SuppressionEntry)) == 1


def test_partial_erasure_answer_names_its_fields(qtbot: QtBot, sqlite_db: Database) -> None:
    """The answer dialog of an erasure offers the fields; « accordée en partie » erases those ticked."""
    from gui.requests_screen import AnswerDialog

    with sqlite_db.session() as s:
        c = make_contact(s)
        add_request(s, kind="erasure", requester="", contact_id=c.id, received_on=business_date())
    dialog = AnswerDialog("erasure")
    qtbot.addWidget(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("partial"))
    dialog.fields["email"].setChecked(True)
    assert dialog.chosen_fields() == ["email"]
    ui = FakeDialogs()
    screen = RequestsScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.table.selectRow(0)
    assert screen.answer_selected(
        "partial", "Le reste est lié à votre contrat.", business_date(), dialog.chosen_fields()
    )
    assert "E-mail" in ui.infos[-1]
    objection = AnswerDialog("objection")
    qtbot.addWidget(objection)
    assert [objection.outcome.itemData(i) for i in range(objection.outcome.count())] == ["granted"]


def test_access_answer_writes_the_dossier_where_asked(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    with sqlite_db.session() as s:
        c = make_contact(s)
        add_request(s, kind="access", requester="", contact_id=c.id, received_on=business_date())
    ui = FolderDialogs(tmp_path)
    screen = RequestsScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.table.selectRow(0)
    assert screen.answer_selected("granted", "", business_date())
    assert len(list(tmp_path.glob("dossier-C-*.pdf"))) == 1 and "Dossier de la personne écrit" in ui.infos[-1]


def test_contact_record_writes_the_person_s_dossier(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    """« Dossier de la personne… » on the record writes what the base holds about them."""
    import json

    from gui.contact_dialog import ContactDialog

    with sqlite_db.session() as s:
        cid = make_contact(s).id
    target = tmp_path / "dossier.json"
    ui = SavingDialogs(target)
    dialog = ContactDialog(sqlite_db, ui, cid)
    qtbot.addWidget(dialog)
    dialog.write_dossier()
    assert json.loads(target.read_text(encoding="utf-8"))["identity"][0]["value"] == "Mme"
    assert ui.infos and str(target) in ui.infos[-1]
