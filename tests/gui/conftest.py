"""The window tests run in French, as the app starts: Qt's own French and the app's .qm (its plurals)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from gui.collector import collect_due


@pytest.fixture(autouse=True, scope="session")
def _french(qapp: object) -> None:
    from PySide6.QtCore import QLocale

    from gui.app import install_translators

    install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))  # type: ignore[arg-type]  # a QApplication


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """As the window does (gui.collector): no automatic collection while a window test runs its background
    tasks; what the thresholds say is collected here, on the GUI thread, before the next test (a full
    collection after every test cost a third of the window tests' time)."""
    gc.disable()
    try:
        yield
    finally:
        collect_due()
        gc.enable()
