"""Propagation: sending the letter and list, acknowledgements, erasure and rectification notices, partner notices."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from models.compliance import Opposition
from models.contact import Contact
from models.database import Database
from models.partners import PropagationNotice
from services.compliance.erasure import erase_contact
from services.compliance.oppositions import record_opposition
from services.compliance.registers import REGISTERS, export_register
from services.compliance.suppression import suppressed_keys, suppression_keys
from services.contacts.editing import update_contact
from services.contacts.validation import ContactInput
from services.core.errors import InputError
from services.core.moments import business_date
from services.partners.notices import acknowledge, list_notices
from services.partners.receiving import read_identifier_file, record_partner_objections
from services.partners.sending import send_to_partner
from tests.compliance_helpers import make_partner, transmit
from tests.helpers import make_contact


def test_send_writes_letter_and_list_of_transmitted_identifiers_only(db: Database, tmp_path: Path) -> None:
    """The list holds only the fields the partner received; the notices become sent with the method."""
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha", shared_fields=json.dumps(["ref", "last_name", "postcode"]))
        transmit(s, p, [c.id])
        record_opposition(s, c.id, "all", "slip", date(2026, 11, 23))
        result = send_to_partner(s, p, tmp_path)
        n = s.scalars(select(PropagationNotice)).one()
        assert (n.sent_on, n.method) == (business_date(), "e-mail")
        with pytest.raises(InputError, match="Aucune notification"):
            send_to_partner(s, p, tmp_path)
    rows = list(openpyxl.load_workbook(result.listing).active.iter_rows(values_only=True))
    assert rows[0][4:] == ("Référence", "Nom", "Code postal", "Modification")
    assert rows[1][4:7] == (f"C-{c.id:06d}", "MARTIN", "69002")
    assert result.letter.read_bytes().startswith(b"%PDF")


def test_acknowledgement_needs_a_sent_notice(db: Database, tmp_path: Path) -> None:
    """An unsent notice cannot be acknowledged; a sent one can, and leaves the to-send list."""
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha")
        transmit(s, p, [c.id])
        n = record_opposition(s, c.id, "all", "slip", date(2026, 11, 23)).notices[0]
        with pytest.raises(InputError, match="pas encore été envoyée"):
            acknowledge(s, n.id)
        send_to_partner(s, p, tmp_path, method="courrier")
        acknowledge(s, n.id)
        assert [v.status for v in list_notices(s)] == ["acknowledged"]


def test_erasure_blanks_the_person_keeps_the_objection_and_notifies(db: Database) -> None:
    """Erasure: personal fields blank, suppression entry kept, an erasure notice quoting the old identifiers."""
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha")
        transmit(s, p, [c.id])
        record_opposition(s, c.id, "post", "letter", date(2026, 11, 2))
        notices = erase_contact(s, c.id)
        assert [(n.event, n.partner_id) for n in notices] == [("erasure", p.id)]
        assert "MARTIN" in notices[0].identifiers
        erased = s.get(Contact, c.id)
        assert erased.erased_at is not None
        assert (erased.last_name, erased.email, erased.mobile, erased.postcode) == ("", "", "", "")
        assert s.scalars(select(Opposition)).one().contact_id == c.id
        keys = suppression_keys(email="claire.martin@example.fr", phones=["0612345678"])
        assert len(suppressed_keys(s, keys)) == 2
        with pytest.raises(InputError, match="déjà effacé"):
            erase_contact(s, c.id)


def test_editing_a_transmitted_field_creates_a_rectification_notice(db: Database) -> None:
    """Changing the postcode a partner received tells that partner; changing the e-mail it never got does not."""
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha")  # received postal fields, not the e-mail
        transmit(s, p, [c.id])
        data = ContactInput.from_contact(c)
        data.email = "nouvelle@example.fr"
        c, _ = update_contact(s, c.id, c.version, data)
        assert s.scalars(select(PropagationNotice)).all() == []
        data = ContactInput.from_contact(c)
        data.address_street, data.postcode, data.city = "1 place Bellecour", "69002", "Lyon"
        update_contact(s, c.id, c.version, data)
        n = s.scalars(select(PropagationNotice)).one()
        assert n.event == "rectification" and "12 rue de la République → 1 place Bellecour" in n.detail
        assert json.loads(n.identifiers)["address_street"] == "12 rue de la République"


def test_partner_file_becomes_our_objection_and_unknown_people_are_suppressed(
    db: Database, tmp_path: Path
) -> None:
    """A partner's list in our shape: known people opposed (channel partner), strangers hashed on the list."""
    book = openpyxl.Workbook()
    book.active.append(["Nom", "Prénom", "Code postal", "E-mail"])
    book.active.append(["martin", "claire", 69002, ""])
    book.active.append(["INCONNU", "Paul", "75011", "paul@inconnu.example"])
    book.save(tmp_path / "notice.xlsx")
    rows = read_identifier_file(tmp_path / "notice.xlsx")
    assert rows[0] == {"last_name": "martin", "first_name": "claire", "postcode": "69002", "email": ""}
    with db.session() as s:
        c = make_contact(s)
        alpha, beta = make_partner(s, "Alpha"), make_partner(s, "Beta")
        transmit(s, alpha, [c.id])
        transmit(s, beta, [c.id])
        result = record_partner_objections(s, alpha, rows, date(2026, 11, 23))
        assert result.unmatched == 1
        o = s.scalars(select(Opposition)).one()
        assert (o.contact_id, o.channel, o.from_partner_id) == (c.id, "partner", alpha.id)
        assert [n.partner_id for n in result.outcomes[0].notices] == [beta.id]
        assert suppressed_keys(s, suppression_keys(email="paul@inconnu.example"))


def test_registers_are_written_for_every_name(db: Database, tmp_path: Path) -> None:
    """Each register writes an .xlsx with a header; the propagation one says who is late; bad names are refused."""
    with db.session() as s:
        c = make_contact(s)
        p = make_partner(s, "Alpha")
        transmit(s, p, [c.id])
        record_opposition(s, c.id, "all", "slip", date(2026, 11, 2))
        for name in REGISTERS:  # every register, the other issues' ones included, writes a header
            export_register(s, name, tmp_path / f"{name}.xlsx")
            assert openpyxl.load_workbook(tmp_path / f"{name}.xlsx").active["A1"].value
        row = next(
            openpyxl.load_workbook(tmp_path / "propagation.xlsx").active.iter_rows(
                min_row=2, values_only=True
            )
        )
        assert row[5] == "Alpha" and row[11] == "oui" and row[12] == "en retard"
        with pytest.raises(InputError):
            export_register(s, "salaries", tmp_path / "x.xlsx")
        with pytest.raises(InputError):
            export_register(s, "consents", tmp_path / "x.pdf")
