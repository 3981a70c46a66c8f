"""The Oppositions screen: scan a reference, pick the scope with a key, Enter — and search by name."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from gui.oppositions_screen import OppositionsScreen
from models.compliance import Opposition
from models.database import Database
from models.partners import PropagationNotice
from tests.compliance_helpers import make_partner, transmit
from tests.compliance_ui import FakeUi
from tests.helpers import make_contact


def test_scanned_reference_then_key_then_enter_records(qtbot, sqlite_db: Database, tmp_path) -> None:
    """« C-000001 » + Enter, « 3 », Enter: a phone objection is recorded, notices created, field ready again."""
    with sqlite_db.session() as s:
        c = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [c.id])
        ref = c.ref
    screen = OppositionsScreen(sqlite_db, FakeUi())
    qtbot.addWidget(screen)
    screen.show()
    assert screen.focusWidget() is screen.ref_edit  # the scanner types into it at once
    qtbot.keyClicks(screen.ref_edit, ref)
    qtbot.keyClick(screen.ref_edit, Qt.Key.Key_Return)
    assert "MARTIN" in screen.person.text()
    focused = screen.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_3)
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Return)
    with sqlite_db.session() as s:
        o = s.scalars(select(Opposition)).one()
        assert (o.scope, o.channel, o.received_on) == ("phone", "slip", date.today())
        assert len(s.scalars(select(PropagationNotice)).all()) == 1
    assert "1 notification" in screen.status.text()
    assert screen.ref_edit.text() == "" and screen.recent.model_.rowCount() == 1
    screen.grab().save(str(tmp_path / "oppositions.png"))


def test_search_by_name_lists_people_to_choose_from(qtbot, sqlite_db: Database) -> None:
    """Typing a name that matches two people lists them; choosing one and Enter records for that person."""
    with sqlite_db.session() as s:
        make_contact(s, first_name="Claire")
        second = make_contact(s, first_name="Paul", email="paul@example.fr", mobile="0622222222")
        second_id = second.id
    screen = OppositionsScreen(sqlite_db, FakeUi())
    qtbot.addWidget(screen)
    screen.show()
    qtbot.keyClicks(screen.ref_edit, "martin")
    qtbot.keyClick(screen.ref_edit, Qt.Key.Key_Return)
    assert screen.matches.count() == 2
    screen.matches.setCurrentRow([screen.matches.item(i).text() for i in range(2)].index(
        next(screen.matches.item(i).text() for i in range(2) if "Paul" in screen.matches.item(i).text())))  # fmt: skip
    screen._pick_match(screen.matches.currentItem())
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_A)  # partners
    screen.record()
    with sqlite_db.session() as s:
        o = s.scalars(select(Opposition)).one()
        assert (o.contact_id, o.scope) == (second_id, "partners")


def test_unknown_reference_says_so_and_records_nothing(qtbot, sqlite_db: Database) -> None:
    """A reference with nobody behind it is reported in the screen; no opposition is written."""
    screen = OppositionsScreen(sqlite_db, FakeUi())
    qtbot.addWidget(screen)
    screen.show()
    qtbot.keyClicks(screen.ref_edit, "C-000777")
    qtbot.keyClick(screen.ref_edit, Qt.Key.Key_Return)
    assert "C-000777" in screen.status.text() and not screen.record_button.isEnabled()
    with sqlite_db.session() as s:
        assert s.scalars(select(Opposition)).first() is None


def test_a_second_scan_of_the_same_slip_asks_before_recording(qtbot, sqlite_db: Database) -> None:
    """Scanning a slip twice: the screen asks, and a « no » records nothing more."""
    with sqlite_db.session() as s:
        ref = make_contact(s).ref
    ui = FakeUi(confirm=False)
    screen = OppositionsScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.show()
    for _ in range(2):
        qtbot.keyClicks(screen.ref_edit, ref)
        qtbot.keyClick(screen.ref_edit, Qt.Key.Key_Return)
        qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Return)
    assert "existait déjà" in screen.status.text()
    with sqlite_db.session() as s:
        assert len(s.scalars(select(Opposition)).all()) == 1
