"""Notices owed to partners after an objection, an erasure or a rectification (docs/rules.md §5.3, art. 19).

Every notice is created at once, due the day the event was received, and overdue after a number of
working days (*setting* rules.propagation_overdue_days). The notice keeps a copy of the identifiers
the partner received, so that it can still name the person after an erasure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from models.contact import Contact, format_ref
from models.partners import Partner, PropagationNotice, Transmission, TransmissionLine
from services.contacts.record import display_name
from services.core.errors import InputError, NotFoundError
from services.core.moments import business_date
from services.core.settings import get_setting
from services.core.workdays import add_working_days
from services.partners.directory import SHAREABLE_FIELDS

# "correction": an objection already notified was a typing error (docs/rules.md §5.10).
EVENTS = ("opposition", "erasure", "rectification", "consent_end", "correction")
EVENT_LABELS = {
    "opposition": "opposition", "erasure": "effacement", "rectification": "rectification",
    "consent_end": "fin de l'accord d'appel", "correction": "correction (erreur de saisie)",
}  # fmt: skip
STATUSES = ("pending", "sent", "acknowledged", "overdue", "withdrawn")
STATUS_LABELS = {
    "pending": "à envoyer",
    "sent": "envoyée",
    "acknowledged": "accusé de réception",
    "overdue": "en retard",
    "withdrawn": "retirée (erreur de saisie)",
}


def identifier_value(contact: Contact, field: str) -> str:
    """The value of one transmittable field of a contact ("ref" is the contact's reference)."""
    if field == "ref":
        return contact.ref
    return str(getattr(contact, field, "") or "")


def transmitted_fields_by_partner(session: Session, contact_id: int) -> dict[int, list[str]]:
    """docs/rules.md §5.3: every partner this contact was transmitted to, with the fields it received."""
    rows = session.execute(
        select(TransmissionLine.partner_id, Transmission.fields, TransmissionLine.phone_sent)
        .join(Transmission, Transmission.id == TransmissionLine.transmission_id)
        .where(TransmissionLine.contact_id == contact_id)
    )
    out: dict[int, list[str]] = {}
    for partner_id, fields_json, phone_sent in rows:
        fields = out.setdefault(partner_id, [])
        for f in json.loads(fields_json or "[]"):
            # docs/rules.md §1.6: a line sent without the numbers did not give them to the partner.
            if f not in fields and (phone_sent or f not in ("phone", "mobile")):
                fields.append(f)
    return out


def overdue_date(session: Session, due_on: date) -> date:
    """docs/rules.md §5.3: a notice not sent within N working days (*setting*) of its due date is overdue."""
    return add_working_days(due_on, int(get_setting(session, "rules.propagation_overdue_days")))


def create_notices(
    session: Session,
    contact: Contact,
    event: str,
    received_on: date,
    *,
    opposition_id: int | None = None,
    scope: str = "",
    exclude_partner_id: int | None = None,
    detail: str = "",
    identifiers: dict[str, Any] | None = None,
) -> list[PropagationNotice]:
    """docs/rules.md §5.3: one notice per partner that received the contact, at once (never twice per opposition).

    identifiers: the values to quote (field -> value) when the contact is about to change (rectification,
    erasure); by default the contact's current values of the fields each partner received.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown propagation event {event!r}")
    by_partner = transmitted_fields_by_partner(session, contact.id)
    if exclude_partner_id is not None:
        # docs/rules.md §5.3: a partner's own notice is not sent back to it.
        by_partner.pop(exclude_partner_id, None)
    if not by_partner:
        return []
    if opposition_id is not None:
        already = set(
            session.scalars(
                select(PropagationNotice.partner_id).where(PropagationNotice.opposition_id == opposition_id)
            )
        )
        for partner_id in already:
            by_partner.pop(partner_id, None)
    overdue_on = overdue_date(session, received_on)
    notices = []
    for partner_id, fields in sorted(by_partner.items()):
        values = {f: (identifiers or {}).get(f, identifier_value(contact, f)) for f in fields}
        notice = PropagationNotice(
            contact_id=contact.id,
            partner_id=partner_id,
            event=event,
            opposition_id=opposition_id,
            scope=scope,
            due_on=received_on,
            overdue_on=overdue_on,
            identifiers=json.dumps(values, ensure_ascii=False),
            detail=detail,
            method="",
        )
        session.add(notice)
        notices.append(notice)
    session.flush()
    return notices


# --- status ----------------------------------------------------------------------------------------


def notice_status(notice: PropagationNotice, today: date) -> str:
    """docs/rules.md §5.3: acknowledged, sent, overdue (not sent after its overdue date), or pending;
    withdrawn when its objection was voided as a typing error before it went (§5.10)."""
    if notice.withdrawn_on is not None:
        return "withdrawn"
    if notice.acknowledged_on is not None:
        return "acknowledged"
    if notice.sent_on is not None:
        return "sent"
    if today > notice.overdue_on:
        return "overdue"
    return "pending"


def status_condition(status: str, today: date) -> ColumnElement[bool]:
    """The SQL condition for one status (the same rule as notice_status, for lists)."""
    n = PropagationNotice
    owed = n.withdrawn_on.is_(None)
    if status == "withdrawn":
        return n.withdrawn_on.is_not(None)
    if status == "acknowledged":
        return and_(n.acknowledged_on.is_not(None), owed)
    if status == "sent":
        return and_(n.sent_on.is_not(None), n.acknowledged_on.is_(None), owed)
    if status == "overdue":
        return and_(n.sent_on.is_(None), n.acknowledged_on.is_(None), owed, n.overdue_on < today)
    if status == "pending":
        return and_(n.sent_on.is_(None), n.acknowledged_on.is_(None), owed, n.overdue_on >= today)
    if status == "to_send":  # pending and overdue together: what is left to send
        return and_(n.sent_on.is_(None), n.acknowledged_on.is_(None), owed)
    raise ValueError(status)


@dataclass(frozen=True)
class NoticeView:
    """One notice as the lists show it."""

    id: int
    contact_ref: str
    partner: str
    event: str
    scope: str
    due_on: date
    overdue_on: date
    sent_on: date | None
    method: str
    acknowledged_on: date | None
    status: str
    contact_name: str = ""  # « (effacé) » once the person is erased

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact": self.contact_ref,
            "contact_name": self.contact_name,
            "partner": self.partner,
            "event": self.event,
            "scope": self.scope,
            "due": self.due_on.isoformat(),
            "overdue_on": self.overdue_on.isoformat(),
            "sent_on": self.sent_on.isoformat() if self.sent_on else None,
            "method": self.method,
            "acknowledged_on": self.acknowledged_on.isoformat() if self.acknowledged_on else None,
            "status": self.status,
            "overdue": self.status == "overdue",
        }


def list_notices(
    session: Session, status: str = "", today: date | None = None, partner_id: int | None = None
) -> list[NoticeView]:
    """Notices, overdue and oldest first; status: "", pending, to_send, sent, acknowledged, overdue."""
    today = today or business_date()
    q = (
        select(PropagationNotice, Partner.name, Contact)
        .join(Partner, Partner.id == PropagationNotice.partner_id)
        .outerjoin(Contact, Contact.id == PropagationNotice.contact_id)
    )
    if status:
        if status not in (*STATUSES, "to_send"):
            raise InputError(
                f"Statut inconnu « {status} » : pending, sent, acknowledged, overdue ou withdrawn."
            )
        q = q.where(status_condition(status, today))
    if partner_id is not None:
        q = q.where(PropagationNotice.partner_id == partner_id)
    q = q.order_by(PropagationNotice.overdue_on, PropagationNotice.id)
    views = [
        NoticeView(
            n.id,
            format_ref(n.contact_id),
            name,
            n.event,
            n.scope,
            n.due_on,
            n.overdue_on,
            n.sent_on,
            n.method,
            n.acknowledged_on,
            notice_status(n, today),
            "(effacé)" if contact is None or contact.erased_at else display_name(contact),
        )
        for n, name, contact in session.execute(q)
    ]
    order = {"overdue": 0, "pending": 1, "sent": 2, "acknowledged": 3, "withdrawn": 4}
    return sorted(views, key=lambda v: order[v.status])


def acknowledge(session: Session, notice_id: int, on: date | None = None) -> PropagationNotice:
    """Record the partner's acknowledgement; an erasure notice then forgets the identifiers it quoted."""
    notice = session.get(PropagationNotice, notice_id)
    if notice is None:
        raise NotFoundError(f"Notification inconnue (n° {notice_id}).")
    on = on or business_date()
    if notice.sent_on is None:
        raise InputError(f"La notification n° {notice_id} n'a pas encore été envoyée.")
    if on < notice.sent_on or on > business_date():
        raise InputError(f"Date d'accusé de réception invalide : {on:%d/%m/%Y}.")
    notice.acknowledged_on = on
    if notice.event == "erasure":
        # docs/rules.md §5.3: after an erasure, keep only what proves the partner was told.
        notice.identifiers = "{}"
    session.flush()
    return notice


def identifier_snapshot(contact: Contact) -> dict[str, str]:
    """The values a partner may hold, before an edit (to quote them in a rectification notice)."""
    return {f: identifier_value(contact, f) for f in SHAREABLE_FIELDS}


def rectification_notices(
    session: Session, contact: Contact, before: dict[str, str], on: date | None = None
) -> list[PropagationNotice]:
    """docs/rules.md §5.3 (art. 19): a change to a field a partner received is notified to that partner,
    quoting the values it holds and the new ones."""
    if contact.erased_at is not None:
        return []
    on = on or business_date()
    after = identifier_snapshot(contact)  # the same fields as `before` (identifier_snapshot too)
    changed = {f for f in before if before[f] != after[f]}
    if not changed:
        return []
    notices = []
    overdue_on = overdue_date(session, on)
    for partner_id, fields in sorted(transmitted_fields_by_partner(session, contact.id).items()):
        relevant = [f for f in fields if f in changed]
        if not relevant:
            continue
        detail = "; ".join(f"{SHAREABLE_FIELDS[f]} : {before[f]} → {after[f]}" for f in relevant)
        notice = PropagationNotice(
            contact_id=contact.id,
            partner_id=partner_id,
            event="rectification",
            due_on=on,
            overdue_on=overdue_on,
            detail=detail,
            # (.get: a file sent by an older version may name a field no longer shareable)
            identifiers=json.dumps({f: before.get(f, "") for f in fields}, ensure_ascii=False),
        )
        session.add(notice)
        notices.append(notice)
    session.flush()
    return notices
