"""`contacts list|show|add|delete`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cli.context import CliContext, Result, Stream
from services.compliance.dossier import build_dossier, write_dossier
from services.contacts.editing import create_contact, delete_contact
from services.contacts.fields import SOURCE_KIND_LABELS
from services.contacts.history import contact_history
from services.contacts.lookup import get_by_ref
from services.contacts.record import contact_to_dict
from services.contacts.search import search_limit_notice
from services.contacts.search_pages import stream_contacts
from services.contacts.validation import ContactInput
from services.core.errors import InputError
from services.core.moments import wall_time
from services.core.phones import display as phone_display


def parse_date(text: str) -> date:
    """YYYY-MM-DD, the format every --on / --obtained-on option takes."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"Date invalide « {text} » : attendu AAAA-MM-JJ.") from None


# `contacts add`: the fields a person types, with what each holds (NF Z10-011 for the address lines).
ADD_FIELDS = {
    "civility": "civilité : M. ou Mme", "first-name": "prénom", "last-name": "nom",
    "company": "société (un contact professionnel)", "complement": "complément : appartement, étage, « chez »",
    "building": "bâtiment, résidence, entrée", "street": "numéro et voie", "extra": "lieu-dit, BP",
    "postcode": "code postal", "city": "ville", "cedex": "mention CEDEX (« CEDEX 09 »)",
    "country": "pays (défaut : France)", "phone": "téléphone fixe", "mobile": "téléphone portable",
    "email": "adresse e-mail", "notes": "notes libres",
}  # fmt: skip


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    contacts = sub.add_parser("contacts", help="les contacts")
    csub = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)

    p = csub.add_parser("list", parents=[common], help="liste les contacts")
    p.add_argument(
        "--search", default="", help="texte recherché (nom, société, ville, CP, téléphone, e-mail, référence)"
    )
    p.add_argument(
        "--to-check",
        action="store_true",
        help="seulement les contacts « à vérifier » (doutes laissés par un import)",
    )
    p.set_defaults(handler=run_list)

    p = csub.add_parser("show", parents=[common], help="affiche un contact et son historique")
    p.add_argument("ref", help="référence du contact (C-000123)")
    p.set_defaults(handler=run_show)

    p = csub.add_parser("add", parents=[common], help="ajoute un contact")
    for name, help_text in ADD_FIELDS.items():
        p.add_argument(f"--{name}", default="", help=help_text)
    p.add_argument("--status", choices=["prospect", "customer"], default="prospect",
                   help="prospect (défaut) ou customer (client)")  # fmt: skip
    p.add_argument("--person-kind", choices=["consumer", "professional"], default="consumer",
                   help="consumer : particulier (défaut) ; professional : contact professionnel")  # fmt: skip
    p.add_argument("--tags", default="", help="étiquettes séparées par « ; »")
    p.add_argument("--source-kind", required=True, choices=["direct", "partner", "broker", "public"],
                   help="origine des données (RGPD art. 13/14) : direct (collecte auprès de la personne), "
                        "partner (partenaire), broker (courtier), public (source publique)")  # fmt: skip
    p.add_argument(
        "--source-name", required=True, help="nom de la source (« Comptoir du magasin », « Salon 2026 »…)"
    )
    p.add_argument("--obtained-on", default=None, help="AAAA-MM-JJ (défaut : aujourd'hui)")
    p.set_defaults(handler=run_add)

    p = csub.add_parser(
        "dossier", parents=[common], help="tout ce que la base détient sur la personne (RGPD art. 15 et 20)"
    )
    p.add_argument("ref", help="référence du contact (C-000123)")
    p.add_argument("out", help="fichier à écrire : .pdf (lisible), .json (portabilité) ou .xlsx")
    p.set_defaults(handler=run_dossier)

    p = csub.add_parser("delete", parents=[common], help="supprime un contact")
    p.add_argument(
        "ref", help="référence du contact (C-000123) ; un contact avec un historique se fait effacer"
    )
    p.set_defaults(handler=run_delete)


def run_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    warn_search_limit(args.search)

    def rows() -> Iterator[dict[str, Any]]:
        """The matching contacts read a chunk at a time (1,000,000 of them never sit in memory at once)."""
        with ctx.session() as session:
            for contact in stream_contacts(session, args.search, args.to_check):
                yield contact_to_dict(contact)

    def text() -> str:
        lines = [
            f"{r['ref']}  {(r['civility'] + ' ' + r['first_name'] + ' ' + r['last_name']).strip():<32} "
            f"{r['company'][:24]:<24} {r['postcode']:<6} {r['city'][:24]:<24} {phone_display(r['mobile'] or r['phone'])}"
            + ("  [à vérifier : " + " ; ".join(r["to_check_reasons"]) + "]" if r["to_check"] else "")
            for r in rows()
        ]
        return "\n".join([*lines, f"{len(lines)} contact(s)"])

    return Result(Stream(rows), text)


def warn_search_limit(text: str) -> None:
    """On stderr (stdout stays the list or the JSON): only the first words of a long search were used."""
    notice = search_limit_notice(text)
    if notice:
        sys.stderr.write(notice + "\n")


def run_show(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        contact = get_by_ref(session, args.ref)
        data = contact_to_dict(contact)
        data["history"] = [e.to_dict() for e in contact_history(session, contact)]

    def text() -> str:
        out = [f"{data['ref']}  {data['civility']} {data['first_name']} {data['last_name']}".rstrip()]
        if data["company"]:
            out.append(data["company"])
        out += data["address_lines"]
        out.append(f"{data['postcode']} {data['city']} {data['cedex']}".strip())
        if data["country"] != "FR":
            out.append(data["country_name"].upper())
        for label, key in (("Tél.", "phone"), ("Portable", "mobile")):
            if data[key]:
                out.append(f"{label} : {phone_display(data[key])}")
        if data["email"]:
            out.append(f"E-mail : {data['email']}")
        kind = SOURCE_KIND_LABELS.get(data["source_kind"], data["source_kind"]).lower()
        obtained = date.fromisoformat(data["source_date"]).strftime("%d/%m/%Y") if data["source_date"] else ""
        out.append(f"Source : {data['source_name']} ({kind}, {obtained})")
        out.append("Historique :")
        out += [
            f"  {wall_time(datetime.fromisoformat(e['when'])):%d/%m/%Y}  {e['text']}" for e in data["history"]
        ]
        return "\n".join(out)

    return Result(data, text)


def run_add(ctx: CliContext, args: argparse.Namespace) -> Result:
    data = ContactInput(
        civility=args.civility, first_name=args.first_name, last_name=args.last_name, company=args.company,
        address_complement=args.complement, address_building=args.building, address_street=args.street,
        address_extra=args.extra, postcode=args.postcode, city=args.city, cedex=args.cedex,
        country=args.country or "FR", phone=args.phone, mobile=args.mobile, email=args.email,
        status=args.status, person_kind=args.person_kind, notes=args.notes,
        tags=[t for t in args.tags.split(";") if t.strip()],
        source_kind=args.source_kind, source_name=args.source_name,
        source_date=parse_date(args.obtained_on) if args.obtained_on else ctx.today(),
    )  # fmt: skip
    with ctx.session() as session:
        contact, warnings = create_contact(session, data)
        result = contact_to_dict(contact)
    result["warnings"] = warnings
    text = "\n".join([f"Contact créé : {result['ref']}", *(f"Attention : {w}" for w in warnings)])
    return Result(result, text)


def run_dossier(ctx: CliContext, args: argparse.Namespace) -> Result:
    out = Path(args.out)
    with ctx.session() as session:
        contact = get_by_ref(session, args.ref)
        dossier = build_dossier(session, contact.id)
        write_dossier(out, dossier)
        counts = {s.key: len(s.rows) for s in dossier.sections}
    return Result(
        {"ref": dossier.ref, "file": str(out), "sections": counts}, f"Dossier de {dossier.ref} : {out}"
    )


def run_delete(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        ref = delete_contact(session, get_by_ref(session, args.ref).id)
    return Result({"deleted": ref}, f"Contact supprimé : {ref}")
