"""Cleaning one imported row: one named rule per function, each tested on its own.

Rules never invent data: a value that cannot be right is dropped with a warning the user reads in the
report; a row is refused only when it has no name nor company, or no way left to reach the person.
Fast paths (cached names and postcode checks, the French phone pattern, plain ASCII e-mails) keep
100,000 rows × 15 columns well under the time openpyxl needs just to read them.
"""

from __future__ import annotations

# size: one small function per rule (text, names, address, phones, e-mails, dates, answers), each tested on
# its own; the name and address rules of other tools' files have their own modules (names, addresses).
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from models.contact import CIVILITIES
from services.contacts.fields import (
    FIELD_LABELS,
    capitalise_first_name,
    normalise_civility,
    uppercase_last_name,
)
from services.core.countries import country_code
from services.core.emails import quick_normalise_email
from services.core.moments import business_date
from services.core.phones import to_e164
from services.core.postcodes import check_postcode, normalise_postcode
from services.core.text import fold
from services.importing.reading import cell_text

_SPACES = re.compile(r"\s+")
TEXT_LIMITS = {
    "first_name": 100, "last_name": 100, "company": 150, "address_complement": 100,
    "address_building": 100, "address_street": 100, "address_extra": 100, "city": 100, "notes": 4000,
}  # fmt: skip
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)


@dataclass(slots=True)  # 100,000 of them in an import: no per-row __dict__
class CleanRow:
    """A row after cleaning: contact values, the warnings to show, and why it is refused (if it is)."""

    values: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    refusal: str = ""


# --- text -----------------------------------------------------------------------------------------


def trim(value: Any) -> str:
    """Any cell as trimmed single-spaced text: " Jean  Pierre " -> "Jean Pierre", 12.0 -> "12"."""
    if value is None or value == "":
        return ""
    text = value if isinstance(value, str) else cell_text(value)
    if " " in text[:1] or " " in text[-1:] or "  " in text or "\t" in text or "\n" in text or "\xa0" in text:
        return _SPACES.sub(" ", text).strip()
    return text


def limit(text: str, name: str, warnings: list[str]) -> str:
    """Text longer than the field allows is cut, with a warning (never silently)."""
    n = TEXT_LIMITS.get(name, 100)
    if len(text) > n:
        warnings.append(f"{FIELD_LABELS.get(name, name)} trop long ({len(text)} caractères) : coupé à {n}.")
        return text[:n]
    return text


# --- names ----------------------------------------------------------------------------------------


def clean_civility(text: str) -> tuple[str, str]:
    """Monsieur/Mr/M -> "M."; Madame/Mme/Mlle -> "Mme"; anything else is left empty, with a warning."""
    if not text:
        return "", ""
    value = normalise_civility(text)
    if value in CIVILITIES:
        return value, ""
    return "", f"Civilité « {text} » non reconnue (M. ou Mme) : laissée vide."


@lru_cache(maxsize=65536)
def clean_first_name(text: str) -> str:
    """ "jean-pierre" -> "Jean-Pierre", "marie de la fontaine" keeps its particles (cached: names repeat)."""
    return capitalise_first_name(text) if text else ""


def clean_last_name(text: str) -> str:
    """Last names in capitals: "de la Fontaine" -> "DE LA FONTAINE"."""
    return uppercase_last_name(text) if text else ""


# --- address --------------------------------------------------------------------------------------

_CEDEX_IN_CITY = re.compile(r"^(.*?)[\s,]+cedex(?:\s*(\d{1,2}))?\s*$", re.IGNORECASE)
_CEDEX = re.compile(r"^cedex\s*(\d{0,2})$", re.IGNORECASE)


def clean_country(text: str) -> tuple[str, str]:
    """ "France", "FR", "Belgique" -> ISO code; unknown -> "FR" with a warning; empty -> "FR"."""
    if not text:
        return "FR", ""
    code = country_code(text)
    if code is None:
        return "FR", f"Pays « {text} » inconnu : France retenue, à vérifier."
    return code, ""


def clean_postcode(raw: Any, country: str) -> tuple[str, str]:
    """French postcodes as 5-character text (1000 -> "01000"); a malformed one is dropped with a warning."""
    if raw is None or raw == "":
        return "", ""
    if type(raw) is str and len(raw) == 5 and raw.isdigit() and country == "FR":
        return raw, ""  # the common case, without the general parser
    if country != "FR":  # foreign postcodes as written: "D02 X285", "SW1A 1AA"
        return trim(raw)[:10], ""
    text = normalise_postcode(raw)
    if len(text) == 5 and text.isdigit():
        return text, ""
    return "", f"Code postal « {cell_text(raw).strip()} » invalide (5 chiffres attendus) : ignoré."


def split_cedex(city: str, cedex: str) -> tuple[str, str, str]:
    """(city, "CEDEX nn", warning): "LYON CEDEX 03" in the city column, or a CEDEX column, recognised."""
    warning = ""
    if cedex:
        m = _CEDEX.match(cedex) or _CEDEX.match("cedex " + cedex)
        if m:
            cedex = "CEDEX" + (f" {m.group(1)}" if m.group(1) else "")
        else:
            warning = f"CEDEX « {cedex} » non reconnu : ignoré."
            cedex = ""
    if city and "edex" in city.lower():
        m2 = _CEDEX_IN_CITY.match(city)
        if m2:
            city = m2.group(1).strip()
            if not cedex:
                cedex = "CEDEX" + (f" {m2.group(2)}" if m2.group(2) else "")
    return city, cedex, warning


@lru_cache(maxsize=65536)
def check_city(postcode: str, city: str, cedex: bool) -> str:
    """A warning when the postcode/city pair is not in the official list (never a silent rewrite).

    A CEDEX code is not in the list of communes: with CEDEX, an unknown code is accepted as is.
    """
    if not postcode:
        return ""
    check = check_postcode(postcode, city)
    if check.ok:
        return ""
    if cedex and not check.suggestions:
        return ""
    if check.suggestions and city:
        return check.message + " Vérifiez la ville."
    return check.message


def has_complete_address(values: dict[str, Any]) -> bool:
    """A postal channel: street line (or lieu-dit/BP), postcode and city (docs/rules.md §8.2)."""
    return bool(
        (values.get("address_street") or values.get("address_extra"))
        and values.get("postcode")
        and values.get("city")
    )


# --- phones and e-mails ---------------------------------------------------------------------------


_INTERNATIONAL_DIGITS = re.compile(r"[1-9]\d{9,14}")
_PHONE_SEPARATORS = re.compile(r"[\s.\-/()]")
MULTI_VALUE = " ::: "  # Google Contacts puts several values in one cell this way


def clean_phone(raw: Any, region: str, label: str = "Téléphone", postcode: str = "") -> tuple[str, str]:
    """To E.164 ("06.12.34.56.78" -> "+33612345678", "0692…" -> "+262692…"); a number that cannot be
    valid is dropped.

    Brevo writes international numbers without their "+" ("33612345678"): tried as such when the
    number is not a national one.
    """
    if raw is None or raw == "":
        return "", ""
    e164 = to_e164(raw, region or "FR", postcode)
    if e164:
        return e164, ""
    compact = _PHONE_SEPARATORS.sub("", cell_text(raw))
    if _INTERNATIONAL_DIGITS.fullmatch(compact):
        e164 = to_e164("+" + compact, region or "FR")
        if e164:
            return e164, ""
    return "", f"{label} « {cell_text(raw).strip()} » invalide : ignoré."


@lru_cache(maxsize=65536)
def phone_kind(e164: str) -> str:
    """ "mobile" for a mobile number (French 06/07, or a mobile range abroad), else "phone" (a landline).

    Numbers are routed by what they are, not by the column they came from.
    """
    if e164.startswith("+33"):
        return "mobile" if e164[3:4] in ("6", "7") else "phone"
    import phonenumbers  # only foreign numbers need the library

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return "phone"
    return "mobile" if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE else "phone"


def split_values(text: str) -> list[str]:
    """ "a ::: b" -> ["a", "b"] (Google's cells with several values); other text as one value."""
    if ":::" not in text:
        return [text]
    return [p.strip() for p in text.split(":::") if p.strip()]


def clean_email(text: str) -> tuple[str, str]:
    """Checked without network, domain lower-cased; an invalid address is dropped with a warning."""
    if not text:
        return "", ""
    if text.lower().startswith("mailto:"):
        text = text[7:]
    email = quick_normalise_email(text)
    if email:
        return email, ""
    return "", f"E-mail « {text} » invalide : ignoré."


# --- dates ----------------------------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


_ISO_WITH_ZONE = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})"
)
BUSINESS_ZONE = ZoneInfo("Europe/Paris")  # the default of the setting business.timezone


def iso_date_with_zone(text: str) -> date | None:
    """ "2025-03-14T23:30:00+00:00" (Brevo), "2025-03-14 23:30:00 UTC": the day in France (the 15th)."""
    m = _ISO_WITH_ZONE.fullmatch(text)
    if m is None:
        return None
    zone = m.group(3)
    zone = "+00:00" if zone in ("Z", "UTC", "GMT") else zone
    try:
        moment = datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}{zone}")
    except ValueError:
        return None
    return moment.astimezone(BUSINESS_ZONE).date()


def excel_serial_to_date(serial: float) -> date | None:
    """Excel's day number (45292 = 2024-01-01) to a date; None outside 1900-9999."""
    if not 1 <= serial < 2958466:
        return None
    return EXCEL_EPOCH + timedelta(days=int(serial))


def clean_date(raw: Any, label: str = "Date") -> tuple[date | None, str]:
    """Date cells, Excel serial numbers, "31/12/2025", "31-12-25" and "2025-12-31" texts."""
    if raw is None or raw == "":
        return None, ""
    if isinstance(raw, datetime):
        return raw.date(), ""
    if isinstance(raw, date):
        return raw, ""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        d = excel_serial_to_date(float(raw))
        if d:
            return d, ""
    text = str(raw).strip()
    if len(text) > 16 and text[4:5] == "-":
        d = iso_date_with_zone(text)
        if d:
            return d, ""
    try:
        m = _DMY.fullmatch(text)
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if year < 100:
                year += 2000 if year <= business_date().year % 100 else 1900
            return date(year, month, day), ""
        m = _YMD.fullmatch(text)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), ""
        if re.fullmatch(r"\d{5}(\.0+)?", text):
            d = excel_serial_to_date(float(text))
            if d:
                return d, ""
    except ValueError:
        pass
    return None, f"{label} « {text} » illisible (JJ/MM/AAAA attendu) : ignorée."


def not_in_future(value: date | None, label: str, today: date) -> tuple[date | None, str]:
    if value and value > today:
        return None, f"{label} {value:%d/%m/%Y} dans le futur : ignorée."
    return value, ""


# --- kinds and answers ----------------------------------------------------------------------------

_CONSUMER = {
    "particulier",
    "particuliers",
    "part",
    "b2c",
    "consumer",
    "prive",
    "personne physique",
    "private",
}
_PROFESSIONAL = {
    "professionnel", "professionnels", "pro", "b2b", "professional", "entreprise", "societe", "business",
    "company", "personne morale",
}  # fmt: skip


def clean_person_kind(text: str, default: str) -> tuple[str, str]:
    """Particulier/B2C -> consumer; Professionnel/B2B -> professional; else the import's default."""
    if not text:
        return default, ""
    key = fold(text)
    if key in _CONSUMER:
        return "consumer", ""
    if key in _PROFESSIONAL:
        return "professional", ""
    return (
        default,
        f"Type « {text} » non reconnu (particulier ou professionnel) : {'particulier' if default == 'consumer' else 'professionnel'} retenu.",
    )


def clean_status(text: str) -> tuple[str, str]:
    """Prospect or client (customer); empty -> prospect."""
    key = fold(text)
    if not key or key == "prospect":
        return "prospect", ""
    if key in ("client", "cliente", "customer", "clients"):
        return "customer", ""
    return "prospect", f"Statut « {text} » non reconnu (prospect ou client) : prospect retenu."


_YES = {"oui", "o", "yes", "y", "x", "1", "vrai", "true", "coche", "cochee", "ok"}
_NO = {"non", "n", "no", "0", "faux", "false", "", "-"}


def clean_answer(raw: Any, label: str) -> tuple[bool | None, str]:
    """A form box: oui/x/1/vrai -> ticked; non/0/empty -> not ticked; anything else -> unknown + warning."""
    if isinstance(raw, bool):
        return raw, ""
    if isinstance(raw, int | float):
        return (raw != 0), ""
    key = fold(trim(raw)).rstrip(".")
    if key in _YES:
        return True, ""
    if key in _NO:
        return False, ""
    return None, f"{label} « {trim(raw)} » non compris (oui ou non) : non enregistré."


def clean_flag(raw: Any, label: str) -> tuple[bool | None, date | None, str]:
    """An objection column (docs/rules.md §5.9): yes/no, or the date it was made (Mailchimp's UNSUB_TIME)
    -> (objected, on that day, warning)."""
    if raw is None or raw == "":
        return None, None, ""
    if isinstance(raw, bool | int | float) or fold(trim(raw)).rstrip(".") in _YES | _NO:
        answer, w = clean_answer(raw, label)
        return answer, None, w
    d, _ = clean_date(raw)
    if d is not None:
        return True, d, ""
    return None, None, f"{label} « {trim(raw)} » non compris (oui, non ou une date) : non enregistré."


def clean_tags(text: str) -> list[str]:
    """ "VIP; salon 2025" -> ["VIP", "salon 2025"]."""
    if not text:
        return []
    return sorted({t.strip()[:50] for t in re.split(r"[;,]", text) if t.strip()})


# --- refusal --------------------------------------------------------------------------------------


def refusal_reason(values: dict[str, Any]) -> str:
    """Why the row cannot be imported: no name nor company, or no way left to reach the person.

    A row whose file records an objection is kept without a way to reach the person: the objection
    itself must be recorded (docs/rules.md §5.9).
    """
    if not values.get("last_name") and not values.get("company"):
        return "Ni nom ni société."
    if not (
        values.get("phone")
        or values.get("mobile")
        or values.get("email")
        or has_complete_address(values)
        or values.get("oppositions")
    ):
        return (
            "Aucun moyen de contact : ni adresse postale complète (voie, code postal, ville), "
            "ni téléphone valide, ni e-mail valide."
        )
    return ""
