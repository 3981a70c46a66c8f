"""Small builders shared by the tests."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from models.contact import Contact
from services.contacts.editing import create_contact
from services.contacts.validation import ContactInput


def make_contact(session: Session, **overrides: Any) -> Contact:
    """A valid contact collected at the shop counter; override any field."""
    values: dict[str, Any] = {
        "civility": "Mme", "first_name": "Claire", "last_name": "Martin",
        "address_street": "12 rue de la République", "postcode": "69002", "city": "Lyon",
        "mobile": "06 12 34 56 78", "email": "claire.martin@example.fr",
        "source_kind": "direct", "source_name": "Comptoir du magasin", "source_date": date(2026, 3, 1),
    }  # fmt: skip
    values.update(overrides)
    contact, _ = create_contact(session, ContactInput(**values))
    return contact


def base_at_revision(engine_name: str, tmp_path: Path, revision: str) -> str:
    """A new base migrated only up to `revision` (to write rows as an older version did); its URL."""
    from alembic import command

    from models.database import Database
    from tests.conftest import PG_URL, _reset_pg

    url = PG_URL if engine_name == "postgresql" else f"sqlite:///{tmp_path / 'old.sqlite'}"
    if engine_name == "postgresql":
        _reset_pg(url)
    db = Database(url)
    command.upgrade(db._alembic_config(), revision)
    db.dispose()
    return url


def insert_old_contact(conn: Any, contact_id: int, **values: Any) -> None:
    """A contacts row written with plain SQL, as an older version of the app left it."""
    row: dict[str, Any] = {
        "id": contact_id, "civility": "", "first_name": "", "last_name": "MARTIN", "company": "",
        "address_complement": "", "address_building": "", "address_street": "12 rue des Lilas",
        "address_extra": "", "postcode": "69002", "city": "Lyon", "cedex": "", "country": "FR", "phone": "",
        "mobile": "", "email": "", "status": "prospect", "person_kind": "consumer", "notes": "",
        "source_kind": "direct", "source_name": "Comptoir", "source_date": date(2026, 1, 2), "version": 1,
        "search_text": "martin", "created_at": datetime(2026, 1, 2, 9, 0), "updated_at": datetime(2026, 1, 2, 9, 0),
    }  # fmt: skip
    row.update(values)
    names = ", ".join(row)
    conn.execute(text(f"INSERT INTO contacts ({names}) VALUES ({', '.join(':' + k for k in row)})"), row)
