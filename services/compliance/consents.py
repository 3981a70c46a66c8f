"""Recording what a person chose on a collection form (docs/rules.md §1, §3, §4).

Consent records are append-only; the current choices are derived from them (services.compliance.choices).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.compliance import CONSENT_CHANNELS, ConsentRecord, FormVersion, InformedRecord, Opposition
from models.contact import Contact, format_ref
from services.contacts.history import SCOPE_LABELS
from services.core.clock import business_tz
from services.core.errors import InputError, NotFoundError
from services.core.locks import hold
from services.core.moments import day_in, now
from services.core.paths import data_dir
from services.core.settings import get_setting

PROOF_KINDS = ("file", "web_id", "note")
BOX_FIELDS = ("refuse_post", "refuse_phone", "refuse_partners", "accept_phone")
PARTNER_OPT_IN_PREFIX = "accept_phone_partner:"


def version_box_keys(version: FormVersion) -> list[str]:
    """The keys of the boxes printed on a form version, in order."""
    return [b["key"] for b in json.loads(version.boxes or "[]")]


def check_answers_on_form(
    version: FormVersion, answers: dict[str, bool | None], categories: Iterable[str]
) -> None:
    """docs/rules.md §4.4: a record points to what the person saw, so it can only answer boxes on that version."""
    keys = set(version_box_keys(version))
    missing = [k for k, v in answers.items() if v is not None and k not in keys]
    missing += [c for c in categories if PARTNER_OPT_IN_PREFIX + c not in keys]
    if missing:
        raise InputError(f"Le formulaire v{version.number} ne comporte pas ces cases : {', '.join(missing)}.")


def proofs_dir() -> Path:
    """The private folder where scans and photos of signed forms are kept."""
    path = data_dir() / "proofs"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def store_proof_file(source: Path) -> str:
    """docs/rules.md §1.4 (Solocal): copy a scan or photo into the app's data folder; returns its stored name."""
    if not source.is_file():
        raise InputError(f"Fichier de preuve introuvable : {source}")
    name = f"{uuid.uuid4().hex[:12]}-{source.name}"
    target = proofs_dir() / name
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return name


def proof_path(stored_name: str) -> Path:
    return proofs_dir() / Path(stored_name).name


def lifts_opposition_scopes(
    accept_phone: bool | None, accepted_partner_categories: Iterable[str], channel: str
) -> list[str]:
    """docs/rules.md §1, §5: only a clear positive act (a ticked opt-in box) lifts an earlier phone or
    partner objection; "all" and "post" objections are never lifted by a form, and an import never lifts."""
    if channel == "import":
        return []
    scopes = []
    if accept_phone:
        scopes.append("phone")
    if list(accepted_partner_categories):
        scopes.append("partners")
    return scopes


def record_consent(
    session: Session,
    contact_id: int,
    form_version_id: int | None,
    *,
    refuse_post: bool | None = None,
    refuse_phone: bool | None = None,
    refuse_partners: bool | None = None,
    accept_phone: bool | None = None,
    accepted_partner_categories: Iterable[str] = (),
    recorded_on: datetime,
    channel: str,
    recorded_by: str = "",
    proof_kind: str = "note",
    proof: str = "",
) -> ConsentRecord:
    """Append one person's answers on one form version (None: the box was not answered).

    Writes the "informed" record when the version carries the information text, and lifts earlier
    phone / partner objections when the person ticked the matching opt-in box.
    proof_kind "file": proof is the path of a scan or photo, copied into the data folder.
    """
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError(f"Aucun contact avec la référence {format_ref(contact_id)}.")
    if contact.erased_at is not None:
        raise InputError(f"Le contact {contact.ref} a été effacé : aucun consentement ne peut y être ajouté.")
    if channel not in CONSENT_CHANNELS:
        raise InputError(f"Canal inconnu « {channel} » : {', '.join(CONSENT_CHANNELS)}.")
    if proof_kind not in PROOF_KINDS:
        raise InputError(f"Type de preuve inconnu « {proof_kind} » : fichier, identifiant web ou note.")
    if recorded_on.tzinfo is None:
        raise ValueError("recorded_on must be aware (docs/rules.md §10.1: convert at the edge)")
    tz = business_tz(session)
    if recorded_on > now() + timedelta(minutes=5):  # a workstation's clock may run a little ahead
        shown = recorded_on.astimezone(tz)
        raise InputError(f"La date du consentement {shown:%d/%m/%Y %H:%M} est dans le futur.")
    categories = sorted({c.strip() for c in accepted_partner_categories if c.strip()})
    answers = {
        "refuse_post": refuse_post,
        "refuse_phone": refuse_phone,
        "refuse_partners": refuse_partners,
        "accept_phone": accept_phone,
    }
    version = None
    if form_version_id is not None:
        version = session.get(FormVersion, form_version_id)
        if version is None:
            raise NotFoundError(f"Version de formulaire inconnue (n° {form_version_id}).")
        check_answers_on_form(version, answers, categories)
    if refuse_post or refuse_phone or refuse_partners:
        hold(session, "objections")  # docs/rules.md §4.5: a refusal is an objection, seen at once
    if proof_kind == "file":
        proof = store_proof_file(Path(proof))
    record = ConsentRecord(
        contact_id=contact_id,
        form_version_id=form_version_id,
        **answers,
        accepted_partner_categories=json.dumps(categories, ensure_ascii=False),
        recorded_on=recorded_on,
        channel=channel,
        recorded_by=recorded_by.strip()[:80],
        proof_kind=proof_kind,
        proof=proof.strip(),
    )
    session.add(record)
    session.flush()
    if version is not None and version.info_text.strip():
        # docs/rules.md §3.5: the form carried the full information text: the person was informed then.
        session.add(
            InformedRecord(
                contact_id=contact_id,
                informed_on=day_in(recorded_on, tz),
                document="form",
                full_notice=True,
                form_version_id=version.id,
                notice_version=f"{version.form.name} v{version.number}",
            )
        )
    scopes = lifts_opposition_scopes(accept_phone, categories, channel)
    if scopes:
        for opposition in session.scalars(
            select(Opposition).where(
                Opposition.contact_id == contact_id,
                Opposition.scope.in_(scopes),
                Opposition.in_force,
                Opposition.received_on <= day_in(recorded_on, tz),
            )
        ):
            opposition.lifted_by_consent_id = record.id
    session.flush()
    return record


# docs/rules.md §4.5: each refusal box of the CNIL's model reads « je m'oppose »: the use it objects to.
REFUSAL_SCOPES = {"refuse_post": "post", "refuse_phone": "phone", "refuse_partners": "partners"}


def form_refusals(session: Session, contact_id: int) -> list[tuple[str, date]]:
    """docs/rules.md §4.5: the objections a person made by ticking a refusal box, as (scope, day): the
    latest answer on each box, when it is « yes ». Kept on the suppression list at erasure like any
    objection (§5.2)."""
    records = session.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.contact_id == contact_id)
        .order_by(ConsentRecord.recorded_on.desc(), ConsentRecord.id.desc())
    ).all()
    tz = business_tz(session)
    out = []
    for box, scope in REFUSAL_SCOPES.items():
        latest = next((r for r in records if getattr(r, box) is not None), None)
        if latest is not None and getattr(latest, box):
            out.append((scope, day_in(latest.recorded_on, tz)))
    return out


@dataclass(frozen=True)
class CurrentChoices:
    """What the person currently chose, derived from the append-only records (latest answer wins)."""

    answers: dict[str, bool | None]  # refuse_post, refuse_phone, refuse_partners, accept_phone
    phone_consent_on: datetime | None  # latest ticked opt-in, if still valid
    partner_categories: list[str]  # latest accepted partner categories for calls
    oppositions: list[str]  # active objection scopes

    def summary(self) -> str:
        parts = []
        if self.oppositions:
            parts.append("opposé(e) : " + ", ".join(SCOPE_LABELS[s] for s in self.oppositions))
        for key, label in (("refuse_post", "refus courrier"), ("refuse_phone", "refus téléphone"),
                           ("refuse_partners", "refus partenaires")):  # fmt: skip
            if self.answers.get(key):
                parts.append(label)
        if self.phone_consent_on:
            parts.append(f"accord d'appel du {self.phone_consent_on:%d/%m/%Y}")
        return "; ".join(parts) or "aucune restriction enregistrée"


def consent_expires_at(given_at: datetime, validity_days: int) -> datetime:
    """docs/rules.md §1.4: a phone consent given at t stops at t + `rules.phone_consent_days` (365 days), to
    the minute, and is never renewed silently. The one expiry rule: the card, the call decision, the
    campaigns, the partners' files and the registers all use it."""
    return given_at + timedelta(days=validity_days)


def consent_expired(given_at: datetime, at: datetime, validity_days: int) -> bool:
    """docs/rules.md §1.4: expired from the moment consent_expires_at is reached (both moments aware, or
    both stored UTC without a zone)."""
    return at >= consent_expires_at(given_at, validity_days)


def current_choices(session: Session, contact_id: int, at: datetime | None = None) -> CurrentChoices:
    at = at or now()
    records = list(
        session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.contact_id == contact_id)
            .order_by(ConsentRecord.recorded_on.desc(), ConsentRecord.id.desc())
        )
    )
    answers: dict[str, bool | None] = {}
    for key in BOX_FIELDS:
        answers[key] = next((getattr(r, key) for r in records if getattr(r, key) is not None), None)
    phone_on = next((r.recorded_on for r in records if r.accept_phone is not None), None)
    # docs/rules.md §4.5: a refusal ticked on or after the consent withdraws it — the rule the calls read
    # (services.phone.eligibility.latest_phone_answers), so that the card never says valid while calls are refused.
    last_refusal = next((r.recorded_on for r in records if r.refuse_phone), None)
    if (
        not answers["accept_phone"]
        or phone_on is None
        or (last_refusal is not None and last_refusal >= phone_on)
        or consent_expired(phone_on, at, int(get_setting(session, "rules.phone_consent_days")))
    ):
        phone_on = None
    categories: list[str] = next(
        (json.loads(r.accepted_partner_categories) for r in records if r.accepted_partner_categories != "[]"),
        [],
    )
    scopes = sorted(
        set(
            session.scalars(
                select(Opposition.scope).where(Opposition.contact_id == contact_id, Opposition.in_force)
            )
        )
    )
    return CurrentChoices(answers, phone_on, categories, scopes)


@dataclass(frozen=True)
class StatusMark:
    """One thing a person's record must show at a glance (issue 15): kind « objection », « refusal »,
    « consent » or « npai », and its words."""

    kind: str
    text: str


def status_marks(session: Session, contact: Contact, at: datetime | None = None) -> list[StatusMark]:
    """docs/rules.md §1.4, §4.5, §5.1: the objections in force, the refusals ticked on a form, the phone
    consent and until when it holds, a letter returned (NPAI) — what the record's header shows."""
    at = at or now()
    choices = current_choices(session, contact.id, at)
    marks = []
    if choices.oppositions:
        scopes = ", ".join(SCOPE_LABELS[s] for s in choices.oppositions)
        marks.append(StatusMark("objection", f"Opposé(e) : {scopes}"))
    refusals = [label for key, label in (("refuse_post", "courrier"), ("refuse_phone", "téléphone"),
                                         ("refuse_partners", "partenaires")) if choices.answers.get(key)]  # fmt: skip
    if refusals:
        marks.append(StatusMark("refusal", "Refus coché sur un formulaire : " + ", ".join(refusals)))
    if choices.phone_consent_on is not None:
        until = consent_expires_at(
            choices.phone_consent_on, int(get_setting(session, "rules.phone_consent_days"))
        )
        local = until.astimezone(business_tz(session))
        marks.append(StatusMark("consent", f"Accord d'appel valable jusqu'au {local:%d/%m/%Y}"))
    if contact.npai_on is not None:
        marks.append(
            StatusMark("npai", f"Courrier revenu (n'habite pas à l'adresse) le {contact.npai_on:%d/%m/%Y}")
        )
    return marks
