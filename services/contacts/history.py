"""A contact's history, read from the journal (docs/rules.md §10.2): one history, not two — every change to
the contact and to what proves compliance about them (sources, consents, oppositions, information given,
transmissions, notices to partners, contracts, calls, requests), with its time and its author.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.compliance import CONSENT_CHANNEL_LABELS, INFORMED_DOCUMENT_LABELS, FormVersion
from models.contact import Contact
from models.journal import JournalEvent, bulk_covers, bulk_rows, pending
from models.journal_codec import open_sealed
from models.partners import Partner
from models.phone import CALL_OUTCOME_LABELS
from services.contacts.fields import FIELD_LABELS, SOURCE_KIND_LABELS
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
NOTICE_EVENT_LABELS = {
    "opposition": "opposition", "erasure": "effacement", "rectification": "rectification",
    "consent_end": "fin de l'accord d'appel",
}  # fmt: skip
REQUEST_LABELS = {
    "access": "accès", "rectification": "rectification", "erasure": "effacement", "restriction": "limitation",
    "objection": "opposition", "portability": "portabilité",
}  # fmt: skip
ERASED = "(valeurs effacées avec la personne)"


@dataclass(frozen=True)
class HistoryEvent:
    when: datetime
    kind: str  # created, updated, erased, source, consent, opposition, informed, transmission, notice,
    # contract, call, request
    text: str
    author: str = ""  # who recorded it: the workstation's user and name
    seeded: bool = False  # taken over from the records the base held before the journal

    def to_dict(self) -> dict[str, Any]:
        return {"when": iso_utc(self.when), "kind": self.kind, "text": self.text, "author": self.author,
                "seeded": self.seeded}  # fmt: skip


def _day(value: Any) -> str:
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def _yes_no(value: Any) -> str:
    return "oui" if value else "non"


class _Reader:
    """Turns the journal's events about one contact into sentences."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.partners: dict[int, str] = {}

    def partner(self, pid: Any) -> str:
        if not isinstance(pid, int):
            return "?"
        if pid not in self.partners:
            p = self.session.get(Partner, pid)
            self.partners[pid] = p.name if p else f"n° {pid}"
        return self.partners[pid]

    def contacts(self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]) -> tuple[str, str]:
        if e.action in ("insert", "seed"):
            return "created", f"Fiche créée (C-{int(after.get('id') or e.row_ref):06d})"
        if e.action == "delete":
            return "deleted", "Fiche supprimée"
        if after.get("erased_at"):
            return "erased", "Personne effacée : coordonnées anonymisées"
        changes = []
        for name in sorted(after):
            if name in ("version", "updated_at", "search_text", "to_check_reasons"):
                continue
            label = FIELD_LABELS.get(name, name)
            if name == "to_check":
                changes.append("signalée « à vérifier »" if after[name] else "vérifiée")
                continue
            old, new = before.get(name), after[name]
            changes.append(f"{label} : {_value(old)} → {_value(new)}")
        return "updated", "Fiche modifiée — " + ("; ".join(changes) or "sans changement visible")

    def contact_sources(
        self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]
    ) -> tuple[str, str]:
        kind = SOURCE_KIND_LABELS.get(after.get("kind", ""), after.get("kind", "")).lower()
        text = f"Données obtenues le {_day(after.get('obtained_on'))} : {after.get('name', '')} ({kind})"
        return "source", f"{text} {after.get('note') or ''}".strip()

    def consent_records(
        self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]
    ) -> tuple[str, str]:
        answers = []
        for key, label in (("refuse_post", "refus courrier"), ("refuse_phone", "refus téléphone"),
                           ("refuse_partners", "refus partenaires"), ("accept_phone", "accord téléphone")):  # fmt: skip
            if key in after:
                answers.append(f"{label} : {_yes_no(after[key])}")
        cats = json.loads(after.get("accepted_partner_categories") or "[]")
        if cats:
            answers.append("accord appels partenaires : " + ", ".join(cats))
        version = (
            self.session.get(FormVersion, after["form_version_id"]) if after.get("form_version_id") else None
        )
        form = f"formulaire v{version.number} « {version.form.name} »" if version else "sans formulaire"
        channel = CONSENT_CHANNEL_LABELS.get(after.get("channel", ""), after.get("channel", ""))
        text = f"Consentement du {_day(after.get('recorded_on'))} ({form}, {channel}) : " + "; ".join(answers)
        if after.get("proof"):
            text += f" — preuve : {after['proof']}"
        return "consent", text

    def oppositions(self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]) -> tuple[str, str]:
        if e.action == "update":
            if after.get("voided_at") and not before.get("voided_at"):
                # docs/rules.md §5.10: a typing error, voided with its reason
                moved = after.get("void_kind") == "moved"
                what = "corrigée : elle a été reportée sur la bonne personne" if moved else "annulée"
                reason = f" — motif : {after['void_reason']}" if after.get("void_reason") else ""
                return "opposition", f"Opposition {what} (erreur de saisie){reason}"
            if after.get("lifted_by_consent_id"):
                return (
                    "opposition",
                    f"Opposition levée par le consentement n° {after['lifted_by_consent_id']}",
                )
            return "opposition", "Opposition modifiée"
        scope = SCOPE_LABELS.get(after.get("scope", ""), after.get("scope", ""))
        channel = CHANNEL_LABELS.get(after.get("channel", ""), after.get("channel", ""))
        how = (
            channel if after.get("channel") == "in-person" else f"par {channel}"
        )  # « en personne », not « par en… »
        text = f"Opposition : {scope}, reçue le {_day(after.get('received_on'))} {how}"
        if after.get("from_partner_id"):
            text += f", notifiée par le partenaire {self.partner(after['from_partner_id'])}"
        return "opposition", text

    def informed_records(
        self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]
    ) -> tuple[str, str]:
        what = "information complète" if after.get("full_notice") else "rappel d'information"
        doc = INFORMED_DOCUMENT_LABELS.get(after.get("document", ""), after.get("document", ""))
        return (
            "informed",
            f"Informé le {_day(after.get('informed_on'))} ({what}) par {doc} {after.get('notice_version') or ''}".strip(),
        )

    def transmission_lines(
        self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]
    ) -> tuple[str, str]:
        phone = " (avec ses numéros)" if after.get("phone_sent") else ""
        return "transmission", f"Transmis au partenaire {self.partner(after.get('partner_id'))}{phone}"

    def propagation_notices(
        self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]
    ) -> tuple[str, str]:
        partner = self.partner(after.get("partner_id") or _partner_of(self.session, e.row_ref))
        if e.action in ("insert", "seed"):
            event = NOTICE_EVENT_LABELS.get(after.get("event", ""), after.get("event", ""))
            state = (
                f", envoyée le {_day(after['sent_on'])}"
                if after.get("sent_on")
                else f", à envoyer avant le {_day(after.get('due_on'))}"
            )
            return "notice", f"Notification à {partner} ({event}){state}"
        if after.get("acknowledged_on"):
            return (
                "notice",
                f"Notification à {partner} : accusé de réception le {_day(after['acknowledged_on'])}",
            )
        if after.get("sent_on"):
            method = f" ({after['method']})" if after.get("method") else ""
            return "notice", f"Notification à {partner} : envoyée le {_day(after['sent_on'])}{method}"
        return "notice", f"Notification à {partner} mise à jour"

    def contracts(self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]) -> tuple[str, str]:
        if e.action == "update":
            return "contract", f"Contrat n° {e.row_ref} mis à jour"
        end = f" au {_day(after['end_on'])}" if after.get("end_on") else ""
        return "contract", f"Contrat n° {e.row_ref} : {after.get('subject', '')}{end}"

    def call_log(self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]) -> tuple[str, str]:
        if e.action == "update":
            return "call", f"Appel n° {e.row_ref} : numéro et notes effacés"
        who = f" par {after['caller']}" if after.get("caller") else ""
        centre = " (centre d'appels)" if after.get("source") == "call-centre" else ""
        outcome = CALL_OUTCOME_LABELS.get(after.get("outcome", ""), after.get("outcome", ""))
        return "call", f"Appel{who}{centre} : {outcome}"

    def data_requests(
        self, e: JournalEvent, after: dict[str, Any], before: dict[str, Any]
    ) -> tuple[str, str]:
        kind = REQUEST_LABELS.get(after.get("kind", ""), after.get("kind", ""))
        if e.action in ("insert", "seed"):
            return "request", f"Demande d'{kind} reçue le {_day(after.get('received_on'))}" if kind[
                :1
            ] in "aeéio" else f"Demande de {kind} reçue le {_day(after.get('received_on'))}"
        if after.get("answered_on"):
            return "request", f"Demande n° {e.row_ref} : réponse du {_day(after['answered_on'])}"
        return "request", f"Demande n° {e.row_ref} mise à jour"


def _partner_of(session: Session, notice_ref: str) -> int | None:
    from models.partners import PropagationNotice

    n = session.get(PropagationNotice, int(notice_ref))
    return n.partner_id if n else None


def _value(v: Any) -> str:
    if v is None or v == "":
        return "(vide)"
    if isinstance(v, bool):
        return _yes_no(v)
    return _day(v) if isinstance(v, str) and len(v) == 10 and v[4:5] == "-" else str(v)


def contact_history(session: Session, contact: Contact) -> list[HistoryEvent]:
    """Everything the journal holds about the contact, oldest first."""
    reader = _Reader(session)
    events = session.scalars(
        select(JournalEvent)
        .where(or_(JournalEvent.contact_id == contact.id,
                   (JournalEvent.table_name == "contacts") & (JournalEvent.row_ref == str(contact.id))))
        .order_by(JournalEvent.seq)
    )  # fmt: skip
    mine = [
        e
        for e in pending(session)
        if e.contact_id == contact.id or (e.table_name == "contacts" and e.row_ref == str(contact.id))
    ]
    out = [*_bulk_history(session, reader, contact)]
    for e in [*events, *mine]:
        describe: Callable[..., tuple[str, str]] | None = getattr(reader, e.table_name, None)
        if describe is None:
            continue
        after = open_sealed(contact.journal_key, e.after)
        before = open_sealed(contact.journal_key, e.before) or {}
        if after is None:  # sealed, and the key went with the erasure
            after = {}
        kind, text = describe(e, after, before)
        if e.after.startswith("enc:") and contact.journal_key is None and kind in ("updated",):
            text = f"Fiche modifiée {ERASED}"
        out.append(HistoryEvent(e.at, kind, text, _author(e), e.seeded))
    return sorted(out, key=lambda h: h.when)


def _author(e: JournalEvent) -> str:
    return " sur ".join(x for x in (e.os_user, e.host) if x)


def _bulk_history(session: Session, reader: _Reader, contact: Contact) -> list[HistoryEvent]:
    """The bulk events (an import's, a transmission's) that list this contact: each row read as it is now
    (the event holds its digest, which `audit verify` holds it to)."""
    found = []
    spans = session.scalars(
        select(JournalEvent).where(JournalEvent.row_ref.startswith("*"), JournalEvent.row_ref != "*").order_by(JournalEvent.seq)
    )  # fmt: skip
    for e in spans:
        if not bulk_covers(e.row_ref, contact.id):
            continue
        describe: Callable[..., tuple[str, str]] | None = getattr(reader, e.table_name, None)
        if describe is None:
            continue
        origin = json.loads(e.after).get("origin", "")
        for ref, cid, _state in bulk_rows(e):
            if cid != contact.id:
                continue
            row = _live_row(session, e.table_name, ref)
            if e.action == "update":
                changed = json.loads(e.after).get("changed", [])
                after = {k: row.get(k) for k in changed if k not in ("version", "updated_at", "search_text")}
                kind, text = (
                    "updated",
                    "Fiche complétée : " + ", ".join(FIELD_LABELS.get(k, k) for k in after),
                )
            else:
                kind, text = describe(e, {k: _plain(v) for k, v in row.items()}, {})
            if origin and e.table_name != "contact_sources":  # (a source names its origin already)
                text += f" ({origin})"
            found.append(HistoryEvent(e.at, kind, text, _author(e), False))
    return found


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _live_row(session: Session, table_name: str, ref: str) -> dict[str, Any]:
    from models.base import Base

    table = Base.metadata.tables[table_name]
    key = table.c.key if table_name == "settings" else table.c.id
    row = (
        session.execute(select(table).where(key == (ref if table_name == "settings" else int(ref))))
        .mappings()
        .first()
    )
    return dict(row) if row else {}
