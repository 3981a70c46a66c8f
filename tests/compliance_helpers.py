"""Builders for the compliance tests: partners and transmissions written straight to the base."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy.orm import Session

from models.partners import Partner, Transmission, TransmissionLine

DEFAULT_FIELDS = ["ref", "civility", "first_name", "last_name", "address_street", "postcode", "city"]


def make_partner(session: Session, name: str, category: str = "Cuisinistes", **overrides: object) -> Partner:
    """A partner with an e-mail for notices."""
    values: dict[str, object] = {
        "name": name,
        "category": category,
        "purpose": "prospection par courrier",
        "notice_email": f"rgpd@{name.lower().replace(' ', '')}.example",
        "shared_fields": json.dumps(DEFAULT_FIELDS),
    }
    values.update(overrides)
    partner = Partner(**values)
    session.add(partner)
    session.flush()
    return partner


def transmit(
    session: Session, partner: Partner, contact_ids: list[int], on: date = date(2026, 10, 1)
) -> Transmission:
    """Log a transmission of these contacts to the partner, as the share service does."""
    t = Transmission(
        partner_id=partner.id, sent_on=on, file_name="x.xlsx", checksum="0" * 64,
        fields=partner.shared_fields, contact_count=len(contact_ids),
    )  # fmt: skip
    session.add(t)
    session.flush()
    session.add_all(
        TransmissionLine(transmission_id=t.id, contact_id=c, partner_id=partner.id) for c in contact_ids
    )
    session.flush()
    return t
