"""`campaign postal ...` and `campaign npai REF`: postal campaigns from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.contacts import parse_date
from cli.context import CliContext, Result
from cli.streams import TerminalProgress
from services.contacts.lookup import get_by_ref
from services.contacts.selection import Selection
from services.postal.campaign import PostalRequest, run_postal_campaign
from services.postal.eligibility import EXCLUSION_LABELS


def register_campaign_postal(csub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = csub.add_parser(
        "postal", parents=[common], help="campagne postale : étiquettes, courriers avec la notice, exclus"
    )
    p.add_argument("--name", required=True, help="nom de la campagne")
    p.add_argument(
        "--template", required=True, help="modèle d'étiquettes (L7160, 3422… : voir `labels templates`)"
    )
    p.add_argument(
        "--start-at", type=int, default=1, help="première étiquette libre de la planche (1 par défaut)"
    )
    p.add_argument("--search", default="", help="texte recherché (nom, ville, code postal, référence…)")
    p.add_argument(
        "--status",
        default="",
        choices=["prospect", "customer"],
        help="seulement les prospects ou les clients (défaut : tous)",
    )
    p.add_argument("--postcode-prefix", default="", help="début du code postal ou département (75, 2A, 971)")
    p.add_argument("--tag", action="append", default=[], help="étiquette exigée (répétable)")
    p.add_argument(
        "--source-kind",
        default="",
        choices=["direct", "partner", "broker", "public"],
        help="seulement les contacts de cette origine (défaut : toutes)",
    )
    p.add_argument("--purpose", default="", help="objet de la campagne (imprimé dans le courrier)")
    p.add_argument("--letter-template", default="", help="modèle de courrier (défaut : le réglage)")
    p.add_argument(
        "--household", action="store_true", help="un courrier par foyer (même adresse et même nom)"
    )
    p.add_argument("--printer", default="", help="imprimante dont le décalage enregistré s'applique")
    p.add_argument(
        "--notice-only", action="store_true",
        help="seulement les personnes à qui l'information sur leurs données obtenues d'un tiers est due "
        "(RGPD art. 14), avec le courrier d'information",
    )  # fmt: skip
    p.add_argument(
        "--reconsent", action="store_true",
        help="seulement les personnes dont la durée de conservation est dépassée, avec la lettre de "
        "renouvellement (voir « retention list »)",
    )  # fmt: skip
    p.add_argument(
        "--set-aside", action="append", default=[], metavar="RÉF",
        help="personne écartée de cette campagne, par exemple après vérification de son adresse (répétable)",
    )  # fmt: skip
    p.add_argument("--on", type=parse_date, help="date du courrier AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument(
        "--out", required=True, type=Path, help="dossier où écrire labels.pdf, letters.pdf, excluded.xlsx"
    )
    p.set_defaults(handler=campaign_postal)

    n = csub.add_parser(
        "npai", parents=[common], help="enregistre un courrier revenu NPAI (n'habite pas à l'adresse)"
    )
    n.add_argument("ref", help="référence du contact (C-000123), lue sur le coupon ou l'étiquette")
    n.add_argument("--on", type=parse_date, help="date du retour AAAA-MM-JJ (défaut : aujourd'hui)")
    n.add_argument("--campaign", type=int, help="numéro de la campagne dont le courrier est revenu")
    n.set_defaults(handler=campaign_npai)


def campaign_postal(ctx: CliContext, args: argparse.Namespace) -> Result:
    req = PostalRequest(
        name=args.name,
        selection=Selection(
            search=args.search,
            status=args.status,
            postcode_prefix=args.postcode_prefix,
            tags=args.tag,
            source_kind=args.source_kind,
        ),
        template_code=args.template,
        start_at=args.start_at,
        purpose=args.purpose,
        letter_template=args.letter_template,
        one_per_household=args.household,
        printer=args.printer,
        notice_only=args.notice_only,
        reconsent=args.reconsent,
        on=args.on,
    )
    if args.set_aside:
        with ctx.session() as session:
            req.set_aside = [get_by_ref(session, ref).id for ref in args.set_aside]

    with ctx.session() as session, TerminalProgress("Campagne…") as progress:
        outcome = run_postal_campaign(session, req, args.out, progress)
    data = outcome.to_json()

    def text() -> str:
        lines = [
            f"Campagne n° {outcome.campaign_id} « {args.name} » : {outcome.recipients} courrier(s) "
            f"pour {outcome.people} personne(s), {outcome.label_pages} planche(s) d'étiquettes, "
            f"{outcome.letter_pages} page(s) de courrier (modèle {outcome.template_version}).",
        ]
        for reason, count in outcome.excluded.items():
            lines.append(f"  exclus — {EXCLUSION_LABELS[reason]} : {count}")
        lines.append(f"Fichiers : {args.out}/labels.pdf, letters.pdf, excluded.xlsx")
        return "\n".join(lines)

    return Result(data, text)


def campaign_npai(ctx: CliContext, args: argparse.Namespace) -> Result:
    from services.postal.returned_mail import record_npai

    with ctx.session() as session:
        contact = record_npai(session, args.ref, args.on or ctx.today(), campaign_id=args.campaign)
        ref, on = contact.ref, contact.npai_on
    return Result(
        {"ref": ref, "npai_on": on.isoformat() if on else None},
        f"{ref} : adresse marquée NPAI le {on:%d/%m/%Y} ; exclue des courriers jusqu'à sa correction.",
    )
