"""The exports of the tools people leave, recognised by their header row: Google Contacts (both
layouts), Outlook (French and English), Dolibarr (tiers, contacts), Odoo (French and English), Brevo,
Mailchimp (subscribed, unsubscribed) and the vCard reader's own columns.

A preset is applied once per file (the header row), never per row. The header lists come from the
tools' documented exports; tests/data/README.md says where each was taken from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from services.importing.mapping import (
    ADDRESS_GROUPS,
    CONSENT_FIELDS,
    IGNORE,
    base_field,
    guess_mapping,
    header_key,
)

# --- built-in presets: the exports of the tools people leave -------------------------------------


@dataclass(frozen=True)
class BuiltinPreset:
    """A tool's export, recognised by its header row. `columns`: (pattern on the folded header, field);
    a pattern's "{n}" is the number of an address (Google's "Address 2 - City" -> "city@2")."""

    key: str
    label: str  # "Export Google Contacts": the wizard says « Export Google Contacts reconnu »
    markers: tuple[str, ...]  # folded headers that must all be there
    columns: tuple[tuple[str, str], ...]


_OUTLOOK_FR_GROUPS = (("domicile", 1), ("bureau", 2), ("autre", 3))
_OUTLOOK_EN_GROUPS = (("home", 1), ("business", 2), ("other", 3))

BUILTIN_PRESETS: tuple[BuiltinPreset, ...] = (
    BuiltinPreset("google", "Export Google Contacts", ("first name", "last name", "e mail 1 value"), (
        ("name prefix", "civility"), ("first name", "first_name"), ("last name", "last_name"),
        ("organization name", "company"), ("notes", "notes"),
        (r"e mail \d+ value", "email"), (r"phone \d+ value", "phone"),
        (r"address {n} street", "address_street@{n}"), (r"address {n} extended address", "address_complement@{n}"),
        (r"address {n} po box", "address_extra@{n}"), (r"address {n} postal code", "postcode@{n}"),
        (r"address {n} city", "city@{n}"), (r"address {n} country", "country@{n}"),
    )),
    BuiltinPreset("google_legacy", "Export Google Contacts (ancien format)",
                  ("given name", "family name", "group membership"), (
        ("name prefix", "civility"), ("given name", "first_name"), ("family name", "last_name"),
        ("name", "full_name"), ("organization 1 name", "company"), ("notes", "notes"),
        (r"e mail \d+ value", "email"), (r"phone \d+ value", "phone"),
        (r"address {n} street", "address_street@{n}"), (r"address {n} extended address", "address_complement@{n}"),
        (r"address {n} po box", "address_extra@{n}"), (r"address {n} postal code", "postcode@{n}"),
        (r"address {n} city", "city@{n}"), (r"address {n} country", "country@{n}"),
    )),
    BuiltinPreset("outlook_fr", "Export Outlook (français)", ("prenom", "rue bureau", "adresse de messagerie"), (
        ("titre", "civility"), ("prenom", "first_name"), ("nom", "last_name"), ("societe", "company"),
        *((rf"rue {g}(?: \d)?", f"address_street@{n}") for g, n in _OUTLOOK_FR_GROUPS),
        *((f"ville {g}", f"city@{n}") for g, n in _OUTLOOK_FR_GROUPS),
        *((f"code postal {g}", f"postcode@{n}") for g, n in _OUTLOOK_FR_GROUPS),
        *((f"pays region {g}", f"country@{n}") for g, n in _OUTLOOK_FR_GROUPS),
        *((f"boite postale {g}", f"address_extra@{n}") for g, n in _OUTLOOK_FR_GROUPS),
        (r"telephone(?: 2)? (?:bureau|domicile|autre|voiture)", "phone"), ("telephone societe", "phone"),
        ("telephone principal", "phone"), ("tel mobile", "mobile"),
        (r"adresse de messagerie(?: \d)?", "email"), ("notes", "notes"), ("categories", "tags"),
    )),
    BuiltinPreset("outlook_en", "Export Outlook (anglais)", ("first name", "business street", "e mail address"), (
        ("title", "civility"), ("first name", "first_name"), ("last name", "last_name"), ("company", "company"),
        *((rf"{g} street(?: \d)?", f"address_street@{n}") for g, n in _OUTLOOK_EN_GROUPS),
        *((f"{g} city", f"city@{n}") for g, n in _OUTLOOK_EN_GROUPS),
        *((f"{g} postal code", f"postcode@{n}") for g, n in _OUTLOOK_EN_GROUPS),
        *((f"{g} country region", f"country@{n}") for g, n in _OUTLOOK_EN_GROUPS),
        *((f"{g} address po box", f"address_extra@{n}") for g, n in _OUTLOOK_EN_GROUPS),
        (r"(?:business|home|other|car) phone(?: 2)?", "phone"), ("company main phone", "phone"),
        ("primary phone", "phone"), ("mobile phone", "mobile"),
        (r"e mail(?: \d)? address", "email"), ("notes", "notes"), ("categories", "tags"),
    )),
    BuiltinPreset("dolibarr_tiers", "Export Dolibarr (tiers)", ("nom du tiers", "code client"), (
        ("nom du tiers", "full_name_reversed"), ("type du tiers", "is_company"), ("forme juridique", "is_company"),
        ("prospect client", "status"), ("adresse", "address_street"), ("code postal", "postcode"),
        ("ville", "city"), ("pays", "country"), ("telephone", "phone"), ("portable", "mobile"),
        ("email", "email"), ("ne pas contacter", "oppose_all"), ("note publique", "notes"),
    )),
    BuiltinPreset("dolibarr_contacts", "Export Dolibarr (contacts)", ("identifiant societe", "tel perso"), (
        ("civilite", "civility"), ("nom", "last_name"), ("prenom", "first_name"), ("nom du tiers", "company"),
        ("adresse", "address_street"), ("code postal", "postcode"), ("ville", "city"), ("pays", "country"),
        ("tel pro", "phone"), ("tel perso", "phone"), ("tel portable", "mobile"), ("email", "email"),
        ("ne pas contacter", "oppose_all"), ("refuse les e mailings de masse", "oppose_email"),
        ("note publique", "notes"),
    )),
    BuiltinPreset("odoo_fr", "Export Odoo (français)", ("nom", "est une entreprise"), (
        ("nom", "full_name"), ("est une entreprise", "is_company"), ("societe liee", "company"),
        ("nom de l entreprise", "company"), ("titre", "civility"), (r"rue(?: 2)?", "address_street"),
        ("ville", "city"), ("code postal", "postcode"), ("pays", "country"), ("telephone", "phone"),
        ("mobile", "mobile"), ("courriel", "email"), ("e mail", "email"), ("etiquettes", "tags"),
        ("liste noire", "oppose_email"), ("telephone en liste noire", "oppose_phone"), ("notes", "notes"),
    )),
    BuiltinPreset("odoo_en", "Export Odoo (anglais)", ("name", "is a company"), (
        ("name", "full_name"), ("is a company", "is_company"), ("related company", "company"),
        ("company name", "company"), ("title", "civility"), (r"street ?2?", "address_street"),
        ("city", "city"), ("zip", "postcode"), ("country", "country"), ("phone", "phone"),
        ("mobile", "mobile"), ("email", "email"), ("tags", "tags"), ("blacklist", "oppose_email"),
        ("phone blacklisted", "oppose_phone"), ("notes", "notes"),
    )),
    BuiltinPreset("brevo", "Export Brevo", ("email", "email blacklisted"), (
        ("email", "email"), ("firstname", "first_name"), ("prenom", "first_name"), ("lastname", "last_name"),
        ("nom", "last_name"), ("sms", "phone"), ("landline number", "phone"), ("whatsapp", "phone"),
        ("email blacklisted", "oppose_email"), ("sms blacklisted", "oppose_phone"),
        ("added time", "collected_on"),
    )),
    BuiltinPreset("mailchimp_unsubscribed", "Export Mailchimp des désinscrits",
                  ("email address", "member rating", "unsub time"), (
        ("email address", "email"), ("first name", "first_name"), ("last name", "last_name"),
        ("address", "address_full"), ("phone number", "phone"), ("optin time", "collected_on"),
        ("confirm time", "collected_on"), ("unsub time", "oppose_email"), ("notes", "notes"), ("tags", "tags"),
    )),
    BuiltinPreset("mailchimp", "Export Mailchimp", ("email address", "member rating", "optin time"), (
        ("email address", "email"), ("first name", "first_name"), ("last name", "last_name"),
        ("address", "address_full"), ("phone number", "phone"), ("optin time", "collected_on"),
        ("confirm time", "collected_on"), ("notes", "notes"), ("tags", "tags"),
    )),
    BuiltinPreset("vcard", "Carnet d'adresses vCard", ("nom complet fn", "est une societe"), (
        ("civilite", "civility"), ("nom", "last_name"), ("prenom", "first_name"),
        ("nom complet fn", "full_name"), ("societe", "company"), ("est une societe", "is_company"),
        ("complement", "address_complement"), ("numero et voie", "address_street"), ("bp", "address_extra"),
        ("code postal", "postcode"), ("ville", "city"), ("pays", "country"), ("telephones", "phone"),
        ("e mails", "email"), ("notes", "notes"),
    )),
)  # fmt: skip


def _compiled(preset: BuiltinPreset) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for pattern, target in preset.columns:
        target = target.removesuffix("@1")  # the first address has no number
        out.append((re.compile(pattern.replace("{n}", r"(?P<n>\d+)")), target))
    return out


_COMPILED = {p.key: _compiled(p) for p in BUILTIN_PRESETS}
_BY_KEY = {p.key: p for p in BUILTIN_PRESETS}


def recognise_preset(headers: list[str]) -> BuiltinPreset | None:
    """The tool whose export this header row is (all its marker headers are there), else None."""
    keys = {header_key(h) for h in headers}
    for preset in BUILTIN_PRESETS:  # the more specific first (Mailchimp's unsubscribed before Mailchimp)
        if all(m in keys for m in preset.markers):
            return preset
    return None


def preset_mapping(preset: BuiltinPreset, headers: list[str]) -> dict[str, str]:
    """{header: field} by the preset; headers it does not know are left out (the caller guesses them)."""
    out: dict[str, str] = {}
    patterns = _COMPILED[preset.key]
    for h in headers:
        key = header_key(h)
        for pattern, target in patterns:
            m = pattern.fullmatch(key)
            if m is None:
                continue
            if "{n}" in target:
                n = int(m.group("n"))
                target = target.replace("@{n}", "" if n == 1 else f"@{n}")
                if n > ADDRESS_GROUPS:
                    target = IGNORE
            out[h] = target
            break
        else:
            out[h] = IGNORE
    return out


@dataclass(frozen=True)
class AutoMapping:
    mapping: dict[str, str]
    preset: BuiltinPreset | None  # the tool recognised, if any

    @property
    def message(self) -> str:
        return f"{self.preset.label} reconnu" if self.preset else ""


def auto_mapping(headers: list[str], rows: list[list[Any]] | None = None) -> AutoMapping:
    """The mapping with no manual work: a tool's preset when its export is recognised (its own columns;
    the others — custom fields — guessed for the fields still free), else the guess from the headers."""
    preset = recognise_preset(headers)
    guessed = guess_mapping(headers, rows)
    if preset is None:
        return AutoMapping(guessed, None)
    mapping = preset_mapping(preset, headers)
    known = {header_key(h) for h, t in mapping.items()}
    taken = {base_field(t) for t in mapping.values() if t}
    for h in headers:
        if not mapping[h] and header_key(h) in known and _matched_by_preset(preset, h):
            continue  # a column the preset knows and leaves out (Label, Type, Yomi…)
        g = guessed.get(h, IGNORE)
        if not mapping[h] and g and g not in taken and g not in CONSENT_FIELDS:
            mapping[h] = g
            taken.add(g)
    return AutoMapping(mapping, preset)


def _matched_by_preset(preset: BuiltinPreset, header: str) -> bool:
    key = header_key(header)
    return any(p.fullmatch(key) for p, _ in _COMPILED[preset.key])


def builtin_preset(key: str) -> BuiltinPreset | None:
    return _BY_KEY.get(key)


def apply_preset(
    headers: list[str], preset: dict[str, str], rows: list[list[Any]] | None = None
) -> dict[str, str]:
    """The preset's field for each header it knows (compared without accents/case), else the automatic one."""
    keyed = {header_key(k): v for k, v in preset.items()}
    guessed = auto_mapping(headers, rows).mapping
    out: dict[str, str] = {}
    for h in headers:
        key = header_key(h)
        out[h] = keyed[key] if key in keyed else guessed[h]
    return out
