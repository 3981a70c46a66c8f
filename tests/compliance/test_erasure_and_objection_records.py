"""What an erasure leaves and what an objection records (docs/rules.md §5.1, §5.2, §5.5): every personal field
blanked, the call log kept without numbers or notes, open callbacks dropped, the partners told with the
identifiers they hold; an objection recorded as received, hashed once per kind and scope."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from models.compliance import SuppressionEntry
from models.database import Database
from models.partners import Partner
from models.phone import Callback, CallLogEntry, Contract
from services.compliance.erasure import PERSONAL_FIELDS, erase_contact
from services.compliance.oppositions import (
    check_channel,
    check_scope,
    contact_suppression_keys,
    record_opposition,
)
from services.compliance.suppression import add_to_suppression_list, digest, phone_keys, suppression_keys
from services.core.errors import InputError, NotFoundError
from tests.compliance_helpers import make_partner, transmit
from tests.helpers import make_contact

CALLED = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)


def test_erasure_blanks_the_person_and_keeps_the_proof(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s, company="Boulangerie", address_complement="Bât. A", address_building="Résidence",
                         address_extra="BP 4", cedex="", phone="04 72 00 00 01", notes="aime le pain",
                         status="customer", customer_until=date(2026, 1, 1), tags=["fidèle"])  # fmt: skip
        other = make_contact(s, first_name="Paul", email="paul@example.fr")
        partner = make_partner(s, "Alpha", shared_fields='["ref", "last_name", "email"]')
        transmit(s, partner, [c.id])
        calls = []
        for who in (c, other):
            call = CallLogEntry(contact_id=who.id, called_at=CALLED, callee_zone="Europe/Paris", phone="+33612345678",
                                outcome="callback", note="rappeler le soir")  # fmt: skip
            s.add(call)
            s.flush()
            calls.append(call)
            s.add(Contract(contact_id=who.id, subject="Entretien", subject_key="entretien", start_on=date(2026, 1, 1),
                           note="contrat signé en boutique"))  # fmt: skip
        done = CallLogEntry(
            contact_id=c.id, called_at=CALLED, callee_zone="Europe/Paris", outcome="interested"
        )
        s.add(done)
        s.flush()
        s.add_all([Callback(contact_id=c.id, call_id=calls[0].id, due_at=CALLED),
                   Callback(contact_id=c.id, call_id=calls[0].id, due_at=CALLED, done_by_call_id=done.id),
                   Callback(contact_id=other.id, call_id=calls[1].id, due_at=CALLED)])  # fmt: skip
        s.flush()
        notices = erase_contact(s, c.id, date(2026, 11, 2))
        assert [(n.partner_id, n.event, n.due_on) for n in notices] == [
            (partner.id, "erasure", date(2026, 11, 2))
        ]
        assert '"email": "claire.martin@example.fr"' in notices[0].identifiers  # quoted before the blanking
        assert {name: getattr(c, name) for name in PERSONAL_FIELDS} == dict.fromkeys(PERSONAL_FIELDS, "")
        assert (c.tags, c.customer_until, c.erased_at is not None, c.status) == ([], None, True, "customer")
        rows = s.execute(select(CallLogEntry.contact_id, CallLogEntry.phone, CallLogEntry.note, CallLogEntry.outcome)
                         .order_by(CallLogEntry.id)).all()  # fmt: skip
        assert [tuple(r) for r in rows] == [(c.id, "", "", "callback"), (other.id, "+33612345678", "rappeler le soir",
                                            "callback"), (c.id, "", "", "interested")]  # fmt: skip
        assert [tuple(r) for r in s.execute(select(Contract.contact_id, Contract.note, Contract.subject)
                                            .order_by(Contract.id))] == [
            (c.id, "", "Entretien"), (other.id, "contrat signé en boutique", "Entretien")
        ]  # fmt: skip
        left = s.execute(select(Callback.contact_id, Callback.done_by_call_id).order_by(Callback.id)).all()
        assert [tuple(r) for r in left] == [(c.id, done.id), (other.id, None)]
        assert (
            erase_contact(s, other.id) == [] and other.erased_at is not None
        )  # sent to nobody; no date: today
        with pytest.raises(NotFoundError, match="C-000999"):
            erase_contact(s, 999)


def test_an_objection_is_recorded_as_received(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        partner = make_partner(s, "Alpha")
        out = record_opposition(s, c.id, "phone", "partner", date(2026, 11, 2), recorded_by="  " + "A" * 90,
                                note="  par le partenaire  ", from_partner_id=partner.id)  # fmt: skip
        o = out.opposition
        assert (o.scope, o.channel, o.received_on, o.recorded_by, o.note, o.from_partner_id) == (
            "phone", "partner", date(2026, 11, 2), "A" * 80, "par le partenaire", partner.id,
        )  # fmt: skip
        entries = s.execute(
            select(SuppressionEntry.kind, SuppressionEntry.scope, SuppressionEntry.opposed_on)
        ).all()
        assert sorted(tuple(e) for e in entries) == [
            ("email", "phone", date(2026, 11, 2)), ("name_postcode", "phone", date(2026, 11, 2)),
            ("phone", "phone", date(2026, 11, 2)),
        ]  # fmt: skip
        with pytest.raises(NotFoundError, match=r"^Partenaire inconnu \(n° 99\)\.$"):
            record_opposition(s, c.id, "all", "partner", date(2026, 11, 2), from_partner_id=99)
        assert s.get(Partner, partner.id) is not None


def test_an_objection_recorded_after_the_erasure_adds_no_identifier(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        erase_contact(s, c.id, date(2026, 11, 2))
        record_opposition(s, c.id, "all", "letter", date(2026, 11, 2))
        assert s.scalar(select(func.count(SuppressionEntry.id))) == 0


def test_scopes_and_channels_are_named_in_french_when_refused() -> None:
    assert [check_scope(x) for x in ("all", "post", "phone", "partners")] == [
        "all",
        "post",
        "phone",
        "partners",
    ]
    with pytest.raises(
        InputError, match=r"^Portée d'opposition inconnue « tout » : all \(toute prospection\), post"
    ):
        check_scope("tout")
    assert check_channel("slip") == "slip"
    with pytest.raises(InputError, match=r"^Canal de réception inconnu « fax » : letter \(lettre\), slip"):
        check_channel("fax")


def test_the_keys_that_recognise_a_person(db: Database) -> None:
    """E-mail in lower case, every number (an overseas one also in the +33 form of old versions), the
    name with hyphens as spaces and the postcode; nothing from an empty field."""
    keys = suppression_keys(email=" Jean.Dupont@Orange.FR ", phones=["0692 12 34 56", "", "pas un numéro"],
                            last_name="Dupont-Durand", first_name="Jean", postcode=" 97400 ")  # fmt: skip
    assert keys == [
        ("email", digest("jean.dupont@orange.fr")),
        ("phone", digest("+262692123456")), ("phone", digest("+33692123456")),
        ("name_postcode", digest("dupont durand jean|97400")),
    ]  # fmt: skip
    assert phone_keys("+33612345678") == [("phone", digest("+33612345678"))]
    assert suppression_keys(last_name="Dupont") == [] and suppression_keys(postcode="69002") == []
    assert suppression_keys(email="pas une adresse") == []
    with db.session() as s:
        c = make_contact(s, phone="04 72 00 00 01")
        assert [k for k, _ in contact_suppression_keys(c)] == ["email", "phone", "phone", "name_postcode"]
        assert add_to_suppression_list(s, keys, "post", date(2026, 1, 1)) == 4
        assert add_to_suppression_list(s, keys, "phone", date(2026, 1, 2)) == 4  # another scope: kept too
        assert add_to_suppression_list(s, keys + keys[:1], "post", date(2026, 1, 3)) == 0
        assert add_to_suppression_list(s, [], "post", date(2026, 1, 3)) == 0
        assert s.scalar(select(func.count(SuppressionEntry.id))) == 8
