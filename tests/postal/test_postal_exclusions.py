"""Who is left out of a mailing, and why (docs/rules.md §1.1, §6, §8): the first reason that applies, the
retention terms at the day they end, the address that cannot carry a letter; the recipients in La Poste's
order (France first, by postcode, then by name)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select, update

from models.compliance import ConsentRecord, InformedRecord, Opposition
from models.contact import Contact
from models.database import Database
from services.contacts.selection import Selection
from services.core.settings import set_settings
from services.postal.eligibility import EXCLUSION_LABELS, decide, exclusion_reason, notice_kind, years_before
from tests.helpers import make_contact

TODAY = date(2026, 11, 30)


def test_years_before_a_29_february() -> None:
    assert years_before(date(2028, 2, 29), 3) == date(2025, 2, 28)
    assert years_before(date(2026, 11, 30), 3) == date(2023, 11, 30)


def test_the_notice_owed_in_the_letter() -> None:
    """A full art. 13 notice to someone who gave us their details, art. 14 to someone bought or received,
    then only a reminder (docs/rules.md §3)."""
    assert notice_kind("direct", None) == "art13"
    assert [notice_kind(k, None) for k in ("broker", "partner", "public")] == ["art14"] * 3
    assert notice_kind("broker", date(2026, 1, 1)) == "reminder"


def test_retention_ends_three_years_after_collection_or_the_last_contact_from_the_person(
    db: Database,
) -> None:
    """A prospect collected exactly 3 years ago is still written to today, not one collected a day earlier —
    unless they contacted us since; a customer until 3 years after their last purchase."""
    with db.session() as s:

        def person(name: str, **values: object) -> int:
            return make_contact(s, last_name=name, email=f"{name}@x.fr", mobile="", **values).id

        kept = person("Trois", source_date=date(2023, 11, 30))
        gone = person("Troisun", source_date=date(2023, 11, 29))
        came_back = person("Revenu", source_date=date(2020, 1, 1), last_contact_on=date(2023, 11, 30))
        silent = person("Silence", source_date=date(2020, 1, 1), last_contact_on=date(2023, 11, 29))
        customer = person(
            "Client", source_date=date(2015, 1, 1), status="customer", customer_until=date(2023, 11, 30)
        )
        former = person(
            "Ancien", source_date=date(2015, 1, 1), status="customer", customer_until=date(2023, 11, 29)
        )
        current = person("Fidele", source_date=date(2015, 1, 1), status="customer")
        decision = decide(s, Selection(), today=TODAY)
        assert {e.contact_id: e.reason for e in decision.excluded} == {
            gone: "retention_prospect", silent: "retention_prospect", former: "retention_customer",
        }  # fmt: skip
        assert sorted(i for r in decision.recipients for i in r.contact_ids) == sorted(
            [kept, came_back, customer, current]
        )
        set_settings(s, {"rules.prospect_retention_years": 4, "rules.customer_retention_years": 2})
        decision = decide(s, Selection(), today=TODAY)
        assert {e.contact_id: e.reason for e in decision.excluded} == {
            customer: "retention_customer", former: "retention_customer",
        }  # fmt: skip


def test_the_first_reason_that_applies_is_the_one_given(db: Database) -> None:
    """Opposed before refused, refused before retention, retention before NPAI, NPAI before an incomplete
    address; each with the words a secretary reads. An erased person is not even selected."""
    on = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    with db.session() as s:
        ids = [make_contact(s, last_name=f"P{i}", email=f"p{i}@x.fr", mobile="", source_date=date(2020, 1, 1))
               .id for i in range(6)]  # fmt: skip
        erased, opposed, refused, old, npai, incomplete = ids
        for cid in (erased, opposed):
            s.add(Opposition(contact_id=cid, scope="post", received_on=date(2026, 1, 1), channel="letter"))
        for cid in (erased, opposed, refused):
            s.add(ConsentRecord(contact_id=cid, refuse_post=True, recorded_on=on, channel="paper"))
        recent = {"source_date": date(2026, 1, 1)}
        s.execute(update(Contact).where(Contact.id == erased).values(erased_at=on))
        s.execute(update(Contact).where(Contact.id.in_([npai, incomplete])).values(**recent))
        s.execute(update(Contact).where(Contact.id.in_([old, npai])).values(npai_on=date(2026, 2, 1)))
        s.execute(update(Contact).where(Contact.id == incomplete).values(address_street="", address_extra=""))
        s.flush()
        decision = decide(s, Selection(), today=TODAY)
        reasons = {e.contact_id: (e.reason, e.label) for e in decision.excluded}
        assert reasons == {
            opposed: ("opposed", "Opposé à la prospection par courrier"),
            refused: ("refused", "A refusé le courrier lors de la collecte"),
            old: ("retention_prospect", "Durée de conservation dépassée (prospect)"),
            npai: ("npai", "Courrier revenu « n'habite pas à l'adresse indiquée »"),
            incomplete: ("incomplete", "Adresse incomplète"),
        }
        assert decision.counts() == {
            r: 1 for r in ("opposed", "refused", "retention_prospect", "npai", "incomplete")
        }
        assert decision.letters == 0 and set(EXCLUSION_LABELS) >= set(decision.counts())
        assert [e.reason for e in decision.excluded] == [
            "incomplete",
            "npai",
            "opposed",
            "refused",
            "retention_prospect",
        ]


def test_an_address_without_a_city_or_a_french_postcode_is_incomplete(db: Database) -> None:
    with db.session() as s:
        no_city = make_contact(s, last_name="Ville", email="v@x.fr", mobile="")
        no_postcode = make_contact(s, last_name="Code", email="c@x.fr", mobile="")
        abroad = make_contact(s, last_name="Berlin", email="b@x.fr", mobile="", address_street="Hauptstraße 5",
                              postcode="10115", city="Berlin", country="DE")  # fmt: skip
        lieu_dit = make_contact(s, last_name="Lieudit", email="l@x.fr", mobile="", address_street="",
                                address_extra="Lieu-dit Les Granges", postcode="24200", city="Sarlat-la-Canéda")  # fmt: skip
        s.execute(update(Contact).where(Contact.id == no_city.id).values(city=""))
        s.execute(update(Contact).where(Contact.id == no_postcode.id).values(postcode=""))
        s.flush()
        decision = decide(s, Selection(), today=TODAY)
        assert {e.contact_id: e.reason for e in decision.excluded} == {
            no_city.id: "incomplete", no_postcode.id: "incomplete",
        }  # fmt: skip
        assert [r.contact_ids for r in decision.recipients] == [[lieu_dit.id], [abroad.id]]  # France first


def test_recipients_in_la_postes_order_and_the_notice_each_is_owed(db: Database) -> None:
    with db.session() as s:
        b = make_contact(
            s, last_name="Bernard", email="b@x.fr", mobile="", postcode="13001", city="Marseille"
        )
        a = make_contact(s, last_name="Arnaud", email="a@x.fr", mobile="", postcode="13001", city="Marseille")
        lyon = make_contact(s, last_name="Albert", email="l@x.fr", mobile="")
        bought = make_contact(s, last_name="Achat", email="c@x.fr", mobile="", postcode="13001", city="Marseille",
                              source_kind="broker", source_name="Fichier")  # fmt: skip
        s.add(InformedRecord(contact_id=a.id, informed_on=date(2026, 5, 2), document="letter"))
        s.add(
            InformedRecord(
                contact_id=a.id, informed_on=date(2026, 6, 2), document="letter", full_notice=False
            )
        )
        s.flush()
        decision = decide(s, Selection(), today=TODAY)
        assert [(r.contact_ids[0], r.notice, r.informed_on) for r in decision.recipients] == [
            (bought.id, "art14", None), (a.id, "reminder", date(2026, 5, 2)), (b.id, "art13", None),
            (lyon.id, "art13", None),
        ]  # fmt: skip
        assert decision.recipients[0].refs == [bought.ref] and decision.people == 4


def test_an_address_the_norm_cannot_print_is_left_out_with_every_reason(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s, last_name="Long", email="l@x.fr", mobile="", postcode="99999",
                         address_street="7 avenue des Anciens Combattants et Victimes de Guerre")  # fmt: skip
        decision = decide(s, Selection(), today=TODAY)
        [e] = decision.excluded
        assert (e.contact_id, e.reason, e.label, e.name, e.postcode, e.city, e.ref) == (
            c.id, "invalid_address", "Adresse non conforme à la norme postale", "Claire LONG", "99999", "Lyon", c.ref,
        )  # fmt: skip
        assert e.detail.startswith("code postal 99999 inconnu de La Poste ; ligne 2 trop longue (")


def test_the_retention_term_is_counted_from_the_day_asked_about(db: Database) -> None:
    """Deciding for 15 January 2026: collected on 15 January 2023, still written to; on the 14th, not."""
    with db.session() as s:
        kept = make_contact(s, last_name="Garde", email="g@x.fr", mobile="", source_date=date(2023, 1, 15))
        gone = make_contact(s, last_name="Parti", email="p@x.fr", mobile="", source_date=date(2023, 1, 14))
        decision = decide(s, Selection(), today=date(2026, 1, 15))
        assert [r.contact_ids for r in decision.recipients] == [[kept.id]]
        assert [(e.contact_id, e.reason) for e in decision.excluded] == [(gone.id, "retention_prospect")]


def test_an_excluded_person_is_listed_with_their_postcode_and_city(db: Database) -> None:
    with db.session() as s:
        c = make_contact(s, last_name="Oppose", email="o@x.fr", mobile="", postcode="13001", city="Marseille")
        s.add(Opposition(contact_id=c.id, scope="post", received_on=date(2026, 1, 1), channel="letter"))
        s.flush()
        [e] = decide(s, Selection(), today=TODAY).excluded
        assert (e.reason, e.name, e.postcode, e.city) == ("opposed", "Claire OPPOSE", "13001", "Marseille")


def test_an_address_the_norm_cannot_print_does_not_stop_the_others(db: Database) -> None:
    with db.session() as s:
        bad = make_contact(s, last_name="Long", email="l@x.fr", mobile="", postcode="99999")
        good = make_contact(s, last_name="Bon", email="b@x.fr", mobile="")
        decision = decide(s, Selection(), today=TODAY)
        assert [e.contact_id for e in decision.excluded] == [bad.id]
        assert [r.contact_ids for r in decision.recipients] == [[good.id]]


def test_abroad_a_postcode_is_not_required_and_a_blank_country_is_france(db: Database) -> None:
    """Ireland without a postcode is written to (abroad, the postcode is not ours to require), before
    Germany's 10115; a contact whose country was left blank is in France, so comes first."""
    with db.session() as s:
        dublin = make_contact(s, last_name="Byrne", email="d@x.fr", mobile="", address_street="5 Main Street",
                              postcode="", city="Dublin", country="IE")  # fmt: skip
        berlin = make_contact(s, last_name="Albers", email="b@x.fr", mobile="", address_street="Hauptstraße 5",
                              postcode="10115", city="Berlin", country="DE")  # fmt: skip
        blank = make_contact(s, last_name="Zola", email="z@x.fr", mobile="", postcode="99999")
        s.execute(
            update(Contact).where(Contact.id == blank.id).values(country="", postcode="75001", city="Paris")
        )
        s.flush()
        decision = decide(s, Selection(), today=TODAY)
        assert decision.excluded == []
        assert [r.contact_ids for r in decision.recipients] == [[blank.id], [dublin.id], [berlin.id]]
        assert decision.recipients[1].block.lines[-2:] == ["DUBLIN", "IRLANDE"]


def test_an_erased_person_is_excluded_as_erased_by_whatever_reads_the_reasons(db: Database) -> None:
    """The selection never offers erased people; the reason itself (reused by the retention screen) still
    names them first, before their objection."""
    with db.session() as s:
        c = make_contact(s, last_name="Efface", email="e@x.fr", mobile="")
        s.add(Opposition(contact_id=c.id, scope="post", received_on=date(2026, 1, 1), channel="letter"))
        s.execute(
            update(Contact).where(Contact.id == c.id).values(erased_at=datetime(2026, 2, 1, tzinfo=UTC))
        )
        s.flush()
        for retention in (True, False):
            reason = exclusion_reason(TODAY, 3, 3, retention=retention)
            assert s.scalar(select(reason).where(Contact.id == c.id)) == "erased"
        assert EXCLUSION_LABELS["erased"] == "Effacé ou anonymisé"
