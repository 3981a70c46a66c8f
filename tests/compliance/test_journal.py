"""The journal (docs/rules.md §10.2): every change an event, chained; edits outside the app are caught; an
erasure deletes the key, not the events; the history is read from it; both engines, two processes."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from models.contact import Contact
from models.database import Database, open_database
from models.journal import JournalEvent
from models.journal_codec import open_sealed
from services.compliance.audit import verify
from services.compliance.consents import record_consent
from services.compliance.erasure import erase_contact
from services.compliance.oppositions import record_opposition
from services.contacts.history import contact_history
from tests.cli_helpers import cli
from tests.conftest import ENGINES
from tests.helpers import base_at_revision, insert_old_contact, make_contact

ROOT = Path(__file__).resolve().parents[2]


def _events(db: Database, table: str | None = None) -> list[JournalEvent]:
    with db.session() as s:
        q = select(JournalEvent).order_by(JournalEvent.seq)
        if table:
            q = q.where(JournalEvent.table_name == table)
        return list(s.scalars(q))


def test_a_change_is_one_event_saying_who_what_and_the_fields(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s, last_name="Zébulon", email="zebulon@example.fr")
        cid = c.id
    with db.session() as s:
        s.get(Contact, cid).city = "Villeurbanne"  # type: ignore[union-attr]  # just created
    with db.session() as s:
        record_opposition(s, cid, "post", "letter", date(2026, 11, 2))
    events = _events(db)
    kinds = [(e.table_name, e.action) for e in events if e.contact_id == cid]
    assert (
        ("contacts", "insert") in kinds
        and ("contacts", "update") in kinds
        and ("oppositions", "insert") in kinds
    )
    update = next(e for e in events if e.table_name == "contacts" and e.action == "update")
    assert update.os_user and update.host and update.at.tzinfo is not None
    if db.engine.dialect.name == "postgresql":
        assert update.db_role  # the server's role, beside the workstation's user
    with db.session() as s:
        key = s.get(Contact, cid).journal_key  # type: ignore[union-attr]
    assert open_sealed(key, update.before)["city"] == "Lyon"
    assert open_sealed(key, update.after)["city"] == "Villeurbanne"
    # Never in clear, never a plain hash of a name (a dictionary reverses it).
    for e in events:
        assert "Zébulon" not in e.before + e.after + e.state and "zebulon" not in e.before + e.after


def test_a_consent_edited_with_plain_sql_is_caught(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with db.session() as s:
        c = make_contact(s)
        consent = record_consent(s, c.id, None, refuse_post=False, refuse_phone=False, accept_phone=True,
                                 channel="phone", proof="appel du 2/11", recorded_on=datetime(2026, 11, 2, 10, tzinfo=UTC))  # fmt: skip
        consent_id = consent.id
    with db.session() as s:
        assert verify(s).ok
    with db.engine.begin() as conn:  # someone with a database tool, not the app
        conn.execute(
            text("UPDATE consent_records SET accept_phone = :no WHERE id = :id"),
            {"no": False, "id": consent_id},
        )
    run = cli(capsys, "--db", db.url, "audit", "verify", "--json")
    assert run.code == 1
    assert {
        "table": "consent_records",
        "ref": str(consent_id),
        "problem": "modifiée hors de l'application",
    } in run.json["rows"]
    assert run.json["first_broken"] is None  # no event was touched: the row no longer matches its last one
    text_run = cli(capsys, "--db", db.url, "audit", "verify")
    assert text_run.code == 1 and f"consentement n° {consent_id}" in text_run.out


def test_an_event_deleted_in_the_middle_breaks_the_chain(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as s:
        for i in range(4):
            make_contact(s, last_name=f"Nom{i}", email=f"n{i}@example.fr")
    events = _events(db)
    middle = events[len(events) // 2]
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM journal_events WHERE id = :id"), {"id": middle.id})
    run = cli(capsys, "--db", db.url, "audit", "verify", "--json")
    assert run.code == 1
    assert run.json["first_broken"]["seq"] == middle.seq + 1
    assert "manquant" in run.json["first_broken"]["problem"]


def test_an_event_rewritten_is_caught_even_with_its_number_kept(db: Database) -> None:
    with db.session() as s:
        make_contact(s)
        make_contact(s, last_name="Durand", email="d@example.fr")
    target = _events(db)[2]
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE journal_events SET action = 'seed' WHERE id = :id"), {"id": target.id})
    with db.session() as s:
        report = verify(s)
    assert (
        report.broken is not None and report.broken.seq == target.seq and "modifié" in report.broken.problem
    )


def test_a_row_deleted_or_added_outside_the_app_is_caught(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        record_opposition(s, c.id, "phone", "letter", date(2026, 11, 2))
        cid = c.id
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM oppositions WHERE contact_id = :id"), {"id": cid})
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('org.name', '\"Fantôme\"')"))
    with db.session() as s:
        report = verify(s)
    problems = {(r.table, r.problem) for r in report.rows}
    assert ("oppositions", "supprimée hors de l'application") in problems
    assert ("settings", "ajoutée hors de l'application (aucun événement)") in problems


def test_an_erasure_deletes_the_key_and_keeps_the_chain(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s, last_name="Effacée", email="e@example.fr")
        cid = c.id
    with db.session() as s:
        erase_contact(s, cid)
    with db.session() as s:
        contact = s.get(Contact, cid)
        assert contact is not None and contact.journal_key is None
        assert verify(s).ok  # nothing rewritten: the chain and the rows still agree
        events = list(s.scalars(select(JournalEvent).where(JournalEvent.contact_id == cid)))
        created = next(e for e in events if e.action == "insert" and e.table_name == "contacts")
        assert created.after.startswith("enc:") and open_sealed(None, created.after) is None
        history = contact_history(s, contact)
    assert history[0].text.startswith("Fiche créée") and any("effacée" in h.text for h in history)
    assert not any("Effacée" in h.text for h in history)


def test_the_history_is_the_journal_with_time_and_author(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s, source_name="Salon de l'Habitat", source_kind="partner")
        record_opposition(s, c.id, "phone", "email", date(2026, 11, 20))
    with db.session() as s:
        contact = s.get(Contact, c.id)
        history = contact_history(s, contact)  # type: ignore[arg-type]
    kinds = [h.kind for h in history]
    assert kinds[:2] == ["created", "source"] and "opposition" in kinds
    assert all(h.author for h in history)
    assert "Salon de l'Habitat" in " ".join(h.text for h in history)
    assert "Opposition : téléphone, reçue le 20/11/2026 par e-mail" in [h.text for h in history]


@pytest.mark.parametrize("engine_name", ENGINES)
def test_the_first_start_seeds_the_journal_from_the_history_held(engine_name: str, tmp_path: Path) -> None:
    url = base_at_revision(engine_name, tmp_path, "0013")
    db = Database(url)
    with db.engine.begin() as conn:
        insert_old_contact(conn, 7)
        conn.execute(text("INSERT INTO oppositions (contact_id, scope, received_on, channel, recorded_by, note, "
                          "created_at) VALUES (7, 'post', '2026-03-01', 'letter', 'Léa', '', '2026-03-01 10:00:00')"))  # fmt: skip
    db.dispose()
    db = open_database(url)  # the update: migrated, then the journal seeded
    try:
        seeded = [e for e in _events(db) if e.seeded]
        assert {("contacts", "7"), ("oppositions", "1")} <= {(e.table_name, e.row_ref) for e in seeded}
        assert all(e.action == "seed" for e in seeded)
        with db.session() as s:
            assert verify(s).ok
            contact = s.get(Contact, 7)
            assert contact is not None and contact.journal_key is not None
            history = contact_history(s, contact)
        assert any(h.seeded and h.kind == "opposition" for h in history)
        db.dispose()
        db = open_database(url)  # a second start seeds nothing more
        assert len([e for e in _events(db) if e.seeded]) == len(seeded)
    finally:
        db.dispose()


WRITER = """
import sys
from models.database import open_database
from tests.helpers import make_contact
db = open_database(sys.argv[1])
for i in range(15):
    with db.session() as s:
        make_contact(s, last_name=f"{sys.argv[2]}{i}", email=f"{sys.argv[2]}{i}@example.fr")
db.dispose()
"""


def test_two_workstations_write_one_chain(db: Database) -> None:
    """Two processes committing at once: one order, no number twice, the chain whole."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db.url, name], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for name in ("Poste-A", "Poste-B")
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with db.session() as s:
        report = verify(s)
        assert report.ok, report.text()
        seqs = list(s.scalars(select(JournalEvent.seq).order_by(JournalEvent.seq)))
        assert seqs == list(range(1, len(seqs) + 1))
        assert s.scalar(select(text("count(*)")).select_from(Contact)) == 30


def test_an_import_is_journaled_row_by_row(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Nom;Prénom;Adresse;CP;Ville;E-mail\nDURAND;Paul;3 rue Vaubecour;69002;Lyon;paul@example.fr\n"
                    "ROUX;Anne;5 quai Perrache;69002;Lyon;anne@example.fr\n", encoding="utf-8")  # fmt: skip
    args = ("--db", db.url, "import", str(path), "--source-kind", "direct", "--source-name", "Salon")
    assert cli(capsys, *args).code == 0
    path.write_text("Nom;Prénom;Adresse;CP;Ville;E-mail;Téléphone\nDURAND;Paul;3 rue Vaubecour;69002;Lyon;"
                    "paul@example.fr;04 78 00 00 01\n", encoding="utf-8")  # fmt: skip
    assert cli(capsys, *args).code == 0  # a merge fills the empty phone: an update event
    with db.session() as s:
        assert verify(s).ok, verify(s).text()
        events = list(s.scalars(select(JournalEvent)))
    inserted = [e.table_name for e in events if e.action == "insert"]
    assert inserted.count("contacts") == 2 and inserted.count("contact_sources") == 3
    assert [e.table_name for e in events if e.action == "update"] == ["contacts"]


def test_a_bulk_write_is_journaled_by_chunks_and_still_row_by_row_checked(db: Database) -> None:
    """An import or the demo writes one event per chunk of rows, each row's digest in it: verify still
    names the one row edited outside the app, and the history still shows its creation."""
    from services.contacts.demo import add_demo_contacts

    with db.session() as s:
        add_demo_contacts(s, 450)
    events = _events(db)
    assert len(events) < 10 and {e.row_ref[:1] for e in events if e.table_name == "contacts"} == {"*"}
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE contacts SET city = 'Ailleurs' WHERE id = 321"))
    with db.session() as s:
        report = verify(s)
        assert [(r.table, r.ref) for r in report.rows] == [("contacts", "321")]
        history = contact_history(s, s.get(Contact, 42))  # type: ignore[arg-type]
    assert [h.kind for h in history] == ["created", "source"] and history[0].author


def test_the_day_s_integrity_check_is_no_edit_by_hand(sqlite_db: Database) -> None:
    """The database layer notes the day quick_check passed, outside any session: audit verify must not
    read it as a settings row added or edited outside the application (a false alarm every morning)."""
    from models.database import INTEGRITY_KEY
    from models.journal_codec import JOURNALED

    assert INTEGRITY_KEY in JOURNALED["settings"].untracked
    with sqlite_db.session() as s:
        make_contact(s)
    sqlite_db._remember_check("2026-11-30")
    sqlite_db._remember_check("2026-12-01")  # the next morning
    with sqlite_db.session() as s:
        report = verify(s)
    assert report.ok, report.text()


def test_an_events_time_reads_the_same_whatever_form_the_driver_returns() -> None:
    """audit verify slices SQLite's text instead of parsing it (a million times): every form gives the
    text chain_hash wrote — with microseconds, on a whole second, and a PostgreSQL datetime."""
    from datetime import datetime

    from services.compliance.audit_chain import _at_text

    for moment in (datetime(2026, 1, 1, 0, 0, 1), datetime(2026, 3, 29, 1, 59, 59, 123456)):
        written = moment.isoformat(timespec="microseconds") + "+00:00"
        stored = str(moment)  # SQLite's text: « 2026-01-01 00:00:01 » on a whole second
        assert _at_text(stored) == written
        assert _at_text(moment) == written


@pytest.mark.parametrize("tamper", ["none", "edit_later_half", "delete_at_the_join", "relink_at_the_join"])
def test_a_long_journal_walked_in_two_stretches_finds_what_one_walk_finds(
    db: Database, monkeypatch: pytest.MonkeyPatch, tamper: str
) -> None:
    """From SPLIT_FROM events the later half is walked by a second process (docs/rules.md §10.2): an intact
    chain, an event edited in the later half, the event at the join deleted or its link rewritten — the
    report is the one a single walk gives."""
    import services.compliance.audit_chain as chain

    with db.session() as s:
        for i in range(6):
            make_contact(s, last_name=f"Nom{i}", email=f"n{i}@example.fr")
    events = _events(db)
    low, high = events[0].seq, events[-1].seq
    join = next(e for e in events if e.seq == (low + high) // 2 + 1)
    later = events[-2]
    with db.engine.begin() as conn:
        if tamper == "edit_later_half":
            conn.execute(text("UPDATE journal_events SET action = 'seed' WHERE id = :id"), {"id": later.id})
        elif tamper == "delete_at_the_join":
            conn.execute(text("DELETE FROM journal_events WHERE id = :id"), {"id": join.id})
        elif tamper == "relink_at_the_join":
            conn.execute(
                text("UPDATE journal_events SET prev_hash = :h WHERE id = :id"),
                {"h": "0" * 64, "id": join.id},
            )
    reports = []
    for split_from in (10**9, 2):  # one walk, then two stretches
        monkeypatch.setattr(chain, "SPLIT_FROM", split_from)
        with db.session() as s:
            reports.append(verify(s).to_dict())
    one, two = reports
    assert two == one
    if tamper == "none":
        assert two["ok"] and two["events"] == len(events)
    else:
        assert not two["ok"]
        expected_seq = {"edit_later_half": later.seq, "delete_at_the_join": join.seq + 1,
                        "relink_at_the_join": join.seq}[tamper]  # fmt: skip
        assert two["first_broken"]["seq"] == expected_seq
