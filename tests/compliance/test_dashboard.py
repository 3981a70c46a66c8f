"""The home page's « À faire » and « Chiffres » (issue 14): each count on a base built with known late and
due items, the list each line opens holding exactly the people counted, and the figures the charts draw."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from models.contact import Contact
from models.database import Database
from models.phone import CallLogEntry
from services.compliance.dashboard import (
    NOTHING_TO_DO,
    badges,
    contact_view_condition,
    in_french,
    snapshot,
    todo,
)
from services.compliance.dashboard_figures import figures
from services.compliance.requests import list_requests
from services.core.moments import now
from services.partners.notices import list_notices
from services.phone.eligibility import NO_ANSWERS, EligibilityInputs, consumer_consent, latest_phone_answers
from tests.dashboard_helpers import EXPECTED, build_overdue_base
from tests.helpers import make_contact
from tests.phone_helpers import consumer, give_consent


def today_and_now() -> tuple[date, datetime]:
    at = now()
    return at.date(), at


def test_each_count_of_the_to_do_list(db: Database) -> None:
    today, at = today_and_now()
    with db.session() as s:
        build_overdue_base(s, today)
        lines = {line.key: line for line in todo(s, today, at)}
    assert {key: line.count for key, line in lines.items()} == {k: n for k, n in EXPECTED.items() if n}
    assert lines["partner_notices_late"].text == (
        "2 notifications aux partenaires en retard : à envoyer sans attendre (art. 19)"
    )
    assert lines["art14_due"].text == "1 personne à informer de l'origine des données dans le mois (art. 14)"
    assert lines["partner_notices_late"].late and not lines["partner_notices_due"].late


def test_each_line_opens_exactly_the_people_or_items_it_counts(db: Database) -> None:
    today, at = today_and_now()
    with db.session() as s:
        people = build_overdue_base(s, today)
        for line in todo(s, today, at):
            if line.section == "contacts":
                where = contact_view_condition(s, line.view, today)
                ids = sorted(s.scalars(select(Contact.id).where(where)))
                assert ids == sorted(people[line.view]), line.key
            elif line.section == "propagation":
                assert len(list_notices(s, line.view, today)) == (
                    EXPECTED["partner_notices_late"]
                    + (EXPECTED["partner_notices_due"] if line.view == "to_send" else 0)
                )
            elif line.section == "requests":
                assert len(list_requests(s, line.view, today)) == line.count, line.key


def test_an_empty_base_has_nothing_late_but_its_identity(db: Database) -> None:
    """A fresh base: every count is 0 but the settings, which lack the organisation's identity."""
    today, at = today_and_now()
    with db.session() as s:
        lines = todo(s, today, at)
        assert [line.key for line in lines] == ["settings"]
        assert lines[0].text.startswith("Réglages incomplets : il manque le nom, l'adresse postale")
        data = snapshot(s, at)
    assert data["nothing_to_do"] is False
    assert NOTHING_TO_DO == "Rien en retard."


def test_the_sidebar_badges_add_up_each_sections_lines(db: Database) -> None:
    today, at = today_and_now()
    with db.session() as s:
        build_overdue_base(s, today)
        numbers = badges(todo(s, today, at))
    assert numbers["propagation"] == 3 and numbers["requests"] == 3
    assert numbers["contacts"] == 3 + 1 + 1 + 1 + 1 and "settings" not in numbers


def test_french_counts_take_the_singular_for_zero_and_one() -> None:
    assert in_french("%n contact(s) « à vérifier » laissé(s)", 0) == "0 contact « à vérifier » laissé"
    assert in_french("%n contact(s) « à vérifier » laissé(s)", 1) == "1 contact « à vérifier » laissé"
    assert in_french("%n contact(s)", 12500) == "12\u202f500 contacts"


def test_the_figures_the_charts_draw(db: Database) -> None:
    today, at = today_and_now()
    with db.session() as s:
        build_overdue_base(s, today)
        opposed = make_contact(s, last_name="Opposant")
        from services.compliance.oppositions import record_opposition

        record_opposition(s, opposed.id, "post", "letter", today)
        caller = make_contact(s, last_name="Appelé")
        monday = today - timedelta(days=today.weekday())
        for outcome in ("no-answer", "no-answer", "interested"):
            s.add(CallLogEntry(contact_id=caller.id, outcome=outcome, called_at=datetime.combine(monday, time(10), UTC),
                               callee_zone="Europe/Paris", phone="+33612345678", basis="consent"))  # fmt: skip
        s.flush()
        data = figures(s, today, at)
    contacts = data["contacts"]
    assert contacts["total"] == 3 + 4 + 3 + 2
    assert contacts["by_source_kind"]["broker"] == 4
    assert data["shares"]["phone_consent"] == 1 and data["shares"]["post_objection"] == 1
    assert data["calls_per_week"][-1]["outcomes"] == {"no-answer": 2, "interested": 1}
    assert (
        len(data["letters_per_month"]) == 12
        and data["letters_per_month"][-1]["month"] == today.isoformat()[:7]
    )
    sent = [m for m in data["notices_per_month"] if m["on_time"] or m["late"]]
    assert sum(m["on_time"] for m in sent) == 1 and not any(m["late"] for m in sent)


def test_the_shares_of_consents_and_phone_refusals_follow_each_persons_rule(db: Database) -> None:
    """« Accord d'appel valide » and « opposé au téléphone » count what the call rule says of each person
    (docs/rules.md §1.2, §1.4, §4.5) — the figures read only the last year's answers for the consents, not
    for a refusal ticked long ago, nor for a consent given 365 days ago to the minute."""
    at = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    day = timedelta(days=1)
    with db.session() as s:
        histories = {
            "expired": [(at - 400 * day, {})],
            "renewed": [(at - 400 * day, {}), (at - 10 * day, {})],
            "withdrawn": [(at - 10 * day, {}), (at - 5 * day, {"accept_phone": None, "refuse_phone": True})],
            "refused long ago": [(at - 700 * day, {"accept_phone": None, "refuse_phone": True})],
            "refused then consented": [(at - 700 * day, {"accept_phone": None, "refuse_phone": True}),
                                       (at - 30 * day, {"refuse_phone": False})],
            "last minute": [(at - 365 * day + timedelta(minutes=1), {})],
            "expired this minute": [(at - 365 * day, {})],
            "said no": [(at - 20 * day, {"accept_phone": False})],
        }  # fmt: skip
        people = {}
        for name, answers in histories.items():
            people[name] = consumer(s, last_name=name.title().replace(" ", ""))
            for when, overrides in answers:
                give_consent(s, people[name], when, **overrides)
        shares = figures(s, at.date(), at)["shares"]
        valid, refused = set(), set()
        for name, person in people.items():
            a = latest_phone_answers(s, person.id).get(person.id, NO_ANSWERS)
            c = EligibilityInputs(person.id, "", "consumer", "", "", "", False, False, None, *a)
            if consumer_consent(c, at.astimezone(UTC).replace(tzinfo=None), 365)[0]:
                valid.add(name)
            if a.refused_at_collection:
                refused.add(name)
    assert valid == {"renewed", "last minute", "refused then consented"}
    assert refused == {"withdrawn", "refused long ago"}
    assert shares["phone_consent"] == len(valid) and shares["phone_objection"] == len(refused)
