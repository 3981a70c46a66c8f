"""Requests from data subjects: deadlines, extension, refusals, the register and the command line."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from models.database import Database
from services.compliance.requests import (
    add_months,
    add_request,
    answer_request,
    due_date,
    extend_request,
    list_requests,
)
from services.core.errors import InputError
from services.core.moments import business_date
from tests.cli_helpers import cli
from tests.helpers import make_contact


def test_one_month_deadline_clamps_to_month_end() -> None:
    """Received 31 January: due 28 February (29 in a leap year); extended: 30 April."""
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert due_date(date(2026, 1, 31), extended=True) == date(2026, 4, 30)
    assert add_months(date(2026, 11, 15), 2) == date(2027, 1, 15)


def test_overdue_extension_and_answer(db: Database, tmp_path: Path) -> None:
    """An unanswered request goes overdue after a month; an extension told in time gives two more."""
    with db.session() as s:
        c = make_contact(s)
        late = add_request(
            s,
            kind="access",
            requester="",
            contact_id=c.id,
            received_on=date(2026, 9, 1),
            today=date(2026, 11, 28),
        ).request
        ext = add_request(
            s,
            kind="erasure",
            requester="Jean Dupont",
            received_on=date(2026, 10, 20),
            today=date(2026, 11, 28),
        ).request
        extend_request(
            s, ext.id, "Recherche dans les archives papier", date(2026, 11, 10), today=date(2026, 11, 28)
        )
        ids = (late.id, ext.id)
    with db.session() as s:
        views = {v.id: v for v in list_requests(s, today=date(2026, 11, 28))}
        assert views[ids[0]].status == "overdue" and views[ids[0]].requester == "Claire MARTIN"
        assert views[ids[1]].status == "open" and views[ids[1]].due_on == date(2027, 1, 20)
        assert [v.id for v in list_requests(s, "overdue", today=date(2026, 11, 28))] == [ids[0]]
        done = answer_request(
            s, ids[0], "granted", date(2026, 11, 28), today=date(2026, 11, 28), out=tmp_path
        )
        assert done.dossier is not None and done.dossier.name.endswith("-2026-11-28.pdf")
    with db.session() as s:
        assert list_requests(s, "overdue", today=date(2026, 11, 28)) == []


def test_late_extension_and_unexplained_refusal_are_refused(db: Database) -> None:
    """Extending after the first month, or refusing without reasons, is refused with a message."""
    with db.session() as s:
        r = add_request(
            s, kind="access", requester="A", received_on=date(2026, 9, 1), today=date(2026, 11, 28)
        ).request
        with pytest.raises(InputError, match="Trop tard"):
            extend_request(s, r.id, "raison", date(2026, 10, 5), today=date(2026, 11, 28))
        with pytest.raises(InputError, match="motivé"):
            answer_request(s, r.id, "refused", date(2026, 11, 2), "", today=date(2026, 11, 28))
        with pytest.raises(InputError, match="futur"):
            add_request(
                s, kind="access", requester="A", received_on=date(2026, 12, 1), today=date(2026, 11, 28)
            )


def test_command_line_and_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """requests add/list/answer through the command line, and the register lists the request."""
    db = str(tmp_path / "x.sqlite")
    # Received on the 1st of this month: due on the 1st of the next (art. 12(3)), so still open today.
    received = business_date().replace(day=1)
    due = (received + timedelta(days=31)).replace(day=1)
    r = cli(
        capsys,
        "--db",
        db,
        "requests",
        "add",
        "--kind",
        "objection",
        "--name",
        "Zoé <&\"> L'Œil",
        "--email",
        "zoe@example.fr",
        "--received-on",
        received.isoformat(),
        "--json",
    )
    assert r.code == 0 and r.json["due_on"] == due.isoformat() and r.json["status"] == "open"
    assert cli(capsys, "--db", db, "requests", "add", "--kind", "nonsense", "--name", "X").code == 2
    assert cli(capsys, "--db", db, "requests", "answer", str(r.json["id"]), "--outcome", "refused").code == 2
    assert (
        cli(
            capsys, "--db", db, "requests", "answer", str(r.json["id"]), "--outcome", "granted", "--json"
        ).json["status"]
        == "answered"
    )
    out = tmp_path / "demandes.xlsx"
    assert cli(capsys, "--db", db, "export", "register", "requests", str(out)).code == 0
    ws = openpyxl.load_workbook(out).active
    assert ws["C2"].value == "Zoé <&\"> L'Œil" and ws["D2"].value == "Opposition"


def test_the_command_line_lists_the_requests_due_within_the_week(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`requests list --status due_soon`: the home page's « à traiter dans les 7 jours », for a script."""
    db = str(tmp_path / "r.sqlite")
    today = business_date()
    for name, received in (("Soon", today - timedelta(days=27)), ("Later", today)):
        r = cli(capsys, "--db", db, "requests", "add", "--kind", "access", "--name", name,
                "--received-on", received.isoformat(), "--json")  # fmt: skip
        assert r.code == 0, r.err
    r = cli(capsys, "--db", db, "requests", "list", "--status", "due_soon", "--json")
    assert r.code == 0, r.err
    assert [v["requester"] for v in r.json] == ["Soon"]
    r = cli(capsys, "--db", db, "requests", "list", "--status", "open", "--json")
    assert sorted(v["requester"] for v in r.json) == ["Later", "Soon"]
