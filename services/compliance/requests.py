"""Requests from data subjects and their deadlines (docs/rules.md §5.4, GDPR art. 12(3)-(4)).

One month to answer from receipt; extendable by two more months if the person is told, with the
reasons, within the first month; a refusal is answered within the month too, with the right to
complain to the CNIL. Acting on a request (erasing, recording an objection) uses the services that
do it everywhere else (services/erasure.py, services/oppositions.py).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.contact import Contact, format_ref
from models.requests import REQUEST_KINDS, REQUEST_OUTCOMES, DataRequest
from services.core.errors import InputError, NotFoundError
from services.core.spreadsheet import Column, write_table

KIND_LABELS = {
    "access": "Accès", "rectification": "Rectification", "erasure": "Effacement",
    "restriction": "Limitation", "objection": "Opposition", "portability": "Portabilité",
}  # fmt: skip
OUTCOME_LABELS = {"granted": "accordée", "partial": "accordée en partie", "refused": "refusée"}
STATUS_LABELS = {"open": "en cours", "overdue": "en retard", "answered": "répondue"}
CHANNELS = ("letter", "email", "phone", "in-person")


def add_months(d: date, months: int) -> date:
    """The same day n months later, or the month's last day (31 January + 1 month = 28/29 February)."""
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def due_date(received_on: date, extended: bool) -> date:
    """docs/rules.md §5.4 (art. 12(3)): one month from receipt, three when the extension was notified in time."""
    return add_months(received_on, 3 if extended else 1)


def request_status(r: DataRequest, today: date) -> str:
    """Answered, or still open — overdue once its deadline has passed."""
    if r.answered_on is not None:
        return "answered"
    return "overdue" if today > due_date(r.received_on, r.extended_on is not None) else "open"


@dataclass(frozen=True)
class RequestView:
    id: int
    ref: str  # the contact's reference, or ""
    requester: str
    kind: str
    received_on: date
    due_on: date
    status: str
    outcome: str
    answered_on: date | None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "contact": self.ref or None, "requester": self.requester, "kind": self.kind,
            "received_on": self.received_on.isoformat(), "due_on": self.due_on.isoformat(),
            "status": self.status, "outcome": self.outcome or None,
            "answered_on": self.answered_on.isoformat() if self.answered_on else None,
        }  # fmt: skip


def view(r: DataRequest, today: date) -> RequestView:
    return RequestView(
        r.id, format_ref(r.contact_id) if r.contact_id else "", r.requester, r.kind, r.received_on,
        due_date(r.received_on, r.extended_on is not None), request_status(r, today), r.outcome, r.answered_on,
    )  # fmt: skip


def _check_date(d: date, what: str, today: date) -> date:
    if d > today:
        raise InputError(f"La date {what} ({d:%d/%m/%Y}) est dans le futur.")
    return d


def add_request(
    session: Session, *, kind: str, requester: str, received_on: date, contact_id: int | None = None,
    channel: str = "letter", details: str = "", recorded_by: str = "", today: date | None = None,
) -> DataRequest:  # fmt: skip
    """Log a request the day it arrives; its deadline follows from the date of receipt."""
    today = today or date.today()
    if kind not in REQUEST_KINDS:
        raise InputError(f"Type de demande inconnu « {kind} » : {', '.join(REQUEST_KINDS)}.")
    if channel not in CHANNELS:
        raise InputError(f"Canal inconnu « {channel} » : {', '.join(CHANNELS)}.")
    contact = session.get(Contact, contact_id) if contact_id is not None else None
    if contact_id is not None and contact is None:
        raise NotFoundError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
    name = requester.strip() or (
        " ".join(x for x in (contact.first_name, contact.last_name) if x) if contact else ""
    )
    if not name:
        raise InputError("Indiquez qui fait la demande (nom) ou le contact concerné.")
    r = DataRequest(
        contact_id=contact_id, requester=name[:200], kind=kind,
        received_on=_check_date(received_on, "de réception", today), channel=channel,
        details=details.strip(), recorded_by=recorded_by.strip()[:80],
    )  # fmt: skip
    session.add(r)
    session.flush()
    return r


def _get(session: Session, request_id: int) -> DataRequest:
    r = session.get(DataRequest, request_id)
    if r is None:
        raise NotFoundError(f"Aucune demande n° {request_id}.")
    return r


def extend_request(
    session: Session, request_id: int, reason: str, on: date, today: date | None = None
) -> DataRequest:
    """docs/rules.md §5.4: two more months, only if the person is told with the reasons within the first month."""
    today = today or date.today()
    r = _get(session, request_id)
    if r.answered_on is not None:
        raise InputError(f"La demande n° {r.id} a déjà reçu une réponse.")
    if r.extended_on is not None:
        raise InputError(f"La demande n° {r.id} a déjà été prolongée (une seule prolongation possible).")
    if not reason.strip():
        raise InputError("Une prolongation doit être motivée : indiquez la raison donnée à la personne.")
    _check_date(on, "d'information de la personne", today)
    if on > add_months(r.received_on, 1):
        raise InputError(
            "Trop tard pour prolonger : la personne doit être informée dans le mois suivant la réception "
            f"(au plus tard le {add_months(r.received_on, 1):%d/%m/%Y})."
        )
    r.extended_on, r.extension_reason = on, reason.strip()
    return r


def answer_request(
    session: Session, request_id: int, outcome: str, on: date, answer: str = "", today: date | None = None
) -> DataRequest:
    """Record the answer; a refusal must give its reasons and the right to complain to the CNIL (art. 12(4))."""
    today = today or date.today()
    r = _get(session, request_id)
    if outcome not in REQUEST_OUTCOMES:
        raise InputError(f"Réponse inconnue « {outcome} » : {', '.join(REQUEST_OUTCOMES)}.")
    if r.answered_on is not None:
        raise InputError(f"La demande n° {r.id} a déjà reçu une réponse le {r.answered_on:%d/%m/%Y}.")
    _check_date(on, "de réponse", today)
    if on < r.received_on:
        raise InputError("La réponse ne peut pas précéder la réception de la demande.")
    if outcome in ("refused", "partial") and not answer.strip():
        raise InputError(
            "Un refus doit être motivé et rappeler le droit de réclamation auprès de la CNIL : "
            "indiquez le texte de la réponse."
        )
    r.outcome, r.answered_on, r.answer = outcome, on, answer.strip()
    return r


def list_requests(session: Session, status: str = "", today: date | None = None) -> list[RequestView]:
    """Every request, the most urgent first (overdue, then by deadline)."""
    today = today or date.today()
    if status and status not in STATUS_LABELS:
        raise InputError(f"Statut inconnu « {status} » : {', '.join(STATUS_LABELS)}.")
    views = [view(r, today) for r in session.scalars(select(DataRequest))]
    if status:
        views = [v for v in views if v.status == status]
    order = {"overdue": 0, "open": 1, "answered": 2}
    return sorted(views, key=lambda v: (order[v.status], v.due_on, v.id))


def write_requests_register(
    session: Session, path: Path, progress: Callable[[int], bool] | None = None
) -> int:
    """The requests register: each request, its deadline, its extension and its answer."""
    today = date.today()
    rows = []
    for r in session.scalars(select(DataRequest).order_by(DataRequest.received_on, DataRequest.id)):
        v = view(r, today)
        rows.append([
            r.id, v.ref, r.requester, KIND_LABELS[r.kind], r.received_on, r.channel, r.details, v.due_on,
            r.extended_on, r.extension_reason, STATUS_LABELS[v.status], OUTCOME_LABELS.get(r.outcome, ""),
            r.answered_on, r.answer,
        ])  # fmt: skip
    columns = [
        Column("N°", "int"), Column("Contact"), Column("Demandeur"), Column("Type"), Column("Reçue le", "date"),
        Column("Canal"), Column("Détails"), Column("Réponse due le", "date"), Column("Prolongée le", "date"),
        Column("Motif de prolongation"), Column("Statut"), Column("Réponse"), Column("Répondue le", "date"),
        Column("Texte de la réponse"),
    ]  # fmt: skip
    write_table(path, "Demandes des personnes", columns, rows, progress)
    return len(rows)
