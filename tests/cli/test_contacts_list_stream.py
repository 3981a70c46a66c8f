"""`contacts list --json` written as it is read (issue 17): item by item from a cursor read a chunk at a
time, with exactly the bytes json.dumps gives for the whole list (docs/cli.md is a public contract)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cli import contacts as contacts_cmd
from cli.context import Stream
from models.contact import Contact
from models.database import Database
from services.contacts import search_pages
from services.contacts.record import contact_to_dict
from tests.cli_helpers import cli
from tests.helpers import make_contact


def whole_list(db: Database, where: object = None) -> str:
    """What the command printed before: the whole list in one json.dumps (same order: by name, then id)."""
    with db.session() as s:
        q = select(Contact).options(selectinload(Contact.tags)).order_by(Contact.last_name, Contact.id)
        if where is not None:
            q = q.where(where)  # type: ignore[arg-type]  # a condition
        rows = [contact_to_dict(c) for c in s.scalars(q)]
    return json.dumps(rows, ensure_ascii=False, default=str) + "\n"


def test_the_stream_is_byte_identical_to_the_whole_list(
    capsys: pytest.CaptureFixture[str], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seven contacts read two at a time (tags, quotes, accents, a doubt « à vérifier »): the same bytes."""
    monkeypatch.setattr(search_pages, "STREAM_CHUNK", 2)
    with db.session() as s:
        for i, name in enumerate(["Élise", 'O"Brien', "Durand", "Martin", "Martin", "Zoé", "Adam"]):
            make_contact(s, last_name=name, first_name=f"P{i}", tags=["VIP", "salon 2026"] if i % 2 else [],
                         email=f"p{i}@example.fr", mobile="")  # fmt: skip
    r = cli(capsys, "--db", db.url, "contacts", "list", "--json")
    assert r.code == 0, r.err
    assert r.out == whole_list(db) and len(json.loads(r.out)) == 7
    r = cli(capsys, "--db", db.url, "contacts", "list", "--search", "martin", "--json")
    assert r.out == whole_list(db, Contact.last_name == "MARTIN") and len(json.loads(r.out)) == 2
    r = cli(capsys, "--db", db.url, "contacts", "list", "--search", "personne", "--json")
    assert r.out == "[]\n" == json.dumps([]) + "\n"
    r = cli(capsys, "--db", db.url, "contacts", "list")  # the text for a person: every line, then the count
    assert r.out.count("\n") == 8 and r.out.endswith("7 contact(s)\n")


def test_the_command_hands_over_a_stream_not_a_list(tmp_path: Path) -> None:
    """The command gives the printer a stream, read only when printed (nothing is held beforehand)."""
    import argparse

    class NoBase:
        def session(self):  # type: ignore[no-untyped-def]
            raise AssertionError("the base is read only when the list is printed")

    result = contacts_cmd.run_list(NoBase(), argparse.Namespace(search="", to_check=False))  # type: ignore[arg-type]
    assert isinstance(result.data, Stream)


def test_to_check_stays_a_filter(capsys: pytest.CaptureFixture[str], db: Database) -> None:
    """`--to-check` still lists only the contacts « à vérifier »."""
    with db.session() as s:
        keep = make_contact(s, last_name="Doute", email="", mobile="")
        make_contact(s, last_name="Sur", email="", mobile="")
        keep.to_check = True
        keep.to_check_reasons = "Téléphone illisible"
    r = cli(capsys, "--db", db.url, "contacts", "list", "--to-check", "--json")
    assert [c["last_name"] for c in r.json] == ["DOUTE"] and r.json[0]["to_check_reasons"]
