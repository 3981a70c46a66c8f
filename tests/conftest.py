"""Test configuration: offscreen Qt, a private data folder and a fresh base for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# The window tests run without a screen; set here so nobody has to remember it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, text

from models.database import Database, open_database
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
    return home


def _reset_pg(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def make_db(engine_name: str, tmp_path: Path) -> Database:
    if engine_name == "postgresql":
        _reset_pg(PG_URL)
        return open_database(PG_URL)
    return open_database(f"sqlite:///{tmp_path / 'test.sqlite'}")


@pytest.fixture(params=ENGINES)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated base: SQLite always, PostgreSQL too when WEBLEADS_TEST_PG is set."""
    database = make_db(request.param, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """A fresh SQLite base, for the window tests."""
    database = make_db("sqlite", tmp_path)
    yield database
    database.dispose()
