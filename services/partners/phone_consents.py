"""Phone numbers passed to partners who will call (docs/rules.md §1.6, C. conso. L223-1 since 11 Aug 2026).

A number goes to a partner only for a professional not opposed to calls, or for a consumer with a
valid consent to calls from that partner's category — the form's « j'accepte d'être appelé par vos
partenaires » box for that category, proven, from this business, not withdrawn, not expired (the one
expiry rule, §1.4). Its proof goes with it. When that consent ends (withdrawn, expired), every
partner that received the number is owed a notice (§5.3); an objection notifies by itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Form, FormVersion, Opposition
from models.contact import Contact
from models.partners import Partner, PropagationNotice, Transmission, TransmissionLine
from services.compliance.choices import SCOPES_COVERING
from services.compliance.consents import PARTNER_OPT_IN_PREFIX, consent_expired, consent_expires_at
from services.core.bulk import as_datetime, driver_rows
from services.core.clock import business_tz
from services.core.moments import day_in, from_utc_naive, to_utc_naive
from services.core.settings import get_setting
from services.partners.notices import identifier_value, overdue_date

PHONE_FIELDS = ("phone", "mobile")
# Why a number is not sent (codes in --json, French beside them).
REASONS = {
    "opposed_phone": "opposé(e) au démarchage téléphonique",
    "refused_phone": "a refusé le téléphone à la collecte",
    "no_partner_call_consent": "pas d'accord pour être appelé(e) par cette catégorie de partenaires",
    "consent_withdrawn": "accord d'appel des partenaires retiré",
    "consent_expired": "accord d'appel des partenaires expiré",
    "consent_unproven": "accord d'appel des partenaires sans preuve",
    "third_party_consent": "accord recueilli par un tiers, pas par l'entreprise",
}
# docs/rules.md §9.2 (Foriou): a consent a broker or a partner says it collected is not ours.
FOREIGN_CHANNELS = ("partner", "broker")


def calls_partner(fields: Iterable[str]) -> bool:
    """A partner whose agreed fields include a phone will telephone."""
    return any(f in PHONE_FIELDS for f in fields)


@dataclass(frozen=True)
class PhoneShare:
    """May this person's numbers go to this partner, on what basis, with what proof."""

    ok: bool
    reason: str = ""  # a REASONS code when not ok
    basis: str = ""  # professional, consent
    consent_id: int | None = None
    given_at: datetime | None = None  # aware UTC
    form: str = ""  # the form version the person answered
    expires_at: datetime | None = None  # aware UTC
    ended_at: datetime | None = None  # when a consent stopped counting (withdrawn, expired), aware UTC


PROFESSIONAL = PhoneShare(True, basis="professional")


def box_versions(session: Session, category: str) -> dict[int, str]:
    """The form versions that carried the partner-call box of this category: {id: "Form v2"}."""
    key = PARTNER_OPT_IN_PREFIX + category
    rows = session.execute(
        select(FormVersion.id, FormVersion.boxes, Form.name, FormVersion.number).join(
            Form, Form.id == FormVersion.form_id
        )
    )
    return {vid: f"{name} v{number}" for vid, boxes, name, number in rows
            if any(b.get("key") == key for b in json.loads(boxes or "[]"))}  # fmt: skip


def partner_call_status(
    session: Session, contact_ids: Iterable[int], category: str, now: datetime
) -> dict[int, PhoneShare]:
    """docs/rules.md §1.6: for each contact, may a partner of this category receive their numbers now.

    A few reads whatever the number of people: who is a professional, who is opposed to phone (the
    objections themselves, not a lookup per person), and one ordered pass over the records that answered
    the category's box or the phone refusal box — the latest answer on each box wins (the rule of
    services.compliance.choices, read in one pass as the phone decisions do).
    """
    ids = list(contact_ids)
    if not ids:
        return {}
    wanted = set(ids)
    professionals = set(session.scalars(select(Contact.id).where(Contact.person_kind == "professional")))
    opposed_ids = set(
        session.scalars(
            select(Opposition.contact_id).where(
                Opposition.scope.in_(SCOPES_COVERING["phone"]), Opposition.in_force
            )
        )
    )
    versions = box_versions(session, category)
    validity = int(get_setting(session, "rules.phone_consent_days"))
    now_stored = to_utc_naive(now)
    answers, refused = _category_answers(session, versions, category, wanted)
    out: dict[int, PhoneShare] = {}
    for cid in ids:
        if cid in opposed_ids:
            out[cid] = PhoneShare(False, "opposed_phone")
        elif cid in professionals:
            out[cid] = PhoneShare(False, "refused_phone") if cid in refused else PROFESSIONAL
        else:
            out[cid] = _consumer_share(answers.get(cid), versions, validity, now_stored)
    return out


class CategoryAnswer(NamedTuple):
    """A consumer's latest answer on one category's partner-call box, and what followed it."""

    record_id: int
    version_id: int
    ticked: bool
    given: datetime  # stored UTC, no zone
    channel: str
    proven: bool
    withdrawn_at: datetime | None  # the phone refusal box ticked on or after it (stored UTC)
    ever_ticked: bool  # an earlier answer ticked this box


def _category_answers(
    session: Session, versions: dict[int, str], category: str, wanted: set[int]
) -> tuple[dict[int, CategoryAnswer], set[int]]:
    """({contact: their latest answer on the category's box}, {contacts whose latest answer on the phone
    refusal box is yes}), one ordered pass over the records."""
    r = ConsentRecord
    q = (
        select(r.contact_id, r.id, r.form_version_id, r.accepted_partner_categories, r.refuse_phone,
               r.recorded_on, r.channel, r.proof, r.recorded_by)
        .where(or_(r.form_version_id.in_(list(versions) or [-1]), r.refuse_phone.is_not(None)))
        .order_by(r.contact_id, r.recorded_on, r.id)
    )  # fmt: skip
    out = {}
    refusing = set()
    ticks: dict[str, bool] = {}  # the same few category lists on thousands of records
    for cid, records in groupby(driver_rows(session, q), key=itemgetter(0)):
        if cid not in wanted:
            continue
        latest: CategoryAnswer | None = None
        ever = False
        refuses = False
        for _, rid, vid, cats, refuse, at, channel, proof, by in records:  # oldest first: the last wins
            given = as_datetime(at)
            assert given is not None
            if refuse is not None:
                refuses = bool(refuse)
            if vid in versions:
                ticked = ticks.get(cats)
                if ticked is None:
                    ticked = ticks[cats] = category in json.loads(cats or "[]")
                latest = CategoryAnswer(rid, vid, ticked, given, channel, bool(proof or by), None, ever)
                ever = ever or ticked
            if refuse and latest is not None and given >= latest.given and latest.withdrawn_at is None:
                latest = latest._replace(withdrawn_at=given)
        if latest is not None:
            out[cid] = latest
        if refuses:
            refusing.add(cid)
    return out, refusing


def _consumer_share(
    answer: CategoryAnswer | None, versions: dict[int, str], validity: int, now_stored: datetime
) -> PhoneShare:
    """docs/rules.md §1.6, §1.4, §9.2-§9.3: ticked, proven, ours, not withdrawn, not expired."""
    if answer is None:
        return PhoneShare(False, "no_partner_call_consent")
    if answer.withdrawn_at is not None:
        return PhoneShare(False, "consent_withdrawn", ended_at=from_utc_naive(answer.withdrawn_at))
    if not answer.ticked and answer.ever_ticked:  # a later form left the box unticked
        return PhoneShare(False, "consent_withdrawn", ended_at=from_utc_naive(answer.given))
    if not answer.ticked:
        return PhoneShare(False, "no_partner_call_consent")
    if answer.channel in FOREIGN_CHANNELS:
        return PhoneShare(False, "third_party_consent")
    if not answer.proven:
        return PhoneShare(False, "consent_unproven")
    if consent_expired(answer.given, now_stored, validity):
        ended = from_utc_naive(consent_expires_at(answer.given, validity))
        return PhoneShare(False, "consent_expired", ended_at=ended)
    return PhoneShare(
        True, basis="consent", consent_id=answer.record_id, given_at=from_utc_naive(answer.given),
        form=versions[answer.version_id],
        expires_at=from_utc_naive(consent_expires_at(answer.given, validity)),
    )  # fmt: skip


# --- when a consent ends: the partners that received the number are told ---------------------------


def notices_for_ended_phone_consents(session: Session, now: datetime) -> list[PropagationNotice]:
    """docs/rules.md §1.6, §5.3: every number sent to a partner whose basis has ended since — the
    consent withdrawn or expired, or never given (numbers sent before 0.2) — is owed one notice to that
    partner (« ne plus appeler »), due the day it ended. Created when the notices are listed or sent;
    once per number sent. An objection is left to its own notice."""
    rows = session.execute(
        select(TransmissionLine.id, TransmissionLine.contact_id, TransmissionLine.partner_id, Partner.category,
               Transmission.fields, Transmission.sent_on)
        .join(Transmission, Transmission.id == TransmissionLine.transmission_id)
        .join(Partner, Partner.id == TransmissionLine.partner_id)
        .join(Contact, Contact.id == TransmissionLine.contact_id)
        .where(TransmissionLine.phone_sent.is_(True), Contact.erased_at.is_(None))
        .where(~exists().where(PropagationNotice.line_id == TransmissionLine.id))
    ).all()  # fmt: skip
    by_category: dict[str, list[tuple]] = {}
    for row in rows:
        by_category.setdefault(row[3], []).append(row)
    notices = []
    tz = business_tz(session)
    for category, lines in by_category.items():
        status = partner_call_status(session, {r[1] for r in lines}, category, now)
        for line_id, cid, partner_id, _, fields_json, sent_on in lines:
            share = status[cid]
            if share.ok or share.reason == "opposed_phone":
                continue
            contact = session.get(Contact, cid)
            assert contact is not None
            ended = max(sent_on, day_in(share.ended_at or now, tz))
            fields = json.loads(fields_json)  # (a column that is never empty: « [] » by default)
            values = {f: identifier_value(contact, f) for f in fields}
            notice = PropagationNotice(
                contact_id=cid, partner_id=partner_id, event="consent_end", line_id=line_id,
                scope="phone", due_on=ended, overdue_on=overdue_date(session, ended),
                identifiers=json.dumps(values, ensure_ascii=False), detail=REASONS[share.reason],
            )  # fmt: skip
            session.add(notice)
            notices.append(notice)
    session.flush()
    return notices
