"""Files when the machine says no (issue 13): temporary files a killed export leaves behind, a full disk,
a read-only folder, an unreadable input — one French line, nothing changed, nothing left over."""

from __future__ import annotations

import builtins
import csv
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from services.core.errors import InputError, UserError
from services.core.files import atomic_output, clean_stale_temporaries, temp_prefix
from services.core.sheet_reader import read_grid
from tests.cli_helpers import cli


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def machine() -> str:
    return "".join(ch for ch in socket.gethostname() if ch.isalnum() or ch in "_-")[:40] or "poste"


def test_temporary_files_are_ours_unmistakably_and_those_of_dead_processes_go(tmp_path: Path) -> None:
    """kill -9 during an export left `.~XXXX.xlsx` files full of personal data that nothing cleaned.
    Ours are `.webleads-tmp-<pid>-<machine>-…`; the next export to the folder removes those of processes
    that no longer run, never an office suite's lock files nor a live export's."""
    dead = tmp_path / f".webleads-tmp-{dead_pid()}-{machine()}-k3j2.xlsx"
    alive = tmp_path / f"{temp_prefix()}x8f1.csv"
    elsewhere_now = tmp_path / ".webleads-tmp-4242-autreposte-a1.xlsx"
    elsewhere_old = tmp_path / ".webleads-tmp-4243-autreposte-b2.xlsx"
    office = [tmp_path / ".~lock.contacts.xlsx#", tmp_path / "~$contacts.xlsx", tmp_path / ".~contacts.xlsx"]
    for p in (dead, alive, elsewhere_now, elsewhere_old, *office):
        p.write_text("données personnelles")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(elsewhere_old, (two_days_ago, two_days_ago))
    target = tmp_path / "contacts.xlsx"
    with atomic_output(target) as tmp:
        assert Path(tmp).name.startswith(f".webleads-tmp-{os.getpid()}-")
        Path(tmp).write_text("export")
    left = {p.name for p in tmp_path.iterdir()}
    assert dead.name not in left and elsewhere_old.name not in left
    assert {alive.name, elsewhere_now.name, *(p.name for p in office), "contacts.xlsx"} == left


def test_the_data_folder_is_cleaned_at_start(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_home.mkdir(parents=True, exist_ok=True)
    left = data_home / f".webleads-tmp-{dead_pid()}-{machine()}-z9.sqlite"
    left.write_text("copie")
    lock = data_home / ".~lock.webleads.sqlite#"
    lock.write_text("x")
    assert cli(capsys, "labels", "templates", "--json").code == 0
    assert not left.exists() and lock.exists()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Any]:
    """small_disk(kilobytes): a file system that small, full almost at once (tmpfs; skipped where mounting
    is not allowed)."""
    mounted: list[Path] = []

    def make(kilobytes: int) -> Path:
        folder = tmp_path / f"disque-{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip("cannot mount a small tmpfs here (not root?)")
        mounted.append(folder)
        return folder

    try:
        yield make
    finally:
        for folder in mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_one_french_line_and_changes_nothing(
    small_disk: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export said « Erreur inattendue : [Errno 28] » and a traceback; an import the raw « database or
    disk is full ». Both now: « Disque plein : … rien n'a été modifié », exit 1 (the machine's state)."""
    base = tmp_path / "base.sqlite"
    assert cli(capsys, "--db", str(base), "init", "--demo", "3000").code == 0
    tiny = small_disk(128)
    for name in ("contacts.xlsx", "contacts.csv"):
        run = cli(capsys, "--db", str(base), "export", "contacts", str(tiny / name))
        assert run.code == 1, run.err
        assert run.err.startswith("Disque plein") and "rien n'a été modifié" in run.err
        assert len(run.err.strip().splitlines()) == 1 and "Errno" not in run.err
        assert list(tiny.iterdir()) == []  # no half file, no temporary file
    # In a process of its own, as a user runs it: not a word more on stderr, even at exit (the zip file
    # xlsxwriter left open complains when collected: into the log).
    done = subprocess.run(
        [sys.executable, "main.py", "--db", str(base), "export", "contacts", str(tiny / "contacts.xlsx")],
        cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("Disque plein")

    empty = tmp_path / "vide.sqlite"
    assert cli(capsys, "--db", str(empty), "init").code == 0
    room = small_disk(empty.stat().st_size // 1024 + 256)
    small = room / "base.sqlite"
    small.write_bytes(empty.read_bytes())
    people = tmp_path / "salon.csv"
    with open(people, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Nom", "Prénom", "Adresse", "Code postal", "Ville", "E-mail", "Notes"])
        for i in range(3000):
            name = "".join("BCDFGHJKLMNPRSTV"[(i >> (4 * k)) % 16] + "AEIOU"[(i + k) % 5] for k in range(4))
            w.writerow(
                [name, "Anne", f"{i} rue des Lilas", "69001", "Lyon", f"p{i}@example.fr", "note " * 40]
            )
    run = cli(
        capsys, "--db", str(small), "import", str(people), "--source-kind", "direct", "--source-name", "Salon"
    )
    assert run.code == 1, run.err
    assert run.err.startswith("Disque plein") and "rien n'a été modifié" in run.err
    assert cli(capsys, "--db", str(small), "contacts", "list", "--json").json == []


@pytest.fixture
def frozen_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "protege"
    folder.mkdir()
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def test_a_read_only_folder_is_one_french_line(
    frozen_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« Read-only file system » / « Permission denied » in English: now one French line, exit 1."""
    base = tmp_path / "base.sqlite"
    assert cli(capsys, "--db", str(base), "init", "--demo", "3").code == 0
    run = cli(capsys, "--db", str(base), "export", "contacts", str(frozen_folder / "contacts.xlsx"))
    assert run.code == 1
    assert "Impossible d'écrire « contacts.xlsx »" in run.err and "rien n'a été modifié" in run.err
    assert "Operation not permitted" not in run.err and "Errno" not in run.err
    with pytest.raises(UserError, match="opération non permise"), atomic_output(frozen_folder / "x.pdf"):
        pass


def test_an_unreadable_input_is_one_french_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Nom\nMARTIN\n", encoding="utf-8")
    real_open = builtins.open

    def refusing(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing)
    with pytest.raises(InputError) as exc:
        read_grid(path)
    assert str(exc.value) == (
        "Impossible de lire « clients.csv » : accès refusé (droits insuffisants sur le fichier ou le dossier)."
    )


def test_stale_temporaries_of_a_folder_that_cannot_be_listed_are_left(tmp_path: Path) -> None:
    assert clean_stale_temporaries(tmp_path / "absent") == []
