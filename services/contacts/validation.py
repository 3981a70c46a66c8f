"""Checking what a user or a script gives for a contact: every problem at once, in French."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from models.contact import CIVILITIES, PERSON_KINDS, SOURCE_KINDS, STATUSES, Contact
from services.contacts.fields import (
    FIELD_LABELS,
    TEXT_FIELDS,
    capitalise_first_name,
    normalise_civility,
    uppercase_last_name,
)
from services.core.countries import country_code
from services.core.emails import normalise_email
from services.core.errors import InputError
from services.core.moments import business_date
from services.core.phones import to_e164
from services.core.postcodes import check_postcode, is_french
from services.core.text import clean_spaces


class ContactError(InputError):
    """Input the user must correct: one message per field, in French."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ; ".join(f"{FIELD_LABELS.get(k, k)} : {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class ContactInput:
    """What a user (or a script) gives for a contact, before checks."""

    civility: str = ""
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    address_complement: str = ""
    address_building: str = ""
    address_street: str = ""
    address_extra: str = ""
    postcode: str = ""
    city: str = ""
    cedex: str = ""
    country: str = "FR"
    phone: str = ""
    mobile: str = ""
    email: str = ""
    status: str = "prospect"
    person_kind: str = "consumer"
    customer_until: date | None = None
    last_contact_on: date | None = None
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    source_kind: str = ""
    source_name: str = ""
    source_date: date | None = None

    @classmethod
    def from_contact(cls, c: Contact) -> ContactInput:
        values = {f.name: getattr(c, f.name) for f in fields(cls) if f.name != "tags"}
        return cls(**values, tags=c.tag_names)


@dataclass
class Checked:
    values: dict[str, Any]
    warnings: list[str]


def check_contact(data: ContactInput, *, require_source: bool = True) -> Checked:
    """Validate and normalise a contact; raises ContactError with every problem at once."""
    errors: dict[str, str] = {}
    warnings: list[str] = []
    v: dict[str, Any] = {name: clean_spaces(str(getattr(data, name) or "")) for name in TEXT_FIELDS}
    v["notes"] = (data.notes or "").strip()

    v["civility"] = normalise_civility(v["civility"])
    if v["civility"] not in CIVILITIES:
        errors["civility"] = "choisissez M. ou Mme (ou laissez vide)."
    v["first_name"] = capitalise_first_name(v["first_name"])
    v["last_name"] = uppercase_last_name(v["last_name"])
    if not v["last_name"] and not v["company"]:
        errors["last_name"] = "indiquez au moins un nom ou une société."

    code = country_code(v["country"] or "FR")
    if code is None:
        errors["country"] = f"pays inconnu « {v['country']} »."
        code = "FR"
    v["country"] = code

    region = code if code != "FR" else "FR"
    for key in ("phone", "mobile"):
        if v[key]:
            e164 = to_e164(v[key], region, v["postcode"])  # an overseas postcode decides the territory
            if e164 is None:
                errors[key] = f"« {v[key]} » n'est pas un numéro valide."
            else:
                v[key] = e164
    if v["email"]:
        email = normalise_email(v["email"])
        if email is None:
            errors["email"] = f"« {v['email']} » n'est pas une adresse e-mail valide."
        else:
            v["email"] = email

    if is_french(code) and (v["postcode"] or v["city"]):
        v["postcode"] = v["postcode"].replace(" ", "")
        if re.fullmatch(r"\d{4}", v["postcode"]):
            v["postcode"] = "0" + v["postcode"]  # a spreadsheet dropped the leading zero
        if not re.fullmatch(r"\d{5}", v["postcode"]):
            errors["postcode"] = "un code postal français a 5 chiffres."
        elif not v["cedex"]:
            check = check_postcode(v["postcode"], v["city"])
            if not check.ok:
                warnings.append(check.message)
    m = re.fullmatch(r"(?i)cedex\s*(\d{0,2})", v["cedex"])
    if v["cedex"] and not m:
        errors["cedex"] = "écrivez CEDEX suivi éventuellement de son numéro (CEDEX 09)."
    elif m:
        v["cedex"] = "CEDEX" + (f" {m.group(1)}" if m.group(1) else "")

    if v["status"] not in STATUSES:
        errors["status"] = "prospect ou client."
    if v["person_kind"] not in PERSON_KINDS:
        errors["person_kind"] = "particulier ou professionnel."
    v["customer_until"] = data.customer_until if v["status"] == "customer" else None
    v["last_contact_on"] = data.last_contact_on
    today = business_date()
    if data.last_contact_on and data.last_contact_on > today:
        errors["last_contact_on"] = "la date ne peut pas être dans le futur."

    if require_source:
        if data.source_kind not in SOURCE_KINDS:
            errors["source_kind"] = "obligatoire : collecte directe, partenaire, courtier ou source publique."
        if not clean_spaces(data.source_name):
            errors["source_name"] = (
                "obligatoire (par exemple « Comptoir du magasin » ou le nom du partenaire)."
            )
        if data.source_date is None:
            errors["source_date"] = "obligatoire."
        elif data.source_date > today:
            errors["source_date"] = "la date d'obtention ne peut pas être dans le futur."
    v["source_kind"] = data.source_kind
    v["source_name"] = clean_spaces(data.source_name)
    v["source_date"] = data.source_date
    v["tags"] = sorted({clean_spaces(t)[:50] for t in data.tags if clean_spaces(t)})
    if errors:
        raise ContactError(errors)
    return Checked(v, warnings)
