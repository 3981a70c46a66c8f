"""Backups (docs/rules.md §10.3): online copies, owner-only, rotated, surviving a kill -9; a restore that
refuses what it must, and never brings an objected person back (§9.1)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from models.contact import Contact
from models.database import Database, open_database
from services.compliance.audit import verify
from services.compliance.erasure import erase_contact
from services.compliance.oppositions import record_opposition
from services.compliance.processing_record import processing_record
from services.contacts.demo import add_demo_contacts
from services.core.backup_crypto import set_passphrase
from services.core.backups import Backup, create_backup, list_backups, rotate, to_keep
from services.core.errors import InputError
from tests.cli_helpers import cli
from tests.compliance_helpers import make_partner, transmit
from tests.conftest import PG_URL, make_db
from tests.helpers import make_contact

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def base(tmp_path: Path) -> Iterator[Database]:
    """A shop's SQLite base in a folder of its own (its backups go beside it)."""
    (tmp_path / "boutique").mkdir()
    db = open_database(f"sqlite:///{tmp_path / 'boutique' / 'webleads.sqlite'}")
    yield db
    db.dispose()


def test_a_backup_is_an_owner_only_copy_with_the_journal_head(base: Database) -> None:
    with base.session() as s:
        make_contact(s)
    backup = create_backup(base)
    assert backup.path.parent.name == "sauvegardes" and backup.path.parent.parent == base.sqlite_path.parent  # type: ignore[union-attr]
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.path.parent.stat().st_mode) == 0o700
    with base.session() as s:
        events = s.scalar(text("SELECT count(*) FROM journal_events"))
    assert backup.journal_events == events and len(backup.journal_head or "") == 64
    copy = sqlite3.connect(backup.path)
    assert copy.execute("SELECT last_name FROM contacts").fetchall() == [("MARTIN",)]
    copy.close()
    assert [b.path for b in list_backups(backup.path.parent)] == [backup.path]


def _fake(taken: datetime) -> Backup:
    return Backup(
        Path(f"webleads-{taken:%Y%m%d-%H%M%S}-quotidienne.sqlite"),
        taken,
        "quotidienne",
        False,
        None,
        None,
        None,
        0,
    )


def test_rotation_keeps_seven_days_and_four_weeks() -> None:
    start = datetime(2026, 11, 30, 9)
    backups = [_fake(start - timedelta(days=d, hours=h)) for d in range(60) for h in (0, 5)]  # newest first
    keep = to_keep(backups, 7, 4)
    days = sorted({b.taken_at.date() for b in backups if b.path in keep}, reverse=True)
    assert days[:7] == [date(2026, 11, 30) - timedelta(days=d) for d in range(7)]
    # beyond the seven days, one per older week: 4 weeks in all counting the current ones
    assert len(keep) == 7 + 2  # the two newest weeks are already among the seven days
    assert backups[0].path in keep  # the newest of each day is the one kept
    assert backups[1].path not in keep


def test_rotation_never_deletes_the_last_copy_of_a_sound_base() -> None:
    """Days of copies of a base found damaged (taken by hand: the automatic ones are not) must not rotate out
    the newest copy that passed quick_check — the one a restore needs."""
    start = datetime(2026, 11, 30, 9)
    damaged = [replace(_fake(start - timedelta(days=d)), sound=False) for d in range(40)]
    good = replace(_fake(start - timedelta(days=40)), sound=True)
    older_good = replace(_fake(start - timedelta(days=41)), sound=True)
    keep = to_keep([*damaged, good, older_good], 7, 4)
    assert good.path in keep and older_good.path not in keep
    assert damaged[0].path in keep  # the newest of all stays too


def test_a_copy_says_whether_the_base_was_sound(base: Database) -> None:
    backup = create_backup(base)
    assert backup.sound is True and backup.to_dict()["sound"] is True
    assert list_backups(backup.path.parent)[0].sound is True


def test_rotation_deletes_the_copies_past_the_settings(base: Database) -> None:
    folder = create_backup(base).path.parent
    for d in range(1, 40):
        old = folder / f"webleads-{(datetime.now() - timedelta(days=d)):%Y%m%d-%H%M%S}-quotidienne.sqlite"
        old.write_bytes(b"x")
    removed = rotate(base)
    left = list_backups(folder)
    assert len(left) <= 1 + 7 + 4 and len(removed) == 40 - len(left)


SLOW_BACKUP = """
import sys, time
import services.core.backups as backups
from models.snapshots import snapshot
def tick(status, remaining, total):
    print("copying", flush=True)
    time.sleep(0.05)
backups.snapshot = lambda source, target: snapshot(source, target, tick, pages=1)
from models.database import open_database
backups.create_backup(open_database(sys.argv[1]))
"""


def test_a_backup_killed_midway_leaves_the_base_and_the_earlier_copies_intact(base: Database) -> None:
    with base.session() as s:
        add_demo_contacts(s, 2000)
    earlier = create_backup(base)
    earlier_bytes = earlier.path.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BACKUP, base.url], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "copying"  # mid-copy
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert earlier.path.read_bytes() == earlier_bytes
    assert [b.path for b in list_backups(earlier.path.parent)] == [earlier.path]  # the half copy is not one
    con = sqlite3.connect(base.sqlite_path)  # type: ignore[arg-type]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    with base.session() as s:
        assert verify(s).ok
        assert s.scalar(select(text("count(*)")).select_from(Contact)) == 2000
    rotate(base)  # the next rotation clears the leftover
    assert not list(earlier.path.parent.glob("*.partiel"))


def test_restore_brings_back_a_base_that_verifies_and_never_an_objected_person(
    base: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with base.session() as s:
        keep = make_contact(s, last_name="Opposant", email="op@example.fr")
        gone = make_contact(s, last_name="Effacé", email="ef@example.fr")
        partner = make_partner(s, "Assur+")
        transmit(s, partner, [keep.id])
        keep_id, gone_id = keep.id, gone.id
    backup = create_backup(base)
    with base.session() as s:  # after the copy: an objection, an erasure, a newcomer who objects
        record_opposition(s, keep_id, "all", "letter", date(2026, 11, 20))
        erase_contact(s, gone_id)
        late = make_contact(s, last_name="Tardif", email="tard@example.fr", mobile="06 99 88 77 66")
        record_opposition(s, late.id, "all", "email", date(2026, 11, 21))
    run = cli(capsys, "--db", base.url, "backup", "restore", str(backup.path), "--json")
    assert run.code == 2 and "--force" in run.err and "événement(s)" in run.err  # says how many
    run = cli(capsys, "--db", base.url, "backup", "restore", str(backup.path), "--force", "--json")
    assert run.code == 0, run.err
    carried = " | ".join(run.json["carried"])
    assert "Opposition (all)" in carried and "Effacement" in carried and "Liste d'opposition" in carried
    assert Path(run.json["backup_of_replaced_base"]).exists()
    db = open_database(base.url)
    try:
        with db.session() as s:
            assert verify(s).ok, verify(s).text()
            assert s.get(Contact, gone_id).erased_at is not None  # type: ignore[union-attr]
            assert (
                s.scalar(text("SELECT count(*) FROM oppositions WHERE contact_id = :c"), {"c": keep_id}) == 1
            )
            assert (
                s.scalar(
                    text("SELECT count(*) FROM propagation_notices WHERE contact_id = :c"), {"c": keep_id}
                )
                == 1
            )
    finally:
        db.dispose()
    # The newcomer is not in the copy, but a re-import of them is refused: the suppression list came along.
    path = base.sqlite_path.parent / "retour.csv"  # type: ignore[union-attr]
    path.write_text("Nom;Prénom;Adresse;CP;Ville;E-mail\nTARDIF;Claire;12 rue de la République;69002;Lyon;tard@example.fr\n",
                    encoding="utf-8")  # fmt: skip
    run = cli(
        capsys,
        "--db",
        base.url,
        "import",
        str(path),
        "--source-kind",
        "broker",
        "--source-name",
        "Fichier loué",
        "--json",
    )
    assert run.json["created"] == 0 and run.json["refused"] == 1


def test_restore_refuses_what_is_not_a_webleads_base_or_is_newer(
    base: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "vacances.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2000))
    other = tmp_path / "autre.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE clients (id INTEGER)")
    con.commit()
    con.close()
    newer = create_backup(base).path
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = base.sqlite_path.read_bytes()  # type: ignore[union-attr]
    for f, words in (
        (junk, "pas une base SQLite"),
        (other, "n'est pas une sauvegarde"),
        (newer, "plus récente"),
    ):
        run = cli(capsys, "--db", base.url, "backup", "restore", str(f))
        assert run.code == 2 and words in run.err and run.err.count("\n") == 1
    assert base.sqlite_path.read_bytes() == before  # type: ignore[union-attr]


def test_an_older_copy_is_migrated_on_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import base_at_revision, insert_old_contact

    old_url = base_at_revision("sqlite", tmp_path, "0012")
    from models.database import Database as Db

    old = Db(old_url)
    with old.engine.begin() as conn:
        insert_old_contact(conn, 3)
    old.dispose()
    (tmp_path / "b").mkdir()
    db = open_database(f"sqlite:///{tmp_path / 'b' / 'webleads.sqlite'}")
    run = cli(capsys, "--db", db.url, "backup", "restore", old_url.removeprefix("sqlite:///"), "--json")
    assert run.code == 0, run.err
    db = open_database(db.url)
    with db.session() as s:
        assert s.get(Contact, 3) is not None and verify(s).ok
    db.dispose()


def test_an_encrypted_backup_needs_its_passphrase(
    base: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with base.session() as s:
        make_contact(s, last_name="Secret")
        set_passphrase(s, "cheval correct agrafe")
    backup = create_backup(base)
    assert backup.encrypted and backup.path.name.endswith(".sqlite.age")
    assert b"SECRET" not in backup.path.read_bytes()
    run = cli(capsys, "--db", base.url, "backup", "restore", str(backup.path))
    assert run.code == 2 and "phrase secrète" in run.err
    monkeypatch.setenv("WEBLEADS_BACKUP_PASSPHRASE", "mauvaise phrase !")
    run = cli(capsys, "--db", base.url, "backup", "restore", str(backup.path))
    assert run.code == 2 and "incorrecte" in run.err
    monkeypatch.setenv("WEBLEADS_BACKUP_PASSPHRASE", "cheval correct agrafe")
    run = cli(capsys, "--db", base.url, "backup", "restore", str(backup.path), "--json")
    assert run.code == 0, run.err


def test_the_record_of_processing_lists_the_measures_that_exist(base: Database) -> None:
    def measures() -> str:
        with base.session() as s:
            return dict(processing_record(s)["Prospection commerciale par courrier et par téléphone"])[
                "Mesures de sécurité"
            ]

    assert "sauvegardes" not in measures() and "journal des opérations chaîné" in measures()
    create_backup(base)
    assert (
        "sauvegardes automatiques (1 conservées" in measures() and "sauvegardes chiffrées" not in measures()
    )
    with base.session() as s:
        set_passphrase(s, "cheval correct agrafe")
    assert "sauvegardes chiffrées" in measures()


def test_pg_dump_missing_is_said_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    import services.core.backups as backups

    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="pg_dump n'est pas installé"):
        backups._pg_dump("postgresql+psycopg://u:p@localhost/base", Path("/tmp/x.dump"))


@pytest.mark.skipif(not PG_URL or not shutil.which("pg_dump"), reason="PostgreSQL and pg_dump")
def test_a_postgresql_base_is_backed_up_with_pg_dump(tmp_path: Path) -> None:
    db = make_db("postgresql", tmp_path)
    try:
        with db.session() as s:
            make_contact(s)
        backup = create_backup(db)
        assert backup.path.suffix == ".dump" and backup.path.read_bytes()[:5] == b"PGDMP"
        assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    finally:
        db.dispose()
