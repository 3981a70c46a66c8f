"""`partners add|list` and `share`: the partners and the files sent to them."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.context import CliContext, Result
from cli.streams import TerminalProgress
from services.contacts.selection import Selection
from services.core.users import current_user
from services.partners.directory import (
    PartnerInput,
    add_partner,
    list_partners,
    partner_by_name,
    partner_to_dict,
)
from services.partners.transmissions import reason_label, share


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    partners = sub.add_parser("partners", help="les partenaires destinataires de contacts")
    psub = partners.add_subparsers(dest="partners_command", metavar="ACTION", required=True)
    p = psub.add_parser("add", parents=[common], help="ajoute un partenaire")
    p.add_argument("--name", required=True, help="nom du partenaire")
    p.add_argument("--category", required=True, help="catégorie nommée par les formulaires")
    p.add_argument("--email", default="", help="e-mail pour les notifications")
    p.add_argument("--address", default="", help="adresse postale pour les notifications")
    p.add_argument("--purpose", default="", help="finalité de la transmission")
    p.add_argument("--agreement", default="", help="référence de la convention")
    p.add_argument(
        "--fields", default="", help="champs transmis séparés par « ; » (défaut : coordonnées postales)"
    )
    p.set_defaults(handler=run_add)
    p = psub.add_parser("list", parents=[common], help="liste les partenaires")
    p.set_defaults(handler=run_list)

    p = sub.add_parser("share", parents=[common], help="transmet une sélection de contacts à un partenaire")
    p.add_argument("--partner", required=True, help="nom du partenaire")
    p.add_argument("--search", default="", help="texte recherché")
    p.add_argument(
        "--status",
        default="",
        choices=["prospect", "customer"],
        help="seulement les prospects ou les clients (défaut : tous)",
    )
    p.add_argument("--out", required=True, help="fichier .xlsx à écrire pour le partenaire")
    p.set_defaults(handler=run_share)


def run_add(ctx: CliContext, args: argparse.Namespace) -> Result:
    fields = [f.strip() for f in args.fields.split(";") if f.strip()] or None
    data = PartnerInput(
        args.name, args.category, args.purpose, args.email, args.address, args.agreement, fields
    )
    with ctx.session() as session:
        partner, warnings = add_partner(session, data)
        result = partner_to_dict(partner)
    result["warnings"] = warnings
    return Result(
        result, "\n".join([f"Partenaire ajouté : {result['name']}", *(f"Attention : {w}" for w in warnings)])
    )


def run_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        rows = [partner_to_dict(p) for p in list_partners(session)]
    return Result(rows, "\n".join(f"{r['name']:<30} {r['category']:<24} {r['email']}" for r in rows))


def run_share(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session, TerminalProgress("Transmission…") as progress:
        partner = partner_by_name(session, args.partner)
        result = share(
            session, partner, Selection(search=args.search, status=args.status), Path(args.out),
            created_by=current_user(), progress=progress,
        )  # fmt: skip
        data = result.to_dict()
    if data["shared"]:
        lines = [f"{data['shared']} contact(s) transmis à {args.partner} : {data['file']}"]
    else:
        lines = [f"Aucun contact ne peut être transmis à {args.partner} : aucun fichier écrit."]
    lines += [f"  exclus, {reason_label(r)} : {n}" for r, n in data["excluded"].items()]
    lines += [
        f"  transmis sans leur numéro, {reason_label(r)} : {n}" for r, n in data["without_phone"].items()
    ]
    if data["checksum"]:
        lines.append(f"Empreinte SHA-256 : {data['checksum']}")
    return Result(data, "\n".join(lines))
