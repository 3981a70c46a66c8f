"""The compliance commands: JSON shapes of the contract, and one French line with exit 2 on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import cli


@pytest.fixture
def base(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    db = str(tmp_path / "b.sqlite")
    assert cli(capsys, "--db", db, "init").code == 0
    return lambda *args: cli(capsys, "--db", db, *args)


def test_forms_add_prints_form_and_version_ids(base) -> None:
    """`forms add --json` gives {"form": id, "version": id}; `forms list` shows it as unused."""
    out = base("forms", "add", "--name", "Web", "--channel", "web", "--purpose", "Offres", "--json").json
    assert out["form"] == 1 and out["version"] == 1
    assert base("forms", "list", "--json").json[0]["used"] is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("oppose", "--contact", "C-000042", "--scope", "all", "--channel", "slip"), "C-000042"),
        (
            ("oppose", "--contact", "x", "--scope", "all", "--channel", "slip", "--on", "hier"),
            "Date invalide",
        ),
        (("forms", "print", "7", "/tmp/x.pdf"), "Version de formulaire inconnue"),
        (("forms", "print", "7", "/tmp/x.txt"), ".pdf"),
        (("share", "--partner", "Personne", "--out", "/tmp/x.xlsx"), "Partenaire inconnu"),
        (("propagation", "ack", "abc"), "invalide"),
        (("propagation", "ack", "12"), "Notification inconnue"),
        (("partners", "add", "--name", "P", "--category", "C"), "notifications"),
        (("consent", "record", "--contact", "C-000001", "--form", "1"), "C-000001"),
        (("forms", "add", "--name", "F", "--channel", "web", "--purpose", " "), "finalité"),
    ],
)
def test_bad_input_exits_2_with_one_french_line(base, args: tuple[str, ...], message: str) -> None:
    """Each mistake gives exit status 2 and a single line naming the problem."""
    result = base(*args)
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1


def test_consent_on_a_box_the_form_lacks_is_refused(base) -> None:
    """--refuse-partners on a form that names no partner category: exit 2, nothing recorded."""
    base("forms", "add", "--name", "Web", "--channel", "web", "--purpose", "Offres")
    base("contacts", "add", "--last-name", "Roux", "--source-kind", "direct", "--source-name", "Comptoir")
    result = base("consent", "record", "--contact", "C-000001", "--form", "1", "--refuse-partners")
    assert result.code == 2 and "refuse_partners" in result.err
    shown = base("contacts", "show", "C-000001", "--json").json
    assert [e for e in shown["history"] if e["kind"] == "consent"] == []
