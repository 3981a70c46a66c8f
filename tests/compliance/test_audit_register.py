"""`export register audit` (docs/rules.md §10.2): the journal as a register a person reads — every row a
bulk write covered on a line of its own, a person's values in clear while their key exists, French names."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl

from models.database import Database
from services.compliance.audit_register import write_audit_register
from services.compliance.erasure import erase_contact
from services.contacts.demo import add_demo_contacts
from services.core.moments import business_date
from services.core.settings import set_settings
from tests.helpers import make_contact


def _lines(path: Path) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_every_row_of_a_bulk_write_has_its_line(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        add_demo_contacts(s, 250)  # written in blocks (one journal event per chunk of rows)
        s.commit()
        written = write_audit_register(s, tmp_path / "journal.xlsx")
    lines = _lines(tmp_path / "journal.xlsx")
    assert written == len(lines)
    added = [line for line in lines if line["Registre"] == "contact" and line["Action"] == "ajout"]
    assert sorted(line["Contact"] for line in added) == [f"C-{i:06d}" for i in range(1, 251)]
    assert all(str(line["Après"]).startswith("écrite en bloc (données de démonstration)") for line in added)
    assert ws_title(tmp_path / "journal.xlsx") == ["Journal des opérations", "Empreinte du journal"]


def ws_title(path: Path) -> list[str]:
    return openpyxl.load_workbook(path).sheetnames


def test_a_change_reads_in_french_and_an_erased_person_stays_unreadable(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        c = make_contact(s, last_name="Lefèvre", first_name="Zoé")
        set_settings(s, {"org.name": "Boulangerie <Dupont> & Fils"})
        s.commit()
        write_audit_register(s, tmp_path / "avant.xlsx")
        erase_contact(s, c.id)
        s.commit()
        write_audit_register(s, tmp_path / "après.xlsx")
    before = [line for line in _lines(tmp_path / "avant.xlsx") if line["Contact"] == "C-000001"]
    assert "Nom : LEFÈVRE" in str(before[0]["Après"]) and "Prénom : Zoé" in str(before[0]["Après"])
    setting = next(line for line in _lines(tmp_path / "avant.xlsx") if line["Référence"] == "org.name")
    assert setting["Après"] == 'réglage : org.name ; valeur : "Boulangerie <Dupont> & Fils"'
    after = [line for line in _lines(tmp_path / "après.xlsx") if line["Contact"] == "C-000001"]
    assert "lefèvre" not in " ".join(str(v) for line in after for v in line.values()).lower()
    assert after[0]["Après"] == "(effacé avec la personne)"


def test_a_period_keeps_only_its_days(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        make_contact(s, last_name="Martin")
        s.commit()
        tomorrow = business_date() + timedelta(days=1)
        assert write_audit_register(s, tmp_path / "demain.xlsx", start=tomorrow) == 0
        assert (
            write_audit_register(s, tmp_path / "aujourdhui.xlsx", start=business_date(), end=business_date())
            > 0
        )
