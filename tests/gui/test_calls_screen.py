"""The call screen driven with qtbot: next callable person, tel: link, proof, keys, refusals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from gui.calls_screen import CallsScreen
from gui.phone_campaign_dialog import PhoneCampaignDialog, PhoneCampaignValues
from models.compliance import Opposition
from models.database import Database
from models.phone import CallLogEntry
from services.core.settings import set_settings
from services.phone.campaign import open_phone_campaign
from tests.phone_helpers import consumer, give_consent, paris, professional


class FakeDialogs:
    """Records what the screen would show; answers confirmations with `confirm_answer`."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.confirm_answer = True
        self.save_path: Path | None = None
        self.open_path: Path | None = None

    def show_error(self, message: str, title: str = "") -> None:
        self.errors.append(message)

    def show_info(self, message: str, title: str = "") -> None:
        self.infos.append(message)

    def confirm(self, message: str, title: str = "", ok_label: str = "") -> bool:
        return self.confirm_answer

    def ask_save_path(self, *args: Any, **kwargs: Any) -> Path | None:
        return self.save_path

    def ask_open_path(self, *args: Any, **kwargs: Any) -> Path | None:
        return self.open_path


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def people(sqlite_db: Database) -> dict[str, int]:
    with sqlite_db.session() as s:
        set_settings(s, {"org.name": "Cuisines Dupont"})
        ok = consumer(s, first_name="Claire", last_name="Martin")
        give_consent(s, ok, paris(2026, 6, 1))
        pro = professional(s, last_name="Garage")
        consumer(s, first_name="Paul", last_name="Sansaccord", mobile="06 99 99 99 99")
        open_phone_campaign(
            s,
            "Cuisines automne",
            subject="Nouvelle collection",
            today=paris(2026, 11, 2).date(),
            subject_category="other",
        )
        return {"ok": ok.id, "pro": pro.id}


def make_screen(qtbot: Any, db: Database, moment: datetime) -> tuple[CallsScreen, FakeDialogs, Clock]:
    ui = FakeDialogs()
    clock = Clock(moment)
    screen = CallsScreen(db, ui, clock=clock)  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)
    return screen, ui, clock


def test_shows_next_callable_person_with_tel_link_proof_and_script(
    qtbot: Any, sqlite_db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    """At Monday 10:30 the consenting consumer comes first, with a tel: link, the consent proof and the
    opening script naming the organisation; the one without consent is never offered."""
    screen, _ui, _ = make_screen(qtbot, sqlite_db, paris(2026, 11, 2, 10, 30))
    assert "2 à appeler maintenant" in screen.summary.text() and "1 exclus" in screen.summary.text()
    assert screen.current is not None and screen.current.contact_id == people["ok"]
    assert 'href="tel:+33612345678"' in screen.phone_label.text()
    assert screen.phone_label.openExternalLinks()
    assert (
        "Consentement n°" in screen.basis_label.text()
        and "formulaire-2026-001.pdf" in screen.basis_label.text()
    )
    assert "Cuisines Dupont" in screen.script_label.text() and "commerciale" in screen.script_label.text()
    assert "vous opposer" in screen.script_label.text()
    screen.show()
    screen.resize(1000, 720)
    screen.grab().save(str(tmp_path / "calls.png"))


def test_keys_log_outcomes_and_move_to_the_next_person(
    qtbot: Any, sqlite_db: Database, people: dict[str, int]
) -> None:
    """Key 2 logs « Occupé » for the person shown and shows the next; key 6 records an opposition."""
    screen, _ui, _ = make_screen(qtbot, sqlite_db, paris(2026, 11, 2, 10, 30))
    qtbot.keyClick(screen.outcome_buttons["busy"], "2")  # the key reaches the screen from a button
    assert screen.current is not None and screen.current.contact_id == people["pro"]
    assert "Occupé" in screen.message.text()
    qtbot.keyClick(screen, "6")
    assert screen.current is None and "prochain créneau" not in screen.message.text()
    with sqlite_db.session() as s:
        outcomes = s.scalars(select(CallLogEntry.outcome).order_by(CallLogEntry.id)).all()
        assert outcomes == ["busy", "do-not-call"]
        opposition = s.scalar(select(Opposition).where(Opposition.contact_id == people["pro"]))
        assert opposition is not None and opposition.channel == "phone"


def test_forbidden_moment_cannot_be_logged_and_says_when(
    qtbot: Any, sqlite_db: Database, people: dict[str, int]
) -> None:
    """The clock passes 20:00 while the person is shown: logging is refused with why and the next moment."""
    screen, _ui, clock = make_screen(qtbot, sqlite_db, paris(2026, 11, 27, 19, 58))
    assert screen.current is not None
    clock.moment = paris(2026, 11, 27, 20, 0)
    screen.outcome_buttons["interested"].click()
    assert "hors des heures" in screen.message.text()
    assert "prochain créneau : lundi 10:00" in screen.message.text()
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLogEntry)) == 0


def test_nobody_callable_on_saturday_says_next_slot(
    qtbot: Any, sqlite_db: Database, people: dict[str, int]
) -> None:
    """On a Saturday nobody is offered; the screen gives Monday 10:00 and the keys are disabled."""
    screen, _ui, _ = make_screen(qtbot, sqlite_db, paris(2026, 11, 28, 11, 0))
    assert screen.current is None
    assert not screen.outcome_buttons["busy"].isEnabled()
    assert "prochain créneau : lundi 10:00" in screen.message.text()


def test_callback_and_declined_opposition(qtbot: Any, sqlite_db: Database, people: dict[str, int]) -> None:
    """Key 3 logs a callback at the time typed; « ne plus m'appeler » cancelled at the confirmation logs nothing."""
    screen, ui, _ = make_screen(qtbot, sqlite_db, paris(2026, 11, 2, 10, 30))
    ui.confirm_answer = False
    screen.log_outcome("do-not-call")
    assert screen.current is not None and screen.current.contact_id == people["ok"]
    screen.outcome_buttons["callback"].click()
    with sqlite_db.session() as s:
        assert s.scalars(select(CallLogEntry.outcome)).all() == ["callback"]


def test_new_campaign_dialog_warns_on_forbidden_subject(
    qtbot: Any, sqlite_db: Database, people: dict[str, int]
) -> None:
    """docs/rules.md §1.7: words that suggest a forbidden subject make the dialog ask — declare the category,
    or confirm it is another one; the declared category decides; the screen creates and selects it."""
    dialog = PhoneCampaignDialog(["Garantie cuisine"])
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Combles")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.subject.setCurrentText("Remplacement de baignoire par une douche pour seniors")
    assert "ressemble" in dialog.warning.text() and not ok.isEnabled() and not dialog.confirm.isHidden()
    dialog.confirm.setChecked(True)
    assert ok.isEnabled() and dialog.values().confirm_category
    dialog.subject.setCurrentText("Isolation des combles")
    dialog.category.setCurrentIndex(dialog.category.findData("energy"))
    assert "Objet interdit" in dialog.warning.text() and ok.isEnabled() and dialog.confirm.isHidden()
    assert dialog.values().subject_category == "energy"
    screen, _ui, _ = make_screen(qtbot, sqlite_db, paris(2026, 11, 2, 10, 30))
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        screen.create_campaign(PhoneCampaignValues("Combles", "Isolation des combles", "", "", "energy"))
    assert screen.campaign_box.currentText() == "Combles — Isolation des combles"
    assert screen.current is None and "Objet interdit" in screen.summary.text()


def test_call_list_export_and_results_import_run_in_the_background(
    qtbot: Any, sqlite_db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    """The call-centre list is written, then the centre's results file is read back and its calls
    counted, both off the GUI thread; the screen says how many."""
    import openpyxl

    screen, ui, _ = make_screen(qtbot, sqlite_db, paris(2026, 11, 2, 10, 30))
    ui.save_path = tmp_path / "liste.xlsx"
    screen.export_list()
    qtbot.waitUntil(lambda: bool(ui.infos), timeout=10000)
    assert ui.infos[-1].startswith("2 personnes dans") and ui.save_path.exists()
    wb = openpyxl.load_workbook(ui.save_path)
    ws = wb["Appels"]
    header = [c.value for c in ws[1]]
    first = ws[2]
    first[header.index("Date et heure de l'appel")].value = "30/10/2026 11:00"
    first[header.index("Résultat")].value = "Occupé"
    first[header.index("Opérateur")].value = "Karim"
    ui.open_path = tmp_path / "retour.xlsx"
    wb.save(ui.open_path)
    screen.import_file()
    qtbot.waitUntil(lambda: len(ui.infos) == 2, timeout=10000)
    assert ui.infos[-1].startswith("1 appel importé") and ui.errors == []
    with sqlite_db.session() as s:
        entry = s.scalars(select(CallLogEntry)).one()
        assert (entry.outcome, entry.source, entry.caller) == ("busy", "call-centre", "Karim")
