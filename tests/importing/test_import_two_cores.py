"""The import's cleaning on both cores (services.core.two_cores) gives the very plan and rows of one core."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from models.contact import Contact
from models.database import Database
from models.journal import JournalEvent, bulk_rows
from services.compliance.audit import verify
from services.contacts.search import search_ids
from services.core import two_cores
from services.importing import writing
from services.importing.mapping import guess_mapping, header_score
from services.importing.outcome import ImportOptions
from services.importing.reading import read_table
from services.importing.running import run_import

HEADER = "Civilité;Nom;Prénom;Adresse;CP;Ville;Portable;E-mail;Date de collecte"
LINES = [
    "M.;Dupont;jean;3 rue Haute;75011;Paris;06 12 34 56 78;jean.dupont@exemple.fr;12/03/2025",
    "Mme;MARTIN;Élodie;;69002;Lyon;;elodie@exemple.fr;2025-04-01",
    ";;;;;;;;",  # a blank line
    "Total;;;;;;;;",
    "M;Durand;Luc;8 av. Foch;13001;Marseille;0612345679;pas-un-mail@;31/02/2025",
    "Monsieur;Dupont;Jean;3 rue Haute;75011;Paris;;;",  # the first row again (by name and postcode)
    "Mme;Petit;Anne;1 place du Marché;99999;Nulle-part;+33 6 12 34 56 80;anne@exemple.fr;",
    "Mr;Lefèvre;Hélène;;;;06.12.34.56.81;;01/01/2099",
    "Mme;Martin;Elodie;2 rue Basse;69002;Lyon;06 12 34 56 82;ELODIE@exemple.fr;",  # row 2 by e-mail
    'M.;=CMD();"<b>&amp;""";;75011;Paris;;x@exemple.fr;',
]


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per child forked. The suite's process may run the window tests' Qt threads: the fork is
    allowed all the same here."""
    starts: list[int] = []
    real_start = two_cores.multiprocessing.context.ForkProcess.start

    def start(self: object) -> None:
        starts.append(1)
        real_start(self)  # type: ignore[arg-type]  # the real method, on the real process

    monkeypatch.setattr(two_cores.multiprocessing.context.ForkProcess, "start", start)
    monkeypatch.setattr(two_cores, "can_fork", lambda: True)
    return starts


@pytest.mark.skipif(sys.platform != "linux", reason="fork only on Linux")
@pytest.mark.parametrize("dry_run", [True, False])
def test_two_cores_give_the_same_plan_and_contacts_as_one(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: list[int], dry_run: bool
) -> None:
    path = tmp_path / "liste.csv"
    # The same rows many times over: the second half (the child's) repeats the first one's people.
    path.write_text("\n".join([HEADER, *LINES * 5]) + "\n", encoding="utf-8")
    outcomes = []
    for min_items in (10**9, 2):  # one core, then two; each import rolled back
        monkeypatch.setattr(two_cores, "MIN_ITEMS", min_items)
        forked.clear()
        table = read_table(path, score=header_score)
        with db.session() as s:
            result = run_import(s, table, guess_mapping(table.headers),
                                ImportOptions("partner", "Partenaire X"), dry_run=dry_run)  # fmt: skip
            ids = sorted({r.contact_id for r in result.rows if r.contact_id is not None})
            # PostgreSQL's sequence moves on after a rollback: the contacts are told apart by their rank.
            rows = [(r.line, r.action, r.reasons, r.note, ids.index(r.contact_id) if r.contact_id else None)
                    for r in result.rows]  # fmt: skip
            written = s.execute(
                select(Contact.first_name, Contact.last_name, Contact.email, Contact.mobile, Contact.postcode,
                       Contact.source_date, Contact.to_check_reasons, Contact.search_text).order_by(Contact.id)
            ).all()  # fmt: skip
            s.rollback()
        outcomes.append((rows, written, result.summary()))
        assert bool(forked) == (min_items == 2)
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][2]["read"] == len(LINES * 5) - 10  # the blank and total lines are not people


def _people_file(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "gens.csv"
    # No postcode: names a letter apart are then never taken for one person (only e-mail and number are).
    lines = [f"M.;Nom{i:04d};Jean;;;;06{i:08d};p{i}@exemple.fr;01/02/2025" for i in range(n)]
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def _journaled_contacts(db: Database) -> list[int]:
    """The contact ids the journal's insert events cover (a bulk event's rows, a one-row event's ref)."""
    with db.session() as s:
        out: list[int] = []
        for ev in s.scalars(
            select(JournalEvent).where(JournalEvent.table_name == "contacts", JournalEvent.action == "insert")
        ):
            rows = bulk_rows(ev)
            out += [int(r[0]) for r in rows] if rows else [int(ev.row_ref)]
        return sorted(out)


@pytest.mark.skipif(sys.platform != "linux", reason="fork only on Linux")
@pytest.mark.parametrize("child_dies", [False, True])
def test_contacts_written_while_the_other_core_prepares_them_are_journaled_and_searchable(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: list[int], child_dies: bool
) -> None:
    monkeypatch.setattr(two_cores, "MIN_ITEMS", 2)
    monkeypatch.setattr(writing, "BATCH", 250)  # 250 + 250 (one event each) + 100 (one event per row)
    parent = os.getpid()
    real = writing._prepared

    def prepared(*args: object) -> Iterator[object]:
        for n, batch in enumerate(real(*args)):  # type: ignore[arg-type]
            if child_dies and n == 1 and os.getpid() != parent:
                os._exit(9)  # killed after one batch: this process makes the rest
            yield batch

    monkeypatch.setattr(writing, "_prepared", prepared)
    path = _people_file(tmp_path, 600)
    table = read_table(path, score=header_score)
    with db.session() as s:
        result = run_import(s, table, guess_mapping(table.headers), ImportOptions("partner", "Partenaire X"))
    assert result.summary()["created"] == 600
    assert len(forked) == 2  # the cleaning's child, then the writing's
    with db.session() as s:
        ids = list(s.scalars(select(Contact.id).order_by(Contact.id)))
        assert verify(s).ok
        last = s.scalar(select(Contact.id).where(Contact.email == "p599@exemple.fr"))
        assert search_ids(s, "nom0599") == [last]
    assert ids == list(range(ids[0], ids[0] + 600))
    assert _journaled_contacts(db) == ids  # every contact once: no batch lost, none written twice
    assert sorted(r.contact_id for r in result.rows) == ids
