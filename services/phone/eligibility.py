"""Who may be called for prospecting, and on what basis (docs/rules.md §1, §5, §9).

Two queries read, for every contact of a selection at once, what the rules need: the contacts' phones,
kind, source, opposition and running contract on the campaign's subject, then one pass over the
consent records for each person's latest phone answers and proof. Small named functions then decide,
each citing its rule.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Integer, Select, func, literal_column, null, or_, select, type_coerce
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Opposition
from models.contact import Contact
from models.phone import Contract
from services.compliance.choices import opposed, opposition_covers
from services.compliance.consents import consent_expired
from services.core.bulk import as_datetime, driver_rows, id_conditions
from services.core.errors import InputError
from services.core.text import fold

# docs/rules.md §1.7: a phone campaign declares what it is about; these three are forbidden by phone
# even with consent, outside a running contract on that subject. « other » is everything else.
SUBJECT_CATEGORIES: dict[str, str] = {
    "energy": "rénovation énergétique",
    "home-adaptation": "adaptation du logement au vieillissement ou au handicap",
    "cpf": "formation financée par le compte personnel de formation (CPF)",
    "other": "autre objet",
}
FORBIDDEN_CATEGORIES = ("energy", "home-adaptation", "cpf")
# Keywords only suggest a category (matched on the folded subject); the campaign's declaration decides.
FORBIDDEN_SUBJECTS: dict[str, tuple[str, ...]] = {
    "rénovation énergétique": (
        "renovation energetique", "renovation thermique", "economie d'energie", "economies d'energie",
        "economies d energie", "isolation", "pompe a chaleur", "pompes a chaleur", "photovolta",
        "panneau solaire", "panneaux solaires", "chaudiere", "maprimerenov", "energie renouvelable",
        "energies renouvelables", "audit energetique", "performance energetique",
    ),
    "adaptation du logement au vieillissement ou au handicap": (
        "adaptation du logement", "adapter le logement", "adapter son logement", "vieillissement",
        "handicap", "perte d'autonomie", "maprimeadapt", "monte-escalier", "monte escalier",
        "douche senior", "salle de bain senior", "maintien a domicile", "seniors", "senior",
        "personnes agees", "baignoire", "douche",
    ),
    "formation financée par le compte personnel de formation (CPF)": (
        "cpf", "compte personnel de formation", "mon compte formation", "moncompteformation",
        "formation financee", "formation eligible",
    ),
}  # fmt: skip
CATEGORY_BY_LABEL = {label: key for key, label in SUBJECT_CATEGORIES.items()}
# A consent counts only when this business collected it (docs/rules.md §9.2, Foriou): not a partner's record.
FOREIGN_CONSENT_CHANNELS = ("partner", "broker")
THIRD_PARTY_SOURCES = ("broker", "partner")

# Exclusion reasons: short, stable, in French (they are the keys of the command line's counts).
NO_PHONE = "pas de numéro de téléphone valide"
ERASED = "contact effacé"
OPPOSED = "opposition au démarchage téléphonique"
REFUSED_AT_COLLECTION = "a refusé le téléphone à la collecte"
NO_CONSENT = "particulier sans consentement à être appelé"
THIRD_PARTY_NO_CONSENT = (
    "contact d'un courtier ou d'un partenaire sans consentement recueilli par l'entreprise"
)
CONSENT_EXPIRED = "consentement téléphonique expiré"
CONSENT_WITHDRAWN = "consentement téléphonique retiré"
CONSENT_UNPROVEN = "consentement sans preuve"


def subject_key(subject: str) -> str:
    """How subjects are compared (a contract's and a campaign's): folded text."""
    return fold(subject)


def forbidden_subject(subject: str) -> str | None:
    """docs/rules.md §1.7: the forbidden category the campaign's subject falls into (energy renovation, home
    adaptation to ageing or disability), or None."""
    key = f" {subject_key(subject)} "
    for category, words in FORBIDDEN_SUBJECTS.items():
        if any(w in key for w in words):
            return category
    return None


def suggested_category(subject: str) -> str:
    """The category the subject's words suggest ("other" when none): a hint, never the decision."""
    label = forbidden_subject(subject)
    return CATEGORY_BY_LABEL[label] if label else "other"


def check_subject_category(subject: str, category: str, *, confirmed: bool = False) -> str:
    """docs/rules.md §1.7: the declared category, checked. Declaring « other » for a subject whose words
    suggest a forbidden one needs a confirmation: « Remplacement de baignoire par une douche pour
    seniors » must not slip through unasked."""
    if category not in SUBJECT_CATEGORIES:
        choices = ", ".join(f"{k} ({v})" for k, v in SUBJECT_CATEGORIES.items())
        raise InputError(f"Catégorie d'objet inconnue « {category} » : {choices}.")
    suggested = suggested_category(subject)
    if category == "other" and suggested != "other" and not confirmed:
        raise InputError(
            f"L'objet « {subject} » ressemble à « {SUBJECT_CATEGORIES[suggested]} », interdit au téléphone hors "
            "contrat en cours : déclarez cette catégorie, ou confirmez qu'il s'agit d'un autre objet "
            "(--confirm-category)."
        )
    return category


def category_label(category: str) -> str | None:
    """The forbidden category's words for a declared category, None when calls are allowed."""
    return SUBJECT_CATEGORIES[category] if category in FORBIDDEN_CATEGORIES else None


def forbidden_subject_reason(category: str) -> str:
    return f"objet interdit au téléphone hors contrat en cours ({category})"


# The same reasons as stable machine codes, for the command line's JSON (docs/cli.md): scripts count by them.
REASON_CODES = {
    NO_PHONE: "no_phone", ERASED: "erased", OPPOSED: "opposed", REFUSED_AT_COLLECTION: "refused_at_collection",
    NO_CONSENT: "no_consent", THIRD_PARTY_NO_CONSENT: "third_party_no_consent", CONSENT_EXPIRED: "consent_expired",
    CONSENT_WITHDRAWN: "consent_withdrawn", CONSENT_UNPROVEN: "consent_unproven",
    **{forbidden_subject_reason(label): f"forbidden_subject_{key.replace('-', '_')}"
       for key, label in SUBJECT_CATEGORIES.items() if key in FORBIDDEN_CATEGORIES},
}  # fmt: skip


def reason_code(reason: str) -> str:
    """The machine code of an exclusion reason (`campaign phone --json`'s `excluded` keys, docs/cli.md);
    « other » for one without a code of its own."""
    return REASON_CODES.get(reason) or "other"


@dataclass(frozen=True)
class Eligibility:
    """Whether the person may be called at all (the calendar comes after), and on which basis."""

    eligible: bool
    reason: str  # the exclusion reason, or the basis in words when eligible
    basis: str = "none"  # consent, contract, professional, none
    consent_id: int | None = None
    contract_id: int | None = None


class PhoneAnswers(NamedTuple):
    """A person's latest answers on the phone boxes of the collection forms (docs/rules.md §1.2)."""

    accept_phone: bool | None
    consent_id: int | None  # the record holding the latest answer to the opt-in box
    consent_on: datetime | None
    consent_channel: str | None
    consent_form_version_id: int | None
    consent_proof: str | None
    consent_recorded_by: str | None
    refused_at_collection: bool  # the latest answer to « refuse the phone » is yes
    refused_after_consent: bool  # a refusal was ticked on or after that consent


NO_ANSWERS = PhoneAnswers(None, None, None, None, None, None, None, False, False)
REFUSED_ONLY = NO_ANSWERS._replace(refused_at_collection=True)  # a refusal, never a consent answer
_new = tuple.__new__  # a namedtuple from a tuple of its fields, as _make without its length check


class EligibilityInputs(NamedTuple):
    """What the rules read for one contact: a row of eligibility_query followed by their PhoneAnswers,
    as it comes (a tuple, so that 100,000 of them cost nothing to build; booleans may come as 0/1)."""

    id: int
    postcode: str
    person_kind: str
    source_kind: str
    phone: str
    mobile: str
    erased: bool
    opposed: bool
    contract_id: int | None
    accept_phone: bool | None
    consent_id: int | None
    consent_on: datetime | None
    consent_channel: str | None
    consent_form_version_id: int | None
    consent_proof: str | None
    consent_recorded_by: str | None
    refused_at_collection: bool
    refused_after_consent: bool


def eligibility_query(
    where: ColumnElement[bool], subject: str, today: date, *, opposition: bool = True
) -> Select[Any]:
    """docs/rules.md §1.2: what the phone rules read on the contacts matching `where`, in one query (their
    form answers come from latest_phone_answers).

    `opposition=False`: the opposition column left at 0, for a caller that reads a batch's oppositions at
    once and sets it (with_oppositions): tested per row, it was a quarter of the query's time."""
    key = subject_key(subject)
    if key:
        contract = (
            select(func.min(Contract.id))
            .where(
                Contract.contact_id == Contact.id,
                Contract.subject_key == key,
                Contract.start_on <= today,
                or_(Contract.end_on.is_(None), Contract.end_on >= today),
            )
            .correlate(Contact)
            .scalar_subquery()
        )
    else:
        contract = null()
    return select(
        Contact.id,
        Contact.postcode,
        Contact.person_kind,
        Contact.source_kind,
        Contact.phone,
        Contact.mobile,
        # 0/1 as they come: converting 200,000 of them to bool costs a tenth of a second.
        type_coerce(Contact.erased_at.is_not(None), Integer),
        type_coerce(opposed("phone"), Integer) if opposition else literal_column("0", Integer),
        contract,
    ).where(where)


def with_oppositions(session: Session, rows: list[tuple[Any, ...]], ids: list[int]) -> list[tuple[Any, ...]]:
    """docs/rules.md §1/§5: rows of eligibility_query(opposition=False) (their sorted `ids`) with the
    opposition column set for those who objected to calls — the rule of that column
    (choices.opposition_covers), in one query over these people's oppositions."""
    q = select(Opposition.contact_id).where(opposition_covers("phone"))
    for condition in id_conditions(Opposition.contact_id, ids):
        for (cid,) in driver_rows(session, q.where(condition)):
            i = bisect_left(ids, cid)  # a range may hold ids outside the batch: looked up, not assumed
            if i < len(ids) and ids[i] == cid:
                rows[i] = (*rows[i][:7], 1, *rows[i][8:])
    return rows


def latest_phone_answers(
    session: Session,
    contact_id: int | None = None,
    *,
    contact_ids: Collection[int] | None = None,
    since: datetime | None = None,
) -> dict[int, PhoneAnswers]:
    """docs/rules.md §1.2: each person's latest answers on the phone boxes — consent records are append-only and
    the latest answer on each box wins; a refusal ticked on or after the consent withdraws it.

    One pass over the records that answered a phone box (or over one person's), oldest first: cheaper
    than looking up each of 100,000 people, most of whom never filled a form. The same rule as
    services.compliance.choices.latest_answer (in SQL, for the post and the partners); a test holds them equal.

    `since`: only the answers given from then on — exact for whoever ticked the opt-in box since
    (their latest opt-in answer is among them, and so is any refusal after it); the others get no consent,
    which is right when `since` is older than any consent still valid. Their refusals are not all read.
    """
    r = ConsentRecord
    q = (
        select(r.contact_id, r.id, r.accept_phone, r.refuse_phone, r.recorded_on, r.channel,
               r.form_version_id, r.proof, r.recorded_by)
        .where(or_(r.accept_phone.is_not(None), r.refuse_phone.is_not(None)))
        .order_by(r.contact_id, r.recorded_on, r.id)
    )  # fmt: skip
    if contact_id is not None:
        q = q.where(r.contact_id == contact_id)
    if since is not None:
        q = q.where(r.recorded_on >= since)
    if contact_ids is None:
        rows = driver_rows(session, q)
    else:  # a batch of people (a selection, the dashboard's expiring consents): theirs only
        wanted = set(contact_ids)
        rows = []
        for condition in id_conditions(r.contact_id, sorted(wanted)):
            rows += [row for row in driver_rows(session, q.where(condition)) if row[0] in wanted]
    out = {}
    for cid, records in groupby(rows, key=itemgetter(0)):
        consent = None
        refused: bool | None = None
        last_refusal = None
        for rec in records:  # oldest first: the last answer seen on each box wins
            if rec[2] is not None:
                consent = rec
            if rec[3] is not None:
                refused = rec[3]
                if refused:
                    last_refusal = as_datetime(rec[4])
        if consent is None:
            out[cid] = REFUSED_ONLY if refused else NO_ANSWERS
            continue
        _, consent_id, accept, _, on, channel, version, proof, by = consent
        on = as_datetime(on)
        withdrawn = last_refusal is not None and last_refusal >= on
        # tuple.__new__: the namedtuple's own __new__ is a Python call, a third of a million per million people.
        out[cid] = _new(
            PhoneAnswers, (accept, consent_id, on, channel, version, proof, by, bool(refused), withdrawn)
        )
    return out


def with_answers(row: Any, answers: dict[int, PhoneAnswers]) -> EligibilityInputs:
    """One row of eligibility_query (its first 9 columns) completed with the person's answers."""
    # tuple.__new__ rather than _make, its Python call and its length check: once per person of the base.
    return _new(EligibilityInputs, tuple(row[:9]) + answers.get(row[0], NO_ANSWERS))


# --- the rules, one function each ---------------------------------------------------------------


def has_valid_phone(c: EligibilityInputs) -> bool:
    """docs/rules.md §1.2: no call without a valid number (stored in E.164 by the contact checks)."""
    return bool(c.phone or c.mobile)


def number_to_dial(c: Any) -> str:
    """A business number first for a professional, the mobile first for a private person."""
    if c.person_kind == "professional":
        return c.phone or c.mobile
    return c.mobile or c.phone


def consent_proven(c: EligibilityInputs) -> bool:
    """docs/rules.md §1.4, §9 (Solocal): a consent counts only with its proof — the exact wording shown (a form
    version) and a proof or the name of who collected it."""
    return c.consent_form_version_id is not None and bool(c.consent_proof or c.consent_recorded_by)


def consent_from_this_business(c: EligibilityInputs) -> bool:
    """docs/rules.md §9.2 (Foriou): a consent a broker or partner says it collected is not a consent to be
    called by this business."""
    return (c.consent_channel or "") not in FOREIGN_CONSENT_CHANNELS


def consumer_consent(c: EligibilityInputs, now: datetime, validity_days: int) -> tuple[bool, str]:
    """docs/rules.md §1.2: a consumer may be called only with a ticked, proven, prior, unexpired, unwithdrawn
    consent to be called by this business. Returns (valid, reason when not)."""
    third_party = c.source_kind in THIRD_PARTY_SOURCES
    if c.consent_id is None or c.consent_on is None or c.consent_on > now:
        return False, THIRD_PARTY_NO_CONSENT if third_party else NO_CONSENT
    if not consent_from_this_business(c):
        return False, THIRD_PARTY_NO_CONSENT
    if not c.accept_phone or c.refused_after_consent:
        return False, CONSENT_WITHDRAWN
    if not consent_proven(c):
        return False, CONSENT_UNPROVEN
    if consent_expired(c.consent_on, now, validity_days):
        return False, CONSENT_EXPIRED
    return True, ""


# The same few answers for most people: built once.
_EXCLUDED = {r: Eligibility(False, r) for r in (ERASED, NO_PHONE, OPPOSED, REFUSED_AT_COLLECTION, NO_CONSENT,
                                               THIRD_PARTY_NO_CONSENT, CONSENT_EXPIRED, CONSENT_WITHDRAWN,
                                               CONSENT_UNPROVEN)}  # fmt: skip
_PROFESSIONAL = Eligibility(True, "professionnel (numéro professionnel, sans opposition)", "professional")


def excluded(reason: str) -> Eligibility:
    return _EXCLUDED.get(reason) or Eligibility(False, reason)


def decide_eligibility(
    c: EligibilityInputs, now: datetime, validity_days: int, forbidden: str | None = None
) -> Eligibility:
    """docs/rules.md §1, §5, §9: may this person be called for the campaign (calendar aside)?

    `now` is naive UTC (as stored). Never: erased, no phone, opposed, forbidden subject outside a
    running contract. Professional: opt-out. Consumer: consent, or the running-contract exception.
    `forbidden`: the words of the campaign's declared category when it is a forbidden one (§1.7).
    """
    if c.erased:
        return _EXCLUDED[ERASED]
    if not has_valid_phone(c):
        return _EXCLUDED[NO_PHONE]
    if c.opposed:
        return _EXCLUDED[OPPOSED]
    if c.contract_id is not None:
        # docs/rules.md §1.2: the running-contract exception (the campaign is about this contract's subject).
        return Eligibility(True, "contrat en cours", "contract", contract_id=c.contract_id)
    if forbidden:
        return excluded(forbidden_subject_reason(forbidden))
    if c.person_kind == "professional":
        # docs/rules.md §1.3: professionals are opt-out.
        if c.refused_at_collection:
            return _EXCLUDED[REFUSED_AT_COLLECTION]
        return _PROFESSIONAL
    valid, reason = consumer_consent(c, now, validity_days)
    if not valid:
        return excluded(reason)
    return Eligibility(True, "consentement recueilli", "consent", consent_id=c.consent_id)
