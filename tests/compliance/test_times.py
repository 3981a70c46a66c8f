"""docs/rules.md §10.1: moments stored in UTC, typed and shown in the business's zone, whatever the
machine's own zone — in summer and in winter — and old local-time consents converted by migration 0008."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from models.base import utcnow
from models.compliance import ConsentRecord
from models.database import Database, open_database
from tests.cli_helpers import cli
from tests.conftest import ENGINES
from tests.helpers import base_at_revision, insert_old_contact

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(params=["Europe/Paris", "UTC", "America/Guadeloupe"])
def machine_tz(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The workstation's own zone, which must change nothing (the business's zone is the setting)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A consumer (C-000001) with a mobile, and a form with the opt-in box for calls."""
    db = str(tmp_path / "times.sqlite")
    r = cli(capsys, "--db", db, "contacts", "add", "--last-name", "Martin", "--postcode", "69002",
            "--city", "Lyon", "--mobile", "0612345678", "--source-kind", "direct", "--source-name", "Comptoir",
            "--obtained-on", "2026-01-02")  # fmt: skip
    assert r.code == 0, r.err
    r = cli(capsys, "--db", db, "forms", "add", "--name", "Comptoir", "--channel", "counter",
            "--purpose", "Prospection", "--json")  # fmt: skip
    assert r.code == 0, r.err
    return db


@pytest.mark.parametrize(
    ("day", "half_an_hour_later"),
    [("2026-07-15", "2026-07-15 12:30"), ("2026-01-15", "2026-01-15 12:30")],
    ids=["summer", "winter"],
)
def test_a_consent_counts_from_the_moment_it_was_given(
    base: str, machine_tz: str, day: str, half_an_hour_later: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`consent record --on D` (noon, business time) then `call check --at` D 12:30: called on consent.

    Read as UTC, noon in Paris would be 13:00 (winter) or 14:00 (summer) in Paris: not yet given."""
    r = cli(capsys, "--db", base, "consent", "record", "--contact", "C-000001", "--form", "1",
            "--accept-phone", "--on", day, "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert r.json["recorded_on"] == datetime.fromisoformat(f"{day} 12:00").replace(tzinfo=PARIS).astimezone(
        UTC
    ).isoformat(timespec="seconds")
    r = cli(
        capsys, "--db", base, "call", "check", "--contact", "C-000001", "--at", half_an_hour_later, "--json"
    )
    assert r.code == 0, r.err
    assert (r.json["allowed"], r.json["basis"]) == (True, "consent"), r.json


def test_a_consent_given_now_counts_now(
    base: str, machine_tz: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Recorded now, checked now: the person has consented (the calendar may still say « later »)."""
    r = cli(
        capsys, "--db", base, "consent", "record", "--contact", "C-000001", "--form", "1", "--accept-phone"
    )
    assert r.code == 0, r.err
    r = cli(capsys, "--db", base, "call", "check", "--contact", "C-000001", "--json")
    assert r.json["basis"] == "consent" and r.json["status"] in ("callable", "later"), r.json


def test_a_consent_expires_on_time_not_late(
    base: str, machine_tz: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given 2026-01-15 at noon (Paris), it stops on 2027-01-15 at noon, not an hour later."""
    assert cli(capsys, "--db", base, "consent", "record", "--contact", "C-000001", "--form", "1",
               "--accept-phone", "--on", "2026-01-15").code == 0  # fmt: skip
    before = cli(
        capsys, "--db", base, "call", "check", "--contact", "C-000001", "--at", "2027-01-15 11:59", "--json"
    )
    after = cli(
        capsys, "--db", base, "call", "check", "--contact", "C-000001", "--at", "2027-01-15 12:00", "--json"
    )
    assert before.json["basis"] == "consent"
    assert after.json["allowed"] is False and "expiré" in after.json["reason"]


def test_a_time_without_its_zone_is_refused_by_the_base(sqlite_db: Database) -> None:
    """The column type refuses a naive datetime: nobody can store a moment whose zone is unknown."""
    from tests.helpers import make_contact

    with pytest.raises(Exception, match="sans fuseau"), sqlite_db.session() as s:
        c = make_contact(s)
        s.add(ConsentRecord(contact_id=c.id, accept_phone=True, recorded_on=datetime(2026, 3, 1, 12, 0)))
        s.flush()
    with sqlite_db.session() as s:
        c = make_contact(s)
        s.add(
            ConsentRecord(
                contact_id=c.id, accept_phone=True, recorded_on=datetime(2026, 3, 1, 12, tzinfo=PARIS)
            )
        )
        s.flush()
        stored = s.get(ConsentRecord, 1)
        assert stored is not None and stored.recorded_on == datetime(2026, 3, 1, 11, tzinfo=UTC)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_migration_reads_old_consent_times_as_the_business_s_local_time(
    engine_name: str, tmp_path: Path
) -> None:
    """Before 0008 the CLI wrote 14:00 Paris as « 14:00 »: it becomes 12:00 UTC in July, 13:00 in January;
    the other timestamp columns (UTC already) do not move."""
    url = base_at_revision(engine_name, tmp_path, "0007")
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_old_contact(conn, 1, mobile="+33612345678")
        for i, when in enumerate([datetime(2026, 7, 15, 14, 0), datetime(2026, 1, 15, 14, 0)], start=1):
            conn.execute(
                text(
                    "INSERT INTO consent_records (id, contact_id, accept_phone, accepted_partner_categories, "
                    "recorded_on, channel, recorded_by, proof_kind, proof, created_at) "
                    "VALUES (:id, 1, :t, '[]', :w, 'counter', 'Julie', 'note', '', :c)"
                ),
                {"id": i, "t": True, "w": when, "c": datetime(2026, 1, 2, 9, 0)},
            )
    engine.dispose()
    db = open_database(url)
    try:
        with db.session() as s:
            summer, winter = s.get(ConsentRecord, 1), s.get(ConsentRecord, 2)
            assert summer is not None and winter is not None
            assert summer.recorded_on == datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
            assert winter.recorded_on == datetime(2026, 1, 15, 13, 0, tzinfo=UTC)
            assert summer.created_at == datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
            assert summer.recorded_on <= utcnow()
    finally:
        db.dispose()
