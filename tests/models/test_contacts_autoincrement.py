"""Migration 0019: a SQLite base made by an earlier version gets AUTOINCREMENT back on `contacts` — its rows,
their sources and the search index kept — and never gives again an id the table or the journal named."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from models.contact import Contact, ContactSource
from models.database import Database, open_database
from services.contacts.search import search_ids
from tests.helpers import base_at_revision, insert_old_contact, make_contact


def test_an_older_base_gets_autoincrement_back_and_keeps_everything(tmp_path: Path) -> None:
    url = base_at_revision("sqlite", tmp_path, "0018")
    db = Database(url)
    with db.engine.begin() as conn:
        insert_old_contact(conn, 3, search_text="martin lyon")
        insert_old_contact(conn, 5, last_name="DURAND", search_text="durand lyon")
        conn.execute(text("INSERT INTO contact_sources (contact_id, kind, name, obtained_on, note, recorded_at) "
                          "VALUES (5, 'direct', 'Comptoir', '2026-01-02', '', '2026-01-02 09:00:00')"))  # fmt: skip
        # Contact 9 was deleted before the update: only the journal still names it.
        conn.execute(text("INSERT INTO journal_events (seq, at, os_user, host, db_role, table_name, row_ref, "
                          "contact_id, action, before, after, state, seeded, prev_hash, hash) VALUES (1, "
                          "'2026-01-02 09:00:00', '', '', '', 'contacts', '9', 9, 'delete', '', '', '', 0, '', '')"))  # fmt: skip
    db.dispose()
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            ddl = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'contacts'")).scalar()
            assert "AUTOINCREMENT" in ddl
            triggers = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                         "AND tbl_name = 'contacts'")).scalar()  # fmt: skip
            assert triggers == 3  # the search index's, rebuilt with the table
        with db.session() as s:
            assert list(s.scalars(select(Contact.id).order_by(Contact.id))) == [3, 5]
            assert list(s.scalars(select(ContactSource.contact_id))) == [5]  # no cascade while rebuilding
            assert search_ids(s, "durand") == [5]
            s.delete(s.get(Contact, 5))
            s.flush()
            new = make_contact(s, last_name="Petit", email="petit@exemple.fr")
            s.flush()
            assert new.id == 10  # after the largest id ever named (the journal's 9), not 5 nor 6
            assert search_ids(s, "petit") == [10]
    finally:
        db.dispose()


def test_a_new_base_numbers_its_contacts_with_autoincrement(db: Database) -> None:
    if not db.is_sqlite:
        return  # PostgreSQL's sequence never gives an id twice
    with db.engine.connect() as conn:
        assert (
            "AUTOINCREMENT"
            in conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'contacts'")).scalar()
        )
