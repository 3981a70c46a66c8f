"""The command line's conventions (docs/cli.md): --json anywhere, help for every option in French, codes as
JSON keys, settings from a script, `-` for standard input and output."""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import build_parser
from models.database import Database
from tests.cli_helpers import cli

# Words of argparse's English, or of English generally, that must not reach a French user.
# The commands and options themselves are the public contract (scripts use them); what they say is French.
ENGLISH = re.compile(
    r"\b(the|and|show|this|message|exit|positional|optional|default|choose|required|"
    r"file|error|invalid|expected|one of|not allowed)\b"
)
ENGLISH_METAVAR = re.compile(
    r"^(SEARCH|NAME|FILE|OUT|TEMPLATE|PARTNER|CONTACT|REF|ID|AT|ON|EMAIL|PHONE|POSTCODE|STATUS|KIND|SCOPE|"
    r"CHANNEL|NOTE|TEXT|SUBJECT|REASON|OUTCOME|START|END|[A-Z]+_[A-Z_]+)$"
)


def _parsers(
    parser: argparse.ArgumentParser, path: list[str]
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield " ".join(path), parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, [*path, name])


def test_every_option_says_what_it_is_for_in_french() -> None:
    missing, empty_choice, english = [], [], []
    for command, parser in _parsers(build_parser(), []):
        for a in parser._actions:
            if isinstance(a, argparse._SubParsersAction):
                continue
            if not a.help or a.help == argparse.SUPPRESS:
                missing.append(f"{command} {a.option_strings or a.dest}")
            if a.choices and "" in a.choices:
                empty_choice.append(f"{command} {a.option_strings}")
            english += [f"{command} {a.dest}: {m.group(0)}" for m in ENGLISH.finditer(str(a.help or ""))]
            shown = a.metavar or (a.dest.upper() if a.option_strings else a.dest)
            if a.nargs != 0 and a.choices is None and isinstance(shown, str) and ENGLISH_METAVAR.match(shown):
                english.append(f"{command}: {shown}")
        for title in (
            parser.description or "",
            parser._positionals.title or "",
            parser._optionals.title or "",
        ):
            english += [f"{command}: {m.group(0)}" for m in ENGLISH.finditer(title)]
    assert missing == [] and empty_choice == [] and english == []


def test_json_before_or_after_the_command(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    after = cli(capsys, "--db", db.url, "settings", "show", "--json")
    before = cli(capsys, "--db", db.url, "--json", "settings", "show")
    assert after.code == before.code == 0 and after.json == before.json
    assert cli(capsys, "--db", db.url, "settings", "show").out.lstrip()[:1] != "["  # text without it


def test_settings_from_a_script_with_the_screens_checks(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    run = cli(capsys, "--db", db.url, "settings", "set", "org.name=Quincaillerie Dubois",
              "org.address=4 rue des Forges\\n21000 Dijon", "rules.prospect_retention_years=2", "--json")  # fmt: skip
    assert run.code == 0, run.err
    shown = {r["key"]: r["value"] for r in cli(capsys, "--db", db.url, "settings", "show", "--json").json}
    assert (
        shown["org.name"] == "Quincaillerie Dubois"
        and shown["org.address"] == "4 rue des Forges\n21000 Dijon"
    )
    assert shown["rules.prospect_retention_years"] == 2
    assert "backup.wrapped_identity" not in shown  # the application's own
    for bad, words in (("org.email=pas-un-email", "pas une adresse e-mail"), ("rules.phone_consent_days=beaucoup",
                       "nombre entier"), ("inconnu=1", "Réglage inconnu"), ("org.name", "CLÉ=VALEUR"),
                       ("backup.recipient=x", "tenu par l'application")):  # fmt: skip
        run = cli(capsys, "--db", db.url, "settings", "set", "org.name=Autre", bad)
        assert run.code == 2 and words in run.err and run.err.count("\n") == 1
    shown = {r["key"]: r["value"] for r in cli(capsys, "--db", db.url, "settings", "show", "--json").json}
    assert shown["org.name"] == "Quincaillerie Dubois"  # all or nothing


def test_phone_campaign_counts_by_code_with_the_label_beside(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cli(capsys, "--db", db.url, "contacts", "add", "--last-name", "Roux", "--mobile", "06 12 34 56 78",
        "--source-kind", "direct", "--source-name", "Comptoir")  # fmt: skip
    run = cli(capsys, "--db", db.url, "campaign", "phone", "--name", "Essai", "--subject-category", "other",
              "--out", str(tmp_path / "appels.xlsx"), "--json")  # fmt: skip
    assert run.code == 0, run.err
    assert run.json["excluded"] == {"no_consent": 1}
    assert run.json["excluded_labels"]["no_consent"] == "particulier sans consentement à être appelé"


def test_dash_reads_stdin_and_writes_stdout(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "Nom;Prénom;Adresse;CP;Ville\nDURAND;Paul;3 rue Vaubecour;69002;Lyon\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(rows))))
    run = cli(
        capsys, "--db", db.url, "import", "-", "--source-kind", "direct", "--source-name", "Tube", "--json"
    )
    assert run.code == 0, run.err
    assert run.json["created"] == 1
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="utf-8"))
    from cli import run as run_cli

    assert run_cli(["--db", db.url, "export", "contacts", "-"]) == 0
    sys.stdout.flush()
    text = out.getvalue().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Référence;") and "DURAND;Paul" in text
    assert json.dumps  # (the JSON answer is refused with « - »: the file owns stdout)
