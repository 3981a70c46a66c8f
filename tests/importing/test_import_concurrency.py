"""Two workstations importing the same file at once (issue 13): the duplicate check and the writing never
interleave — the second import waits its turn and finds the first one's contacts — and an objection
never waits behind an import. Two real processes, on each engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from models.contact import Contact
from models.database import Database
from services.compliance.oppositions import record_opposition
from services.core.moments import business_date
from tests.race_helpers import wait_for

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 150


def people_csv(path: Path, n: int = PEOPLE, objections: bool = False) -> Path:
    lines = ["Nom;Prénom;Code postal;Ville;E-mail" + (";Ne pas contacter" if objections else "")]
    for i in range(n):
        name = "".join(
            "BCDFGHJKLMNPRSTV"[(i * 7 + k * 3) % 16] + "AEIOU"[(i >> (2 * k)) % 5] for k in range(4)
        )
        line = f"{name};{name[::-1].title()};{69001 + i % 9};Lyon;{name.lower()}{i}@example.fr"
        lines.append(line + (";oui" if objections and i % 10 == 0 else ";" if objections else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def paused_import(url: str, path: Path, flags: Path, moment: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.race_helpers", "import", url, str(path), str(flags), moment],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    wait_for(flags / "paused", 60)
    return proc


def cli_import(url: str, path: Path, stderr: Path | None = None) -> subprocess.Popen[str]:
    """`webleads import` in its own process; its stderr to a file when given (to watch it while it runs)."""
    return subprocess.Popen(
        [sys.executable, "main.py", "--db", url, "import", str(path), "--source-kind", "direct",
         "--source-name", "Salon", "--json"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if stderr is None else stderr.open("w"), text=True,
    )  # fmt: skip


def finish(proc: subprocess.Popen[str], stderr: Path | None = None) -> tuple[dict[str, int], str]:
    out, err = proc.communicate(timeout=120)
    err = stderr.read_text(encoding="utf-8") if stderr is not None else err
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1]), err


def wait_for_text(path: Path, text: str, seconds: float) -> None:
    end = time.monotonic() + seconds
    while text not in (path.read_text(encoding="utf-8") if path.exists() else ""):
        assert time.monotonic() < end, f"« {text} » never said"
        time.sleep(0.1)


def count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Contact)) or 0


def test_two_imports_of_one_file_at_once_create_each_person_once(db: Database, tmp_path: Path) -> None:
    """PostgreSQL used to create every person twice (both said `created: 150`); SQLite failed with
    « numérotation des nouveaux contacts inattendue ». The first import is paused once its duplicates
    are checked while the second runs: on PostgreSQL the second waits for the imports lock; on SQLite it
    writes first, and the first one, finding the base changed, checks its duplicates again."""
    path = people_csv(tmp_path / "salon.csv")
    flags = tmp_path / "flags"
    flags.mkdir()
    first = paused_import(db.url, path, flags, "checked")
    second = cli_import(db.url, path)
    if db.is_sqlite:
        second_result, _ = finish(second)  # the first holds no lock while paused before writing
    else:
        time.sleep(1.5)
        assert second.poll() is None, second.communicate()  # waiting for the first one's turn to end
    (flags / "go").touch()
    first_result, _ = finish(first)
    if not db.is_sqlite:
        second_result, _ = finish(second)
    assert first_result["created"] + second_result["created"] == PEOPLE
    assert {first_result["created"], second_result["created"]} == {0, PEOPLE}
    assert count(db) == PEOPLE


def test_an_import_waits_its_turn_and_says_so(db: Database, tmp_path: Path) -> None:
    """The first import is paused in the middle of its writing; the second one waits (« Base occupée par
    un autre import, nouvel essai… » on stderr) instead of failing, then finds every contact."""
    path = people_csv(tmp_path / "salon.csv")
    flags = tmp_path / "flags"
    flags.mkdir()
    first = paused_import(db.url, path, flags, "writing")
    second_err = tmp_path / "second.err"
    second = cli_import(db.url, path, second_err)
    # The second one says it waits (past SQLite's 5 s busy timeout; at once on PostgreSQL's lock), and waits.
    wait_for_text(second_err, "Base occupée par un autre import, nouvel essai…", 60)
    time.sleep(0.5)
    assert second.poll() is None, second.communicate()
    (flags / "go").touch()
    first_result, _ = finish(first)
    second_result, err = finish(second, second_err)
    assert "Base occupée par un autre import, nouvel essai…" in err
    assert "numérotation" not in err
    assert (first_result["created"], second_result["created"]) == (PEOPLE, 0)
    assert second_result["merged"] + second_result["unchanged"] == PEOPLE
    assert count(db) == PEOPLE


def test_an_objection_never_waits_behind_an_import(db: Database, tmp_path: Path) -> None:
    """An import whose file carries objection flags is paused after its checks (on PostgreSQL it holds the
    imports lock then): an objection recorded meanwhile goes through at once — the import takes the
    objections lock only when it records its own, at the end of its transaction."""
    from tests.helpers import make_contact

    with db.session() as s:
        someone = make_contact(s, last_name="Durand").id
    path = people_csv(tmp_path / "salon.csv", objections=True)
    flags = tmp_path / "flags"
    flags.mkdir()
    importing = paused_import(db.url, path, flags, "checked")
    took: list[float] = []

    def oppose() -> None:
        started = time.monotonic()
        with db.session() as s:
            record_opposition(s, someone, "all", "letter", business_date())
        took.append(time.monotonic() - started)

    worker = threading.Thread(target=oppose)
    worker.start()
    worker.join(timeout=4)
    (flags / "go").touch()
    result, _ = finish(importing)
    worker.join()
    assert took and took[0] < 4, "the objection waited for the import"
    assert result["created"] == PEOPLE
