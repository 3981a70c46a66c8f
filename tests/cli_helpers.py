"""Run the command line in-process, as a script would, and capture its streams."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cli import run
from tests.conftest import migrated_sqlite_template


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliRun:
    seed_new_base(args)
    code = run(list(args))
    captured = capsys.readouterr()
    return CliRun(code, captured.out, captured.err)


def seed_new_base(args: tuple[str, ...]) -> None:
    """A `--db` file that does not exist yet starts as a copy of the migrated template: the same base the
    command would create, without running the migrations again in every test (half a second each)."""
    if "--db" not in args[:-1]:
        return
    path = Path(args[args.index("--db") + 1])
    if "://" not in str(path) and path.is_absolute() and not path.exists() and path.parent.is_dir():
        try:
            shutil.copyfile(migrated_sqlite_template(), path)
        except OSError:  # a read-only folder: the command meets it as it is
            path.unlink(missing_ok=True)
