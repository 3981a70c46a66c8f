"""`webleads --version`: the one version number, pyproject.toml's, read through the package metadata."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from models import version as version_module
from tests.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]


def _pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_version_prints_the_pyproject_number(capsys: pytest.CaptureFixture[str]) -> None:
    """One line on stdout, exit 0, and no base opened: it works before any subcommand."""
    r = cli(capsys, "--version")
    assert r.code == 0 and r.err == ""
    assert r.out == f"webleads-tracker {_pyproject_version()}\n"
    r = cli(capsys, "--db", "/nonexistent/folder/base.sqlite", "--version", "contacts", "list")
    assert r.code == 0 and r.out.startswith("webleads-tracker ")


def test_without_metadata_the_checkout_pyproject_gives_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sources run without any install still know their version (read from pyproject.toml)."""

    def missing(name: str) -> str:
        raise version_module.PackageNotFoundError(name)

    monkeypatch.setattr(version_module, "version", missing)
    version_module.app_version.cache_clear()
    try:
        assert version_module.app_version() == _pyproject_version()
    finally:
        version_module.app_version.cache_clear()
