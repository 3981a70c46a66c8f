"""Output folders are created like any 'save to folder', but never a whole missing path."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.core.errors import InputError
from services.core.paths import output_dir


def test_output_folder_created_when_its_parent_exists(tmp_path: Path) -> None:
    """A new campaign folder inside an existing one is created; a missing parent or a file is refused."""
    assert output_dir(tmp_path / "campagne").is_dir()
    with pytest.raises(InputError, match="n'existe pas"):
        output_dir(tmp_path / "absent" / "campagne")
    (tmp_path / "fichier.pdf").write_text("x")
    with pytest.raises(InputError, match="pas un dossier"):
        output_dir(tmp_path / "fichier.pdf")
