"""The telephone command line (a contract): campaign phone, call check, call log, export register calls."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.cli_helpers import cli


@pytest.fixture
def base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A base with a professional in Paris (C-000001), a consumer without consent (C-000002) and a
    professional on La Réunion (C-000003)."""
    db = str(tmp_path / "cli.sqlite")
    people = [
        ("Garage", "75011", "Paris", "professional", "0142000001"),
        ("Martin", "69002", "Lyon", "consumer", "0612345678"),
        ("Payet", "97400", "Saint-Denis", "professional", "0262000001"),
    ]
    for name, pc, city, kind, phone in people:
        r = cli(capsys, "--db", db, "contacts", "add", "--last-name", name, "--postcode", pc, "--city", city,
                "--phone", phone, "--person-kind", kind, "--source-kind", "direct", "--source-name", "Comptoir")  # fmt: skip
        assert r.code == 0, r.err
    return db


def test_call_check_json_allowed_and_not_now(base: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`call check` answers allowed/reason/next; next is in the business's time, usable as --at."""
    r = cli(
        capsys, "--db", base, "call", "check", "--contact", "C-000001", "--at", "2026-11-27 19:59", "--json"
    )
    assert r.code == 0 and r.json["allowed"] is True and r.json["next"] is None
    r = cli(
        capsys, "--db", base, "call", "check", "--contact", "C-000001", "--at", "2026-11-27 20:00", "--json"
    )
    assert r.code == 0
    assert (r.json["allowed"], r.json["next"]) == (False, "2026-11-30T10:00")
    assert "hors des heures" in r.json["reason"]
    r = cli(
        capsys, "--db", base, "call", "check", "--contact", "C-000003", "--at", "2026-11-26 10:30", "--json"
    )
    assert (r.json["allowed"], r.json["next"], r.json["next_local"]) == (
        False,
        "2026-11-26T11:00",
        "2026-11-26T14:00",
    )
    r = cli(capsys, "--db", base, "call", "check", "--contact", "C-000002", "--at", "2026-11-26 10:30")
    assert r.code == 0 and "Appel interdit : particulier sans consentement" in r.out


def test_call_log_exit_codes(base: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`call log`: 0 when allowed; 2 with the reason and next moment when not; 2 on a bad reference or time."""
    ok = cli(capsys, "--db", base, "call", "log", "--contact", "C-000001", "--outcome", "no-answer",
             "--at", "2026-11-27 11:00", "--caller", "Léa", "--json")  # fmt: skip
    assert ok.code == 0 and ok.json["logged"] and ok.json["basis"] == "professional"
    late = cli(capsys, "--db", base, "call", "log", "--contact", "C-000001", "--outcome", "busy",
               "--at", "2026-11-28 11:00")  # fmt: skip
    assert late.code == 2 and late.out == ""
    assert "samedi" in late.err and "prochain créneau : lundi 10:00" in late.err
    assert cli(capsys, "--db", base, "call", "log", "--contact", "C-000404", "--outcome", "busy").code == 2
    bad = cli(
        capsys, "--db", base, "call", "log", "--contact", "C-000001", "--outcome", "busy", "--at", "demain"
    )
    assert bad.code == 2 and "AAAA-MM-JJ HH:MM" in bad.err
    assert cli(capsys, "--db", base, "call", "log", "--contact", "C-000001", "--outcome", "maybe").code == 2
    future = cli(capsys, "--db", base, "call", "log", "--contact", "C-000001", "--outcome", "busy",
                 "--at", "2099-01-05 11:00")  # fmt: skip
    assert future.code == 2 and "futur" in future.err
    cb = cli(capsys, "--db", base, "call", "log", "--contact", "C-000001", "--outcome", "callback",
             "--at", "2026-11-27 11:05")  # fmt: skip
    assert cb.code == 2 and "--callback-at" in cb.err
    wrong = cli(capsys, "--db", base, "call", "log", "--contact", "C-000001", "--outcome", "wrong-number",
                "--at", "2026-11-27 11:10", "--json")  # fmt: skip
    assert wrong.json["cleared_number"] == "+33142000001"
    gone = cli(
        capsys, "--db", base, "call", "check", "--contact", "C-000001", "--at", "2026-11-30 11:00", "--json"
    )
    assert gone.json["reason"] == "pas de numéro de téléphone valide"


def test_campaign_phone_counts_and_list(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`campaign phone` prints {"callable", "later", "excluded": {reason: n}} and writes the list."""
    out = tmp_path / "liste.xlsx"
    r = cli(capsys, "--db", base, "campaign", "phone", "--name", "Automne", "--subject", "Cuisines", "--subject-category", "other",
            "--at", "2026-11-26 10:30", "--out", str(out), "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert (r.json["callable"], r.json["later"]) == (1, 1)
    assert r.json["excluded"] == {"no_consent": 1}
    assert r.json["excluded_labels"] == {"no_consent": "particulier sans consentement à être appelé"}
    assert openpyxl.load_workbook(out)["Appels"].max_row == 3
    energy = cli(capsys, "--db", base, "campaign", "phone", "--name", "PAC", "--subject", "Pompe à chaleur", "--subject-category", "energy",
                 "--at", "2026-11-26 10:30", "--out", str(out), "--json")  # fmt: skip
    assert energy.code == 0 and energy.json["callable"] == 0 and energy.json["later"] == 0
    assert "Objet interdit" in energy.json["warning"]
    bad = cli(
        capsys,
        "--db",
        base,
        "campaign",
        "phone",
        "--name",
        "X",
        "--subject-category",
        "other",
        "--out",
        str(tmp_path / "no" / "x.xlsx"),
    )
    assert bad.code == 2


def test_export_register_calls(base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`export register calls OUT.xlsx` writes one line per logged call."""
    cli(capsys, "--db", base, "call", "log", "--contact", "C-000001", "--outcome", "interested",
        "--at", "2026-11-27 11:00", "--caller", "Léa")  # fmt: skip
    out = tmp_path / "registre.xlsx"
    r = cli(capsys, "--db", base, "export", "register", "calls", str(out), "--json")
    assert r.code == 0 and r.json["rows"] == 1
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][0] == "C-000001" and "Intéressé" in rows[1]


def test_contract_add_opens_the_exception(base: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`contract add` records a contract; a consumer becomes callable for a campaign on its subject."""
    r = cli(capsys, "--db", base, "contract", "add", "--contact", "C-000002", "--subject", "Garantie cuisine",
            "--start", "2026-01-01", "--json")  # fmt: skip
    assert r.code == 0 and r.json["subject"] == "Garantie cuisine"
    assert cli(capsys, "--db", base, "contract", "add", "--contact", "C-000002", "--subject", "X",
               "--start", "01/01/2026").code == 2  # fmt: skip
    r = cli(capsys, "--db", base, "contract", "list", "--contact", "C-000002", "--json")
    assert len(r.json) == 1
    out = Path(base).with_suffix(".xlsx")
    r = cli(capsys, "--db", base, "campaign", "phone", "--name", "Garantie", "--subject", "garantie cuisine", "--subject-category", "other",
            "--at", "2026-11-26 11:30", "--out", str(out), "--json")  # fmt: skip
    # 11:30 in Paris is 14:30 on La Réunion: the garage, the contract holder and Payet are all callable.
    assert (r.json["callable"], r.json["excluded"]) == (3, {})


def test_call_import_reports_lines(base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`call import` brings a call centre's CSV back: imported, refused lines with their number, exit 0;
    a missing file exits 2."""
    path = tmp_path / "retour.csv"
    path.write_text(
        "Référence;Date et heure de l'appel;Résultat;Opérateur\n"
        "C-000001;26/11/2026 10:15;Occupé;Karim\n"
        "C-000001;26/11/2026 10:20;Ne plus m'appeler;Karim\n"
        "C-000042;26/11/2026 10:30;Occupé;Karim\n",
        encoding="utf-8-sig",
    )
    r = cli(capsys, "--db", base, "call", "import", str(path), "--json")
    assert r.code == 0, r.err
    assert r.json["imported"] == 2 and [x["line"] for x in r.json["refused"]] == [4]
    r = cli(
        capsys, "--db", base, "call", "check", "--contact", "C-000001", "--at", "2026-11-27 11:00", "--json"
    )
    assert r.json["reason"] == "opposition au démarchage téléphonique"
    assert cli(capsys, "--db", base, "call", "import", str(tmp_path / "absent.csv")).code == 2
