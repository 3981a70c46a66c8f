"""Who shares a letter, and who objected while the campaign's files were being made (docs/rules.md §8.2,
§3, §5.1): one letter per household only for private people of the same name and address owed the same
notice; a person who objected meanwhile gets no letter, and the household keeps its letter for the others."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import update

from models.compliance import ConsentRecord, InformedRecord
from models.contact import Contact
from models.database import Database
from services.compliance.choices import objected_since, objection_marks
from services.compliance.oppositions import record_opposition
from services.contacts.selection import Selection
from services.postal.eligibility import decide, only_people_owed_the_notice, set_aside, without_late_objectors
from tests.helpers import make_contact

TODAY = date(2026, 11, 30)
WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def test_only_private_people_of_one_name_address_and_notice_share_a_letter(db: Database) -> None:
    with db.session() as s:
        anne = make_contact(
            s, civility="Mme", first_name="Anne", last_name="Dupont", email="a@x.fr", mobile=""
        )
        paul = make_contact(
            s, civility="M.", first_name="Paul", last_name="Dupont", email="p@x.fr", mobile=""
        )
        # Same name and address, but a business, or owed another notice, or no name: a letter each.
        garage = make_contact(s, company="Garage Dupont", last_name="Dupont", email="g@x.fr", mobile="")
        s.execute(update(Contact).where(Contact.id == garage.id).values(person_kind="professional"))
        informed = make_contact(
            s, civility="Mme", first_name="Lise", last_name="Dupont", email="l@x.fr", mobile=""
        )
        s.add(InformedRecord(contact_id=informed.id, informed_on=date(2026, 3, 1), document="letter"))
        bought = make_contact(s, civility="M.", first_name="Marc", last_name="Dupont", email="m@x.fr", mobile="",
                              source_kind="broker", source_name="Fichier 2026")  # fmt: skip
        alone = make_contact(
            s, civility="Mme", first_name="Zoé", last_name="Durand", email="z@x.fr", mobile=""
        )
        s.flush()
        decision = decide(s, Selection(), today=TODAY, one_per_household=True)
        letters = {tuple(r.contact_ids): r.block.lines[0] for r in decision.recipients}
        assert letters == {
            (paul.id, anne.id): "M. et Mme DUPONT",  # M. first, then by reference
            (garage.id,): "Garage Dupont",
            (informed.id,): "Mme Lise DUPONT",
            (bought.id,): "M. Marc DUPONT",
            (alone.id,): "Mme Zoé DURAND",
        }
        assert (decision.letters, decision.people) == (5, 6)
        assert [r.notice for r in decision.recipients if r.contact_ids == [informed.id]] == ["reminder"]


def test_a_late_objector_loses_the_letter_the_household_keeps_it(db: Database) -> None:
    with db.session() as s:
        anne = make_contact(
            s, civility="Mme", first_name="Anne", last_name="Dupont", email="a@x.fr", mobile=""
        )
        paul = make_contact(
            s, civility="M.", first_name="Paul", last_name="Dupont", email="p@x.fr", mobile=""
        )
        eve = make_contact(s, civility="Mme", first_name="Eve", last_name="Martin", email="e@x.fr", mobile="",
                           postcode="13001", city="Marseille")  # fmt: skip
        zoe = make_contact(s, civility="Mme", first_name="Zoé", last_name="Durand", email="z@x.fr", mobile="",
                           postcode="13001", city="Marseille")  # fmt: skip
        decision = decide(s, Selection(), today=TODAY, one_per_household=True)
        kept = without_late_objectors(decision, {paul.id, eve.id})
        assert [(r.contact_ids, r.block.lines[0]) for r in kept.recipients] == [
            ([zoe.id], "Mme Zoé DURAND"),  # by postcode: 13001 first
            ([anne.id], "Mme Anne DUPONT"),  # her own name again, not « M. et Mme »
        ]
        assert [(e.contact_id, e.reason, e.detail, e.name, e.postcode) for e in kept.excluded] == [
            (eve.id, "opposed", "opposition reçue pendant la préparation", "Eve MARTIN", "13001"),
            (paul.id, "opposed", "opposition reçue pendant la préparation", "Paul DUPONT", "69002"),
        ]
        assert without_late_objectors(decision, set()).recipients == decision.recipients
        everyone = without_late_objectors(decision, {anne.id, paul.id, eve.id, zoe.id})
        assert (everyone.letters, len(everyone.excluded)) == (0, 4)


def test_who_objected_to_a_use_after_the_marks(db: Database) -> None:
    """objected_since: an objection of that scope or « all », a refusal box ticked for that use, an erasure
    — after the marks, among the people asked about."""
    with db.session() as s:
        people = [make_contact(s, first_name=f"P{i}", email=f"p{i}@x.fr", mobile="") for i in range(8)]
        ids = [p.id for p in people]
        record_opposition(s, ids[7], "all", "letter", date(2026, 1, 1))  # before the marks: not « since »
        marks = objection_marks(s)
        record_opposition(s, ids[0], "post", "letter", TODAY)
        record_opposition(s, ids[1], "all", "letter", TODAY)
        record_opposition(s, ids[2], "phone", "phone", TODAY)
        record_opposition(s, ids[3], "partners", "letter", TODAY)
        for i, box in ((4, "refuse_partners"), (5, "refuse_post")):
            s.add(ConsentRecord(contact_id=ids[i], recorded_on=WHEN, channel="paper", **{box: True}))
        s.add(ConsentRecord(contact_id=ids[6], recorded_on=WHEN, channel="paper", refuse_post=False))
        s.flush()
        people[6].erased_at = people[6].created_at
        s.flush()
        assert objected_since(s, marks, "post", ids) == {ids[0], ids[1], ids[5], ids[6]}
        assert objected_since(s, marks, "phone", ids) == {ids[1], ids[2], ids[6]}
        assert objected_since(s, marks, "partners", ids) == {ids[1], ids[3], ids[4], ids[6]}
        assert objected_since(s, marks, "post", ids[2:5]) == set()
        assert objection_marks(s) > marks


def test_a_notice_only_campaign_keeps_only_those_still_owed_the_notice(db: Database) -> None:
    """docs/rules.md §3.2: the others of the selection are simply not part of it (neither sent nor listed)."""
    from services.postal.eligibility import only_people_owed_the_notice

    with db.session() as s:
        anne = make_contact(
            s, civility="Mme", first_name="Anne", last_name="Dupont", email="a@x.fr", mobile=""
        )
        paul = make_contact(
            s, civility="M.", first_name="Paul", last_name="Dupont", email="p@x.fr", mobile=""
        )
        zoe = make_contact(s, civility="Mme", first_name="Zoé", last_name="Durand", email="z@x.fr", mobile="")
        gone = make_contact(s, last_name="Parti", email="g@x.fr", mobile="")
        lost = make_contact(s, last_name="Perdu", email="l@x.fr", mobile="")
        record_opposition(s, gone.id, "post", "letter", date(2026, 1, 1))
        record_opposition(s, lost.id, "all", "letter", date(2026, 1, 1))
        decision = decide(s, Selection(), today=TODAY, one_per_household=True)
        owed = only_people_owed_the_notice(decision, {paul.id, zoe.id, gone.id})
        assert [(r.contact_ids, r.block.lines[0]) for r in owed.recipients] == [
            ([paul.id], "M. Paul DUPONT"), ([zoe.id], "Mme Zoé DURAND"),
        ]  # fmt: skip
        assert [e.contact_id for e in owed.excluded] == [gone.id]
        both = only_people_owed_the_notice(decision, {anne.id, paul.id})
        assert [(r.contact_ids, r.block.lines[0]) for r in both.recipients] == [
            ([paul.id, anne.id], "M. et Mme DUPONT")
        ]
        assert only_people_owed_the_notice(decision, set()).letters == 0


def test_a_household_left_with_two_is_named_for_those_two(db: Database) -> None:
    """« Famille DUPONT » for three; one of them objects while the files are made: the letter goes to « M. et
    Mme DUPONT » — not to a family that includes the objector —, and to one alone under their own name."""
    with db.session() as s:
        paul = make_contact(
            s, civility="M.", first_name="Paul", last_name="Dupont", email="p@x.fr", mobile=""
        )
        anne = make_contact(
            s, civility="Mme", first_name="Anne", last_name="Dupont", email="a@x.fr", mobile=""
        )
        lise = make_contact(
            s, civility="Mme", first_name="Lise", last_name="Dupont", email="l@x.fr", mobile=""
        )
        decision = decide(s, Selection(), today=TODAY, one_per_household=True)
        assert [r.block.lines[0] for r in decision.recipients] == ["Famille DUPONT"]
        two = without_late_objectors(decision, {lise.id})
        assert [(r.contact_ids, r.block.lines[0]) for r in two.recipients] == [
            ([paul.id, anne.id], "M. et Mme DUPONT")
        ]
        assert [(e.name, e.city) for e in two.excluded] == [("Lise DUPONT", "Lyon")]
        one = set_aside(decision, {paul.id, lise.id})
        assert [(r.contact_ids, r.block.lines[0]) for r in one.recipients] == [([anne.id], "Mme Anne DUPONT")]
        assert {e.detail for e in one.excluded} == {"écarté à la vérification des adresses"}
        owed = only_people_owed_the_notice(decision, {paul.id, anne.id})
        assert [r.block.lines[0] for r in owed.recipients] == ["M. et Mme DUPONT"]


def test_who_shares_a_letter_name_address_line_by_line_and_source_unless_a_reminder(db: Database) -> None:
    """Professionals, people with a company, or a different flat never share; two people bought from two
    different files are owed two different art. 14 notices (docs/rules.md §3.2); two already informed get
    the same reminder whatever the file they came from."""
    with db.session() as s:
        pros = [make_contact(s, civility=c, first_name=f, last_name="Pro", email=f"{f}@x.fr", mobile="")
                for c, f in (("M.", "Luc"), ("Mme", "Léa"))]  # fmt: skip
        s.execute(
            update(Contact).where(Contact.id.in_([p.id for p in pros])).values(person_kind="professional")
        )
        shop = [make_contact(s, civility=c, first_name=f, last_name="Boutique", company="Boutique SARL",
                             email=f"{f}@y.fr", mobile="") for c, f in (("M.", "Jean"), ("Mme", "Jeanne"))]  # fmt: skip
        # A private person who gave a company name (their shop's, say) is written to at that company.
        s.execute(update(Contact).where(Contact.id.in_([p.id for p in shop])).values(person_kind="consumer"))
        flats = [make_contact(s, civility=c, first_name=f, last_name="Etage", address_complement=flat,
                              email=f"{f}@z.fr", mobile="")
                 for c, f, flat in (("M.", "Hugo", "Appartement 3"), ("Mme", "Inès", "Appartement 5"))]  # fmt: skip
        bought = [make_contact(s, civility=c, first_name=f, last_name="Achat", source_kind="broker",
                               source_name=name, email=f"{f}@w.fr", mobile="")
                  for c, f, name in (("M.", "Marc", "Fichier A"), ("Mme", "Mia", "Fichier B"))]  # fmt: skip
        told = [make_contact(s, civility=c, first_name=f, last_name="Rappel", source_kind="broker",
                             source_name=name, email=f"{f}@v.fr", mobile="")
                for c, f, name in (("M.", "Rémi", "Fichier A"), ("Mme", "Rose", "Fichier B"))]  # fmt: skip
        for p in told:
            s.add(InformedRecord(contact_id=p.id, informed_on=date(2026, 3, 1), document="letter"))
        s.flush()
        decision = decide(s, Selection(), today=TODAY, one_per_household=True)
        shared = [r.contact_ids for r in decision.recipients if len(r.contact_ids) > 1]
        assert shared == [[told[0].id, told[1].id]]
        alone = {tuple(r.contact_ids) for r in decision.recipients}
        assert all((p.id,) in alone for p in [*pros, *shop, *flats, *bought])
        assert decision.letters == 9


def test_a_phone_refusal_after_the_marks_counts_and_one_before_does_not(db: Database) -> None:
    """The refusal of calls ticked while the call list is made is an objection to the phone (docs/rules.md
    §4.5); a refusal ticked before the marks was already in the decision. The first person asked about, erased
    meanwhile, is seen as well as the others."""
    with db.session() as s:
        people = [make_contact(s, first_name=f"P{i}", email=f"p{i}@x.fr", mobile="") for i in range(3)]
        ids = [p.id for p in people]
        s.add(ConsentRecord(contact_id=ids[1], recorded_on=WHEN, channel="paper", refuse_phone=True))
        s.flush()
        marks = objection_marks(s)
        s.add(ConsentRecord(contact_id=ids[2], recorded_on=WHEN, channel="paper", refuse_phone=True))
        s.flush()
        people[0].erased_at = people[0].created_at
        s.flush()
        assert objected_since(s, marks, "phone", ids) == {ids[0], ids[2]}


def test_one_letter_per_person_unless_households_are_asked_for(db: Database) -> None:
    with db.session() as s:
        for first, civility in (("Paul", "M."), ("Anne", "Mme")):
            make_contact(
                s, civility=civility, first_name=first, last_name="Dupont", email=f"{first}@x.fr", mobile=""
            )
        assert decide(s, Selection(), today=TODAY).letters == 2
        assert decide(s, Selection(), today=TODAY, one_per_household=True).letters == 1


def test_private_people_written_to_at_a_company_do_not_share_a_household_letter(db: Database) -> None:
    """Father and son, both « M. DUPONT » at the family bakery's address: a household letter is for a home,
    not a company — each gets his own."""
    with db.session() as s:
        ids = []
        for email in ("pere@x.fr", "fils@x.fr"):
            c = make_contact(s, civility="M.", first_name="", last_name="Dupont", email=email, mobile="",
                             company="Boulangerie Dupont")  # fmt: skip
            s.execute(update(Contact).where(Contact.id == c.id).values(person_kind="consumer"))
            ids.append(c.id)
        s.flush()
        decision = decide(s, Selection(), today=TODAY, one_per_household=True)
        assert sorted(r.contact_ids for r in decision.recipients) == [[ids[0]], [ids[1]]]
        assert {tuple(r.block.lines[:2]) for r in decision.recipients} == {
            ("Boulangerie Dupont", "M. DUPONT")
        }


def test_a_household_left_with_two_keeps_the_first_members_spelling(db: Database) -> None:
    """The household's name and address lines as the first member's record has them (M. first), however
    the others' records spell them."""
    with db.session() as s:
        paul = make_contact(s, civility="M.", first_name="Paul", last_name="Lefèvre", email="p@x.fr", mobile="",
                            address_complement="Résidence Les Pins")  # fmt: skip
        anne = make_contact(s, civility="Mme", first_name="Anne", last_name="Lefevre", email="a@x.fr", mobile="",
                            address_complement="Residence les pins")  # fmt: skip
        lise = make_contact(s, civility="Mme", first_name="Lise", last_name="Lefevre", email="l@x.fr", mobile="",
                            address_complement="Residence les pins")  # fmt: skip
        decision = decide(s, Selection(), today=TODAY, one_per_household=True)
        assert [r.block.lines[:2] for r in decision.recipients] == [["Famille LEFÈVRE", "Résidence Les Pins"]]
        two = without_late_objectors(decision, {lise.id})
        assert [(r.contact_ids, r.block.lines[:2]) for r in two.recipients] == [
            ([paul.id, anne.id], ["M. et Mme LEFÈVRE", "Résidence Les Pins"])
        ]
