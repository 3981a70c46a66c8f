"""Partners the business shares contacts with (docs/rules.md §1, §5): category, purpose, notice address."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.partners import Partner
from services.compliance.forms import versions_naming_category
from services.contacts.fields import FIELD_LABELS
from services.core.emails import normalise_email
from services.core.errors import InputError, NotFoundError
from services.core.text import clean_spaces

# The contact fields a partner may receive (agreed per partner), with their French column headers.
# The columns a partner's file can hold, headed with the contact's own labels.
SHAREABLE_FIELDS: dict[str, str] = {
    "ref": "Référence",
    **{k: FIELD_LABELS[k] for k in (
        "civility", "first_name", "last_name", "company", "address_complement", "address_building",
        "address_street", "address_extra", "postcode", "city", "cedex", "country", "phone", "mobile",
        "email",
    )},
}  # fmt: skip
# docs/rules.md §4.2: the partner box is about postal details; phone and e-mail only when agreed.
DEFAULT_FIELDS = [
    "ref", "civility", "first_name", "last_name", "company", "address_complement", "address_building",
    "address_street", "address_extra", "postcode", "city", "cedex", "country",
]  # fmt: skip


@dataclass
class PartnerInput:
    name: str
    category: str
    purpose: str = ""
    email: str = ""
    address: str = ""
    agreement_ref: str = ""
    fields: list[str] | None = None


def check_fields(fields: list[str]) -> list[str]:
    """Only known fields, in the canonical order; at least one identifier."""
    unknown = [f for f in fields if f not in SHAREABLE_FIELDS]
    if unknown:
        raise InputError(
            f"Champs inconnus : {', '.join(unknown)} (possibles : {', '.join(SHAREABLE_FIELDS)})."
        )
    ordered = [f for f in SHAREABLE_FIELDS if f in fields]
    if not ordered:
        raise InputError("Choisissez au moins un champ transmis.")
    return ordered


def check_partner(data: PartnerInput) -> dict[str, Any]:
    """Validate a partner; the notice contact is mandatory (docs/rules.md §5.3: partners must be told)."""
    name = clean_spaces(data.name)
    category = clean_spaces(data.category)
    if not name:
        raise InputError("Le nom du partenaire est obligatoire.")
    if not category:
        raise InputError("La catégorie du partenaire est obligatoire (celle que nomment les formulaires).")
    email = ""
    if clean_spaces(data.email):
        email = normalise_email(data.email) or ""
        if not email:
            raise InputError(f"« {data.email} » n'est pas une adresse e-mail valide.")
    address = (data.address or "").strip()
    if not email and not address:
        raise InputError(
            "Indiquez où envoyer les notifications au partenaire : une adresse e-mail ou postale."
        )
    return {
        "name": name[:150],
        "category": category[:100],
        "purpose": clean_spaces(data.purpose),
        "notice_email": email,
        "notice_address": address,
        "agreement_ref": clean_spaces(data.agreement_ref)[:100],
        "shared_fields": json.dumps(check_fields(data.fields if data.fields is not None else DEFAULT_FIELDS)),
    }


def category_warning(session: Session, category: str) -> str:
    """docs/rules.md §1.5: warn when no form names this category (nobody could be sent to this partner yet)."""
    if versions_naming_category(session, category):
        return ""
    return (
        f"Aucun formulaire ne nomme la catégorie « {category} » : aucun contact ne pourra être transmis à ce "
        "partenaire tant que les personnes n'en ont pas été informées."
    )


def add_partner(session: Session, data: PartnerInput) -> tuple[Partner, list[str]]:
    values = check_partner(data)
    if find_partner(session, values["name"]) is not None:
        raise InputError(f"Un partenaire « {values['name']} » existe déjà.")
    partner = Partner(**values)
    session.add(partner)
    session.flush()
    warning = category_warning(session, partner.category)
    return partner, [warning] if warning else []


def update_partner(session: Session, partner_id: int, data: PartnerInput) -> tuple[Partner, list[str]]:
    partner = get_partner(session, partner_id)
    values = check_partner(data)
    clash = find_partner(session, values["name"])
    if clash is not None and clash.id != partner_id:
        raise InputError(f"Un partenaire « {values['name']} » existe déjà.")
    for key, value in values.items():
        setattr(partner, key, value)
    session.flush()
    warning = category_warning(session, partner.category)
    return partner, [warning] if warning else []


def find_partner(session: Session, name: str) -> Partner | None:
    return session.scalar(select(Partner).where(func.lower(Partner.name) == clean_spaces(name).lower()))


def partner_by_name(session: Session, name: str) -> Partner:
    partner = find_partner(session, name)
    if partner is None:
        known = ", ".join(session.scalars(select(Partner.name).order_by(Partner.name))) or "aucun"
        raise NotFoundError(f"Partenaire inconnu « {name} » (partenaires : {known}).")
    return partner


def get_partner(session: Session, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFoundError(f"Partenaire inconnu (n° {partner_id}).")
    return partner


def partner_fields(partner: Partner) -> list[str]:
    return list(json.loads(partner.shared_fields or "[]"))


def list_partners(session: Session) -> list[Partner]:
    return list(session.scalars(select(Partner).order_by(Partner.name)))


def partner_to_dict(p: Partner) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "category": p.category, "purpose": p.purpose,
        "email": p.notice_email, "address": p.notice_address, "agreement_ref": p.agreement_ref,
        "fields": partner_fields(p),
    }  # fmt: skip
