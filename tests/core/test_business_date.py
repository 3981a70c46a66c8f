"""« Today » is the business's date (docs/rules.md §10.1), not the computer's: a deadline, a notice, a
register and a default date are all counted from the same day, even in the hour around midnight when the
computer's zone and the business's fall on different days."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models.compliance import Opposition
from models.database import open_database
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


def test_the_command_line_dates_by_the_business_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zone = _zone_on_another_day()
    db = str(tmp_path / "b.sqlite")
    assert cli(capsys, "--db", db, "settings", "set", f"business.timezone={zone}").code == 0
    r = cli(capsys, "--db", db, "contacts", "add", "--first-name", "Claire", "--last-name", "Martin",
            "--street", "1 rue de la Paix", "--postcode", "69002", "--city", "Lyon",
            "--source-kind", "direct", "--source-name", "Comptoir")  # fmt: skip
    assert r.code == 0, r.err
    theirs = datetime.now(ZoneInfo(zone)).date()
    # The business's today is never « in the future », whichever side of the computer's day it is on.
    r = cli(capsys, "--db", db, "oppose", "--contact", "C-000001", "--scope", "phone", "--channel", "slip",
            "--on", theirs.isoformat())  # fmt: skip
    assert r.code == 0, r.err
    assert (
        cli(capsys, "--db", db, "oppose", "--contact", "C-000001", "--scope", "all", "--channel", "slip").code
        == 0
    )
    dashboard = cli(capsys, "--db", db, "dashboard", "--json")
    assert dashboard.json["date"] == theirs.isoformat()
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
