"""What answering a request does (docs/rules.md §5.1, §5.4-§5.7), at the service level: an objection is never
refused, a refusal is reasoned and names the CNIL, an erasure granted erases, a partial one names its fields,
an access writes the dossier; an objection from someone not in the base keeps them out by their identifiers."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.compliance import Opposition, SuppressionEntry
from models.database import Database
from services.compliance.requests import COMPLAINT_SENTENCE, Identifiers, add_request, answer_request
from services.compliance.suppression import suppressed_keys, suppression_keys
from services.core.errors import InputError
from tests.compliance_helpers import make_partner, transmit
from tests.helpers import make_contact

RECEIVED = date(2026, 10, 1)
ANSWERED = date(2026, 10, 20)


def test_an_objection_is_never_refused_not_even_in_part(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        r = add_request(
            s, kind="objection", requester="", contact_id=c.id, received_on=RECEIVED, today=ANSWERED
        )
        assert r.request.scope == "all" and r.request.requester == "Claire MARTIN"
        for outcome in ("refused", "partial"):
            with pytest.raises(
                InputError, match=r"^Une opposition à la prospection ne se refuse pas, même en partie"
            ):
                answer_request(s, r.request.id, outcome, ANSWERED, "Motif", today=ANSWERED)
        done = answer_request(s, r.request.id, "granted", ANSWERED, today=ANSWERED)
        assert (done.opposition_id, r.request.outcome, r.request.answered_on) == (
            r.opposition_id,
            "granted",
            ANSWERED,
        )


def test_a_refusal_is_reasoned_and_names_the_cnil(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        r = add_request(
            s, kind="access", requester="", contact_id=c.id, received_on=RECEIVED, today=ANSWERED
        ).request
        with pytest.raises(
            InputError, match=r"^Un refus doit être motivé et rappeler le droit de réclamation"
        ):
            answer_request(s, r.id, "refused", ANSWERED, "   ", today=ANSWERED)
        with pytest.raises(
            InputError, match=r"^La réponse ne peut pas précéder la réception de la demande\.$"
        ):
            answer_request(s, r.id, "refused", date(2026, 9, 30), "Motif", today=ANSWERED)
        with pytest.raises(
            InputError, match=r"^Réponse inconnue « peut-être » : granted, partial, refused\.$"
        ):
            answer_request(s, r.id, "peut-être", ANSWERED, "Motif", today=ANSWERED)
        done = answer_request(
            s, r.id, "refused", ANSWERED, " Demande manifestement excessive. ", today=ANSWERED
        )
        assert r.answer == f"Demande manifestement excessive.\n{COMPLAINT_SENTENCE}"
        assert (done.dossier, done.erased, r.outcome) == (None, False, "refused")
        with pytest.raises(
            InputError, match=rf"^La demande n° {r.id} a déjà reçu une réponse le 20/10/2026\.$"
        ):
            answer_request(s, r.id, "granted", ANSWERED, today=ANSWERED)
        other = add_request(s, kind="access", requester="X", received_on=RECEIVED, today=ANSWERED).request
        answer_request(
            s, other.id, "refused", ANSWERED, "Voir la CNIL : identité non établie.", today=ANSWERED
        )
        assert (
            other.answer == "Voir la CNIL : identité non établie."
        )  # already names the CNIL: kept as written


def test_an_erasure_granted_erases_and_tells_the_partners(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        partner = make_partner(s, "Alpha")
        transmit(s, partner, [c.id])
        r = add_request(
            s, kind="erasure", requester="", contact_id=c.id, received_on=RECEIVED, today=ANSWERED
        ).request
        done = answer_request(s, r.id, "granted", ANSWERED, today=ANSWERED)
        assert done.erased and c.erased_at is not None and c.last_name == ""
        assert [(n.partner_id, n.event, n.due_on) for n in done.notices] == [
            (partner.id, "erasure", ANSWERED)
        ]
        refused = add_request(s, kind="erasure", requester="Y", contact_id=make_contact(s, first_name="Paul",
                              email="paul@example.fr").id, received_on=RECEIVED, today=ANSWERED).request  # fmt: skip
        kept = answer_request(
            s, refused.id, "refused", ANSWERED, "Obligation légale de conservation.", today=ANSWERED
        )
        assert not kept.erased and s.get(type(c), refused.contact_id).erased_at is None


def test_a_partial_erasure_names_its_fields(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        r = add_request(
            s, kind="erasure", requester="", contact_id=c.id, received_on=RECEIVED, today=ANSWERED
        ).request
        for fields in ([], ["last_name"], ["email", "colour"]):
            with pytest.raises(
                InputError, match=r"^Un effacement partiel nomme les champs effacés, parmi : civility \("
            ):
                answer_request(
                    s, r.id, "partial", ANSWERED, "Le reste est nécessaire.", today=ANSWERED, fields=fields
                )
        done = answer_request(s, r.id, "partial", ANSWERED, "Le reste est nécessaire.", today=ANSWERED,
                              fields=["email", "mobile"])  # fmt: skip
        assert (done.erased, done.erased_fields, r.fields) == (
            False,
            ["email", "mobile"],
            '["email", "mobile"]',
        )
        assert (c.email, c.mobile, c.last_name, c.erased_at) == ("", "", "MARTIN", None)


@pytest.mark.parametrize(("kind", "suffix"), [("access", ".pdf"), ("portability", ".json")])
def test_access_and_portability_write_the_dossier(
    db: Database, tmp_path: Path, kind: str, suffix: str
) -> None:
    with db.session() as s:
        c = make_contact(s)
        r = add_request(
            s, kind=kind, requester="", contact_id=c.id, received_on=RECEIVED, today=ANSWERED
        ).request
        with pytest.raises(InputError, match=r"^Indiquez le dossier où écrire les données de la personne"):
            answer_request(s, r.id, "granted", ANSWERED, today=ANSWERED)
        done = answer_request(s, r.id, "granted", ANSWERED, today=ANSWERED, out=tmp_path)
        assert done.dossier == tmp_path / f"dossier-{c.ref}-2026-10-20{suffix}" and done.dossier.exists()
        assert r.dossier_file == done.dossier.name


def test_an_objection_from_someone_not_in_the_base_keeps_them_out(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(
            InputError, match=r"^La personne n'est pas \(ou plus\) dans la base : indiquez son e-mail"
        ):
            add_request(s, kind="objection", requester="Inconnu", received_on=RECEIVED, today=ANSWERED)
        ids = Identifiers(email="Jean.Dupont@Orange.fr", phone="06 12 34 56 78", last_name="Dupont",
                          first_name="Jean", postcode="69002")  # fmt: skip
        out = add_request(s, kind="objection", requester="", received_on=RECEIVED, today=ANSWERED, scope="phone",
                          identifiers=ids)  # fmt: skip
        assert out.request.requester == "Jean Dupont" and out.suppressed == 3 and out.opposition_id is None
        keys = suppression_keys(email="jean.dupont@orange.fr", phones=["+33612345678"], last_name="DUPONT",
                                first_name="Jean", postcode="69002")  # fmt: skip
        assert suppressed_keys(s, keys) == set(keys)
        assert set(s.scalars(select(SuppressionEntry.scope))) == {"phone"}
        assert s.scalar(select(func.count(Opposition.id))) == 0


def test_an_objection_from_a_known_person_records_it_and_lists_what_it_did(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        out = add_request(s, kind="objection", requester="", contact_id=c.id, received_on=RECEIVED, today=ANSWERED,
                          channel="email", scope="post", recorded_by="Anne")  # fmt: skip
        o = s.get(Opposition, out.opposition_id)
        assert (o.scope, o.channel, o.received_on, o.note, o.recorded_by) == (
            "post", "email", RECEIVED, f"Demande n° {out.request.id}", "Anne",
        )  # fmt: skip
        assert out.request.opposition_id == o.id and out.suppressed == 0  # the objection itself listed her
        assert out.acted() == {"opposition": o.id, "notices": [], "suppressed": 0, "erased": False,
                               "erased_fields": [], "corrected": [], "dossier": None}  # fmt: skip
        with pytest.raises(InputError, match=r"^La portée ne concerne que les demandes d'opposition\.$"):
            add_request(s, kind="access", requester="", contact_id=c.id, received_on=RECEIVED, scope="post")


def test_every_refusal_of_an_answer_says_its_whole_sentence(db: Database) -> None:
    """The sentences a user reads when an answer cannot be recorded, whole (docs/rules.md §5.1, §5.4); a
    partial answer is reasoned and names the CNIL like a refusal; an answer on the day of receipt is fine."""
    with db.session() as s:
        c = make_contact(s)
        objection = add_request(s, kind="objection", requester="", contact_id=c.id, received_on=RECEIVED,
                                today=ANSWERED).request  # fmt: skip
        with pytest.raises(InputError) as never:
            answer_request(s, objection.id, "partial", ANSWERED, "Motif", today=ANSWERED)
        assert str(never.value) == (
            "Une opposition à la prospection ne se refuse pas, même en partie (RGPD art. 21(3)) : elle a pris "
            "effet à sa réception ; répondez « accordée »."
        )
        erasure = add_request(s, kind="erasure", requester="", contact_id=c.id, received_on=RECEIVED,
                              today=ANSWERED).request  # fmt: skip
        with pytest.raises(InputError) as unreasoned:
            answer_request(s, erasure.id, "partial", ANSWERED, " ", today=ANSWERED, fields=["email"])
        assert str(unreasoned.value) == (
            "Un refus doit être motivé et rappeler le droit de réclamation auprès de la CNIL : "
            "indiquez le texte de la réponse."
        )
        with pytest.raises(InputError) as no_fields:
            answer_request(s, erasure.id, "partial", ANSWERED, "Le reste est nécessaire.", today=ANSWERED)
        assert str(no_fields.value).startswith(
            "Un effacement partiel nomme les champs effacés, parmi : civility (Civilité), first_name (Prénom), "
        )
        done = answer_request(s, erasure.id, "partial", RECEIVED, "Le reste est nécessaire.", today=ANSWERED,
                              fields=["email"])  # fmt: skip
        assert erasure.answer == f"Le reste est nécessaire.\n{COMPLAINT_SENTENCE}"
        assert (erasure.answered_on, done.erased_fields) == (RECEIVED, ["email"])  # the day it came: fine


def test_a_partial_erasure_tells_the_partner_on_the_day_of_the_answer(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s)
        partner = make_partner(s, "Alpha", shared_fields='["ref", "last_name", "email"]')
        transmit(s, partner, [c.id])
        r = add_request(s, kind="erasure", requester="", contact_id=c.id, received_on=RECEIVED,
                        today=ANSWERED).request  # fmt: skip
        done = answer_request(s, r.id, "partial", ANSWERED, "Le reste est nécessaire.", today=date(2026, 11, 30),
                              fields=["email"])  # fmt: skip
        assert [(n.partner_id, n.event, n.due_on) for n in done.notices] == [
            (partner.id, "rectification", ANSWERED)
        ]


def test_corrections_given_with_an_access_request_change_nothing(db: Database, tmp_path: Path) -> None:
    """Only a rectification request corrects the record (docs/rules.md §5.6); an access request writes the
    dossier (§5.7), whatever else came with it."""
    with db.session() as s:
        c = make_contact(s)
        r = add_request(s, kind="access", requester="", contact_id=c.id, received_on=RECEIVED,
                        today=ANSWERED).request  # fmt: skip
        done = answer_request(s, r.id, "granted", ANSWERED, today=ANSWERED, corrections={"city": "Paris"},
                              out=tmp_path)  # fmt: skip
        assert done.dossier is not None and done.corrected == [] and c.city == "Lyon"


def test_an_extension_is_judged_on_the_day_given_not_the_machine_s(db: Database) -> None:
    from services.compliance.requests import extend_request

    with db.session() as s:
        c = make_contact(s)
        r = add_request(s, kind="access", requester="", contact_id=c.id, received_on=date(2020, 3, 2),
                        today=date(2020, 3, 2)).request  # fmt: skip
        extended = extend_request(s, r.id, "Demande complexe", date(2020, 3, 20), today=date(2020, 3, 20))
        assert extended.extended_on == date(2020, 3, 20)


def test_an_objection_from_nobody_known_asks_for_identifiers_in_one_whole_sentence(db: Database) -> None:
    """docs/rules.md §5.2: the secretary reads what to ask the person for, and why."""
    with db.session() as s, pytest.raises(InputError) as exc:
        add_request(s, kind="objection", requester="Inconnu", received_on=RECEIVED, today=ANSWERED)
    assert str(exc.value) == (
        "La personne n'est pas (ou plus) dans la base : indiquez son e-mail, son téléphone, ou son nom et son "
        "code postal, pour que son opposition soit respectée (liste d'opposition)."
    )


def test_an_answer_dated_after_today_is_refused_naming_the_answer_date(db: Database) -> None:
    """The day given as today decides (not the computer's calendar): an answer dated tomorrow is refused."""
    with db.session() as s:
        r = add_request(
            s, kind="access", requester="Jean Dupont", received_on=RECEIVED, today=ANSWERED
        ).request
        with pytest.raises(InputError) as exc:
            answer_request(s, r.id, "refused", date(2026, 10, 21), "Non.", today=ANSWERED)
        assert str(exc.value) == "La date de réponse (21/10/2026) est dans le futur."
        assert r.answered_on is None


def test_a_request_from_someone_not_in_the_base_is_answered_without_looking_anyone_up(db: Database) -> None:
    """Nobody to look up: no lookup of a null reference (SQLAlchemy warns that it will become an error), the
    answer is recorded with the complaint sentence."""
    with db.session() as s:
        r = add_request(s, kind="access", requester="Inconnu", received_on=RECEIVED, today=ANSWERED).request
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            done = answer_request(s, r.id, "refused", ANSWERED, "Personne inconnue.", today=ANSWERED)
        assert done.request.answered_on == ANSWERED and COMPLAINT_SENTENCE in done.request.answer
