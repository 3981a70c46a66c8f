"""Contacts: validation rules, mandatory source, search, tags, references, history."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from models.contact import Contact, format_ref, parse_ref
from models.database import Database
from services.contacts.editing import delete_contact, update_contact
from services.contacts.fields import capitalise_first_name, normalise_civility
from services.contacts.history import contact_history
from services.contacts.lookup import get_by_ref
from services.contacts.search import fetch_rows, search_ids
from services.contacts.validation import ContactError, ContactInput, check_contact
from services.core.errors import InputError
from services.core.moments import business_date
from services.core.postcodes import check_postcode, normalise_postcode, routing_label
from tests.helpers import make_contact

SOURCE = {"source_kind": "direct", "source_name": "Comptoir", "source_date": date(2026, 1, 5)}


def test_reference_is_stable_and_parsed_back() -> None:
    """C-000123 is printed for id 123 and read back typed or scanned in any case."""
    assert format_ref(123) == "C-000123"
    assert parse_ref("c-000123") == parse_ref(" C000123 ") == parse_ref("123") == 123
    assert parse_ref("Dupont") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Monsieur", "M."),
        ("mr", "M."),
        ("M", "M."),
        ("Madame", "Mme"),
        ("Mlle", "Mme"),
        ("mme.", "Mme"),
        ("", ""),
    ],
)
def test_civility_is_normalised(raw: str, expected: str) -> None:
    """Civilities become M. or Mme (Mlle is no longer used by the administration)."""
    assert normalise_civility(raw) == expected


def test_names_are_capitalised_the_french_way() -> None:
    """First names capitalised with compounds and particles kept; last names in capitals."""
    assert capitalise_first_name("jean-pierre") == "Jean-Pierre"
    assert capitalise_first_name("JEAN DE LA fontaine") == "Jean de la Fontaine"
    checked = check_contact(ContactInput(last_name=" dupont  ", first_name="élodie", **SOURCE))
    assert checked.values["last_name"] == "DUPONT" and checked.values["first_name"] == "Élodie"


def test_source_is_mandatory() -> None:
    """A contact without the source of its data is refused, naming each missing part."""
    with pytest.raises(ContactError) as exc:
        check_contact(ContactInput(last_name="Durand"))
    assert set(exc.value.errors) == {"source_kind", "source_name", "source_date"}


def test_name_or_company_required_and_bad_phone_email_refused() -> None:
    """No name nor company, a phone that cannot exist, an invalid e-mail: each gets its message."""
    with pytest.raises(ContactError) as exc:
        check_contact(ContactInput(phone="12", email="jean@", **SOURCE))
    assert set(exc.value.errors) == {"last_name", "phone", "email"}


def test_phones_stored_in_e164_and_email_domain_lowercased() -> None:
    """06.12.34.56.78 and +33 1 … are stored as E.164; the e-mail domain is lower-cased."""
    v = check_contact(
        ContactInput(
            last_name="X", mobile="06.12.34.56.78", phone="+33 1 42 68 53 00", email="Jo@Free.FR", **SOURCE
        )
    ).values
    assert (v["mobile"], v["phone"], v["email"]) == ("+33612345678", "+33142685300", "Jo@free.fr")


def test_unknown_postcode_or_wrong_city_warns_with_suggestions_and_keeps_input() -> None:
    """A city that does not match its postcode is a warning naming the communes, never rewritten."""
    checked = check_contact(ContactInput(last_name="X", postcode="01000", city="Lyon", **SOURCE))
    assert checked.values["city"] == "Lyon"
    assert "Bourg-en-Bresse" in checked.warnings[0]
    assert check_postcode("99999", "Nulle-Part").ok is False
    assert check_postcode("75011", "paris").ok is True
    assert check_postcode("97400", "Saint-Denis").routing_label == "SAINT DENIS"


def test_postcode_lost_zero_is_restored() -> None:
    """1000 from a spreadsheet is 01000; the routing label comes from the official list."""
    assert normalise_postcode(1000) == normalise_postcode("1000") == "01000"
    assert (
        check_contact(ContactInput(last_name="X", postcode="1000", city="Bourg-en-Bresse", **SOURCE)).values[
            "postcode"
        ]
        == "01000"
    )
    assert routing_label("01000", "St Denis les Bourg") == "SAINT-DENIS-LES-BOURG"


def test_future_source_date_refused() -> None:
    """Data cannot have been obtained tomorrow."""
    with pytest.raises(ContactError, match="futur"):
        check_contact(
            ContactInput(
                last_name="X",
                source_kind="broker",
                source_name="B",
                source_date=business_date() + timedelta(days=1),
            )
        )


def test_search_matches_name_city_phone_email_and_reference(db: Database) -> None:
    """Search-as-you-type finds a contact by any of its words, its phone as typed, or its reference."""
    with db.session() as s:
        a = make_contact(s, last_name="Lefèvre", city="Lyon", mobile="06 11 22 33 44", email="a@b.fr")
        b = make_contact(s, last_name="Dupont", postcode="75011", city="Paris", mobile="", email="")
        aid, bid = a.id, b.id
    with db.session() as s:
        assert search_ids(s, "lefevre") == [aid]
        assert search_ids(s, "LEFÈV lyon") == [aid]
        assert search_ids(s, "06 11 22") == [aid]
        assert search_ids(s, "0611223344") == [aid]
        assert search_ids(s, format_ref(bid)) == [bid]
        assert search_ids(s, "75011") == [bid]
        assert search_ids(s, "100%_") == []
        assert search_ids(s, "", sort="last_name") == [bid, aid]
        assert search_ids(s, "", sort="last_name", descending=True) == [aid, bid]
        rows = fetch_rows(s, [aid])
        assert rows[aid].last_name == "LEFÈVRE" and rows[aid].ref == format_ref(aid)


def test_tags_edit_and_delete(db: Database) -> None:
    """Tags are saved, edited and removed; a deleted contact is gone."""
    with db.session() as s:
        c = make_contact(s, tags=["VIP", "salon"])
        cid, version = c.id, c.version
    with db.session() as s:
        data = ContactInput.from_contact(s.get(Contact, cid))
        assert data.tags == ["VIP", "salon"]
        data.tags = ["salon", "jardin"]
        update_contact(s, cid, version, data)
    with db.session() as s:
        assert s.get(Contact, cid).tag_names == ["jardin", "salon"]
        delete_contact(s, cid)
    with db.session() as s:
        assert s.get(Contact, cid) is None
        with pytest.raises(LookupError):
            get_by_ref(s, format_ref(cid))


def test_history_lists_creation_and_source(db: Database) -> None:
    """A new contact's history shows where its data came from and its creation."""
    with db.session() as s:
        c = make_contact(s, source_kind="partner", source_name="Salon de l'Habitat")
        kinds = [e.kind for e in contact_history(s, c)]
        texts = " ".join(e.text for e in contact_history(s, c))
    assert kinds == ["created", "source"]
    assert "Salon de l'Habitat" in texts


def test_contact_with_compliance_history_cannot_be_deleted(db: Database) -> None:
    """A contact who objected keeps their proof: delete is refused and suggests erasure."""
    from models.compliance import Opposition

    with db.session() as s:
        c = make_contact(s)
        s.add(Opposition(contact_id=c.id, scope="post", received_on=date(2026, 5, 2), channel="slip"))
        cid = c.id
    with pytest.raises(InputError, match="effacez-le"), db.session() as s:
        delete_contact(s, cid)
    with db.session() as s:
        assert s.get(Contact, cid) is not None


def test_contact_sent_to_a_partner_cannot_be_deleted(db: Database) -> None:
    """A contact in a transmission log is kept (the refusal comes from the base's own constraint)."""
    from models.partners import Partner, Transmission, TransmissionLine

    with db.session() as s:
        c = make_contact(s)
        p = Partner(name="Cuisines Martin", category="cuisine")
        s.add(p)
        s.flush()
        t = Transmission(partner_id=p.id, sent_on=date(2026, 5, 2))
        s.add(t)
        s.flush()
        s.add(TransmissionLine(transmission_id=t.id, contact_id=c.id, partner_id=p.id))
        cid = c.id
    with pytest.raises(InputError, match="effacez-le"), db.session() as s:
        delete_contact(s, cid)
    with db.session() as s:
        assert s.get(Contact, cid) is not None


def test_the_history_says_each_objection_channel_in_french(db: Database) -> None:
    """Issue 15: no code word in the history (« counter », « par letter », « par en personne »)."""
    from models.compliance import OPPOSITION_CHANNELS
    from services.compliance.oppositions import record_opposition

    with db.session() as s:
        c = make_contact(s, last_name="Durand")
        for channel in OPPOSITION_CHANNELS:
            if channel != "partner":  # needs a partner: its words are tested with the partners
                record_opposition(s, c.id, "post", channel, date(2026, 11, 2))
        s.commit()
        texts = [e.text for e in contact_history(s, c) if e.text.startswith("Opposition")]
    assert [t.split("2026 ", 1)[1] for t in texts] == [
        "par lettre", "par coupon-réponse", "par téléphone", "par e-mail", "en personne", "par fichier importé",
    ]  # fmt: skip


def test_contacts_show_speaks_french_not_codes(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15: the source's kind and the history's days as a French reader writes them (no « broker »)."""
    from tests.cli_helpers import cli

    with db.session() as s:
        make_contact(s, last_name="Durand", source_kind="broker", source_name="Data Prospects France")
    shown = cli(capsys, "--db", db.url, "contacts", "show", "C-000001")
    assert shown.code == 0, shown.err
    assert "Source : Data Prospects France (courtier en données, 01/03/2026)" in shown.out
    assert "(courtier en données)" in shown.out and "broker" not in shown.out
    assert re.search(r"^  \d\d/\d\d/20\d\d  Fiche créée", shown.out, re.MULTILINE)
