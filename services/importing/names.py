"""People's names as other tools write them: a full name to split the French way, a civility left in
the name, a company hiding in a person's name column.

The French order is not the English one (nameparser assumes "First Last"): capitals mark the surname
("DUPONT Jean", "Jean de LA FONTAINE", "Marie-Claire d'ARGENT"), a leading particle starts it
("Le Goff Anne"); when nothing marks it, the column says the order and a doubt is reported
(« à vérifier »). Every function is cached: names and companies repeat across 100,000 rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from services.contacts.fields import normalise_civility
from services.core.text import fold

# Particles that belong to the surname when they stand before it.
_PARTICLES = frozenset(
    ("de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "ter", "dos", "da", "di")
)
_ELIDED = re.compile(r"^([dD]|[lL])['’](.+)$")  # d'ARGENT, l'HERMITE
_CIVILITY_WORDS = {
    "m": "M.", "mr": "M.", "monsieur": "M.", "mme": "Mme", "madame": "Mme", "mlle": "Mme",
    "mademoiselle": "Mme", "mrs": "Mme", "ms": "Mme",
}  # fmt: skip
# Legal forms and words that make a name a business (SARL, SAS, Association, Cabinet…).
_LEGAL_FORMS_CAPS = re.compile(
    r"(?<![\w'’])(SARL|SAS|SASU|SCI|EURL|SA|SNC|SCP|SCM|SEL|SELARL|SELAS|SELAFA|GAEC|EARL|SCEA|SCOP|"
    r"EIRL|GIE|SEM|SPL|EPIC|CCAS|CSE)(?![\w'’])"
)
_BUSINESS_WORDS = re.compile(
    r"(?<![\w'’])(association|asso|cabinet|societe|ets|etablissements|entreprise|mairie|commune|"
    r"syndicat|fondation|groupe|garage|boulangerie|patisserie|pharmacie|restaurant|hotel|cafe|"
    r"boucherie|charcuterie|fromagerie|librairie|agence|atelier|institut|clinique|ecole|college|lycee|"
    r"comite|club|federation|office|cooperative|holding|laboratoire|banque|assurances?|sarl|sas|eurl|sci|"
    r"inc|ltd|gmbh|llc|bv|nv|spa|srl)(?![\w'’])"
)
_COMPANY_VALUES = frozenset((
    "societe", "entreprise", "tpe", "pme", "tpe pme", "grande entreprise", "grand compte", "administration",
    "association", "professionnel", "company", "business", "organisation", "organization", "personne morale",
    "eti", "collectivite", "company true",
))  # fmt: skip
_PERSON_VALUES = frozenset(("particulier", "personne physique", "individual", "person", "prive", "private"))
_YES = frozenset(("oui", "o", "yes", "y", "x", "1", "vrai", "true", "coche", "ok"))
_NO = frozenset(("non", "n", "no", "0", "faux", "false", "-"))


def looks_like_company(name: str) -> bool:
    """A legal form (SARL, SAS, SCI, EURL…) or a business word (Association, Cabinet, Garage…) in it."""
    return bool(_LEGAL_FORMS_CAPS.search(name) or _BUSINESS_WORDS.search(fold(name).replace("-", " ")))


def clean_is_company(raw: object) -> bool | None:
    """An "is a company" column: VRAI/1/oui, a kind (« TPE », « Particulier ») or a legal form; None if empty."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        return raw != 0
    key = fold(str(raw)).strip(". ").replace("/", " ")
    if not key:
        return None
    if key in _YES or key in _COMPANY_VALUES:
        return True
    if key in _NO or key in _PERSON_VALUES:
        return False
    return looks_like_company(str(raw)) or None


@dataclass(frozen=True)
class NameSplit:
    civility: str
    first_name: str
    last_name: str
    doubt: str = ""  # why the split should be checked by a person ("" when sure)


def _is_caps(token: str) -> bool:
    """A surname in capitals: DUPONT, LA, D'ARGENT, LE-GOFF (two letters at least, no lower case)."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_surname_caps(token: str) -> bool:
    m = _ELIDED.match(token)
    return _is_caps(m.group(2)) if m else _is_caps(token)


def caps_marked(text: str) -> bool:
    """Some words in capitals and some not: "DUPONT Jean" says which is the surname, "Jean Dupont" does not."""
    caps = [_is_surname_caps(t) for t in text.split()]
    return any(caps) and not all(caps)


def civility_prefix(tokens: list[str]) -> tuple[str, list[str]]:
    """ "Mme Le Goff Anne" -> ("Mme", ["Le", "Goff", "Anne"])."""
    if len(tokens) > 1:
        civ = _CIVILITY_WORDS.get(fold(tokens[0]).rstrip("."))
        if civ:
            return civ, tokens[1:]
    return "", tokens


@lru_cache(maxsize=65536)
def split_full_name(text: str, first_last: bool = True) -> NameSplit:
    """A full name split the French way; `first_last` is the column's order when nothing marks the surname.

    "DUPONT Jean" / "Jean DUPONT" -> Jean, DUPONT; "Jean de LA FONTAINE" -> Jean, de LA FONTAINE;
    "Marie-Claire d'ARGENT" -> Marie-Claire, d'ARGENT; "Le Goff Anne" -> Anne, Le Goff.
    """
    civility, tokens = civility_prefix(text.split())
    if not tokens:
        return NameSplit(civility, "", "")
    if len(tokens) == 1:
        return NameSplit(civility, "", tokens[0])
    caps = [_is_surname_caps(t) for t in tokens]
    if any(caps) and not all(caps):
        # The surname is the run of capitals, with the particles written just before it.
        start = caps.index(True)
        end = start
        while end + 1 < len(tokens) and (caps[end + 1] or tokens[end + 1].lower() in _PARTICLES):
            end += 1
        while start > 0 and tokens[start - 1].lower() in _PARTICLES:
            start -= 1
        last = tokens[start : end + 1]
        first = tokens[:start] + tokens[end + 1 :]
        doubt = "" if start == 0 or end == len(tokens) - 1 else "Nom en capitales au milieu du nom complet."
        return NameSplit(civility, " ".join(first), " ".join(last), doubt)
    if tokens[0].lower() in _PARTICLES:  # "Le Goff Anne", "de la Tour Marie": the surname comes first
        i = 0
        while i < len(tokens) - 1 and tokens[i].lower() in _PARTICLES:
            i += 1
        return NameSplit(civility, " ".join(tokens[i + 1 :]), " ".join(tokens[: i + 1]))
    # "Jean de la Fontaine": a particle inside starts the surname.
    for i in range(1, len(tokens) - 1):
        if tokens[i].lower() in _PARTICLES and first_last:
            return NameSplit(civility, " ".join(tokens[:i]), " ".join(tokens[i:]))
    if first_last:
        first, last = tokens[:-1], tokens[-1:]
    else:
        first, last = tokens[1:], tokens[:1]
    doubt = ""
    if all(caps) or len(tokens) > 2 or text.islower():
        doubt = f"Prénom et nom séparés sans certitude dans « {text} »."
    return NameSplit(civility, " ".join(first), " ".join(last), doubt)


@lru_cache(maxsize=65536)
def civility_in_name(last_name: str) -> tuple[str, str]:
    """ "Mme DURAND" in the surname column -> ("Mme", "DURAND"); ("", name) when there is none."""
    tokens = last_name.split()
    civility, rest = civility_prefix(tokens)
    if civility and normalise_civility(tokens[0]) == civility:
        return civility, " ".join(rest)
    return "", last_name
