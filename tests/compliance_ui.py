"""The compliance screens' stand-in for gui.dialogs.Dialogs: records messages, answers file questions."""

from __future__ import annotations

from pathlib import Path


class FakeUi:
    def __init__(self, open_path: Path | None = None, save_path: Path | None = None, directory: Path | None = None,
                 confirm: bool = True) -> None:  # fmt: skip
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.open_path, self.save_path, self.directory, self.answer = open_path, save_path, directory, confirm

    def show_error(self, message: str, title: str = "") -> None:
        self.errors.append(message)

    def show_info(self, message: str, title: str = "") -> None:
        self.infos.append(message)

    def confirm(self, message: str, title: str = "", ok_label: str = "") -> bool:
        return self.answer

    def ask_open_path(self, title: str, filters: str, purpose: str = "open") -> Path | None:
        return self.open_path

    def ask_save_path(
        self, title: str, filters: str, suggested_name: str = "", purpose: str = "save"
    ) -> Path | None:
        return self.save_path

    def ask_directory(self, title: str, purpose: str = "folder") -> Path | None:
        return self.directory
