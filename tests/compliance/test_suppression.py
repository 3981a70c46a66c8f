"""The suppression list recognises a person by e-mail, phone or name + postcode, however typed."""

from __future__ import annotations

from datetime import date

from models.database import Database
from services.compliance.suppression import add_to_suppression_list, suppressed_keys, suppression_keys


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
