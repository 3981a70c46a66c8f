"""Address books as vCard files (.vcf: 2.1, 3.0, 4.0, one card or many): phones' and Outlook's exports.

Read with vobject (a maintained reader: line folding, quoted-printable — Android writes multi-line
quoted-printable, hence allowQP — Apple's itemN. groups). Each card becomes a row under fixed French
headers, so the wizard shows the cards like any sheet and the "Carnet d'adresses vCard" preset maps them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from services.core.errors import InputError

HEADERS = [
    "Civilité", "Prénom", "Nom", "Nom complet (FN)", "Société", "Est une société", "Complément",
    "Numéro et voie", "BP", "Code postal", "Ville", "Pays", "Téléphones", "E-mails", "Notes",
]  # fmt: skip
MULTI = " ::: "  # several numbers or e-mails in one cell, as Google writes them

log = logging.getLogger(__name__)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def _preferred(props: list[Any]) -> Any:
    """The property marked preferred (TYPE=pref, PREF=1), else the first."""
    for p in props:
        types = [t.lower() for t in p.params.get("TYPE", [])]
        if "pref" in types or p.params.get("PREF"):
            return p
    return props[0]


def card_row(card: Any) -> list[str]:
    """One vCard as a row of HEADERS."""
    c = card.contents
    civility = first = last = ""
    if "n" in c:
        n = c["n"][0].value
        civility, first, last = _text(n.prefix), _text(n.given), _text(n.family)
    full = _text(c["fn"][0].value) if "fn" in c else ""
    org = _text(c["org"][0].value[:1]) if "org" in c and isinstance(c["org"][0].value, list) else ""
    if not org and "org" in c:
        org = _text(c["org"][0].value)
    show_as = _text(c["x-abshowas"][0].value).upper() if "x-abshowas" in c else ""
    kind = _text(c["kind"][0].value).lower() if "kind" in c else ""
    is_company = "oui" if show_as == "COMPANY" or kind == "org" else "non"
    complement = street = box = postcode = city = country = ""
    if "adr" in c:
        a = _preferred(c["adr"]).value
        complement, box = _text(a.extended), _text(a.box)
        street = a.street if isinstance(a.street, str) else "\n".join(a.street)
        street = street.replace("\r\n", "\n").strip()
        postcode, city, country = _text(a.code), _text(a.city), _text(a.country)
    phones = [_text(t.value).removeprefix("tel:") for t in c.get("tel", []) if _text(t.value)]
    emails = [_text(e.value) for e in c.get("email", []) if _text(e.value)]
    notes = "\n".join(_text(n.value) for n in c.get("note", []) if _text(n.value))
    return [
        civility, first, last, full, org, is_company, complement, street, box, postcode, city, country,
        MULTI.join(phones), MULTI.join(emails), notes,
    ]  # fmt: skip


def read_vcard_rows(path: Path, text: str, max_cards: int) -> list[list[Any]]:
    """The header row and one row per card; a file that is not a vCard is refused in French."""
    import vobject  # loaded on first use: only a .vcf needs it

    rows: list[list[Any]] = [list(HEADERS)]
    try:
        for card in vobject.readComponents(text, allowQP=True):
            if card.name.upper() != "VCARD":
                continue
            rows.append(card_row(card))
            if len(rows) > max_cards:
                raise InputError(
                    f"Impossible de lire « {path.name} » : plus de {max_cards:,} fiches, découpez le fichier.".replace(
                        ",", " "
                    )
                )
    except InputError:
        raise
    except Exception as exc:  # vobject raises ParseError, ValueError, AttributeError… on a broken card
        log.info("vCard %s illisible, fiche %s : %s", path.name, len(rows), exc)  # its English: to the log
        raise InputError(
            f"Impossible de lire « {path.name} » : la fiche vCard n° {len(rows)} est mal formée "
            "(ligne sans « : », guillemets ou encodage incorrects)."
        ) from None
    if len(rows) == 1:
        raise InputError(
            f"Impossible de lire « {path.name} » : aucune fiche vCard (BEGIN:VCARD) dans le fichier."
        )
    return rows
