"""A contact's dated history: sources, consents, oppositions, information given, transmissions, notices,
contracts and calls."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.compliance import (
    CONSENT_CHANNEL_LABELS,
    INFORMED_DOCUMENT_LABELS,
    ConsentRecord,
    InformedRecord,
    Opposition,
)
from models.contact import Contact, ContactSource
from models.partners import Partner, PropagationNotice, Transmission, TransmissionLine
from models.phone import CALL_OUTCOME_LABELS, CallLogEntry, Contract
from services.core.moments import iso_utc

SCOPE_LABELS = {
    "all": "toute prospection",
    "post": "courrier",
    "phone": "téléphone",
    "partners": "transmission aux partenaires",
}
CHANNEL_LABELS = {
    "letter": "lettre", "slip": "coupon-réponse", "phone": "téléphone", "email": "e-mail",
    "in-person": "en personne", "partner": "notification d'un partenaire", "file": "fichier importé",
}  # fmt: skip


@dataclass(frozen=True)
class HistoryEvent:
    when: datetime
    kind: str  # created, source, consent, opposition, informed, transmission, notice, contract, call
    text: str

    def to_dict(self) -> dict[str, str | None]:
        return {"when": iso_utc(self.when), "kind": self.kind, "text": self.text}


def _at(d: date | datetime) -> datetime:
    """A day-only event (a source's date, an objection's receipt) placed at noon UTC: it then falls on the
    same calendar day in every French time zone, and sorts among the day's timed events."""
    return d if isinstance(d, datetime) else datetime(d.year, d.month, d.day, 12, tzinfo=UTC)


def _consent_text(r: ConsentRecord) -> str:
    answers = []
    for key, label in (
        ("refuse_post", "refus courrier"), ("refuse_phone", "refus téléphone"),
        ("refuse_partners", "refus partenaires"), ("accept_phone", "accord téléphone"),
    ):  # fmt: skip
        value = getattr(r, key)
        if value is not None:
            answers.append(f"{label} : {'oui' if value else 'non'}")
    cats = json.loads(r.accepted_partner_categories or "[]")
    if cats:
        answers.append("accord appels partenaires : " + ", ".join(cats))
    form = (
        f"formulaire v{r.form_version.number} « {r.form_version.form.name} »"
        if r.form_version
        else "sans formulaire"
    )
    proof = {"file": "preuve : scan", "web_id": "preuve : formulaire web", "note": "preuve : note"}.get(
        r.proof_kind, ""
    )
    proof = f"{proof} {r.proof}".strip() if r.proof else ""
    who = f", saisi par {r.recorded_by}" if r.recorded_by else ""
    channel = CONSENT_CHANNEL_LABELS.get(r.channel, r.channel)
    text = f"Consentement ({form}, {channel}{who}) : " + "; ".join(answers)
    return f"{text} — {proof}" if proof else text


def contact_history(session: Session, contact: Contact) -> list[HistoryEvent]:
    """Everything recorded about the contact, oldest first."""
    cid = contact.id
    events = [HistoryEvent(contact.created_at, "created", f"Fiche créée ({contact.ref})")]
    for s in session.scalars(select(ContactSource).where(ContactSource.contact_id == cid)):
        events.append(
            HistoryEvent(
                _at(s.obtained_on), "source", f"Données obtenues : {s.name} ({s.kind}) {s.note}".strip()
            )
        )
    for r in session.scalars(select(ConsentRecord).where(ConsentRecord.contact_id == cid)):
        events.append(HistoryEvent(r.recorded_on, "consent", _consent_text(r)))
    for o in session.scalars(select(Opposition).where(Opposition.contact_id == cid)):
        lifted = f" (levée par le consentement n° {o.lifted_by_consent_id})" if o.lifted_by_consent_id else ""
        if o.from_partner_id:
            lifted += f", notifiée par le partenaire {session.get(Partner, o.from_partner_id).name}"  # type: ignore[union-attr]  # a foreign key
        events.append(
            HistoryEvent(
                _at(o.received_on), "opposition",
                f"Opposition : {SCOPE_LABELS.get(o.scope, o.scope)}, reçue par {CHANNEL_LABELS.get(o.channel, o.channel)}{lifted}",
            )
        )  # fmt: skip
    for i in session.scalars(select(InformedRecord).where(InformedRecord.contact_id == cid)):
        what = "information complète" if i.full_notice else "rappel d'information"
        events.append(
            HistoryEvent(
                _at(i.informed_on),
                "informed",
                f"Informé ({what}) par {INFORMED_DOCUMENT_LABELS.get(i.document, i.document)} {i.notice_version}".strip(),
            )
        )
    rows = session.execute(
        select(Transmission.sent_on, Partner.name)
        .join(TransmissionLine, TransmissionLine.transmission_id == Transmission.id)
        .join(Partner, Partner.id == Transmission.partner_id)
        .where(TransmissionLine.contact_id == cid)
    )
    for sent_on, partner in rows:
        events.append(HistoryEvent(_at(sent_on), "transmission", f"Transmis au partenaire {partner}"))
    notices = session.execute(
        select(PropagationNotice, Partner.name)
        .join(Partner, Partner.id == PropagationNotice.partner_id)
        .where(PropagationNotice.contact_id == cid)
    )
    for n, partner in notices:
        state = "accusé reçu" if n.acknowledged_on else ("envoyée" if n.sent_on else "à envoyer")
        event = {"opposition": "opposition", "erasure": "effacement", "rectification": "rectification"}.get(
            n.event, n.event
        )
        if n.sent_on:
            state += f" le {n.sent_on:%d/%m/%Y} ({n.method})" if n.method else f" le {n.sent_on:%d/%m/%Y}"
        events.append(HistoryEvent(n.created_at, "notice", f"Notification à {partner} ({event}) : {state}"))
    for k in session.scalars(select(Contract).where(Contract.contact_id == cid)):
        end = f" au {k.end_on:%d/%m/%Y}" if k.end_on else ""
        events.append(HistoryEvent(_at(k.start_on), "contract", f"Contrat n° {k.id} : {k.subject}{end}"))
    for c in session.scalars(select(CallLogEntry).where(CallLogEntry.contact_id == cid)):
        who = f" par {c.caller}" if c.caller else ""
        centre = " (centre d'appels)" if c.source == "call-centre" else ""
        outcome = CALL_OUTCOME_LABELS.get(c.outcome, c.outcome)
        events.append(HistoryEvent(c.called_at, "call", f"Appel{who}{centre} : {outcome}"))
    return sorted(events, key=lambda e: e.when)
