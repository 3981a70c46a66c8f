"""Background work (gui/tasks.py): a screen closed while its work runs does not crash the window."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from gui.tasks import run_task


def test_a_task_whose_screen_was_closed_ends_quietly(qtbot):
    screen = QWidget()
    release = threading.Event()
    told = []
    task = run_task(screen, "Travail", lambda _progress: release.wait(5) and 42, told.append, told.append)
    screen.deleteLater()  # the user closed the screen while the work runs
    qtbot.waitUntil(lambda: not shiboken6.isValid(task))
    release.set()
    qtbot.wait(200)  # the work ends: its signal arrives on the GUI thread (pytest-qt fails on an exception)
    assert told == []


def test_a_task_tells_its_screen_the_result(qtbot):
    screen = QWidget()
    qtbot.addWidget(screen)
    told = []
    run_task(screen, "Travail", lambda _progress: 42, told.append, told.append)
    qtbot.waitUntil(lambda: told == [42])
