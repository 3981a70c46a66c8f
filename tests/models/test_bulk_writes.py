"""models.bulk: rows written in bulk (an import, the journal, demo data) read back exactly as written, on
both engines — PostgreSQL's COPY included (its text format escapes tabs, newlines and backslashes) — and a
refusal is SQLAlchemy's error, which the session turns into the program's one French message."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from models.bulk import bulk_insert, reserve_ids
from models.contact import Contact, ContactSource
from models.database import Database, DatabaseError
from models.journal import with_defaults

AWKWARD = [
    "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\.", '<&"> \'quote\'',
    "=SUM(A1)", "Zoë Ñúñez-Œuvre 🍷", "  spaces  ", "",
]  # fmt: skip


def _row(cid: int, text: str) -> dict[str, object]:
    return with_defaults(Contact.__table__, {
        "id": cid, "first_name": text, "last_name": f"NOM{cid}", "notes": text, "address_street": text,
        "postcode": "69002", "city": "Lyon", "source_kind": "direct", "source_name": text or "x",
        "source_date": date(2026, 1, 2), "search_text": text, "to_check": cid % 2 == 0,
        "customer_until": None, "npai_on": date(2026, 5, 1) if cid % 3 == 0 else None,
        "journal_key": bytes(range(256)) if cid % 2 else b"\\x00\t\n",
    })  # fmt: skip


def test_rows_read_back_exactly_as_written(db: Database) -> None:
    with db.session() as s:
        ids = reserve_ids(s, Contact.__table__, len(AWKWARD))
        assert ids is not None
        rows = [_row(cid, text) for cid, text in zip(ids, AWKWARD, strict=True)]
        bulk_insert(s, Contact.__table__, rows)
    with db.session() as s:
        stored = {c.id: c for c in s.scalars(select(Contact).where(Contact.id.in_(ids)))}
        for row in rows:
            c = stored[row["id"]]  # type: ignore[index]
            for key in ("first_name", "notes", "address_street", "source_name", "search_text", "to_check",
                        "npai_on", "source_date", "customer_until", "journal_key", "last_name"):  # fmt: skip
                assert getattr(c, key) == row[key], (key, row[key])
            assert c.created_at == row["created_at"] and c.created_at.tzinfo is not None
            assert isinstance(c.created_at, datetime) and c.created_at.tzinfo == UTC


def test_a_refused_bulk_write_is_said_in_french_and_writes_nothing(db: Database) -> None:
    with db.session() as s:
        ids = reserve_ids(s, Contact.__table__, 1)
        assert ids is not None
        bulk_insert(s, Contact.__table__, [_row(ids[0], "premier")])
    sources = [with_defaults(ContactSource.__table__, {
        "contact_id": cid, "kind": "direct", "name": "Salon", "obtained_on": date(2026, 1, 5), "note": "",
    }) for cid in (ids[0], 999_999)]  # fmt: skip  # the second names nobody: the foreign key refuses it
    with pytest.raises(DatabaseError, match="Erreur de base de données"), db.session() as s:
        bulk_insert(s, ContactSource.__table__, sources)
    with db.session() as s:
        assert s.scalars(select(ContactSource.id)).all() == []
