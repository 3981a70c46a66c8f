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

from models.imports import MappingPreset
from services.contacts.fields import FIELD_LABELS
from services.core.errors import InputError
from services.core.text import fold

IGNORE = ""

# Every field a column can feed, with its label in the wizard's combo boxes.
# The fields a column can go to, in the order the wizard offers them: the contact's own labels
# (services.contacts.fields.FIELD_LABELS), a hint where the values are coded, and the import-only fields.
TARGETS: dict[str, str] = {
    IGNORE: "(ignorer cette colonne)",
    **{k: FIELD_LABELS[k] for k in (
        "civility", "last_name", "first_name", "company", "address_complement", "address_building",
        "address_street", "address_extra", "postcode", "city", "cedex", "country", "phone", "mobile",
        "email",
    )},
    "collected_on": "Date de collecte",
    "person_kind": "Type (particulier / professionnel)",
    "status": "Statut (prospect / client)",
    **{k: FIELD_LABELS[k] for k in ("customer_until", "last_contact_on", "tags", "notes")},
    "refuse_post": "Refus courrier",
    "refuse_phone": "Refus téléphone",
    "accept_phone": "Accord téléphone",
    "refuse_partners": "Refus partenaires",
}  # fmt: skip
CONSENT_FIELDS = ("refuse_post", "refuse_phone", "accept_phone", "refuse_partners")

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
                     "collection date", "date de saisie", "date d inscription"),
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
    # Columns of our own export that are not imported (the source is asked for each file).
    IGNORE: ("reference", "ref", "origine des donnees", "nom de la source", "date d obtention"),
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
# When the whole header is not known: a telling word inside it (first match wins).
_WORDS = (
    ("portable", "mobile"), ("mobile", "mobile"), ("gsm", "mobile"), ("mail", "email"),
    ("courriel", "email"), ("prenom", "first_name"), ("civilite", "civility"),
    ("postal", "postcode"), ("ville", "city"), ("commune", "city"), ("societe", "company"),
    ("entreprise", "company"), ("telephone", "phone"), ("tel", "phone"), ("phone", "phone"),
    ("fixe", "phone"), ("adresse", "address_street"), ("rue", "address_street"),
    ("collecte", "collected_on"), ("nom", "last_name"),
)  # fmt: skip


def guess_field(header: str) -> str:
    """The field a header names, or "" when it is not recognised."""
    key = header_key(header)
    if key in _INDEX:
        return _INDEX[key]
    words = key.split()
    for word, target in _WORDS:
        if word in words:
            return target
    return IGNORE


def header_score(cells: list[Any]) -> int:
    """How many cells of a row look like known headers (finds the header row under title rows)."""
    return sum(1 for v in cells if isinstance(v, str) and v.strip() and guess_field(v))


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """{header: field} for a file's headers; each field is given to the first column naming it."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for h in headers:
        target = guess_field(h)
        if target == "phone" and "phone" in taken and "mobile" not in taken:
            target = "mobile"  # "Tél 1", "Tél 2": the second number goes to the mobile
        if target and target in taken:
            target = IGNORE
        out[h] = target
        if target:
            taken.add(target)
    return out


@dataclass(frozen=True)
class ColumnPlan:
    """Resolved mapping: the column index of each field."""

    columns: dict[str, int]

    def has(self, name: str) -> bool:
        return name in self.columns

    @property
    def consent_fields(self) -> list[str]:
        return [f for f in CONSENT_FIELDS if f in self.columns]


def resolve(headers: list[str], mapping: dict[str, str]) -> ColumnPlan:
    """Column indexes per field from a {header: field} mapping; checks fields are known and unique."""
    columns: dict[str, int] = {}
    keyed = {header_key(k): v for k, v in mapping.items()}
    for i, h in enumerate(headers):
        target = mapping.get(h, keyed.get(header_key(h), IGNORE))
        if not target:
            continue
        if target not in TARGETS:
            raise InputError(f"Champ inconnu « {target} » pour la colonne « {h} ».")
        if target in columns:
            raise InputError(
                f"Deux colonnes alimentent « {TARGETS[target]} » : « {headers[columns[target]]} » et « {h} »."
            )
        columns[target] = i
    if not any(f in columns for f in ("last_name", "company")):
        raise InputError("Aucune colonne n'est associée au nom ni à la société : associez-en au moins une.")
    return ColumnPlan(columns)


# --- presets --------------------------------------------------------------------------------------


def _validated(mapping: Any, where: str) -> dict[str, str]:
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise InputError(f"{where} : la correspondance doit associer chaque en-tête (texte) à un champ.")
    unknown = sorted({v for v in mapping.values() if v not in TARGETS})
    if unknown:
        raise InputError(
            f"{where} : champ(s) inconnu(s) {', '.join(unknown)} (connus : {', '.join(t for t in TARGETS if t)})."
        )
    return dict(mapping)


def load_mapping_file(path: Path) -> dict[str, str]:
    """A preset saved as JSON: {"name": ..., "columns": {header: field}} or just {header: field}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"Fichier de correspondance introuvable : {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"Fichier de correspondance illisible « {path.name} » : {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        data = data["columns"]
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


def apply_preset(headers: list[str], preset: dict[str, str]) -> dict[str, str]:
    """The preset's field for each header it knows (compared without accents/case), else the guess."""
    keyed = {header_key(k): v for k, v in preset.items()}
    guessed = guess_mapping(headers)
    out: dict[str, str] = {}
    for h in headers:
        key = header_key(h)
        out[h] = keyed[key] if key in keyed else guessed[h]
    return out
