"""The command-line contract: commands, --json output, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_KEYS = {
    "ref", "civility", "first_name", "last_name", "company", "address_lines", "postcode", "city",
    "country", "phone", "mobile", "email", "status", "source_kind", "source_name", "source_date",
}  # fmt: skip


def test_init_demo_then_list_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """init --demo fills a base; list --json gives the contract's keys; show gives the history."""
    db = str(tmp_path / "shop.sqlite")
    r = cli(capsys, "--db", db, "init", "--demo", "40", "--json")
    assert r.code == 0 and r.json["contacts"] == 40 and r.json["demo_added"] == 40
    out = tmp_path / "campagne"
    r = cli(
        capsys,
        "--db",
        db,
        "campaign",
        "postal",
        "--name",
        "Démo",
        "--template",
        "L7160",
        "--out",
        str(out),
        "--json",
    )
    assert r.code == 0, r.err  # a demo base has a demo identity: its letters print at once
    assert r.json["recipients"] + sum(r.json["excluded"].values()) == 40
    r = cli(capsys, "--db", db, "contacts", "list", "--json")
    rows = r.json
    assert len(rows) == 40 and set(rows[0]) >= REQUIRED_KEYS
    assert {row["source_kind"] for row in rows} >= {"direct"}
    assert all(row["ref"].startswith("C-") for row in rows)
    ref = rows[0]["ref"]
    r = cli(capsys, "--db", db, "contacts", "show", ref, "--json")
    assert r.code == 0 and r.json["ref"] == ref and r.json["history"]
    r = cli(capsys, "--db", db, "contacts", "show", ref)
    assert ref in r.out and "Historique" in r.out


def test_add_search_and_delete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A contact added from the command line is found by search and can be deleted."""
    db = str(tmp_path / "shop.sqlite")
    r = cli(capsys, "--db", db, "contacts", "add", "--last-name", 'o\'brien <&">', "--first-name", "anne",
            "--street", "3 rue Pasteur", "--postcode", "33000", "--city", "Bordeaux",
            "--mobile", "0612345678", "--source-kind", "broker", "--source-name", "Data Prospects",
            "--obtained-on", "2026-02-01", "--json")  # fmt: skip
    assert r.code == 0, r.err
    ref = r.json["ref"]
    assert r.json["last_name"] == "O'BRIEN <&\">" and r.json["mobile"] == "+33612345678"
    found = cli(capsys, "--db", db, "contacts", "list", "--search", "0612", "--json").json
    assert [c["ref"] for c in found] == [ref]
    assert cli(capsys, "--db", db, "contacts", "delete", ref).code == 0
    assert cli(capsys, "--db", db, "contacts", "list", "--json").json == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["contacts", "show", "C-999999"], "Aucun contact"),
        (["contacts", "frobnicate"], "choix invalide"),
        (["nonsense"], "choix invalide"),
        (["contacts", "add", "--last-name", "X"], "arguments obligatoires manquants : --source-kind"),
        (["contacts", "list", "--bogus"], "arguments inconnus : --bogus"),
        (["init", "--demo", "beaucoup"], "--demo : valeur invalide 'beaucoup'"),
        (
            [
                "contacts",
                "add",
                "--last-name",
                "X",
                "--source-kind",
                "direct",
                "--source-name",
                "Y",
                "--obtained-on",
                "31/02/2026",
            ],
            "Date invalide",
        ),
        (["contacts", "add", "--source-kind", "direct", "--source-name", "Y"], "au moins un nom"),
        (["init", "--demo", "-3"], "--demo"),
    ],
)
def test_bad_usage_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """Bad usage or input: exit status 2, one line on stderr, nothing on stdout."""
    r = cli(capsys, "--db", str(tmp_path / "x.sqlite"), *args)
    assert r.code == 2
    assert message in r.err and r.err.count("\n") == 1 and r.out == ""


def test_help_is_in_french_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` speaks the language of the rest of the program."""
    done = cli(capsys, "call", "--help")
    assert done.code == 0
    assert done.out.startswith("usage : webleads call")
    assert "affiche cette aide et quitte" in done.out and "arguments:" in done.out
    assert "show this help" not in done.out and "positional arguments" not in done.out


def test_not_a_database_exits_2_and_file_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pointing --db at a text file: exit 2, clear message, the file unchanged."""
    bogus = tmp_path / "clients.csv"
    bogus.write_text("nom;ville\nDupont;Lyon\n")
    r = cli(capsys, "--db", str(bogus), "contacts", "list", "--json")
    assert r.code == 2 and "n'est pas une base" in r.err
    assert bogus.read_text() == "nom;ville\nDupont;Lyon\n"


def test_unreachable_server_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """An unreachable PostgreSQL server is an 'other failure': exit 1, one line."""
    r = cli(capsys, "--db", "postgresql+psycopg://u@127.0.0.1:1/x", "contacts", "list")
    assert r.code == 1 and "injoignable" in r.err and r.err.count("\n") == 1


def test_env_variable_selects_the_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """WEBLEADS_DB is used when --db is not given."""
    monkeypatch.setenv("WEBLEADS_DB", str(tmp_path / "env.sqlite"))
    assert cli(capsys, "init").code == 0
    assert (tmp_path / "env.sqlite").exists()


def test_real_process_json_is_one_object(tmp_path: Path) -> None:
    """Through a real process: stdout holds exactly one JSON value and nothing else."""
    env = {"WEBLEADS_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "init", "--demo", "3", "--json"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert json.loads(out.stdout)["contacts"] == 3
