"""A stand-in for gui.dialogs.Dialogs: records what the window would show, answers confirmations."""

from __future__ import annotations

from pathlib import Path


class FakeDialogs:
    def __init__(self, confirm_answer: bool = True) -> None:
        self.confirm_answer = confirm_answer
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.confirms: list[str] = []

    def show_error(self, message: str, title: str = "") -> None:
        self.errors.append(message)

    def show_info(self, message: str, title: str = "") -> None:
        self.infos.append(message)

    def confirm(self, message: str, title: str = "", ok_label: str = "") -> bool:
        self.confirms.append(message)
        return self.confirm_answer

    def ask_open_path(self, title: str, filters: str, purpose: str = "open") -> Path | None:
        return None

    def ask_save_path(
        self, title: str, filters: str, suggested_name: str = "", purpose: str = "save"
    ) -> Path | None:
        return None

    def ask_directory(self, title: str, purpose: str = "folder") -> Path | None:
        return None
