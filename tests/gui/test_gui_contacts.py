"""The Contacts section driven like a user would: search, sort, create, edit, delete."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import QDialog

from gui.app import configure_settings
from gui.contact_dialog import ContactDialog
from gui.contacts_model import (
    COL_CITY,
    COL_LAST,
    COL_LAST_CONTACT,
    COL_PHONE,
    COL_REF,
    COL_TO_CHECK,
    PAGE_SIZE,
    ContactsModel,
    IdRole,
    SortRole,
)
from gui.contacts_screen import ContactsScreen
from models.contact import Contact
from models.database import Database, DatabaseError
from services.contacts.demo import add_demo_contacts
from services.contacts.lookup import get_contact
from services.contacts.search_pages import FIRST_PAGE
from tests.gui_fakes import FakeDialogs
from tests.helpers import make_contact


@pytest.fixture(autouse=True)
def window_settings(data_home) -> None:
    """QSettings of each test live in its own data folder; the locale is French, as the app sets it."""
    configure_settings()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))


@pytest.fixture
def three(sqlite_db: Database) -> dict[str, int]:
    with sqlite_db.session() as s:
        ids = {
            "martin": make_contact(s).id,
            "dupont": make_contact(
                s, civility="M.", first_name="paul", last_name="Dupont", postcode="75011", city="Paris",
                mobile="07 11 22 33 44", email="paul@example.fr", last_contact_on=date(2026, 5, 2),
            ).id,
            "durand": make_contact(
                s, first_name="Léa", last_name="Durand", company="Fleurs d'Océane", postcode="13001",
                city="Marseille", mobile="", phone="04 91 00 00 01", email="",
            ).id,
        }  # fmt: skip
    return ids


def shown(model: ContactsModel, column: int = COL_LAST) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def make_screen(qtbot, db: Database, ui: FakeDialogs | None = None) -> ContactsScreen:
    screen = ContactsScreen(db, ui or FakeDialogs())
    qtbot.addWidget(screen)
    screen.resize(1100, 500)
    screen.show()
    return screen


def test_typing_in_search_box_filters_the_table(qtbot, sqlite_db: Database, three) -> None:
    """Each keystroke re-runs the SQL search: 'du' keeps Dupont and Durand, 'dup' only Dupont."""
    screen = make_screen(qtbot, sqlite_db)
    assert shown(screen.model) == ["DUPONT", "DURAND", "MARTIN"]
    qtbot.keyClicks(screen.search, "du")
    qtbot.waitUntil(lambda: shown(screen.model) == ["DUPONT", "DURAND"])
    qtbot.keyClicks(screen.search, "p")
    qtbot.waitUntil(lambda: shown(screen.model) == ["DUPONT"])
    screen.search.clear()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)


def test_search_finds_city_phone_and_reference(qtbot, sqlite_db: Database, three) -> None:
    """The box matches a city without accents, a phone typed with dots, and a C-000123 reference."""
    screen = make_screen(qtbot, sqlite_db)
    for text, expected in (
        ("marseille", ["DURAND"]),
        ("07.11.22", ["DUPONT"]),
        (f"C-{three['martin']:06d}", ["MARTIN"]),
        ("oceane", ["DURAND"]),
    ):
        screen.search.setText(text)
        qtbot.waitUntil(lambda e=expected: shown(screen.model) == e)


def test_rows_show_reference_phone_and_locale_date(qtbot, sqlite_db: Database, three) -> None:
    """The table shows the reference, the phone in French format, the date in the French locale."""
    screen = make_screen(qtbot, sqlite_db)
    model = screen.model
    row = model.row_of(three["dupont"])
    assert model.index(row, COL_REF).data() == f"C-{three['dupont']:06d}"
    assert model.index(row, COL_PHONE).data() == "07 11 22 33 44"
    assert model.index(row, COL_LAST_CONTACT).data() == "02/05/2026"
    assert model.index(row, COL_LAST_CONTACT).data(SortRole) == date(2026, 5, 2)
    assert model.index(row, COL_REF).data(SortRole) == three["dupont"]
    assert model.index(row, COL_CITY).data(IdRole) == three["dupont"]
    durand = model.row_of(three["durand"])
    assert model.index(durand, COL_PHONE).data() == "04 91 00 00 01"  # no mobile: the landline


def test_clicking_a_column_header_sorts_through_sql(qtbot, sqlite_db: Database, three) -> None:
    """Sorting by city re-runs the query in that order, both ways."""
    screen = make_screen(qtbot, sqlite_db)
    screen.table.sortByColumn(COL_CITY, Qt.SortOrder.AscendingOrder)
    assert shown(screen.model, COL_CITY) == ["Lyon", "Marseille", "Paris"]
    screen.table.sortByColumn(COL_CITY, Qt.SortOrder.DescendingOrder)
    assert shown(screen.model, COL_CITY) == ["Paris", "Marseille", "Lyon"]
    assert (screen.model.sort_key, screen.model.descending) == ("city", True)


def test_model_passes_qt_model_tester(qtmodeltester, sqlite_db: Database, three) -> None:
    """The contacts model follows Qt's model contract (rows, columns, roles, resets)."""
    model = ContactsModel(sqlite_db)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    model.set_search("paris")
    qtmodeltester.check(model, force_py=True)


def test_model_fetches_rows_by_pages(sqlite_db: Database) -> None:
    """Only the pages that are looked at are read from SQL and cached."""
    with sqlite_db.session() as s:
        add_demo_contacts(s, PAGE_SIZE * 2 + 10)
    model = ContactsModel(sqlite_db)
    model.reload()
    assert model.rowCount() == FIRST_PAGE and model.canFetchMore(QModelIndex())  # the ids too, by pages
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE * 2 + 10 and model.complete
    assert model.index(PAGE_SIZE * 2 + 5, COL_LAST).data()
    assert set(model._pages) == {2}
    assert model.index(0, COL_LAST).data()
    assert set(model._pages) == {0, 2}


def fill_new_contact(dialog: ContactDialog) -> None:
    dialog.combo("civility").setCurrentIndex(dialog.combo("civility").findData("Mme"))
    dialog.line("first_name").setText("jeanne")
    dialog.line("last_name").setText("Lefort")
    dialog.line("address_street").setText("3 place Bellecour")
    dialog.line("postcode").setText("69002")
    dialog.line("city").setText("Lyon")
    dialog.line("mobile").setText("06.98.76.54.32")
    dialog.line("tags").setText("salon 2026, VIP")
    dialog.combo("source_kind").setCurrentIndex(dialog.combo("source_kind").findData("direct"))
    dialog.line("source_name").setText("Salon de l'habitat")
    dialog.date_field("source_date").set_value(date(2026, 10, 3))


def test_creating_a_contact_in_the_dialog_saves_it(qtbot, sqlite_db: Database) -> None:
    """The new-contact form saves every field, normalised by the service, with its source."""
    dialog = ContactDialog(sqlite_db, FakeDialogs())
    qtbot.addWidget(dialog)
    fill_new_contact(dialog)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with sqlite_db.session() as s:
        c = get_contact(s, dialog.saved_id or 0)
        assert (c.civility, c.first_name, c.last_name, c.city) == ("Mme", "Jeanne", "LEFORT", "Lyon")
        assert c.mobile == "+33698765432"
        assert c.tag_names == ["VIP", "salon 2026"]
        assert (c.source_kind, c.source_name, c.source_date) == (
            "direct",
            "Salon de l'habitat",
            date(2026, 10, 3),
        )


def test_missing_source_shows_messages_next_to_fields_and_saves_nothing(qtbot, sqlite_db: Database) -> None:
    """Without a source the form stays open, says what is missing beside each field, writes nothing."""
    dialog = ContactDialog(sqlite_db, FakeDialogs())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.line("last_name").setText("Sans Source")
    dialog.line("email").setText("pas-une-adresse")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "obligatoire" in dialog.errors["source_kind"].text()
    assert not dialog.errors["source_kind"].isHidden()
    assert "pas une adresse e-mail valide" in dialog.errors["email"].text()
    assert dialog.errors["last_name"].isHidden()
    with sqlite_db.session() as s:
        assert s.query(Contact).count() == 0


def test_wrong_city_shows_warning_with_suggestions_and_a_click_fills_it(qtbot, sqlite_db: Database) -> None:
    """A city that does not match the postcode is flagged live; clicking a commune fills the city."""
    dialog = ContactDialog(sqlite_db, FakeDialogs())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.line("postcode").setText("69003")
    dialog.line("city").setText("Lion")
    assert not dialog.postcode_warning.isHidden()
    assert "ne correspond pas" in dialog.postcode_warning.text()
    assert "Lyon 3e Arrondissement" in dialog.suggestions
    assert dialog.line("city").text() == "Lion"  # never changed silently
    dialog.postcode_warning.linkActivated.emit("Lyon 3e Arrondissement")  # what a click does
    assert dialog.line("city").text() == "Lyon 3e Arrondissement"
    assert dialog.postcode_warning.isHidden()


def test_unknown_postcode_is_flagged(qtbot, sqlite_db: Database) -> None:
    """A postcode missing from the official list shows a warning; a CEDEX address is not checked."""
    dialog = ContactDialog(sqlite_db, FakeDialogs())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.line("city").setText("Nulle Part")
    dialog.line("postcode").setText("99999")
    assert "inconnu" in dialog.postcode_warning.text()
    assert not dialog.postcode_warning.isHidden()
    dialog.line("cedex").setText("CEDEX 09")
    assert dialog.postcode_warning.isHidden()


def test_stale_edit_shows_other_change_and_does_not_overwrite(qtbot, sqlite_db: Database, three) -> None:
    """Two windows on one contact: the second save is refused, shows the other change, keeps it."""
    cid = three["martin"]
    ui = FakeDialogs()
    first = ContactDialog(sqlite_db, ui, cid)
    second = ContactDialog(sqlite_db, ui, cid)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    second.line("city").setText("Lyon 2e Arrondissement")
    second.accept()
    assert second.result() == QDialog.DialogCode.Accepted
    first.line("email").setText("claire@nouvelle.fr")
    first.accept()
    assert first.result() != QDialog.DialogCode.Accepted
    assert ui.errors and "modifié ailleurs" in ui.errors[-1]
    assert "Lyon 2e Arrondissement" in ui.errors[-1]
    with sqlite_db.session() as s:
        c = get_contact(s, cid)
        assert (c.city, c.email) == ("Lyon 2e Arrondissement", "claire.martin@example.fr")


def test_dialog_shows_reference_and_history(qtbot, sqlite_db: Database, three) -> None:
    """An opened contact shows its reference in the title and its dated history."""
    dialog = ContactDialog(sqlite_db, FakeDialogs(), three["dupont"])
    qtbot.addWidget(dialog)
    ref = f"C-{three['dupont']:06d}"
    assert ref in dialog.windowTitle()
    texts = [dialog.history.topLevelItem(i).text(1) for i in range(dialog.history.topLevelItemCount())]
    assert any("Fiche créée" in t and ref in t for t in texts)
    assert any("Comptoir du magasin" in t for t in texts)
    assert dialog.date_field("last_contact_on").edit.date() == QDate(2026, 5, 2)
    assert dialog.line("mobile").text() == "07 11 22 33 44"


def test_delete_asks_and_cancelling_keeps_the_contact(qtbot, sqlite_db: Database, three) -> None:
    """Del asks for confirmation naming the contact; No keeps it, Yes deletes it."""
    ui = FakeDialogs(confirm_answer=False)
    screen = make_screen(qtbot, sqlite_db, ui)
    screen.select_id(three["dupont"])
    screen.delete_selected()
    assert len(ui.confirms) == 1 and f"C-{three['dupont']:06d}" in ui.confirms[0]
    assert screen.model.rowCount() == 3
    ui.confirm_answer = True
    screen.delete_selected()
    assert shown(screen.model) == ["DURAND", "MARTIN"]
    with sqlite_db.session() as s:
        assert s.get(Contact, three["dupont"]) is None


def test_deleting_a_contact_who_objected_offers_erasure(qtbot, sqlite_db: Database, three) -> None:
    """A contact with an objection is not deleted: the screen offers erasure, which anonymises it."""
    from services.compliance.oppositions import record_opposition

    with sqlite_db.session() as s:
        record_opposition(s, three["dupont"], "post", "slip", date(2026, 11, 2))
    ui = FakeDialogs(confirm_answer=True)
    screen = make_screen(qtbot, sqlite_db, ui)
    screen.select_id(three["dupont"])
    screen.delete_selected()
    assert len(ui.confirms) == 2 and "Effacer le contact" in ui.confirms[1]
    assert ui.errors == [] and "effacé" in ui.infos[0]
    assert shown(screen.model) == ["DURAND", "MARTIN"]
    with sqlite_db.session() as s:
        erased = s.get(Contact, three["dupont"])
        assert erased is not None and erased.erased_at is not None and erased.last_name == ""


def test_enter_and_double_click_open_the_selected_contact(
    qtbot, sqlite_db: Database, three, monkeypatch
) -> None:
    """Enter on the table opens the selected contact's dialog (exec is replaced to record it)."""
    opened: list[int | None] = []
    monkeypatch.setattr(ContactDialog, "exec", lambda self: opened.append(self.contact_id) or 0)
    screen = make_screen(qtbot, sqlite_db)
    screen.select_id(three["durand"])
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened == [three["durand"]]
    index = screen.model.index(screen.model.row_of(three["martin"]), COL_LAST)
    screen.table.doubleClicked.emit(index)
    assert opened == [three["durand"], three["martin"]]


def test_a_page_that_cannot_be_read_is_reported_once(qtbot, sqlite_db: Database, three, monkeypatch) -> None:
    """If the base stops answering while scrolling, one message is shown and the cells stay empty."""
    ui = FakeDialogs()
    screen = make_screen(qtbot, sqlite_db, ui)
    screen.model._pages.clear()

    def broken(session, ids):  # type: ignore[no-untyped-def]
        raise DatabaseError("Serveur de base de données injoignable")

    monkeypatch.setattr("gui.contacts_model.fetch_rows", broken)
    assert screen.model.index(0, COL_LAST).data() is None
    assert screen.model.index(1, COL_LAST).data() is None
    qtbot.waitUntil(lambda: len(ui.errors) == 1)
    assert "injoignable" in ui.errors[0]


def test_escape_on_a_filled_record_asks_before_losing_it(qtbot, sqlite_db: Database) -> None:
    """Issue 15: Échap on a record typed in asks; answering no keeps the record open with what was typed.
    An untouched record closes at once, without a question."""
    ui = FakeDialogs(confirm_answer=False)
    dialog = ContactDialog(sqlite_db, ui)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and ui.confirms == []
    dialog = ContactDialog(sqlite_db, ui)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.line("last_name"), "Durand")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.line("last_name").text() == "Durand"
    assert len(ui.confirms) == 1 and "sans enregistrer" in ui.confirms[0]
    ui.confirm_answer = True
    dialog.close()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    with sqlite_db.session() as s:
        assert s.query(Contact).count() == 0


def test_the_record_says_whether_the_person_may_be_called(qtbot, sqlite_db: Database) -> None:
    """Issue 15: « Peut-on l'appeler ? » on the record gives the call screen's decision, with its reason."""
    with sqlite_db.session() as s:
        cid = make_contact(s, last_name="Sansaccord", person_kind="consumer", mobile="06 12 34 56 78").id
    ui = FakeDialogs()
    dialog = ContactDialog(sqlite_db, ui, cid)
    qtbot.addWidget(dialog)
    button = next(b for b in dialog.buttons.buttons() if "appeler" in b.text().replace("&", ""))
    button.click()
    assert ui.infos == ["Appel interdit : particulier sans consentement à être appelé."]


def test_the_record_follows_the_paper_form(qtbot, sqlite_db: Database) -> None:
    """Issue 15: a new record opens on Nom and Tab goes to Prénom (the paper form's order), then Société."""
    dialog = ContactDialog(sqlite_db, FakeDialogs())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.line("last_name").hasFocus())
    qtbot.keyClick(dialog.line("last_name"), Qt.Key.Key_Tab)
    assert dialog.line("first_name").hasFocus()
    qtbot.keyClick(dialog.line("first_name"), Qt.Key.Key_Tab)
    assert dialog.line("company").hasFocus()


def _fill_new(dialog: ContactDialog, last: str, first: str, postcode: str, email: str = "") -> None:
    dialog.line("last_name").setText(last)
    dialog.line("first_name").setText(first)
    dialog.line("postcode").setText(postcode)
    dialog.line("city").setText("Lyon")
    dialog.line("email").setText(email)
    dialog._set_combo("source_kind", "direct")
    dialog.line("source_name").setText("Comptoir")


def test_a_person_typed_again_is_found_and_opened_instead(qtbot, sqlite_db: Database) -> None:
    """Issue 15: saving someone the base holds (same e-mail; same name at the same postcode) offers their
    record instead of creating a duplicate — the import's duplicate rules."""
    with sqlite_db.session() as s:
        known = make_contact(s).id  # Mme Claire MARTIN, 69002, claire.martin@example.fr
    ui = FakeDialogs(confirm_answer=True)
    dialog = ContactDialog(sqlite_db, ui)
    qtbot.addWidget(dialog)
    _fill_new(dialog, "martin", "claire", "69002")  # no e-mail: the same person at the same postcode
    dialog.accept()
    assert dialog.open_instead == known and not dialog.isVisible()
    assert "même nom au même code postal" in ui.confirms[0] and "C-000001" in ui.confirms[0]
    with sqlite_db.session() as s:
        assert s.query(Contact).count() == 1


def test_a_namesake_elsewhere_is_created_and_a_duplicate_only_when_asked(qtbot, sqlite_db: Database) -> None:
    with sqlite_db.session() as s:
        make_contact(s)
    ui = FakeDialogs()
    dialog = ContactDialog(sqlite_db, ui)
    qtbot.addWidget(dialog)
    _fill_new(dialog, "Martin", "Claire", "75011")  # a namesake in Paris: nobody asks
    dialog.accept()
    assert ui.confirms == [] and dialog.saved_id is not None
    answers = iter([False, True])  # not the existing record: a new one all the same
    ui.confirm = lambda *args: next(answers)  # type: ignore[method-assign]
    again = ContactDialog(sqlite_db, ui)
    qtbot.addWidget(again)
    _fill_new(again, "Dupond", "Paul", "13001", email="CLAIRE.martin@example.fr")  # same e-mail
    again.accept()
    assert again.saved_id is not None and again.open_instead is None
    with sqlite_db.session() as s:
        assert s.query(Contact).count() == 3


def test_the_record_shows_an_objection_at_once(qtbot, sqlite_db: Database) -> None:
    """Issue 15: the record's header says that the person objected (and to what), without opening anything."""
    from services.compliance.oppositions import record_opposition

    with sqlite_db.session() as s:
        cid = make_contact(s).id
        record_opposition(s, cid, "phone", "phone", date(2026, 11, 2))
    dialog = ContactDialog(sqlite_db, FakeDialogs(), cid)
    qtbot.addWidget(dialog)
    assert "Opposé(e) : téléphone" in dialog.header.text()


def test_a_new_person_s_paper_choices_are_saved_with_the_person(qtbot, sqlite_db: Database) -> None:
    """Issue 15: the shopkeeper records the boxes ticked on the paper form while creating the contact —
    one save, one transaction — instead of saving, reopening and three dialogs deep."""
    import json

    from models.compliance import ConsentRecord
    from services.compliance.forms import create_form

    with sqlite_db.session() as s:
        create_form(s, "Comptoir", "counter", "Offres", "Cuisinistes")
    dialog = ContactDialog(sqlite_db, FakeDialogs())
    qtbot.addWidget(dialog)
    _fill_new(dialog, "Durand", "Zoé", "69003")
    assert dialog.choices_box is not None and not dialog.choices_box.isChecked()
    dialog.choices_box.setChecked(True)
    dialog.choices.boxes["accept_phone"].setChecked(True)
    dialog.choices.boxes["accept_phone_partner:Cuisinistes"].setChecked(True)
    dialog.choices.proof.setText("bulletin papier, classeur 3")
    dialog.accept()
    assert dialog.saved_id is not None
    with sqlite_db.session() as s:
        r = s.query(ConsentRecord).one()
        assert (r.contact_id, r.accept_phone, r.refuse_post) == (dialog.saved_id, True, False)
        assert json.loads(r.accepted_partner_categories) == ["Cuisinistes"] and r.recorded_by


def test_a_choice_that_cannot_be_recorded_saves_nothing(qtbot, sqlite_db: Database, monkeypatch) -> None:
    """The person and their choices go together, or not at all."""
    import gui.contact_dialog
    from services.compliance.forms import create_form
    from services.core.errors import InputError

    with sqlite_db.session() as s:
        create_form(s, "Comptoir", "counter", "Offres", "Cuisinistes")

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise InputError("Preuve illisible.")

    monkeypatch.setattr(gui.contact_dialog, "record_consent", refused)
    ui = FakeDialogs()
    dialog = ContactDialog(sqlite_db, ui)
    qtbot.addWidget(dialog)
    _fill_new(dialog, "Durand", "Zoé", "69003")
    dialog.choices_box.setChecked(True)  # type: ignore[union-attr]
    dialog.accept()
    assert ui.errors == ["Preuve illisible."] and dialog.saved_id is None
    with sqlite_db.session() as s:
        assert s.query(Contact).count() == 0


def test_the_list_marks_objections_returned_mail_and_doubts(qtbot, sqlite_db: Database) -> None:
    """Issue 15: the list shows who objected, whose letter came back and whom an import doubted."""
    from services.compliance.oppositions import record_opposition
    from services.contacts.to_check import mark_to_check

    with sqlite_db.session() as s:
        quiet = make_contact(s, last_name="Calme").id
        opposed = make_contact(s, last_name="Refus", email="r@example.fr", mobile="").id
        record_opposition(s, opposed, "phone", "phone", date(2026, 11, 2))
        back = make_contact(s, last_name="Retour", email="b@example.fr", mobile="")
        back.npai_on = date(2026, 11, 20)
        mark_to_check(back, ["code postal et ville ne correspondent pas"])
        back_id = back.id
    model = ContactsModel(sqlite_db)
    model.reload()
    marks = {model.contact_id(r): model.index(r, COL_TO_CHECK).data() for r in range(model.rowCount())}
    assert marks == {quiet: "", opposed: "✖ Opposé(e)", back_id: "✉ NPAI  ⚠ À vérifier"}
    row = next(r for r in range(model.rowCount()) if model.contact_id(r) == opposed)
    assert "opposée" in model.index(row, COL_TO_CHECK).data(Qt.ItemDataRole.ToolTipRole)
