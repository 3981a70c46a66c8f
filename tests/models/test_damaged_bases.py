"""Bases that are not ours, damaged or read-only (issue 13): never written to before they are known to be
ours, a damaged one readable but refusing every write with the way out, a read-only one readable."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from models.database import INTEGRITY_KEY, DatabaseError, integrity_ok, open_database
from tests.cli_helpers import cli


def header(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(100)


def test_another_programs_base_is_not_switched_to_wal(tmp_path: Path) -> None:
    """Refused as foreign « elle n'a pas été modifiée »: it was already in WAL mode (a write to its
    header). Now nothing that writes runs before the file is known to be ours."""
    path = tmp_path / "compta.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table ecritures (id integer primary key, montant real)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="n'a pas été modifiée"):
        open_database(f"sqlite:///{path}")
    assert header(path)[18:20] == b"\x01\x01"  # legacy journal, as the other program left it
    assert path.read_bytes() == before
    assert not path.with_name("compta.sqlite-wal").exists()


def make_base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "base.sqlite"
    assert cli(capsys, "--db", str(path), "init", "--demo", "20").code == 0
    assert cli(capsys, "--db", str(path), "partners", "add", "--name", "Assur+", "--category", "assurance",
               "--email", "dpo@assur.example").code == 0  # fmt: skip
    return path


def set_last_check(path: Path, day: date) -> None:
    con = sqlite3.connect(path)
    con.execute("update settings set value = ? where key = ?", (f'"{day.isoformat()}"', INTEGRITY_KEY))
    assert con.total_changes == 1
    con.commit()
    con.close()


def damage_table(path: Path, table: str) -> None:
    """Scribble over the first page of a table's b-tree, as a bad sector would."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("select rootpage from sqlite_master where name = ?", (table,)).fetchone()[0]
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * 64)


def test_a_damaged_page_is_found_at_the_first_start_of_the_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One damaged page (the partners' table): `contacts add` and `init` used to write into the base.
    At the first start of the day quick_check finds it: reading goes on, every write is refused with
    the way out (restore a backup), exit status 1 (the machine's state)."""
    path = make_base(tmp_path, capsys)
    set_last_check(path, date.today() - timedelta(days=1))
    damage_table(path, "partners")
    db = open_database(f"sqlite:///{path}")
    assert db.damaged and not integrity_ok(db.engine)
    db.dispose()

    listed = cli(capsys, "--db", str(path), "contacts", "list", "--json")
    assert listed.code == 0 and len(listed.json) == 20
    for args in (
        ("contacts", "add", "--last-name", "Nouveau", "--source-kind", "direct", "--source-name", "Salon"),
        ("init",),
        ("init", "--demo", "2"),
    ):
        run = cli(capsys, "--db", str(path), *args)
        assert run.code == 1, (args, run.err)
        assert "endommagée" in run.err and "restaurez une sauvegarde" in run.err
        assert "webleads backup restore" in run.err and "Traceback" not in run.err
    listed = cli(capsys, "--db", str(path), "contacts", "list", "--json")
    assert len(listed.json) == 20  # nothing was added


def test_a_malformed_error_checks_the_whole_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Checked today already, then a read meets a damaged page: the message is the damaged base's, and
    the next start checks again (a write elsewhere in the file is refused too)."""
    path = make_base(tmp_path, capsys)
    set_last_check(path, date.today())
    damage_table(path, "partners")
    run = cli(capsys, "--db", str(path), "partners", "list")
    assert run.code == 1
    assert "endommagée" in run.err and "restaurez une sauvegarde" in run.err
    run = cli(capsys, "--db", str(path), "contacts", "add", "--last-name", "X", "--source-kind", "direct",
              "--source-name", "Salon")  # fmt: skip
    assert run.code == 1 and "endommagée" in run.err


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder and its files that even root cannot write (chattr +i), as on a read-only medium."""
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    yield folder
    subprocess.run(["chattr", "-R", "-i", str(folder)], check=False)


def freeze(*paths: Path) -> None:
    for p in paths:
        if subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not available here (not root, or no ext4)")


def test_a_read_only_base_can_be_listed(read_only_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A base on a read-only medium could not even be listed (« Impossible d'ouvrir la base »): it is read
    as it is; a write is refused in one French line, exit status 1."""
    path = read_only_folder / "base.sqlite"
    assert cli(capsys, "--db", str(path), "init", "--demo", "5").code == 0
    freeze(path, read_only_folder)
    listed = cli(capsys, "--db", str(path), "contacts", "list", "--json")
    assert listed.code == 0, listed.err
    assert len(listed.json) == 5
    run = cli(capsys, "--db", str(path), "contacts", "add", "--last-name", "X", "--source-kind", "direct",
              "--source-name", "Salon")  # fmt: skip
    assert run.code == 1 and "lecture seule" in run.err, run.err
    assert len(run.err.strip().splitlines()) == 1
    created = cli(capsys, "--db", str(read_only_folder / "neuve.sqlite"), "init")
    assert created.code == 1 and "Impossible de créer la base" in created.err, created.err
    assert "Permission" not in created.err and "Read-only" not in created.err
