"""The record of processing activities (art. 30) is pre-filled from the settings and the base."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from models.database import Database
from models.partners import Partner
from services.compliance.processing_record import ACTIVITY, processing_record
from services.core.settings import set_settings
from tests.cli_helpers import cli
from tests.helpers import make_contact


def test_record_names_the_organisation_retention_and_partner_categories(db: Database) -> None:
    """The settings, the counts of customers/prospects, the durations and the partner categories appear."""
    with db.session() as s:
        set_settings(
            s, {"org.name": "Jardinerie Lefèvre", "org.dpo": "", "rules.prospect_retention_years": 2}
        )
        make_contact(s, status="customer")
        make_contact(s, last_name="B")
        s.add(Partner(name="Salon de l'Habitat", category="salons et foires"))
    with db.session() as s:
        pages = processing_record(s)
    general, activity = dict(pages["Général"]), dict(pages[ACTIVITY])
    assert general["Organisme"] == "Jardinerie Lefèvre" and general[
        "Délégué à la protection des données"
    ].startswith("Aucun")
    assert "Clients (1) et prospects (1)" in activity["Catégories de personnes"]
    assert "2 ans à compter de la collecte" in activity["Catégories de données et durées de conservation"]
    assert "salons et foires" in activity["Destinataires"]


def test_exports_to_xlsx_and_pdf_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export register processing` writes a two-sheet workbook and a PDF with the accents intact."""
    db = str(tmp_path / "x.sqlite")
    assert cli(capsys, "--db", db, "init", "--demo", "5").code == 0
    assert cli(capsys, "--db", db, "export", "register", "processing", str(tmp_path / "r.xlsx")).code == 0
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames[0] == "Général" and wb.worksheets[1]["A2"].value == "Activité"
    assert cli(capsys, "--db", db, "export", "register", "processing", str(tmp_path / "r.pdf")).code == 0
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "Finalités et bases légales" in text and "téléphone" in text
    r = cli(capsys, "--db", db, "export", "register", "processing", str(tmp_path / "r.docx"))
    assert r.code == 2 and ".pdf" in r.err
