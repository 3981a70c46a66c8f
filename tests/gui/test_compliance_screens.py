"""The Forms, Partners and Propagation screens and the consent dialog, driven like a user would."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialogButtonBox, QLabel
from sqlalchemy import select

from gui.consent_dialog import ConsentDialog
from gui.forms_screen import FormsScreen
from gui.partners_screen import PartnersScreen
from gui.propagation_screen import PropagationScreen
from gui.simple_table import OVERDUE_COLOUR
from models.compliance import ConsentRecord, FormVersion
from models.database import Database
from models.partners import Partner, PropagationNotice, Transmission
from services.compliance.consents import record_consent
from services.compliance.forms import create_form
from services.compliance.oppositions import record_opposition
from services.core.moments import business_date
from tests.compliance_helpers import make_partner, transmit
from tests.compliance_ui import FakeUi
from tests.helpers import make_contact

PARIS = ZoneInfo("Europe/Paris")  # the business's zone (setting business.timezone)


def test_forms_screen_creates_a_form_and_prints_it(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """New form through the dialog, then « Imprimer en PDF » writes the A4 file chosen by the user."""
    ui = FakeUi(save_path=tmp_path / "f.pdf")
    screen = FormsScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.new_form()
    d = screen.dialog
    qtbot.keyClicks(d.name, "Comptoir")
    qtbot.keyClicks(d.purpose, "Vous envoyer nos offres")
    qtbot.keyClicks(d.categories, "Cuisinistes; Assureurs")
    d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert ui.errors == [] and screen.table.model_.rowCount() == 1
    assert "Je m'oppose" in screen.preview.toPlainText()
    with sqlite_db.session() as s:
        ref = make_contact(s).ref
    screen.print_for.setText(ref)
    screen.print_selected()
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    assert f"Réf. {ref}" in PdfReader(tmp_path / "f.pdf").pages[0].extract_text()
    screen.print_for.setText("C-999999")
    screen.print_selected()
    assert "C-999999" in ui.errors[-1]


def test_forms_screen_edit_of_a_used_version_makes_version_2(qtbot, sqlite_db: Database) -> None:
    """Editing a version a consent points to leaves it untouched and adds version 2."""
    with sqlite_db.session() as s:
        v = create_form(s, "Comptoir", "counter", "Offres")
        record_consent(
            s,
            make_contact(s).id,
            v.id,
            refuse_post=True,
            recorded_on=datetime(2026, 11, 2, tzinfo=PARIS),
            channel="counter",
        )
    screen = FormsScreen(sqlite_db, FakeUi())
    qtbot.addWidget(screen)
    screen.table.selectRow(0)
    screen.edit_selected()
    assert "nouvelle version" in screen.dialog.notice.text()
    screen.dialog.purpose.setText("Offres et invitations")
    screen.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    with sqlite_db.session() as s:
        assert [(x.number, x.purpose) for x in s.scalars(select(FormVersion).order_by(FormVersion.number))] == [
            (1, "Offres"), (2, "Offres et invitations")]  # fmt: skip


def test_partners_screen_adds_a_partner_shows_exclusions_and_shares(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:
    """Add a partner, see who is excluded and why, write the file in the background, see the transmission."""
    with sqlite_db.session() as s:
        v = create_form(s, "Comptoir", "counter", "Offres", "Cuisinistes")
        ok = make_contact(s)
        record_consent(
            s,
            ok.id,
            v.id,
            refuse_partners=False,
            recorded_on=datetime(2026, 11, 2, tzinfo=PARIS),
            channel="counter",
        )
        make_contact(s, last_name="Jamais", email="j@x.fr", mobile="")
    ui = FakeUi(save_path=tmp_path / "t.xlsx")
    screen = PartnersScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.add()
    d = screen.dialog
    qtbot.keyClicks(d.name, "Cuisines Martin")
    qtbot.keyClicks(d.category, "Cuisinistes")
    qtbot.keyClicks(d.email, "rgpd@martin.example")
    d.accept()
    assert ui.errors == [] and screen.table.model_.rowCount() == 1
    assert "<b>1</b> contact transmissible à" in screen.plan_label.text()
    assert screen.excluded.model_.item(0, 4).text().startswith("pas informé")
    screen.share_selected()
    qtbot.waitUntil(lambda: screen.transmissions.model_.rowCount() == 1, timeout=5000)
    with sqlite_db.session() as s:
        assert s.scalars(select(Transmission)).one().contact_count == 1
    assert (tmp_path / "t.xlsx").exists()


def test_propagation_screen_highlights_overdue_and_sends(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """An overdue notice is red and announced; sending writes the letter and list and clears it."""
    with sqlite_db.session() as s:
        c = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [c.id])
        record_opposition(s, c.id, "all", "slip", date(2026, 11, 2))
    ui = FakeUi(directory=tmp_path)
    screen = PropagationScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    assert "1 notification en retard" in screen.banner.text()
    assert screen.table.model_.item(0, 0).background().color() == OVERDUE_COLOUR
    # Issue 15: the person and the partner by name, and the acknowledgement date says what it is.
    assert [screen.table.model_.item(0, c).text() for c in (1, 2, 3)] == [
        "C-000001",
        "Mme Claire MARTIN",
        "Alpha",
    ]
    assert screen.ack_date in [label.buddy() for label in screen.findChildren(QLabel)]
    screen.table.selectRow(0)
    screen.send_selected_partner()
    assert (
        ui.errors == [] and len(list(tmp_path.glob("*.pdf"))) == 1 and len(list(tmp_path.glob("*.xlsx"))) == 1
    )
    assert screen.table.model_.rowCount() == 0 and "Aucune notification en retard" in screen.banner.text()
    screen.filter.setCurrentIndex(screen.filter.findData(""))
    screen.table.selectRow(0)
    screen.acknowledge_selected()
    with sqlite_db.session() as s:
        assert s.scalars(select(PropagationNotice)).one().acknowledged_on == business_date()


def test_propagation_screen_records_a_partner_file(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """A partner's list in our shape becomes an opposition and an onward notice to the other partner."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Référence"])
    with sqlite_db.session() as s:
        c = make_contact(s)
        alpha, beta = make_partner(s, "Alpha"), make_partner(s, "Beta")
        transmit(s, alpha, [c.id])
        transmit(s, beta, [c.id])
        book.active.append([c.ref])
        alpha_id = alpha.id
    book.save(tmp_path / "n.xlsx")
    ui = FakeUi()
    screen = PropagationScreen(sqlite_db, ui)
    qtbot.addWidget(screen)
    screen.record_partner_file(alpha_id, tmp_path / "n.xlsx", "all", date(2026, 11, 27))
    assert ui.errors == [] and "1 opposition" in ui.infos[0]
    with sqlite_db.session() as s:
        n = s.scalars(select(PropagationNotice)).one()
        assert s.get(Partner, n.partner_id).name == "Beta"


def test_consent_dialog_records_the_ticked_boxes(qtbot, sqlite_db: Database) -> None:
    """Ticking the business opt-in and one partner category records them; unticked boxes are « no »."""
    with sqlite_db.session() as s:
        create_form(s, "Comptoir", "counter", "Offres", "Cuisinistes;Assureurs")
        cid = make_contact(s).id
    dialog = ConsentDialog(sqlite_db, FakeUi(), cid)
    qtbot.addWidget(dialog)
    dialog.choices.boxes["accept_phone"].setChecked(True)
    dialog.choices.boxes["accept_phone_partner:Assureurs"].setChecked(True)
    dialog.choices.proof.setText("formulaire papier signé, classeur 3")  # QTest types ASCII only
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    with sqlite_db.session() as s:
        r = s.scalars(select(ConsentRecord)).one()
        assert (r.accept_phone, r.refuse_post, r.refuse_partners) == (True, False, False)
        assert json.loads(r.accepted_partner_categories) == ["Assureurs"]
        assert r.proof == "formulaire papier signé, classeur 3"


def test_main_window_opens_the_compliance_sections(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """Formulaires, Partenaires, Oppositions and Notifications open their screens from the sidebar actions."""
    from gui.main_window import MainWindow

    window = MainWindow(sqlite_db, FakeUi())
    qtbot.addWidget(window)
    window.show()
    for key, name in (("forms", "FormsScreen"), ("partners", "PartnersScreen"),
                      ("propagation", "PropagationScreen"), ("oppositions", "OppositionsScreen")):  # fmt: skip
        window._section_actions[key].trigger()
        assert type(window.stack.currentWidget()).__name__ == name
    assert window.focusWidget() is window.stack.currentWidget().ref_edit
    window.grab().save(str(tmp_path / "window.png"))


def test_contact_dialog_opens_the_consent_dialog_and_refreshes_history(
    qtbot, sqlite_db: Database, monkeypatch
) -> None:
    """« Choix et consentements… » on a contact opens the consent dialog for it; the history then shows the record."""
    import gui.consent_dialog
    from gui.contact_dialog import ContactDialog

    with sqlite_db.session() as s:
        v = create_form(s, "Comptoir", "counter", "Offres")
        cid = make_contact(s).id

    def fake_open(db, ui, contact_id, parent=None) -> bool:
        with db.session() as s:
            record_consent(
                s,
                contact_id,
                v.id,
                refuse_post=True,
                recorded_on=datetime(2026, 11, 2, tzinfo=PARIS),
                channel="counter",
            )
        return True

    monkeypatch.setattr(gui.consent_dialog, "open_consent_dialog", fake_open)
    dialog = ContactDialog(sqlite_db, FakeUi(), cid)
    qtbot.addWidget(dialog)
    button = next(b for b in dialog.buttons.buttons() if "consentements" in b.text())
    button.click()
    texts = [dialog.history.topLevelItem(i).text(1) for i in range(dialog.history.topLevelItemCount())]
    assert any("refus courrier : oui" in t for t in texts)
