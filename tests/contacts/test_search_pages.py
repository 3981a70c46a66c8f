"""The search at 1,000,000 contacts (issue 17): the trigram index gives the same contacts as the plain scan,
follows every write, is paged by keyset in every order, and is not needed (the plain scan stands in)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, func, insert, select, text, update

from models.contact import Contact, format_ref
from models.database import Database, open_database
from models.search_index import (
    FTS_TABLE,
    WORD_SEPARATORS,
    BulkIndexing,
    create_search_index,
    drop_search_index,
)
from services.contacts import search_pages
from services.contacts.editing import delete_contact
from services.contacts.search import search_ids, search_text_for, search_words
from services.contacts.search_pages import (
    ListQuery,
    count_matches,
    has_fts,
    search_page,
)
from tests.conftest import ENGINES
from tests.helpers import base_at_revision, make_contact

PEOPLE = [
    dict(first_name="Jean-Pierre", last_name="Martin", city="Lyon", email="jp.martin@gmail.com"),
    dict(first_name="Léa", last_name="Durand", company="Fleurs d'Océane", city="Marseille", email=""),
    dict(first_name="Thomas", last_name="Dupont", city="Paris", mobile="07 11 22 33 44", email=""),
    dict(first_name="Zoé", last_name="Le Gall", city="Brest", email="zoe@orange.fr", phone="02 98 00 11 22"),
    dict(first_name="Marc", last_name="Thomas", company='Le "Bon" Coin 100%_', city="Lille", email=""),
    dict(first_name="Anne", last_name="Martin", city="Saint-Étienne", email="anne.m@free.fr"),
]  # fmt: skip
QUERIES = [
    "m", "ma", "mar", "mart", "marti", "martin", "d", "du", "dup", "th", "tho", "pi", "pierre", "n-p", "oc",
    "oceane", "d'o", "gm", "gmail", "@gm", "et", "etienne", "z", "zo", "zoe", "07 11 22", "0711", "02.98",
    '"bon"', '"', "100%", "%_", "_", "ma ly", "martin lyon", "jean-pierre", "x", "le", "le g", "ga",
]  # fmt: skip


def expected(texts: dict[int, str], query: str) -> set[int]:
    """The rule, in Python: every word a substring, or a word's start when of one or two characters."""
    found = set()
    for cid, st in texts.items():
        ok = True
        for word in search_words(query):
            hit = word.ref_id == cid
            for t in word.texts:
                if word.word_start:
                    hit = hit or st.startswith(t) or any(sep + t in st for sep in WORD_SEPARATORS)
                else:
                    hit = hit or t in st
            ok = ok and hit
        if ok:
            found.add(cid)
    return found


def people(db: Database) -> dict[int, str]:
    with db.session() as s:
        for values in PEOPLE:
            make_contact(s, **values)
    with db.session() as s:
        return {cid: st for cid, st in s.execute(select(Contact.id, Contact.search_text))}


def all_ids(session: Any, query: ListQuery, limit: int = 1000) -> list[int]:
    """The whole list, page after page (keyset)."""
    out: list[int] = []
    page = search_page(session, query, limit=limit)
    out += page.ids
    while page.after is not None:
        page = search_page(session, query, page.after, limit)
        out += page.ids
    return out


def test_the_index_finds_what_the_rule_says(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """For every query (prefixes, separators, quotes, LIKE's wildcards, phones in pairs, two words), the
    index, the plain scan it falls back to and the rule written in Python give the same contacts."""
    texts = people(db)
    with db.session() as s:
        assert has_fts(s) == (db.engine.dialect.name == "sqlite")
        for query in QUERIES:
            want = expected(texts, query)
            indexed = all_ids(s, ListQuery(query))
            assert set(indexed) == want, query
            assert count_matches(s, ListQuery(query)) == len(want), query
            assert set(search_ids(s, query)) == want, query
        monkeypatch.setattr(search_pages, "USE_INDEX", False)  # the fallback, forced
        assert not has_fts(s)
        for query in QUERIES:
            assert set(all_ids(s, ListQuery(query))) == expected(texts, query), query
            assert count_matches(s, ListQuery(query)) == len(expected(texts, query)), query


def test_short_words_match_words_starts_only(db: Database) -> None:
    """« ma » finds MARTIN (and Marseille, Marc), not THOMAS; « pi » finds Jean-Pierre after its hyphen."""
    texts = people(db)
    by_name = {st.split()[0] + " " + st.split()[1]: cid for cid, st in texts.items()}
    with db.session() as s:
        assert by_name["marc thomas"] in all_ids(s, ListQuery("ma"))
        assert by_name["thomas dupont"] not in all_ids(s, ListQuery("ma"))
        assert all_ids(s, ListQuery("pi")) == [by_name["jean-pierre martin"]]
        assert all_ids(s, ListQuery("oc")) == [by_name["lea durand"]]


def test_the_index_follows_every_write(db: Database) -> None:
    """An edit, a Core insert and update (the importer's way), a delete and an erasure: the index follows."""
    people(db)
    with db.session() as s:
        new = make_contact(s, first_name="Yvette", last_name="Quenneville", email="").id
    with db.session() as s:
        assert all_ids(s, ListQuery("quennev")) == [new] and all_ids(s, ListQuery("yv")) == [new]
        values = {"first_name": "Olga", "last_name": "XAVIER", "city": "Vannes", "postcode": "56000"}
        s.execute(
            insert(Contact),
            [{**values, "source_kind": "direct", "source_name": "x", "source_date": date(2026, 1, 1),
              "search_text": search_text_for(values)}],
        )  # fmt: skip
    with db.session() as s:
        core = all_ids(s, ListQuery("vannes"))
        assert len(core) == 1
        s.execute(
            update(Contact)
            .where(Contact.id == core[0])
            .values(search_text=search_text_for({"city": "Rennes"}))
        )
    with db.session() as s:
        assert all_ids(s, ListQuery("vannes")) == [] and all_ids(s, ListQuery("rennes")) == core
        delete_contact(s, new)
        s.execute(delete(Contact).where(Contact.id == core[0]))
    with db.session() as s:
        assert all_ids(s, ListQuery("quennev")) == [] and all_ids(s, ListQuery("rennes")) == []
        if db.engine.dialect.name == "sqlite":  # the index agrees with the table, row for row
            s.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('integrity-check')"))


def test_bulk_writes_leave_the_index_as_the_triggers_would(db: Database) -> None:
    """models.search_index.BulkIndexing (an import's new and completed contacts): the triggers wait, the
    entries are replaced at the end — each contact found by its new text and not its old one, once, even
    when named twice or just inserted; and the triggers work again afterwards."""
    ids = sorted(people(db))
    jp, lea, thomas = ids[0], ids[1], ids[2]
    with db.session() as s, BulkIndexing(s.connection()) as indexed:
        values = {"first_name": "Yvette", "last_name": "Quenneville", "city": "Vannes"}
        s.execute(insert(Contact), [{**values, "source_kind": "direct", "source_name": "x",
                                     "source_date": date(2026, 1, 1), "search_text": search_text_for(values)}])  # fmt: skip
        new = s.scalar(select(func.max(Contact.id)))
        assert new is not None
        indexed([new])
        indexed.replacing([jp, jp, new])
        indexed.replacing([jp, lea])
        for cid, city in ((jp, "Rennes"), (lea, "Rennes"), (new, "Quimperlé")):
            s.execute(
                update(Contact).where(Contact.id == cid).values(search_text=search_text_for({"city": city}))
            )
    with db.session() as s:
        assert sorted(all_ids(s, ListQuery("rennes"))) == [jp, lea]
        assert all_ids(s, ListQuery("quimperle")) == [new]
        assert all_ids(s, ListQuery("jp.martin")) == all_ids(s, ListQuery("vannes")) == []  # the old texts
        for query in [*QUERIES, "rennes", "re", "quimp"]:
            assert sorted(all_ids(s, ListQuery(query))) == sorted(search_ids(s, query)), query
        if db.engine.dialect.name == "sqlite":
            s.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('integrity-check')"))
            assert s.scalar(text(f"SELECT count(*) FROM {FTS_TABLE}")) == len(ids) + 1
        s.execute(
            update(Contact)
            .where(Contact.id == thomas)
            .values(search_text=search_text_for({"city": "Brioude"}))
        )
    with db.session() as s:
        assert all_ids(s, ListQuery("brioude")) == [thomas]


def test_the_update_trigger_waits_while_a_bulk_write_holds_the_pause(tmp_path: Path) -> None:
    """Migration 0021 (SQLite): in a base made before it, the update trigger indexed every completed contact
    twice over during an import; now it waits on the pause, as the insert trigger does, and works again once
    the pause is over."""
    db = open_database(base_at_revision("sqlite", tmp_path, "0020"))
    try:
        texts = people(db)
        first = min(texts)
        found = text(f"SELECT rowid FROM {FTS_TABLE} WHERE t MATCH :word")
        with db.session() as s, BulkIndexing(s.connection()):
            s.execute(update(Contact).where(Contact.id == first).values(search_text="plougastel"))
            assert s.execute(found, {"word": "plougastel"}).all() == []  # not indexed while paused
        with db.session() as s:
            s.execute(update(Contact).where(Contact.id == min(texts) + 1).values(search_text="landerneau"))
        with db.session() as s:
            assert s.execute(found, {"word": "landerneau"}).all() == [(first + 1,)]
    finally:
        db.dispose()


SORTS = ["last_name", "ref", "city", "first_name", "last_contact_on", "to_check", "postcode"]


@pytest.mark.parametrize("small", [False, True], ids=["probe-found", "index"])
def test_pages_follow_each_other_in_every_order(
    db: Database, monkeypatch: pytest.MonkeyPatch, small: bool
) -> None:
    """Pages of 3 (keyset: after the last row's sort value and id), in every order both ways, with ties
    and empty dates, give the list a single read gives: no row lost, none twice. `small`: the probe reads
    too few rows to fill a page, so the index answers."""
    cities = ["Lyon", "Paris", "Lyon", "Nantes", "Marseille"]
    with db.session() as s:
        for i in range(23):
            make_contact(
                s, last_name=["MARTIN", "DURAND", "ADAM"][i % 3], first_name=f"P{i % 4}", city=cities[i % 5],
                email="", mobile="", postcode=f"{69000 + i % 6}",
                last_contact_on=date(2026, 1, 1 + i % 4) if i % 3 else None,
            )  # fmt: skip
    monkeypatch.setattr(search_pages, "PROBE", 2 if small else 10_000)
    monkeypatch.setattr(search_pages, "FEW", 0 if small else 3000)
    with db.session() as s:
        for sort in SORTS:
            for descending in (False, True):
                for query in ("", "ma", "lyon", "p1 ma"):
                    q = ListQuery(query, sort, descending)
                    whole = search_page(s, q, limit=10_000).ids
                    assert all_ids(s, q, limit=3) == whole, (sort, descending, query)
                    assert len(set(whole)) == len(whole) == count_matches(s, q)
                    if sort == "last_name":
                        assert whole == search_ids(s, query, sort, descending)


def test_a_reference_and_a_word_together(db: Database) -> None:
    """A reference typed (C-000123) with a word: both must hold."""
    texts = people(db)
    martin = next(cid for cid, st in texts.items() if st.startswith("jean-pierre martin"))
    with db.session() as s:
        assert all_ids(s, ListQuery(f"{format_ref(martin)} lyon")) == [martin]
        assert all_ids(s, ListQuery(f"{format_ref(martin)} paris")) == []


def test_a_base_without_the_index_searches_all_the_same(db: Database) -> None:
    """The index dropped (SQLite without FTS5, PostgreSQL without pg_trgm): the plain scan, same contacts."""
    texts = people(db)
    with db.engine.begin() as conn:
        drop_search_index(conn)
    db.dispose()
    again = open_database(db.url)
    try:
        with again.session() as s:
            assert not has_fts(s)
            for query in QUERIES:
                assert set(all_ids(s, ListQuery(query))) == expected(texts, query), query
    finally:
        again.dispose()


@pytest.mark.parametrize("engine_name", ENGINES)
def test_the_migration_indexes_the_contacts_already_there(engine_name: str, tmp_path: Path) -> None:
    """A base of the previous version, with its contacts, is migrated: they are found through the index."""
    url = base_at_revision(engine_name, tmp_path, "0015")
    raw = create_engine(url)
    values = {"first_name": "Ondine", "last_name": "Quillard", "city": "Quimper"}
    with raw.begin() as conn:
        conn.execute(
            insert(Contact.__table__),  # type: ignore[arg-type]  # a Table, as the importer writes it
            [{**values, "civility": "", "company": "", "source_kind": "direct", "source_name": "x",
              "source_date": date(2026, 1, 1), "search_text": search_text_for(values), "version": 1}],
        )  # fmt: skip
    raw.dispose()
    db = open_database(url)
    try:
        with db.session() as s:
            assert has_fts(s) == (engine_name == "sqlite")
            assert len(all_ids(s, ListQuery("quill"))) == 1 and len(all_ids(s, ListQuery("qu"))) == 1
    finally:
        db.dispose()


@pytest.mark.skipif("postgresql" not in ENGINES, reason="PostgreSQL: WEBLEADS_TEST_PG")
def test_pg_trgm_refused_leaves_the_migration_going(tmp_path: Path) -> None:
    """`CREATE EXTENSION pg_trgm` refused (a user without the right): no index, and the migration's
    transaction goes on (the refusal stayed in its savepoint)."""
    db = open_database(base_at_revision("postgresql", tmp_path, "0015"))
    try:
        with db.engine.begin() as conn:
            conn.execute(text("DROP EXTENSION IF EXISTS pg_trgm CASCADE"))
            conn.execute(
                text(
                    "DO $$ BEGIN CREATE ROLE wl_no_extension NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
                )
            )
            conn.execute(text("GRANT USAGE, CREATE ON SCHEMA public TO wl_no_extension"))
        with db.engine.begin() as conn:
            conn.execute(text("SET LOCAL ROLE wl_no_extension"))
            assert create_search_index(conn) is False
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        db.dispose()


def test_a_person_named_by_reference_or_by_words(db: Database) -> None:
    """people_named (the Oppositions screen and its correction): a reference names that person while they are
    in the base, nobody once erased; words give a page of the search, never more than asked."""
    from services.compliance.erasure import erase_contact
    from services.contacts.search_pages import people_named, typed_reference

    with db.session() as s:
        a = make_contact(s, last_name="Martin", email="a@x.fr")
        make_contact(s, first_name="Paul", last_name="Martin", email="p@x.fr")
        gone = make_contact(s, first_name="Zoé", last_name="Durand", email="z@x.fr")
        erase_contact(s, gone.id)
        assert (typed_reference(" c-000001 "), typed_reference("12"), typed_reference("Martin")) == (
            1,
            12,
            None,
        )
        assert people_named(s, a.ref, 2) == [a.id]
        assert people_named(s, gone.ref, 2) == [] and people_named(s, "C-999999", 2) == []
        assert len(people_named(s, "martin", 5)) == 2 and len(people_named(s, "martin", 1)) == 1
