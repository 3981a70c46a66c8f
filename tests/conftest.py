"""Test configuration: offscreen Qt, a private data folder and a fresh base for every test."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

# The window tests run without a screen; set here so nobody has to remember it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, text

from models.database import MIGRATIONS_DIR, Database, open_database
from services.core.moments import PARIS, set_display_zone
from services.core.pdf_watermark import set_demo_watermark

PG_URL = os.environ.get("WEBLEADS_TEST_PG", "")
ENGINES = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder; WEBLEADS_DB never leaks in from the shell."""
    home = tmp_path / "home"
    monkeypatch.setenv("WEBLEADS_HOME", str(home))
    monkeypatch.delenv("WEBLEADS_DB", raising=False)
    set_demo_watermark(False)  # set when a base is opened (a demo one marks its PDFs): not carried over
    set_display_zone(ZoneInfo(PARIS))  # likewise the business's zone, set when a base is opened
    _quiet_midnight()
    return home


def _quiet_midnight() -> None:
    """The window's midnight watcher (gui.dates) is one for the whole run: stopped, and on the default
    zone's day, before each test. A real midnight passing during the suite would otherwise start a new
    day (a backup, a reminder) in whatever window a test has open; its tests call check() themselves."""
    dates = sys.modules.get("gui.dates")
    watcher = getattr(dates, "_midnight", None)
    if dates is not None and watcher is not None:
        watcher.timer.stop()
        watcher.day = dates.today_qdate()


def _reset_pg(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _schema_fingerprint() -> str:
    """What decides the schema of a new base: the migrations and the code that runs them (and the search
    index's definition, which a migration creates)."""
    digest = hashlib.sha256()
    models_dir = MIGRATIONS_DIR.parent
    for path in sorted(
        [*MIGRATIONS_DIR.rglob("*.py"), models_dir / "database.py", models_dir / "search_index.py"]
    ):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_sqlite_template() -> Path:
    """A SQLite base migrated once, copied for each test (a copy costs a few milliseconds, running the
    migrations half a second: most of a data-layer test's time). It is kept in the temporary folder under
    the fingerprint of the migrations, so that the thousands of short runs of bench/mutation.py migrate
    once; a changed migration makes a new one. The migrations themselves are tested on fresh files
    (tests/models/test_database.py, and the tests that start from an old revision)."""
    path = Path(tempfile.gettempdir()) / f"webleads-test-base-{_schema_fingerprint()}.sqlite"
    if not path.exists():
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        open_database(f"sqlite:///{partial}").dispose()  # closing the last connection checkpoints the WAL
        os.replace(partial, path)  # whole or absent: another run may be reading it
    return path


@pytest.fixture(scope="session")
def sqlite_template() -> Path:
    return migrated_sqlite_template()


def make_db(engine_name: str, tmp_path: Path, template: Path | None = None) -> Database:
    if engine_name == "postgresql":
        _reset_pg(PG_URL)
        return open_database(PG_URL)
    path = tmp_path / "test.sqlite"
    if template is not None:
        shutil.copyfile(template, path)
    return open_database(f"sqlite:///{path}")  # on a copy: finds it at the head, migrates nothing


@pytest.fixture(params=ENGINES)
def db(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh, migrated base: SQLite always, PostgreSQL too when WEBLEADS_TEST_PG is set."""
    database = make_db(request.param, tmp_path, sqlite_template)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh SQLite base, for the window tests."""
    database = make_db("sqlite", tmp_path, sqlite_template)
    yield database
    database.dispose()
