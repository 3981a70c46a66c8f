"""Python's cycle collector run on the GUI thread only.

A collection runs in whichever thread happens to allocate when a threshold is crossed — a background task
(gui.tasks) as well. There it may free the last Python reference to a Qt object from a window test or a
closed dialog, and Qt objects deleted off their thread crash the process (seen once in CI: a segmentation
fault « Garbage-collecting » in a postal preview's task). So the automatic collection is off while the
window runs, and a timer on the GUI thread collects what the thresholds would have (as Anki does).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(collect_due)
        self._timer.start(INTERVAL_MS)


def collect_due() -> int:
    """The oldest generation whose count passed its threshold, collected here (-1: none was due)."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = max((g for g in range(3) if counts[g] > thresholds[g]), default=-1)
    if due >= 0:
        gc.collect(due)
    return due
