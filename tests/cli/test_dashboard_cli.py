"""`dashboard --json` and `dashboard --pdf OUT.pdf` (issue 14): the home page's figures for a script, and
its one-page PDF « État de conformité au JJ/MM/AAAA » for an auditor."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from models.database import open_database
from services.core.moments import business_date
from tests.cli_helpers import cli
from tests.dashboard_helpers import EXPECTED, build_overdue_base


def overdue_base(tmp_path: Path) -> str:
    path = tmp_path / "b.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        build_overdue_base(s, business_date())
    db.dispose()
    return str(path)


def test_json_gives_every_count_and_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = cli(capsys, "--db", overdue_base(tmp_path), "dashboard", "--json")
    assert r.code == 0, r.err
    data = r.json
    assert {t["key"]: t["count"] for t in data["todo"]} == EXPECTED
    assert (
        data["date"] == business_date().isoformat() and data["organisation"]["name"] == "Quincaillerie Durand"
    )
    assert data["nothing_to_do"] is False and data["demo"] is False
    assert data["figures"]["contacts"]["total"] == 10
    assert {"section", "view", "late", "text"} <= set(data["todo"][0])


def test_text_says_what_is_late(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = cli(capsys, "--db", overdue_base(tmp_path), "dashboard")
    assert r.code == 0 and r.err == ""
    assert f"État de conformité au {business_date():%d/%m/%Y}" in r.out
    assert "EN RETARD  2 notifications aux partenaires en retard" in r.out
    assert "à faire    2 demandes de personnes à traiter dans les 7 jours" in r.out


def test_the_pdf_is_one_page_with_the_identity_and_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "etat.pdf"
    r = cli(capsys, "--db", overdue_base(tmp_path), "dashboard", "--pdf", str(out), "--json")
    assert r.code == 0, r.err
    assert r.json["file"] == str(out)
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert f"État de conformité au {business_date():%d/%m/%Y}" in text
    assert "Quincaillerie Durand" in text and "3 personnes sans l'information" in text
    assert "DÉMONSTRATION" not in text
    assert reader.pages[0].images, "the charts are an image in the page"


def test_a_demo_base_page_is_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.sqlite")
    assert cli(capsys, "--db", db, "init", "--demo", "20").code == 0
    out = tmp_path / "demo.pdf"
    assert cli(capsys, "--db", db, "dashboard", "--pdf", str(out)).code == 0
    assert "DÉMONSTRATION" in PdfReader(out).pages[0].extract_text()


def test_a_missing_folder_is_one_french_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r = cli(capsys, "--db", overdue_base(tmp_path), "dashboard", "--pdf", str(tmp_path / "absent" / "x.pdf"))
    assert (r.code, r.out) == (2, "")
    assert r.err.strip() == f"Le dossier {tmp_path / 'absent'} n'existe pas."
