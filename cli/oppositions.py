"""`oppose`, `erase` and `propagation list|send|ack|receive`: objections and the notices they owe."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.contacts import parse_date
from cli.context import CliContext, Result
from cli.forms import parse_int
from models.compliance import OPPOSITION_CHANNELS, OPPOSITION_SCOPES
from models.contact import format_ref
from models.partners import Partner
from services.compliance.erasure import erase_contact
from services.compliance.opposition_correction import correct_opposition
from services.compliance.oppositions import record_opposition
from services.contacts.lookup import get_by_ref
from services.core.errors import InputError
from services.core.moments import now
from services.core.users import current_user
from services.partners.directory import partner_by_name
from services.partners.notices import STATUS_LABELS, acknowledge, list_notices
from services.partners.phone_consents import notices_for_ended_phone_consents
from services.partners.receiving import read_identifier_file, record_partner_objections
from services.partners.sending import send_to_partner


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("oppose", parents=[common], help="enregistre une opposition")
    p.add_argument("--contact", required=True, help="référence du contact (C-000123)")
    p.add_argument(
        "--scope",
        required=True,
        choices=list(OPPOSITION_SCOPES),
        help="ce à quoi la personne s'oppose : all (toute prospection), post (courrier), phone (téléphone), partners (transmission aux partenaires)",
    )
    p.add_argument(
        "--channel",
        required=True,
        choices=list(OPPOSITION_CHANNELS),
        help="comment elle est arrivée : letter (lettre), slip (coupon), phone, email, in-person (en personne), partner (notifiée par un partenaire)",
    )
    p.add_argument("--on", help="date de réception AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument("--partner", help="partenaire qui nous a notifié l'opposition (canal partner)")
    p.add_argument("--note", default="", help="note libre (ce que la personne a dit ou écrit)")
    p.set_defaults(handler=run_oppose)

    p = sub.add_parser(
        "correct-opposition",
        parents=[common],
        help="corrige, le jour même, une opposition saisie sur la mauvaise personne",
    )
    p.add_argument("id", help="numéro de l'opposition saisie par erreur")
    p.add_argument("--reason", required=True, help="motif (par exemple « référence mal scannée »)")
    p.add_argument(
        "--move-to",
        metavar="RÉF",
        help="référence de la personne qui s'est réellement opposée (sinon : annulée)",
    )
    p.set_defaults(handler=run_correct)

    p = sub.add_parser(
        "erase", parents=[common], help="efface (anonymise) un contact et prévient les partenaires"
    )
    p.add_argument("--contact", required=True, help="référence du contact (C-000123)")
    p.set_defaults(handler=run_erase)

    prop = sub.add_parser("propagation", help="les notifications dues aux partenaires")
    psub = prop.add_subparsers(dest="propagation_command", metavar="ACTION", required=True)
    p = psub.add_parser("list", parents=[common], help="liste les notifications")
    p.add_argument(
        "--status",
        default="",
        choices=["pending", "sent", "acknowledged", "overdue", "withdrawn"],
        help="seulement : pending (à envoyer), sent (envoyées), acknowledged (accusé reçu), overdue (en retard), "
        "withdrawn (retirées : erreur de saisie)",
    )
    p.set_defaults(handler=run_list)
    p = psub.add_parser("send", parents=[common], help="écrit la lettre et la liste pour un partenaire")
    p.add_argument("--partner", required=True, help="nom du partenaire")
    p.add_argument("--out", required=True, help="dossier où écrire la lettre (.pdf) et la liste (.xlsx)")
    p.add_argument(
        "--method", default="", help="moyen d'envoi (défaut : e-mail s'il est connu, sinon courrier)"
    )
    p.set_defaults(handler=run_send)
    p = psub.add_parser("ack", parents=[common], help="enregistre l'accusé de réception d'une notification")
    p.add_argument("id", help="numéro de la notification")
    p.add_argument("--on", help="date de l'accusé AAAA-MM-JJ (défaut : aujourd'hui)")
    p.set_defaults(handler=run_ack)
    p = psub.add_parser(
        "receive", parents=[common], help="enregistre la notification d'opposition d'un partenaire"
    )
    p.add_argument("--partner", required=True, help="nom du partenaire")
    p.add_argument("file", help="la liste du partenaire (.xlsx, .ods ou .csv, mêmes colonnes que les nôtres)")
    p.add_argument(
        "--scope",
        default="all",
        choices=list(OPPOSITION_SCOPES),
        help="portée des oppositions reçues (défaut : all, toute prospection)",
    )
    p.add_argument("--on", help="date de réception AAAA-MM-JJ (défaut : aujourd'hui)")
    p.set_defaults(handler=run_receive)


def _notices_json(notices: list, partners: dict[int, str]) -> list[dict[str, str | int]]:
    return [{"id": n.id, "partner": partners[n.partner_id], "due": n.due_on.isoformat()} for n in notices]


def run_oppose(ctx: CliContext, args: argparse.Namespace) -> Result:
    received = parse_date(args.on) if args.on else ctx.today()
    if args.partner and args.channel != "partner":
        raise InputError("--partner ne va qu'avec --channel partner.")
    with ctx.session() as session:
        contact = get_by_ref(session, args.contact)
        from_partner = partner_by_name(session, args.partner).id if args.partner else None
        out = record_opposition(
            session, contact.id, args.scope, args.channel, received, recorded_by=current_user(),
            note=args.note, from_partner_id=from_partner,
        )  # fmt: skip
        names = {p.id: p.name for p in session.query(Partner)}
        data = {
            "contact": contact.ref,
            "opposition": out.opposition.id,
            "notices": _notices_json(out.notices, names),
        }
    lines = [f"Opposition enregistrée pour {data['contact']}."]
    lines += [f"  notification à {n['partner']}, due le {n['due']}" for n in data["notices"]]
    return Result(data, "\n".join(lines))


def run_correct(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        target = get_by_ref(session, args.move_to).id if args.move_to else None
        out = correct_opposition(
            session, parse_int(args.id, "Numéro d'opposition"), args.reason, move_to_contact_id=target,
            by=current_user(),
        )  # fmt: skip
        names = {p.id: p.name for p in session.query(Partner)}
        moved, wrong = out.moved_to, format_ref(out.voided.contact_id)
        withdrawn, corrections = [n.id for n in out.withdrawn], _notices_json(out.corrections, names)
        data = {
            "opposition": out.voided.id,
            "contact": wrong,
            "status": out.kind,
            "moved_to": None if moved is None else {
                "contact": format_ref(moved.contact_id), "opposition": moved.id, "existing": out.moved_to_existing,
                "notices": _notices_json(out.new_notices, names),
            },
            "withdrawn": withdrawn,
            "corrections": corrections,
            "suppression_removed": out.suppression_removed,
        }  # fmt: skip
    if moved is None:
        head = f"Opposition n° {out.voided.id} annulée (erreur de saisie) pour {wrong}."
    else:
        head = (
            f"Opposition n° {out.voided.id} de {wrong} corrigée : reportée sur {format_ref(moved.contact_id)} "
            f"(opposition n° {moved.id}), en vigueur dès maintenant."
        )
    lines = [head]
    if withdrawn:
        lines.append(f"  {len(withdrawn)} notification(s) non envoyée(s) retirée(s)")
    lines += [f"  correction due à {n['partner']} (déjà notifié), due le {n['due']}" for n in corrections]
    return Result(data, "\n".join(lines))


def run_erase(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        contact = get_by_ref(session, args.contact)
        notices = erase_contact(session, contact.id)
        names = {p.id: p.name for p in session.query(Partner)}
        data = {"erased": contact.ref, "notices": _notices_json(notices, names)}
    return Result(data, f"Contact {data['erased']} effacé ; {len(data['notices'])} partenaire(s) à prévenir.")


def run_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        notices_for_ended_phone_consents(session, now())  # docs/rules.md §1.6: owed since they ended
        rows = [v.to_dict() for v in list_notices(session, args.status)]

    def text() -> str:
        lines = [
            f"n°{r['id']:<6} {r['contact']}  {r['partner'][:24]:<24} {r['event']:<13} dû {r['due']}  "
            f"{STATUS_LABELS[r['status']].upper() if r['overdue'] else STATUS_LABELS[r['status']]}"
            for r in rows
        ]
        return "\n".join([*lines, f"{len(rows)} notification(s)"])

    return Result(rows, text)


def run_send(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        partner = partner_by_name(session, args.partner)
        notices_for_ended_phone_consents(session, now())
        data = send_to_partner(session, partner, Path(args.out), method=args.method).to_dict()
    return Result(
        data, f"{data['sent']} notification(s) pour {data['partner']} : {data['letter']} et {data['list']}"
    )


def run_ack(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        n = acknowledge(
            session, parse_int(args.id, "Numéro de notification"), parse_date(args.on) if args.on else None
        )
        data = {"id": n.id, "acknowledged_on": n.acknowledged_on.isoformat() if n.acknowledged_on else None}
    return Result(data, f"Accusé de réception enregistré pour la notification n° {data['id']}.")


def run_receive(ctx: CliContext, args: argparse.Namespace) -> Result:
    received = parse_date(args.on) if args.on else ctx.today()
    rows = read_identifier_file(Path(args.file))
    with ctx.session() as session:
        partner = partner_by_name(session, args.partner)
        result = record_partner_objections(
            session, partner, rows, received, scope=args.scope, recorded_by=current_user()
        )
        names = {p.id: p.name for p in session.query(Partner)}
        data = {
            "matched": [o.opposition.contact_id for o in result.outcomes],
            "unmatched": result.unmatched,
            "notices": [n for o in result.outcomes for n in _notices_json(o.notices, names)],
        }
        data["matched"] = [format_ref(i) for i in data["matched"]]
    return Result(
        data,
        f"{len(data['matched'])} opposition(s) enregistrée(s), {data['unmatched']} personne(s) inconnue(s) "
        f"mise(s) en liste d'opposition, {len(data['notices'])} notification(s) à envoyer.",
    )
