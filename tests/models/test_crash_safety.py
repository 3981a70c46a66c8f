"""A crash (kill -9, a power cut) during a migration or the very first `init` never leaves a base that
will not open again: each is one transaction, on SQLite too (issue 13)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from models.database import open_database
from services.contacts.search import count_contacts
from tests.helpers import base_at_revision, make_contact

ROOT = Path(__file__).resolve().parents[2]


def killed(prefix: str, count: int, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in another process that kills itself after the count-th `prefix` statement."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tests.fault_helpers", prefix, str(count), "--", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_crash_right_after_a_migrations_drop_index_leaves_a_base_that_opens(tmp_path: Path) -> None:
    """0007 drops and re-creates ix_contacts_last_name: killed between the two, the base used to keep
    the drop (the driver ran DDL outside any transaction) and every later start failed on « no such
    index ». Now the migration is rolled back whole and the next start runs it again."""
    url = base_at_revision("sqlite", tmp_path, "0006")
    path = tmp_path / "old.sqlite"
    done = killed("DROP INDEX", 1, "--db", str(path), "init")
    assert done.returncode == -signal.SIGKILL, done.stderr
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone() == ("0006",)
    indexes = {r[0] for r in con.execute("select name from sqlite_master where type = 'index'")}
    con.close()
    assert "ix_contacts_last_name" in indexes  # the drop was rolled back with its migration
    db = open_database(url)
    assert db.current_revision() == db.head_revision()
    with db.session() as s:
        make_contact(s, last_name="Après")
    with db.session() as s:
        assert count_contacts(s) == 1
    db.dispose()


def test_a_crash_during_the_first_init_leaves_a_base_the_next_start_creates(tmp_path: Path) -> None:
    """Killed after a few tables of the very first `init`: the base used to be refused for ever as
    « des tables qui ne viennent pas de webleads-tracker ». The schema is created in one transaction."""
    path = tmp_path / "neuve.sqlite"
    done = killed("CREATE TABLE", 5, "--db", str(path), "init")
    assert done.returncode == -signal.SIGKILL, done.stderr
    con = sqlite3.connect(path)
    assert con.execute("select count(*) from sqlite_master where type = 'table'").fetchone() == (0,)
    con.close()
    db = open_database(f"sqlite:///{path}")
    assert db.current_revision() == db.head_revision()
    db.dispose()
