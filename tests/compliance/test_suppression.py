"""The suppression list recognises a person by e-mail, phone or name + postcode, however typed."""

from __future__ import annotations

from datetime import date

from models.database import Database
from services.compliance.suppression import (
    add_to_suppression_list,
    digest,
    phone_keys,
    suppressed_keys,
    suppression_keys,
)


def test_objected_person_is_recognised_in_other_spellings(db: Database) -> None:
    """Hashes of normalised values match the same person typed differently; nobody else matches."""
    keys = suppression_keys(
        email="Jean.Dupont@Orange.fr",
        phones=["06 12 34 56 78"],
        last_name="Dupont",
        first_name="Jean",
        postcode="69002",
    )
    with db.session() as s:
        assert add_to_suppression_list(s, keys, "all", date(2026, 6, 1)) == 3
        assert add_to_suppression_list(s, keys, "all", date(2026, 6, 2)) == 0
    same = suppression_keys(
        email="jean.dupont@ORANGE.FR",
        phones=["+33612345678"],
        last_name="DUPONT",
        first_name="jean",
        postcode="69002",
    )
    other = suppression_keys(
        email="marie@x.fr", phones=["0698765432"], last_name="Dupont", first_name="Marie", postcode="69002"
    )
    with db.session() as s:
        assert len(suppressed_keys(s, same)) == 3
        assert suppressed_keys(s, other) == set()
    assert all("dupont" not in h.lower() for _, h in keys)


def test_a_whole_import_batch_on_the_list_is_recognised_to_the_last_person(db: Database) -> None:
    """An import of 1,500 people who all objected before (read in chunks of 500): every one of them is
    recognised, none slips through between two chunks."""
    keys = [("email", digest(f"personne{i}@example.fr")) for i in range(1500)]
    with db.session() as s:
        assert add_to_suppression_list(s, keys, "all", date(2026, 6, 1)) == 1500
        s.flush()
        assert suppressed_keys(s, keys) == set(keys)


def test_a_saint_pierre_number_is_hashed_in_its_own_territory(db: Database) -> None:
    """docs/rules.md §5.2: six digits and a 975 postcode are a Saint-Pierre-et-Miquelon number (+508): the
    person's objection is recognised when the number comes back written in full."""
    keys = suppression_keys(phones=["41 23 45"], postcode="97500")
    assert keys == phone_keys("+508412345")
    with db.session() as s:
        add_to_suppression_list(s, keys, "phone", date(2026, 6, 1))
        s.flush()
        assert suppressed_keys(s, suppression_keys(phones=["+508 41 23 45"])) == set(keys)
