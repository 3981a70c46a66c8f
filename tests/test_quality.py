"""The code base stays lint-clean, typed, in its rooms, and the business layer free of Qt widgets."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

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


def _tool(name: str) -> str:
    """A console script installed beside this Python (the test extra installs it)."""
    return str(Path(sys.executable).with_name(name))


def test_rooms_keep_their_written_order() -> None:
    """import-linter: cli > gui > services > models, and the rooms of services/ in docs/architecture.md."""
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_every_service_module_has_its_place_in_the_order() -> None:
    """A new module under services/ must be named by the rooms contract (itself or its room)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "rooms")
    named = {m.strip() for layer in contract["layers"] for m in re.split(r"[|:]", layer)}
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "services").rglob("*.py")
        if p.name != "__init__.py"
    ]
    unplaced = [m for m in modules if not any(m == n or m.startswith(n + ".") for n in named)]
    assert unplaced == []


def test_no_service_module_does_too_many_things() -> None:
    """Files that say one thing: a module of services/ over 400 lines says why in a `# size:` comment."""
    long = [
        f"{p.relative_to(ROOT)} ({n} lines)"
        for p in (ROOT / "services").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
        and "# size:" not in p.read_text(encoding="utf-8")
    ]
    assert long == []


def test_type_ignores_say_why() -> None:
    """`# type: ignore[code]` is allowed only with its reason after it on the same line."""
    bare = [
        f"{p.relative_to(ROOT)}:{n}"
        for folder in ("cli", "gui", "models", "services")
        for p in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if (m := re.search(r"# type: ignore(\[[^\]]*\])?(.*)$", line))
        and not re.match(r"\s+#\s*\S", m.group(2))
    ]
    assert bare == []


def test_types_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    """mypy: models/, services/core/ and services/contacts/ are clean; elsewhere the count may only fall."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    clean = ("models/", "services/core/", "services/contacts/")
    assert [e for e in errors if e.startswith(clean)] == []
    baseline = int((ROOT / "tests" / "typing_baseline.txt").read_text().split()[0])
    with capsys.disabled():  # the count shows in the CI log
        print(f"\nmypy: {len(errors)} error(s) outside the clean rooms, baseline {baseline}")
    assert len(errors) <= baseline, "\n".join(errors)
