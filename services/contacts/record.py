"""How a contact is shown, the same in the window and on the command line: name, address lines, JSON."""

from __future__ import annotations

from typing import Any

from models.contact import Contact
from services.contacts.search import ContactRow
from services.contacts.to_check import contact_reasons
from services.core.countries import country_name
from services.core.moments import iso_utc


def address_lines(c: Contact) -> list[str]:
    """The address lines 2-5 as typed (the NF Z10-011 block for printing lives with the labels)."""
    return [x for x in (c.address_complement, c.address_building, c.address_street, c.address_extra) if x]


def display_name(c: Contact | ContactRow) -> str:
    name = " ".join(x for x in (c.civility, c.first_name, c.last_name) if x)
    if c.company:
        return f"{c.company} ({name})" if name else c.company
    return name


def contact_to_dict(c: Contact) -> dict[str, Any]:
    """The command line's JSON shape of a contact (a public contract: only add keys)."""
    return {
        "ref": c.ref,
        "civility": c.civility,
        "first_name": c.first_name,
        "last_name": c.last_name,
        "company": c.company,
        "address_lines": address_lines(c),
        "postcode": c.postcode,
        "city": c.city,
        "cedex": c.cedex,
        "country": c.country,
        "country_name": country_name(c.country),
        "phone": c.phone,
        "mobile": c.mobile,
        "email": c.email,
        "status": c.status,
        "customer_until": c.customer_until.isoformat() if c.customer_until else None,
        "person_kind": c.person_kind,
        "last_contact_on": c.last_contact_on.isoformat() if c.last_contact_on else None,
        "tags": c.tag_names,
        "notes": c.notes,
        "source_kind": c.source_kind,
        "source_name": c.source_name,
        "source_date": c.source_date.isoformat() if c.source_date else None,
        "created_at": iso_utc(c.created_at),
        "updated_at": iso_utc(c.updated_at),
        "version": c.version,
        "to_check": bool(c.to_check),
        "to_check_reasons": contact_reasons(c),
    }
