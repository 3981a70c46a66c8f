"""`requests add|list|extend|answer`: requests from data subjects and their deadlines."""

from __future__ import annotations

import argparse
from datetime import date

from cli.contacts import parse_date
from cli.context import CliContext, Result
from models.requests import REQUEST_KINDS, REQUEST_OUTCOMES
from services.compliance.requests import (
    CHANNELS,
    KIND_LABELS,
    STATUS_LABELS,
    add_request,
    answer_request,
    extend_request,
    list_requests,
    view,
)
from services.contacts.lookup import get_by_ref


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("requests", help="demandes des personnes (accès, effacement…) et leurs délais")
    rsub = p.add_subparsers(dest="requests_command", metavar="ACTION", required=True)

    a = rsub.add_parser("add", parents=[common], help="enregistre une demande reçue")
    a.add_argument("--kind", required=True, choices=REQUEST_KINDS)
    a.add_argument("--contact", help="référence du contact concerné (C-000123)")
    a.add_argument("--name", default="", help="nom de la personne (si elle n'est pas dans la base)")
    a.add_argument("--received-on", default=None, help="AAAA-MM-JJ (défaut : aujourd'hui)")
    a.add_argument("--channel", choices=CHANNELS, default="letter")
    a.add_argument("--details", default="")
    a.set_defaults(handler=run_add)

    ls = rsub.add_parser("list", parents=[common], help="les demandes, les plus urgentes d'abord")
    ls.add_argument("--status", choices=sorted(STATUS_LABELS))
    ls.set_defaults(handler=run_list)

    e = rsub.add_parser("extend", parents=[common], help="prolonge de deux mois (personne informée)")
    e.add_argument("id", type=int)
    e.add_argument("--reason", required=True)
    e.add_argument("--on", default=None, help="date où la personne a été informée (AAAA-MM-JJ)")
    e.set_defaults(handler=run_extend)

    r = rsub.add_parser("answer", parents=[common], help="enregistre la réponse")
    r.add_argument("id", type=int)
    r.add_argument("--outcome", required=True, choices=REQUEST_OUTCOMES)
    r.add_argument("--text", default="", help="texte de la réponse (obligatoire pour un refus)")
    r.add_argument("--on", default=None, help="AAAA-MM-JJ (défaut : aujourd'hui)")
    r.set_defaults(handler=run_answer)


def _day(text: str | None) -> date:
    return parse_date(text) if text else date.today()


def run_add(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        contact_id = get_by_ref(session, args.contact).id if args.contact else None
        r = add_request(
            session, kind=args.kind, requester=args.name, received_on=_day(args.received_on),
            contact_id=contact_id, channel=args.channel, details=args.details,
        )  # fmt: skip
        v = view(r, date.today())
    return Result(
        v.to_dict(), f"Demande n° {v.id} ({KIND_LABELS[v.kind]}) : réponse due le {v.due_on:%d/%m/%Y}."
    )


def run_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        views = list_requests(session, args.status or "")
    lines = [
        f"n° {v.id:<4} {STATUS_LABELS[v.status]:<10} {KIND_LABELS[v.kind]:<14} {v.requester[:30]:<30} "
        f"reçue {v.received_on:%d/%m/%Y}  due {v.due_on:%d/%m/%Y}"
        for v in views
    ]
    return Result([v.to_dict() for v in views], "\n".join([*lines, f"{len(views)} demande(s)"]))


def run_extend(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        v = view(extend_request(session, args.id, args.reason, _day(args.on)), date.today())
    return Result(v.to_dict(), f"Demande n° {v.id} prolongée : réponse due le {v.due_on:%d/%m/%Y}.")


def run_answer(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        v = view(answer_request(session, args.id, args.outcome, _day(args.on), args.text), date.today())
    return Result(v.to_dict(), f"Demande n° {v.id} : réponse enregistrée.")
