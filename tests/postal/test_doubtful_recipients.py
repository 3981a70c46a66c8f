"""Issue 15: the recipients « à vérifier » listed before printing, and those set aside left out with the
reason — in the window and with `campaign postal --set-aside`."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.database import Database
from services.contacts.to_check import mark_to_check
from services.core.settings import set_settings
from services.postal.campaign import PostalRequest, preview
from services.postal.review import doubtful_recipients
from tests.cli_helpers import cli
from tests.helpers import make_contact


def test_doubts_listed_and_a_person_set_aside(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as s:
        set_settings(
            s, {"org.name": "Dupont", "org.address": "1 rue X 69001 Lyon", "org.rights_contact": "d@x.fr"}
        )
        make_contact(s)
        hans = make_contact(s, first_name="Hans", last_name="Müller", email="h@example.de", mobile="")
        mark_to_check(hans, ["pays deviné : France"])
        s.flush()
        decision = preview(s, PostalRequest(name="Automne"))
        doubts = doubtful_recipients(s, decision)
        assert [(d.ref, d.reasons) for d in doubts] == [(hans.ref, ["pays deviné : France"])]
        assert "MÜLLER" in doubts[0].name.upper() and "LYON" in doubts[0].address
        aside = preview(s, PostalRequest(name="Automne", set_aside=[hans.id]))
        assert aside.letters == 1 and [(e.contact_id, e.reason) for e in aside.excluded] == [
            (hans.id, "set_aside")
        ]
        ref = hans.ref
    run = cli(capsys, "--db", db.url, "campaign", "postal", "--name", "Automne", "--template", "L7160", "--set-aside", ref,
              "--out", str(tmp_path / "c"), "--json")  # fmt: skip
    assert run.code == 0, run.err
    assert run.json["recipients"] == 1 and run.json["excluded"] == {"set_aside": 1}
    assert run.json["excluded_labels"]["set_aside"] == "Écarté avant l'impression (adresse à vérifier)"
