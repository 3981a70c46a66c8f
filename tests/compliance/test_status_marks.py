"""Issue 15: what a person's record shows at a glance — objections in force, refusals ticked, the phone
consent and until when, a letter returned (docs/rules.md §1.4, §4.5, §5.1)."""

from __future__ import annotations

from datetime import date

from models.database import Database
from services.compliance.consents import status_marks
from services.compliance.oppositions import record_opposition
from services.phone.decision import decide_one
from tests.helpers import make_contact
from tests.phone_helpers import consumer, give_consent, paris


def test_each_mark_in_words(db: Database) -> None:
    with db.session() as s:
        quiet = make_contact(s, last_name="Calme")
        assert status_marks(s, quiet) == []
        c = consumer(s, last_name="Durand")
        give_consent(s, c, paris(2026, 6, 1, 15, 0))
        record_opposition(s, c.id, "post", "letter", date(2026, 11, 2))
        c.npai_on = date(2026, 11, 20)
        marks = status_marks(s, c, at=paris(2026, 11, 30, 10, 0))
        assert [(m.kind, m.text) for m in marks] == [
            ("objection", "Opposé(e) : courrier"),
            ("consent", "Accord d'appel valable jusqu'au 01/06/2027"),
            ("npai", "Courrier revenu (n'habite pas à l'adresse) le 20/11/2026"),
        ]
        # a year and a day later the consent is over: no more mark
        assert [m.kind for m in status_marks(s, c, at=paris(2027, 6, 2, 10, 0))] == ["objection", "npai"]


def test_every_objection_and_refusal_is_named_and_the_end_day_is_the_business_s(db: Database) -> None:
    """Two scopes objected to, each refusal box ticked, a consent given at half past midnight in Paris (the
    day before in UTC): the header names them all, and the consent's last day on the business's calendar."""
    with db.session() as s:
        c = consumer(s, last_name="Martin")
        record_opposition(s, c.id, "phone", "letter", date(2026, 11, 2))
        record_opposition(s, c.id, "partners", "slip", date(2026, 11, 3))
        marks = status_marks(s, c, at=paris(2026, 11, 30, 10, 0))
        assert [(m.kind, m.text) for m in marks] == [
            ("objection", "Opposé(e) : transmission aux partenaires, téléphone")
        ]

        refuser = consumer(s, last_name="Refus", email="refus@example.fr", mobile="0633333333")
        give_consent(s, refuser, paris(2026, 6, 1, 0, 30))  # 31/05 at 22:30 in UTC
        give_consent(s, refuser, paris(2026, 6, 2, 9, 0), accept_phone=None, refuse_post=True,
                     refuse_partners=True)  # fmt: skip
        marks = status_marks(s, refuser, at=paris(2026, 11, 30, 10, 0))
        assert [(m.kind, m.text) for m in marks] == [
            ("refusal", "Refus coché sur un formulaire : courrier, partenaires"),
            ("consent", "Accord d'appel valable jusqu'au 01/06/2027"),
        ]
        assert decide_one(s, refuser.id, "", paris(2026, 11, 30, 10, 0)).allowed
        # The phone box ticked « je refuse » afterwards withdraws the consent: the card and the calls agree.
        give_consent(s, refuser, paris(2026, 6, 3, 9, 0), accept_phone=None, refuse_phone=True)
        assert [(m.kind, m.text) for m in status_marks(s, refuser, at=paris(2026, 11, 30, 10, 0))] == [
            ("refusal", "Refus coché sur un formulaire : courrier, téléphone, partenaires"),
        ]
        assert not decide_one(s, refuser.id, "", paris(2026, 11, 30, 10, 0)).allowed
