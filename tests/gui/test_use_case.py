"""One way to fail in the window: a use case runs in one transaction; a UserError is shown and undone."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from gui.use_case import attempt, failure_text
from models.contact import Contact
from models.database import Database, DatabaseError
from services.core.errors import Cancelled, InputError
from services.core.moments import business_date
from tests.gui_fakes import FakeDialogs


def _count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Contact.id))) or 0


def test_success_returns_the_value(sqlite_db: Database) -> None:
    """A use case that goes through gives back what it returned, and nothing is shown."""
    ui = FakeDialogs()
    done = attempt(ui, sqlite_db, lambda s: 42)
    assert done and done.value == 42
    assert ui.errors == []


def test_user_error_is_shown_and_rolled_back(sqlite_db: Database) -> None:
    """The French message of the error is shown as is, and what the work wrote before it is undone."""
    ui = FakeDialogs()

    def work(s):  # type: ignore[no-untyped-def]  # a test's work function
        s.add(
            Contact(
                last_name="DURAND", source_kind="direct", source_name="Comptoir", source_date=business_date()
            )
        )
        s.flush()
        raise InputError("Date d'obtention obligatoire.")

    assert attempt(ui, sqlite_db, work, "Titre") is None
    assert ui.errors == ["Date d'obtention obligatoire."]
    assert _count(sqlite_db) == 0


def test_database_errors_belong_to_the_family(sqlite_db: Database) -> None:
    """A base that refuses (locked, read-only, unreachable) is shown like any other user error."""
    ui = FakeDialogs()

    def work(s):  # type: ignore[no-untyped-def]  # a test's work function
        raise DatabaseError("La base est en lecture seule : impossible d'enregistrer.")

    assert attempt(ui, sqlite_db, work) is None
    assert ui.errors == ["La base est en lecture seule : impossible d'enregistrer."]


def test_a_defect_is_not_swallowed(sqlite_db: Database) -> None:
    """Anything outside the family is a bug: it goes on to the exception hook (dialog and log)."""
    with pytest.raises(ZeroDivisionError):
        attempt(FakeDialogs(), sqlite_db, lambda s: 1 / 0)


def test_failure_text_hides_a_defect_behind_a_french_sentence() -> None:
    """Background work: a user error or a Cancel says its own words; a defect points to the log."""
    assert failure_text(InputError("Fichier illisible.")) == "Fichier illisible."
    assert failure_text(Cancelled("Import annulé.")) == "Import annulé."
    text = failure_text(KeyError("x"))
    assert text.startswith("Erreur inattendue") and "journal" in text and "KeyError" not in text
