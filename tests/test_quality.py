"""The code base stays lint-clean, and the business layer stays free of Qt widgets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean() -> None:
    """ruff (configured in pyproject.toml, including the Qt ban on services/ and models/) finds nothing."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", str(ROOT)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_business_layer_imports_no_qt() -> None:
    """services/, models/ and cli/ import nothing from PySide6 (the command line needs no screen)."""
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("services", "models", "cli")
        for p in (ROOT / folder).rglob("*.py")
        if "PySide6" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
