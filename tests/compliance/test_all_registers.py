"""`export register all DIR` (issue 15): every register in a new dated folder — or nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.database import Database
from services.compliance import registers
from services.compliance.registers import ALL_FILES, export_all_registers
from services.core.moments import business_date
from tests.cli_helpers import cli
from tests.helpers import make_contact


def test_every_register_goes_into_a_new_dated_folder(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as s:
        make_contact(s, last_name="Martin")
    run = cli(capsys, "--db", db.url, "export", "register", "all", str(tmp_path), "--json")
    assert run.code == 0, run.err
    folder = tmp_path / f"registres-{business_date():%Y-%m-%d}"
    assert run.json["folder"] == str(folder)
    assert [(f["register"], Path(f["file"]).name) for f in run.json["files"]] == ALL_FILES
    assert sorted(p.name for p in folder.iterdir()) == sorted(name for _, name in ALL_FILES)
    assert (
        next(f["rows"] for f in run.json["files"] if f["register"] == "audit") >= 2
    )  # the contact, its source
    again = cli(capsys, "--db", db.url, "export", "register", "all", str(tmp_path), "--json")
    assert again.json["folder"] == str(folder) + "-2"  # never over an earlier export


def test_a_failure_midway_leaves_no_folder(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(session, path, progress=None):  # the calls register fails (e.g. a full disk)
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(registers.REGISTERS, "calls", broken)
    out = tmp_path / "registres"
    out.mkdir()
    with db.session() as s, pytest.raises(OSError):
        export_all_registers(s, out)
    assert list(out.iterdir()) == []


def test_a_folder_that_does_not_exist_is_one_line_and_exit_2(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = cli(capsys, "--db", db.url, "export", "register", "all", str(tmp_path / "nulle-part"))
    assert run.code == 2 and run.err.strip() == f"Le dossier {tmp_path / 'nulle-part'} n'existe pas."
    dated = cli(capsys, "--db", db.url, "export", "register", "all", str(tmp_path), "--from", "2026-01-01")
    assert dated.code == 2 and "--from et --to" in dated.err
