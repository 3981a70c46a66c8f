"""Transmissions: set-based eligibility, reasons for each exclusion, only the agreed fields, the log."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import select

from models.database import Database
from models.partners import Transmission, TransmissionLine
from services.compliance.consents import record_consent
from services.compliance.forms import create_form
from services.compliance.oppositions import record_opposition
from services.contacts.selection import Selection
from services.core.errors import InputError
from services.partners.directory import PartnerInput, add_partner
from services.partners.transmissions import excluded_list, plan_transmission, share
from tests.helpers import make_contact

PARIS = ZoneInfo("Europe/Paris")  # the business's zone (setting business.timezone)

ON = datetime(2026, 11, 2, 10, 0, tzinfo=PARIS)


def _setup(s):
    v = create_form(s, "Comptoir", "counter", "Offres", "Cuisinistes")
    partner, warnings = add_partner(
        s,
        PartnerInput(
            "Cuisines Martin", "Cuisinistes", email="r@m.example", fields=["ref", "last_name", "postcode"]
        ),
    )
    assert warnings == []
    return v, partner


def test_each_exclusion_has_its_reason(db: Database) -> None:
    """Opposed to partners, opposed to all, refused on the form, never informed: four reasons, counted once each."""
    with db.session() as s:
        v, partner = _setup(s)
        ok = make_contact(s, last_name="Ok", email="ok@x.fr", mobile="")
        record_consent(s, ok.id, v.id, refuse_partners=False, recorded_on=ON, channel="counter")
        for name, scope in (("Opp", "partners"), ("All", "all"), ("Post", "post")):
            c = make_contact(s, last_name=name, email=f"{name}@x.fr", mobile="")
            record_consent(s, c.id, v.id, refuse_partners=False, recorded_on=ON, channel="counter")
            record_opposition(s, c.id, scope, "letter", date(2026, 11, 3))
        refused = make_contact(s, last_name="Refus", email="r@x.fr", mobile="")
        record_consent(s, refused.id, v.id, refuse_partners=True, recorded_on=ON, channel="counter")
        make_contact(s, last_name="Jamais", email="j@x.fr", mobile="")
        plan = plan_transmission(s, partner, Selection())
        assert plan.eligible == 2  # Ok, and Post (a postal objection does not stop transmission)
        assert plan.excluded == {"opposed": 2, "refused_at_collection": 1, "not_informed": 1}
        listed = {r.name.split()[-1]: r.reason for r in excluded_list(s, partner, Selection())}
        assert listed == {
            "OPP": "opposed",
            "ALL": "opposed",
            "REFUS": "refused_at_collection",
            "JAMAIS": "not_informed",
        }


def test_a_form_naming_another_category_does_not_inform(db: Database) -> None:
    """Informed of transmission to kitchens is not informed of transmission to insurers."""
    with db.session() as s:
        v, _ = _setup(s)
        insurers, warnings = add_partner(s, PartnerInput("Assur", "Assureurs", address="1 rue X"))
        assert "Aucun formulaire ne nomme" in warnings[0]
        c = make_contact(s)
        record_consent(s, c.id, v.id, refuse_partners=False, recorded_on=ON, channel="counter")
        assert plan_transmission(s, insurers, Selection()).excluded == {"not_informed": 1}


def test_share_writes_only_agreed_fields_and_logs_lines_with_checksum(db: Database, tmp_path: Path) -> None:
    """The file holds the agreed columns only; the log has one line per contact and the file's SHA-256."""
    out = tmp_path / "martin.xlsx"
    with db.session() as s:
        v, partner = _setup(s)
        ids = []
        for i in range(3):
            c = make_contact(
                s, last_name=f"Nom{i}", email=f"n{i}@x.fr", mobile="", status="customer" if i else "prospect"
            )
            record_consent(s, c.id, v.id, refuse_partners=False, recorded_on=ON, channel="counter")
            ids.append(c.id)
        result = share(s, partner, Selection(status="customer"), out, created_by="Anne")
        assert (result.shared, result.excluded) == (2, {})
        t = s.scalars(select(Transmission)).one()
        assert t.checksum == hashlib.sha256(out.read_bytes()).hexdigest() == result.checksum
        assert sorted(s.scalars(select(TransmissionLine.contact_id))) == ids[1:]
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("Référence", "Nom", "Code postal")
    assert [r[1] for r in rows[1:]] == ["NOM1", "NOM2"]


def test_nothing_to_send_says_why_without_a_file(db: Database, tmp_path: Path) -> None:
    """When nobody may be sent, the reasons are counted and no file or log is written (not an error)."""
    with db.session() as s:
        _, partner = _setup(s)
        make_contact(s)
        result = share(s, partner, Selection(search="Martin"), tmp_path / "x.xlsx")
        assert (result.shared, result.transmission_id, result.path) == (0, None, None)
        assert result.excluded.get("not_informed", 0) >= 1
        assert s.scalars(select(Transmission)).first() is None
    assert not (tmp_path / "x.xlsx").exists()


def test_partner_needs_a_notice_address_and_valid_fields(db: Database) -> None:
    """A partner without any way to send notices, or with an unknown field, is refused."""
    with db.session() as s:
        with pytest.raises(InputError, match="notifications"):
            add_partner(s, PartnerInput("X", "Cuisinistes"))
        with pytest.raises(InputError, match="Champs inconnus"):
            add_partner(s, PartnerInput("X", "Cuisinistes", email="a@b.fr", fields=["salary"]))
