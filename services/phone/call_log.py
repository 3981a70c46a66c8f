"""The append-only call log: logging a call's outcome, the callbacks, and the calls register.

A call the rules forbid at that moment cannot be logged (docs/rules.md §1-§2): `log_call` raises InputError
with the reason and the next allowed moment, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.campaign import Campaign
from models.compliance import CONSENT_CHANNEL_LABELS, ConsentRecord, Form, FormVersion
from models.contact import Contact, format_ref
from models.phone import CALL_OUTCOME_LABELS, CALL_OUTCOMES, CALL_SOURCES, Callback, CallLogEntry, Contract
from services.compliance.oppositions import record_opposition
from services.contacts.search import search_text_for
from services.core.clock import business_zone
from services.core.errors import InputError, NotFoundError
from services.core.spreadsheet import Column, write_table
from services.core.stamp import register_stamp
from services.phone.calendar import Place, why_not_now
from services.phone.decision import CallDecision, decide_one
from services.phone.scripts import record_heard

OUTCOME_LABELS = CALL_OUTCOME_LABELS
SOURCE_LABELS = {"in-house": "en interne", "call-centre": "centre d'appels"}


def check_outcome(outcome: str) -> str:
    if outcome not in CALL_OUTCOMES:
        raise InputError(f"Résultat d'appel inconnu « {outcome} » : {', '.join(CALL_OUTCOMES)}.")
    return outcome


def refusal_message(decision: CallDecision, now: datetime) -> str:
    """Why the call cannot be logged, and from when it could be (one French sentence)."""
    return decision.message(now)


@dataclass(frozen=True)
class LoggedCall:
    entry: CallLogEntry
    decision: CallDecision
    opposition_id: int | None = None
    cleared_number: str = ""


def check_callback_moment(callback_at: datetime, now: datetime, place: Place) -> None:
    """docs/rules.md §2: a callback is a call too: later than now, on a calling day and hour of the callee."""
    if callback_at <= now:
        raise InputError("La date du rappel doit être dans le futur.")
    local = callback_at.astimezone(place.tz)
    why = why_not_now(local, place)
    if why:
        raise InputError(f"Rappel impossible à ce moment : {why}.")


def log_call(
    session: Session,
    contact_id: int,
    outcome: str,
    now: datetime,
    *,
    caller: str = "",
    campaign: Campaign | None = None,
    callback_at: datetime | None = None,
    note: str = "",
    source: str = "in-house",
    source_file: str = "",
    enforce: bool = True,
) -> LoggedCall:
    """Log one call made at `now` (aware). docs/rules.md §2: refused when the rules forbid it then.

    With enforce=False (a call centre's file: the call happened) it is logged with the breach noted.
    do-not-call records an objection (channel phone, docs/rules.md §5.1); wrong-number clears the number.
    """
    check_outcome(outcome)
    if source not in CALL_SOURCES:
        raise InputError(f"Origine d'appel inconnue « {source} ».")
    decision = decide_one(
        session, contact_id, campaign.subject if campaign else "", now,
        campaign.subject_category if campaign else "other",
    )  # fmt: skip
    if not decision.allowed and enforce:
        raise InputError(refusal_message(decision, now))
    if outcome == "callback":
        if callback_at is None:
            raise InputError("Un rappel demande une date et une heure (--callback-at).")
        check_callback_moment(callback_at, now, decision.place)
    contact = session.get(Contact, contact_id)
    assert contact is not None  # decide_one found it
    elig = decision.eligibility
    entry = CallLogEntry(
        contact_id=contact_id,
        called_at=now,
        callee_zone=decision.place.zone,
        phone=decision.number,
        caller=caller.strip()[:80],
        campaign_id=campaign.id if campaign else None,
        outcome=outcome,
        basis=elig.basis if elig.eligible else "none",
        consent_record_id=elig.consent_id,
        contract_id=elig.contract_id,
        source=source,
        source_file=source_file[:255],
        breach="" if decision.allowed else decision.message(now),
        note=note.strip(),
    )
    session.add(entry)
    session.flush()
    # A pending callback is answered by this call.
    session.execute(
        update(Callback)
        .where(Callback.contact_id == contact_id, Callback.done_by_call_id.is_(None))
        .values(done_by_call_id=entry.id)
    )
    if outcome == "callback" and callback_at is not None:
        session.add(
            Callback(
                contact_id=contact_id,
                call_id=entry.id,
                campaign_id=entry.campaign_id,
                due_at=callback_at,
            )
        )
    # docs/rules.md §3.2: the first call of someone from a third party carried the notice.
    record_heard(session, contact, outcome, now.astimezone(ZoneInfo(business_zone(session))).date())
    opposition_id = None
    if outcome == "do-not-call":
        opposition_id = record_do_not_call(session, contact_id, now, caller)
    cleared = ""
    if outcome == "wrong-number" and decision.number:
        cleared = clear_number(session, contact, decision.number)
    session.flush()
    return LoggedCall(entry, decision, opposition_id, cleared)


def record_do_not_call(session: Session, contact_id: int, now: datetime, caller: str) -> int:
    """docs/rules.md §2.4, §5: « ne plus m'appeler » is an objection, channel phone: permanent, everywhere."""
    local_day = now.astimezone(ZoneInfo(business_zone(session))).date()
    outcome = record_opposition(
        session,
        contact_id,
        scope="phone",
        channel="phone",
        received_on=local_day,
        recorded_by=caller,
        note="« Ne plus m'appeler » dit pendant un appel de prospection",
    )
    return outcome.opposition.id


def clear_number(session: Session, contact: Contact, number: str) -> str:
    """A wrong number is removed from the contact (the other number, if any, stays)."""
    for field in ("mobile", "phone"):
        if getattr(contact, field) == number:
            setattr(contact, field, "")
    values = {k: getattr(contact, k) for k in ("first_name", "last_name", "company", "city", "postcode",
                                                "email", "phone", "mobile")}  # fmt: skip
    contact.search_text = search_text_for(values)
    return number


def pending_callbacks(session: Session, now: datetime, limit: int = 50) -> list[tuple[int, datetime]]:
    """Callbacks due by `now` and not yet made: (contact id, due moment UTC aware), oldest first."""
    rows = session.execute(
        select(Callback.contact_id, Callback.due_at)
        .where(Callback.done_by_call_id.is_(None), Callback.due_at <= now)
        .order_by(Callback.due_at)
        .limit(limit)
    )
    return [(cid, due) for cid, due in rows]


# --- the calls register (docs/rules.md §1.4: the basis of each call is kept, with its proof) -----------

REGISTER_COLUMNS = [
    Column("Référence"),
    Column("Personne"),
    Column("Numéro appelé"),
    Column("Date et heure (entreprise)", "datetime"),
    Column("Heure chez la personne"),
    Column("Fuseau de la personne"),
    Column("Appelant"),
    Column("Campagne"),
    Column("Résultat"),
    Column("Base légale"),
    Column("Origine"),
    Column("Hors règles"),
]


def basis_text(basis: str, consent_id: int | None, consent_on: datetime | None, contract_id: int | None,
               contract_subject: str | None) -> str:  # fmt: skip
    """The basis of a call in words, pointing at its proof."""
    if basis == "consent" and consent_id:
        on = f" du {consent_on:%d/%m/%Y}" if consent_on else ""
        return f"consentement n° {consent_id}{on}"
    if basis == "contract" and contract_id:
        return f"contrat n° {contract_id} ({contract_subject or ''})"
    if basis == "professional":
        return "professionnel (opposition possible)"
    return "aucune"


def register_rows(session: Session, business_tz: str) -> Any:
    """Every logged call, oldest first, as register rows."""
    tz = ZoneInfo(business_tz)
    q = (
        select(
            CallLogEntry,
            Contact.civility,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Campaign.name,
            ConsentRecord.recorded_on,
            Contract.subject,
        )
        .join(Contact, Contact.id == CallLogEntry.contact_id)
        .outerjoin(Campaign, Campaign.id == CallLogEntry.campaign_id)
        .outerjoin(ConsentRecord, ConsentRecord.id == CallLogEntry.consent_record_id)
        .outerjoin(Contract, Contract.id == CallLogEntry.contract_id)
        .order_by(CallLogEntry.called_at, CallLogEntry.id)
    )
    for e, civ, first, last, company, campaign, consent_on, subject in session.execute(q).yield_per(2000):
        at = e.called_at
        name = " ".join(x for x in (civ, first, last) if x)
        if company:
            name = f"{company} ({name})" if name else company
        yield (
            format_ref(e.contact_id),
            name,
            e.phone,
            at.astimezone(tz).replace(tzinfo=None),
            at.astimezone(ZoneInfo(e.callee_zone)).strftime("%d/%m/%Y %H:%M"),
            e.callee_zone,
            e.caller,
            campaign or "",
            OUTCOME_LABELS.get(e.outcome, e.outcome),
            basis_text(e.basis, e.consent_record_id, consent_on, e.contract_id, subject),
            SOURCE_LABELS.get(e.source, e.source) + (f" ({e.source_file})" if e.source_file else ""),
            e.breach,
        )


def write_calls_register(session: Session, path: Path, progress: Callable[[int], bool] | None = None) -> int:
    """The calls register (.xlsx, or .csv by extension): person, time, caller, campaign, outcome, basis."""
    rows = list(register_rows(session, business_zone(session)))
    write_table(path, "Registre des appels", REGISTER_COLUMNS, rows, progress, register_stamp(session))
    return len(rows)


def get_campaign(session: Session, name: str) -> Campaign:
    campaign = session.scalar(select(Campaign).where(Campaign.kind == "phone", Campaign.name == name))
    if campaign is None:
        raise NotFoundError(f"Aucune campagne téléphonique nommée « {name} ».")
    return campaign


def describe_basis(session: Session, decision: CallDecision) -> str:
    """docs/rules.md §1.4: what makes this call lawful, with its proof, for the caller's screen."""
    elig = decision.eligibility
    if elig.basis == "consent" and elig.consent_id:
        record = session.get(ConsentRecord, elig.consent_id)
        if record is None:
            return "consentement introuvable"
        form = ""
        if record.form_version_id:
            version = session.get(FormVersion, record.form_version_id)
            f = session.get(Form, version.form_id) if version else None
            form = f" sur « {f.name} » (version {version.number})" if f and version else ""
        local = record.recorded_on.astimezone(decision.place.tz)
        who = f", recueilli par {record.recorded_by}" if record.recorded_by else ""
        proof = f" — preuve : {record.proof}" if record.proof else ""
        return f"Consentement n° {record.id} du {local:%d/%m/%Y à %H:%M}{form}, canal {CONSENT_CHANNEL_LABELS.get(record.channel, record.channel)}{who}{proof}."
    if elig.basis == "contract" and elig.contract_id:
        contract = session.get(Contract, elig.contract_id)
        if contract is None:
            return "contrat introuvable"
        end = f"au {contract.end_on:%d/%m/%Y}" if contract.end_on else "sans date de fin"
        return f"Contrat en cours n° {contract.id} : « {contract.subject} », du {contract.start_on:%d/%m/%Y} {end}."
    if elig.basis == "professional":
        return "Numéro professionnel : prospection possible tant que la personne ne s'y oppose pas."
    return elig.reason


def last_calls(session: Session, contact_id: int, limit: int = 5) -> list[tuple[datetime, str, str]]:
    """The person's latest calls (UTC aware, outcome label, caller), newest first."""
    rows = session.execute(
        select(CallLogEntry.called_at, CallLogEntry.outcome, CallLogEntry.caller)
        .where(CallLogEntry.contact_id == contact_id)
        .order_by(CallLogEntry.called_at.desc(), CallLogEntry.id.desc())
        .limit(limit)
    )
    return [(at, OUTCOME_LABELS.get(o, o), c) for at, o, c in rows]
