"""Consent records: append-only answers on what the person saw, informed records, lifting objections."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from models.compliance import ConsentRecord, InformedRecord
from models.contact import Contact
from models.database import Database
from services.compliance.choices import opposed, refused_at_collection
from services.compliance.consents import proof_path, record_consent
from services.compliance.forms import create_form
from services.compliance.oppositions import record_opposition
from services.core.errors import InputError
from tests.helpers import make_contact

PARIS = ZoneInfo("Europe/Paris")  # the business's zone (setting business.timezone)

WHEN = datetime(2026, 11, 2, 10, 30, tzinfo=PARIS)


def _form(s, categories: str = "Cuisinistes"):
    return create_form(s, "Comptoir", "counter", "Vous envoyer nos offres", categories)


def test_consent_record_writes_the_informed_record(db: Database) -> None:
    """Recording a form version that carries the information text also records that the person was informed."""
    with db.session() as s:
        c = make_contact(s)
        v = _form(s)
        r = record_consent(s, c.id, v.id, refuse_post=False, refuse_partners=True, recorded_on=WHEN,
                           channel="counter", recorded_by="Anne")  # fmt: skip
        informed = s.scalars(select(InformedRecord)).one()
        assert (informed.contact_id, informed.form_version_id, informed.informed_on) == (
            c.id,
            v.id,
            WHEN.date(),
        )
        assert r.proof_kind == "note"
        assert (
            s.scalar(select(func.count()).where(refused_at_collection("refuse_partners"), Contact.id == c.id))
            == 1
        )


def test_latest_record_wins_and_older_records_stay(db: Database) -> None:
    """Records are appended; the current choice is the latest answer, and both remain."""
    with db.session() as s:
        c = make_contact(s)
        v = _form(s)
        record_consent(s, c.id, v.id, refuse_post=True, recorded_on=WHEN, channel="counter")
        record_consent(
            s, c.id, v.id, refuse_post=False, recorded_on=WHEN + timedelta(days=3), channel="counter"
        )
        assert s.scalar(select(func.count(ConsentRecord.id))) == 2
        assert (
            s.scalar(select(func.count()).where(refused_at_collection("refuse_post"), Contact.id == c.id))
            == 0
        )


def test_a_box_not_on_the_form_cannot_be_answered(db: Database) -> None:
    """A form without partner categories has no partner box: answering it is refused and nothing is kept."""
    with db.session() as s:
        c = make_contact(s)
        v = _form(s, "")
        with pytest.raises(InputError, match="refuse_partners"):
            record_consent(s, c.id, v.id, refuse_partners=True, recorded_on=WHEN, channel="counter")
        with pytest.raises(InputError, match="Assureurs"):
            record_consent(
                s, c.id, v.id, accepted_partner_categories=["Assureurs"], recorded_on=WHEN, channel="counter"
            )
        assert s.scalar(select(func.count(ConsentRecord.id))) == 0


def test_ticked_opt_in_lifts_an_earlier_phone_opposition_only(db: Database) -> None:
    """A ticked phone opt-in lifts a phone objection received before it; an "all" objection stays."""
    with db.session() as s:
        c = make_contact(s)
        v = _form(s)
        phone = record_opposition(s, c.id, "phone", "phone", date(2026, 10, 1)).opposition
        allo = record_opposition(s, c.id, "all", "letter", date(2026, 10, 1)).opposition
        r = record_consent(s, c.id, v.id, accept_phone=True, recorded_on=WHEN, channel="counter")
        assert phone.lifted_by_consent_id == r.id
        assert allo.lifted_by_consent_id is None
        assert s.scalar(select(func.count()).where(opposed("phone"), Contact.id == c.id)) == 1  # "all" still


def test_unticked_boxes_and_older_consents_lift_nothing(db: Database) -> None:
    """Not ticking a refusal is no positive act; a consent dated before the objection lifts nothing."""
    with db.session() as s:
        c = make_contact(s)
        v = _form(s)
        o = record_opposition(s, c.id, "partners", "letter", date(2026, 11, 1)).opposition
        record_consent(s, c.id, v.id, refuse_partners=False, recorded_on=WHEN, channel="counter")
        record_consent(s, c.id, v.id, accepted_partner_categories=["Cuisinistes"], recorded_on=datetime(2026, 10, 1, tzinfo=PARIS),
                       channel="counter")  # fmt: skip
        assert o.lifted_by_consent_id is None
        r = record_consent(
            s, c.id, v.id, accepted_partner_categories=["Cuisinistes"], recorded_on=WHEN, channel="web"
        )
        assert o.lifted_by_consent_id == r.id


def test_scan_is_copied_privately_into_the_data_folder(db: Database, tmp_path: Path) -> None:
    """A scanned form is copied into data_dir()/proofs with owner-only permissions."""
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"\xff\xd8 image")
    with db.session() as s:
        c = make_contact(s)
        r = record_consent(s, c.id, _form(s).id, refuse_post=False, recorded_on=WHEN, channel="paper",
                           proof_kind="file", proof=str(scan))  # fmt: skip
        stored = proof_path(r.proof)
    assert stored.read_bytes() == b"\xff\xd8 image" and stored.parent.name == "proofs"
    assert stored.stat().st_mode & 0o777 == 0o600


def test_future_date_and_unknown_channel_are_refused(db: Database) -> None:
    """Bad input gives a French message and records nothing."""
    with db.session() as s:
        c = make_contact(s)
        v = _form(s)
        with pytest.raises(InputError, match="futur"):
            record_consent(
                s, c.id, v.id, recorded_on=datetime.now(PARIS) + timedelta(days=2), channel="paper"
            )
        with pytest.raises(InputError, match="Canal"):
            record_consent(s, c.id, v.id, recorded_on=WHEN, channel="pigeon")
        assert s.scalar(select(func.count(ConsentRecord.id))) == 0


def test_current_choices_follow_the_latest_answers_and_consent_expiry(db: Database) -> None:
    """The latest answer per box wins; a phone consent older than the setting (365 days) no longer counts."""
    from services.compliance.consents import current_choices

    with db.session() as s:
        c = make_contact(s)
        v = _form(s)
        record_consent(
            s, c.id, v.id, refuse_post=True, accept_phone=True, recorded_on=WHEN, channel="counter"
        )
        record_opposition(s, c.id, "partners", "email", date(2026, 11, 3))
        now = current_choices(s, c.id, at=datetime(2026, 11, 20, tzinfo=PARIS))
        assert now.answers["refuse_post"] is True and now.phone_consent_on == WHEN
        assert now.oppositions == ["partners"] and "refus courrier" in now.summary()
        assert current_choices(s, c.id, at=datetime(2027, 11, 3, tzinfo=PARIS)).phone_consent_on is None


def test_an_import_never_lifts_an_objection(db: Database) -> None:
    """Only an explicit consent lifts an objection, never an import, even with the opt-in ticked."""
    with db.session() as s:
        c = make_contact(s)
        o = record_opposition(s, c.id, "phone", "phone", date(2026, 10, 1)).opposition
        record_consent(s, c.id, _form(s).id, accept_phone=True, recorded_on=WHEN, channel="import")
        assert o.lifted_by_consent_id is None
