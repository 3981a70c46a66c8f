"""The home page (issue 14): « À faire » on a base with known late and due items — each count as the user
reads it, each click landing on its screen already filtered —, the badges, « Rien en retard. », the charts
after the counts, the PDF, the demo base's title and band, and the first start's assistant on an empty base."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from gui import app as gui_app
from gui.main_window import MainWindow
from models.database import Database
from services.compliance.dashboard import TEXTS, in_french
from services.core.demo_base import mark_demo
from services.core.moments import business_date
from services.core.settings import set_settings
from tests.dashboard_helpers import EXPECTED, IDENTITY, build_overdue_base
from tests.gui_fakes import FakeDialogs
from tests.helpers import make_contact


@pytest.fixture(autouse=True)
def window_settings(data_home) -> None:  # type: ignore[no-untyped-def]
    gui_app.configure_settings()


class SavingDialogs(FakeDialogs):
    """Answers « save as » with a file in the test's folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.asked: list[str] = []

    def ask_save_path(
        self, title: str, filters: str, suggested_name: str = "", purpose: str = "save"
    ) -> Path | None:
        self.asked.append(suggested_name)
        return self.folder / suggested_name


def open_home(qtbot, db: Database, ui: FakeDialogs | None = None):  # type: ignore[no-untyped-def]
    window = MainWindow(db, ui or FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    home = window.screen("home")
    qtbot.waitUntil(lambda: not home._counting and home.waiting.isHidden(), timeout=10_000)
    return window, home


def back_home(qtbot, window, home) -> None:  # type: ignore[no-untyped-def]
    """The user comes back to the home page: its counts are read again."""
    window.show_section("home")
    qtbot.waitUntil(lambda: not home._counting, timeout=10_000)


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_each_count_is_read_as_the_service_says_it(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    """Every line the base holds, in the window's French plural forms, the same words as the command line."""
    with sqlite_db.session() as s:
        build_overdue_base(s, business_date())
    window, home = open_home(qtbot, sqlite_db)
    assert window.current_key() == "home"
    shown = {key: line.text() for key, line in home.todo_buttons.items()}
    assert set(shown) == {key for key, n in EXPECTED.items() if n}
    for key, text in shown.items():
        assert text == in_french(TEXTS[key], EXPECTED[key]), key
    assert shown["art14_due"] == "1 personne à informer de l'origine des données dans le mois (art. 14)"
    assert home.nothing.isHidden()
    labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert "Notifications (3)" in labels and "Demandes (3)" in labels and "Contacts (7)" in labels


def test_a_click_lands_on_the_filtered_screen(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    with sqlite_db.session() as s:
        people = build_overdue_base(s, business_date())
    window, home = open_home(qtbot, sqlite_db)

    click(qtbot, home.todo_buttons["art14_late"])
    contacts = window.screen("contacts")
    assert window.current_key() == "contacts"
    assert sorted(contacts.model.ids) == sorted(people["notice_late"])
    assert contacts.view_label.text() == "Liste : Information due (art. 14) en retard"
    assert window.count_label.text() == "3 contacts affichés sur 10"
    click(qtbot, contacts.all_button)
    assert len(contacts.model.ids) == 10 and contacts.view_bar.isHidden()

    back_home(qtbot, window, home)
    click(qtbot, home.todo_buttons["partner_notices_late"])
    notices = window.screen("propagation")
    assert window.current_key() == "propagation"
    assert notices.filter.currentData() == "overdue" and len(notices.table.row_ids()) == 2

    back_home(qtbot, window, home)
    click(qtbot, home.todo_buttons["requests_due"])
    requests = window.screen("requests")
    assert requests.status_filter.currentText() == "À traiter dans les 7 jours"
    assert requests.table.rowCount() == 2

    back_home(qtbot, window, home)
    click(qtbot, home.todo_buttons["consents_expiring"])
    assert contacts.model.ids == people["consent_expiring"]


def test_nothing_late_says_so(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    with sqlite_db.session() as s:
        set_settings(s, IDENTITY)
        make_contact(s, source_date=business_date())
    window, home = open_home(qtbot, sqlite_db)
    assert home.todo_buttons == {}
    assert home.nothing.isVisible() and home.nothing.text() == "Rien en retard."
    assert [window.sidebar.item(i).text() for i in range(3)] == ["Tableau de bord", "Contacts", "Formulaires"]


def test_the_charts_come_after_the_counts(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    with sqlite_db.session() as s:
        build_overdue_base(s, business_date())
    _window, home = open_home(qtbot, sqlite_db)
    qtbot.waitUntil(lambda: home.canvas is not None, timeout=15_000)
    titles = [ax.get_title(loc="left") for ax in home.canvas.figure.get_axes()]
    assert titles == ["Contacts par origine et statut", "Part des contacts", "Courriers envoyés",
                      "Notifications aux partenaires", "Appels par semaine et par résultat"]  # fmt: skip
    assert home.figures["contacts"]["total"] == 10


def test_the_page_exports_to_pdf(qtbot, sqlite_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with sqlite_db.session() as s:
        build_overdue_base(s, business_date())
    ui = SavingDialogs(tmp_path)
    _window, home = open_home(qtbot, sqlite_db, ui)
    click(qtbot, home.export_button)
    out = tmp_path / f"etat-conformite-{business_date():%Y-%m-%d}.pdf"
    qtbot.waitUntil(lambda: bool(ui.infos or ui.errors), timeout=30_000)
    assert ui.errors == [] and ui.infos == [f"État de conformité enregistré : {out}"]
    assert f"État de conformité au {business_date():%d/%m/%Y}" in PdfReader(out).pages[0].extract_text()


def test_a_demo_base_says_so_in_the_title_and_a_band(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    with sqlite_db.session() as s:
        mark_demo(s)
        make_contact(s)
    window, _home = open_home(qtbot, sqlite_db)
    assert "Base de démonstration" in window.windowTitle()
    assert window.demo_band.isVisible() and window.demo_band.text().startswith("Base de démonstration :")


def test_a_real_base_has_no_band(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    window, _home = open_home(qtbot, sqlite_db)
    assert window.demo_band.isHidden() and "démonstration" not in window.windowTitle()


def test_the_first_start_leads_from_the_identity_to_a_printed_form(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """An empty base: the assistant; step 1 saved inline, step 2 proposed and printed, step 3 skipped, then
    the dashboard."""
    ui = SavingDialogs(tmp_path)
    _window, home = open_home(qtbot, sqlite_db, ui)
    assert home.showing_assistant()
    a = home.assistant
    assert [s.state.text() for s in (a.step_identity, a.step_form, a.step_contacts)] == ["À faire"] * 3
    assert not a.print_form_button.isEnabled() and not a.campaign_button.isEnabled()

    fields = a.identity.fields
    qtbot.keyClicks(fields["org.name"], "Quincaillerie Durand")
    fields["org.address"].setPlainText("3 place du Marché\n37000 Tours")
    qtbot.keyClicks(fields["org.rights_contact"], "droits@quincaillerie-durand.fr")
    click(qtbot, a.identity.save_button)
    assert ui.errors == []
    assert a.step_identity.state.text() == "✓ Fait" and a.step_identity.skip_button.isHidden()

    assert a.form_name.text() == "Formulaire de collecte au comptoir"
    qtbot.keyClicks(a.form_categories, "Cuisinistes")
    click(qtbot, a.create_form_button)
    assert a.step_form.state.text() == "✓ Fait" and a.print_form_button.isEnabled()
    click(qtbot, a.print_form_button)
    text = PdfReader(tmp_path / "formulaire-de-collecte.pdf").pages[0].extract_text()
    assert "Quincaillerie Durand" in text and "L223-2" in text and "Cuisinistes" in text

    click(qtbot, a.step_contacts.skip_button)
    assert a.step_contacts.state.text() == "Étape passée : vous pourrez y revenir à tout moment."
    assert a.step_contacts.content.isHidden()
    click(qtbot, a.end_button)
    assert not home.showing_assistant()
    qtbot.waitUntil(lambda: not home._counting, timeout=10_000)
    assert home.nothing.text() == "Rien en retard." and home.nothing.isVisible()


def test_the_assistant_opens_the_import_and_its_steps_follow_the_base(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    window, home = open_home(qtbot, sqlite_db)
    a = home.assistant
    opened = []
    window.import_contacts = lambda: opened.append("import")  # type: ignore[method-assign]
    home.import_requested.disconnect()
    home.import_requested.connect(window.import_contacts)
    click(qtbot, a.import_button)
    assert opened == ["import"]
    with sqlite_db.session() as s:
        make_contact(s)
    home.refresh_counts()
    qtbot.waitUntil(lambda: a.step_contacts.state.text() == "✓ Fait", timeout=10_000)
    assert a.campaign_button.isEnabled()
    click(qtbot, a.campaign_button)
    assert window.current_key() == "campaigns"


def test_a_change_made_anywhere_shows_in_the_counts_without_coming_back(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    """An objection recorded (here by a background session, as a task would) while the home page is shown:
    the Notifications badge follows within a moment, without a visit nor the 30-second timer."""
    from services.compliance.oppositions import record_opposition
    from tests.compliance_helpers import make_partner, transmit

    with sqlite_db.session() as s:
        c = make_contact(s)
        transmit(s, make_partner(s, "Alpha"), [c.id])
        contact_id = c.id
    window, home = open_home(qtbot, sqlite_db)
    home.timer.stop()  # not the periodic recount
    labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert "Notifications" in labels
    with sqlite_db.session() as s:
        record_opposition(s, contact_id, "all", "letter", business_date())
    notifications = labels.index("Notifications")
    qtbot.waitUntil(lambda: window.sidebar.item(notifications).text() == "Notifications (1)", timeout=5_000)
    assert window.current_key() == "home"
