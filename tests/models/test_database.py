"""The base: creation, migrations, refusals, permissions, optimistic locking, bad files."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from models.database import Database, DatabaseError, open_database, resolve_url
from models.search_index import is_search_index
from services.contacts.editing import ConcurrentEditError, update_contact
from services.contacts.validation import ContactInput
from tests.conftest import ENGINES
from tests.helpers import make_contact


def test_new_sqlite_base_is_private_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    """A new base is readable by its owner only, journals in WAL and enforces foreign keys."""
    path = tmp_path / "new.sqlite"
    db = open_database(f"sqlite:///{path}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert "contacts" in inspect(db.engine).get_table_names()
    assert db.current_revision() == db.head_revision()
    db.dispose()


def test_schema_matches_models(db: Database) -> None:
    """The migrations build exactly the tables the models declare (no silent create_all)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import models

    with db.engine.connect() as conn:
        # The search index's own tables and index are not models (models.search_index): left out.
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda name, kind, _parents: not is_search_index(name, kind)}
        )
        diff = compare_metadata(context, models.Base.metadata)
    assert diff == []


def test_plain_path_and_env_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--db takes a plain path; WEBLEADS_DB is used when --db is absent; else the data folder."""
    assert resolve_url(str(tmp_path / "a.sqlite"), tmp_path) == f"sqlite:///{tmp_path / 'a.sqlite'}"
    monkeypatch.setenv("WEBLEADS_DB", "postgresql+psycopg:///shop")
    assert resolve_url(None, tmp_path) == "postgresql+psycopg:///shop"
    monkeypatch.delenv("WEBLEADS_DB")
    assert resolve_url(None, tmp_path).endswith("webleads.sqlite")


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    """A text file given as base is refused as bad input and left byte for byte as it was."""
    path = tmp_path / "notes.txt"
    path.write_text("liste de courses\n" * 50)
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as exc:
        open_database(f"sqlite:///{path}")
    assert exc.value.bad_input and "n'est pas une base" in str(exc.value)
    assert path.read_bytes() == before


def test_foreign_sqlite_base_is_not_migrated(tmp_path: Path) -> None:
    """An SQLite file from another program (tables, no revision) is refused, not altered."""
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table clients (id integer)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="ne viennent pas de webleads"):
        open_database(f"sqlite:///{path}")
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("select name from sqlite_master where type='table'")] == ["clients"]
    con.close()


def test_base_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    """A base stamped with a revision this version does not know is refused with a clear message."""
    path = tmp_path / "future.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num='9999_future'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="version plus récente"):
        open_database(f"sqlite:///{path}")


def test_sqlite_base_is_copied_before_a_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Upgrading an existing base to a newer schema first writes a private copy of it into the backups
    folder beside it (docs/rules.md §10.3)."""
    import shutil

    import models.database as database

    path = tmp_path / "shop.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        make_contact(s)
    db.dispose()
    # A newer version of the app: the same migrations plus one that adds a table.
    newer = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    head = Database(f"sqlite:///{path}").current_revision()
    (newer / "versions" / "9000_next.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '9000'\ndown_revision = {head!r}\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade():\n    op.create_table('extra', sa.Column('id', sa.Integer, primary_key=True))\n"
        "def downgrade():\n    op.drop_table('extra')\n"
    )
    monkeypatch.setattr(database, "MIGRATIONS_DIR", newer)
    db = open_database(f"sqlite:///{path}")
    assert db.current_revision() == "9000"
    copies = list((tmp_path / "sauvegardes").glob(f"webleads-*-avant-migration-{head}.sqlite"))
    assert len(copies) == 1 and stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "sauvegardes").stat().st_mode) == 0o700
    con = sqlite3.connect(copies[0])
    assert con.execute("select last_name from contacts").fetchall() == [("MARTIN",)]
    assert con.execute("select version_num from alembic_version").fetchall() == [(head,)]
    con.close()
    db.dispose()


def test_locked_base_gives_a_clear_message(tmp_path: Path) -> None:
    """While another program holds the write lock, a save fails with « verrouillée », nothing written."""
    path = tmp_path / "locked.sqlite"
    db = open_database(f"sqlite:///{path}")
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA busy_timeout=100")
    db.engine.dispose()
    from sqlalchemy import event

    event.listen(db.engine, "connect", lambda c, _r: c.execute("PRAGMA busy_timeout=100"))
    with pytest.raises(DatabaseError, match="verrouillée"), db.session() as s:
        make_contact(s)
    other.rollback()
    other.close()
    with db.session() as s:
        assert s.execute(text("select count(*) from contacts")).scalar() == 0
    db.dispose()


def test_second_save_of_a_stale_edit_is_refused_and_shows_the_other_change(db: Database) -> None:
    """Two windows open the same contact; the second save is refused and says what the first changed."""
    with db.session() as s:
        c = make_contact(s)
        cid, version = c.id, c.version
        opened_a = ContactInput.from_contact(c)
        opened_b = ContactInput.from_contact(c)
    opened_a.city = "Lyon"
    opened_a.email = "claire@nouveau.fr"
    with db.session() as s:
        update_contact(s, cid, version, opened_a)
    opened_b.notes = "rappeler en mars"
    with pytest.raises(ConcurrentEditError) as exc, db.session() as s:
        update_contact(s, cid, version, opened_b)
    assert "claire@nouveau.fr" in str(exc.value)
    with db.session() as s:
        from models.contact import Contact

        saved = s.get(Contact, cid)
        assert saved.email == "claire@nouveau.fr" and saved.notes == "" and saved.version == version + 1


def test_unreachable_postgresql_server_is_a_clear_failure(tmp_path: Path) -> None:
    """A PostgreSQL URL with no server behind it fails with « injoignable », not a traceback."""
    with pytest.raises(DatabaseError, match="injoignable"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/nothing")


def test_invalid_url_is_bad_input(tmp_path: Path) -> None:
    """A malformed URL or an unknown driver is reported as bad input."""
    for url in ("nosuchdriver://x/y", "postgresql+nosuch://h/d"):
        with pytest.raises(DatabaseError) as exc:
            open_database(url)
        assert exc.value.bad_input


@pytest.mark.parametrize("engine_name", ENGINES)
def test_migrations_keep_every_row_that_points_to_a_contact(engine_name: str, tmp_path: Path) -> None:
    """Rebuilding a SQLite table to alter it must not cascade: a base migrated from 0007 keeps its
    consents, objections and calls (the contacts table is rebuilt on the way)."""
    from datetime import date, datetime

    from sqlalchemy import create_engine, func, select, text

    from models.compliance import ConsentRecord, Opposition
    from models.phone import CallLogEntry
    from tests.helpers import base_at_revision, insert_old_contact

    url = base_at_revision(engine_name, tmp_path, "0007")
    engine = create_engine(url)
    at = datetime(2026, 3, 2, 10, 0)
    with engine.begin() as conn:
        insert_old_contact(conn, 1, mobile="+33612345678")
        conn.execute(text("INSERT INTO consent_records (contact_id, accept_phone, accepted_partner_categories, "
                          "recorded_on, channel, recorded_by, proof_kind, proof, created_at) "
                          "VALUES (1, :t, '[]', :at, 'counter', 'J', 'note', '', :at)"), {"t": True, "at": at})  # fmt: skip
        conn.execute(text("INSERT INTO oppositions (contact_id, scope, received_on, channel, recorded_by, note, "
                          "created_at) VALUES (1, 'post', :d, 'letter', '', '', :at)"), {"d": date(2026, 3, 3), "at": at})  # fmt: skip
        conn.execute(text("INSERT INTO call_log (contact_id, called_at, callee_zone, phone, caller, outcome, basis, "
                          "source, source_file, note, breach, created_at) VALUES (1, :at, 'Europe/Paris', '+33612345678', '', "
                          "'no-answer', 'consent', 'in-house', '', '', '', :at)"), {"at": at})  # fmt: skip
    engine.dispose()
    db = open_database(url)
    try:
        with db.session() as s:
            counts = [
                s.scalar(select(func.count()).select_from(m))
                for m in (ConsentRecord, Opposition, CallLogEntry)
            ]
        assert counts == [1, 1, 1]
    finally:
        db.dispose()
