"""Benchmark: the contact search at 1,000,000 contacts (issue 17; targets on SQLite: median ≤ 60 ms and max
≤ 150 ms for every prefix of 1 to 6 characters; on PostgreSQL a median ≤ 100 ms).

Measured from the keystroke to the first page painted: the search box of a real ContactsScreen (offscreen)
gets the prefix typed with QTest.keyClicks, then the event loop turns until the model holds rows and the
first row's cells were read (what a paint asks for). Beside each figure, the bare baseline: the plain SQL of
the same search (`search_text LIKE '%word%'` sorted by name, first 100 ids), timed on the same base.

The base (built once, cached under /tmp/wl_scale/): demo contacts (services.contacts.demo's generator),
written with executemany in batches, no ORM object per row and no journal (the search reads neither).

    python bench/bench_scale_search.py                 # SQLite, 1,000,000 contacts
    BENCH_N=100000 python bench/bench_scale_search.py  # a smaller base
    BENCH_PG=postgresql+psycopg:///wl_search_bench?host=/var/run/postgresql python bench/bench_scale_search.py

    BENCH_INSERT_COST=100000 python bench/bench_scale_search.py  # the index's cost to 100,000 inserts

`run_search(engine_url, n)` is what bench/bench_scale.py imports: it fills the base when it holds fewer than
n contacts and returns the figures as a dict.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# BENCH_CODE: the checkout whose code is measured (another one's, to measure « before » on a copy).
sys.path.insert(0, os.environ.get("BENCH_CODE", str(HERE.parent)))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import func, insert, select, text  # noqa: E402

from models.contact import Contact  # noqa: E402
from models.database import open_database  # noqa: E402

CACHE = Path("/tmp/wl_scale")
WORDS = ["martin", "durand", "lyon", "gmail", "zoe", "pierre", "06123", "fleury"]
BATCH = 10_000


def sqlite_url(n: int) -> str:
    CACHE.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{CACHE / f'contacts_{n}.sqlite'}"


def fill(engine_url: str, n: int) -> int:
    """Demo contacts up to n (only the ones missing); returns how many the base holds."""
    from services.contacts.demo import CONTACTS_TABLE, _rows  # the demo generator's realistic rows

    db = open_database(engine_url)
    try:
        with db.session() as s:
            have = s.scalar(select(func.count(Contact.id))) or 0
            first = (s.scalar(select(func.max(Contact.id))) or 0) + 1
        if have >= n:
            return have
        rng = random.Random(17)
        batch: list[dict[str, Any]] = []
        t0 = time.perf_counter()
        for values, _src, _tags in _rows(n - have, first, first, rng):
            values["journal_key"] = None
            values["to_check"] = False
            values["to_check_reasons"] = ""
            batch.append(values)
            if len(batch) >= BATCH:
                with db.session() as s:
                    s.execute(insert(CONTACTS_TABLE), batch)
                batch.clear()
        if batch:
            with db.session() as s:
                s.execute(insert(CONTACTS_TABLE), batch)
        with db.session() as s:
            if db.engine.dialect.name == "postgresql":
                s.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence('contacts', 'id'), (SELECT max(id) FROM contacts))"
                    )
                )
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE contacts"))
        else:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
        print(f"base filled: {n - have} contacts in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        return n
    finally:
        db.dispose()


def _bare(engine_url: str, prefix: str) -> float:
    """The plain SQL of the same search (the code's own LIKE condition, no index of ours, no window), the
    first 100 ids by name, on a connection of its own."""
    from services.contacts.search import search_condition

    query = (
        select(Contact.id)
        .where(Contact.erased_at.is_(None), search_condition(prefix))
        .order_by(Contact.last_name, Contact.id)
        .limit(100)
    )
    db = open_database(engine_url)
    try:
        with db.engine.connect() as conn:
            start = time.perf_counter()
            conn.execute(query).all()
            return time.perf_counter() - start
    finally:
        db.dispose()


def _typed(app: Any, screen: Any, prefix: str) -> float:
    """Seconds from the keystroke that completes `prefix` to the first page painted."""
    from PySide6.QtTest import QTest

    screen.search.setText(prefix[:-1])
    deadline = time.perf_counter() + 60
    while screen.model.text != prefix[:-1] and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()
    start = time.perf_counter()
    QTest.keyClicks(screen.search, prefix[-1])
    while screen.model.text != prefix and time.perf_counter() < deadline:
        app.processEvents()
    if screen.model.rowCount():
        screen.table.viewport().repaint()  # a paint: the visible rows read and drawn
    elapsed = time.perf_counter() - start
    assert screen.model.rowCount(), f"aucun contact pour {prefix!r}"
    return elapsed


def run_search(engine_url: str, n: int) -> dict[str, Any]:
    """Fill the base to n contacts (once), then type every prefix of WORDS in the contact screen: median
    and max per prefix length (1 to 6), with the bare SQL's beside them. The search box's pause before a
    query (SEARCH_DELAY_MS, when there is one) is set to 0: the figures are the work a keystroke costs."""
    from PySide6.QtWidgets import QApplication

    from gui.contacts_screen import ContactsScreen
    from gui.dialogs import Dialogs

    t0 = time.perf_counter()
    fill(engine_url, n)
    opened = time.perf_counter()
    db = open_database(engine_url)  # migrates a base made by an older version (the index built here)
    opened = time.perf_counter() - opened
    app = QApplication.instance() or QApplication([])
    screen = ContactsScreen(db, Dialogs())
    screen._search_timer.setInterval(0)
    screen.resize(1200, 700)
    screen.show()
    app.processEvents()
    window: dict[int, list[float]] = {k: [] for k in range(1, 7)}
    bare: dict[int, list[float]] = {k: [] for k in range(1, 7)}
    for _round in range(int(os.environ.get("BENCH_ROUNDS", "2"))):
        for word in WORDS:
            for k in range(1, 7):
                window[k].append(_typed(app, screen, word[:k]))
                bare[k].append(_bare(engine_url, word[:k]))
    screen.close()
    app.processEvents()
    db.dispose()

    def ms(values: list[float]) -> dict[str, float]:
        return {
            "median_ms": round(statistics.median(values) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1),
        }

    return {
        "engine": engine_url.split(":")[0],
        "contacts": n,
        "words": WORDS,
        "open_seconds": round(opened, 2),
        "setup_seconds": round(time.perf_counter() - t0, 1),
        "window": {k: ms(v) for k, v in window.items()},
        "bare_sql": {k: ms(v) for k, v in bare.items()},
    }


def _demo_rows(n: int) -> list[dict[str, Any]]:
    from services.contacts.demo import _rows  # the demo generator's realistic rows

    rows = []
    for values, _src, _tags in _rows(n, 1, 1, random.Random(17)):
        values.update(journal_key=None, to_check=False, to_check_reasons="")
        rows.append(values)
    return rows


def run_insert_cost(n: int = 100_000) -> dict[str, Any]:
    """What the index costs a write: the same n demo contacts inserted (Core, executemany, a transaction
    per BATCH) into a new SQLite base with the index and into one without it (dropped), the rows made
    beforehand (only the writing is timed, best of two); and the growth of the file."""
    import shutil
    import tempfile

    from models.search_index import drop_search_index
    from services.contacts.demo import CONTACTS_TABLE

    rows = _demo_rows(n)
    out: dict[str, Any] = {"contacts": n}
    folder = Path(tempfile.mkdtemp(prefix="wl_insert_"))
    try:
        for label in ("without_index", "with_index"):
            best = float("inf")
            for attempt in range(2):
                path = folder / f"{label}{attempt}.sqlite"
                db = open_database(f"sqlite:///{path}")
                if label == "without_index":
                    with db.engine.begin() as conn:
                        drop_search_index(conn)
                start = time.perf_counter()
                for i in range(0, n, BATCH):
                    with db.session() as s:
                        s.execute(insert(CONTACTS_TABLE), rows[i : i + BATCH])
                best = min(best, time.perf_counter() - start)
                with db.engine.connect() as conn:
                    conn.exec_driver_sql("VACUUM")
                db.dispose()
            out[label] = {"seconds": round(best, 2), "bytes": path.stat().st_size}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    out["extra_seconds"] = round(out["with_index"]["seconds"] - out["without_index"]["seconds"], 2)
    out["extra_bytes"] = out["with_index"]["bytes"] - out["without_index"]["bytes"]
    return out


def main() -> None:
    n = int(os.environ.get("BENCH_N", "1000000"))
    url = os.environ.get("BENCH_URL") or os.environ.get("BENCH_PG") or sqlite_url(n)
    if os.environ.get("BENCH_FILL_ONLY"):
        print(json.dumps({"contacts": fill(url, n)}))
        return
    if os.environ.get("BENCH_INSERT_COST"):
        print(json.dumps(run_insert_cost(int(os.environ["BENCH_INSERT_COST"]))))
        return
    figures = run_search(url, n)
    print(f"Recherche à {n:,} contacts ({figures['engine']}), frappe -> première page peinte :")
    print("  lettres   fenêtre médiane / max      SQL nu (LIKE, 100 premiers) médiane / max")
    for k in range(1, 7):
        w, b = figures["window"][k], figures["bare_sql"][k]
        print(
            f"  {k}        {w['median_ms']:7.1f} / {w['max_ms']:7.1f} ms      {b['median_ms']:7.1f} / {b['max_ms']:7.1f} ms"
        )
    print(json.dumps(figures))
    sys.stdout.flush()
    os._exit(0)  # PySide's teardown at exit can crash after the work is done: the figures are out


if __name__ == "__main__":
    main()
