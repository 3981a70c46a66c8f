"""What a command gets: the base, opened (and migrated) on first use only."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from models.database import Database, open_database, resolve_url
from services.core.clock import use_display_zone
from services.core.demo_base import use_base_marks
from services.core.moments import business_date
from services.core.paths import data_dir


class CliContext:
    def __init__(self, db_arg: str | None) -> None:
        self.db_arg = db_arg
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_database(resolve_url(self.db_arg, data_dir()))
            with self._db.session() as session:
                use_display_zone(session)  # files and text show the business's clock
                use_base_marks(session)  # a demonstration base's PDFs say so
        return self._db

    def today(self) -> date:
        """The business's date today: the base is opened first, for its zone says which day it is (a
        default date taken before would be the default zone's, and could fall « in the future »)."""
        self.db  # noqa: B018 — opens the base and sets its zone
        return business_date()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


@dataclass
class Result:
    """A command's outcome: `data` is what --json prints, `text` what a person reads."""

    data: Any
    text: str | Callable[[], str] = ""
    exit_code: int = 0


@dataclass
class Stream:
    """A list too long to hold (1,000,000 contacts): `--json` writes it item by item, the same bytes as
    the whole list would give; `items()` is called once, while the base is still open."""

    items: Callable[[], Iterable[Any]]
