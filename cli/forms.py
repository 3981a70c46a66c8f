"""`forms add|list|print` and `consent record`: collection forms and what each person chose."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cli.contacts import parse_date
from cli.context import CliContext, Result
from models.compliance import FORM_CHANNELS
from services.compliance.consents import record_consent, version_box_keys
from services.compliance.forms import create_form, get_version, list_versions, organisation_warnings
from services.compliance.printed_forms import write_form_pdf
from services.contacts.lookup import get_by_ref
from services.core.clock import business_tz
from services.core.errors import InputError
from services.core.moments import day_in, iso_utc, noon_of, now
from services.core.settings import get_settings
from services.core.users import current_user


def parse_int(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{what} invalide « {text} » : attendu un nombre.") from None


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    forms = sub.add_parser("forms", help="les formulaires de collecte et leurs versions")
    fsub = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)

    p = fsub.add_parser("add", parents=[common], help="crée un formulaire et sa première version")
    p.add_argument("--name", required=True, help="nom du formulaire (« Bon de garantie », « Jeu-concours »…)")
    p.add_argument(
        "--channel",
        required=True,
        choices=list(FORM_CHANNELS),
        help="où il est rempli : paper (papier), web, phone (téléphone), counter (comptoir), event (salon)",
    )
    p.add_argument("--purpose", required=True, help="finalité de la collecte")
    p.add_argument("--partner-categories", default="", help="catégories de partenaires séparées par « ; »")
    p.set_defaults(handler=run_add)

    p = fsub.add_parser("list", parents=[common], help="liste les formulaires et leurs versions")
    p.set_defaults(handler=run_list)

    p = fsub.add_parser("print", parents=[common], help="imprime une version en PDF A4")
    p.add_argument("version", help="numéro de la version (id)")
    p.add_argument("out", help="fichier PDF à écrire")
    p.add_argument("--contact", help="référence du contact à imprimer sur le formulaire (C-000123)")
    p.set_defaults(handler=run_print)

    consent = sub.add_parser("consent", help="les choix des personnes")
    csub = consent.add_subparsers(dest="consent_command", metavar="ACTION", required=True)
    p = csub.add_parser("record", parents=[common], help="enregistre un formulaire rempli")
    p.add_argument("--contact", required=True, help="référence du contact (C-000123)")
    p.add_argument("--form", required=True, help="numéro de la version du formulaire")
    for flag in ("refuse-post", "refuse-phone", "accept-phone", "refuse-partners"):
        p.add_argument(f"--{flag}", action="store_true", help="case cochée")
    p.add_argument("--accept-partner", action="append", default=[], metavar="CATEGORIE",
                   help="case « appels des partenaires » cochée pour cette catégorie (répétable)")  # fmt: skip
    p.add_argument("--on", help="date du choix AAAA-MM-JJ (défaut : maintenant)")
    p.add_argument("--channel", help="canal (défaut : celui du formulaire)")
    p.add_argument("--proof", default="", help="preuve : une note")
    p.add_argument(
        "--proof-file", help="preuve : scan ou photo du formulaire signé (copié dans l'application)"
    )
    p.add_argument("--web-id", help="preuve : identifiant de la soumission du formulaire web")
    p.set_defaults(handler=run_consent)


def run_add(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        v = create_form(session, args.name, args.channel, args.purpose, args.partner_categories)
        data = {"form": v.form_id, "version": v.id, "number": v.number, "name": v.form.name,
                "warnings": organisation_warnings(get_settings(session, "organisation"))}  # fmt: skip
    text = "\n".join([f"Formulaire n° {data['form']} créé : version n° {data['version']}",
                      *(f"Attention : {w}" for w in data["warnings"])])  # fmt: skip
    return Result(data, text)


def run_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        rows = [r.to_dict() for r in list_versions(session)]

    def text() -> str:
        lines = [
            f"v{r['version']:<5} {r['name'][:30]:<30} n°{r['number']:<3} {r['channel']:<8} "
            f"{'utilisée' if r['used'] else 'modifiable':<10} {', '.join(r['partner_categories'])}"
            for r in rows
        ]
        return "\n".join([*lines, f"{len(rows)} version(s)"])

    return Result(rows, text)


def run_print(ctx: CliContext, args: argparse.Namespace) -> Result:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise InputError("Le fichier à écrire doit se terminer par .pdf.")
    with ctx.session() as session:
        version = get_version(session, parse_int(args.version, "Numéro de version"))
        contact = get_by_ref(session, args.contact) if args.contact else None
        write_form_pdf(out, version, get_settings(session, "organisation"), contact)
    return Result({"version": version.id, "file": str(out)}, f"Formulaire imprimé : {out}")


def _recorded_on(on: str | None, tz: ZoneInfo) -> datetime:
    """Now, or the day given (noon in the business's zone); today's date means now."""
    moment = now().replace(microsecond=0)
    if not on:
        return moment
    day = parse_date(on)
    return moment if day == day_in(moment, tz) else noon_of(day, tz)


def run_consent(ctx: CliContext, args: argparse.Namespace) -> Result:
    proofs = [x for x in (args.proof_file, args.web_id) if x]
    if len(proofs) > 1:
        raise InputError(
            "Une seule preuve à la fois : --proof-file ou --web-id (avec éventuellement --proof)."
        )
    proof_kind, proof = ("file", args.proof_file) if args.proof_file else (
        ("web_id", args.web_id) if args.web_id else ("note", args.proof)
    )  # fmt: skip
    with ctx.session() as session:
        contact = get_by_ref(session, args.contact)
        version = get_version(session, parse_int(args.form, "Numéro de version"))
        keys = set(version_box_keys(version))

        def answer(key: str, ticked: bool) -> bool | None:
            # A box printed on the form and left blank is an answer too ("no"); a box not printed is None.
            return ticked if key in keys or ticked else None

        record = record_consent(
            session, contact.id, version.id,
            refuse_post=answer("refuse_post", args.refuse_post),
            refuse_phone=answer("refuse_phone", args.refuse_phone),
            refuse_partners=answer("refuse_partners", args.refuse_partners),
            accept_phone=answer("accept_phone", args.accept_phone),
            accepted_partner_categories=args.accept_partner,
            recorded_on=_recorded_on(args.on, business_tz(session)), channel=args.channel or version.form.channel,
            recorded_by=current_user(), proof_kind=proof_kind, proof=proof or "",
        )  # fmt: skip
        data = {
            "consent": record.id,
            "contact": contact.ref,
            "form_version": version.id,
            "recorded_on": iso_utc(record.recorded_on),
            "accepted_partner_categories": sorted(args.accept_partner),
        }
    return Result(data, f"Choix enregistrés pour {data['contact']} (consentement n° {data['consent']})")
