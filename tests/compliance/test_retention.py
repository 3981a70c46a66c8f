"""The end of the retention term (docs/rules.md §6.3, §6.4): who is past it, the re-consent letter, the
anonymisation of exactly those due — oppositions kept effective, every step in the journal."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from models.contact import Contact
from models.database import Database
from models.journal import JournalEvent
from services.compliance.audit import verify
from services.compliance.oppositions import record_opposition
from services.compliance.retention import past_term, record_answer
from services.contacts.demo import add_demo_contacts, add_demo_organisation
from services.contacts.selection import Selection
from services.core.moments import business_date
from services.postal.campaign import PostalRequest, run_postal_campaign
from tests.cli_helpers import cli
from tests.helpers import make_contact

TODAY = business_date()


def _demo(db: Database) -> None:
    with db.session() as s:
        add_demo_contacts(s, 400)
        add_demo_organisation(s)


def test_the_demo_base_has_people_past_their_term_and_says_why(db: Database) -> None:
    _demo(db)
    with db.session() as s:
        found = past_term(s)
    assert found, "the demo base holds customers whose relationship ended over three years ago"
    for p in found:
        assert p.term_ended_on <= TODAY and p.why.startswith(
            ("fin de la relation client", "collecte", "dernier contact")
        )
        assert p.due == (not p.can_be_asked)  # no letter yet: only those who cannot be asked are due


def test_apply_anonymises_exactly_the_list_and_keeps_oppositions_effective(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _demo(db)
    with db.session() as s:
        first, second, *_ = past_term(s)
        # One objects to everything: they cannot be asked any more (no post, no call) — due at once.
        record_opposition(s, first.contact_id, "all", "letter", TODAY - timedelta(days=5))
        objector = s.get(Contact, first.contact_id)
        objector_row = (objector.last_name, objector.first_name, objector.address_street, objector.postcode,  # type: ignore[union-attr]
                        objector.city, objector.email)  # type: ignore[union-attr]  # fmt: skip
    # The re-consent letter, three months ago: the two-month delay has run out.
    with db.session() as s:
        run_postal_campaign(s, PostalRequest(name="Renouvellement", template_code="L7160", selection=Selection(),
                                             reconsent=True, on=TODAY - timedelta(days=92)), tmp_path / "lettres")  # fmt: skip
    listed = cli(capsys, "--db", db.url, "retention", "list", "--due", "--json").json
    due_ids = {p["id"] for p in listed}
    assert first.contact_id in due_ids and second.contact_id in due_ids
    assert all(p["letter_sent_on"] for p in listed if p["can_be_asked"])
    with db.session() as s:
        before = s.scalar(select(JournalEvent.seq).order_by(JournalEvent.seq.desc()).limit(1))
    run = cli(capsys, "--db", db.url, "retention", "apply", "--json")
    assert run.code == 0, run.err
    assert {p["id"] for p in run.json["anonymised"]} == due_ids
    with db.session() as s:
        erased = set(s.scalars(select(Contact.id).where(Contact.erased_at.is_not(None))))
        assert erased == due_ids
        erasures = s.scalars(
            select(JournalEvent).where(JournalEvent.seq > before, JournalEvent.table_name == "contacts")
        )
        assert {int(e.row_ref) for e in erasures} == due_ids  # each anonymisation is in the journal
        assert verify(s).ok
        assert not any(p.contact_id in due_ids for p in past_term(s))
    # A re-import of the objector is refused: their suppression entries outlived them.
    last, first_name, street, postcode, city, email = objector_row
    path = tmp_path / "retour.csv"
    path.write_text(f"Nom;Prénom;Adresse;CP;Ville;E-mail\n{last};{first_name};{street};{postcode};{city};{email}\n",
                    encoding="utf-8")  # fmt: skip
    run = cli(
        capsys,
        "--db",
        db.url,
        "import",
        str(path),
        "--source-kind",
        "broker",
        "--source-name",
        "Loc",
        "--json",
    )
    assert run.json["refused"] == 1 and run.json["created"] == 0


def test_a_dry_run_changes_nothing(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with db.session() as s:
        c = make_contact(s, status="customer", customer_until=date(2022, 1, 10), address_street="", mobile="")
        cid = c.id
    run = cli(capsys, "--db", db.url, "retention", "apply", "--dry-run", "--json")
    assert [p["id"] for p in run.json["anonymised"]] == [cid]  # no usable address, no lawful call
    with db.session() as s:
        assert s.get(Contact, cid).erased_at is None  # type: ignore[union-attr]


def test_the_answer_to_the_letter_decides(db: Database) -> None:
    with db.session() as s:
        yes = make_contact(s, status="customer", customer_until=date(2022, 1, 10))
        no = make_contact(
            s, last_name="Refus", email="r@example.fr", status="customer", customer_until=date(2022, 1, 10)
        )
        assert {p.contact_id for p in past_term(s)} == {yes.id, no.id}
        record_answer(s, yes.id, True)
        record_answer(s, no.id, False)
    with db.session() as s:
        found = {p.contact_id: p for p in past_term(s)}
    assert yes.id not in found  # a reply is a contact from the person: the term starts again (§6.1)
    assert found[no.id].due and not found[no.id].can_be_asked  # an objection: anonymised at once


def test_past_the_term_is_a_prospect_or_a_former_customer_not_yet_erased(db: Database) -> None:
    """The one condition the home page counts and the re-consent letter selects (docs/rules.md §6.1-§6.3)."""
    from services.postal.eligibility import past_retention_term

    today = date(2026, 11, 30)
    with db.session() as s:
        old = date(2023, 11, 1)  # more than 3 years ago
        prospect = make_contact(s, source_date=old)
        talked = make_contact(
            s, first_name="Paul", email="p@x.fr", source_date=old, last_contact_on=date(2025, 1, 5)
        )
        fresh = make_contact(s, first_name="Zoé", email="z@x.fr", source_date=date(2025, 1, 5))
        customer = make_contact(s, first_name="Marc", email="m@x.fr", source_date=old, status="customer",
                                customer_until=date(2023, 6, 30))  # fmt: skip
        still = make_contact(s, first_name="Lise", email="l@x.fr", source_date=old, status="customer",
                             customer_until=date(2025, 6, 30))  # fmt: skip
        erased = make_contact(s, first_name="Eve", email="e@x.fr", source_date=old)
        erased.erased_at = datetime_at_noon(today)
        s.flush()
        found = set(s.scalars(select(Contact.id).where(past_retention_term(today, 3, 3))))
        assert found == {prospect.id, customer.id}
        assert {talked.id, fresh.id, still.id, erased.id}.isdisjoint(found)


def datetime_at_noon(day: date):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
