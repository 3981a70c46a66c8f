"""The window tests run in French, as the app starts: Qt's own French and the app's .qm (its plurals)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _french(qapp: object) -> None:
    from PySide6.QtCore import QLocale

    from gui.app import install_translators

    install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))  # type: ignore[arg-type]  # a QApplication
