"""A count that only the latest request wants (the contact list's, at each search): off the GUI thread,
started once typing pauses, and the one still running interrupted when a newer search comes.

At 1,000,000 contacts counting a one-letter search costs half a second of the machine: counts left running
for each keystroke would slow the next keystroke's page, which the user is waiting for.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from sqlalchemy.orm import Session

from gui.tasks import run_quietly
from models.database import Database

log = logging.getLogger(__name__)


class LatestCount(QObject):
    def __init__(self, parent: QObject, db: Database, delay_ms: int) -> None:
        super().__init__(parent)
        self.db = db
        self.generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._work: Callable[[Session], Any] | None = None
        self._on_result: Callable[[Any], None] | None = None
        self._lock = threading.Lock()
        self._running: Any = None  # the driver connection of the count being read

    def ask(self, work: Callable[[Session], Any], on_result: Callable[[Any], None]) -> None:
        """Count with `work(session)` once typing pauses; `on_result(value)` on the GUI thread, unless a
        newer request came meanwhile."""
        self.generation += 1
        self._interrupt()
        self._work, self._on_result = work, on_result
        self._timer.start()

    def cancel(self) -> None:
        """No count wanted any more (the list was read whole)."""
        self.generation += 1
        self._timer.stop()
        self._interrupt()

    def _interrupt(self) -> None:
        with self._lock:
            conn = self._running
        if conn is None:
            return
        try:  # sqlite3: interrupt(), meant to be called from another thread; psycopg: cancel()
            (conn.interrupt if hasattr(conn, "interrupt") else conn.cancel)()
        except Exception:  # the query ended meanwhile: nothing to stop
            log.debug("comptage déjà fini", exc_info=True)

    def _start(self) -> None:
        generation, work, on_result = self.generation, self._work, self._on_result
        if work is None or on_result is None:
            return

        def run() -> Any:
            try:
                with self.db.session() as session:
                    with self._lock:
                        self._running = session.connection().connection.driver_connection
                    try:
                        return work(session)
                    finally:
                        with self._lock:
                            self._running = None
            except Exception:
                if generation != self.generation:  # interrupted by a newer search: not an error
                    return None
                raise

        def done(value: Any) -> None:
            if generation == self.generation:
                on_result(value)

        run_quietly(self, run, done, lambda _exc: None)  # the list itself says when the base went away
