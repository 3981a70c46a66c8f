"""`requests add|list|extend|answer`: requests from data subjects and their deadlines."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from cli.contacts import parse_date
from cli.context import CliContext, Result
from models.compliance import OPPOSITION_SCOPES
from models.requests import REQUEST_KINDS, REQUEST_OUTCOMES
from services.compliance.request_deadlines import CHANNELS, DUE_SOON, KIND_LABELS, STATUS_LABELS
from services.compliance.requests import (
    Identifiers,
    RequestOutcome,
    add_request,
    answer_request,
    extend_request,
    list_requests,
    view,
)
from services.contacts.lookup import get_by_ref
from services.core.errors import InputError
from services.core.users import current_user


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("requests", help="demandes des personnes (accès, effacement…) et leurs délais")
    rsub = p.add_subparsers(dest="requests_command", metavar="ACTION", required=True)

    a = rsub.add_parser("add", parents=[common], help="enregistre une demande reçue")
    a.add_argument(
        "--kind",
        required=True,
        choices=REQUEST_KINDS,
        help="access (accès), rectification, erasure (effacement), restriction (limitation), objection (opposition), portability (portabilité)",
    )
    a.add_argument("--contact", help="référence du contact concerné (C-000123)")
    a.add_argument("--name", default="", help="nom de la personne (si elle n'est pas dans la base)")
    a.add_argument("--received-on", default=None, help="AAAA-MM-JJ (défaut : aujourd'hui)")
    a.add_argument(
        "--channel",
        choices=CHANNELS,
        default="letter",
        help="comment la demande est arrivée (défaut : letter, par lettre)",
    )
    a.add_argument("--details", default="", help="ce que la personne demande, en quelques mots")
    a.add_argument(
        "--scope", choices=OPPOSITION_SCOPES, help="opposition : all, post, phone ou partners (défaut : all)"
    )
    who = a.add_argument_group("personne absente de la base (opposition : mise en liste d'opposition)")
    who.add_argument("--email", default="", help="son e-mail")
    who.add_argument("--phone", default="", help="son téléphone")
    who.add_argument("--last-name", default="", metavar="NOM", help="son nom")
    who.add_argument("--first-name", default="", metavar="PRÉNOM", help="son prénom")
    who.add_argument("--postcode", default="", help="son code postal")
    a.set_defaults(handler=run_add)

    ls = rsub.add_parser("list", parents=[common], help="les demandes, les plus urgentes d'abord")
    ls.add_argument(
        "--status",
        choices=[*sorted(STATUS_LABELS), DUE_SOON],
        help="seulement les demandes dans cet état : answered (répondues), open (en cours), overdue (en retard), "
        "due_soon (en cours, à traiter dans les 7 jours, comme la ligne du tableau de bord)",
    )
    ls.set_defaults(handler=run_list)

    e = rsub.add_parser("extend", parents=[common], help="prolonge de deux mois (personne informée)")
    e.add_argument("id", type=int, help="numéro de la demande")
    e.add_argument(
        "--reason",
        required=True,
        help="les raisons de la prolongation, dites à la personne (RGPD art. 12(3))",
    )
    e.add_argument("--on", default=None, help="date où la personne a été informée (AAAA-MM-JJ)")
    e.set_defaults(handler=run_extend)

    r = rsub.add_parser("answer", parents=[common], help="enregistre la réponse")
    r.add_argument("id", type=int, help="numéro de la demande")
    r.add_argument(
        "--outcome",
        required=True,
        choices=REQUEST_OUTCOMES,
        help="granted (accordée), partial (en partie), refused (refusée, jamais pour une opposition)",
    )
    r.add_argument("--text", default="", help="texte de la réponse (obligatoire pour un refus)")
    r.add_argument("--on", default=None, help="AAAA-MM-JJ (défaut : aujourd'hui)")
    r.add_argument("--fields", default="", help="effacement partiel : les champs effacés, séparés par « ; »")
    r.add_argument(
        "--set", action="append", default=[], metavar="CHAMP=VALEUR",
        help="rectification : la correction à faire (répétable), ex. --set email=jean@exemple.fr",
    )  # fmt: skip
    r.add_argument(
        "--out", default=None, help="accès ou portabilité : dossier où écrire les données de la personne"
    )
    r.set_defaults(handler=run_answer)


def _day(ctx: CliContext, text: str | None) -> date:
    return parse_date(text) if text else ctx.today()


def _result(ctx: CliContext, done: RequestOutcome, text: str) -> Result:
    """The request (its contract shape) with what it did under "acted"."""
    data = {**view(done.request, ctx.today()).to_dict(), "acted": done.acted()}
    lines = [text]
    if done.opposition_id:
        lines.append(f"Opposition n° {done.opposition_id} enregistrée : effective dès maintenant.")
    if done.suppressed:
        lines.append(f"{done.suppressed} identifiant(s) mis en liste d'opposition.")
    if done.erased:
        lines.append("Contact effacé (anonymisé).")
    if done.erased_fields:
        lines.append("Champs effacés : " + ", ".join(done.erased_fields) + ".")
    if done.corrected:
        lines.append("Champs corrigés : " + ", ".join(done.corrected) + ".")
    if done.notices:
        lines.append(f"{len(done.notices)} notification(s) à envoyer aux partenaires.")
    if done.dossier:
        lines.append(f"Dossier de la personne : {done.dossier}")
    return Result(data, "\n".join(lines))


def run_add(ctx: CliContext, args: argparse.Namespace) -> Result:
    ids = Identifiers(args.email, args.phone, args.last_name, args.first_name, args.postcode)
    with ctx.session() as session:
        contact_id = get_by_ref(session, args.contact).id if args.contact else None
        done = add_request(
            session, kind=args.kind, requester=args.name, received_on=_day(ctx, args.received_on),
            contact_id=contact_id, channel=args.channel, details=args.details, scope=args.scope or "",
            identifiers=ids, recorded_by=current_user(),
        )  # fmt: skip
        v = view(done.request, ctx.today())
        return _result(
            ctx, done, f"Demande n° {v.id} ({KIND_LABELS[v.kind]}) : réponse due le {v.due_on:%d/%m/%Y}."
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
        v = view(extend_request(session, args.id, args.reason, _day(ctx, args.on)), ctx.today())
    return Result(v.to_dict(), f"Demande n° {v.id} prolongée : réponse due le {v.due_on:%d/%m/%Y}.")


def _corrections(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--set attend CHAMP=VALEUR, pas « {pair} ».")
        out[key.strip().replace("-", "_")] = value
    return out


def run_answer(ctx: CliContext, args: argparse.Namespace) -> Result:
    fields = [f.strip() for f in args.fields.split(";") if f.strip()]
    with ctx.session() as session:
        done = answer_request(
            session, args.id, args.outcome, _day(ctx, args.on), args.text, fields=fields,
            corrections=_corrections(args.set), out=Path(args.out) if args.out else None,
        )  # fmt: skip
        return _result(ctx, done, f"Demande n° {done.request.id} : réponse enregistrée.")
