"""Builders for the telephone tests: consents with their proof, moments in the business's zone."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from models.compliance import ConsentRecord, Form, FormVersion
from models.contact import Contact
from tests.helpers import make_contact

PARIS = ZoneInfo("Europe/Paris")


def paris(y: int, m: int, d: int, hh: int = 10, mm: int = 30) -> datetime:
    """A moment in the business's zone (what --at means)."""
    return datetime(y, m, d, hh, mm, tzinfo=PARIS)


def phone_form_version(session: Session) -> FormVersion:
    form = Form(name="Formulaire comptoir", channel="paper")
    session.add(form)
    session.flush()
    version = FormVersion(
        form_id=form.id,
        number=1,
        boxes='[{"key": "accept_phone", "label": "J\'accepte d\'être appelé par la société X."}]',
    )
    session.add(version)
    session.flush()
    return version


def give_consent(
    session: Session, contact: Contact, recorded_on: datetime, **overrides: Any
) -> ConsentRecord:
    """A ticked opt-in box for calls from the business, with its proof (scan of the paper form)."""
    values: dict[str, Any] = {
        "contact_id": contact.id,
        "form_version_id": phone_form_version(session).id,
        "accept_phone": True,
        "recorded_on": recorded_on,
        "channel": "paper",
        "recorded_by": "Julie (accueil)",
        "proof_kind": "file",
        "proof": "formulaire-2026-001.pdf",
    }
    values.update(overrides)
    record = ConsentRecord(**values)
    session.add(record)
    session.flush()
    return record


def consumer(session: Session, **overrides: Any) -> Contact:
    return make_contact(session, person_kind="consumer", **overrides)


def professional(session: Session, **overrides: Any) -> Contact:
    values = {"company": "Garage du Centre", "phone": "01 42 00 00 01", "mobile": ""}
    values.update(overrides)
    return make_contact(session, person_kind="professional", **values)
