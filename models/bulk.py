"""Bulk writes at 100,000 rows: straight to the driver's executemany (SQLite, psycopg), else Core's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Dialect, LargeBinary, func, insert, select, text
from sqlalchemy.exc import DBAPIError
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
    if not direct(dialect):
        session.execute(insert(table), rows)
        return
    cols = list(rows[0])
    write_values(conn, table, cols, driver_values(dialect, table, cols, rows))


def write_values(conn: Connection, table: Any, cols: list[str], values: list[tuple[Any, ...]]) -> None:
    """driver_values' rows written: SQLite's executemany; PostgreSQL's COPY FROM STDIN, which streams them in
    one statement where psycopg's executemany sends an INSERT per row (an import's 100,000 contacts:
    9.0 s → 5.5 s).
    A refusal comes back as SQLAlchemy's error, as from any other statement (models.database's messages)."""
    if conn.dialect.name != "postgresql":
        conn.exec_driver_sql(insert_sql(conn.dialect, table, cols), values)
        return
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in cols)}) FROM STDIN"
    error = conn.dialect.loaded_dbapi.Error
    try:
        with conn.connection.dbapi_connection.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]  # psycopg's connection
            for row in values:
                copy.write_row(row)
    except error as exc:
        raise DBAPIError.instance(sql, None, exc, error) from exc


def direct(dialect: Dialect) -> bool:
    """Whether this engine's driver takes the rows directly (SQLite, PostgreSQL)."""
    return dialect.name in ("sqlite", "postgresql") and dialect.paramstyle in _PLACEHOLDERS


def insert_sql(dialect: Dialect, table: Any, cols: list[str]) -> str:
    """The driver's INSERT of these columns (for driver_values' tuples)."""
    mark = _PLACEHOLDERS[dialect.paramstyle]
    quote = dialect.identifier_preparer.quote
    return (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
        f"VALUES ({', '.join([mark] * len(cols))})"
    )


def driver_values(
    dialect: Dialect, table: Any, cols: list[str], rows: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Each row's values in `cols` order, converted as the column types convert them (no session: another
    process may work them out, services.importing.writing)."""
    # bytes are taken as they are by both drivers (SQLite's processor would wrap them in a memoryview,
    # which cannot be sent from another process).
    procs = [
        (i, p)
        for i, c in enumerate(cols)
        if not isinstance(table.c[c].type, LargeBinary) and (p := table.c[c].type.bind_processor(dialect))
    ]
    if not procs:
        return [tuple([r[c] for c in cols]) for r in rows]
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
    return data


def reserve_ids(session: Session, table: Any, n: int) -> list[int] | None:
    """The ids the next `n` rows of `table` will take, in order, given to them explicitly by the insert (so
    that what is written about them — the journal — can be worked out before they are written). None for a
    PostgreSQL table without a sequence.

    SQLite: our transaction holds the base's only write lock; the ids SQLite would give are those after the
    largest id ever given (AUTOINCREMENT's sqlite_sequence) or present. PostgreSQL: taken from the table's
    sequence (sorted: numbered in the order of the rows, as SQLite does)."""
    if n <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        sequence = session.execute(
            text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
        ).scalar()
        if sequence is None:
            return None
        return sorted(
            session.execute(
                text("SELECT nextval(CAST(:s AS regclass)) FROM generate_series(1, :n)"),
                {"s": sequence, "n": n},
            ).scalars()
        )
    top = session.scalar(select(func.max(table.c.id))) or 0
    ever = (
        session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :t"), {"t": table.name}).scalar()
        if _has_sequence_table(session)
        else None
    )
    first = max(top, int(ever or 0)) + 1
    return list(range(first, first + n))


def _has_sequence_table(session: Session) -> bool:
    return bool(session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")).scalar())
