"""The contact list at 1,000,000 contacts (issue 17), driven as a user would: a pause before the query, the
ids read a page at a time as the view scrolls, the count arriving from the thread pool, the hint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from gui import contacts_model
from gui.app import configure_settings
from gui.contacts_screen import SEARCH_DELAY_MS, ContactsScreen
from gui.latest_count import LatestCount
from models.database import Database
from services.contacts.demo import add_demo_contacts
from services.contacts.search_pages import ListQuery, count_matches
from tests.gui_fakes import FakeDialogs
from tests.helpers import make_contact


@pytest.fixture(autouse=True)
def window_settings(data_home) -> None:
    configure_settings()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))


def make_screen(qtbot, db: Database) -> ContactsScreen:
    screen = ContactsScreen(db, FakeDialogs())
    qtbot.addWidget(screen)
    screen.resize(1100, 500)
    screen.show()
    return screen


def test_a_word_typed_at_speed_is_one_query(
    qtbot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """« dupon » typed at speed: one search after the pause, not five; the hint says short words are
    words' starts."""
    with sqlite_db.session() as s:
        make_contact(s, last_name="Dupont", email="", mobile="")
        make_contact(s, last_name="Martin", email="", mobile="")
    screen = make_screen(qtbot, sqlite_db)
    assert "début des mots" in screen.search.placeholderText()
    asked: list[str] = []
    real = contacts_model.search_page

    def spy(session, query, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(query.text)
        return real(session, query, *args, **kwargs)

    monkeypatch.setattr(contacts_model, "search_page", spy)
    qtbot.keyClicks(screen.search, "dup")
    qtbot.wait(SEARCH_DELAY_MS // 3)  # a typist's gap between keys: shorter than the pause
    assert asked == []
    qtbot.keyClicks(screen.search, "on")
    qtbot.waitUntil(lambda: screen.model.text == "dupon", timeout=SEARCH_DELAY_MS * 20)
    assert asked == ["dupon"] and screen.model.rowCount() == 1


def test_the_list_grows_as_it_scrolls_and_the_count_comes_apart(
    qtbot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search matching more than a page shows its first ids, then more as the view scrolls to the end;
    the status bar's count comes from the thread pool: all matches, out of all contacts."""
    monkeypatch.setattr(contacts_model, "FIRST_PAGE", 5)
    monkeypatch.setattr(contacts_model, "MORE_IDS", 7)
    with sqlite_db.session() as s:
        add_demo_contacts(s, 60)
    with sqlite_db.session() as s:
        matches = count_matches(s, ListQuery("m"))
    assert matches > 12
    screen = make_screen(qtbot, sqlite_db)
    counts: list[tuple[int, int]] = []
    screen.counts_changed.connect(lambda shown, total: counts.append((shown, total)))
    screen.search.setText("m")
    qtbot.waitUntil(lambda: screen.model.text == "m")
    assert 0 < screen.model.rowCount() < matches
    qtbot.waitUntil(lambda: (matches, 60) in counts, timeout=5000)
    while screen.model.canFetchMore(screen.model.index(-1, -1)):
        screen.table.scrollToBottom()
        qtbot.wait(10)
    assert screen.model.rowCount() == matches == len(set(screen.model.ids))
    last = screen.model.ids[-1]
    assert screen.model.row_of(last) == matches - 1


def test_only_the_latest_count_is_told(qtbot, sqlite_db: Database) -> None:
    """Two counts asked one after the other: the first is dropped (never started, or interrupted), only
    the second reaches the screen."""
    counter = LatestCount(None, sqlite_db, 0)  # type: ignore[arg-type]  # no parent: a test object
    told: list[str] = []
    counter.ask(lambda s: "first", told.append)
    counter.ask(lambda s: "second", told.append)
    qtbot.waitUntil(lambda: told == ["second"], timeout=5000)
    qtbot.wait(50)
    assert told == ["second"]


def test_a_count_interrupted_is_no_error(qtbot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A count still running when a newer search comes is interrupted; its end is not reported as a fault."""
    import threading

    started, finish = threading.Event(), threading.Event()
    told: list[object] = []

    def slow(session):  # type: ignore[no-untyped-def]
        started.set()
        finish.wait(5)
        raise RuntimeError("interrupted")  # what the driver raises once interrupted

    counter = LatestCount(None, sqlite_db, 0)  # type: ignore[arg-type]  # no parent: a test object
    failures: list[BaseException] = []
    monkeypatch.setattr("gui.latest_count.run_quietly", _recording_run_quietly(failures))
    counter.ask(slow, told.append)
    qtbot.waitUntil(started.is_set, timeout=5000)
    counter.ask(lambda s: 7, told.append)
    finish.set()
    qtbot.waitUntil(lambda: told == [7], timeout=5000)
    assert failures == []


def _recording_run_quietly(failures: list[BaseException]):  # type: ignore[no-untyped-def]
    from gui import tasks

    def run(parent, work, on_success, on_failure):  # type: ignore[no-untyped-def]
        return tasks.run_quietly(
            parent, work, on_success, lambda exc: (failures.append(exc), on_failure(exc))
        )

    return run
