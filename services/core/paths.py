"""Where the app keeps its files: the user's data folder (platformdirs), overridable for tests."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from services.core.errors import InputError

APP_NAME = "webleads-tracker"


def data_dir() -> Path:
    """The user's data folder, created on first use, private to its owner.

    WEBLEADS_HOME overrides it (tests, a portable install on a USB key).
    """
    override = os.environ.get("WEBLEADS_HOME")
    if override:
        path = Path(override).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def log_file() -> Path:
    return data_dir() / "webleads.log"


def resource(*parts: str) -> Path:
    """A file of the `resources` package, wherever it is installed (checkout, site-packages, bundle)."""
    return Path(str(files("resources").joinpath(*parts)))


def output_dir(path: Path) -> Path:
    """The folder a command writes its files into: created when its parent exists, refused otherwise."""
    path = Path(path)
    if path.is_dir():
        return path
    if path.exists():
        raise InputError(f"{path} est un fichier, pas un dossier.")
    if not path.parent.is_dir():
        raise InputError(f"Le dossier {path.parent} n'existe pas : impossible d'y créer {path.name}.")
    path.mkdir()
    return path
