"""Countries: ISO codes stored, French names printed (docs/rules.md §8.6: the country in French capitals)."""

from __future__ import annotations

from services.core.text import fold

# The countries a French small business writes to most; anything else can be typed as an ISO code.
COUNTRY_NAMES_FR = {
    "FR": "France", "BE": "Belgique", "CH": "Suisse", "LU": "Luxembourg", "MC": "Monaco",
    "DE": "Allemagne", "ES": "Espagne", "IT": "Italie", "PT": "Portugal", "GB": "Royaume-Uni",
    "IE": "Irlande", "NL": "Pays-Bas", "AT": "Autriche", "DK": "Danemark", "SE": "Suède",
    "NO": "Norvège", "FI": "Finlande", "PL": "Pologne", "CZ": "Tchéquie", "SK": "Slovaquie",
    "HU": "Hongrie", "RO": "Roumanie", "BG": "Bulgarie", "GR": "Grèce", "HR": "Croatie",
    "SI": "Slovénie", "EE": "Estonie", "LV": "Lettonie", "LT": "Lituanie", "MT": "Malte",
    "CY": "Chypre", "IS": "Islande", "AD": "Andorre", "LI": "Liechtenstein", "SM": "Saint-Marin",
    "VA": "Vatican", "US": "États-Unis", "CA": "Canada", "MA": "Maroc", "DZ": "Algérie",
    "TN": "Tunisie", "SN": "Sénégal", "CI": "Côte d'Ivoire", "CM": "Cameroun", "TR": "Turquie",
    "IL": "Israël", "CN": "Chine", "JP": "Japon", "IN": "Inde", "BR": "Brésil", "AU": "Australie",
    "NZ": "Nouvelle-Zélande", "MX": "Mexique", "AR": "Argentine", "UA": "Ukraine", "RU": "Russie",
    "MU": "Maurice", "MG": "Madagascar", "NC": "Nouvelle-Calédonie", "PF": "Polynésie française",
}  # fmt: skip

_ALIASES = {
    "angleterre": "GB", "uk": "GB", "royaume uni": "GB", "grande bretagne": "GB",
    "usa": "US", "etats unis": "US", "holland": "NL", "hollande": "NL", "deutschland": "DE",
    "espana": "ES", "italia": "IT", "suisse": "CH", "schweiz": "CH", "belgie": "BE",
}  # fmt: skip
_BY_NAME = {fold(name).replace("-", " "): code for code, name in COUNTRY_NAMES_FR.items()}


def country_code(text: str) -> str | None:
    """ "France", "FR", "fr", "Belgique" -> ISO code; None when unknown."""
    t = text.strip()
    if not t:
        return "FR"
    if len(t) == 2 and t.isalpha():
        return t.upper()
    key = fold(t).replace("-", " ")
    return _BY_NAME.get(key) or _ALIASES.get(key)


def country_name(code: str) -> str:
    return COUNTRY_NAMES_FR.get(code.upper(), code.upper())
