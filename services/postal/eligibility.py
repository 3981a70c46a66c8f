"""Who may receive a postal campaign (docs/rules.md §1.1 post, §6 retention, §8 addresses), and who may not, why.

One SQL query gives every selected contact with the first reason that excludes it (set-based: the
objections and form answers come from services.compliance.choices); the address block rules then run in Python
on the remaining ones. Recipients come out sorted by postcode (La Poste's bulk-mail offers), and can
be grouped one letter per household.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from models.compliance import InformedRecord
from models.contact import Contact, format_ref
from services.compliance.choices import opposed, refused_at_collection
from services.contacts.selection import Selection, selection_condition
from services.core.moments import business_date
from services.core.settings import get_setting
from services.core.text import fold
from services.postal.address_block import DOMESTIC_CODES, AddressBlock, address_block, household_line

# The reasons, in the order they are tested (the first that applies is reported), in French.
EXCLUSION_LABELS: dict[str, str] = {
    "erased": "Effacé ou anonymisé",
    "opposed": "Opposé à la prospection par courrier",
    "refused": "A refusé le courrier lors de la collecte",
    "retention_prospect": "Durée de conservation dépassée (prospect)",
    "retention_customer": "Durée de conservation dépassée (client)",
    "npai": "Courrier revenu « n'habite pas à l'adresse indiquée »",
    "incomplete": "Adresse incomplète",
    "invalid_address": "Adresse non conforme à la norme postale",
    "label_overflow": "Adresse trop longue pour l'étiquette choisie",
    "set_aside": "Écarté avant l'impression (adresse à vérifier)",
}


# --- rules, one SQL expression each ----------------------------------------------------------------


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def erased() -> ColumnElement[bool]:
    """docs/rules.md §1.1 post: an erased or anonymised person is never written to."""
    return Contact.erased_at.is_not(None)


def opposed_to_post() -> ColumnElement[bool]:
    """docs/rules.md §1/§5: objected to post or to all prospecting (and not lifted)."""
    return opposed("post")


def refused_post_at_collection() -> ColumnElement[bool]:
    """docs/rules.md §4.5 post: ticked the refusal box on the latest form that asked."""
    return refused_at_collection("refuse_post")


def prospect_retention_expired(cutoff: date) -> ColumnElement[bool]:
    """docs/rules.md §6.1: a prospect is kept 3 years from collection or from their last contact to us."""
    return and_(
        Contact.status == "prospect",
        Contact.source_date < cutoff,
        or_(Contact.last_contact_on.is_(None), Contact.last_contact_on < cutoff),
    )


def customer_retention_expired(cutoff: date) -> ColumnElement[bool]:
    """docs/rules.md §6.2: a customer is prospected up to 3 years after the relationship ended."""
    return and_(
        Contact.status == "customer", Contact.customer_until.is_not(None), Contact.customer_until < cutoff
    )


def past_retention_term(today: date, prospect_years: int, customer_years: int) -> ColumnElement[bool]:
    """docs/rules.md §6.3: the term ran out; the re-consent letter (§6.4) is for them alone."""
    return and_(
        Contact.erased_at.is_(None),
        or_(
            prospect_retention_expired(years_before(today, prospect_years)),
            customer_retention_expired(years_before(today, customer_years)),
        ),
    )


def returned_npai() -> ColumnElement[bool]:
    """docs/rules.md §1.1 post: an envelope came back NPAI; the address is unusable until corrected."""
    return Contact.npai_on.is_not(None)


def address_incomplete() -> ColumnElement[bool]:
    """docs/rules.md §1/§8: no street nor lieu-dit/BP, no city, or no postcode in France."""
    return or_(
        and_(Contact.address_street == "", Contact.address_extra == ""),
        Contact.city == "",
        and_(Contact.country.in_(sorted(DOMESTIC_CODES)), Contact.postcode == ""),
    )


def exclusion_reason(today: date, prospect_years: int, customer_years: int, *, retention: bool = True) -> Any:
    """The first reason that excludes a contact from a mailing, as one SQL CASE (NULL: eligible).
    `retention` False: the re-consent letter (docs/rules.md §6.4) goes to people past their term."""
    terms = [
        (prospect_retention_expired(years_before(today, prospect_years)), literal("retention_prospect")),
        (customer_retention_expired(years_before(today, customer_years)), literal("retention_customer")),
    ]
    return case(
        (erased(), literal("erased")),
        (opposed_to_post(), literal("opposed")),
        (refused_post_at_collection(), literal("refused")),
        *(terms if retention else []),
        (returned_npai(), literal("npai")),
        (address_incomplete(), literal("incomplete")),
        else_=literal(None),
    )


# --- the decision ---------------------------------------------------------------------------------


@dataclass
class Exclusion:
    contact_id: int
    name: str
    postcode: str
    city: str
    reason: str
    detail: str = ""

    @property
    def ref(self) -> str:
        return format_ref(self.contact_id)

    @property
    def label(self) -> str:
        return EXCLUSION_LABELS[self.reason]


@dataclass
class Recipient:
    """One letter and one label: a person, or a household (members share the letter)."""

    members: list[Any]  # rows with the Contact columns below
    block: AddressBlock
    notice: str  # art13, art14, reminder (docs/rules.md §3)
    informed_on: date | None = None

    @property
    def contact_ids(self) -> list[int]:
        return [m.id for m in self.members]

    @property
    def refs(self) -> list[str]:
        return [format_ref(m.id) for m in self.members]

    @property
    def first(self) -> Any:
        return self.members[0]


@dataclass
class Decision:
    recipients: list[Recipient] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.excluded:
            out[e.reason] = out.get(e.reason, 0) + 1
        return out

    @property
    def letters(self) -> int:
        return len(self.recipients)

    @property
    def people(self) -> int:
        return sum(len(r.members) for r in self.recipients)


COLUMNS = (
    Contact.id, Contact.civility, Contact.first_name, Contact.last_name, Contact.company,
    Contact.address_complement, Contact.address_building, Contact.address_street, Contact.address_extra,
    Contact.postcode, Contact.city, Contact.cedex, Contact.country, Contact.phone, Contact.mobile,
    Contact.email, Contact.status, Contact.person_kind, Contact.source_kind, Contact.source_name,
    Contact.source_date,
)  # fmt: skip


def notice_kind(source_kind: str, informed_on: date | None) -> str:
    """docs/rules.md §3: full notice once (art. 13 if collected directly, art. 14 otherwise), then a reminder."""
    if informed_on is not None:
        return "reminder"
    return "art13" if source_kind == "direct" else "art14"


def _display_name(row: Any) -> str:
    return " ".join(p for p in (row.first_name, row.last_name) if p) or row.company


def _sort_key(r: Recipient) -> tuple[int, str, str, int]:
    """By postcode (La Poste's bulk offers), France first, then name; stable by id."""
    m = r.first
    domestic = (m.country or "FR").upper() in DOMESTIC_CODES
    return (0 if domestic else 1, m.postcode or "", fold(m.last_name or m.company), m.id)


def _household_key(r: Recipient) -> tuple[Any, ...] | None:
    """Same address, same last name, same notice owed (a shared letter carries one notice)."""
    m = r.first
    if m.company or not m.last_name or m.person_kind != "consumer":
        return None
    source = (m.source_kind, fold(m.source_name), m.source_date) if r.notice != "reminder" else ()
    return (fold(m.last_name), tuple(fold(line) for line in r.block.lines[1:]), r.notice, source)


def group_households(recipients: Sequence[Recipient]) -> list[Recipient]:
    """Option: one letter per household (« M. et Mme DUPONT »), in the first member's place."""
    groups: dict[tuple[Any, ...], Recipient] = {}
    out: list[Recipient] = []
    for r in recipients:
        key = _household_key(r)
        if key is None:
            out.append(r)
            continue
        head = groups.get(key)
        if head is None:
            groups[key] = r
            out.append(r)
        else:
            head.members.append(r.first)
    for head in groups.values():
        if len(head.members) > 1:
            head.members.sort(key=lambda m: (m.civility != "M.", m.id))
            line = household_line([m.civility for m in head.members], head.first.last_name)
            head.block = address_block(head.first, first_line=line)
    return out


def decide(
    session: Session, sel: Selection, *, today: date | None = None, one_per_household: bool = False,
    reconsent: bool = False,
) -> Decision:  # fmt: skip
    """Split a selection into recipients (sorted by postcode) and exclusions (with their reason).
    `reconsent`: the re-consent letter (docs/rules.md §6.4), for the people past their term only."""
    today = today or business_date()
    years = (int(get_setting(session, "rules.prospect_retention_years")),
             int(get_setting(session, "rules.customer_retention_years")))  # fmt: skip
    reason = exclusion_reason(today, *years, retention=not reconsent).label("reason")
    informed = (
        select(func.max(InformedRecord.informed_on))
        .where(InformedRecord.contact_id == Contact.id, InformedRecord.full_notice.is_(True))
        .correlate(Contact)
        .scalar_subquery()
        .label("informed_on")
    )
    query = select(*COLUMNS, reason, informed).where(selection_condition(sel)).order_by(Contact.id)
    if reconsent:
        query = query.where(past_retention_term(today, *years))
    decision = Decision()
    for row in session.execute(query):
        if row.reason is not None:
            decision.excluded.append(
                Exclusion(row.id, _display_name(row), row.postcode, row.city, row.reason)
            )
            continue
        block = address_block(row)
        if not block.ok:
            decision.excluded.append(
                Exclusion(
                    row.id,
                    _display_name(row),
                    row.postcode,
                    row.city,
                    "invalid_address",
                    " ; ".join(block.errors),
                )
            )
            continue
        decision.recipients.append(
            Recipient([row], block, notice_kind(row.source_kind, row.informed_on), row.informed_on)
        )
    decision.recipients.sort(key=_sort_key)
    if one_per_household:
        decision.recipients = group_households(decision.recipients)
    decision.excluded.sort(key=lambda e: (e.reason, e.postcode, e.contact_id))
    return decision


def without_late_objectors(decision: Decision, late: set[int]) -> Decision:
    """docs/rules.md §5.1: the people who objected (or were erased) while the campaign's files were made
    are left out, with that reason; a household keeps its letter for the members who did not object."""
    return _without(decision, late, "opposed", "opposition reçue pendant la préparation")


def set_aside(decision: Decision, ids: set[int]) -> Decision:
    """The people the secretary set aside after checking their address (issue 15), left out with that
    reason; a household keeps its letter for the others."""
    return _without(decision, ids, "set_aside", "écarté à la vérification des adresses")


def _without(decision: Decision, ids: set[int], reason: str, detail: str) -> Decision:
    recipients: list[Recipient] = []
    excluded = list(decision.excluded)
    for r in decision.recipients:
        kept = [m for m in r.members if m.id not in ids]
        excluded += [
            Exclusion(m.id, _display_name(m), m.postcode, m.city, reason, detail)
            for m in r.members
            if m.id in ids
        ]
        if len(kept) == len(r.members):
            recipients.append(r)
        elif kept:
            recipients.append(_with_members(r, kept))
    excluded.sort(key=lambda e: (e.reason, e.postcode, e.contact_id))
    return Decision(recipients, excluded)


def _with_members(r: Recipient, kept: list[Any]) -> Recipient:
    """A shared letter some of whose household is left out: its name line says who is left — « Famille
    DUPONT » would still address the one who objected (docs/rules.md §5.1) — or the one person's own."""
    if len(kept) == 1:
        return replace(r, members=kept, block=address_block(kept[0]))
    line = household_line([m.civility for m in kept], kept[0].last_name)
    return replace(r, members=kept, block=address_block(kept[0], first_line=line))


def only_people_owed_the_notice(decision: Decision, owed: set[int]) -> Decision:
    """docs/rules.md §3.2: a « notice only » campaign is for those still owed the art. 14 notice; the rest
    of the selection is simply not part of it (neither sent nor listed as excluded)."""
    recipients = []
    for r in decision.recipients:
        kept = [m for m in r.members if m.id in owed]
        if len(kept) == len(r.members):
            recipients.append(r)
        elif kept:
            recipients.append(_with_members(r, kept))
    return Decision(recipients, [e for e in decision.excluded if e.contact_id in owed])
