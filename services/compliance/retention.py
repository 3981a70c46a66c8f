"""The end of the retention term (docs/rules.md §6.3, §6.4): who is past it, the re-consent letter, and
the anonymisation of those who gave no positive answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.campaign import Campaign
from models.contact import Contact, format_ref
from models.postal import CampaignRecipient
from services.compliance.erasure import erase_contact
from services.compliance.oppositions import record_opposition
from services.compliance.request_deadlines import add_months
from services.core.errors import InputError, NotFoundError
from services.core.moments import business_date
from services.core.settings import get_setting
from services.phone.eligibility import (
    decide_eligibility,
    eligibility_query,
    latest_phone_answers,
    with_answers,
)
from services.postal.address_block import address_block
from services.postal.eligibility import exclusion_reason, past_retention_term

RECONSENT = "reconsent"  # Campaign.letter_kind of the re-consent letter


@dataclass(frozen=True)
class PastTerm:
    """One person past their retention term."""

    contact_id: int
    name: str
    status: str
    term_ended_on: date  # the day the term ran out
    why: str  # from what the term counted
    letter_sent_on: date | None  # the re-consent letter
    answer_by: date | None  # the letter's date + the delay
    can_be_asked: bool  # a usable address, or a lawful way to call
    due: bool  # `retention apply` anonymises them now
    due_reason: str

    @property
    def ref(self) -> str:
        return format_ref(self.contact_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "contact": self.ref, "id": self.contact_id, "name": self.name, "status": self.status,
            "term_ended_on": self.term_ended_on.isoformat(), "why": self.why,
            "letter_sent_on": self.letter_sent_on.isoformat() if self.letter_sent_on else None,
            "answer_by": self.answer_by.isoformat() if self.answer_by else None,
            "can_be_asked": self.can_be_asked, "due": self.due, "due_reason": self.due_reason,
        }  # fmt: skip


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _letters(session: Session, ids: list[int]) -> dict[int, date]:
    """The last re-consent letter each person was sent."""
    found: dict[int, date] = {}
    for start in range(0, len(ids), 900):
        rows = session.execute(
            select(CampaignRecipient.contact_id, func.max(CampaignRecipient.sent_on))
            .join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
            .where(
                Campaign.letter_kind == RECONSENT, CampaignRecipient.contact_id.in_(ids[start : start + 900])
            )
            .group_by(CampaignRecipient.contact_id)
        )
        found.update(dict(rows.all()))
    return found


def _reachable_by_post(session: Session, ids: list[int], today: date) -> set[int]:
    reason = exclusion_reason(today, 0, 0, retention=False)
    ok: set[int] = set()
    for start in range(0, len(ids), 900):
        rows = session.execute(
            select(Contact).where(Contact.id.in_(ids[start : start + 900]), reason.is_(None))
        )
        ok.update(c.id for c in rows.scalars() if address_block(c).ok)
    return ok


def _reachable_by_phone(session: Session, ids: list[int], today: date) -> set[int]:
    """A lawful way to call (docs/rules.md §1.2, §1.3): a professional not opposed, a consumer's valid consent."""
    answers = latest_phone_answers(session)
    validity = int(get_setting(session, "rules.phone_consent_days"))
    now = datetime.combine(today, datetime.min.time())
    ok: set[int] = set()
    for start in range(0, len(ids), 900):
        query = eligibility_query(Contact.id.in_(ids[start : start + 900]), "", today)
        for row in session.execute(query):
            if decide_eligibility(with_answers(row, answers), now, validity).eligible:
                ok.add(row.id)
    return ok


def past_term(session: Session, today: date | None = None) -> list[PastTerm]:
    """docs/rules.md §6.4: everyone past their term, why, and whether `retention apply` anonymises them now."""
    today = today or business_date()
    prospect_years = int(get_setting(session, "rules.prospect_retention_years"))
    customer_years = int(get_setting(session, "rules.customer_retention_years"))
    delay = int(get_setting(session, "rules.reconsent_delay_months"))
    rows = session.execute(
        select(Contact.id, Contact.first_name, Contact.last_name, Contact.company, Contact.status,
               Contact.source_date, Contact.last_contact_on, Contact.customer_until)
        .where(past_retention_term(today, prospect_years, customer_years))
        .order_by(Contact.id)
    ).all()  # fmt: skip
    ids = [r.id for r in rows]
    letters = _letters(session, ids)
    askable = _reachable_by_post(session, ids, today) | _reachable_by_phone(session, ids, today)
    out = []
    for r in rows:
        if r.status == "customer":
            ended, why = (
                _years_after(r.customer_until, customer_years),
                f"fin de la relation client le {r.customer_until:%d/%m/%Y}",
            )
        elif r.last_contact_on and r.last_contact_on >= r.source_date:
            ended, why = (
                _years_after(r.last_contact_on, prospect_years),
                f"dernier contact de la personne le {r.last_contact_on:%d/%m/%Y}",
            )
        else:
            ended, why = _years_after(r.source_date, prospect_years), f"collecte le {r.source_date:%d/%m/%Y}"
        letter = letters.get(r.id)
        answer_by = add_months(letter, delay) if letter else None
        can = r.id in askable
        if not can:
            due, reason = True, "ne peut pas être interrogé (ni adresse utilisable ni appel permis)"
        elif answer_by is not None and today >= answer_by:
            due, reason = True, f"sans réponse positive depuis la lettre du {letter:%d/%m/%Y}"
        elif letter is None:
            due, reason = False, "lettre de renouvellement à envoyer"
        else:
            due, reason = False, f"réponse attendue jusqu'au {answer_by:%d/%m/%Y}"
        name = " ".join(x for x in (r.first_name, r.last_name) if x) or r.company
        out.append(PastTerm(r.id, name, r.status, ended, why, letter, answer_by, can, due, reason))  # fmt: skip
    return out


@dataclass
class RetentionOutcome:
    anonymised: list[PastTerm]
    dry_run: bool
    backup: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "anonymised": [p.to_dict() for p in self.anonymised],
                "count": len(self.anonymised), "backup": self.backup}  # fmt: skip


def apply_retention(
    session: Session, today: date | None = None, *, dry_run: bool = False
) -> RetentionOutcome:
    """docs/rules.md §6.4: anonymise (§5.5) everyone `past_term` marks due; their suppression entries stay
    when they objected or refused on a form (erase_contact keeps them). The caller takes the backup first."""
    today = today or business_date()
    due = [p for p in past_term(session, today) if p.due]
    if not dry_run:
        for p in due:
            erase_contact(session, p.contact_id, today)
    return RetentionOutcome(due, dry_run)


def record_answer(
    session: Session, contact_id: int, positive: bool, on: date | None = None, recorded_by: str = ""
) -> str:
    """The answer to the re-consent letter. Yes: a contact from the person, the term starts again (§6.1);
    no: they object to prospecting (§5.1), and `retention apply` anonymises them."""
    on = on or business_date()
    if on > business_date():
        raise InputError(f"La date de réponse {on:%d/%m/%Y} est dans le futur.")
    contact = session.get(Contact, contact_id)
    if contact is None or contact.erased_at is not None:
        raise NotFoundError(f"Aucun contact actif avec la référence {format_ref(contact_id)}.")
    if positive:
        contact.last_contact_on = max(on, contact.last_contact_on or on)
        if contact.status == "customer" and contact.customer_until is not None:
            contact.status = "prospect"  # the relationship is over; the term counts from this answer
        return f"{contact.ref} souhaite continuer à recevoir vos offres : conservé jusqu'à la prochaine échéance."
    record_opposition(session, contact_id, "all", "letter", on, recorded_by=recorded_by,
                      note="Réponse négative à la lettre de renouvellement")  # fmt: skip
    return f"{contact.ref} ne souhaite plus recevoir vos offres : opposition enregistrée."
