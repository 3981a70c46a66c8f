"""Issue 18: the value rules, one by one (names the French way, companies, address lines, dates, phones)."""

from __future__ import annotations

from datetime import date

import pytest

from services.importing.addresses import four_digit_postcode, split_one_line_address, split_street_lines
from services.importing.cleaning import clean_date, clean_flag, clean_phone, phone_kind
from services.importing.mapping import field_key
from services.importing.names import civility_in_name, clean_is_company, looks_like_company, split_full_name
from services.importing.reading import is_total_row


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("DUPONT Jean", "Jean", "DUPONT"), ("Jean DUPONT", "Jean", "DUPONT"),
        ("Jean de LA FONTAINE", "Jean", "de LA FONTAINE"), ("Le Goff Anne", "Anne", "Le Goff"),
        ("Marie-Claire d'ARGENT", "Marie-Claire", "d'ARGENT"), ("Mme DURAND Sophie", "Sophie", "DURAND"),
        ("Jean-Pierre MARTIN-DUVAL", "Jean-Pierre", "MARTIN-DUVAL"),
    ],
)  # fmt: skip
def test_capitals_mark_the_surname_whatever_the_order(full: str, first: str, last: str) -> None:
    """The French way: capitals (with their particles) are the surname; a leading particle starts it."""
    for order in (True, False):
        split = split_full_name(full, order)
        assert (split.first_name, split.last_name, split.doubt) == (first, last, "")


def test_unmarked_names_follow_the_column_and_doubts_are_said() -> None:
    """No capitals: the column's order decides; all capitals or three words: an « à vérifier » doubt."""
    a, b = split_full_name("Jean Dupont", True), split_full_name("Dupont Jean", False)
    assert (a.first_name, a.last_name) == (b.first_name, b.last_name) == ("Jean", "Dupont")
    assert split_full_name("DUPONT JEAN", False).doubt
    assert split_full_name("jean pierre dupont", True).doubt
    assert civility_in_name("Mme DURAND") == ("Mme", "DURAND") and civility_in_name("MARTIN") == (
        "",
        "MARTIN",
    )


def test_companies_by_legal_form_or_flag() -> None:
    """SARL, SCI, Association, Cabinet… make a company; an « is a company » column reads VRAI/TPE/Particulier."""
    assert all(map(looks_like_company, ["SARL Boulangerie Martin", "SCI Les Tilleuls", "Cabinet Lefèvre",
                                        "Association Les Amis", "Fables SAS"]))  # fmt: skip
    assert not any(map(looks_like_company, ["Dupont", "Jean Sa", "Sasha Martin", "Martine Cabin"]))
    assert [clean_is_company(v) for v in ("VRAI", "FAUX", "TPE", "Particulier", "", 1)] == [
        True, False, True, False, None, True]  # fmt: skip


def test_street_lines_go_to_their_nf_z10_011_line() -> None:
    """Dolibarr's literal \\n and multi-line streets: complement, building, street, BP/lieu-dit."""
    lines = split_street_lines("Bât. B\\nRésidence les Pins\\n12 rue des Lilas\\nBP 45")
    assert lines.building == "Bât. B, Résidence les Pins" and lines.street == "12 rue des Lilas"
    assert lines.extra == "BP 45" and lines.complement == ""
    lines = split_street_lines("Chez M. Martin\n3 impasse du Moulin\nLieu-dit Les Granges")
    assert (lines.complement, lines.street, lines.extra) == ("Chez M. Martin", "3 impasse du Moulin",
                                                             "Lieu-dit Les Granges")  # fmt: skip


def test_mailchimp_one_line_address() -> None:
    """Parts separated by two spaces: street lines, city, state, postcode, country."""
    a = split_one_line_address("12 rue de la Paix  Appt 3  Paris    75002  FR")
    assert (a.street_lines, a.city, a.postcode, a.country) == (
        "12 rue de la Paix\nAppt 3",
        "Paris",
        "75002",
        "FR",
    )
    a = split_one_line_address("123 Main St  Atlanta  GA  30308  US")
    assert (a.street_lines, a.city, a.postcode, a.country) == ("123 Main St", "Atlanta", "30308", "US")


def test_four_digit_postcodes() -> None:
    """Padded only when "0" + code is a French postcode of that city: Belgian 1000 is not 01000."""
    assert four_digit_postcode("1000", "Bourg-en-Bresse") == ("01000", True)
    assert four_digit_postcode("1000", "Bruxelles") == ("1000", False)
    assert four_digit_postcode("1000", "") == ("1000", False)


def test_dates_phones_flags_and_total_rows() -> None:
    """ISO-8601 with a zone (the day in France), numbers without "+", routing, objection flags, totals."""
    assert clean_date("2025-03-14T23:30:00+00:00") == (date(2025, 3, 15), "")
    assert clean_date("2024-05-12T09:31:07.000+02:00") == (date(2024, 5, 12), "")
    assert clean_phone("33612345678", "FR") == ("+33612345678", "")
    assert [phone_kind(n) for n in ("+33612345678", "+33478123456", "+32470123456", "+3225551234")] == [
        "mobile", "phone", "mobile", "phone"]  # fmt: skip
    assert clean_flag("2025-01-10 08:00:00", "x")[:2] == (True, date(2025, 1, 10))
    assert clean_flag("false", "x")[:2] == (False, None)
    assert is_total_row(["TOTAL", "", None, 1200.0]) and is_total_row(["Sous-total :", None, 3])
    assert not is_total_row(["TotalEnergies", "2 place Jean Millier", "92400"])
    assert not is_total_row(["Total SA", "2 place Jean Millier", "92400", "Courbevoie"])


def test_mapping_files_accept_french_field_names() -> None:
    """ "Code postal", "Ville (adresse 2)", "city@2", "ignorer": the same fields as their keys."""
    assert [field_key(n) for n in ("Code postal", "Ville (adresse 2)", "city@2", "ignorer", "postcode", "Bof")] == [
        "postcode", "city@2", "city@2", "", "postcode", None]  # fmt: skip
