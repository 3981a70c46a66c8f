"""Issue 15: the template editor's live preview — the letter unsaved texts print for one person, with the
notice that person is owed; nothing recorded."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from models.compliance import InformedRecord
from models.database import Database
from services.compliance.oppositions import record_opposition
from services.core.settings import set_settings
from services.postal.letter_templates import DEFAULT_TEXTS
from services.postal.review import letter_preview
from tests.helpers import make_contact


def test_the_letter_for_one_person_and_nothing_recorded(db: Database) -> None:
    with db.session() as s:
        set_settings(s, {"org.name": "Cuisines <Dupont> & Fils", "org.address": "1 rue X 69001 Lyon",
                         "org.rights_contact": "droits@dupont.example"})  # fmt: skip
        claire = make_contact(s, source_kind="broker", source_name="Data Prospects")
        paul = make_contact(s, first_name="Paul", last_name="Durand", email="p@example.fr", mobile="")
        record_opposition(s, paul.id, "post", "letter", date(2026, 11, 2))
        texts = {
            **DEFAULT_TEXTS,
            "body": "{{ formule_appel }},\n\nBonjour {{ prenom }} de {{ organisation.nom }}.",
        }
        shown = letter_preview(s, claire.id, texts)
        assert shown.excluded == "" and shown.address[-1].endswith("LYON")
        assert [b.text for b in shown.blocks[:2]] == [
            "Madame,",
            "Bonjour Claire de Cuisines <Dupont> & Fils.",
        ]
        assert any(
            "Data Prospects" in b.text for b in shown.blocks
        )  # the art. 14 notice a broker's file is owed
        assert letter_preview(s, paul.id, texts).excluded.startswith("Opposé")
        assert s.scalar(select(func.count()).select_from(InformedRecord)) == 0
