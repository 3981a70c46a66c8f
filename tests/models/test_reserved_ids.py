"""models.bulk.reserve_ids: the ids a bulk insert gives its rows before writing them (the journal is worked
out from them) are the ones the base itself would give — never an id a deleted row had."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.bulk import reserve_ids
from models.contact import Contact, ContactSource
from models.database import Database
from models.journal import insert_journaled
from tests.helpers import make_contact


def _source(contact_id: int) -> dict[str, object]:
    return {"contact_id": contact_id, "kind": "direct", "name": "Salon", "obtained_on": date(2026, 1, 5),
            "note": "", "recorded_at": utcnow()}  # fmt: skip


def _three_then_the_last_deleted(s: Session) -> int:
    """Three contacts, the last deleted (typed by mistake): its id."""
    people = [make_contact(s, email=f"p{i}@exemple.fr", mobile=f"06123456{i:02d}") for i in range(3)]
    s.flush()
    s.delete(people[-1])
    s.flush()
    return people[-1].id


def test_reserved_ids_are_those_the_base_would_give_after_a_deleted_last_contact(db: Database) -> None:
    with db.session() as s:
        last = _three_then_the_last_deleted(s)
        reserved = reserve_ids(s, Contact.__table__, 2)
        assert reserved is not None and reserved[1] == reserved[0] + 1
        after = make_contact(s, email="apres@exemple.fr", mobile="0612345699")
        s.flush()
        # SQLite: the id it gives next is the first reserved; PostgreSQL's sequence went past them.
        assert after.id == (reserved[0] if db.is_sqlite else reserved[1] + 1)
        assert reserved[0] > last


def test_a_deleted_last_contact_s_reference_is_never_given_again(db: Database) -> None:
    """models/contact.py: AUTOINCREMENT (restored on SQLite by migration 0019), so that a contact deleted as
    typed by mistake (services.contacts.editing) leaves its reference and its journal history to nobody."""
    with db.session() as s:
        last = _three_then_the_last_deleted(s)
        assert make_contact(s, email="apres@exemple.fr", mobile="0612345699").id > last


def test_rows_written_with_reserved_ids_follow_the_last_one_of_the_table(db: Database) -> None:
    with db.session() as s:
        person = make_contact(s)
        s.flush()
        before = s.scalar(select(ContactSource.id).order_by(ContactSource.id.desc()).limit(1)) or 0
        ids = insert_journaled(s, ContactSource.__table__, [_source(person.id) for _ in range(3)], "essai")
        assert ids == [before + 1, before + 2, before + 3]
        stored = list(
            s.scalars(select(ContactSource.id).where(ContactSource.id > before).order_by(ContactSource.id))
        )
        assert stored == ids


def test_nothing_reserved_for_no_row(db: Database) -> None:
    with db.session() as s:
        assert reserve_ids(s, Contact.__table__, 0) == []
