"""A contact's fields: their French labels and the rules that normalise names and civility."""

from __future__ import annotations

from services.core.text import clean_spaces, fold

SOURCE_KIND_LABELS = {
    "direct": "Collecte directe",
    "partner": "Partenaire",
    "broker": "Courtier en données",
    "public": "Source publique",
}
STATUS_LABELS = {"prospect": "Prospect", "customer": "Client"}
PERSON_KIND_LABELS = {"consumer": "Particulier", "professional": "Professionnel"}

# The editable text fields, in form order.
TEXT_FIELDS = (
    "civility", "first_name", "last_name", "company",
    "address_complement", "address_building", "address_street", "address_extra",
    "postcode", "city", "cedex", "country", "phone", "mobile", "email",
    "status", "person_kind", "notes",
)  # fmt: skip

FIELD_LABELS = {
    "civility": "Civilité", "first_name": "Prénom", "last_name": "Nom", "company": "Société",
    "address_complement": "Complément (appt, étage, chez)", "address_building": "Bâtiment, résidence",
    "address_street": "Numéro et voie", "address_extra": "Lieu-dit, BP",
    "postcode": "Code postal", "city": "Ville", "cedex": "CEDEX", "country": "Pays",
    "phone": "Téléphone fixe", "mobile": "Portable", "email": "E-mail", "status": "Statut",
    "person_kind": "Type", "customer_until": "Fin de la relation client",
    "last_contact_on": "Dernier contact", "notes": "Notes", "tags": "Étiquettes",
    "source_kind": "Origine des données", "source_name": "Nom de la source",
    "source_date": "Date d'obtention",
}  # fmt: skip


def normalise_civility(raw: str) -> str:
    """Monsieur/Mr/M -> "M."; Madame/Mme/Mlle/Mademoiselle -> "Mme" (the administration dropped Mlle)."""
    key = fold(raw).rstrip(".")
    if key in ("m", "mr", "monsieur", "mister", "mssr"):
        return "M."
    if key in ("mme", "madame", "mlle", "mademoiselle", "mrs", "ms", "miss"):
        return "Mme"
    return "" if not key else raw.strip()


_PARTICLES = {"de", "du", "des", "d", "la", "le", "van", "von", "der", "den"}


def capitalise_first_name(raw: str) -> str:
    """ "jean-pierre" -> "Jean-Pierre"; "marie de la fontaine" keeps its particles lower-case."""
    words = clean_spaces(raw).split(" ")
    out = []
    for i, word in enumerate(words):
        if i > 0 and word.lower() in _PARTICLES:
            out.append(word.lower())
            continue
        out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def uppercase_last_name(raw: str) -> str:
    return clean_spaces(raw).upper()
