"""Correcting an objection recorded on the wrong person by a typing error (docs/rules.md §5.10).

A mistyped reference on a scanned reply slip records an objection on someone who never objected, while
the person who did is still prospected. Within the day it was recorded, with a reason, the objection
is either moved to the right person (who keeps it, effective at once) or cancelled when nobody objected.
Nothing is deleted: the objection stays, voided with why, when and by whom, in the journal and the
registers; the notices it created are withdrawn if not yet sent, otherwise a correction is owed to the
partner; the suppression entries it added are taken back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.compliance import Opposition, SuppressionEntry
from models.contact import Contact, format_ref
from models.partners import PropagationNotice
from services.compliance.oppositions import covering_opposition, record_opposition
from services.core.clock import business_tz
from services.core.errors import InputError, NotFoundError
from services.core.locks import hold
from services.core.moments import day_in
from services.core.moments import now as now_utc
from services.partners.notices import overdue_date

MIN_REASON = 5  # a word or two: the register must say why (§5.10)


@dataclass
class CorrectionOutcome:
    voided: Opposition
    kind: str  # "moved" or "cancelled"
    moved_to: Opposition | None = None
    moved_to_existing: bool = False  # the right person had already objected: nothing new recorded
    new_notices: list[PropagationNotice] = field(default_factory=list)
    withdrawn: list[PropagationNotice] = field(default_factory=list)
    corrections: list[PropagationNotice] = field(default_factory=list)
    suppression_removed: int = 0


def correctable_until(session: Session, opposition: Opposition) -> date:
    """§5.10: an objection can be corrected on the day it was recorded (the business's calendar day)."""
    return day_in(opposition.created_at, business_tz(session))


def why_not_correctable(session: Session, opposition: Opposition, at: datetime | None = None) -> str:
    """The reason this objection cannot be corrected now, in French; "" when it can (§5.10)."""
    if opposition.voided_at is not None:
        return f"L'opposition n° {opposition.id} a déjà été corrigée."
    if opposition.lifted_by_consent_id is not None:
        return f"L'opposition n° {opposition.id} a été levée par un consentement : elle ne se corrige plus."
    tz = business_tz(session)
    if day_in(at or now_utc(), tz) != correctable_until(session, opposition):
        return (
            f"L'opposition n° {opposition.id} a été saisie le {correctable_until(session, opposition):%d/%m/%Y} : "
            "une erreur de saisie se corrige le jour même ; ensuite l'opposition reste en vigueur."
        )
    contact = session.get(Contact, opposition.contact_id)
    if contact is not None and contact.erased_at is not None:
        return f"{format_ref(opposition.contact_id)} a été effacé depuis : l'opposition ne se corrige plus."
    return ""


def correct_opposition(
    session: Session,
    opposition_id: int,
    reason: str,
    *,
    move_to_contact_id: int | None = None,
    by: str = "",
    at: datetime | None = None,
) -> CorrectionOutcome:
    """§5.10: void an objection typed on the wrong person, moving it to `move_to_contact_id` (the real
    objector, effective at once) or cancelling it when nobody objected."""
    hold(session, "objections")  # like recording one: a transmission being made sees the change whole
    at = at or now_utc()
    opposition = session.get(Opposition, opposition_id)
    if opposition is None:
        raise NotFoundError(f"Aucune opposition n° {opposition_id}.")
    refused = why_not_correctable(session, opposition, at)
    if refused:
        raise InputError(refused)
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON:
        raise InputError("Indiquez le motif de la correction (par exemple « référence mal scannée »).")
    outcome = CorrectionOutcome(opposition, "moved" if move_to_contact_id is not None else "cancelled")
    if move_to_contact_id is not None:
        _move(session, opposition, move_to_contact_id, reason, by, outcome)
    opposition.voided_at = at
    opposition.void_kind = outcome.kind
    opposition.void_reason = reason
    opposition.voided_by = by.strip()[:80]
    opposition.moved_to_id = outcome.moved_to.id if outcome.moved_to else None
    _take_back_notices(session, opposition, day_in(at, business_tz(session)), outcome)
    outcome.suppression_removed = _take_back_suppression(session, opposition)
    session.flush()
    return outcome


def _move(
    session: Session, wrong: Opposition, contact_id: int, reason: str, by: str, outcome: CorrectionOutcome
) -> None:
    """§5.1: the real objector's objection takes effect at once, dated the day it was received."""
    if contact_id == wrong.contact_id:
        raise InputError("Choisissez une autre personne que celle de l'opposition à corriger.")
    target = session.get(Contact, contact_id)
    if target is None:
        raise NotFoundError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
    if target.erased_at is not None:
        raise InputError(f"{target.ref} a été effacé : l'opposition reste sur la liste d'opposition.")
    existing = covering_opposition(session, contact_id, wrong.scope)
    if existing is not None:
        outcome.moved_to, outcome.moved_to_existing = existing, True
        return
    note = f"Reportée de l'opposition n° {wrong.id}, saisie par erreur sur {format_ref(wrong.contact_id)} ({reason})."
    recorded = record_opposition(
        session, contact_id, wrong.scope, wrong.channel, wrong.received_on, recorded_by=by,
        note=f"{note} {wrong.note}".strip(), from_partner_id=wrong.from_partner_id,
    )  # fmt: skip
    outcome.moved_to, outcome.new_notices = recorded.opposition, recorded.notices


def _take_back_notices(session: Session, wrong: Opposition, today: date, outcome: CorrectionOutcome) -> None:
    """§5.3, §5.10: a notice not sent is withdrawn; a partner already told is owed a correction."""
    notices = session.scalars(
        select(PropagationNotice)
        .where(PropagationNotice.opposition_id == wrong.id)
        .order_by(PropagationNotice.id)
    )
    for notice in notices:
        if notice.sent_on is None:
            notice.withdrawn_on = today
            outcome.withdrawn.append(notice)
            continue
        correction = PropagationNotice(
            contact_id=notice.contact_id,
            partner_id=notice.partner_id,
            event="correction",
            scope=notice.scope,
            due_on=today,
            overdue_on=overdue_date(session, today),
            identifiers=notice.identifiers,
            detail=(
                f"Notre notification n° {notice.id} du {notice.sent_on:%d/%m/%Y} (opposition) était une erreur "
                "de saisie : cette personne ne s'est pas opposée. Merci de ne pas en tenir compte."
            ),
        )
        session.add(correction)
        outcome.corrections.append(correction)


def _take_back_suppression(session: Session, wrong: Opposition) -> int:
    """§5.2, §5.10: the entries this objection added go, unless another objection of the same person in
    force covers the same scope (they then stay, as that one's)."""
    still = session.scalar(
        select(Opposition.id).where(
            Opposition.contact_id == wrong.contact_id,
            Opposition.id != wrong.id,
            Opposition.scope == wrong.scope,
            Opposition.in_force,
        )
    )
    if still is not None:
        for entry in session.scalars(
            select(SuppressionEntry).where(SuppressionEntry.opposition_id == wrong.id)
        ):
            entry.opposition_id = still
        return 0
    # One by one through the session, so that the journal records each (docs/rules.md §10.2).
    entries = list(
        session.scalars(select(SuppressionEntry).where(SuppressionEntry.opposition_id == wrong.id))
    )
    for entry in entries:
        session.delete(entry)
    return len(entries)
