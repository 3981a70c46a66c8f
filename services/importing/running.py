"""Running an import: the dry run row by row, then the real run in ONE transaction.

    table = read_table(path, sheet, score=header_score)
    result = run_import(session, table, mapping, options, dry_run=False, progress=...)

The real run writes every accepted row or nothing (an error or Cancel rolls the session back): bulk
Core inserts (the ORM is ~8x slower at 100,000 rows), search_text filled, a ContactSource row per
contact, consent records when the file carries the form's boxes, and an ImportRecord. It never
removes or lifts an opposition, never overwrites a consent or a recorded source.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from services.core.bulk import collector_paused
from services.core.locks import take_turn
from services.importing.outcome import ImportOptions, ImportResult, Progress
from services.importing.planning import plan_import, tick
from services.importing.reading import Table, file_sha256
from services.importing.writing import write_plan


def run_import(
    session: Session,
    table: Table,
    mapping: dict[str, str],
    options: ImportOptions,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    sha256: str | None = None,
    waiting: Callable[[str], object] | None = None,
) -> ImportResult:
    """Check (dry run) or import the table. The caller's session is the one transaction.

    Two imports into one base never interleave their duplicate check and their writing (the « imports »
    lock, services.core.locks): the second waits its turn — `waiting(text)` is told, else the progress
    text — then finds the first one's contacts. PostgreSQL: the lock before the check, an objection
    never waits for it. SQLite: the base's write lock after the check, then the check again if another
    workstation wrote meanwhile (PRAGMA data_version), so the base is locked only while writing.
    """
    # Cleaning and writing 100,000 rows builds a few million small objects with no cycle among them:
    # the collector walking the growing heap again and again was 3 s of a 24 s import (services.core.bulk).
    with collector_paused():
        return _run_import(session, table, mapping, options, dry_run, progress, sha256, waiting)


def _run_import(
    session: Session,
    table: Table,
    mapping: dict[str, str],
    options: ImportOptions,
    dry_run: bool,
    progress: Progress | None,
    sha256: str | None,
    waiting: Callable[[str], object] | None,
) -> ImportResult:
    started = time.perf_counter()
    options = options.checked()
    result = ImportResult(
        table.path.name, sha256 or file_sha256(table.path), table.sheet, dry_run, list(table.headers)
    )
    result.file_warnings = list(table.warnings)
    postgres = session.get_bind().dialect.name == "postgresql"
    notify = waiting or (lambda text: tick(progress, 0, 1, text))
    if not dry_run and postgres:
        take_turn(session, "imports", notify, message=BUSY)
    before = None if dry_run or postgres else _data_version(session)
    plan = plan_import(session, table, mapping, options, progress)
    if not dry_run:
        tick(progress, 0, 1, "Enregistrement…")
        if not postgres:
            waited = take_turn(session, "imports", notify, message=BUSY)
            if waited or _data_version(session) != before:
                plan = plan_import(session, table, mapping, options, progress)
    result.rows = plan.results
    if not dry_run:
        with _larger_cache(session, postgres):
            write_plan(session, table, plan, options, result, progress)
        tick(progress, 1, 1, "Validation…")
    result.seconds = time.perf_counter() - started
    return result


# SQLite's page cache while an import writes: 100,000 rows go into the contacts' six indexes at random
# places, which a 2 MB cache (the default) keeps reading back and spilling to the WAL. 32 MB keeps the
# process under 500 MB at 100,000 rows × 15 columns (bench/bench_import.py).
IMPORT_CACHE_KIB = 32 * 1024


@contextmanager
def _larger_cache(session: Session, postgres: bool) -> Iterator[None]:
    """The import's connection with a larger SQLite page cache, given back as it was afterwards."""
    if postgres:
        yield
        return
    conn = session.connection()
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


BUSY = "Base occupée par un autre import, nouvel essai…"


def _data_version(session: Session) -> int:
    """SQLite's count of the commits other connections made (compared on this session's connection)."""
    return int(session.connection().exec_driver_sql("PRAGMA data_version").scalar() or 0)
