"""Benchmark: `init --demo 100000` (target: under 30 s on this 2-core machine).

Beside it, the bare cost it stands on, measured in the same run: writing 100,000 rows of the same
width with sqlite3's executemany (no generation, no checks). Run: python bench/bench_init.py
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BENCH_N", "100000"))


def bare_insert(path: Path) -> float:
    con = sqlite3.connect(path)
    cols = [f"c{i}" for i in range(30)]
    con.execute(f"create table t (id integer primary key, {', '.join(c + ' text' for c in cols)})")
    rows = [(i, *(f"valeur {i} {j}" for j in range(30))) for i in range(N)]
    t = time.perf_counter()
    con.executemany(f"insert into t values ({', '.join('?' * 31)})", rows)
    con.commit()
    elapsed = time.perf_counter() - t
    con.close()
    return elapsed


def app_init(path: Path) -> float:
    env = {**os.environ, "WEBLEADS_HOME": str(path.parent)}
    t = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "init", "--demo", str(N)],
                   check=True, env=env, stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - t


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bare = bare_insert(Path(tmp) / "bare.sqlite")
        app = app_init(Path(tmp) / "app.sqlite")
    print(f"init --demo {N}: {app:.1f} s (target < 30 s)")
    print(f"bare sqlite3 executemany of {N} rows x 31 columns: {bare:.2f} s")
    print(f"ratio: {app / bare:.1f}x the bare write (generation, checks and search text included)")


if __name__ == "__main__":
    main()
