"""The Campaigns screen driven like a user: check, see the excluded, generate, preview, templates, set-up."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from gui.campaigns_screen import CampaignsScreen
from models.campaign import Campaign
from models.database import Database
from models.postal import LetterTemplateVersion, PrinterOffset
from services.compliance.oppositions import record_opposition
from services.core.settings import set_settings
from tests.helpers import make_contact


class FakeUi:
    """The dialog facade, answering like a user would and recording what was shown."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.confirmations: list[str] = []

    def show_error(self, message: str, title: str = "") -> None:
        self.errors.append(message)

    def show_info(self, message: str, title: str = "") -> None:
        self.infos.append(message)

    def confirm(self, message: str, title: str = "", ok_label: str = "") -> bool:
        self.confirmations.append(message)
        return True

    def ask_directory(self, title: str, purpose: str = "folder") -> Path | None:
        return self.folder


def make_screen(qtbot, db: Database, tmp_path: Path) -> tuple[CampaignsScreen, FakeUi]:  # type: ignore[no-untyped-def]
    ui = FakeUi(tmp_path)
    screen = CampaignsScreen(db, ui)  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.resize(1200, 760)
    screen.refresh()
    screen.show()
    return screen, ui


def test_the_first_visit_shows_the_sheets_templates_and_window(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: built for the first time (as the window builds it, without a refresh), the screen already
    lists the label sheets and letter templates, and the envelope window's position is the setting's."""
    screen = CampaignsScreen(sqlite_db, FakeUi(tmp_path))  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    assert screen.template.count() >= 10 and screen.template.currentData() == "L7160"
    assert screen.letter.count() >= 1 and screen.letter.currentText()
    assert screen.setup.source.count() >= 10
    assert screen.setup.window_left.value() > 0 and screen.setup.window_top.value() > 0


def test_campaign_from_check_to_preview(qtbot, sqlite_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The secretary checks, sees the objected person excluded with the reason, generates, previews."""
    with sqlite_db.session() as s:
        set_settings(s, {"org.name": "Jardinerie Lefèvre", "org.address": "3 place Bellecour\n69002 Lyon"})
        make_contact(s, last_name="Martin", postcode="69002")
        make_contact(s, last_name="Durand", first_name="Zoé", postcode="75002", city="Paris")
        opposed = make_contact(s, last_name="Refuse", postcode="69001")
        s.flush()
        record_opposition(s, opposed.id, "post", "letter", date(2026, 6, 1))
    screen, ui = make_screen(qtbot, sqlite_db, tmp_path)
    qtbot.keyClicks(screen.name, "Offres d'automne")
    qtbot.mouseClick(screen.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.decision is not None, timeout=20_000)
    assert screen.excluded.rowCount() == 1
    assert screen.excluded.data(screen.excluded.index(0, 4)) == "Opposé à la prospection par courrier"
    assert "2 courriers pour 2 personnes ; 1 exclue." in screen.summary.text()
    screen.grab().save(str(tmp_path / "campaign-check.png"))

    qtbot.mouseClick(screen.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.last_outcome is not None or bool(ui.errors), timeout=30_000)
    assert ui.errors == []
    assert screen.tabs.currentIndex() == 1
    assert screen.preview.document.pageCount() == 1  # one sheet of labels
    qtbot.mouseClick(screen.show_letters, Qt.MouseButton.LeftButton)
    assert screen.preview.document.pageCount() == 2  # one letter each
    assert not screen.preview.image.pixmap().isNull()
    assert {p.name for p in tmp_path.iterdir()} >= {"labels.pdf", "letters.pdf", "excluded.xlsx"}
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 1
    if os.environ.get("WEBLEADS_SCREENSHOTS"):
        screen.grab().save(os.path.join(os.environ["WEBLEADS_SCREENSHOTS"], "campaign-preview.png"))


def test_generate_without_name_asks_for_it(qtbot, sqlite_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """No name: a French message, nothing recorded."""
    with sqlite_db.session() as s:
        make_contact(s)
    screen, ui = make_screen(qtbot, sqlite_db, tmp_path)
    qtbot.mouseClick(screen.generate_button, Qt.MouseButton.LeftButton)
    assert ui.errors == ["Donnez un nom à la campagne."]
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0


def test_template_editor_saves_a_version_and_refuses_a_bad_one(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Editing the body and saving makes version 2; an unknown field is refused with a message."""
    screen, ui = make_screen(qtbot, sqlite_db, tmp_path)
    editor = screen.templates_editor
    editor.editors["body"].setPlainText("{{ formule_appel }},\n\nNouvelle offre pour {{ prenom }}.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.version.text() == "Courrier standard v2"
    editor.editors["body"].setPlainText("{{ inconnu }}")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "champ inconnu « inconnu »" in ui.errors[-1]
    with sqlite_db.session() as s:
        assert s.scalar(select(func.max(LetterTemplateVersion.number))) == 2


def test_template_editor_inserts_fields_by_name_and_previews_the_letter(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: fields listed by their French names (the code underneath), inserted from a menu; the letter
    previewed live for a chosen person, with the notice they are owed; an objector gets no letter."""
    from services.compliance.oppositions import record_opposition

    with sqlite_db.session() as s:
        claire = make_contact(s)  # Mme Claire MARTIN, Lyon
        paul = make_contact(s, first_name="Paul", last_name="Durand", email="paul@example.fr", mobile="")
        record_opposition(s, paul.id, "post", "letter", date(2026, 11, 2))
    screen, _ui = make_screen(qtbot, sqlite_db, tmp_path)
    editor = screen.templates_editor
    names = [editor.fields.item(i).text() for i in range(editor.fields.count())]
    assert "{{" not in " ".join(names) and any("Nom" in n for n in names)
    body = editor.editors["body"]
    body.setPlainText("Bonjour ")
    body.moveCursor(body.textCursor().MoveOperation.End)
    prenom = next(a for a in editor.insert_button.menu().actions() if a.text().startswith("Prénom"))
    prenom.trigger()
    assert body.toPlainText() == "Bonjour {{ prenom }}"
    editor.update_preview()  # the first contact by default
    shown = editor.preview.toPlainText()
    assert "Bonjour Claire" in shown and "MARTIN" in shown and "Vos données personnelles" in shown
    editor.preview_ref.setText(f"C-{paul.id:06d}")
    editor.update_preview()
    assert "ne recevrait pas ce courrier" in editor.preview.toPlainText()
    body.setPlainText("{{ inconnu }}")
    editor.preview_ref.setText(f"C-{claire.id:06d}")
    editor.update_preview()
    assert "champ inconnu « inconnu »" in editor.preview.toPlainText()


def test_label_setup_custom_template_offset_and_calibration(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The custom template editor saves a sheet; the printer offset is kept; calibration shows in preview."""
    screen, ui = make_screen(qtbot, sqlite_db, tmp_path)
    setup = screen.setup
    setup.code.setText("MAISON-21")
    qtbot.mouseClick(setup.save_template_button, Qt.MouseButton.LeftButton)
    assert ui.errors == [] and "MAISON-21" in ui.infos[-1]
    assert screen.template.findData("MAISON-21") >= 0
    setup.dx.setValue(1.5)
    setup.dy.setValue(-0.5)
    setup.save_offset()
    with sqlite_db.session() as s:
        row = s.get(PrinterOffset, setup.printer.currentText())
        assert (row.dx_mm, row.dy_mm) == (1.5, -0.5)
    setup.calibration_page()
    assert screen.tabs.currentIndex() == 1 and screen.preview.document.pageCount() == 1
    setup.window_test_page()
    assert "fenêtre" in screen.preview.title.text()


def test_notice_only_campaign_writes_only_to_those_owed_the_notice(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """docs/rules.md §3.2: « Information seule » picks the information letter and keeps only the people
    whose data came from others and who were never informed."""
    with sqlite_db.session() as s:
        set_settings(s, {"org.name": "Jardinerie Lefèvre", "org.address": "3 place Bellecour\n69002 Lyon"})
        make_contact(s, last_name="Comptoir", postcode="69002")
        make_contact(
            s, last_name="Courtier", postcode="69003", source_kind="broker", source_name="Fichier 2026"
        )
    screen, _ui = make_screen(qtbot, sqlite_db, tmp_path)
    qtbot.keyClicks(screen.name, "Information art. 14")
    screen.notice_only.setChecked(True)
    assert screen.letter.currentText() == "Information sur vos données"
    assert screen.request().notice_only
    qtbot.mouseClick(screen.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.decision is not None, timeout=20_000)
    assert "1 courrier pour 1 personne" in screen.summary.text()


def test_a_click_on_the_sheet_picks_the_first_free_label(qtbot, sqlite_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 15 (as gLabels does): the sheet is drawn to scale; a click on a label makes it the first free one,
    and the field and the drawing stay in step."""
    from PySide6.QtCore import QPoint, Qt

    screen, _ui = make_screen(qtbot, sqlite_db, tmp_path)
    sheet = screen.sheet
    assert sheet.template is not None and sheet.template.code == "L7160"  # 3 × 7
    scale, left, top = sheet._scale()
    x, y, w, h = sheet.template.label_rect(7)  # the 8th label: 3rd row, 2nd column
    qtbot.mouseClick(sheet, Qt.MouseButton.LeftButton, pos=QPoint(int(left + (x + w / 2) * scale),
                                                                  int(top + (y + h / 2) * scale)))  # fmt: skip
    assert screen.start_at.value() == 8 and sheet.first == 8
    screen.start_at.setValue(3)
    assert sheet.first == 3
    assert sheet.label_at(0, 0) is None  # the page's margin is no label


def test_doubtful_addresses_are_shown_before_printing_and_can_be_set_aside(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: a Berlin address imported as France prints anyway — unless the check lists the recipients
    « à vérifier » with their doubts, each openable to fix or set aside (then excluded, with the reason)."""
    from services.contacts.to_check import mark_to_check

    with sqlite_db.session() as s:
        make_contact(s)
        berlin = make_contact(s, first_name="Hans", last_name="Müller", email="h@example.de", mobile="")
        mark_to_check(berlin, ["pays deviné : France (adresse peut-être étrangère)"])
    screen, _ui = make_screen(qtbot, sqlite_db, tmp_path)
    screen.name.setText("Automne")
    screen.check()
    qtbot.waitUntil(lambda: screen.decision is not None, timeout=10000)
    assert screen.doubts_box.isVisible() or not screen.isVisible()
    assert [d.contact_id for d in screen.doubts] == [berlin.id]
    assert screen.doubts_view.model_.item(0, 2).text() == "pays deviné : France (adresse peut-être étrangère)"
    screen.doubts_view.selectRow(0)
    screen.set_doubt_aside()
    qtbot.waitUntil(lambda: screen.doubts == [], timeout=10000)
    assert screen.decision is not None and screen.decision.letters == 1
    assert [(e.contact_id, e.reason) for e in screen.decision.excluded] == [(berlin.id, "set_aside")]
    assert not screen.doubts_box.isVisible()


def test_the_draft_shows_the_real_pdfs_marked_and_records_nothing(
    qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: « Aperçu en brouillon » shows the labels and letters, marked « BROUILLON », before anything is
    recorded; « Créer la campagne » stays the only thing that records."""
    from models.campaign import Campaign

    monkeypatch.setenv("WEBLEADS_HOME", str(tmp_path / "home"))
    with sqlite_db.session() as s:
        set_settings(
            s, {"org.name": "Dupont", "org.address": "1 rue X 69001 Lyon", "org.rights_contact": "d@x.fr"}
        )
        make_contact(s)
    screen, ui = make_screen(qtbot, sqlite_db, tmp_path)
    screen.name.setText("Automne")
    screen.draft_button.click()
    qtbot.waitUntil(lambda: screen.last_outcome is not None or bool(ui.errors), timeout=20000)
    assert ui.errors == [] and screen.tabs.currentIndex() == 1
    assert screen.output_label.text().startswith("Brouillon — rien n'a été enregistré : 1 courrier")
    assert screen.last_outcome is not None and (screen.last_outcome.folder / "letters.pdf").is_file()
    with sqlite_db.session() as s:
        assert s.query(Campaign).count() == 0
