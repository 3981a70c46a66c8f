"""The import's cleaning on both cores (services.core.two_cores) gives the very plan and rows of one core."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from models.contact import Contact
from models.database import Database
from services.core import two_cores
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


@pytest.mark.skipif(sys.platform != "linux", reason="fork only on Linux")
@pytest.mark.parametrize("dry_run", [True, False])
def test_two_cores_give_the_same_plan_and_contacts_as_one(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dry_run: bool
) -> None:
    path = tmp_path / "liste.csv"
    # The same rows many times over: the second half (the child's) repeats the first one's people.
    path.write_text("\n".join([HEADER, *LINES * 5]) + "\n", encoding="utf-8")
    outcomes = []
    forked: list[int] = []
    real_start = two_cores.multiprocessing.context.ForkProcess.start

    def start(self: object) -> None:
        forked.append(1)
        real_start(self)  # type: ignore[arg-type]  # the real method, on the real process

    monkeypatch.setattr(two_cores.multiprocessing.context.ForkProcess, "start", start)
    # The suite's process may run the window tests' Qt threads: the fork is allowed all the same here.
    monkeypatch.setattr(two_cores, "can_fork", lambda: True)
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
