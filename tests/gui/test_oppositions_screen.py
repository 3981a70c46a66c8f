"""The Oppositions screen: scan a reference, pick the scope with a key, Enter — and search by name."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from sqlalchemy import select

from gui.opposition_correction_dialog import OppositionCorrectionDialog
from gui.oppositions_screen import OppositionsScreen
from models.compliance import Opposition
from models.database import Database
from models.partners import PropagationNotice
from services.compliance.oppositions import record_opposition
from services.core.moments import business_date
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
        assert (o.scope, o.channel, o.received_on) == ("phone", "slip", business_date())
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


def test_a_mistyped_scan_is_moved_to_the_right_person_from_the_list(
    qtbot, sqlite_db: Database, monkeypatch, tmp_path
) -> None:
    """docs/rules.md §5.10: the slip of C-000002 scanned as C-000001 — select it, « Corriger une erreur de
    saisie… », scan the right reference, a reason, Corriger: the objection is now the right person's."""
    with sqlite_db.session() as s:
        wrong = make_contact(s)
        right = make_contact(
            s, first_name="Paul", last_name="Durand", email="paul@example.fr", mobile="0622222222"
        )
        transmit(s, make_partner(s, "Alpha"), [wrong.id])
        wrong_ref, right_id, right_ref = wrong.ref, right.id, right.ref
    screen = OppositionsScreen(sqlite_db, FakeUi())
    qtbot.addWidget(screen)
    screen.resize(1280, 740)
    screen.show()
    qtbot.keyClicks(screen.ref_edit, wrong_ref)
    qtbot.keyClick(screen.ref_edit, Qt.Key.Key_Return)
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Return)
    assert not screen.correct_button.isEnabled()  # nothing selected yet
    screen.recent.selectRow(0)
    assert screen.correct_button.isEnabled()

    def fill_and_accept(dialog: OppositionCorrectionDialog) -> int:
        assert wrong_ref in dialog.findChild(QLabel).text()
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # no reason yet
        qtbot.keyClicks(dialog.target, right_ref)
        dialog.find_target()
        assert "DURAND" in dialog.found.text()
        dialog.reason.setText("référence mal scannée")  # (keyClicks types ASCII only)
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        dialog.resize(dialog.sizeHint())
        dialog.grab().save(str(tmp_path / "correction.png"))
        dialog.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(OppositionCorrectionDialog, "exec", fill_and_accept)
    screen.correct_button.click()
    with sqlite_db.session() as s:
        voided, moved = s.scalars(select(Opposition).order_by(Opposition.id)).all()
        assert (voided.void_kind, voided.void_reason, voided.moved_to_id) == (
            "moved",
            "référence mal scannée",
            moved.id,
        )
        assert moved.contact_id == right_id and moved.in_force
        assert s.scalars(select(PropagationNotice)).one().withdrawn_on == business_date()
    assert right_ref in screen.status.text() and "1 notification" in screen.status.text()
    states = [screen.recent.model_.item(r, 6).text() for r in range(2)]
    assert sorted(states) == ["corrigée (erreur de saisie)", "en vigueur"]
    screen.recent.selectRow(states.index("corrigée (erreur de saisie)"))
    assert not screen.correct_button.isEnabled() and "déjà été corrigée" in screen.correct_button.toolTip()
    screen.grab().save(str(tmp_path / "oppositions-corrected.png"))


def test_cancel_needs_no_person_and_yesterdays_objection_cannot_be_corrected(
    qtbot, sqlite_db: Database, monkeypatch
) -> None:
    with sqlite_db.session() as s:
        c = make_contact(s)
        old = record_opposition(s, c.id, "post", "letter", date(2026, 11, 2)).opposition
        old.created_at = datetime.now(UTC) - timedelta(days=2)
        today = record_opposition(s, c.id, "phone", "slip", business_date()).opposition
        today_id = today.id
    screen = OppositionsScreen(sqlite_db, FakeUi())
    qtbot.addWidget(screen)
    screen.show()
    screen.recent.selectRow(1)  # newest first: the old one is second
    assert not screen.correct_button.isEnabled() and "jour même" in screen.correct_button.toolTip()
    screen.recent.selectRow(0)

    def cancel_it(dialog: OppositionCorrectionDialog) -> int:
        dialog.cancel_choice.setChecked(True)
        assert not dialog.target.isEnabled()
        dialog.reason.setText("personne ne s'est opposé")
        dialog.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(OppositionCorrectionDialog, "exec", cancel_it)
    screen.correct_button.click()
    with sqlite_db.session() as s:
        assert s.get(Opposition, today_id).void_kind == "cancelled"
    assert "annulée" in screen.status.text()
