"""Recording an objection (docs/rules.md §5.1): effective at once, on the suppression list, propagated to partners."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.compliance import OPPOSITION_CHANNELS, OPPOSITION_SCOPES, Opposition
from models.contact import Contact, format_ref
from models.partners import Partner, PropagationNotice
from services.compliance.suppression import add_to_suppression_list, suppression_keys
from services.contacts.history import CHANNEL_LABELS, SCOPE_LABELS
from services.core.errors import InputError, NotFoundError
from services.core.locks import hold
from services.core.moments import business_date
from services.partners.notices import create_notices


@dataclass
class OppositionOutcome:
    opposition: Opposition
    notices: list[PropagationNotice] = field(default_factory=list)


def check_scope(scope: str) -> str:
    """docs/rules.md §5.1: an objection covers all prospecting, post, phone, or transmission to partners."""
    if scope not in OPPOSITION_SCOPES:
        choices = ", ".join(f"{k} ({v})" for k, v in SCOPE_LABELS.items())
        raise InputError(f"Portée d'opposition inconnue « {scope} » : {choices}.")
    return scope


def check_channel(channel: str) -> str:
    """docs/rules.md §5.1: an objection is valid whatever way it arrives; the channel is recorded."""
    if channel not in OPPOSITION_CHANNELS:
        choices = ", ".join(f"{k} ({v})" for k, v in CHANNEL_LABELS.items())
        raise InputError(f"Canal de réception inconnu « {channel} » : {choices}.")
    return channel


def contact_suppression_keys(contact: Contact) -> list[tuple[str, str]]:
    """docs/rules.md §5.2: the hashes that let the objection outlive the contact (email, phones, name+postcode)."""
    return suppression_keys(
        email=contact.email,
        phones=[p for p in (contact.phone, contact.mobile) if p],
        last_name=contact.last_name,
        first_name=contact.first_name,
        postcode=contact.postcode,
    )


def record_opposition(
    session: Session,
    contact_id: int,
    scope: str,
    channel: str,
    received_on: date,
    recorded_by: str = "",
    note: str = "",
    from_partner_id: int | None = None,
) -> OppositionOutcome:
    """Record an objection: effective at once everywhere, hashed on the suppression list, and one
    notice created per partner that received the contact (not back to the partner who told us)."""
    check_scope(scope)
    check_channel(channel)
    hold(session, "objections")  # a transmission or a campaign recording now sees it (docs/rules.md §5.1)
    if received_on > business_date():
        raise InputError(f"La date de réception {received_on:%d/%m/%Y} est dans le futur.")
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
    if from_partner_id is not None and session.get(Partner, from_partner_id) is None:
        raise NotFoundError(f"Partenaire inconnu (n° {from_partner_id}).")
    opposition = Opposition(
        contact_id=contact_id,
        scope=scope,
        received_on=received_on,
        channel=channel,
        recorded_by=recorded_by.strip()[:80],
        note=note.strip(),
        from_partner_id=from_partner_id,
    )
    session.add(opposition)
    session.flush()
    if contact.erased_at is None:
        add_to_suppression_list(
            session, contact_suppression_keys(contact), scope, received_on, opposition_id=opposition.id
        )
    notices = create_notices(
        session,
        contact,
        "opposition",
        received_on,
        opposition_id=opposition.id,
        scope=scope,
        exclude_partner_id=from_partner_id,
    )
    return OppositionOutcome(opposition, notices)


def covering_opposition(session: Session, contact_id: int, scope: str) -> Opposition | None:
    """docs/rules.md §5.1: an active objection that already covers this scope (to warn before a duplicate)."""
    covering = (scope, "all")  # « all » covers every scope (for « all » itself: the same scope)
    return session.scalars(
        select(Opposition)
        .where(
            Opposition.contact_id == contact_id,
            Opposition.scope.in_(covering),
            Opposition.in_force,
        )
        .order_by(Opposition.received_on)
        .limit(1)
    ).first()


VOID_LABELS = {"moved": "corrigée (erreur de saisie)", "cancelled": "annulée (erreur de saisie)"}


def opposition_state(o: Opposition) -> str:
    """docs/rules.md §5.1, §5.10: in force, lifted by a later consent, or voided as a typing error — in French."""
    if o.voided_at is not None:
        return VOID_LABELS.get(o.void_kind, "annulée (erreur de saisie)")
    if o.lifted_by_consent_id is not None:
        return f"levée par le consentement n° {o.lifted_by_consent_id}"
    return "en vigueur"
