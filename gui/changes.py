"""Telling the window that the base changed, whatever wrote it (a screen, a dialog, a background task):
the home page's counts and the sidebar's badges follow each change (issue 14), not only the next visit.

A session that flushed something and then committed is a change; the signal is queued to the GUI thread
(background tasks commit on their own threads) and grouped: many commits within a short time give one
recount, read off the GUI thread by the home page as always.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from models.database import Database

GROUP_MS = 400  # a batch of commits (a scan of slips, a campaign's chunks) recounts once
_WROTE = "gui.changes.wrote"  # its own key in session.info (the journal keeps its own there)


class ChangeWatcher(QObject):
    changed = Signal()  # after a pause in the changes, on the GUI thread
    _committed = Signal()  # from any thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GROUP_MS)
        self._timer.timeout.connect(self.changed)
        self._committed.connect(self._timer.start)  # queued when emitted from another thread

    def watch(self, db: Database) -> None:
        from sqlalchemy import event

        event.listen(db.sessions, "after_flush", self._flushed)
        event.listen(db.sessions, "after_commit", self._after_commit)

    @staticmethod
    def _flushed(session: Any, _context: Any) -> None:
        session.info[_WROTE] = True

    def _after_commit(self, session: Any) -> None:
        if session.info.pop(_WROTE, False):
            self._committed.emit()
