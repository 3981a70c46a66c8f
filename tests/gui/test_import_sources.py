"""Issue 18 in the window: the tool recognised, vCards as rows, mapping files, the « à vérifier » mark."""

from __future__ import annotations

import json
import os
from pathlib import Path

from gui.contact_dialog import ContactDialog
from gui.contacts_model import COL_LAST, COL_TO_CHECK
from gui.contacts_screen import ContactsScreen
from gui.import_wizard import ImportWizard
from models.database import Database
from services.contacts.to_check import mark_to_check
from tests.gui.test_import_wizard import FakeUI
from tests.gui_fakes import FakeDialogs
from tests.helpers import make_contact
from tests.importing.layouts import GOOGLE, IPHONE_VCF, row, write_csv

SHOTS = os.environ.get("WEBLEADS_SHOTS", "")  # a folder: the tests also save what they show (1280×800)


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.resize(1280, 800)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _wizard(qtbot, db: Database, ui: FakeUI, path: Path) -> ImportWizard:
    wizard = ImportWizard(db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.resize(1280, 800)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    return wizard


def test_google_export_is_recognised_and_mapping_exported_and_loaded(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:
    """« Export Google Contacts reconnu » is shown, the columns set from it; the mapping goes to a JSON
    file and comes back from it."""
    path = write_csv(tmp_path / "contacts.csv", GOOGLE, [
        row(GOOGLE, **{"First Name": "Jean", "Last Name": "Dupont", "E-mail 1 - Label": "* Home",
                       "E-mail 1 - Value": "jean@example.fr", "Phone 1 - Value": "06 12 34 56 78",
                       "Address 1 - City": "Lyon", "Address 1 - Postal Code": "69002"}),
    ])  # fmt: skip
    ui = FakeUI(save_to=tmp_path / "correspondance.json")
    wizard = _wizard(qtbot, sqlite_db, ui, path)
    wizard.next()
    page = wizard.mapping_page
    assert page.recognised.isVisible()
    assert page.recognised.text().startswith("✔ Export Google Contacts reconnu")
    assert wizard.mapping["E-mail 1 - Value"] == "email" and wizard.mapping["E-mail 1 - Label"] == ""
    _shot(wizard, "wizard-google-reconnu")
    page.export_mapping()
    saved = json.loads((tmp_path / "correspondance.json").read_text(encoding="utf-8"))
    assert saved["columns"]["Address 1 - Postal Code"] == "postcode"
    page.set_field("Address 1 - City", "")
    ui.ask_open_path = lambda *a, **k: tmp_path / "correspondance.json"  # type: ignore[method-assign]
    page.load_mapping()
    assert wizard.mapping["Address 1 - City"] == "city" and not ui.errors


def test_vcard_cards_shown_as_rows(qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    """An iPhone's .vcf: each card is a row of the preview, under French headers."""
    path = tmp_path / "iphone.vcf"
    path.write_text(IPHONE_VCF, encoding="utf-8")
    ui = FakeUI()
    wizard = _wizard(qtbot, sqlite_db, ui, path)
    preview = wizard.sheet_page.preview
    assert preview.rowCount() == 2 and preview.horizontalHeaderItem(2).text() == "Nom"
    assert preview.item(1, 2).text() == "Dubois" and preview.item(0, 4).text() == "Boulangerie Martin"
    _shot(wizard, "wizard-vcard-lignes")
    wizard.next()
    assert wizard.mapping_page.recognised.text().startswith("✔ Carnet d'adresses vCard reconnu")
    _shot(wizard, "wizard-vcard-colonnes")


def test_to_check_mark_in_list_and_record(qtbot, sqlite_db: Database) -> None:
    """The list marks the contact « à vérifier »; the record shows why; saving clears it."""
    with sqlite_db.session() as s:
        c = make_contact(s, last_name="Peeters", first_name="Sophie", email="s@example.be", mobile="")
        make_contact(s, last_name="Aubert", email="a@example.fr", mobile="")
        mark_to_check(
            c, ["Code postal à 4 chiffres « 1000 » : pays à vérifier (Belgique, Suisse, Luxembourg… ?)."]
        )
        cid = c.id
    screen = ContactsScreen(sqlite_db, FakeDialogs())
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    model = screen.model
    marks = {
        model.index(r, COL_LAST).data(): model.index(r, COL_TO_CHECK).data() for r in range(model.rowCount())
    }
    assert marks == {"PEETERS": "⚠ À vérifier", "AUBERT": ""}
    _shot(screen, "contacts-a-verifier")
    dialog = ContactDialog(sqlite_db, FakeDialogs(), cid)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    assert dialog.to_check.isVisible() and "pays à vérifier" in dialog.to_check.text()
    _shot(dialog, "fiche-a-verifier")
    dialog.accept()
    screen.model.reload()
    marks = [model.index(r, COL_TO_CHECK).data() for r in range(model.rowCount())]
    assert marks == ["", ""]
