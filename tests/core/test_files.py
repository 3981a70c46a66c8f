"""Every file the user asks for is written in full or not at all (services/core/files.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.core.errors import InputError
from services.core.files import atomic_output


def test_written_file_replaces_the_old_one_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "liste.csv"
    target.write_text("ancienne version", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        Path(tmp).write_text("moitié d'un fi", encoding="utf-8")
        raise RuntimeError("panne au milieu")
    assert target.read_text(encoding="utf-8") == "ancienne version"
    with atomic_output(target) as tmp:
        Path(tmp).write_text("nouvelle version", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "nouvelle version"
    assert [p.name for p in tmp_path.iterdir()] == ["liste.csv"]  # no temporary file left
    assert target.stat().st_mode & 0o077 == 0  # personal data: owner only


def test_missing_folder_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="n'existe pas"), atomic_output(tmp_path / "absent" / "x.pdf"):
        pass
