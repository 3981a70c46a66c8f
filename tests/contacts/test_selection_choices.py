"""Selections (shared by lists, exports, transmissions, campaigns) and the derived choices in SQL."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models.compliance import ConsentRecord, Opposition
from models.contact import Contact
from models.database import Database
from services.compliance.choices import opposed, refused_at_collection
from services.contacts.selection import Selection, selected_ids_query
from tests.helpers import make_contact

PARIS = ZoneInfo("Europe/Paris")  # the business's zone (setting business.timezone)


def test_selection_filters_combine(db: Database) -> None:
    """Status, tags, postcode prefix (Corsica included), source and last contact all narrow the list."""
    with db.session() as s:
        a = make_contact(
            s,
            status="customer",
            tags=["VIP"],
            postcode="75011",
            city="Paris",
            last_contact_on=date(2026, 5, 1),
        )
        b = make_contact(s, postcode="20000", city="Ajaccio", source_kind="broker", source_name="Data")
        c = make_contact(s, last_name="Zed", tags=["VIP", "jardin"])
        ids = {"a": a.id, "b": b.id, "c": c.id}

    def run(sel: Selection) -> set[int]:
        with db.session() as s:
            return set(s.scalars(selected_ids_query(sel)))

    assert run(Selection(status="customer")) == {ids["a"]}
    assert run(Selection(tags=["VIP"])) == {ids["a"], ids["c"]}
    assert run(Selection(tags=["VIP", "jardin"])) == {ids["c"]}
    assert run(Selection(postcode_prefix="2A")) == {ids["b"]}
    assert run(Selection(source_kind="broker")) == {ids["b"]}
    assert run(Selection(contacted_since=date(2026, 1, 1))) == {ids["a"]}
    assert run(Selection(contacted_before=date(2026, 1, 1))) == {ids["b"], ids["c"]}
    assert Selection.from_json(
        Selection(tags=["x"], contacted_since=date(2026, 1, 2)).to_json()
    ).contacted_since == date(2026, 1, 2)


def test_oppositions_and_latest_form_answers(db: Database) -> None:
    """'all' covers post and phone; a lifted opposition no longer counts; the latest form answer wins."""
    with db.session() as s:
        a = make_contact(s)
        b = make_contact(s, last_name="B")
        s.add(Opposition(contact_id=a.id, scope="all", received_on=date(2026, 6, 1), channel="slip"))
        s.add(Opposition(contact_id=b.id, scope="phone", received_on=date(2026, 6, 1), channel="phone"))
        s.add(
            ConsentRecord(contact_id=b.id, refuse_post=True, recorded_on=datetime(2026, 1, 1, tzinfo=PARIS))
        )
        s.add(
            ConsentRecord(
                contact_id=b.id,
                refuse_post=False,
                refuse_phone=True,
                recorded_on=datetime(2026, 3, 1, tzinfo=PARIS),
            )
        )
        s.add(
            ConsentRecord(
                contact_id=a.id, refuse_partners=True, recorded_on=datetime(2026, 3, 1, tzinfo=PARIS)
            )
        )
        ids = (a.id, b.id)
    with db.session() as s:

        def who(cond) -> set[int]:
            return set(s.scalars(select(Contact.id).where(cond)))

        assert who(opposed("post")) == {ids[0]}
        assert who(opposed("phone")) == set(ids)
        assert who(opposed("partners")) == {ids[0]}
        assert who(refused_at_collection("refuse_post")) == set()
        assert who(refused_at_collection("refuse_phone")) == {ids[1]}
        assert who(refused_at_collection("refuse_partners")) == {ids[0]}
