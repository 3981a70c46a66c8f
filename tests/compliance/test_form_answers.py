"""Answers on a form version (docs/rules.md §4.3-§4.5, §1.5): only the boxes the person saw can be answered;
only a ticked opt-in box lifts an earlier phone or partner objection, never one of « all » or « post » and
never an import; the latest answer on a box wins, the later record on a tie."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from models.compliance import ConsentRecord, Form, FormVersion
from models.contact import Contact
from models.database import Database
from services.compliance.choices import latest_answer, objection_marks, opposed, refused_at_collection
from services.compliance.consents import check_answers_on_form, lifts_opposition_scopes, version_box_keys
from services.core.errors import InputError
from tests.helpers import make_contact

ON = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def version_with(*keys: str) -> FormVersion:
    return FormVersion(number=3, boxes=json.dumps([{"key": k, "label": k} for k in keys]))


def test_only_the_boxes_on_the_version_can_be_answered() -> None:
    v = version_with("refuse_post", "accept_phone_partner:Assureurs")
    assert version_box_keys(v) == ["refuse_post", "accept_phone_partner:Assureurs"]
    assert version_box_keys(FormVersion(boxes="")) == []
    check_answers_on_form(v, {"refuse_post": True, "refuse_phone": None}, ["Assureurs"])
    with pytest.raises(
        InputError, match=r"^Le formulaire v3 ne comporte pas ces cases : refuse_phone, Cuisinistes\.$"
    ):
        check_answers_on_form(v, {"refuse_post": False, "refuse_phone": False}, ["Assureurs", "Cuisinistes"])


@pytest.mark.parametrize(
    ("accept_phone", "categories", "channel", "lifted"),
    [
        (True, [], "paper", ["phone"]),
        (True, ["Assureurs"], "web", ["phone", "partners"]),
        (None, ["Assureurs"], "counter", ["partners"]),
        (False, [], "paper", []),
        (None, [], "paper", []),
        (True, ["Assureurs"], "import", []),
    ],
)
def test_what_a_ticked_box_lifts(
    accept_phone: bool | None, categories: list[str], channel: str, lifted: list[str]
) -> None:
    assert lifts_opposition_scopes(accept_phone, iter(categories), channel) == lifted


def test_the_latest_answer_on_a_box_wins_in_sql(db: Database) -> None:
    with db.session() as s:
        a, b, c = (make_contact(s, first_name=n, email=f"{n}@x.fr") for n in ("A", "B", "C"))
        s.add_all([
            ConsentRecord(contact_id=a.id, refuse_post=True, recorded_on=ON, channel="paper"),
            ConsentRecord(contact_id=a.id, refuse_post=False, recorded_on=ON, channel="paper"),  # same moment, later
            ConsentRecord(contact_id=b.id, refuse_post=False, recorded_on=ON, channel="paper"),
            ConsentRecord(contact_id=b.id, refuse_post=True, recorded_on=ON.replace(day=2), channel="paper"),
            ConsentRecord(contact_id=b.id, refuse_post=None, recorded_on=ON.replace(day=3), channel="paper"),
            ConsentRecord(contact_id=c.id, refuse_phone=True, recorded_on=ON, channel="paper"),
        ])  # fmt: skip
        s.flush()
        answers = dict(s.execute(select(Contact.id, latest_answer("refuse_post"))).all())
        assert answers == {a.id: False, b.id: True, c.id: None}
        refused = set(s.scalars(select(Contact.id).where(refused_at_collection("refuse_post"))))
        assert refused == {b.id}
        assert set(s.scalars(select(Contact.id).where(refused_at_collection("refuse_phone")))) == {c.id}
        assert s.scalar(select(func.count()).where(opposed("post"), Contact.id == a.id)) == 0


def test_an_older_form_typed_in_later_does_not_override_a_newer_answer(db: Database) -> None:
    """docs/rules.md §4.5: the answer the person gave last wins, not the one typed last — a paper form of
    May, typed in after June's, leaves June's refusal standing."""
    with db.session() as s:
        c = make_contact(s)
        s.add(ConsentRecord(contact_id=c.id, refuse_partners=True, recorded_on=ON, channel="paper"))
        s.flush()
        s.add(
            ConsentRecord(
                contact_id=c.id, refuse_partners=False, recorded_on=ON.replace(month=5), channel="paper"
            )
        )
        s.flush()
        assert s.scalar(select(latest_answer("refuse_partners")).where(Contact.id == c.id)) is True
        assert set(s.scalars(select(Contact.id).where(refused_at_collection("refuse_partners")))) == {c.id}


def test_the_marks_move_with_each_new_objection_or_answer(db: Database) -> None:
    with db.session() as s:
        assert objection_marks(s) == (0, 0)
        form = Form(name="F", channel="paper")
        s.add(form)
        s.flush()
        c = make_contact(s)
        s.add(ConsentRecord(contact_id=c.id, refuse_post=False, recorded_on=ON, channel="paper"))
        s.flush()
        first = objection_marks(s)
        assert first[0] == 0 and first[1] > 0
