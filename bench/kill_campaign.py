"""The kill -9 campaign (issue 13): each operation is run N times and killed at a random moment, as a power
cut or a task manager would; after each kill the base and the files must be whole.

    python bench/kill_campaign.py [--runs 20] [--only import,export,migration,init,backup] [--seed S]

- import: a CSV of 3,000 people into a base of 300; afterwards the base passes `PRAGMA integrity_check`,
  opens, and holds 300 or 3,300 contacts (the import is one transaction: all or nothing).
- export: 3,000 contacts to .xlsx and .csv; the target is absent or complete, and the next export to the
  folder leaves no temporary file (`.webleads-tmp-…` of the dead process removed).
- migration: a base at revision 0006 with 300 contacts, upgraded by `init`; afterwards it opens, reaches
  the last revision and keeps its 300 contacts.
- init: the very first `init` of a new base; afterwards `init` finishes it.
- backup: `backup create` when the command exists (another branch adds it), else skipped and said so.

Prints one line per operation, `N/N intact` when every run left everything whole. SQLite: the engine
whose file a crash can leave half-written (PostgreSQL's own journal covers it).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PEOPLE = 3000
BASE_PEOPLE = 300


def webleads(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "WEBLEADS_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("WEBLEADS_DB", None)
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finish(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = webleads(home, *args)
    out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def killed_at_random(home: Path, duration: float, rng: random.Random, *args: str) -> bool:
    """Run, kill -9 at a random moment of its usual duration; True when the kill landed before the end."""
    proc = webleads(home, *args)
    time.sleep(rng.uniform(0.0, duration))
    landed = proc.poll() is None
    if landed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=600)
    return landed


def timed(home: Path, *args: str) -> float:
    started = time.monotonic()
    done = finish(home, *args)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr}")
    return time.monotonic() - started


def sqlite_whole(path: Path) -> bool:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


def count(home: Path, base: Path) -> int | None:
    done = finish(home, "--db", str(base), "contacts", "list", "--json")
    return len(json.loads(done.stdout)) if done.returncode == 0 else None


def people_csv(path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Nom", "Prénom", "Adresse", "Code postal", "Ville", "E-mail"])
        for i in range(PEOPLE):
            name = "".join("BCDFGHJKLMNPRSTV"[(i >> (4 * k)) % 16] + "AEIOU"[(i + k) % 5] for k in range(4))
            w.writerow([name, "Anne", f"{i} rue des Lilas", f"{69001 + i % 9}", "Lyon", f"p{i}@example.fr"])


class Campaign:
    def __init__(self, work: Path, runs: int, rng: random.Random) -> None:
        self.work, self.runs, self.rng = work, runs, rng
        self.home = work / "home"
        self.home.mkdir()

    def fresh(self, name: str) -> Path:
        folder = self.work / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        return folder

    def repeat(self, label: str, one_run: Callable[[int], tuple[bool, bool]]) -> str:
        intact = landed = 0
        for i in range(self.runs):
            whole, kill_landed = one_run(i)
            intact += whole
            landed += kill_landed
            if not whole:
                print(f"  {label} : run {i + 1} NOT intact", flush=True)
        return f"{label:<10} {intact}/{self.runs} intact ({landed} killed before the end)"

    # --- operations ---------------------------------------------------------------------------------

    def import_(self) -> str:
        template = self.work / "import-base.sqlite"
        finish(self.home, "--db", str(template), "init", "--demo", str(BASE_PEOPLE))
        people = self.work / "salon.csv"
        people_csv(people)
        trial = self.fresh("import-trial") / "base.sqlite"
        shutil.copy(template, trial)
        duration = timed(self.home, "--db", str(trial), "import", str(people), "--source-kind", "direct",
                         "--source-name", "Salon")  # fmt: skip
        full = count(self.home, trial)

        def one(_i: int) -> tuple[bool, bool]:
            base = self.fresh("import-run") / "base.sqlite"
            shutil.copy(template, base)
            landed = killed_at_random(self.home, duration, self.rng, "--db", str(base), "import", str(people),
                                      "--source-kind", "direct", "--source-name", "Salon")  # fmt: skip
            return sqlite_whole(base) and count(self.home, base) in (BASE_PEOPLE, full), landed

        return self.repeat("import", one)

    def export(self) -> str:
        base = self.work / "export-base.sqlite"
        finish(self.home, "--db", str(base), "init", "--demo", str(PEOPLE))
        folder = self.fresh("export-trial")
        duration = timed(self.home, "--db", str(base), "export", "contacts", str(folder / "contacts.xlsx"))

        def complete(target: Path) -> bool:
            if target.suffix == ".csv":
                return len(target.read_text(encoding="utf-8-sig").splitlines()) == PEOPLE + 1
            import python_calamine as pc

            wb = pc.CalamineWorkbook.from_path(str(target))
            return len(wb.get_sheet_by_index(0).to_python()) == PEOPLE + 1

        def one(i: int) -> tuple[bool, bool]:
            folder = self.fresh("export-run")
            target = folder / ("contacts.csv" if i % 2 else "contacts.xlsx")
            landed = killed_at_random(self.home, duration, self.rng, "--db", str(base), "export", "contacts",
                                      str(target))  # fmt: skip
            whole = not target.exists() or complete(target)
            again = finish(self.home, "--db", str(base), "export", "contacts", str(target))
            leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".webleads-tmp-")]
            return whole and again.returncode == 0 and complete(target) and not leftovers, landed

        return self.repeat("export", one)

    def migration(self) -> str:
        from sqlalchemy import create_engine

        from tests.helpers import base_at_revision, insert_old_contact

        made = self.fresh("migration-template")
        url = base_at_revision("sqlite", made, "0006")
        engine = create_engine(url)
        with engine.begin() as conn:
            for i in range(1, BASE_PEOPLE + 1):
                insert_old_contact(conn, i, last_name=f"ANCIEN{i}", search_text=f"ancien{i}")
        engine.dispose()
        template = made / "old.sqlite"
        trial = self.fresh("migration-trial") / "base.sqlite"
        shutil.copy(template, trial)
        duration = timed(self.home, "--db", str(trial), "init")

        def one(_i: int) -> tuple[bool, bool]:
            base = self.fresh("migration-run") / "base.sqlite"
            shutil.copy(template, base)
            landed = killed_at_random(self.home, duration, self.rng, "--db", str(base), "init")
            if not sqlite_whole(base):
                return False, landed
            done = finish(self.home, "--db", str(base), "init", "--json")
            return done.returncode == 0 and count(self.home, base) == BASE_PEOPLE, landed

        return self.repeat("migration", one)

    def first_init(self) -> str:
        trial = self.fresh("init-trial") / "base.sqlite"
        duration = timed(self.home, "--db", str(trial), "init")
        head = json.loads(finish(self.home, "--db", str(trial), "init", "--json").stdout)["revision"]

        def one(_i: int) -> tuple[bool, bool]:
            base = self.fresh("init-run") / "base.sqlite"
            landed = killed_at_random(self.home, duration, self.rng, "--db", str(base), "init")
            done = finish(self.home, "--db", str(base), "init", "--json")
            if done.returncode != 0:
                return False, landed
            return json.loads(done.stdout)["revision"] == head and sqlite_whole(base), landed

        return self.repeat("init", one)

    def backup(self) -> str:
        probe = finish(self.home, "backup", "--help")
        if probe.returncode != 0:
            return "backup     skipped: `backup` is not a command of this version"
        base = self.work / "backup-base.sqlite"
        finish(self.home, "--db", str(base), "init", "--demo", str(PEOPLE))
        duration = timed(self.home, "--db", str(base), "backup", "create")

        def one(_i: int) -> tuple[bool, bool]:
            landed = killed_at_random(self.home, duration, self.rng, "--db", str(base), "backup", "create")
            listed = finish(self.home, "--db", str(base), "backup", "list")
            again = finish(self.home, "--db", str(base), "backup", "create")
            whole = sqlite_whole(base) and count(self.home, base) == PEOPLE
            return whole and listed.returncode == 0 and again.returncode == 0, landed

        return self.repeat("backup", one)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", default="import,export,migration,init,backup")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"kill -9 campaign, {args.runs} runs per operation, seed {seed}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kill-campaign-") as tmp:
        campaign = Campaign(Path(tmp), args.runs, random.Random(seed))
        steps = {"import": campaign.import_, "export": campaign.export, "migration": campaign.migration,
                 "init": campaign.first_init, "backup": campaign.backup}  # fmt: skip
        lines = []
        for name in args.only.split(","):
            line = steps[name.strip()]()
            print(line, flush=True)
            lines.append(line)
    broken = [line for line in lines if "intact" in line and line.split()[1].split("/")[0] != str(args.runs)]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
