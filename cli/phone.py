"""`campaign phone`, `call log|check|import`, `contract add|list` (`export register calls`: cli/registers.py).

`--at` is the business's own local time (setting business.timezone, Europe/Paris by default); the
rules are applied in each callee's zone. Without --at: now.
"""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from cli.contacts import parse_date
from cli.context import CliContext, Result
from services.contacts.lookup import get_by_ref
from services.contacts.selection import Selection
from services.core.clock import business_zone
from services.core.errors import InputError
from services.core.settings import get_setting
from services.phone.call_centre import import_results, write_call_list
from services.phone.call_log import OUTCOME_LABELS, get_campaign, log_call
from services.phone.campaign import decide_campaign, open_phone_campaign, subject_warning
from services.phone.contracts import add_contract, contract_to_dict, contracts_of
from services.phone.decision import decide_one, decision_to_dict
from services.phone.eligibility import SUBJECT_CATEGORIES
from services.phone.scripts import first_call_notice

OUTCOMES = list(OUTCOME_LABELS)


def parse_at(session: Session, text: str | None) -> datetime:
    """--at "YYYY-MM-DD HH:MM" in the business's zone (aware); None: now."""
    if not text:
        return datetime.now(UTC)
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=ZoneInfo(business_zone(session)))
        except ValueError:
            continue
    raise InputError(f'Moment invalide « {text} » : attendu "AAAA-MM-JJ HH:MM".')


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    call = sub.add_parser("call", help="appels de prospection : vérifier, enregistrer, importer")
    csub = call.add_subparsers(dest="call_command", metavar="ACTION", required=True)

    p = csub.add_parser("check", parents=[common], help="peut-on appeler ce contact à ce moment ?")
    p.add_argument("--contact", required=True, help="référence du contact (C-000123)")
    p.add_argument("--at", help='"AAAA-MM-JJ HH:MM", heure de l\'entreprise (défaut : maintenant)')
    p.add_argument("--campaign", help="campagne téléphonique (son objet compte)")
    p.set_defaults(handler=run_check)

    p = csub.add_parser("log", parents=[common], help="enregistre le résultat d'un appel")
    p.add_argument("--contact", required=True, help="référence du contact (C-000123)")
    p.add_argument(
        "--outcome",
        required=True,
        choices=OUTCOMES,
        help="résultat : no-answer (pas de réponse), busy (occupé), callback (à rappeler), interested, not-interested, do-not-call (ne plus appeler), wrong-number (faux numéro)",
    )
    p.add_argument("--at", help='"AAAA-MM-JJ HH:MM", heure de l\'entreprise (défaut : maintenant)')
    p.add_argument("--campaign", help="numéro de la campagne d'appels")
    p.add_argument("--callback-at", help='pour « callback » : "AAAA-MM-JJ HH:MM", heure de l\'entreprise')
    p.add_argument("--caller", default=None, help="qui a appelé (défaut : l'utilisateur du système)")
    p.add_argument("--note", default="", help="note libre")
    p.set_defaults(handler=run_log)

    p = csub.add_parser(
        "import", parents=[common], help="importe le fichier de résultats d'un centre d'appels"
    )
    p.add_argument("file", type=Path, help="le fichier de résultats du centre d'appels (.xlsx ou .csv)")
    p.add_argument("--campaign", help="numéro de la campagne d'appels")
    p.set_defaults(handler=run_import)

    contract = sub.add_parser(
        "contract", help="contrats en cours avec un contact (exception au consentement)"
    )
    ksub = contract.add_subparsers(dest="contract_command", metavar="ACTION", required=True)
    p = ksub.add_parser("add", parents=[common], help="enregistre un contrat sur un contact")
    p.add_argument("--contact", required=True, help="référence du contact (C-000123)")
    p.add_argument("--subject", required=True, help="objet du contrat (ex. « entretien chaudière »)")
    p.add_argument("--start", required=True, help="AAAA-MM-JJ")
    p.add_argument("--end", help="AAAA-MM-JJ (sans : en cours)")
    p.add_argument("--note", default="", help="note libre")
    p.set_defaults(handler=run_contract_add)
    p = ksub.add_parser("list", parents=[common], help="les contrats d'un contact")
    p.add_argument("--contact", required=True, help="référence du contact (C-000123)")
    p.set_defaults(handler=run_contract_list)


def register_campaign_phone(csub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = csub.add_parser("phone", parents=[common], help="campagne téléphonique : qui appeler, quand")
    p.add_argument("--name", required=True, help="nom de la campagne (une campagne existante est reprise)")
    p.add_argument(
        "--subject", help="objet des appels (un objet de contrat ouvre l'exception du contrat en cours)"
    )
    p.add_argument(
        "--subject-category", required=True, choices=list(SUBJECT_CATEGORIES),
        help="catégorie de l'objet : energy (rénovation énergétique), home-adaptation (adaptation du "
        "logement), cpf (formation CPF) — interdites hors contrat en cours — ou other",
    )  # fmt: skip
    p.add_argument(
        "--confirm-category", action="store_true",
        help="confirme « other » quand les mots de l'objet évoquent une catégorie interdite",
    )  # fmt: skip
    p.add_argument("--purpose", help="finalité")
    p.add_argument("--search", default=None, help="texte recherché (la sélection)")
    p.add_argument("--at", help='"AAAA-MM-JJ HH:MM", heure de l\'entreprise (défaut : maintenant)')
    p.add_argument("--out", required=True, type=Path, help="liste d'appels .xlsx (pour un centre d'appels)")
    p.set_defaults(handler=run_campaign_phone)


# --- handlers -----------------------------------------------------------------------------------


def run_check(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        now = parse_at(session, args.at)
        contact = get_by_ref(session, args.contact)
        campaign = get_campaign(session, args.campaign) if args.campaign else None
        subject, category = (campaign.subject, campaign.subject_category) if campaign else ("", "other")
        decision = decide_one(session, contact.id, subject, now, category)
        data = decision_to_dict(decision, business_zone(session))
        data["message"] = decision.message(now)
        data["contact"] = contact.ref
        data["first_call_notice"] = first_call_notice(session, contact) or None  # docs/rules.md §3.2
    return Result(data, data["message"])


def run_log(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        now = parse_at(session, args.at)
        if now > datetime.now(UTC) + timedelta(minutes=5):
            raise InputError("Un appel ne s'enregistre qu'une fois passé : --at est dans le futur.")
        contact = get_by_ref(session, args.contact)
        campaign = get_campaign(session, args.campaign) if args.campaign else None
        callback = parse_at(session, args.callback_at) if args.callback_at else None
        if args.outcome != "callback" and callback is not None:
            raise InputError("--callback-at ne sert qu'avec --outcome callback.")
        caller = args.caller if args.caller is not None else _who()
        logged = log_call(session, contact.id, args.outcome, now, caller=caller, campaign=campaign,
                          callback_at=callback, note=args.note)  # fmt: skip
        data = {
            "logged": True,
            "id": logged.entry.id,
            "contact": contact.ref,
            "outcome": args.outcome,
            "at": now.astimezone(ZoneInfo(business_zone(session))).strftime("%Y-%m-%dT%H:%M"),
            "basis": logged.entry.basis,
            "consent_id": logged.entry.consent_record_id,
            "contract_id": logged.entry.contract_id,
            "opposition_id": logged.opposition_id,
            "cleared_number": logged.cleared_number or None,
        }
    text = f"Appel enregistré pour {data['contact']} : {OUTCOME_LABELS[args.outcome]}."
    if logged.opposition_id:
        text += " Opposition enregistrée : plus aucun appel."
    if logged.cleared_number:
        text += " Numéro retiré de la fiche."
    return Result(data, text)


def run_import(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        campaign = get_campaign(session, args.campaign) if args.campaign else None
        report = import_results(session, args.file, campaign)
        data = report.to_dict()
    lines = [f"{report.imported} appel(s) importé(s), {report.duplicates} déjà présent(s)."]
    lines += [f"Ligne {n} refusée : {r}" for n, r in report.refused]
    lines += [f"Ligne {n} hors règles (enregistrée) : {r}" for n, r in report.breaches]
    return Result(data, "\n".join(lines))


def run_contract_add(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        contact = get_by_ref(session, args.contact)
        contract = add_contract(
            session, contact.id, args.subject, parse_date(args.start),
            parse_date(args.end) if args.end else None, args.note, _who(),
        )  # fmt: skip
        data = contract_to_dict(contract)
    return Result(data, f"Contrat n° {data['id']} enregistré pour {data['contact']} : {data['subject']}.")


def run_contract_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        contact = get_by_ref(session, args.contact)
        rows = [contract_to_dict(c) for c in contracts_of(session, contact.id)]
    lines = [f"n° {r['id']}  {r['subject']}  du {r['start']} au {r['end'] or '(en cours)'}" for r in rows]
    return Result(rows, "\n".join([*lines, f"{len(rows)} contrat(s)"]))


def run_campaign_phone(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        now = parse_at(session, args.at)
        selection = Selection(search=args.search) if args.search is not None else None
        today = now.astimezone(ZoneInfo(business_zone(session))).date()
        campaign = open_phone_campaign(session, args.name, subject=args.subject, purpose=args.purpose,
                                       selection=selection, created_by=_who(), today=today,
                                       subject_category=args.subject_category,
                                       confirm_category=args.confirm_category)  # fmt: skip
        result = decide_campaign(session, campaign, now)
        written = write_call_list(session, args.out, result, str(get_setting(session, "org.name")))
        data = result.summary()
        warning = subject_warning(campaign.subject, campaign.subject_category)
    data.update(
        {
            "campaign": campaign.name,
            "subject": campaign.subject,
            "subject_category": campaign.subject_category,
            "out": str(args.out),
            "rows": written,
        }
    )
    if warning:
        data["warning"] = warning
    lines = [
        f"Campagne « {campaign.name} » : {data['callable']} à appeler maintenant, {data['later']} plus tard.",
        *(f"  exclus — {data['excluded_labels'][code]} : {n}" for code, n in data["excluded"].items()),
        f"Liste d'appels : {args.out} ({written} ligne(s)).",
    ]
    if warning:
        lines.insert(0, warning)
    return Result(data, "\n".join(lines))
