"""The search box's index (issue 17): what makes a search fast at 1,000,000 contacts.

- SQLite: an FTS5 table with the trigram tokenizer over each contact's searchable text, kept current by
  three triggers (every insert, update and delete path, the ORM's and Core's bulk writes alike). The text
  indexed is the searchable text with two spaces after every separator (WORD_SEPARATORS) and before the
  first word: a word typed of 3 characters or more is a trigram phrase of itself spaced the same way (any
  substring), and a word of 1 or 2 characters is the phrase « ␣␣a » or « ␣␣ab », which only a word's start
  holds (after a space, a hyphen, a dot, an @ or an apostrophe). The table is contentless (the text lives
  in `contacts`): a delete gives back the old text, which the triggers read from the old row.
- PostgreSQL: a GIN index with pg_trgm's operator class on `search_text`; the planner uses it for the
  same LIKE conditions by itself (pg_trgm pads each word with two spaces: `LIKE '% ab%'` is indexed too).

Either may be missing: SQLite built without FTS5 (or older than 3.34, no trigram), `CREATE EXTENSION
pg_trgm` refused to a user without the right. The base then works as before: the search falls back to
the plain LIKE scan (services.contacts.search), slower, with the same results.

A migration that rebuilds the contacts table on SQLite (Alembic's batch mode) drops its triggers with it:
it must call create_search_index() again afterwards (the function is idempotent). Changing what is indexed
(WORD_SEPARATORS, indexed_text) needs a migration that drops and creates the index again: the bases made
before hold the old form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

FTS_TABLE = "contacts_fts"
TRGM_INDEX = "ix_contacts_search_trgm"
# While it holds a row (inside one transaction: nobody else ever sees it), the insert and update triggers
# wait and the rows are indexed together at the end: 100,000 inserts cost 9.7 s one by one, 2.0 s in one
# statement; 12,670 updates 1.8 s one by one, 0.8 s together (BulkIndexing.replacing).
PAUSE_TABLE = "contacts_fts_paused"
# The FTS table, the tables FTS5 keeps beside it and the pause: not in the models' metadata (autogenerate
# skips them).
FTS_SHADOWS = (
    *(f"{FTS_TABLE}{suffix}" for suffix in ("", "_data", "_idx", "_docsize", "_config", "_content")),
    PAUSE_TABLE,
)


# What starts a word (« jean-pierre.martin@exemple.fr » holds five) besides the start of the text.
WORD_SEPARATORS = " -.@'"


def spaced(text: str) -> str:
    """A text as the FTS table holds it: two spaces after every separator (the space first: the spaces
    added after the others are not spaced again). A word (no space in it) is a substring of a text exactly
    when its spaced form is a substring of the text's spaced form."""
    for sep in WORD_SEPARATORS:
        text = text.replace(sep, sep + "  ")
    return text


def indexed_text(column: str) -> str:
    """The SQL of the text the FTS table holds for `column`: "  " + spaced(text)."""
    sql = f"coalesce({column}, '')"
    for sep in WORD_SEPARATORS:
        quoted = sep.replace("'", "''")
        sql = f"replace({sql}, '{quoted}', '{quoted}  ')"
    return f"'  ' || {sql}"


_SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS contacts_fts_insert AFTER INSERT ON contacts
    WHEN NOT EXISTS (SELECT 1 FROM {PAUSE_TABLE}) BEGIN
        INSERT INTO {FTS_TABLE}(rowid, t) VALUES (new.id, {indexed_text("new.search_text")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS contacts_fts_delete AFTER DELETE ON contacts BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, t) VALUES ('delete', old.id, {indexed_text("old.search_text")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS contacts_fts_update AFTER UPDATE OF id, search_text ON contacts
    WHEN (old.search_text IS NOT new.search_text OR old.id != new.id)
        AND NOT EXISTS (SELECT 1 FROM {PAUSE_TABLE}) BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, t) VALUES ('delete', old.id, {indexed_text("old.search_text")});
        INSERT INTO {FTS_TABLE}(rowid, t) VALUES (new.id, {indexed_text("new.search_text")});
    END""",
)
_SQLITE_TRIGGER_NAMES = ("contacts_fts_insert", "contacts_fts_delete", "contacts_fts_update")


def is_search_index(name: str | None, kind: str) -> bool:
    """True for the index's own objects (Alembic's autogenerate compares the rest with the models)."""
    return (kind == "table" and name in FTS_SHADOWS) or (kind == "index" and name == TRGM_INDEX)


def create_search_index(conn: Connection) -> bool:
    """Create the index (and fill it from the rows already there) when the engine offers it; False when it
    does not (the search then uses the plain scan). Runs inside the caller's transaction."""
    if conn.dialect.name == "sqlite":
        return _create_sqlite(conn)
    if conn.dialect.name == "postgresql":
        return _create_postgresql(conn)
    return False


def _create_sqlite(conn: Connection) -> bool:
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    ).first()
    if exists is None:
        try:
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(t, content='', tokenize='trigram')"
            )
        except DBAPIError:  # no FTS5, or no trigram tokenizer (SQLite older than 3.34): the plain scan
            return False
        _index_rows(conn, "1")
    conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {PAUSE_TABLE} (paused INTEGER)")
    for ddl in _SQLITE_TRIGGERS:
        conn.exec_driver_sql(ddl)
    return True


def _create_postgresql(conn: Connection) -> bool:
    try:
        with conn.begin_nested():  # a refusal aborts only the savepoint, not the migration
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError:  # not installed on the server, or the user may not create it: the plain scan
        return False
    conn.execute(
        text(f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON contacts USING gin (search_text gin_trgm_ops)")
    )
    return True


class BulkIndexing:
    """Contacts inserted or updated in bulk (an import, demo data) indexed in one statement at the end, on
    SQLite — the FTS table's triggers wait meanwhile. Used as `with BulkIndexing(session.connection()) as
    added:` then `added(ids)` after each insert, and `added.replacing(ids)` before each update of existing
    contacts; on PostgreSQL (its GIN index takes rows as they come) and where there is no index, nothing
    happens. The pause and the indexing belong to the caller's transaction. A contact updated inside the
    pause without `replacing` would keep its old entry: the pause is for the bulk writes only."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.bounds: tuple[int, int] | None = None
        self.replaced: set[int] = set()
        self.active = conn.dialect.name == "sqlite" and bool(
            conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (PAUSE_TABLE,)
            ).first()
        )

    def __enter__(self) -> BulkIndexing:
        if self.active:
            self.conn.exec_driver_sql(f"INSERT INTO {PAUSE_TABLE} VALUES (1)")
        return self

    def __call__(self, ids: Sequence[int]) -> None:
        if ids:
            lo, hi = min(ids), max(ids)
            self.bounds = (
                (lo, hi) if self.bounds is None else (min(lo, self.bounds[0]), max(hi, self.bounds[1]))
            )

    def replacing(self, ids: Sequence[int]) -> None:
        """Existing contacts about to be updated: their entries taken out now, with the text they were
        indexed with (a contentless table needs it exactly, and the row still holds it), and put back
        with their new text at the end. Each contact's entry is taken out once, however often it is named."""
        if not self.active:
            return
        lo, hi = self.bounds or (0, -1)  # rows inserted in this pause: indexed at the end as they are then
        fresh = sorted(i for i in set(ids) - self.replaced if not lo <= i <= hi)
        _index_ids(self.conn, fresh, out=True)
        self.replaced.update(fresh)

    def __exit__(self, kind: object, *_: object) -> None:
        if not self.active:
            return
        self.conn.exec_driver_sql(f"DELETE FROM {PAUSE_TABLE}")
        if kind is not None:
            return
        if self.bounds is not None:
            # New rows take ids above every existing one (one writer at a time): the range holds them only.
            lo, hi = self.bounds
            _index_rows(self.conn, "id BETWEEN :lo AND :hi", {"lo": lo, "hi": hi})
        lo, hi = self.bounds or (0, -1)
        # Each once, and never one of the range just indexed: a second entry would corrupt the table.
        _index_ids(self.conn, sorted(i for i in self.replaced if not lo <= i <= hi))


def _index_rows(
    conn: Connection, where: str, params: dict[str, Any] | None = None, *, out: bool = False
) -> None:
    """The FTS entries of the contacts matching `where`, from the text their rows hold now: put in, or with
    `out` taken out (a contentless table takes an entry out only given the exact text it was made from)."""
    into = f"{FTS_TABLE}({FTS_TABLE}, rowid, t) SELECT 'delete'," if out else f"{FTS_TABLE}(rowid, t) SELECT"
    conn.execute(
        text(f"INSERT INTO {into} id, {indexed_text('search_text')} FROM contacts WHERE {where}"), params
    )


def _index_ids(conn: Connection, ids: Sequence[int], *, out: bool = False) -> None:
    """_index_rows for these contacts, their ids written into the statement (integers: no bound value, so no
    limit on how many), 10,000 at a time."""
    for start in range(0, len(ids), 10_000):
        _index_rows(conn, f"id IN ({', '.join(str(int(i)) for i in ids[start : start + 10_000])})", out=out)


def drop_search_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for name in _SQLITE_TRIGGER_NAMES:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {PAUSE_TABLE}")
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"DROP INDEX IF EXISTS {TRGM_INDEX}"))
