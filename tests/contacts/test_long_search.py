"""A search of 1,000 words (issue 13): SQLite refused it (« Expression tree is too large »). The first 10
words are used, on both engines, and the user is told."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.database import Database
from services.contacts.search import MAX_SEARCH_WORDS, search_ids, search_limit_notice
from services.contacts.selection import Selection, selected_ids_query
from tests.cli_helpers import cli
from tests.helpers import make_contact

LONG = "martin " + " ".join(f"mot{i}" for i in range(999))


def test_a_search_of_a_thousand_words_uses_the_first_ten(db: Database) -> None:
    with db.session() as s:
        make_contact(s, last_name="Martin")
    short = "martin " + " ".join(f"mot{i}" for i in range(MAX_SEARCH_WORDS - 1))
    with db.session() as s:
        assert search_ids(s, LONG) == search_ids(s, short) == []  # the 9 other words are searched too
        assert len(search_ids(s, "martin " * 1000)) == 1
        assert list(s.scalars(selected_ids_query(Selection(search=LONG)))) == []
    assert search_limit_notice(LONG) == "Recherche limitée aux 10 premiers mots (1000 saisis)."
    assert search_limit_notice("martin lyon") == ""


def test_the_command_line_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = str(tmp_path / "base.sqlite")
    assert cli(capsys, "--db", base, "init", "--demo", "5").code == 0
    run = cli(capsys, "--db", base, "contacts", "list", "--search", LONG, "--json")
    assert run.code == 0 and run.json == []
    assert run.err == "Recherche limitée aux 10 premiers mots (1000 saisis).\n"
