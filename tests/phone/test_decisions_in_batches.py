"""Issue 17: decisions come batch by batch, each batch reading only its own people — the same answers
as in one batch, and a small selection reads nothing about the rest of the base."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, insert

import services.phone.decision as decision_module
from models.compliance import Opposition
from models.contact import Contact
from models.database import Database
from models.phone import CallLogEntry
from services.core.bulk import id_conditions
from services.phone.calendar import Place
from services.phone.call_centre import holidays_ahead
from services.phone.call_log import log_call
from services.phone.decision import count_calls, decide_calls, decide_one
from services.phone.eligibility import OPPOSED, latest_phone_answers
from tests.phone_helpers import consumer, give_consent, paris, professional

NOW = paris(2026, 11, 6, 10, 30)


def people(s) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every case of the rules once or more, ids interleaved so that batches cut through them."""
    ids = {}
    for i in range(3):
        capped = professional(s, last_name=f"Plein{i}")
        for day in (2, 3, 4, 5):
            log_call(s, capped.id, "busy", paris(2026, 11, day, 11, 0))
        ids[f"capped{i}"] = capped.id
        refused = professional(s, last_name=f"Refus{i}")
        log_call(s, refused.id, "not-interested", paris(2026, 10, 1, 11, 0))
        ids[f"refused{i}"] = refused.id
        ids[f"reunion{i}"] = professional(s, last_name=f"Payet{i}", postcode="97400", city="Saint-Denis").id
        private = consumer(s, last_name=f"Prive{i}")
        give_consent(s, private, paris(2026, 6, 1))
        ids[f"consent{i}"] = private.id
        withdrawn = consumer(s, last_name=f"Retire{i}")
        give_consent(s, withdrawn, paris(2026, 6, 1))
        give_consent(s, withdrawn, paris(2026, 7, 1), accept_phone=None, refuse_phone=True)
        ids[f"withdrawn{i}"] = withdrawn.id
        ids[f"none{i}"] = consumer(s, last_name=f"Sans{i}").id
    return ids


def shape(decisions: list) -> list[tuple]:  # type: ignore[type-arg]
    return [
        (d.contact_id, d.status, d.reason, d.next_local, d.attempts_left, d.eligibility) for d in decisions
    ]


def test_decisions_in_small_batches_are_the_decisions_in_one(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 4 people across 18: every decision the same as with one batch, in contact order."""
    with db.session() as s:
        ids = people(s)
        whole = decide_calls(s, Contact.id > 0, "", NOW)
        monkeypatch.setattr(decision_module, "BATCH", 4)
        batched = decide_calls(s, Contact.id > 0, "", NOW)
        assert shape(batched) == shape(whole)
        assert [d.contact_id for d in batched] == sorted(ids.values())
        statuses = {name: d.status for d in batched for name, cid in ids.items() if cid == d.contact_id}
        assert statuses["capped0"] == statuses["refused2"] == "later"
        assert (
            statuses["consent1"] == "callable" and statuses["withdrawn1"] == statuses["none0"] == "excluded"
        )


def test_counts_are_the_decisions_counted(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """count_calls keeps no decision and says what the decisions say."""
    with db.session() as s:
        people(s)
        monkeypatch.setattr(decision_module, "BATCH", 5)
        decisions = decide_calls(s, Contact.id > 0, "", NOW)
        expected = {k: sum(1 for d in decisions if d.status == k) for k in ("callable", "later", "excluded")}
        assert count_calls(s, Contact.id > 0, "", NOW) == expected
        assert expected["callable"] > 0 and expected["later"] > 0 and expected["excluded"] > 0


def test_oppositions_read_per_batch_decide_as_for_one_person(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/rules.md §1/§5: in batches of 3 (the oppositions read once per batch), the objections to phone or
    to all exclude, a lifted or voided one or one to post only does not — as decide_one says, person by person;
    an objector between two selected people changes nothing for them."""
    with db.session() as s:
        made = {}
        cases = [("all", ""), ("phone", ""), ("post", ""), ("phone", "lifted"), ("all", "voided")]
        for scope, state in cases:
            c = professional(s, last_name=f"{scope}{state}")
            o = Opposition(contact_id=c.id, scope=scope, received_on=date(2026, 5, 1), channel="letter")
            if state == "voided":
                o.voided_at = datetime(2026, 6, 1, tzinfo=UTC)
            if state == "lifted":
                o.lifted_by_consent_id = give_consent(s, c, paris(2026, 6, 1)).id
            s.add(o)
            made[f"{scope}{state}"] = c.id
        between = professional(s, last_name="Entre")
        s.add(Opposition(contact_id=between.id, scope="all", received_on=date(2026, 5, 1), channel="letter"))
        after = professional(s, last_name="Apres")
        s.flush()
        monkeypatch.setattr(decision_module, "BATCH", 3)
        batched = {d.contact_id: d for d in decide_calls(s, Contact.id > 0, "", NOW)}
        for cid, d in batched.items():
            assert shape([d]) == shape([decide_one(s, cid, "", NOW)])
        excluded = {name for name, cid in made.items() if batched[cid].reason == OPPOSED}
        assert excluded == {"all", "phone"} and batched[between.id].reason == OPPOSED
        chosen = decide_calls(s, Contact.id.in_([made["post"], after.id]), "", NOW)
        assert [d.reason != OPPOSED for d in chosen] == [True, True]


def test_a_selection_reads_the_consents_of_its_people_only(db: Database) -> None:
    """Two people selected among many with consents: the consent query is asked about those two only."""
    with db.session() as s:
        ids = people(s)
        wanted = [ids["consent0"], ids["withdrawn2"]]
        statements: list[tuple[str, object]] = []
        engine = s.get_bind()

        def listener(*a: object) -> None:
            statements.append((str(a[2]), a[3]))

        event.listen(engine, "before_cursor_execute", listener)
        try:
            decisions = decide_calls(s, Contact.id.in_(wanted), "", NOW)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        assert [d.contact_id for d in decisions] == sorted(wanted)
        consent_reads = [(sql, params) for sql, params in statements if "FROM consent_records" in sql]
        assert len(consent_reads) == 1
        sql, params = consent_reads[0]
        assert "consent_records.contact_id IN" in sql or "BETWEEN" in sql
        flat = str(params)
        assert str(ids["consent0"]) in flat and str(ids["withdrawn2"]) in flat


def test_answers_by_range_or_by_list_are_the_same(db: Database) -> None:
    """The consent answers read over a range of ids and read by list of ids agree, and hold nobody else."""
    with db.session() as s:
        ids = sorted(people(s).values())
        every = latest_phone_answers(s)
        close = latest_phone_answers(s, contact_ids=ids[2:8])
        assert close == {cid: a for cid, a in every.items() if cid in ids[2:8]}
        spread = [ids[0], ids[-1]]
        assert latest_phone_answers(s, contact_ids=spread) == {c: a for c, a in every.items() if c in spread}


def test_id_conditions_cover_close_ids_with_one_range_and_spread_ones_with_lists() -> None:
    """One BETWEEN for ids close together; lists of at most `chunk` ids otherwise."""
    close = id_conditions(Contact.id, [3, 4, 6, 9])
    assert len(close) == 1 and "BETWEEN" in str(close[0])
    spread = id_conditions(Contact.id, list(range(0, 10_000, 100)), chunk=30)
    assert len(spread) == 4 and all("IN" in str(c) for c in spread)
    assert id_conditions(Contact.id, []) == []


def test_holidays_ahead_are_worked_out_once_per_territory_and_day() -> None:
    """The call list's « Jours fériés à venir » is the same for every person of a territory on a day."""
    from services.phone.call_centre import _holidays_ahead

    _holidays_ahead.cache_clear()
    start = datetime(2026, 12, 20).date()
    texts = {holidays_ahead(Place.of(pc), start) for pc in ("69002", "75011", "13001", "33000")}
    assert texts == {"25/12, 01/01"}
    assert holidays_ahead(Place.of("97400"), start) == "25/12, 01/01"  # and 20 December, a Sunday in 2026
    assert _holidays_ahead.cache_info().misses == 2


def test_a_selection_spread_over_a_large_base_keeps_every_persons_consent_and_calls(db: Database) -> None:
    """901 people one id in ten (read by lists of 900 ids, not one range): the first one's consent and
    4 calls of the week are still found — « later », on the basis of her consent, no attempt left."""
    with db.session() as s:
        rows = [
            {"id": 10 * (i + 1), "last_name": f"P{i}", "person_kind": "professional", "phone": "+33142000001",
             "postcode": "69002", "city": "Lyon", "source_kind": "direct", "source_name": "Comptoir",
             "source_date": date(2026, 3, 1)}
            for i in range(901)
        ]  # fmt: skip
        rows[0].update(person_kind="consumer", phone="", mobile="+33612345678")
        s.execute(insert(Contact), rows)
        first = s.get(Contact, 10)
        assert first is not None
        consent = give_consent(s, first, paris(2026, 6, 1))
        s.execute(insert(CallLogEntry), [
            {"contact_id": 10, "called_at": paris(2026, 11, day, 11, 0), "callee_zone": "Europe/Paris",
             "outcome": "busy"}
            for day in (2, 3, 4, 5)
        ])  # fmt: skip
        decisions = decide_calls(s, Contact.id > 0, "", NOW)
        assert (
            len(decisions) == 901 and len(id_conditions(Contact.id, [d.contact_id for d in decisions])) == 2
        )
        d = decisions[0]
        assert (d.contact_id, d.status, d.attempts_left, d.eligibility.consent_id) == (
            10,
            "later",
            0,
            consent.id,
        )
        assert {x.status for x in decisions[1:]} == {"callable"}


def test_a_selection_by_name_is_decided_in_contact_order_batch_after_batch(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Selected by their names (which the base may read in name order): in batches of 2, nobody is skipped
    nor decided twice, and the decisions come in contact order."""
    with db.session() as s:
        names = ["FABRE", "ETIENNE", "DUMAS", "COLIN", "BLANC", "ARNAUD"]  # as the base stores them
        ids = [professional(s, last_name=n).id for n in names]
        monkeypatch.setattr(decision_module, "BATCH", 2)
        decisions = decide_calls(s, Contact.last_name.in_(names), "", NOW)
        assert [d.contact_id for d in decisions] == sorted(ids)
