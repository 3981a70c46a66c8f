"""The application's version: the one in pyproject.toml, read from the installed package's metadata.

pip (editable or not) and the PyInstaller bundle (`copy_metadata` in packaging/webleads.spec) carry that
metadata; a checkout run without any install reads pyproject.toml itself. No number is written here.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

DISTRIBUTION = "webleads-tracker"
UNKNOWN = "inconnue"


@cache
def app_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return UNKNOWN


def version_line() -> str:
    """What `webleads --version` prints and the About box shows first: « webleads-tracker 0.2.0 »."""
    return f"{DISTRIBUTION} {app_version()}"
