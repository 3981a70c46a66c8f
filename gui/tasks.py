"""Long work off the GUI thread, behind a progress dialog with Cancel (shown after 600 ms).

    run_task(parent, "Import…", work, on_success=..., on_failure=...)

`work(progress)` runs on a worker thread with its own database session (sessions are not
thread-safe); it calls `progress(done, total, text)`, which returns False once Cancel was
pressed: the work then raises services.core.errors.Cancelled and its transaction is rolled back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], bool]


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


# The jobs on the thread pool, kept alive until they have told their result: a screen closed meanwhile
# takes its task object with it, and the job's signals must outlive it (else « Signal source has been
# deleted » at the emit).
_RUNNING: set[_Job] = set()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.cancelled = threading.Event()
        _RUNNING.add(self)

    def progress(self, done: int, total: int, text: str = "") -> bool:
        self.signals.progressed.emit(done, total, text)
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except BaseException as exc:  # reported on the GUI thread, never lost
            if not isinstance(exc, Exception):
                raise
            log.exception("tâche en arrière-plan")
            self._tell(self.signals.failed, exc)
        else:
            self._tell(self.signals.succeeded, result)
        finally:
            _RUNNING.discard(self)

    def _tell(self, signal: Any, value: object) -> None:
        """Send the outcome, unless the application ended meanwhile: Qt has then deleted the signals'
        object at exit (a count started as the window closed), and there is nobody left to tell."""
        try:
            signal.emit(value)
        except RuntimeError:
            log.info("tâche terminée après la fermeture de l'application : résultat ignoré")


class Task(QObject):
    """A running task; keeps the job and its dialog alive until it ends."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Callable[[Progress], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        show_after_ms: int = 600,
    ) -> None:
        super().__init__(parent)
        self.job = _Job(work)
        self.job.setAutoDelete(False)
        self.dialog = QProgressDialog(title, self.tr("Annuler"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.job.signals.progressed.connect(self._on_progress)
        self.job.signals.succeeded.connect(lambda r: self._end(on_success, r))
        self.job.signals.failed.connect(lambda e: self._end(on_failure, e))
        self._timer = QTimer(self)  # QProgressDialog only appears after a value change
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.dialog.setValue(self.dialog.value()))
        self._timer.start(show_after_ms)
        self.done = False

    def start(self) -> Task:
        QThreadPool.globalInstance().start(self.job)
        return self

    def cancel(self) -> None:
        self.job.cancelled.set()
        self.dialog.setLabelText(self.tr("Annulation en cours…"))

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if text:
            self.dialog.setLabelText(text)

    def _end(self, callback: Callable[[Any], None], value: Any) -> None:
        if not shiboken6.isValid(self) or not shiboken6.isValid(self._timer):
            return  # the screen that started it was closed while the work ran: nobody left to tell
        self._timer.stop()
        self.dialog.reset()
        self.dialog.hide()
        self.done = True
        try:
            callback(value)
        finally:
            self.finished.emit()
            self.dialog.deleteLater()
            self.deleteLater()


def run_task(
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> Task:
    """Start work on the thread pool; the callbacks run on the GUI thread."""
    return Task(parent, title, work, on_success, on_failure).start()


class Quiet(QObject):
    """Work on the thread pool with no dialog (the home page's counts): `on_success` / `on_failure` run on
    the GUI thread; nothing is shown meanwhile and the work cannot be cancelled."""

    def __init__(
        self,
        parent: QObject | None,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self.job = _Job(lambda _progress: work())
        self.job.setAutoDelete(False)
        self.job.signals.succeeded.connect(lambda r: self._end(on_success, r))
        self.job.signals.failed.connect(lambda e: self._end(on_failure, e))
        self.done = False

    def _end(self, callback: Callable[[Any], None], value: Any) -> None:
        if not shiboken6.isValid(self):  # its screen was closed meanwhile: nobody is left to tell
            return
        self.done = True
        try:
            callback(value)
        finally:
            self.deleteLater()


def run_quietly(
    parent: QObject | None,
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> Quiet:
    """Start `work()` on the thread pool, with no dialog; the callbacks run on the GUI thread."""
    quiet = Quiet(parent, work, on_success, on_failure)
    QThreadPool.globalInstance().start(quiet.job)
    return quiet
