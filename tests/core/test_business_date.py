"""« Today » is the business's date (docs/rules.md §10.1), not the computer's: a deadline, a notice, a
register and a default date are all counted from the same day, even in the hour around midnight when the
computer's zone and the business's fall on different days."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models.compliance import Opposition
from models.database import open_database
from services.core import moments
from services.core.moments import business_date, set_display_zone
from tests.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
# UTC+14 and UTC-11 are 25 hours apart: at any moment one of them is on another day than the computer.
FAR_ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago")
# The one place that keeps the computer's day: copies are named and counted by the computer's clock.
COMPUTER_DAY = {Path("services/core/backups.py")}


def _zone_on_another_day() -> str:
    zone = next(z for z in FAR_ZONES if datetime.now(ZoneInfo(z)).date() != date.today())
    assert datetime.now(ZoneInfo(zone)).date() != date.today()  # else this test could not fail
    return zone


def test_business_date_is_the_day_in_the_business_zone() -> None:
    zone = _zone_on_another_day()
    set_display_zone(ZoneInfo(zone))
    assert business_date() == datetime.now(ZoneInfo(zone)).date() != date.today()


class _FrozenClock(datetime):
    """services.core.moments' clock stopped at one instant (UTC), so the case does not depend on the hour
    the suite runs at."""

    instant = datetime(2026, 1, 1, tzinfo=UTC)

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]  # same contract, fixed instant
        return cls.instant.astimezone(tz) if tz is not None else cls.instant.replace(tzinfo=None)


@pytest.mark.parametrize(
    ("instant", "day"),
    [
        (datetime(2026, 11, 30, 22, 59, 59, tzinfo=UTC), date(2026, 11, 30)),  # 23:59:59 in Paris (winter)
        (datetime(2026, 11, 30, 23, 0, 0, tzinfo=UTC), date(2026, 12, 1)),  # midnight in Paris
        (datetime(2027, 6, 30, 21, 59, 59, tzinfo=UTC), date(2027, 6, 30)),  # 23:59:59 in Paris (summer)
        (datetime(2027, 6, 30, 22, 0, 0, tzinfo=UTC), date(2027, 7, 1)),
    ],
)
def test_the_day_turns_at_the_business_midnight(instant: datetime, day: date, monkeypatch) -> None:
    monkeypatch.setattr(_FrozenClock, "instant", instant)
    monkeypatch.setattr(moments, "datetime", _FrozenClock)
    assert business_date() == day


@pytest.mark.parametrize(
    ("zone", "instant", "theirs"),
    [
        # 28 March 2027 at 00:45 UTC: already the 28th in Paris (the zone before a base is opened),
        # still the 27th at Pago Pago — a default date taken before the base's zone was known fell « in
        # the future ».
        ("Pacific/Pago_Pago", datetime(2027, 3, 28, 0, 45, tzinfo=UTC), date(2027, 3, 27)),
        # 30 November 2026 at 11:30 UTC: the 30th in Paris, already 1 December at Kiritimati.
        ("Pacific/Kiritimati", datetime(2026, 11, 30, 11, 30, tzinfo=UTC), date(2026, 12, 1)),
    ],
)
def test_the_command_line_dates_by_the_business_clock(
    zone: str,
    instant: datetime,
    theirs: date,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch,
) -> None:
    monkeypatch.setattr(_FrozenClock, "instant", instant)
    monkeypatch.setattr(moments, "datetime", _FrozenClock)
    db = str(tmp_path / "b.sqlite")
    assert cli(capsys, "--db", db, "settings", "set", f"business.timezone={zone}").code == 0
    set_display_zone(ZoneInfo(moments.PARIS))  # each command starts from the default zone, as a new process
    # No date given: the contact's source date and the second objection's day are the business's today.
    r = cli(capsys, "--db", db, "contacts", "add", "--first-name", "Claire", "--last-name", "Martin",
            "--street", "1 rue de la Paix", "--postcode", "69002", "--city", "Lyon",
            "--source-kind", "direct", "--source-name", "Comptoir", "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert r.json["source_date"] == theirs.isoformat()
    # The business's today is never « in the future », whichever side of Paris's day it is on.
    set_display_zone(ZoneInfo(moments.PARIS))
    r = cli(capsys, "--db", db, "oppose", "--contact", "C-000001", "--scope", "phone", "--channel", "slip",
            "--on", theirs.isoformat())  # fmt: skip
    assert r.code == 0, r.err
    set_display_zone(ZoneInfo(moments.PARIS))
    assert (
        cli(capsys, "--db", db, "oppose", "--contact", "C-000001", "--scope", "all", "--channel", "slip").code
        == 0
    )
    assert cli(capsys, "--db", db, "dashboard", "--json").json["date"] == theirs.isoformat()
    base = open_database(f"sqlite:///{db}")
    with base.session() as s:
        assert [o.received_on for o in s.scalars(select(Opposition).order_by(Opposition.id))] == [
            theirs,
            theirs,
        ]
    base.dispose()


def test_no_screen_or_service_reads_the_computers_day() -> None:
    """A new `date.today()` would bring the two clocks back: the screens' date fields (QDate.currentDate, QDateTime.currentDateTime)
    and the services go through business_date."""
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for room in ("services", "cli", "gui")
        for path in sorted((ROOT / room).rglob("*.py"))
        if path.relative_to(ROOT) not in COMPUTER_DAY
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bdate\.today\(|QDate\.currentDate\(|QDateTime\.currentDateTime\(", line)
    ]
    assert found == []
