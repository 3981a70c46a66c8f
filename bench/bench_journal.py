"""The journal's cost (docs/rules.md §10.2), each figure beside a bare baseline measured in the same run.

    python bench/bench_journal.py [--engine sqlite|postgresql] [--events N] [--rows N]

- import: the same 100,000-row CSV imported into an empty base, three times with the journal and three times with it
  switched off (each in its own process, whole import); goal: the journal adds < 10 %.
- verify: `audit verify` of 1,000,000 events (chain walk and the live rows compared); baseline: reading
  the same rows and hashing each one once (what any check must at least do); goal: < 10 s.
- backup: `backup create` of a base of 100,000 contacts; baseline: copying the file with shutil
  (which is not a safe backup of a live base, but the floor of any copy); goal: < 2 s.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG = os.environ.get("WEBLEADS_BENCH_PG", "postgresql+psycopg:///wl_bench?host=/var/run/postgresql")

IMPORT = """
import sys, time
from pathlib import Path
journal = sys.argv[3] == "on"
import models.journal as J
if not journal:
    J.install = lambda: None
    J.record_rows = lambda *a, **k: 0
    J.record_select = lambda *a, **k: 0
    import services.importing.writing as W
    W.record_select = J.record_select
from models.database import open_database
from services.importing.mapping import header_score
from services.importing.outcome import ImportOptions
from services.importing.presets import auto_mapping
from services.importing.reading import read_table
from services.importing.running import run_import
db = open_database(sys.argv[1])
start = time.perf_counter()
table = read_table(Path(sys.argv[2]), score=header_score)
with db.session() as s:
    mapping = auto_mapping(table.headers, table.rows).mapping
    result = run_import(s, table, mapping, ImportOptions("broker", "Bench"))
print(time.perf_counter() - start, result.summary()["created"])
"""


def _url(engine: str, tmp: Path, name: str) -> str:
    if engine == "postgresql":
        from sqlalchemy import create_engine, text

        eng = create_engine(PG)
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        eng.dispose()
        return PG
    return f"sqlite:///{tmp / name}"


def _csv(path: Path, n: int) -> None:
    """n distinct, plausible people (the demo's generator), as a shop's spreadsheet would list them."""
    from services.contacts.demo import _rows

    lines = ["Civilité;Nom;Prénom;Société;Adresse;CP;Ville;Téléphone;Portable;E-mail"]
    for values, _src, _tags in _rows(n, 1, 1, random.Random(7)):
        lines.append(";".join(str(values[k]) for k in ("civility", "last_name", "first_name", "company",
                     "address_street", "postcode", "city", "phone", "mobile", "email")))  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_import(engine: str, tmp: Path, rows: int) -> None:
    csv = tmp / "import.csv"
    _csv(csv, rows)
    times = {}
    # Alternated, three of each: this machine's speed drifts by ±15 % over a minute; the best of three
    # each is the least disturbed run of either.
    for mode in ("off", "on") * 3:
        url = _url(engine, tmp, f"import-{mode}-{time.monotonic_ns()}.sqlite")
        # A first run creates the base (migrations are not part of an import).
        subprocess.run([sys.executable, "-c", "import sys; from models.database import open_database; "
                        "open_database(sys.argv[1]).dispose()", url], cwd=ROOT, check=True)  # fmt: skip
        out = subprocess.run([sys.executable, "-c", IMPORT, url, str(csv), mode], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()  # fmt: skip
        times.setdefault(mode, []).append(float(out[0]))
    off, on = min(times["off"]), min(times["on"])
    print(f"import of {rows:,} rows ({engine}): without journal {off:.2f} s, with {on:.2f} s "
          f"-> +{(on / off - 1) * 100:.1f} % (goal < 10 %)")  # fmt: skip


def build_events(engine: str, tmp: Path, events: int) -> str:
    """A base whose journal holds `events` events about 1,000 live rows (settings), written like the app's."""
    from datetime import UTC, datetime, timedelta

    from models.bulk import bulk_insert
    from models.database import open_database
    from models.journal import JournalEvent
    from models.journal_codec import GENESIS, chain_hash, inserted

    url = _url(engine, tmp, "verify.sqlite")
    db = open_database(url)
    with db.session() as s:
        s.execute(JournalEvent.__table__.delete())
        from sqlalchemy import text

        s.execute(text("DELETE FROM settings"))
    at = datetime(2026, 1, 1, tzinfo=UTC)
    prev, rows, values = GENESIS, [], {}
    with db.session() as s:
        for seq in range(1, events + 1):
            key = f"bench.k{seq % 1000}"
            row = {"key": key, "value": f'"{seq} {"x" * 200}"'}
            values[key] = row
            after, state = inserted("settings", row, None)
            ev = {"seq": seq, "at": at + timedelta(seconds=seq), "os_user": "marie", "host": "caisse-1",
                  "db_role": "", "table_name": "settings", "row_ref": key, "contact_id": None,
                  "action": "insert" if seq <= 1000 else "update", "before": "",
                  "after": after, "state": state,
                  "seeded": False, "prev_hash": prev}  # fmt: skip
            ev["hash"] = prev = chain_hash(ev)
            rows.append(ev)
            if len(rows) == 20000:
                bulk_insert(s, JournalEvent.__table__, rows)
                rows = []
        if rows:
            bulk_insert(s, JournalEvent.__table__, rows)
        s.execute(text("INSERT INTO settings (key, value) VALUES (:key, :value)"), list(values.values()))
        s.info.clear()  # written directly: nothing to journal twice
    db.dispose()
    return url


def bench_verify(engine: str, tmp: Path, events: int) -> None:
    from models.database import open_database
    from services.compliance.audit import verify

    url = build_events(engine, tmp, events)
    db = open_database(url)
    for _ in range(2):
        with db.session() as s:
            start = time.perf_counter()
            cur = s.connection().connection.cursor()
            cur.execute("SELECT * FROM journal_events ORDER BY seq")
            h = hashlib.sha256()
            while batch := cur.fetchmany(20000):
                for r in batch:
                    h.update(repr(r).encode())
            bare = time.perf_counter() - start
        with db.session() as s:
            start = time.perf_counter()
            report = verify(s)
            took = time.perf_counter() - start
        assert report.ok, report.text()
        print(f"audit verify of {report.events:,} events ({engine}): {took:.2f} s (goal < 10 s); "
              f"bare read-and-hash {bare:.2f} s -> {took / bare:.1f}x")  # fmt: skip
    db.dispose()


def bench_backup(tmp: Path, contacts: int) -> None:
    from models.database import open_database
    from services.contacts.demo import add_demo_contacts
    from services.core.backups import create_backup

    (tmp / "b").mkdir(exist_ok=True)
    db = open_database(f"sqlite:///{tmp / 'b' / 'webleads.sqlite'}")
    with db.session() as s:
        add_demo_contacts(s, contacts)
    size = db.sqlite_path.stat().st_size / 1e6  # type: ignore[union-attr]
    for _ in range(2):
        start = time.perf_counter()
        shutil.copyfile(db.sqlite_path, tmp / "copy.sqlite")  # type: ignore[arg-type]
        bare = time.perf_counter() - start
        start = time.perf_counter()
        backup = create_backup(db)
        took = time.perf_counter() - start
        backup.path.unlink()
        print(f"backup of {contacts:,} contacts ({size:.0f} MB): {took:.2f} s (goal < 2 s); bare file copy "
              f"{bare:.2f} s")  # fmt: skip
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--only", choices=["import", "verify", "backup"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        os.environ["WEBLEADS_HOME"] = str(tmp / "home")
        if args.only in (None, "import"):
            bench_import(args.engine, tmp, args.rows)
        if args.only in (None, "verify"):
            bench_verify(args.engine, tmp, args.events)
        if args.only in (None, "backup") and args.engine == "sqlite":
            bench_backup(tmp, args.rows)


if __name__ == "__main__":
    main()
