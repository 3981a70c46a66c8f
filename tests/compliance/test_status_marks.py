"""Issue 15: what a person's record shows at a glance — objections in force, refusals ticked, the phone
consent and until when, a letter returned (docs/rules.md §1.4, §4.5, §5.1)."""

from __future__ import annotations

from datetime import date

from models.database import Database
from services.compliance.consents import status_marks
from services.compliance.oppositions import record_opposition
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
