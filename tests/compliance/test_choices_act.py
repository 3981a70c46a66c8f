"""Every choice a person makes takes effect on every path, driven through the command line as a script
would: refusals on a form outlive an erasure (docs/rules.md §4.5), requests act (§5.1, §5.4-§5.7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import CliRun, cli

PERSON = "Nom;Prénom;Code postal;Ville;Portable;E-mail\nMARTIN;Claire;69002;Lyon;06 12 34 56 78;claire@example.fr\n"


@pytest.fixture
def base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Claire MARTIN (C-000001), and the counter's form with every box."""
    db = str(tmp_path / "acts.sqlite")
    r = cli(capsys, "--db", db, "contacts", "add", "--civility", "Mme", "--first-name", "Claire",
            "--last-name", "Martin", "--street", "12 rue de la République", "--postcode", "69002", "--city", "Lyon",
            "--mobile", "06 12 34 56 78", "--email", "claire@example.fr", "--source-kind", "direct",
            "--source-name", "Comptoir")  # fmt: skip
    assert r.code == 0, r.err
    r = cli(capsys, "--db", db, "forms", "add", "--name", "Comptoir", "--channel", "counter",
            "--purpose", "Prospection", "--partner-categories", "Assureurs")  # fmt: skip
    assert r.code == 0, r.err
    return db


def reimport(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> CliRun:
    sheet = tmp_path / "fichier.csv"
    sheet.write_text(PERSON, encoding="utf-8")
    r = cli(capsys, "--db", db, "import", str(sheet), "--source-kind", "broker", "--source-name", "Courtier",
            "--json")  # fmt: skip
    assert r.code == 0, r.err
    return r


@pytest.mark.parametrize("box", ["--refuse-post", "--refuse-phone", "--refuse-partners"])
def test_a_refusal_ticked_on_the_form_outlives_the_erasure(
    base: str, box: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« Je m'oppose… » ticked at the counter, then erased: a re-import is refused as after `oppose`."""
    assert (
        cli(capsys, "--db", base, "consent", "record", "--contact", "C-000001", "--form", "1", box).code == 0
    )
    assert cli(capsys, "--db", base, "erase", "--contact", "C-000001").code == 0
    r = reimport(base, tmp_path, capsys)
    assert (r.json["created"], r.json["refused"]) == (0, 1), r.json
    assert "liste d'opposition" in r.json["rows"][0]["reasons"][0]


def test_an_erasure_without_any_objection_lets_the_person_come_back(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Erased without objecting (boxes left blank): nothing to honour, the person may be imported again."""
    assert cli(capsys, "--db", base, "consent", "record", "--contact", "C-000001", "--form", "1").code == 0
    assert cli(capsys, "--db", base, "erase", "--contact", "C-000001").code == 0
    assert reimport(base, tmp_path, capsys).json["created"] == 1
