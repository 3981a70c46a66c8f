"""The contact list at 1,000,000 contacts (issue 17): the search's ids a page at a time, its count apart.

A page is the next `limit` ids after a position (keyset pagination: the sort value and the id of the last
row shown), never the whole list. A search fetches its first page in one of two ways, both bounded:

- the probe: the next PROBE rows in the list's order (the name index holds the searchable text), kept when
  they match. A search most contacts match (« m », « ma ») fills its page after a few hundred rows;
- else the index (models.search_index): the contacts matching every word, sorted. The probe failed, so few
  match (fewer than one in PROBE / limit): sorting them is cheap.

Where the index is missing (SQLite without FTS5, PostgreSQL without pg_trgm) or switched off (USE_INDEX),
the same condition is the plain LIKE scan: the same results, slower.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    SQLColumnExpression,
    String,
    and_,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    tuple_,
)
from sqlalchemy.orm import Session, selectinload

from models.contact import Contact, parse_ref
from models.search_index import FTS_TABLE, spaced
from services.contacts.search import SORT_COLUMNS, SearchWord, search_condition, search_words
from services.contacts.to_check import to_check_condition

USE_INDEX = True  # False: the plain scan everywhere (what a base without the index does; tests force it)
FIRST_PAGE = 100  # the ids a search fetches before the window paints (a screenful or three)
PROBE = 10_000  # rows the probe reads in order before it asks the index instead
STREAM_CHUNK = 1000  # contacts the command line holds at once
FEW = 3000  # a search of short words the index finds fewer times than this skips the probe
PROBE_SORTS = frozenset({"last_name", "ref"})  # orders an index walks with the searchable text at hand

_FTS = table(FTS_TABLE, column("rowid"))
_fts_of: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


def has_fts(session: Session) -> bool:
    """True when the base is SQLite with the trigram FTS table (looked up once per engine)."""
    if not USE_INDEX:
        return False
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    if engine.dialect.name != "sqlite":
        return False
    if engine not in _fts_of:
        found = session.connection().exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
        )
        _fts_of[engine] = found.first() is not None
    return _fts_of[engine]


def fts_phrase(text: str, word_start: bool) -> str:
    """The FTS5 phrase of one text: any substring (3 characters or more), or a word's start (1 or 2: the
    indexed text puts two spaces before every word, models.search_index)."""
    # A run of spaces comes only before a word: « ␣␣a » is a one-letter start, « ␣ab » a two-letter one
    # (one trigram each: a phrase of two would read every word starting with « a » as well).
    phrase = (("  " if len(text) == 1 else " ") if word_start else "") + spaced(text)
    return '"' + phrase.replace('"', '""') + '"'


def _fts_match(words: list[SearchWord]) -> Select[tuple[int]]:
    """The ids the FTS table holds for every word (each one of its texts)."""
    groups = ["(" + " OR ".join(fts_phrase(t, w.word_start) for t in w.texts) + ")" for w in words]
    return select(_FTS.c.rowid).where(literal_column(FTS_TABLE).op("MATCH")(" AND ".join(groups)))


def _fts_ids(words: list[SearchWord]) -> ColumnElement[bool]:
    return Contact.id.in_(_fts_match(words))


def indexed_condition(session: Session, text: str) -> ColumnElement[bool] | None:
    """search_condition(text), served by the index where there is one."""
    words = search_words(text)
    if not words:
        return None
    if not has_fts(session):  # PostgreSQL's pg_trgm serves the plain condition itself
        return search_condition(text)
    plain = [w for w in words if w.ref_id is None]
    conds = [_fts_ids(plain)] if plain else []
    conds += [or_(_fts_ids([w]), Contact.id == w.ref_id) for w in words if w.ref_id is not None]
    return and_(*conds)


@dataclass(frozen=True)
class Page:
    ids: list[int]
    after: tuple[Any, int] | None  # where the next page starts; None when the list is complete


@dataclass(frozen=True)
class ListQuery:
    """What the list shows: the search typed, its order, and the filters of a list opened elsewhere."""

    text: str = ""
    sort: str = "last_name"
    descending: bool = False
    to_check: bool = False
    where: ColumnElement[bool] | None = None

    def filters(self) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = [Contact.erased_at.is_(None)]
        if self.to_check:
            conds.append(to_check_condition())
        if self.where is not None:
            conds.append(self.where)
        return conds

    def key(self, forced: bool) -> ColumnElement[Any]:
        """The sort column; `forced`: as an expression no index holds, so that the matches are looked up
        and sorted rather than the whole index walked in order (text columns only)."""
        column: ColumnElement[Any] = SORT_COLUMNS.get(self.sort, Contact.last_name).expression
        return column.concat("") if forced and isinstance(column.type, String) else column

    def nullable(self) -> bool:
        return self.sort == "last_contact_on"

    def order(self, key: ColumnElement[Any], id_col: SQLColumnExpression[int]) -> list[ColumnElement[Any]]:
        if self.descending:
            k = key.desc().nulls_last() if self.nullable() else key.desc()
            return [k, id_col.desc()]
        return [key.asc().nulls_first() if self.nullable() else key.asc(), id_col.asc()]

    def after(self, key: ColumnElement[Any], after: tuple[Any, int] | None) -> list[ColumnElement[bool]]:
        """The rows after a position in this order (NULL first going up, last going down)."""
        if after is None:
            return []
        value, last_id = after
        if value is None:  # only on a nullable key
            tail = and_(key.is_(None), Contact.id < last_id if self.descending else Contact.id > last_id)
            return [tail if self.descending else or_(key.is_not(None), tail)]
        if self.descending:
            cond = tuple_(key, Contact.id) < tuple_(value, last_id)
            return [or_(cond, key.is_(None)) if self.nullable() else cond]
        return [tuple_(key, Contact.id) > tuple_(value, last_id)]


def search_page(
    session: Session, query: ListQuery, after: tuple[Any, int] | None = None, limit: int = FIRST_PAGE
) -> Page:
    """The next `limit` ids of the list after `after` (the start when None)."""
    words = search_words(query.text)
    if words and USE_INDEX and query.sort in PROBE_SORTS and not _few_matches(session, words):
        page = _probe(session, query, after, limit)
        if page is not None:
            return page
    key = query.key(forced=bool(words) and _has_index(session))
    q = select(Contact.id, key).where(*query.filters(), *query.after(key, after))
    cond = indexed_condition(session, query.text)
    if cond is not None:
        q = q.where(cond)
    rows = session.execute(q.order_by(*query.order(key, Contact.id)).limit(limit)).all()
    return _page(rows, limit)


def _has_index(session: Session) -> bool:
    """True when the search is served by an index (PostgreSQL: pg_trgm's, when the migration could make it)."""
    return has_fts(session) or (USE_INDEX and session.get_bind().dialect.name == "postgresql")


def _few_matches(session: Session, words: list[SearchWord]) -> bool:
    """True when the index holds fewer than FEW matches of words all short (1 or 2 letters): the probe's
    six LIKEs a row would cost more than sorting them. A longer word's phrase costs the index more than
    the probe's one LIKE: it is not asked."""
    if not has_fts(session) or any(not w.word_start or w.ref_id is not None for w in words):
        return False
    ids = _fts_match(words).limit(FEW).subquery()
    return (session.scalar(select(func.count()).select_from(ids)) or 0) < FEW


def _probe(session: Session, query: ListQuery, after: tuple[Any, int] | None, limit: int) -> Page | None:
    """The page found among the next PROBE rows in order, or None when they hold fewer than `limit`."""
    key = query.key(forced=False)
    inner = (
        select(Contact.id.label("id"), key.label("k"), Contact.search_text.label("st"))
        .where(*query.filters(), *query.after(key, after))
        .order_by(*query.order(key, Contact.id))
        .limit(PROBE)
        .subquery()
    )
    cond = search_condition(query.text, inner.c.st, inner.c.id)
    assert cond is not None  # asked only for a search
    # No ORDER BY outside: the subquery's order is kept (neither engine flattens a subquery with a LIMIT
    # under a WHERE), and sorting again would read all PROBE rows where a dense search reads a few hundred.
    rows = session.execute(select(inner.c.id, inner.c.k).where(cond).limit(limit)).all()
    return _page(rows, limit) if len(rows) == limit else None


def _page(rows: Any, limit: int) -> Page:
    ids = [r[0] for r in rows]
    return Page(ids, (rows[-1][1], rows[-1][0]) if len(rows) == limit and rows else None)


def count_matches(session: Session, query: ListQuery) -> int:
    """How many contacts the list holds (the status bar's count: the window asks it off its thread)."""
    q = select(func.count()).select_from(Contact).where(*query.filters())
    cond = indexed_condition(session, query.text)
    if cond is not None:
        q = q.where(cond)
    return session.scalar(q) or 0


def stream_contacts(session: Session, text: str = "", to_check: bool = False) -> Iterator[Contact]:
    """Full contacts for the command line, by name, read STREAM_CHUNK at a time with their tags (a
    server-side cursor on PostgreSQL): memory stays flat whatever the number of matches."""
    chunk = STREAM_CHUNK
    q = select(Contact).where(*ListQuery(text, to_check=to_check).filters())
    cond = indexed_condition(session, text)
    if cond is not None:
        q = q.where(cond)
    q = q.options(selectinload(Contact.tags)).order_by(Contact.last_name, Contact.id)
    yield from session.scalars(q.execution_options(yield_per=chunk))


def typed_reference(text: str) -> int | None:
    """The contact id a typed or scanned reference names (« C-000123 », « 123 »), else None: a name."""
    text = text.strip()
    return parse_ref(text) if text[:1].upper() == "C" or text.isdigit() else None


def people_named(session: Session, text: str, limit: int) -> list[int]:
    """Who a person typed or scanned means (the Oppositions screen and its correction): a reference gives that
    person while still in the base ([] else); other text the first `limit` of the search, a page only."""
    ref_id = typed_reference(text)
    if ref_id is not None:
        contact = session.get(Contact, ref_id)
        return [ref_id] if contact is not None and contact.erased_at is None else []
    return search_page(session, ListQuery(text), limit=limit).ids
