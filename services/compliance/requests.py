"""Requests from data subjects: their deadlines, and what each one does (docs/rules.md §5.1, §5.4-§5.7).

One month to answer from receipt; extendable by two more months if the person is told, with the
reasons, within the first month; a refusal is answered within the month too, with the right to
complain to the CNIL. A request acts through the services that do the same everywhere else:

- an objection takes effect when it is received (art. 21(3)) — the same path as `oppose`, notices to
  partners included — and can never be refused; from someone not (or no longer) in the base, the
  identifiers they give go on the suppression list;
- an erasure answered « granted » erases (anonymisation, suppression entries kept, art. 19 notices);
  « partial » erases the fields named;
- a rectification answered with its corrections applies them, which notifies the partners;
- an access or portability request answered « granted » writes the person's dossier (art. 15, 20).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.contact import Contact, format_ref
from models.partners import PropagationNotice
from models.requests import REQUEST_KINDS, REQUEST_OUTCOMES, DataRequest
from services.compliance.dossier import build_dossier, write_dossier
from services.compliance.erasure import ERASABLE_FIELDS, erase_contact, erase_fields
from services.compliance.oppositions import check_scope, record_opposition
from services.compliance.request_deadlines import (
    CHANNELS,
    DUE_SOON,
    KIND_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    add_months,
    due_date,
    is_due_soon,
    request_status,
)
from services.compliance.suppression import add_to_suppression_list, suppression_keys
from services.contacts.editing import update_contact
from services.contacts.fields import FIELD_LABELS, TEXT_FIELDS
from services.contacts.validation import ContactInput
from services.core.errors import InputError, NotFoundError
from services.core.moments import business_date
from services.core.paths import output_dir
from services.core.spreadsheet import Column, write_table
from services.core.stamp import register_stamp

# docs/rules.md §5.4 (art. 12(4), art. 77): every refusal says where to complain.
COMPLAINT_SENTENCE = (
    "Vous pouvez introduire une réclamation auprès de la CNIL (3 place de Fontenoy, TSA 80715, "
    "75334 Paris Cedex 07 — www.cnil.fr) et former un recours juridictionnel."
)


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
    scope: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "contact": self.ref or None, "requester": self.requester, "kind": self.kind,
            "received_on": self.received_on.isoformat(), "due_on": self.due_on.isoformat(),
            "status": self.status, "outcome": self.outcome or None,
            "answered_on": self.answered_on.isoformat() if self.answered_on else None,
            "scope": self.scope or None,
        }  # fmt: skip


def view(r: DataRequest, today: date) -> RequestView:
    return RequestView(
        r.id, format_ref(r.contact_id) if r.contact_id else "", r.requester, r.kind, r.received_on,
        due_date(r.received_on, r.extended_on is not None), request_status(r, today), r.outcome, r.answered_on,
        r.scope,
    )  # fmt: skip


def _check_date(d: date, what: str, today: date) -> date:
    if d > today:
        raise InputError(f"La date {what} ({d:%d/%m/%Y}) est dans le futur.")
    return d


@dataclass(frozen=True)
class Identifiers:
    """What a person not (or no longer) in the base gives with an objection: enough to recognise them."""

    email: str = ""
    phone: str = ""
    last_name: str = ""
    first_name: str = ""
    postcode: str = ""


@dataclass
class RequestOutcome:
    """A request and what it did — for the window's message and the command line's JSON."""

    request: DataRequest
    opposition_id: int | None = None
    notices: list[PropagationNotice] = field(default_factory=list)
    suppressed: int = 0  # suppression entries added for someone not in the base
    erased: bool = False
    erased_fields: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)
    dossier: Path | None = None

    def acted(self) -> dict[str, object]:
        return {
            "opposition": self.opposition_id,
            "notices": [n.id for n in self.notices],
            "suppressed": self.suppressed,
            "erased": self.erased,
            "erased_fields": self.erased_fields,
            "corrected": self.corrected,
            "dossier": str(self.dossier) if self.dossier else None,
        }


def add_request(
    session: Session, *, kind: str, requester: str, received_on: date, contact_id: int | None = None,
    channel: str = "letter", details: str = "", recorded_by: str = "", today: date | None = None,
    scope: str = "", identifiers: Identifiers | None = None,
) -> RequestOutcome:  # fmt: skip
    """Log a request the day it arrives; its deadline follows from the date of receipt. An objection
    takes effect now (docs/rules.md §5.1)."""
    today = today or business_date()
    if kind not in REQUEST_KINDS:
        raise InputError(f"Type de demande inconnu « {kind} » : {', '.join(REQUEST_KINDS)}.")
    if channel not in CHANNELS:
        raise InputError(f"Canal inconnu « {channel} » : {', '.join(CHANNELS)}.")
    if scope and kind != "objection":
        raise InputError("La portée ne concerne que les demandes d'opposition.")
    contact = session.get(Contact, contact_id) if contact_id is not None else None
    if contact_id is not None and contact is None:
        raise NotFoundError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
    ids = identifiers or Identifiers()
    name = (
        requester.strip()
        or " ".join(x for x in (ids.first_name, ids.last_name) if x.strip())
        or (" ".join(x for x in (contact.first_name, contact.last_name) if x) if contact else "")
    )
    if not name:
        raise InputError("Indiquez qui fait la demande (nom) ou le contact concerné.")
    r = DataRequest(
        contact_id=contact_id, requester=name[:200], kind=kind,
        received_on=_check_date(received_on, "de réception", today), channel=channel,
        details=details.strip(), recorded_by=recorded_by.strip()[:80],
        scope=check_scope(scope or "all") if kind == "objection" else "",
    )  # fmt: skip
    session.add(r)
    session.flush()
    outcome = RequestOutcome(r)
    if kind == "objection":
        _object_now(session, r, contact, ids, recorded_by, outcome)
    return outcome


def _object_now(
    session: Session, r: DataRequest, contact: Contact | None, ids: Identifiers, recorded_by: str,
    outcome: RequestOutcome,
) -> None:  # fmt: skip
    """docs/rules.md §5.1 (art. 21(3)): effective at receipt, everywhere, partners told; §5.2: someone we
    do not (or no longer) know is kept out by the identifiers they gave."""
    if contact is not None:
        done = record_opposition(session, contact.id, r.scope, r.channel, r.received_on, recorded_by,
                                 note=f"Demande n° {r.id}")  # fmt: skip
        r.opposition_id = outcome.opposition_id = done.opposition.id
        outcome.notices = done.notices
    keys = suppression_keys(email=ids.email, phones=[ids.phone], last_name=ids.last_name,  # (an empty one: no key)
                            first_name=ids.first_name, postcode=ids.postcode)  # fmt: skip
    if (contact is None or contact.erased_at is not None) and not keys:
        raise InputError(
            "La personne n'est pas (ou plus) dans la base : indiquez son e-mail, son téléphone, ou son nom "
            "et son code postal, pour que son opposition soit respectée (liste d'opposition)."
        )
    outcome.suppressed = add_to_suppression_list(session, keys, r.scope, r.received_on)


def _get(session: Session, request_id: int) -> DataRequest:
    r = session.get(DataRequest, request_id)
    if r is None:
        raise NotFoundError(f"Aucune demande n° {request_id}.")
    return r


def extend_request(
    session: Session, request_id: int, reason: str, on: date, today: date | None = None
) -> DataRequest:
    """docs/rules.md §5.4: two more months, only if the person is told with the reasons within the first month."""
    today = today or business_date()
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
    session: Session, request_id: int, outcome: str, on: date, answer: str = "", today: date | None = None,
    *, fields: list[str] | None = None, corrections: dict[str, str] | None = None, out: Path | None = None,
) -> RequestOutcome:  # fmt: skip
    """Record the answer and do what it grants (docs/rules.md §5.4-§5.7).

    `fields`: for a partial erasure, the fields erased; `corrections`: for a rectification, the new
    values; `out`: the folder where an access or portability answer writes the person's dossier."""
    today = today or business_date()
    r = _get(session, request_id)
    if outcome not in REQUEST_OUTCOMES:
        raise InputError(f"Réponse inconnue « {outcome} » : {', '.join(REQUEST_OUTCOMES)}.")
    if r.answered_on is not None:
        raise InputError(f"La demande n° {r.id} a déjà reçu une réponse le {r.answered_on:%d/%m/%Y}.")
    _check_date(on, "de réponse", today)
    if on < r.received_on:
        raise InputError("La réponse ne peut pas précéder la réception de la demande.")
    if r.kind == "objection" and outcome != "granted":
        raise InputError(
            "Une opposition à la prospection ne se refuse pas, même en partie (RGPD art. 21(3)) : elle a pris "
            "effet à sa réception ; répondez « accordée »."
        )
    if outcome in ("refused", "partial") and not answer.strip():
        raise InputError(
            "Un refus doit être motivé et rappeler le droit de réclamation auprès de la CNIL : "
            "indiquez le texte de la réponse."
        )
    if outcome in ("refused", "partial") and "CNIL" not in answer:
        answer = f"{answer.strip()}\n{COMPLAINT_SENTENCE}"
    contact = session.get(Contact, r.contact_id) if r.contact_id is not None else None
    done = RequestOutcome(r, opposition_id=r.opposition_id)
    if outcome != "refused" and contact is not None:
        _grant(session, r, contact, outcome, on, fields or [], corrections or {}, out, done)
    r.outcome, r.answered_on, r.answer = outcome, on, answer.strip()
    return done


def _grant(
    session: Session, r: DataRequest, contact: Contact, outcome: str, on: date, fields: list[str],
    corrections: dict[str, str], out: Path | None, done: RequestOutcome,
) -> None:  # fmt: skip
    if r.kind == "erasure":
        if outcome == "granted" and contact.erased_at is None:
            done.notices, done.erased = erase_contact(session, contact.id, on), True  # docs/rules.md §5.5
        elif outcome == "partial":
            unknown = [f for f in fields if f not in ERASABLE_FIELDS]
            if not fields or unknown:
                names = ", ".join(f"{k} ({FIELD_LABELS[k]})" for k in ERASABLE_FIELDS)
                raise InputError(f"Un effacement partiel nomme les champs effacés, parmi : {names}.")
            done.notices = erase_fields(session, contact.id, fields, on)
            done.erased_fields = list(fields)
            r.fields = json.dumps(fields)
    elif r.kind == "rectification" and corrections:
        _rectify(session, contact, corrections, done)  # docs/rules.md §5.6: the partners are told
    elif r.kind in ("access", "portability"):
        if out is None:
            raise InputError("Indiquez le dossier où écrire les données de la personne (son dossier).")
        suffix = ".json" if r.kind == "portability" else ".pdf"  # docs/rules.md §5.7
        path = output_dir(out) / f"dossier-{contact.ref}-{on:%Y-%m-%d}{suffix}"
        done.dossier = write_dossier(path, build_dossier(session, contact.id))
        r.dossier_file = path.name


def _rectify(session: Session, contact: Contact, corrections: dict[str, str], done: RequestOutcome) -> None:
    unknown = [k for k in corrections if k not in TEXT_FIELDS]
    if unknown:
        raise InputError(f"Champ inconnu : {', '.join(unknown)} (possibles : {', '.join(TEXT_FIELDS)}).")
    data = ContactInput.from_contact(contact)
    for key, value in corrections.items():
        setattr(data, key, value)
    last = session.scalar(select(func.max(PropagationNotice.id))) or 0
    update_contact(session, contact.id, contact.version, data)
    done.corrected = sorted(corrections)
    done.notices = list(
        session.scalars(
            select(PropagationNotice).where(
                PropagationNotice.contact_id == contact.id, PropagationNotice.id > last
            )
        )
    )


def list_requests(session: Session, status: str = "", today: date | None = None) -> list[RequestView]:
    """Every request, the most urgent first (overdue, then by deadline)."""
    today = today or business_date()
    if status and status not in STATUS_LABELS and status != DUE_SOON:
        raise InputError(f"Statut inconnu « {status} » : {', '.join([*STATUS_LABELS, DUE_SOON])}.")
    requests = list(session.scalars(select(DataRequest)))
    if status == DUE_SOON:  # the home page's « à traiter dans les 7 jours »
        requests = [r for r in requests if is_due_soon(r, today)]
    views = [view(r, today) for r in requests]
    if status and status != DUE_SOON:
        views = [v for v in views if v.status == status]
    order = {"overdue": 0, "open": 1, "answered": 2}
    return sorted(views, key=lambda v: (order[v.status], v.due_on, v.id))


def write_requests_register(
    session: Session, path: Path, progress: Callable[[int], bool] | None = None
) -> int:
    """The requests register: each request, its deadline, its extension and its answer."""
    today = business_date()
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
    write_table(path, "Demandes des personnes", columns, rows, progress, register_stamp(session))
    return len(rows)
