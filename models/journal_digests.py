"""The state digests of a large bulk write, worked out by a second process while the write goes on
(docs/rules.md §10.2).

An import of 100,000 contacts journals one digest per row: about 12 µs each, over a second of one core,
while the machine's second core waits. From PARALLEL_FROM rows in one transaction, each further chunk's
rows go to a second process (started once per transaction) and their digests are collected when the
transaction is sealed; the import meanwhile reads, checks and writes the next rows. The digests are the
journal's own function (models.journal_codec.state_in): the same bytes, the same hashes.

Nothing depends on the second process: if it cannot start or fails, the chunk's rows are read back from
the base and their digests computed here, before the commit — slower, never lost.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import Base
from models.journal_codec import JOURNALED, Layout, layout, state_in

# Rows of one transaction from which the next chunks' digests go to a second process; below, computing them
# here costs less than starting one (WEBLEADS_JOURNAL_PARALLEL_FROM: the tests and the bundle's smoke test
# lower it, to use the second process on a small import).
PARALLEL_FROM = int(os.environ.get("WEBLEADS_JOURNAL_PARALLEL_FROM", "20000"))

_POOL = "journal_digest_pool"  # session.info: this transaction's second process
_SEEN = "journal_digest_rows"  # session.info: the rows journaled in bulk so far in this transaction


def states(lay: Layout, rows: list[dict[str, Any]], keys: list[bytes | None]) -> list[str]:
    """Each row's state digest: run by either process."""
    return [state_in(lay, row, key) for row, key in zip(rows, keys, strict=True)]


class Later:
    """A chunk's digests on their way from the second process."""

    def __init__(
        self, future: Future[list[str]], table: str, refs: list[Any], keys: list[bytes | None]
    ) -> None:
        self.future, self.table, self.refs, self.keys = future, table, refs, keys

    def result(self, session: Session) -> list[str]:
        try:
            return self.future.result()
        except Exception:  # the process died or could not start: the rows are in the base, read them back
            return _read_back(session, self.table, self.refs, self.keys)


def chunk_states(
    session: Session, table: str, rows: list[dict[str, Any]], keys: list[bytes | None]
) -> list[str] | Later:
    """The chunk's digests: here, or — past PARALLEL_FROM rows in this transaction — by the second process."""
    lay = layout(table)
    seen = session.info[_SEEN] = session.info.get(_SEEN, 0) + len(rows)
    pool = session.info.get(_POOL)
    if pool is None and seen > PARALLEL_FROM:
        try:
            pool = session.info[_POOL] = ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn")
            )
        except (OSError, ValueError):
            pool = None
    if pool is None:
        return states(lay, rows, keys)
    _ = lay.typed  # worked out here and sent within the layout: the second process reads no models
    try:
        future = pool.submit(states, lay, rows, keys)
    except RuntimeError:  # the pool broke on an earlier chunk
        return states(lay, rows, keys)
    key_column = JOURNALED[table].key_column
    return Later(future, table, [row[key_column] for row in rows], keys)


def _read_back(session: Session, table: str, refs: list[Any], keys: list[bytes | None]) -> list[str]:
    t = Base.metadata.tables[table]
    column = t.c[JOURNALED[table].key_column]
    found: dict[Any, dict[str, Any]] = {}
    for start in range(0, len(refs), 900):
        rows = session.execute(select(t).where(column.in_(refs[start : start + 900]))).mappings()
        found.update({row[column.key]: dict(row) for row in rows})
    return states(layout(table), [found[ref] for ref in refs], keys)


def end(session: Session) -> None:
    """The transaction is over: its second process stops (a rolled-back write's chunks are dropped)."""
    session.info.pop(_SEEN, None)
    pool = session.info.pop(_POOL, None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
