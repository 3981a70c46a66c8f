"""Issue 15: the import's duplicate rules for one person typed by hand (services.importing.duplicates)."""

from __future__ import annotations

from models.database import Database
from services.contacts.validation import ContactInput, check_contact
from services.importing.duplicates import find_existing
from tests.helpers import make_contact


def _values(**fields: object) -> dict[str, object]:
    base = {"last_name": "Autre", "source_kind": "direct", "source_name": "Comptoir"}
    return check_contact(ContactInput(**{**base, **fields}), require_source=False).values  # type: ignore[arg-type]


def test_the_same_person_by_e_mail_number_or_name_at_the_postcode(db: Database) -> None:
    with db.session() as s:
        known = make_contact(s)  # Mme Claire MARTIN, 69002, 06 12 34 56 78, claire.martin@example.fr
        by_mail = find_existing(s, _values(email="Claire.Martin@example.fr"))
        by_number = find_existing(s, _values(first_name="Claire", mobile="+33 6 12 34 56 78"))
        by_name = find_existing(
            s, _values(civility="Mme", last_name="Martinn", first_name="Claire", postcode="69002")
        )
        assert [(m.key, m.reason) for m in (by_mail, by_number, by_name) if m] == [
            (known.id, "même e-mail"), (known.id, "même téléphone"),
            (known.id, "même personne au même code postal (nom proche)"),
        ]  # fmt: skip
        assert find_existing(s, _values(last_name="Martin", first_name="Claire", postcode="75011")) is None
        assert find_existing(s, _values(first_name="Paul", civility="M.", mobile="06 12 34 56 78")) is None
        assert find_existing(s, _values(email="claire.martin@example.fr"), other_than=known.id) is None
