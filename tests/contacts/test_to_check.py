"""« À vérifier »: the flag an import leaves, its reasons, the search, and the edit that clears it."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.contact import Contact
from models.database import Database, open_database
from services.contacts.editing import update_contact
from services.contacts.record import contact_to_dict
from services.contacts.search import fetch_rows, search_ids
from services.contacts.to_check import (
    clear_to_check,
    contact_reasons,
    count_to_check,
    mark_to_check,
    stored_reasons,
    to_check_ids,
)
from services.contacts.validation import ContactInput
from tests.cli_helpers import cli
from tests.helpers import make_contact


def test_reasons_are_kept_once_in_order() -> None:
    """Reasons are stored one per line, each once, blanks dropped."""
    assert (
        stored_reasons(["Pays deviné", "", "Nom  à  découper", "Pays deviné"])
        == "Pays deviné\nNom à découper"
    )


def test_flag_shows_in_list_and_json_and_is_searchable(db: Database) -> None:
    """A flagged contact is found by the to-check filter, carries its reasons, and is marked in the rows."""
    with db.session() as s:
        a = make_contact(s, last_name="Aubert", email="a@example.fr", mobile="")
        b = make_contact(s, last_name="Bernard", email="b@example.fr", mobile="")
        mark_to_check(a, ["Code postal à 4 chiffres : pays à vérifier."])
        mark_to_check(a, ["Découpage du nom incertain."])
        a_id, b_id = a.id, b.id
    with db.session() as s:
        assert search_ids(s, to_check=True) == [a_id]
        assert search_ids(s, "bernard", to_check=True) == []
        assert count_to_check(s) == 1 and to_check_ids(s) == [a_id]
        rows = fetch_rows(s, [a_id, b_id])
        assert rows[a_id].to_check and not rows[b_id].to_check
        data = contact_to_dict(s.get(Contact, a_id))
        assert data["to_check"] is True
        assert data["to_check_reasons"] == [
            "Code postal à 4 chiffres : pays à vérifier.",
            "Découpage du nom incertain.",
        ]


def test_a_person_saving_the_contact_clears_the_flag(db: Database) -> None:
    """Editing and saving the record settles the doubt: the flag and its reasons go."""
    with db.session() as s:
        c = make_contact(s)
        mark_to_check(c, ["Civilité trouvée dans le nom."])
        cid, version = c.id, c.version
    with db.session() as s:
        c = s.get(Contact, cid)
        assert contact_reasons(c) == ["Civilité trouvée dans le nom."]
        update_contact(s, cid, c.version if c.version != version else version, ContactInput.from_contact(c))
    with db.session() as s:
        c = s.get(Contact, cid)
        assert not c.to_check and c.to_check_reasons == "" and contact_reasons(c) == []
        clear_to_check(c)  # idempotent


def test_cli_lists_only_contacts_to_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`contacts list --to-check --json` gives the flagged contacts with their reasons."""
    path = tmp_path / "shop.sqlite"
    database = open_database(f"sqlite:///{path}")
    with database.session() as s:
        c = make_contact(s, last_name="Aubert")
        make_contact(s, last_name="Bernard", email="b@example.fr", mobile="")
        mark_to_check(c, ["Pays deviné."])
    database.dispose()
    r = cli(capsys, "--db", str(path), "contacts", "list", "--to-check", "--json")
    assert r.code == 0, r.err
    assert [x["last_name"] for x in r.json] == ["AUBERT"]
    assert r.json[0]["to_check_reasons"] == ["Pays deviné."]
    r = cli(capsys, "--db", str(path), "contacts", "list", "--to-check")
    assert "à vérifier : Pays deviné." in r.out
