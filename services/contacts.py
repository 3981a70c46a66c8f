"""Contacts: validation, creation, edits with optimistic locking, deletion, search and listing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import Select, String, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from models.compliance import ConsentRecord, Opposition
from models.contact import (
    CIVILITIES,
    PERSON_KINDS,
    SOURCE_KINDS,
    STATUSES,
    Contact,
    ContactSource,
    ContactTag,
    format_ref,
    parse_ref,
)
from services.core.bulk import driver_rows
from services.core.countries import country_code, country_name
from services.core.emails import normalise_email
from services.core.errors import InputError, NotFoundError
from services.core.phones import national_digits, to_e164
from services.core.postcodes import check_postcode, is_french
from services.core.text import clean_spaces, fold
from services.propagation import identifier_snapshot, rectification_notices

SOURCE_KIND_LABELS = {
    "direct": "Collecte directe",
    "partner": "Partenaire",
    "broker": "Courtier en données",
    "public": "Source publique",
}
STATUS_LABELS = {"prospect": "Prospect", "customer": "Client"}
PERSON_KIND_LABELS = {"consumer": "Particulier", "professional": "Professionnel"}

# The editable text fields, in form order.
TEXT_FIELDS = (
    "civility", "first_name", "last_name", "company",
    "address_complement", "address_building", "address_street", "address_extra",
    "postcode", "city", "cedex", "country", "phone", "mobile", "email",
    "status", "person_kind", "notes",
)  # fmt: skip

FIELD_LABELS = {
    "civility": "Civilité", "first_name": "Prénom", "last_name": "Nom", "company": "Société",
    "address_complement": "Complément (appt, étage, chez)", "address_building": "Bâtiment, résidence",
    "address_street": "Numéro et voie", "address_extra": "Lieu-dit, BP",
    "postcode": "Code postal", "city": "Ville", "cedex": "CEDEX", "country": "Pays",
    "phone": "Téléphone fixe", "mobile": "Portable", "email": "E-mail", "status": "Statut",
    "person_kind": "Type", "customer_until": "Fin de la relation client",
    "last_contact_on": "Dernier contact", "notes": "Notes", "tags": "Étiquettes",
    "source_kind": "Origine des données", "source_name": "Nom de la source",
    "source_date": "Date d'obtention",
}  # fmt: skip


class ContactError(InputError):
    """Input the user must correct: one message per field, in French."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ; ".join(f"{FIELD_LABELS.get(k, k)} : {v}" for k, v in errors.items()))
        self.errors = errors


class ConcurrentEditError(InputError):
    """Someone else saved this contact since it was opened: nothing was overwritten."""

    def __init__(self, ref: str, changes: dict[str, tuple[Any, Any]]) -> None:
        lines = [
            f"- {FIELD_LABELS.get(k, k)} : « {mine} » → « {theirs} »" for k, (mine, theirs) in changes.items()
        ]
        detail = "\n".join(lines) if lines else "(aucun champ visible modifié)"
        super().__init__(
            f"Le contact {ref} a été modifié ailleurs depuis son ouverture. "
            f"Vos modifications n'ont pas été enregistrées. Changements de l'autre poste :\n{detail}"
        )
        self.changes = changes


class HasComplianceHistory(InputError):
    """The contact's consents, objections, transmissions or calls are proof to keep: erase, don't delete."""


class ContactNotFound(NotFoundError):
    def __init__(self, ref: str) -> None:
        super().__init__(f"Aucun contact avec la référence {ref}.")


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


# --- rules --------------------------------------------------------------------------------------


def normalise_civility(raw: str) -> str:
    """Monsieur/Mr/M -> "M."; Madame/Mme/Mlle/Mademoiselle -> "Mme" (the administration dropped Mlle)."""
    key = fold(raw).rstrip(".")
    if key in ("m", "mr", "monsieur", "mister", "mssr"):
        return "M."
    if key in ("mme", "madame", "mlle", "mademoiselle", "mrs", "ms", "miss"):
        return "Mme"
    return "" if not key else raw.strip()


_PARTICLES = {"de", "du", "des", "d", "la", "le", "van", "von", "der", "den"}


def capitalise_first_name(raw: str) -> str:
    """ "jean-pierre" -> "Jean-Pierre"; "marie de la fontaine" keeps its particles lower-case."""
    words = clean_spaces(raw).split(" ")
    out = []
    for i, word in enumerate(words):
        if i > 0 and word.lower() in _PARTICLES:
            out.append(word.lower())
            continue
        out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def uppercase_last_name(raw: str) -> str:
    return clean_spaces(raw).upper()


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
            e164 = to_e164(v[key], region)
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
    today = date.today()
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


def search_text_for(values: dict[str, Any]) -> str:
    """The folded text the search box matches: names, company, city, postcode, phones, email."""
    parts = [
        values.get("first_name", ""), values.get("last_name", ""), values.get("company", ""),
        values.get("city", ""), values.get("postcode", ""), values.get("email", ""),
    ]  # fmt: skip
    for key in ("phone", "mobile"):
        if values.get(key):
            parts.append(national_digits(values[key]))
    return fold(" ".join(p for p in parts if p))


# --- use cases ----------------------------------------------------------------------------------


def _apply(contact: Contact, values: dict[str, Any]) -> None:
    wanted = set(values.get("tags", []))
    # Tags first: loading them must not flush a half-applied edit (one UPDATE, one version step).
    contact.tags = [t for t in contact.tags if t.name in wanted] + [
        ContactTag(name=n) for n in sorted(wanted - {t.name for t in contact.tags})
    ]
    for key, value in values.items():
        if key != "tags":
            setattr(contact, key, value)
    contact.search_text = search_text_for(values)


def create_contact(session: Session, data: ContactInput) -> tuple[Contact, list[str]]:
    """Create a contact with its mandatory source; returns it with the warnings to show."""
    checked = check_contact(data)
    contact = Contact()
    _apply(contact, checked.values)
    contact.sources = [
        ContactSource(
            kind=contact.source_kind,
            name=contact.source_name,
            obtained_on=contact.source_date,
            note="saisie",
        )
    ]
    session.add(contact)
    session.flush()  # gives the id, hence the reference
    return contact, checked.warnings


def update_contact(
    session: Session, contact_id: int, expected_version: int, data: ContactInput
) -> tuple[Contact, list[str]]:
    """Save an edit made on the version the user opened; refuse it if someone saved in between."""
    contact = session.get(Contact, contact_id, populate_existing=True)
    if contact is None:
        raise ContactNotFound(format_ref(contact_id))
    if contact.version != expected_version:
        raise ConcurrentEditError(contact.ref, _differences(data, contact))
    checked = check_contact(data)
    before = identifier_snapshot(contact)
    from services.npai import clear_npai_if_address_changed  # services.npai reads contacts: import here

    clear_npai_if_address_changed(contact, checked.values)  # a corrected address is usable again
    _apply(contact, checked.values)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        fresh = session.get(Contact, contact_id, populate_existing=True)
        raise ConcurrentEditError(
            format_ref(contact_id), _differences(data, fresh) if fresh else {}
        ) from None
    # RULES.md §5 (art. 19): partners who received a changed field are told.
    rectification_notices(session, contact, before)
    return contact, checked.warnings


def _differences(mine: ContactInput, theirs: Contact) -> dict[str, tuple[Any, Any]]:
    current = ContactInput.from_contact(theirs)
    out = {}
    for f in fields(ContactInput):
        a, b = getattr(mine, f.name), getattr(current, f.name)
        if (a or "") != (b or "") and not (f.name == "tags" and sorted(a) == sorted(b)):
            out[f.name] = (a, b)
    return out


def delete_contact(session: Session, contact_id: int, expected_version: int | None = None) -> str:
    """Delete a contact typed by mistake (the window asks for confirmation first). Returns its reference.

    A contact with a compliance history (consents, objections, transmissions, calls, requests) is not
    deleted: that history is the proof the business must keep (RULES.md §5, §9) — erase it instead.
    """
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise ContactNotFound(format_ref(contact_id))
    if expected_version is not None and contact.version != expected_version:
        raise ConcurrentEditError(contact.ref, {})
    ref = contact.ref
    keeps_proof = HasComplianceHistory(
        f"Le contact {ref} a un historique de conformité (consentement, opposition, transmission, appel "
        "ou demande) qui doit être conservé : effacez-le (anonymisation) plutôt que de le supprimer."
    )
    for table in (ConsentRecord, Opposition):
        if session.scalar(select(func.count()).select_from(table).where(table.contact_id == contact_id)):
            raise keeps_proof
    try:
        with session.begin_nested():
            session.delete(contact)
            session.flush()
    except IntegrityError:
        raise keeps_proof from None
    return ref


def get_contact(session: Session, contact_id: int) -> Contact:
    """The contact behind a table row (the window opens it by id)."""
    contact = session.get(Contact, contact_id)
    if contact is None or contact.erased_at is not None:
        raise ContactNotFound(format_ref(contact_id))
    return contact


def get_by_ref(session: Session, ref: str) -> Contact:
    contact_id = parse_ref(ref)
    contact = session.get(Contact, contact_id) if contact_id is not None else None
    if contact is None:
        raise ContactNotFound(ref)
    return contact


# --- search and listing (SQL does the filtering and sorting: fluid at 100,000 rows) ---------------

SORT_COLUMNS = {
    "ref": Contact.id,
    "civility": Contact.civility,
    "last_name": Contact.last_name,
    "first_name": Contact.first_name,
    "company": Contact.company,
    "postcode": Contact.postcode,
    "city": Contact.city,
    "phone": Contact.phone,
    "mobile": Contact.mobile,
    "email": Contact.email,
    "status": Contact.status,
    "source_kind": Contact.source_kind,
    "last_contact_on": Contact.last_contact_on,
    "updated_at": Contact.updated_at,
}


def search_condition(text: str):
    """Every word typed must appear in the contact's searchable text, or be its reference."""
    words = fold(text).split()
    if not words:
        return None
    conds = []
    for word in words:
        like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cond = Contact.search_text.like(like, escape="\\")
        ref_id = parse_ref(word) if word.startswith("c") else None
        if ref_id is not None:  # a reference typed or scanned: C-000123
            cond = or_(cond, Contact.id == ref_id)
        digits = re.sub(r"[\s.\-]", "", word)
        if digits.isdigit() and len(digits) >= 4 and digits != word:
            cond = or_(cond, Contact.search_text.like(f"%{digits}%"))
        conds.append(cond)
    return and_(*conds)


def search_query(text: str = "", sort: str = "last_name", descending: bool = False) -> Select[tuple[int]]:
    """The ids of live contacts matching text, in the requested order (ties by id)."""
    column = SORT_COLUMNS.get(sort, Contact.last_name)
    q = select(Contact.id).where(Contact.erased_at.is_(None))
    cond = search_condition(text)
    if cond is not None:
        q = q.where(cond)
    if cond is not None and isinstance(column.type, String) and sort != "last_name":
        # With a filter, scanning another column's index then jumping to each row is slower than a sort of
        # the matches: "|| ''" keeps the planner off it (SQLite picks it otherwise, 4x slower). The name
        # index covers the searchable text, so sorting by name reads it in order instead.
        column = column.concat("")
    order = column.desc() if descending else column.asc()
    return q.order_by(order, Contact.id.desc() if descending else Contact.id)


def search_ids(
    session: Session, text: str = "", sort: str = "last_name", descending: bool = False
) -> list[int]:
    # The driver's rows: for 100,000 ids (the window's start, a one-letter search) SQLAlchemy's
    # result rows cost 3x the query itself. The id needs no type processing.
    return [row[0] for row in driver_rows(session, search_query(text, sort, descending))]


@dataclass(frozen=True)
class ContactRow:
    """One line of the contact table: plain values, no ORM object kept alive."""

    id: int
    civility: str
    first_name: str
    last_name: str
    company: str
    postcode: str
    city: str
    phone: str
    mobile: str
    email: str
    status: str
    source_kind: str
    last_contact_on: date | None

    @property
    def ref(self) -> str:
        return format_ref(self.id)


_ROW_COLUMNS = [getattr(Contact, f.name) for f in fields(ContactRow)]


def fetch_rows(session: Session, ids: list[int]) -> dict[int, ContactRow]:
    """The table rows for a page of ids, in one query."""
    if not ids:
        return {}
    result = session.execute(select(*_ROW_COLUMNS).where(Contact.id.in_(ids)))
    return {r[0]: ContactRow(*r) for r in result}


def count_contacts(session: Session) -> int:
    return session.scalar(select(func.count(Contact.id)).where(Contact.erased_at.is_(None))) or 0


# --- presentation shared by the window and the command line ------------------------------------


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
        "created_at": c.created_at.isoformat(timespec="seconds") if c.created_at else None,
        "updated_at": c.updated_at.isoformat(timespec="seconds") if c.updated_at else None,
        "version": c.version,
    }


def list_contacts(session: Session, text: str = "") -> list[Contact]:
    """Full contacts for the command line (loaded in one go with their tags)."""
    ids = select(search_query(text).subquery().c.id)
    return list(
        session.scalars(
            select(Contact)
            .where(Contact.id.in_(ids))
            .options(selectinload(Contact.tags))
            .order_by(Contact.last_name, Contact.id)
        )
    )
