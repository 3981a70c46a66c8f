"""The Settings section: the organisation's identity and the durations, saved only when all are valid."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from gui.app import configure_settings
from gui.settings_screen import SettingsScreen
from models.database import Database
from services.core.settings import SETTINGS, get_settings, set_settings
from tests.gui_fakes import FakeDialogs


@pytest.fixture(autouse=True)
def window_settings(data_home) -> None:
    configure_settings()


def make_screen(qtbot, db: Database, ui: FakeDialogs | None = None) -> SettingsScreen:
    screen = SettingsScreen(db, ui or FakeDialogs())
    qtbot.addWidget(screen)
    return screen


def set_field(screen: SettingsScreen, key: str, value: str) -> None:
    widget = screen.fields[key]
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
    else:
        assert isinstance(widget, QLineEdit)
        widget.setText(value)


def test_every_declared_setting_has_a_field_with_its_label(qtbot, sqlite_db: Database) -> None:
    """The form is built from services.core.settings: one field per organisation, rules or backup setting
    (the internal ones, set by the app itself, are not typed)."""
    screen = make_screen(qtbot, sqlite_db)
    expected = {s.key for s in SETTINGS if s.group in ("organisation", "rules", "backup")}
    assert set(screen.fields) == expected
    assert screen.fields["rules.phone_consent_days"].text() == "365"  # type: ignore[union-attr]


def test_settings_save_and_reload(qtbot, sqlite_db: Database) -> None:
    """What is typed is stored in the base and shown again by a new screen."""
    screen = make_screen(qtbot, sqlite_db)
    set_field(screen, "org.name", "Quincaillerie Dubois")
    set_field(screen, "org.address", "4 rue des Forges\n21000 Dijon")
    set_field(screen, "org.email", "contact@quincaillerie-dubois.fr")
    set_field(screen, "org.dpo", "Mme Roux, dpo@quincaillerie-dubois.fr")
    set_field(screen, "rules.phone_consent_days", "180")
    screen.save()
    assert screen.message.text() == "Réglages enregistrés."
    with sqlite_db.session() as s:
        stored = get_settings(s)
    assert stored["org.name"] == "Quincaillerie Dubois"
    assert stored["org.address"] == "4 rue des Forges\n21000 Dijon"
    assert stored["rules.phone_consent_days"] == 180
    again = make_screen(qtbot, sqlite_db)
    assert again.fields["org.dpo"].text() == "Mme Roux, dpo@quincaillerie-dubois.fr"  # type: ignore[union-attr]
    assert again.fields["org.address"].toPlainText() == "4 rue des Forges\n21000 Dijon"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("rules.suppression_years", "trois", "nombre entier"),
        ("rules.customer_retention_years", "-1", "négatif"),
        ("org.email", "contact@", "adresse e-mail"),
        ("business.timezone", "Europe/Dijon", "fuseau horaire"),
    ],
)
def test_an_invalid_value_is_explained_and_nothing_is_saved(
    qtbot, sqlite_db: Database, key, value, words
) -> None:
    """One bad value: a message naming the setting, and none of the other changes are stored."""
    ui = FakeDialogs()
    screen = make_screen(qtbot, sqlite_db, ui)
    set_field(screen, "org.name", "Boutique Lambert")
    set_field(screen, key, value)
    screen.save()
    assert ui.errors and words in ui.errors[0]
    assert words in screen.message.text()
    with sqlite_db.session() as s:
        assert get_settings(s)["org.name"] == ""


def test_revert_shows_the_stored_values_again(qtbot, sqlite_db: Database) -> None:
    """« Annuler les modifications » puts back what the base holds."""
    with sqlite_db.session() as s:
        set_settings(s, {"org.name": "Café de la Place"})
    screen = make_screen(qtbot, sqlite_db)
    set_field(screen, "org.name", "autre chose")
    screen.revert_button.click()
    assert screen.fields["org.name"].text() == "Café de la Place"  # type: ignore[union-attr]
