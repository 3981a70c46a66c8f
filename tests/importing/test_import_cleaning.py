"""Each cleaning rule of the import, one at a time."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from services.importing import cleaning as c
from services.importing.mapping import resolve
from services.importing.row_cleaning import clean_row


def test_trim_collapses_spaces_and_turns_numbers_into_text() -> None:
    """Cells are trimmed and single-spaced; a whole float is written without its ".0"."""
    assert c.trim("  Jean \t Pierre\xa0 ") == "Jean Pierre"
    assert c.trim(12.0) == "12"
    assert c.trim(None) == "" and c.trim("") == ""


def test_last_names_in_capitals() -> None:
    """Last names are written in capitals, particles included."""
    assert c.clean_last_name(" de la  fontaine ") == "DE LA FONTAINE"


def test_first_names_capitalised_with_hyphens_and_particles() -> None:
    """jean-pierre -> Jean-Pierre; "marie de la fontaine" keeps lower-case particles."""
    assert c.clean_first_name("jean-pierre") == "Jean-Pierre"
    assert c.clean_first_name("ÉLODIE") == "Élodie"
    assert c.clean_first_name("marie de la fontaine") == "Marie de la Fontaine"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Monsieur", "M."),
        ("Mr", "M."),
        ("m", "M."),
        ("Madame", "Mme"),
        ("Mlle", "Mme"),
        ("MME.", "Mme"),
        ("", ""),
    ],
)
def test_civility_normalised(raw: str, expected: str) -> None:
    """Monsieur/Mr/M -> M.; Madame/Mlle/Mme -> Mme."""
    assert c.clean_civility(raw) == (expected, "")


def test_unknown_civility_left_empty_with_a_warning() -> None:
    """ "Dr" is not a civility the address line uses: left empty, and the user is told."""
    value, warning = c.clean_civility("Dr")
    assert value == "" and "Dr" in warning


def test_postcode_lost_zero_restored() -> None:
    """A postcode that a spreadsheet stored as the number 1000 comes back as "01000"."""
    assert c.clean_postcode(1000.0, "FR") == ("01000", "")
    assert c.clean_postcode("1000", "FR") == ("01000", "")
    assert c.clean_postcode("75 008", "FR") == ("75008", "")


def test_malformed_french_postcode_dropped_with_warning() -> None:
    """ "750011" cannot be a French postcode: dropped, with the original in the warning."""
    value, warning = c.clean_postcode("750011", "FR")
    assert value == "" and "750011" in warning


def test_foreign_postcode_kept_as_typed() -> None:
    """A Belgian or British postcode is not checked against the French list."""
    assert c.clean_postcode("SW1A 1AA", "GB") == ("SW1A 1AA", "")


def test_city_checked_against_official_list_with_suggestion() -> None:
    """A city that does not match its postcode gives a warning with the communes of that code."""
    assert c.check_city("69002", "Lyon", False) == ""
    warning = c.check_city("69002", "Marseille", False)
    assert "Lyon" in warning and "Marseille" in warning


def test_cedex_recognised_in_city_and_column() -> None:
    """ "LYON CEDEX 03" is split into the city and the CEDEX mention; a CEDEX code is not flagged."""
    assert c.split_cedex("LYON CEDEX 03", "") == ("LYON", "CEDEX 03", "")
    assert c.split_cedex("Paris", "cedex 8") == ("Paris", "CEDEX 8", "")
    assert c.check_city("69431", "LYON", True) == ""  # a CEDEX code is not in the list of communes
    assert "inconnu" in c.check_city("69431", "LYON", False)


@pytest.mark.parametrize(
    "raw",
    ["06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678", 612345678.0, "06-12-34-56-78"],
)
def test_phones_to_e164(raw: object) -> None:
    """The French ways of writing a number all give the same E.164 (a lost 0 included)."""
    assert c.clean_phone(raw, "FR") == ("+33612345678", "")


def test_phone_region_from_country_column() -> None:
    """A Belgian number written nationally is read with the row's country."""
    assert c.clean_phone("0470 12 34 56", "BE") == ("+32470123456", "")


def test_invalid_phone_dropped_with_warning() -> None:
    """A number that cannot be valid is dropped, and the warning quotes it."""
    value, warning = c.clean_phone("06 12", "FR", "Portable")
    assert value == "" and "Portable « 06 12 »" in warning


def test_email_domain_lower_cased_and_invalid_dropped() -> None:
    """E-mails are checked offline; the domain is lower-cased; an invalid one is dropped with a warning."""
    assert c.clean_email("Jean.Dupont@Example.FR") == ("Jean.Dupont@example.fr", "")
    assert c.clean_email("mailto:a@b.fr") == ("a@b.fr", "")
    value, warning = c.clean_email("jean@@example")
    assert value == "" and "jean@@example" in warning


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (45658.0, date(2025, 1, 1)),  # Excel serial number
        (datetime(2025, 3, 4, 0, 0), date(2025, 3, 4)),  # a date cell
        (date(2025, 3, 4), date(2025, 3, 4)),
        ("04/03/2025", date(2025, 3, 4)),  # dd/mm/yyyy
        ("4/3/2025", date(2025, 3, 4)),
        ("04.03.25", date(2025, 3, 4)),
        ("2025-03-04", date(2025, 3, 4)),  # yyyy-mm-dd
        ("04/03/2025 00:00", date(2025, 3, 4)),
    ],
)
def test_dates_read_in_every_usual_form(raw: object, expected: date) -> None:
    """Excel serials, date cells, dd/mm/yyyy and yyyy-mm-dd all become the same date."""
    assert c.clean_date(raw) == (expected, "")


def test_unreadable_date_warns() -> None:
    """ "31/02/2025" does not exist: ignored with a warning."""
    value, warning = c.clean_date("31/02/2025", "Date de collecte")
    assert value is None and "31/02/2025" in warning


def test_future_collection_date_ignored() -> None:
    """A collection date in the future is an error in the file: ignored with a warning."""
    value, warning = c.not_in_future(date(2030, 1, 1), "Date de collecte", date(2026, 11, 28))
    assert value is None and "futur" in warning


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Particulier", "consumer"),
        ("B2C", "consumer"),
        ("professionnel", "professional"),
        ("B2B", "professional"),
        ("", "professional"),
    ],
)
def test_person_kind_recognised(raw: str, expected: str) -> None:
    """« Type » particulier/professionnel/B2C/B2B; empty takes the import's default."""
    assert c.clean_person_kind(raw, "professional") == (expected, "")


def test_consent_answers_read_as_ticked_or_not() -> None:
    """oui/x/1 -> ticked, non/empty -> not ticked, anything else unknown with a warning."""
    assert c.clean_answer("Oui", "Refus courrier") == (True, "")
    assert c.clean_answer("x", "Refus courrier") == (True, "")
    assert c.clean_answer("", "Refus courrier") == (False, "")
    assert c.clean_answer(0.0, "Refus courrier") == (False, "")
    value, warning = c.clean_answer("peut-être", "Refus courrier")
    assert value is None and "peut-être" in warning


def test_refused_without_name_nor_company() -> None:
    """No last name and no company: refused."""
    assert "nom" in c.refusal_reason({"email": "a@b.fr"}).lower()
    assert c.refusal_reason({"company": "ACME", "email": "a@b.fr"}) == ""


def test_refused_when_no_channel_is_left() -> None:
    """A name with an incomplete address and no valid phone or e-mail is refused; any channel is enough."""
    incomplete = {"last_name": "DUPONT", "address_street": "1 rue X", "postcode": "75001"}
    assert "Aucun moyen de contact" in c.refusal_reason(incomplete)
    assert c.refusal_reason({**incomplete, "city": "Paris"}) == ""
    assert c.refusal_reason({"last_name": "DUPONT", "mobile": "+33612345678"}) == ""
    assert c.refusal_reason({"last_name": "DUPONT", "email": "a@b.fr"}) == ""


def test_whole_row_cleaned_with_warnings_but_accepted() -> None:
    """A messy row is cleaned field by field; a dropped e-mail is a warning, not a refusal."""
    headers = [
        "Civilité",
        "Nom",
        "Prénom",
        "Adresse",
        "CP",
        "Ville",
        "Pays",
        "Tél",
        "Mail",
        "Date de collecte",
    ]
    plan = resolve(headers, {h: f for h, f in zip(headers, [
        "civility", "last_name", "first_name", "address_street", "postcode", "city", "country", "phone", "email",
        "collected_on"], strict=True)})  # fmt: skip
    row = clean_row(
        ["Mlle", " dupont ", "jean-pierre", "12 rue des Lilas", 1000.0, "Bourg-en-Bresse", "France",
         "06.12.34.56.78", "bad@", 45658.0],
        plan,
    )  # fmt: skip
    v = row.values
    assert (v["civility"], v["last_name"], v["first_name"]) == ("Mme", "DUPONT", "Jean-Pierre")
    # A mobile number is routed to the mobile whatever its column.
    assert (v["postcode"], v["country"], v["mobile"], v.get("email")) == ("01000", "FR", "+33612345678", None)
    assert v["collected_on"] == date(2025, 1, 1)
    assert row.refusal == "" and len(row.warnings) == 1 and "bad@" in row.warnings[0]
