"""Bulk writes at 100,000 rows: straight to the driver's executemany (SQLite, psycopg), else Core's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

# The drivers' placeholders the direct path writes (sqlite3: qmark; psycopg: format).
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """The driver's executemany with the column types' own conversions (SQLite, PostgreSQL), else Core's.

    SQLAlchemy's per-row parameter building costs more than the database's own insert at 100,000 rows,
    and on PostgreSQL its multi-row VALUES make psycopg parse a 30,000-placeholder statement per page;
    psycopg's executemany sends one short statement, pipelined. The SQL and the conversions are still
    SQLAlchemy's (same storage format as the ORM). `rows` hold every column to write, Python defaults
    included (models.journal.with_defaults): this path fills none.
    """
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    mark = _PLACEHOLDERS.get(dialect.paramstyle) if dialect.name in ("sqlite", "postgresql") else None
    if mark is None:
        session.execute(insert(table), rows)
        return
    cols = list(rows[0])
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
        f"VALUES ({', '.join([mark] * len(cols))})"
    )
    procs = [(i, p) for i, c in enumerate(cols) if (p := table.c[c].type.bind_processor(dialect))]
    if not procs:
        conn.exec_driver_sql(sql, [tuple([r[c] for c in cols]) for r in rows])
        return
    # The converted value of each column is kept for the next row: the same moment or date object is
    # written on every row of an import (created_at, source_date), converted once.
    last: list[list[Any]] = [[None, None] for _ in procs]
    data = []
    for r in rows:
        values = [r[c] for c in cols]
        for (i, p), seen in zip(procs, last, strict=True):
            v = values[i]
            if v is not None:
                if v is seen[0]:
                    values[i] = seen[1]
                else:
                    values[i] = seen[1] = p(v)
                    seen[0] = v
        data.append(tuple(values))
    conn.exec_driver_sql(sql, data)
