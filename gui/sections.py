"""The sections of the main window's sidebar, in order.

Adding a screen is one line: put "gui.<name>_screen:XxxScreen" in place of None. The screen module is
imported the first time its section is opened (the start stays fast), and built as
`XxxScreen(db, ui, parent)`. A section without a screen shows as a disabled item, « Bientôt disponible ».
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from PySide6 import QtCore
from PySide6.QtWidgets import QStyle, QWidget

# Marks a label for lupdate and gives it back as it is (PySide6 types it object -> object).
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class Section:
    key: str
    label: str  # French source text, translated in the context "Sections"
    icon: QStyle.StandardPixmap
    screen: str | None  # "module:Class", imported on first use; None = not available yet

    @property
    def available(self) -> bool:
        return self.screen is not None

    def factory(self) -> Callable[..., QWidget]:
        """The screen class (its module imported now, on first use)."""
        assert self.screen is not None
        module, _, name = self.screen.partition(":")
        return getattr(importlib.import_module(module), name)


SECTIONS: list[Section] = [
    Section("contacts", QT_TRANSLATE_NOOP("Sections", "Contacts"), SP.SP_DirHomeIcon, "gui.contacts_screen:ContactsScreen"),
    Section("forms", QT_TRANSLATE_NOOP("Sections", "Formulaires"), SP.SP_FileDialogContentsView, "gui.forms_screen:FormsScreen"),
    Section("partners", QT_TRANSLATE_NOOP("Sections", "Partenaires"), SP.SP_DriveNetIcon, "gui.partners_screen:PartnersScreen"),
    Section("campaigns", QT_TRANSLATE_NOOP("Sections", "Campagnes"), SP.SP_FileDialogListView, "gui.campaigns_screen:CampaignsScreen"),
    Section("calls", QT_TRANSLATE_NOOP("Sections", "Appels"), SP.SP_MediaPlay, "gui.calls_screen:CallsScreen"),
    Section("oppositions", QT_TRANSLATE_NOOP("Sections", "Oppositions"), SP.SP_BrowserStop, "gui.oppositions_screen:OppositionsScreen"),
    Section("propagation", QT_TRANSLATE_NOOP("Sections", "Notifications"), SP.SP_MessageBoxWarning, "gui.propagation_screen:PropagationScreen"),
    Section("requests", QT_TRANSLATE_NOOP("Sections", "Demandes"), SP.SP_MessageBoxQuestion, "gui.requests_screen:RequestsScreen"),
    Section("registers", QT_TRANSLATE_NOOP("Sections", "Registres"), SP.SP_FileDialogDetailedView, "gui.registers_screen:RegistersScreen"),
    Section("settings", QT_TRANSLATE_NOOP("Sections", "Réglages"), SP.SP_FileDialogInfoView, "gui.settings_screen:SettingsScreen"),
]  # fmt: skip
