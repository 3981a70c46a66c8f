"""An objection can never be lost to timing (docs/rules.md §5.1), with two processes on one base, both
engines: one makes a partner's file or a postal campaign, the other records an objection meanwhile."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import insert, select

from models.compliance import InformedRecord, Opposition
from models.database import open_database
from models.partners import PropagationNotice
from models.postal import CampaignRecipient
from services.compliance.forms import create_form
from services.contacts.demo import add_demo_contacts, add_demo_organisation
from services.partners.directory import PartnerInput, add_partner
from tests.conftest import ENGINES, PG_URL, _reset_pg

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 1500  # enough rows for the file's progress to be reported while it is written
OBJECTOR = 7


@pytest.fixture(params=ENGINES)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A base of 1,500 people all informed of transmission to « Assureurs », and the partner Assur+."""
    if request.param == "postgresql":
        _reset_pg(PG_URL)
        url = PG_URL
    else:
        url = f"sqlite:///{tmp_path / 'race.sqlite'}"
    db = open_database(url)
    with db.session() as s:
        add_demo_contacts(s, PEOPLE)
        add_demo_organisation(s)
        version = create_form(s, "Salon", "event", "Prospection", "Assureurs")
        s.execute(insert(InformedRecord), [
            {"contact_id": i, "informed_on": date(2026, 1, 5), "document": "form", "full_notice": True,
             "form_version_id": version.id} for i in range(1, PEOPLE + 1)
        ])  # fmt: skip
        add_partner(s, PartnerInput("Assur+", "Assureurs", email="dpo@assur.example"))
    db.dispose()
    return url


def _start(what: str, url: str, out: Path, flags: Path, moment: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.race_helpers", what, url, str(out), str(flags), moment],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _wait(flag: Path, proc: subprocess.Popen[str]) -> None:
    end = time.monotonic() + 60
    while not flag.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the other process never reached the moment"
        time.sleep(0.05)


def _oppose(url: str, scope: str) -> None:
    r = subprocess.run(
        [sys.executable, "main.py", "--db", url, "oppose", "--contact", f"C-{OBJECTOR:06d}", "--scope", scope,
         "--channel", "letter"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr


def _refs_in(path: Path) -> set[str]:
    return {
        row[0]
        for row in openpyxl.load_workbook(path, read_only=True).active.iter_rows(min_row=2, values_only=True)
    }


def test_objection_while_the_partner_file_is_written_keeps_the_person_out(url: str, tmp_path: Path) -> None:
    """The file is being written when the objection commits: the person is not in the file that is kept."""
    out, flags = tmp_path / "assur.xlsx", tmp_path / "flags"
    flags.mkdir()
    proc = _start("share", url, out, flags, "during")
    _wait(flags / "paused", proc)
    _oppose(url, "partners")
    (flags / "go").touch()
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert f"C-{OBJECTOR:06d}" not in _refs_in(out)
    assert int(stdout.split()[-1]) == PEOPLE - 1


def test_objection_while_the_transmission_is_recorded_is_owed_to_the_partner(
    url: str, tmp_path: Path
) -> None:
    """The lines are being recorded when the objection arrives: it waits, then finds them — the partner
    that got the person is owed its notice."""
    out, flags = tmp_path / "assur.xlsx", tmp_path / "flags"
    flags.mkdir()
    proc = _start("share", url, out, flags, "final")
    _wait(flags / "paused", proc)
    _oppose(url, "all")
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    db = open_database(url)
    try:
        with db.session() as s:
            opposition = s.scalars(select(Opposition).where(Opposition.contact_id == OBJECTOR)).one()
            notices = s.scalars(
                select(PropagationNotice).where(PropagationNotice.opposition_id == opposition.id)
            ).all()
        in_file = f"C-{OBJECTOR:06d}" in _refs_in(out)
        assert in_file and len(notices) == 1  # it left with the file: the partner is told
    finally:
        db.dispose()


def test_objection_while_the_letters_are_made_gets_no_letter(url: str, tmp_path: Path) -> None:
    """A postal campaign is printing when the person objects to post: no letter, no label, not recorded."""
    out, flags = tmp_path / "campagne", tmp_path / "flags"
    flags.mkdir()
    proc = _start("postal", url, out, flags, "during")
    _wait(flags / "paused", proc)
    _oppose(url, "post")
    (flags / "go").touch()
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    db = open_database(url)
    try:
        with db.session() as s:
            sent = set(s.scalars(select(CampaignRecipient.contact_id)))
        assert OBJECTOR not in sent and len(sent) > 0
        excluded = {r[0] for r in openpyxl.load_workbook(out / "excluded.xlsx", read_only=True).active.iter_rows(
            min_row=2, values_only=True)}  # fmt: skip
        assert f"C-{OBJECTOR:06d}" in excluded
    finally:
        db.dispose()
