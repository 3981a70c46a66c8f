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
