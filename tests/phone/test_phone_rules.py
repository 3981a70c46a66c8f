"""Who may be called and the call log (docs/rules.md §1, §2, §5, §9), with an injected clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, func, select

from models.compliance import Opposition
from models.contact import Contact
from models.database import Database
from models.phone import Callback, CallLogEntry, Contract
from services.compliance.choices import latest_answer, refused_at_collection
from services.compliance.erasure import erase_contact
from services.core.errors import InputError
from services.core.settings import set_settings
from services.phone.call_log import log_call, pending_callbacks
from services.phone.contracts import add_contract
from services.phone.decision import count_calls, decide_calls, decide_one
from services.phone.eligibility import (
    CONSENT_EXPIRED,
    CONSENT_WITHDRAWN,
    NO_ANSWERS,
    NO_CONSENT,
    NO_PHONE,
    OPPOSED,
    THIRD_PARTY_NO_CONSENT,
    forbidden_subject,
    latest_phone_answers,
)
from tests.phone_helpers import consumer, give_consent, paris, professional

MONDAY = paris(2026, 11, 2, 10, 30)


def test_consumer_without_consent_excluded_professional_included(db: Database) -> None:
    """Opt-in for private persons, opt-out for business numbers (docs/rules.md §1)."""
    with db.session() as s:
        private = consumer(s)
        pro = professional(s)
        assert decide_one(s, private.id, "", MONDAY).reason == NO_CONSENT
        assert decide_one(s, private.id, "", MONDAY).status == "excluded"
        d = decide_one(s, pro.id, "", MONDAY)
        assert d.status == "callable" and d.eligibility.basis == "professional"
        assert d.number == "+33142000001"  # the business number first


def test_consumer_with_proven_consent_callable_on_that_basis(db: Database) -> None:
    """A ticked, proven box makes a private person callable; the decision points at the record."""
    with db.session() as s:
        c = consumer(s)
        record = give_consent(s, c, paris(2026, 6, 1))
        d = decide_one(s, c.id, "", MONDAY)
        assert d.status == "callable"
        assert (d.eligibility.basis, d.eligibility.consent_id) == ("consent", record.id)


def test_consent_366_days_old_excluded_365_days_minus_a_minute_kept(db: Database) -> None:
    """docs/rules.md §1.4: consent valid 365 days (setting), never renewed silently."""
    with db.session() as s:
        old = consumer(s, last_name="Ancien")
        give_consent(s, old, MONDAY - timedelta(days=366))
        recent = consumer(s, last_name="Recent")
        give_consent(s, recent, MONDAY - timedelta(days=365) + timedelta(minutes=1))
        assert decide_one(s, old.id, "", MONDAY).reason == CONSENT_EXPIRED
        assert decide_one(s, recent.id, "", MONDAY).status == "callable"


def test_consent_withdrawn_or_without_proof_does_not_count(db: Database) -> None:
    """A later refusal withdraws the consent; a consent without proof is no consent (Solocal)."""
    with db.session() as s:
        withdrawn = consumer(s, last_name="Retire")
        give_consent(s, withdrawn, paris(2026, 6, 1))
        give_consent(s, withdrawn, paris(2026, 7, 1), accept_phone=None, refuse_phone=True)
        unproven = consumer(s, last_name="Sanspreuve")
        give_consent(s, unproven, paris(2026, 6, 1), proof="", recorded_by="")
        assert decide_one(s, withdrawn.id, "", MONDAY).reason == CONSENT_WITHDRAWN
        assert decide_one(s, unproven.id, "", MONDAY).reason == "consentement sans preuve"


def test_latest_answer_on_each_phone_box_wins(db: Database) -> None:
    """Consent records are append-only: a refusal withdraws an earlier consent only, a consent given
    again after a refusal counts, a professional's later « yes » lifts an earlier refusal box, and
    the bulk decision reads the records exactly as the single one does."""
    with db.session() as s:
        again = consumer(s, last_name="Revenu")
        give_consent(s, again, paris(2026, 5, 1))
        give_consent(s, again, paris(2026, 6, 1), accept_phone=None, refuse_phone=True)
        renewed = give_consent(s, again, paris(2026, 7, 1))
        before = consumer(s, last_name="Avant")
        give_consent(s, before, paris(2026, 5, 1), accept_phone=None, refuse_phone=True)
        give_consent(s, before, paris(2026, 6, 1))
        same_day = consumer(s, last_name="Memejour")
        give_consent(s, same_day, paris(2026, 6, 1))
        give_consent(s, same_day, paris(2026, 6, 1), accept_phone=False)  # entered second: wins
        pro = professional(s, last_name="Change")
        give_consent(s, pro, paris(2026, 5, 1), accept_phone=None, refuse_phone=True)
        pro_refusing = professional(s, last_name="Refuse")
        give_consent(s, pro_refusing, paris(2026, 5, 1), accept_phone=None, refuse_phone=True)
        assert decide_one(s, pro.id, "", MONDAY).reason == "a refusé le téléphone à la collecte"
        give_consent(s, pro, paris(2026, 6, 1), accept_phone=None, refuse_phone=False)
        d = decide_one(s, again.id, "", MONDAY)
        assert d.status == "callable" and d.eligibility.consent_id == renewed.id
        assert decide_one(s, before.id, "", MONDAY).status == "callable"
        assert decide_one(s, same_day.id, "", MONDAY).reason == CONSENT_WITHDRAWN
        assert decide_one(s, pro.id, "", MONDAY).status == "callable"
        assert decide_one(s, pro_refusing.id, "", MONDAY).reason == "a refusé le téléphone à la collecte"
        bulk = {d.contact_id: d for d in decide_calls(s, Contact.id > 0, "", MONDAY)}
        for cid, d in bulk.items():
            one = decide_one(s, cid, "", MONDAY)
            assert (d.status, d.reason, d.eligibility) == (one.status, one.reason, one.eligibility), cid
        # The phone's one-pass reading and the SQL rule the post and the partners use agree.
        answers = latest_phone_answers(s)
        for cid in bulk:
            sql = s.execute(
                select(latest_answer("accept_phone"), refused_at_collection("refuse_phone")).where(
                    Contact.id == cid
                )
            ).one()
            mine = answers.get(cid, NO_ANSWERS)
            assert (mine.accept_phone, mine.refused_at_collection) == (sql[0], bool(sql[1])), cid


def test_brokers_contact_excluded_without_this_business_consent(db: Database) -> None:
    """Foriou (docs/rules.md §9.2): a broker's file gives no phone eligibility; the broker's own consent neither."""
    with db.session() as s:
        broker = consumer(s, source_kind="broker", source_name="Data Prospects France")
        assert decide_one(s, broker.id, "", MONDAY).reason == THIRD_PARTY_NO_CONSENT
        give_consent(s, broker, paris(2026, 6, 1), channel="partner")
        assert decide_one(s, broker.id, "", MONDAY).reason == THIRD_PARTY_NO_CONSENT
        give_consent(s, broker, paris(2026, 7, 1))  # collected by the business itself
        assert decide_one(s, broker.id, "", MONDAY).status == "callable"


def test_no_phone_and_opposition_exclude_everyone(db: Database) -> None:
    """No valid number, or an objection to phone or to all: never called, professional or not."""
    with db.session() as s:
        no_phone = professional(s, phone="", mobile="")
        opposed_pro = professional(s, last_name="Oppose")
        s.add(
            Opposition(contact_id=opposed_pro.id, scope="all", received_on=date(2026, 5, 1), channel="letter")
        )
        s.flush()
        assert decide_one(s, no_phone.id, "", MONDAY).reason == NO_PHONE
        assert decide_one(s, opposed_pro.id, "", MONDAY).reason == OPPOSED


def test_energy_renovation_campaign_refused(db: Database) -> None:
    """docs/rules.md §1.7: energy renovation calls are forbidden even with consent and to professionals."""
    assert forbidden_subject("Isolation des combles à 1 €") == "rénovation énergétique"
    assert forbidden_subject("Monte-escalier pour seniors") is not None
    assert forbidden_subject("Entretien chaudière") is not None  # boilers are energy equipment
    assert forbidden_subject("Nouvelle collection de cuisines") is None
    with db.session() as s:
        c = consumer(s)
        give_consent(s, c, paris(2026, 6, 1))
        pro = professional(s)
        for cid in (c.id, pro.id):
            d = decide_one(s, cid, "Rénovation énergétique : pompe à chaleur", MONDAY, "energy")
            assert d.status == "excluded" and "objet interdit" in d.reason


def test_running_contract_exception(db: Database) -> None:
    """A contract running on the campaign's subject allows the call without consent, even on a
    forbidden subject; an ended contract or another subject does not."""
    with db.session() as s:
        c = consumer(s)
        contract = add_contract(s, c.id, "Entretien  chaudière", date(2026, 1, 1), date(2026, 12, 31))
        d = decide_one(s, c.id, "entretien chaudiere", MONDAY, "energy")
        assert d.status == "callable"
        assert (d.eligibility.basis, d.eligibility.contract_id) == ("contract", contract.id)
        assert decide_one(s, c.id, "Nouvelle collection de cuisines", MONDAY).reason == NO_CONSENT
        assert decide_one(s, c.id, "Entretien chaudière", paris(2027, 1, 4), "energy").status == "excluded"
        with pytest.raises(InputError, match="avant d'avoir commencé"):
            add_contract(s, c.id, "Cuisine", date(2026, 5, 1), date(2026, 4, 1))


def test_fifth_attempt_within_30_days_refused_allowed_again_on_day_31(db: Database) -> None:
    """docs/rules.md §2.3: at most 4 calls or attempts per 30 days; the 5th waits until day 31."""
    with db.session() as s:
        c = professional(s)
        for day in (2, 3, 4, 5):  # Mon-Thu 2-5 November
            log_call(s, c.id, "no-answer", paris(2026, 11, day, 10, 30), caller="Léa")
        with pytest.raises(InputError) as exc:
            log_call(s, c.id, "no-answer", paris(2026, 11, 6, 10, 30))
        assert "4 appels" in str(exc.value) and "prochain créneau" in str(exc.value)
        d = decide_one(s, c.id, "", paris(2026, 12, 1, 19, 0))  # day 30: still blocked
        assert d.status == "later" and d.next_local == paris(2026, 12, 2, 10, 0)
        assert d.attempts_left == 0
        assert decide_one(s, c.id, "", paris(2026, 12, 2, 10, 0)).status == "callable"  # day 31
        assert s.scalar(select(func.count()).select_from(CallLogEntry)) == 4


def test_not_interested_blocks_60_days(db: Database) -> None:
    """docs/rules.md §2.4: after « pas intéressé », no call for 60 calendar days."""
    with db.session() as s:
        c = professional(s)
        log_call(s, c.id, "not-interested", paris(2026, 9, 1, 11, 0))
        d = decide_one(s, c.id, "", paris(2026, 10, 30, 11, 0))  # day 59
        assert d.status == "later" and "pas intéressé" in d.reason
        assert d.next_local == paris(2026, 11, 2, 10, 0)  # 31 Oct is a Saturday, 1 Nov All Saints
        assert decide_one(s, c.id, "", paris(2026, 11, 2, 10, 0)).status == "callable"


def test_do_not_call_blocks_forever_and_is_an_opposition(db: Database) -> None:
    """docs/rules.md §2/§5: « ne plus m'appeler » records an opposition, channel phone, shown with the others."""
    pytest.importorskip("services.compliance.oppositions")
    with db.session() as s:
        c = professional(s)
        logged = log_call(s, c.id, "do-not-call", paris(2026, 11, 2, 11, 0), caller="Léa")
        opposition = s.get(Opposition, logged.opposition_id)
        assert opposition is not None
        assert (opposition.channel, opposition.scope, opposition.contact_id) == ("phone", "phone", c.id)
        for later in (paris(2027, 3, 1, 11, 0), paris(2030, 6, 3, 11, 0)):
            assert decide_one(s, c.id, "", later).reason == OPPOSED


def test_forbidden_call_cannot_be_logged_and_changes_nothing(db: Database) -> None:
    """A call at 20:00 is refused with the reason and the next moment; nothing is written."""
    with db.session() as s:
        c = professional(s)
        with pytest.raises(InputError, match="prochain créneau : lundi 10:00"):
            log_call(s, c.id, "busy", paris(2026, 11, 27, 20, 0))
        private = consumer(s)
        with pytest.raises(InputError, match="sans consentement"):
            log_call(s, private.id, "interested", MONDAY)
        assert s.scalar(select(func.count()).select_from(CallLogEntry)) == 0


def test_wrong_number_clears_it_and_callback_is_kept(db: Database) -> None:
    """Wrong number: the dialled number leaves the contact; a callback is due and answered by the next call."""
    with db.session() as s:
        c = professional(s, mobile="06 11 22 33 44")
        logged = log_call(s, c.id, "wrong-number", MONDAY)
        assert logged.cleared_number == "+33142000001"
        s.refresh(c)
        assert (c.phone, c.mobile) == ("", "+33611223344")
        with pytest.raises(InputError, match="Rappel impossible"):
            log_call(s, c.id, "callback", MONDAY + timedelta(hours=1), callback_at=paris(2026, 11, 7, 11, 0))
        log_call(s, c.id, "callback", MONDAY + timedelta(hours=1), callback_at=paris(2026, 11, 3, 15, 0))
        assert pending_callbacks(s, paris(2026, 11, 3, 16, 0))[0][0] == c.id
        log_call(s, c.id, "interested", paris(2026, 11, 3, 15, 5))
        assert pending_callbacks(s, paris(2026, 11, 3, 16, 0)) == []
        assert s.scalar(select(func.count()).select_from(Callback)) == 1


def test_erasure_leaves_no_number_or_note_in_the_calls_register(db: Database) -> None:
    """Art. 17: after erasure the register still counts the calls (and their basis), but holds neither
    the number dialled nor what the caller wrote; the callback still due is dropped."""
    with db.session() as s:
        c = professional(s, last_name="Efface")
        add_contract(s, c.id, "Entretien chaudière", date(2026, 1, 1), note="Client depuis 2019, Mme au RDC")
        log_call(s, c.id, "callback", MONDAY, callback_at=paris(2026, 11, 3, 15, 0), note="rappeler sa fille")
        other = professional(s, last_name="Garde")
        log_call(s, other.id, "busy", MONDAY, note="ligne occupée")
        erase_contact(s, c.id, date(2026, 11, 2))
        erased = s.scalars(select(CallLogEntry).where(CallLogEntry.contact_id == c.id)).all()
        assert [(e.outcome, e.phone, e.note) for e in erased] == [("callback", "", "")]
        kept = s.scalars(select(CallLogEntry).where(CallLogEntry.contact_id == other.id)).one()
        assert (kept.phone, kept.note) == ("+33142000001", "ligne occupée")
        assert pending_callbacks(s, paris(2026, 11, 3, 16, 0)) == []
        assert s.scalars(select(Contract.note).where(Contract.contact_id == c.id)).one() == ""


def test_decisions_for_a_whole_selection_take_a_fixed_number_of_queries(db: Database) -> None:
    """Set-based: deciding for 30 people costs the same few queries as for 3 (no query per person)."""
    with db.session() as s:
        for i in range(30):
            c = professional(s, last_name=f"Pro{i}")
            log_call(s, c.id, "busy", paris(2026, 10, 26 + i % 5, 10 + i % 3, 30))
        statements: list[str] = []
        engine = s.get_bind()
        listener = lambda *a: statements.append(a[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            decisions = decide_calls(s, Contact.id > 0, "", MONDAY)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        assert len(decisions) == 30 and all(d.attempts_left == 3 for d in decisions)
        # settings, contacts, their oppositions, their consent answers, their call-log figures
        assert len(statements) <= 5


def test_bulk_decisions_equal_one_by_one_decisions(db: Database) -> None:
    """decide_calls (one joined query for everyone) says exactly what decide_one says for each person."""
    with db.session() as s:
        capped = professional(s, last_name="Plein")
        for day in (2, 3, 4, 5):
            log_call(s, capped.id, "busy", paris(2026, 11, day, 11, 0))
        refused = professional(s, last_name="Refus")
        log_call(s, refused.id, "not-interested", paris(2026, 10, 1, 11, 0))
        once = professional(s, last_name="Une fois")
        log_call(s, once.id, "no-answer", paris(2026, 11, 5, 11, 0))
        reunion = professional(s, last_name="Payet", postcode="97400", city="Saint-Denis")
        private = consumer(s)
        give_consent(s, private, paris(2026, 6, 1))
        consumer(s, last_name="Sans")
        now = paris(2026, 11, 6, 10, 30)
        bulk = {d.contact_id: d for d in decide_calls(s, Contact.id > 0, "", now)}
        assert bulk[capped.id].status == "later" and bulk[refused.id].status == "later"
        assert bulk[once.id].attempts_left == 3 and bulk[reunion.id].status == "later"
        for cid, d in bulk.items():
            one = decide_one(s, cid, "", now)
            assert (d.status, d.reason, d.next_local, d.attempts_left) == (
                one.status,
                one.reason,
                one.next_local,
                one.attempts_left,
            ), cid


def test_calls_and_contracts_appear_in_the_contact_history(db: Database) -> None:
    """The contact's history lists its contracts and each call with its outcome and caller."""
    from services.contacts.history import contact_history

    with db.session() as s:
        c = professional(s)
        add_contract(s, c.id, "Garantie cuisine", date(2026, 1, 1))
        log_call(s, c.id, "interested", MONDAY, caller="Léa")
        texts = [(e.kind, e.text) for e in contact_history(s, c)]
        assert ("contract", "Contrat n° 1 : Garantie cuisine") in texts
        assert ("call", "Appel par Léa : Intéressé") in texts


def test_a_whole_selection_reads_contracts_on_the_businesss_date(db: Database) -> None:
    """A business at La Réunion, 1 December 00:30 there (30 November in Paris and in UTC): a contract that
    ended on 30 November no longer opens calls, one that starts on 1 December already does."""
    with db.session() as s:
        set_settings(s, {"business.timezone": "Indian/Reunion"})
        ended, started = consumer(s), consumer(s, last_name="Debut")
        add_contract(s, ended.id, "Entretien chaudière", date(2026, 1, 1), date(2026, 11, 30))
        add_contract(s, started.id, "Entretien chaudière", date(2026, 12, 1), date(2027, 11, 30))
        now = datetime(2026, 12, 1, 0, 30, tzinfo=ZoneInfo("Indian/Reunion"))
        bulk = {
            d.contact_id: d.eligibility.basis
            for d in decide_calls(s, Contact.id > 0, "Entretien chaudière", now)
        }
        one = {cid: decide_one(s, cid, "Entretien chaudière", now).eligibility.basis for cid in bulk}
        assert bulk == one == {ended.id: "none", started.id: "contract"}


def test_a_declared_forbidden_category_excludes_a_whole_selection_whatever_the_words(db: Database) -> None:
    """docs/rules.md §1.7: the category declared for the campaign decides, even when its subject's words
    suggest nothing forbidden."""
    with db.session() as s:
        pro = professional(s)
        decisions = decide_calls(s, Contact.id == pro.id, "Offre de novembre", MONDAY, "energy")
        assert [(d.status, d.reason) for d in decisions] == [
            ("excluded", "objet interdit au téléphone hors contrat en cours (rénovation énergétique)")
        ]
        assert decide_calls(s, Contact.id == pro.id, "Offre de novembre", MONDAY)[0].status == "callable"
        assert count_calls(s, Contact.id == pro.id, "Offre de novembre", MONDAY, "energy") == {
            "callable": 0, "later": 0, "excluded": 1,
        }  # fmt: skip


def test_a_call_made_against_the_rules_records_the_number_dialled(db: Database) -> None:
    """A call centre's file (enforce=False): a call made too early, or to someone who may not be called,
    is logged with its breach and the number that was dialled."""
    with db.session() as s:
        pro, private = professional(s), consumer(s)
        for cid in (pro.id, private.id):
            log_call(s, cid, "no-answer", paris(2026, 11, 25, 8, 0), source="call-centre", enforce=False)
        rows = s.execute(select(CallLogEntry.contact_id, CallLogEntry.phone, CallLogEntry.breach)).all()
        assert {cid: phone for cid, phone, _ in rows} == {pro.id: "+33142000001", private.id: "+33612345678"}
        assert all(breach for _, _, breach in rows)
