"""Run the command line in-process, as a script would, and capture its streams."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from cli import run


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliRun:
    code = run(list(args))
    captured = capsys.readouterr()
    return CliRun(code, captured.out, captured.err)
