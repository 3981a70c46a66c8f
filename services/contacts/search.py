"""The search box and the contact list: SQL does the filtering and sorting (fluid at 100,000 rows)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, String, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from models.compliance import Opposition
from models.contact import Contact, format_ref, parse_ref
from models.search_index import WORD_SEPARATORS
from services.contacts.to_check import to_check_condition
from services.core.bulk import driver_rows
from services.core.phones import national_digits
from services.core.text import fold


def search_text_for(values: dict[str, Any]) -> str:
    """The folded text the search box matches: names, company, city, postcode, phones, email."""
    parts = [
        values.get("first_name", ""), values.get("last_name", ""), values.get("company", ""),
        values.get("city", ""), values.get("postcode", ""), values.get("email", ""),
    ]  # fmt: skip
    for key in ("phone", "mobile"):
        if values.get(key):
            parts.append(national_digits(values[key]))
    return fold(" ".join(p for p in parts if p))


SORT_COLUMNS = {
    "ref": Contact.id,
    "civility": Contact.civility,
    "last_name": Contact.last_name,
    "first_name": Contact.first_name,
    "company": Contact.company,
    "postcode": Contact.postcode,
    "city": Contact.city,
    "phone": Contact.phone,
    "mobile": Contact.mobile,
    "email": Contact.email,
    "status": Contact.status,
    "source_kind": Contact.source_kind,
    "last_contact_on": Contact.last_contact_on,
    "updated_at": Contact.updated_at,
    "to_check": Contact.to_check,
}


# SQLite refuses a condition of 1,000 words (« Expression tree is too large »), and no one types more
# than a few: the first ones are used, and the user is told (search_limit_notice).
MAX_SEARCH_WORDS = 10
# A word this short matches the start of a word only (« ma » finds MARTIN, not THOMAS): a substring of
# one or two letters is in most contacts, and only a word's start has an index (models.search_index).
# Words start after a space, a hyphen, a dot, an @ or an apostrophe (« pi » finds JEAN-PIERRE).
WORD_START_BELOW = 3


def search_limit_notice(text: str) -> str:
    """The sentence saying that only the first words were searched ('' when all were)."""
    count = len(fold(text).split())
    if count <= MAX_SEARCH_WORDS:
        return ""
    return f"Recherche limitée aux {MAX_SEARCH_WORDS} premiers mots ({count} saisis)."


@dataclass(frozen=True)
class SearchWord:
    """One word typed: the texts it may be (itself, its digits alone), and the contact it may name."""

    texts: tuple[str, ...]
    ref_id: int | None

    @property
    def word_start(self) -> bool:
        return len(self.texts[0]) < WORD_START_BELOW


# A phone typed in pairs (« 06 11 22 ») is one number, not three words of two digits (which would match
# words' starts only).
_PHONE_PAIRS = re.compile(r"(?<!\S)\d\d(?: \d\d)+(?!\S)")


def search_words(text: str) -> list[SearchWord]:
    out = []
    folded = _PHONE_PAIRS.sub(lambda m: m.group(0).replace(" ", ""), fold(text))
    for word in folded.split()[:MAX_SEARCH_WORDS]:
        texts = [word]
        digits = re.sub(r"[\s.\-]", "", word)
        if digits.isdigit() and len(digits) >= 4 and digits != word:  # a phone typed 06.12.34
            texts.append(digits)
        ref_id = parse_ref(word) if word.startswith("c") else None  # a reference typed or scanned
        out.append(SearchWord(tuple(texts), ref_id))
    return out


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def word_condition(
    word: SearchWord, text_col: SQLColumnExpression[str], id_col: SQLColumnExpression[int]
) -> ColumnElement[bool]:
    """The plain SQL of one word (any engine; PostgreSQL's pg_trgm index serves it as it is). A short word
    is at the start of the text or after a separator (models.search_index.WORD_SEPARATORS). SQLite's GLOB
    with a class of separators says it in one pattern, but costs twice six LIKEs (measured at 20,000 rows)."""
    conds: list[ColumnElement[bool]] = []
    for t in word.texts:
        if word.word_start:
            conds.append(text_col.like(_like(t) + "%", escape="\\"))
            conds += [text_col.like(f"%{_like(sep)}{_like(t)}%", escape="\\") for sep in WORD_SEPARATORS]
        else:
            conds.append(text_col.like("%" + _like(t) + "%", escape="\\"))
    if word.ref_id is not None:
        conds.append(id_col == word.ref_id)
    return or_(*conds)


def search_condition(
    text: str,
    text_col: SQLColumnExpression[str] = Contact.search_text,
    id_col: SQLColumnExpression[int] = Contact.id,
) -> ColumnElement[bool] | None:
    """Every word typed (the first MAX_SEARCH_WORDS) must appear in the contact's searchable text (at a
    word's start for a word of one or two characters), or be its reference. The plain scan: see
    services.contacts.search_pages for the indexed form of the same condition."""
    words = search_words(text)
    if not words:
        return None
    return and_(*(word_condition(w, text_col, id_col) for w in words))


def search_query(
    text: str = "",
    sort: str = "last_name",
    descending: bool = False,
    to_check: bool = False,
    where: ColumnElement[bool] | None = None,
) -> Select[int]:
    """The ids of live contacts matching text (only those « à vérifier » if asked, and `where`: a list the
    home page opens), in order (ties by id)."""
    column: ColumnElement[Any] = SORT_COLUMNS.get(sort, Contact.last_name).expression
    q = select(Contact.id).where(Contact.erased_at.is_(None))
    if to_check:
        q = q.where(to_check_condition())
    if where is not None:
        q = q.where(where)
    cond = search_condition(text)
    if cond is not None:
        q = q.where(cond)
    if cond is not None and isinstance(column.type, String) and sort != "last_name":
        # With a filter, scanning another column's index then jumping to each row is slower than a sort of
        # the matches: "|| ''" keeps the planner off it (SQLite picks it otherwise, 4x slower). The name
        # index covers the searchable text, so sorting by name reads it in order instead.
        column = column.concat("")
    order = column.desc() if descending else column.asc()
    return q.order_by(order, Contact.id.desc() if descending else Contact.id)


def search_ids(
    session: Session,
    text: str = "",
    sort: str = "last_name",
    descending: bool = False,
    to_check: bool = False,
    where: ColumnElement[bool] | None = None,
) -> list[int]:
    # The driver's rows: for 100,000 ids (the window's start, a one-letter search) SQLAlchemy's
    # result rows cost 3x the query itself. The id needs no type processing.
    return [row[0] for row in driver_rows(session, search_query(text, sort, descending, to_check, where))]


@dataclass(frozen=True)
class ContactRow:
    """One line of the contact table: plain values, no ORM object kept alive."""

    id: int
    civility: str
    first_name: str
    last_name: str
    company: str
    postcode: str
    city: str
    phone: str
    mobile: str
    email: str
    status: str
    source_kind: str
    last_contact_on: date | None
    to_check: bool = False  # « à vérifier » (services.contacts.to_check)
    npai_on: date | None = None  # a letter came back « n'habite pas à l'adresse indiquée »
    objected: bool = False  # an objection in force (docs/rules.md §5.1), whatever its scope

    @property
    def ref(self) -> str:
        return format_ref(self.id)


_OBJECTED = exists().where(Opposition.contact_id == Contact.id, Opposition.in_force).label("objected")
_ROW_COLUMNS = [getattr(Contact, f.name) for f in fields(ContactRow) if f.name != "objected"] + [_OBJECTED]


def fetch_rows(session: Session, ids: list[int]) -> dict[int, ContactRow]:
    """The table rows for a page of ids, in one query."""
    if not ids:
        return {}
    result = session.execute(select(*_ROW_COLUMNS).where(Contact.id.in_(ids)))
    return {r[0]: ContactRow(*r) for r in result}


def count_contacts(session: Session) -> int:
    return session.scalar(select(func.count(Contact.id)).where(Contact.erased_at.is_(None))) or 0


def first_contact_ids(session: Session, n: int) -> list[int]:
    """The first `n` live contacts (examples to show: a letter's preview)."""
    return list(
        session.scalars(select(Contact.id).where(Contact.erased_at.is_(None)).order_by(Contact.id).limit(n))
    )
