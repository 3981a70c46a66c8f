"""Who may be called at all (docs/rules.md §1.2-§1.4, §1.7, §9), rule by rule on one person's inputs: the
order of the reasons, the proof, the forbidden subjects and the running contract at its first and last day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from models.contact import Contact
from models.database import Database
from services.core.errors import InputError
from services.phone.contracts import add_contract
from services.phone.decision import decide_calls, decide_one
from services.phone.eligibility import (
    CONSENT_EXPIRED,
    CONSENT_UNPROVEN,
    CONSENT_WITHDRAWN,
    ERASED,
    NO_CONSENT,
    NO_PHONE,
    OPPOSED,
    REFUSED_AT_COLLECTION,
    THIRD_PARTY_NO_CONSENT,
    EligibilityInputs,
    category_label,
    check_subject_category,
    decide_eligibility,
    latest_phone_answers,
    number_to_dial,
    suggested_category,
)
from tests.phone_helpers import consumer, give_consent, paris, professional

NOW = datetime(2026, 11, 2, 9, 30)  # stored UTC, as decide_eligibility reads it
GIVEN = NOW - timedelta(days=30)


def person(**values: object) -> EligibilityInputs:
    """A consumer with a proven consent from this business, given 30 days ago: callable."""
    base: dict[str, object] = {
        "id": 1, "postcode": "69002", "person_kind": "consumer", "source_kind": "direct", "phone": "",
        "mobile": "+33612345678", "erased": False, "opposed": False, "contract_id": None, "accept_phone": True,
        "consent_id": 7, "consent_on": GIVEN, "consent_channel": "paper", "consent_form_version_id": 3,
        "consent_proof": "formulaire.pdf", "consent_recorded_by": "", "refused_at_collection": False,
        "refused_after_consent": False,
    }  # fmt: skip
    base.update(values)
    return EligibilityInputs(**base)  # type: ignore[arg-type]


def reason(**values: object) -> str:
    e = decide_eligibility(person(**values), NOW, 365)
    return "OK " + e.basis if e.eligible else e.reason


def test_a_consumer_with_a_proven_consent_is_callable_on_that_basis() -> None:
    e = decide_eligibility(person(), NOW, 365)
    assert (e.eligible, e.reason, e.basis, e.consent_id, e.contract_id) == (
        True, "consentement recueilli", "consent", 7, None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"erased": True, "opposed": True, "mobile": ""}, ERASED),
        ({"mobile": "", "opposed": True}, NO_PHONE),
        ({"opposed": True, "contract_id": 4}, OPPOSED),
        ({"consent_id": None}, NO_CONSENT),
        ({"consent_on": None}, NO_CONSENT),
        ({"consent_on": NOW + timedelta(minutes=1)}, NO_CONSENT),  # not given yet at that moment
        ({"consent_on": NOW}, "OK consent"),  # given at this very minute
        ({"consent_id": None, "source_kind": "broker"}, THIRD_PARTY_NO_CONSENT),
        ({"consent_id": None, "source_kind": "partner"}, THIRD_PARTY_NO_CONSENT),
        ({"consent_id": None, "source_kind": "public"}, NO_CONSENT),
        ({"consent_channel": "broker"}, THIRD_PARTY_NO_CONSENT),
        ({"consent_channel": None}, "OK consent"),
        ({"accept_phone": False}, CONSENT_WITHDRAWN),
        ({"accept_phone": None}, CONSENT_WITHDRAWN),
        ({"refused_after_consent": True}, CONSENT_WITHDRAWN),
        ({"consent_form_version_id": None}, CONSENT_UNPROVEN),
        ({"consent_proof": "", "consent_recorded_by": ""}, CONSENT_UNPROVEN),
        ({"consent_proof": None, "consent_recorded_by": "Julie"}, "OK consent"),
        ({"consent_on": NOW - timedelta(days=365)}, CONSENT_EXPIRED),
        ({"consent_form_version_id": None, "consent_on": NOW - timedelta(days=400)}, CONSENT_UNPROVEN),
        ({"accept_phone": False, "consent_form_version_id": None}, CONSENT_WITHDRAWN),
        ({"consent_id": None, "contract_id": 4}, "OK contract"),
        ({"person_kind": "professional", "consent_id": None}, "OK professional"),
        ({"person_kind": "professional", "refused_at_collection": True}, REFUSED_AT_COLLECTION),
        ({"person_kind": "professional", "refused_at_collection": True, "contract_id": 4}, "OK contract"),
        ({"refused_at_collection": True}, "OK consent"),  # a consumer's later tick is what counts
    ],
)
def test_the_first_rule_that_applies_gives_the_reason(values: dict[str, object], expected: str) -> None:
    assert reason(**values) == expected


def test_a_forbidden_subject_is_refused_except_within_its_running_contract() -> None:
    label = category_label("energy")
    assert label == "rénovation énergétique"
    refused = decide_eligibility(person(), NOW, 365, label)
    assert (refused.eligible, refused.reason) == (
        False,
        "objet interdit au téléphone hors contrat en cours (rénovation énergétique)",
    )
    assert decide_eligibility(person(person_kind="professional"), NOW, 365, label).eligible is False
    within = decide_eligibility(person(contract_id=4), NOW, 365, label)
    assert (within.eligible, within.reason, within.basis, within.contract_id) == (
        True,
        "contrat en cours",
        "contract",
        4,
    )
    assert [category_label(c) for c in ("home-adaptation", "cpf", "other", "unknown")] == [
        "adaptation du logement au vieillissement ou au handicap",
        "formation financée par le compte personnel de formation (CPF)", None, None,
    ]  # fmt: skip


def test_the_declared_category_decides_and_a_suspicious_other_needs_a_confirmation() -> None:
    assert suggested_category("Pompe à chaleur : -30 %") == "energy"
    assert suggested_category("Formation CPF bureautique") == "cpf"
    assert suggested_category("Douche senior sans marche") == "home-adaptation"
    assert suggested_category("Nouvelle collection de cuisines") == "other"
    assert check_subject_category("Pompe à chaleur", "energy") == "energy"
    assert check_subject_category("Nouvelle collection", "other") == "other"
    with pytest.raises(
        InputError, match=r"^L'objet « Remplacement de baignoire » ressemble à « adaptation du logement"
    ):
        check_subject_category("Remplacement de baignoire", "other")
    assert check_subject_category("Remplacement de baignoire", "other", confirmed=True) == "other"
    with pytest.raises(
        InputError, match=r"^Catégorie d'objet inconnue « solar » : energy \(rénovation énergétique\), "
    ):
        check_subject_category("Panneaux", "solar")


def test_the_number_dialled() -> None:
    assert number_to_dial(person(phone="+33472000001", mobile="+33612345678")) == "+33612345678"
    assert number_to_dial(person(phone="+33472000001", mobile="")) == "+33472000001"
    pro = person(person_kind="professional", phone="+33472000001", mobile="+33612345678")
    assert number_to_dial(pro) == "+33472000001"
    assert (
        number_to_dial(person(person_kind="professional", phone="", mobile="+33612345678")) == "+33612345678"
    )


def test_a_running_contract_opens_calls_on_its_subject_from_its_first_to_its_last_day(db: Database) -> None:
    with db.session() as s:
        c = consumer(s)
        add_contract(s, c.id, "Entretien chaudière", date(2026, 11, 2), date(2026, 11, 30))
        for day, subject, status in [
            (paris(2026, 10, 30, 10, 30), "Entretien chaudière", "excluded"),  # before its first day
            (paris(2026, 11, 2, 10, 30), "entretien  CHAUDIÈRE", "callable"),  # its first day, words folded
            (paris(2026, 11, 30, 19, 0), "Entretien chaudière", "callable"),  # its last day
            (paris(2026, 12, 1, 10, 30), "Entretien chaudière", "excluded"),  # ended
            (paris(2026, 11, 2, 10, 30), "Nouvelle cuisine", "excluded"),  # another subject
        ]:
            d = decide_one(s, c.id, subject, day)
            assert d.status == status, (day, subject)
            assert (d.eligibility.contract_id is not None) == (status == "callable")


def test_the_latest_answer_on_the_phone_boxes_and_a_refusal_that_withdraws(db: Database) -> None:
    with db.session() as s:
        c, pro, other = consumer(s), professional(s), consumer(s, last_name="Autre")
        first = give_consent(s, c, paris(2026, 6, 1))
        give_consent(s, c, paris(2026, 5, 1), accept_phone=None, refuse_phone=True)  # earlier: no effect
        answers = latest_phone_answers(s)
        assert answers[c.id].consent_id == first.id and not answers[c.id].refused_after_consent
        assert (answers[c.id].refused_at_collection, answers[c.id].consent_on) == (
            True,
            datetime(2026, 6, 1, 8, 30),
        )
        give_consent(s, c, paris(2026, 6, 1), accept_phone=None, refuse_phone=True)  # the same minute
        assert latest_phone_answers(s, c.id)[c.id].refused_after_consent is True
        give_consent(s, pro, paris(2026, 6, 1), accept_phone=None, refuse_phone=True)
        give_consent(s, pro, paris(2026, 7, 1), accept_phone=None, refuse_phone=False)
        assert latest_phone_answers(s)[pro.id].refused_at_collection is False
        assert other.id not in latest_phone_answers(s) and set(latest_phone_answers(s, pro.id)) == {pro.id}
        later = give_consent(s, c, paris(2026, 8, 1))  # ticked again after the refusal
        again = latest_phone_answers(s)[c.id]
        assert (again.consent_id, again.refused_after_consent, again.consent_channel) == (
            later.id,
            False,
            "paper",
        )
        assert (again.consent_proof, again.consent_recorded_by) == (
            "formulaire-2026-001.pdf",
            "Julie (accueil)",
        )


def test_every_exclusion_reason_has_its_code_and_an_unknown_one_reads_other() -> None:
    """The keys scripts read in `campaign phone --json` (docs/cli.md): one code per reason, « other » else."""
    from services.phone.eligibility import REASON_CODES, reason_code

    assert len(set(REASON_CODES.values())) == len(REASON_CODES)
    assert all(reason_code(reason) == code for reason, code in REASON_CODES.items())
    assert reason_code("une raison que personne n'a prévue") == "other"


def test_an_older_form_entered_later_does_not_undo_a_newer_answer(db: Database) -> None:
    """The answers are taken in the order they were given, not typed in: a March paper form with the box
    left unticked, entered after the June consent, does not withdraw it."""
    with db.session() as s:
        c = consumer(s)
        june = give_consent(s, c, paris(2026, 6, 1))
        give_consent(s, c, paris(2026, 3, 1), accept_phone=False)
        d = decide_one(s, c.id, "", paris(2026, 11, 2, 10, 30))
        assert (d.status, d.eligibility.basis, d.eligibility.consent_id) == ("callable", "consent", june.id)


def test_an_erased_person_is_refused_as_erased_even_if_a_number_remains(db: Database) -> None:
    with db.session() as s:
        pro = professional(s)
        s.execute(update(Contact).where(Contact.id == pro.id).values(erased_at=paris(2026, 10, 1)))
        s.flush()
        now = paris(2026, 11, 2, 10, 30)
        assert (decide_one(s, pro.id, "", now).status, decide_one(s, pro.id, "", now).reason) == (
            "excluded",
            ERASED,
        )
        assert [(d.status, d.reason) for d in decide_calls(s, Contact.id == pro.id, "", now)] == [
            ("excluded", ERASED)
        ]


def test_the_whole_sentence_asking_to_declare_a_suspicious_subject() -> None:
    with pytest.raises(InputError) as exc:
        check_subject_category("Remplacement de baignoire", "other")
    assert str(exc.value) == (
        "L'objet « Remplacement de baignoire » ressemble à « adaptation du logement au vieillissement ou au "
        "handicap », interdit au téléphone hors contrat en cours : déclarez cette catégorie, ou confirmez "
        "qu'il s'agit d'un autre objet (--confirm-category)."
    )


def test_the_answers_since_a_moment_include_that_very_moment(db: Database) -> None:
    """latest_phone_answers(since=…) reads the answers given from that moment on, that moment included (the
    home page's share of valid consents reads the last year's this way)."""
    since = paris(2026, 6, 1)
    with db.session() as s:
        on_the_dot = consumer(s, last_name="Pile")
        give_consent(s, on_the_dot, since)
        before = consumer(s, last_name="Avant")
        give_consent(s, before, since - timedelta(minutes=1))
        answers = latest_phone_answers(s, since=since)
    assert answers[on_the_dot.id].accept_phone  # (SQLite gives 1: booleans come as the driver reads them)
    assert before.id not in answers
