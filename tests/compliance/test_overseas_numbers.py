"""Overseas numbers get their territory's country code, old +33 forms are repaired by migration 0009, and an
overseas objector erased before the repair is still refused at import (docs/rules.md §5.2)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from models.compliance import SuppressionEntry
from models.contact import Contact
from models.database import open_database
from services.compliance.suppression import digest, suppression_keys
from services.core.phones import display, national_digits, to_e164
from tests.cli_helpers import cli
from tests.conftest import ENGINES
from tests.helpers import base_at_revision, insert_old_contact


@pytest.mark.parametrize(
    ("typed", "postcode", "e164"),
    [
        ("0692 12 34 56", "97400", "+262692123456"),  # La Réunion, mobile
        ("02 62 12 34 56", "97400", "+262262123456"),  # La Réunion, landline
        ("0269 60 12 34", "97600", "+262269601234"),  # Mayotte, landline
        ("0639 01 23 45", "97600", "+262639012345"),  # Mayotte, mobile
        ("0690 12 34 56", "97110", "+590690123456"),  # Guadeloupe
        ("0590 27 12 34", "97133", "+590590271234"),  # Saint-Barthélemy
        ("0690 00 12 34", "97150", "+590690001234"),  # Saint-Martin
        ("0596 30 12 34", "97200", "+596596301234"),  # Martinique
        ("0694 20 12 34", "97300", "+594694201234"),  # Guyane
        ("41 23 45", "97500", "+508412345"),  # Saint-Pierre-et-Miquelon: six digits, the postcode decides
        ("+33 6 92 12 34 56", "", "+262692123456"),  # +33 692 does not exist: the territory's own code
        ("06 12 34 56 78", "97400", "+33612345678"),  # a metropolitan mobile stays +33 wherever one lives
        ("01 42 00 00 01", "75011", "+33142000001"),
    ],
)
def test_each_territory_keeps_its_country_code(typed: str, postcode: str, e164: str) -> None:
    """The number's prefix decides, or the postcode when the prefix cannot (Saint-Pierre-et-Miquelon)."""
    assert to_e164(typed, postcode=postcode) == e164


def test_overseas_numbers_show_and_search_in_their_national_form() -> None:
    """0692 12 34 56 on the screen and in the search text, as people write it."""
    assert display("+262692123456") == "0692 12 34 56"
    assert national_digits("+262692123456") == "0692123456"
    assert national_digits("+596596301234") == "0596301234"


def test_contact_added_at_la_reunion_stores_262(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "dom.sqlite")
    r = cli(capsys, "--db", db, "contacts", "add", "--last-name", "Payet", "--postcode", "97400",
            "--city", "Saint-Denis", "--mobile", "0692 12 34 56", "--source-kind", "direct",
            "--source-name", "Comptoir", "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert r.json["mobile"] == "+262692123456"
    found = cli(capsys, "--db", db, "contacts", "list", "--search", "0692123456", "--json")
    assert [c["ref"] for c in found.json] == [r.json["ref"]]


@pytest.mark.parametrize("engine_name", ENGINES)
def test_migration_repairs_stored_plus_33_overseas_numbers(engine_name: str, tmp_path: Path) -> None:
    """+33692… (written by versions before 0.2) becomes +262692…; metropolitan numbers do not move."""
    url = base_at_revision(engine_name, tmp_path, "0008")
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_old_contact(conn, 1, postcode="97400", city="Saint-Denis", mobile="+33692123456",
                           phone="+33262123456", search_text="payet 0692123456")  # fmt: skip
        insert_old_contact(conn, 2, mobile="+33612345678", phone="+33596301234")
    engine.dispose()
    db = open_database(url)
    try:
        with db.session() as s:
            rows = {c.id: (c.mobile, c.phone) for c in s.scalars(select(Contact))}
        assert rows == {1: ("+262692123456", "+262262123456"), 2: ("+33612345678", "+596596301234")}
    finally:
        db.dispose()


@pytest.mark.parametrize("engine_name", ENGINES)
def test_objector_erased_before_the_repair_is_still_refused_at_import(
    engine_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """oppose → erase (old version: the list holds the hash of +33692…) → migrate → re-import refused."""
    url = base_at_revision(engine_name, tmp_path, "0008")
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_old_contact(conn, 1, last_name="", first_name="", mobile="", postcode="", city="",
                           address_street="", erased_at=None)  # fmt: skip
        conn.execute(
            text(
                "INSERT INTO suppression_entries (kind, hash, scope, opposed_on, created_at) "
                "VALUES ('phone', :h, 'all', :d, :c)"
            ),
            {"h": digest("+33692123456"), "d": date(2026, 5, 4), "c": date(2026, 5, 4)},
        )
    engine.dispose()
    open_database(url).dispose()  # migrates to the head
    sheet = tmp_path / "retour.csv"
    sheet.write_text("Nom;Prénom;Code postal;Ville;Portable\nHOAREAU;Marie;97410;Saint-Pierre;0692 12 34 56\n",
                     encoding="utf-8")  # fmt: skip
    r = cli(capsys, "--db", url, "import", str(sheet), "--source-kind", "broker", "--source-name", "Fichier DOM",
            "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert (r.json["created"], r.json["refused"]) == (0, 1)
    assert "liste d'opposition" in r.json["rows"][0]["reasons"][0]


def test_new_and_old_forms_are_both_keys_of_one_number(sqlite_db) -> None:  # type: ignore[no-untyped-def]
    """What the suppression list is asked: the number, and the +33 form older versions hashed."""
    keys = suppression_keys(phones=["0692 12 34 56"])
    assert ("phone", digest("+262692123456")) in keys and ("phone", digest("+33692123456")) in keys
    assert suppression_keys(phones=["06 12 34 56 78"]) == [("phone", digest("+33612345678"))]
    with sqlite_db.session() as s:
        assert s.scalar(select(SuppressionEntry.id)) is None
