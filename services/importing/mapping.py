"""Which column holds what: headers recognised in French and English, and saved presets.

A mapping is {header text: field}; "" means the column is ignored. Presets are named mappings saved in
the base (the wizard) or in a JSON file (the command line: --mapping FILE.json).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import os_error_text
from models.imports import MappingPreset
from services.contacts.fields import FIELD_LABELS
from services.core.errors import InputError
from services.core.text import fold

# size: most of this file is the header vocabulary (French and English synonyms), data rather than logic.
IGNORE = ""

# Every field a column can feed, with its label in the wizard's combo boxes.
# The fields a column can go to, in the order the wizard offers them: the contact's own labels
# (services.contacts.fields.FIELD_LABELS), a hint where the values are coded, and the import-only fields.
TARGETS: dict[str, str] = {
    IGNORE: "(ignorer cette colonne)",
    **{k: FIELD_LABELS[k] for k in (
        "civility", "last_name", "first_name",
    )},
    "full_name": "Nom complet (prénom puis nom)",
    "full_name_reversed": "Nom complet (nom puis prénom)",
    "company": FIELD_LABELS["company"],
    "is_company": "Est une société (oui / non)",
    **{k: FIELD_LABELS[k] for k in (
        "address_complement", "address_building", "address_street", "address_extra", "postcode", "city",
        "cedex", "country",
    )},
    "address_full": "Adresse complète sur une ligne",
    **{k: FIELD_LABELS[k] for k in ("phone", "mobile", "email")},
    "collected_on": "Date de collecte",
    "person_kind": "Type (particulier / professionnel)",
    "status": "Statut (prospect / client)",
    **{k: FIELD_LABELS[k] for k in ("customer_until", "last_contact_on", "tags", "notes")},
    "refuse_post": "Refus courrier",
    "refuse_phone": "Refus téléphone",
    "accept_phone": "Accord téléphone",
    "refuse_partners": "Refus partenaires",
    "oppose_all": "Opposition à toute prospection",
    "oppose_post": "Opposition au courrier",
    "oppose_phone": "Opposition au téléphone (appels, SMS)",
    "oppose_email": "Désinscription des e-mails",
}  # fmt: skip
CONSENT_FIELDS = ("refuse_post", "refuse_phone", "accept_phone", "refuse_partners")
# An objection in the file (docs/rules.md §5.9): never a form answer, never a consent.
OPPOSITION_FIELDS = ("oppose_all", "oppose_post", "oppose_phone", "oppose_email")
# Columns holding yes/no by nature: a column of booleans feeds only these.
FLAG_FIELDS = (*CONSENT_FIELDS, *OPPOSITION_FIELDS, "is_company")
# A file may hold several addresses (Outlook's bureau / domicile / autre, Google's Address 1, 2…):
# "city@2" is the city of the second one. The first address with a street, postcode or city is kept whole.
ADDRESS_FIELDS = (
    "address_complement", "address_building", "address_street", "address_extra", "postcode", "city", "cedex",
    "country", "address_full",
)  # fmt: skip
ADDRESS_GROUPS = 3
for _n in range(2, ADDRESS_GROUPS + 1):
    for _f in ADDRESS_FIELDS:
        TARGETS[f"{_f}@{_n}"] = f"{TARGETS[_f]} (adresse {_n})"


def base_field(target: str) -> str:
    """ "city@2" -> "city"."""
    return target.split("@", 1)[0]


def address_group(target: str) -> int:
    """ "city@2" -> 2, "city" -> 1."""
    return int(target.split("@", 1)[1]) if "@" in target else 1


# Header words, folded (no accents, lower case, punctuation as spaces), French and English.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "civility": ("civilite", "titre", "title", "civ", "salutation", "m mme", "mr mrs"),
    "last_name": ("nom", "nom de famille", "nom famille", "last name", "lastname", "surname",
                  "family name", "nom du contact"),
    "first_name": ("prenom", "prenoms", "first name", "firstname", "given name", "forename"),
    "company": ("raison sociale", "societe", "entreprise", "company", "company name", "organisation",
                "organization", "etablissement", "nom de la societe", "business"),
    "address_street": ("adresse", "adresse 1", "adresse1", "adresse ligne 1", "rue", "voie", "numero et voie",
                       "n et voie", "address", "address 1", "address1", "address line 1", "street",
                       "street address"),
    "address_complement": ("complement", "complement d adresse", "complement adresse", "adresse 2",
                           "adresse2", "address 2", "address line 2", "appartement", "appt", "chez"),
    "address_building": ("batiment", "residence", "batiment residence", "bat", "building", "immeuble",
                         "adresse 3", "address 3"),
    "address_extra": ("lieu dit", "lieudit", "lieu dit bp", "bp", "boite postale", "po box", "adresse 4"),
    "postcode": ("cp", "code postal", "codepostal", "code post", "zip", "zip code", "zipcode", "postcode",
                 "postal code", "post code"),
    "city": ("ville", "commune", "localite", "city", "town", "bureau distributeur"),
    "cedex": ("cedex",),
    "country": ("pays", "country"),
    "phone": ("telephone", "tel", "tel fixe", "telephone fixe", "fixe", "phone", "phone number",
              "landline", "telephone 1", "tel 1", "numero de telephone"),
    "mobile": ("portable", "mobile", "tel portable", "telephone portable", "tel mobile",
               "telephone mobile", "gsm", "cell", "cellphone", "cell phone", "mobile phone", "telephone 2"),
    "email": ("e mail", "email", "courriel", "mail", "adresse e mail", "adresse email", "adresse mail",
              "adresse electronique", "email address", "e mail address"),
    "collected_on": ("date de collecte", "date collecte", "collecte le", "collecte", "collected on",
                     "collection date", "date de saisie", "date d inscription", "inscrit le", "inscription",
                     "date de creation", "cree le", "date d ajout"),
    "person_kind": ("type", "type de contact", "type contact", "particulier professionnel", "b2b b2c",
                    "kind", "contact type", "categorie"),
    "status": ("statut", "status"),
    "customer_until": ("fin de la relation client", "client jusqu au", "customer until"),
    "last_contact_on": ("dernier contact", "date du dernier contact", "last contact"),
    "tags": ("etiquettes", "etiquette", "tags", "tag"),
    "notes": ("notes", "note", "remarques", "remarque", "commentaire", "commentaires", "comments", "comment"),
    "refuse_post": ("refus courrier", "opposition courrier", "refuse courrier", "refus postal"),
    "refuse_phone": ("refus telephone", "opposition telephone", "refus tel", "refuse telephone"),
    "accept_phone": ("accord telephone", "accord tel", "consentement telephone", "accepte telephone",
                     "accepte les appels", "opt in telephone"),
    "refuse_partners": ("refus partenaires", "refus partenaire", "opposition partenaires",
                        "refus transmission partenaires"),
    "full_name": ("nom complet", "prenom nom", "prenom et nom", "full name", "fullname", "display name"),
    "full_name_reversed": ("nom prenom", "nom et prenom", "nom prenoms", "nom et prenoms", "client", "nom du client",
                           "nom client", "clients"),
    "is_company": ("est une societe", "est une entreprise", "is a company", "is company", "personne morale"),
    "address_full": ("adresse complete", "full address", "adresse postale complete"),
    "oppose_all": ("ne pas contacter", "do not contact", "opposition prospection", "opposition"),
    "oppose_post": ("opposition courrier postal", "ne pas ecrire"),
    "oppose_phone": ("ne pas appeler", "do not call", "sms blacklisted", "telephone en liste noire",
                     "phone blacklisted"),
    "oppose_email": ("email blacklisted", "desinscrit", "desabonne", "unsubscribed", "liste noire",
                     "blacklist", "blacklisted"),
    # Columns of our own export that are not imported (the source is asked for each file), and opt-in
    # columns: no imported column ever makes a phone consent (docs/rules.md §1.4, §5.9).
    IGNORE: ("reference", "ref", "origine des donnees", "nom de la source", "date d obtention", "opt in",
             "double opt in", "optin", "a verifier", "motifs a verifier"),
}  # fmt: skip


def header_key(text: str) -> str:
    """ "Téléphone  (fixe)" -> "telephone fixe": how headers are compared."""
    key = fold(str(text)).replace("°", " ")
    key = re.sub(r"[^a-z0-9]+", " ", key)
    return key.strip()


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for target, words in _SYNONYMS.items():
        for w in words:
            index[header_key(w)] = target
    # Our own labels (the contact form and the exports) are recognised too.
    for target, label in FIELD_LABELS.items():
        if target in TARGETS:
            index.setdefault(header_key(label), target)
    for target, label in TARGETS.items():
        if target:
            index.setdefault(header_key(label), target)
    return index


_INDEX = _build_index()
# When the whole header is not known: a telling word inside it (first match wins), only for a field no
# column names exactly.
_WORDS = (
    ("portable", "mobile"), ("mobile", "mobile"), ("gsm", "mobile"), ("mail", "email"),
    ("courriel", "email"), ("prenom", "first_name"), ("civilite", "civility"),
    ("postal", "postcode"), ("ville", "city"), ("commune", "city"), ("societe", "company"),
    ("entreprise", "company"), ("telephone", "phone"), ("tel", "phone"), ("phone", "phone"),
    ("fixe", "phone"), ("adresse", "address_street"), ("rue", "address_street"),
    ("collecte", "collected_on"), ("nom", "last_name"),
)  # fmt: skip
# A column naming a label, a type or an identifier is never data ("E-mail 1 - Label" holds "* Home",
# "Identifiant société" holds 330), whatever other word its header has.
_NEVER_WORDS = frozenset(("label", "labels", "type", "types", "id", "ids", "identifiant", "identifiants",
                          "uid", "guid", "code"))  # fmt: skip
_BOOLEANS = frozenset(("vrai", "faux", "true", "false", "oui", "non", "yes", "no", "0", "1", "x", "o", "n"))
SAMPLE_ROWS = 200  # the values looked at to decide a column (once per file, never per row)
_KINDS = frozenset((
    "particulier", "particuliers", "professionnel", "professionnels", "pro", "part", "b2b", "b2c",
    "consumer", "professional", "entreprise", "societe", "prive", "personne physique", "personne morale",
))  # fmt: skip


def _never(key: str) -> bool:
    return not _NEVER_WORDS.isdisjoint(key.split())


def guess_field(header: str) -> str:
    """The field a header names, or "" when it is not recognised (exact name first, then a word)."""
    key = header_key(header)
    if key in _INDEX:
        return _INDEX[key]
    return _word_field(key)


def _word_field(key: str) -> str:
    if _never(key):
        return IGNORE
    words = key.split()
    for word, target in _WORDS:
        if word in words:
            return target
    return IGNORE


def header_score(cells: list[Any]) -> int:
    """How many cells of a row look like known headers (finds the header row under title rows)."""
    return sum(1 for v in cells if isinstance(v, str) and v.strip() and guess_field(v))


def column_samples(headers: list[str], rows: list[list[Any]] | None) -> list[list[Any]]:
    """The first non-empty values of each column (at most SAMPLE_ROWS rows read)."""
    out: list[list[Any]] = [[] for _ in headers]
    for row in (rows or [])[:SAMPLE_ROWS]:
        for i, v in enumerate(row[: len(headers)]):
            if v is not None and v != "" and not (isinstance(v, str) and not v.strip()):
                out[i].append(v)
    return out


def is_boolean_column(values: list[Any]) -> bool:
    """Only yes/no values (VRAI/FAUX, true/false, 0/1, x…): a flag, never a name nor an address."""
    if not values:
        return False
    for v in values:
        if isinstance(v, bool):
            continue
        if isinstance(v, int | float) and v in (0, 1):
            continue
        if fold(str(v)).strip(". ") not in _BOOLEANS:
            return False
    return True


def _fits(target: str, values: list[Any]) -> bool:
    """Do the column's values fit the field? (Decided once per column, from a sample.)"""
    if target in FLAG_FIELDS or not values:
        return True
    if is_boolean_column(values):
        return False
    if target == "person_kind":
        return all(fold(str(v)) in _KINDS for v in values)
    return True


# Fields that several columns may feed with no ambiguity: every number is routed by what it is,
# the first e-mail wins.
MULTI_FIELDS = frozenset(("phone", "mobile", "email"))


def guess_mapping(headers: list[str], rows: list[list[Any]] | None = None) -> dict[str, str]:
    """{header: field} for a file's headers (and a sample of its rows, to look at the values).

    Exact header names first; then a telling word, only for fields no column took; never a column
    named Label/Type/Id/Identifiant, never a column of booleans for a text field. Phones and e-mails
    may come from several columns (each number is routed by what it is when the row is cleaned).
    """
    samples = column_samples(headers, rows)
    out: dict[str, str] = dict.fromkeys(headers, IGNORE)
    taken: set[str] = set()
    keys = [header_key(h) for h in headers]
    for i, h in enumerate(headers):  # 1. exact names
        target = _INDEX.get(keys[i], IGNORE)
        if not target or not _fits(target, samples[i]):
            continue
        if target == "phone" and "phone" in taken and "mobile" not in taken:
            target = "mobile"  # "Tél 1", "Tél 2": shown as the mobile; routed by the number anyway
        if target in taken and target not in MULTI_FIELDS:
            continue
        out[h] = target
        taken.add(target)
    for i, h in enumerate(headers):  # 2. a telling word, for the fields still free
        if out[h] or keys[i] in _INDEX:
            continue
        target = _word_field(keys[i])
        if not target or not _fits(target, samples[i]):
            continue
        if target == "phone" and "phone" in taken and "mobile" not in taken:
            target = "mobile"
        if target in taken and target not in MULTI_FIELDS:
            continue
        out[h] = target
        taken.add(target)
    return out


@dataclass(frozen=True)
class ColumnPlan:
    """Resolved mapping: the column indexes of each field, in the file's order (first non-empty wins)."""

    columns: dict[str, tuple[int, ...]]

    def has(self, name: str) -> bool:
        return name in self.columns

    @property
    def consent_fields(self) -> list[str]:
        return [f for f in CONSENT_FIELDS if f in self.columns]


def resolve(headers: list[str], mapping: dict[str, str]) -> ColumnPlan:
    """Column indexes per field from a {header: field} mapping; checks the fields are known."""
    columns: dict[str, list[int]] = {}
    keyed = {header_key(k): v for k, v in mapping.items()}
    for i, h in enumerate(headers):
        target = mapping.get(h, keyed.get(header_key(h), IGNORE))
        if not target:
            continue
        if target not in TARGETS:
            raise InputError(f"Champ inconnu « {target} » pour la colonne « {h} ».")
        columns.setdefault(target, []).append(i)
    if not any(f in columns for f in ("last_name", "company", "full_name", "full_name_reversed")):
        raise InputError("Aucune colonne n'est associée au nom ni à la société : associez-en au moins une.")
    return ColumnPlan({k: tuple(v) for k, v in columns.items()})


# --- mapping files and saved presets --------------------------------------------------------------

# French field names accepted in a mapping file: the wizard's labels, and a few plain words.
_FRENCH_FIELDS: dict[str, str] = {
    **{header_key(label): key for key, label in TARGETS.items() if key},
    **{header_key(w): key for w, key in (
        ("ignorer", IGNORE), ("civilité", "civility"), ("nom", "last_name"), ("prénom", "first_name"),
        ("société", "company"), ("complément", "address_complement"), ("bâtiment", "address_building"),
        ("voie", "address_street"), ("rue", "address_street"), ("lieu-dit", "address_extra"), ("bp", "address_extra"),
        ("code postal", "postcode"), ("ville", "city"), ("pays", "country"), ("téléphone", "phone"),
        ("téléphone fixe", "phone"), ("portable", "mobile"), ("e-mail", "email"), ("courriel", "email"),
        ("nom complet", "full_name"), ("étiquettes", "tags"), ("notes", "notes"),
    )},
}  # fmt: skip


def field_key(name: str) -> str | None:
    """A field as written in a mapping file: "postcode", "Code postal", "Ville (adresse 2)", "ville@2"."""
    if name in TARGETS:
        return name
    text, group = name, ""
    m = re.fullmatch(r"(.*?)\s*(?:@\s*(\d)|\(\s*adresse\s*(\d)\s*\))\s*", name, re.IGNORECASE)
    if m:
        text, group = m.group(1), m.group(2) or m.group(3)
    key = text if text in TARGETS else _FRENCH_FIELDS.get(header_key(text))
    if key is None:
        return None
    if group and group != "1":
        key = f"{key}@{group}"
        return key if key in TARGETS else None
    return key


def _validated(mapping: Any, where: str) -> dict[str, str]:
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise InputError(f"{where} : la correspondance doit associer chaque en-tête (texte) à un champ.")
    out: dict[str, str] = {}
    unknown: list[str] = []
    for header, name in mapping.items():
        key = field_key(name)
        if key is None:
            unknown.append(name)
        else:
            out[header] = key
    if unknown:
        raise InputError(
            f"{where} : champ(s) inconnu(s) {', '.join(sorted(set(unknown)))} "
            f"(connus : {', '.join(t for t in TARGETS if t and '@' not in t)}, ou leur nom français)."
        )
    return out


def load_mapping_file(path: Path) -> dict[str, str]:
    """A mapping saved as JSON: {"nom"|"name": ..., "colonnes"|"columns": {header: field}} or just
    {header: field}; fields by key ("postcode") or French name ("Code postal", "Ville (adresse 2)")."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"Fichier de correspondance introuvable : {path}") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"Fichier de correspondance illisible « {path.name} » : ce n'est pas du JSON valide "
            f"(ligne {exc.lineno}, colonne {exc.colno})."
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            f"Fichier de correspondance illisible « {path.name} » : il n'est pas enregistré en UTF-8."
        ) from None
    except OSError as exc:
        raise InputError(
            f"Fichier de correspondance illisible « {path.name} » : {os_error_text(exc)}."
        ) from None
    if isinstance(data, dict):
        for key in ("columns", "colonnes"):
            if isinstance(data.get(key), dict):
                data = data[key]
                break
    return _validated(data, path.name)


def save_mapping_file(path: Path, name: str, mapping: dict[str, str]) -> None:
    payload = {"name": name, "columns": _validated(mapping, path.name)}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def save_preset(session: Session, name: str, mapping: dict[str, str]) -> MappingPreset:
    """Save (or replace) a named mapping in the base."""
    name = " ".join(name.split())
    if not name:
        raise InputError("Donnez un nom à la correspondance.")
    text = json.dumps(_validated(mapping, name), ensure_ascii=False)
    preset = session.scalar(select(MappingPreset).where(MappingPreset.name == name))
    if preset is None:
        preset = MappingPreset(name=name, mapping=text)
        session.add(preset)
    else:
        preset.mapping = text
    session.flush()
    return preset


def list_presets(session: Session) -> dict[str, dict[str, str]]:
    return {
        p.name: json.loads(p.mapping)
        for p in session.scalars(select(MappingPreset).order_by(MappingPreset.name))
    }
