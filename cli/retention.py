"""`retention list|apply|answer` (docs/rules.md §6.3, §6.4): the end of the retention term."""

from __future__ import annotations

import argparse

from cli.contacts import parse_date
from cli.context import CliContext, Result
from services.compliance.retention import apply_retention, past_term, record_answer
from services.contacts.lookup import get_by_ref
from services.core.backups import create_backup
from services.core.users import current_user


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("retention", help="la fin de la durée de conservation (RGPD art. 5(1)(e))")
    rsub = p.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    ls = rsub.add_parser(
        "list", parents=[common],
        help="les personnes dont la durée de conservation est dépassée : depuis quand, pourquoi, et si "
             "« retention apply » les anonymise maintenant",
    )  # fmt: skip
    ls.add_argument(
        "--due", action="store_true", help="seulement celles que « retention apply » anonymise maintenant"
    )
    ls.add_argument("--on", type=parse_date, help="à cette date AAAA-MM-JJ (défaut : aujourd'hui)")
    ls.set_defaults(handler=run_list)
    a = rsub.add_parser(
        "apply", parents=[common],
        help="anonymise celles qui n'ont pas répondu oui à la lettre de renouvellement dans le délai, et celles "
             "qu'on ne peut pas interroger (une sauvegarde est faite d'abord)",
    )  # fmt: skip
    a.add_argument("--dry-run", action="store_true", help="montre qui serait anonymisé, sans rien changer")
    a.set_defaults(handler=run_apply)
    r = rsub.add_parser(
        "answer", parents=[common], help="enregistre la réponse à la lettre de renouvellement"
    )
    r.add_argument("ref", help="référence du contact (C-000123)")
    yes_no = r.add_mutually_exclusive_group(required=True)
    yes_no.add_argument(
        "--yes", action="store_true", help="la personne souhaite continuer à recevoir vos offres"
    )
    yes_no.add_argument("--no", action="store_true", help="la personne ne le souhaite plus (opposition)")
    r.add_argument("--on", type=parse_date, help="date de la réponse AAAA-MM-JJ (défaut : aujourd'hui)")
    r.set_defaults(handler=run_answer)


def run_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        found = past_term(session, args.on)
    if args.due:
        found = [p for p in found if p.due]

    def text() -> str:
        lines = [
            f"{p.ref}  {p.name[:30]:<30}  échue le {p.term_ended_on:%d/%m/%Y} ({p.why})  — "
            f"{'À ANONYMISER : ' if p.due else ''}{p.due_reason}"
            for p in found
        ]
        due = sum(p.due for p in found)
        return "\n".join(
            [*lines, f"{len(found)} personne(s) au-delà de la durée de conservation, dont {due} à anonymiser"]
        )

    return Result([p.to_dict() for p in found], text)


def run_apply(ctx: CliContext, args: argparse.Namespace) -> Result:
    backup = None
    if not args.dry_run and ctx.db.sqlite_path is not None:
        backup = create_backup(
            ctx.db, "avant-conservation"
        )  # docs/rules.md §10.3: before every retention run
    with ctx.session() as session:
        outcome = apply_retention(session, dry_run=args.dry_run)
    outcome.backup = str(backup.path) if backup else None

    def text() -> str:
        verb = "seraient anonymisées" if args.dry_run else "anonymisées"
        lines = [f"{p.ref}  {p.name[:30]:<30}  {p.due_reason}" for p in outcome.anonymised]
        lines.append(f"{len(outcome.anonymised)} personne(s) {verb}")
        if backup:
            lines.append(f"Sauvegarde prise avant : {backup.path}")
        return "\n".join(lines)

    return Result(outcome.to_dict(), text)


def run_answer(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        contact = get_by_ref(session, args.ref)
        message = record_answer(session, contact.id, bool(args.yes), args.on, recorded_by=current_user())
        ref = contact.ref
    return Result({"contact": ref, "positive": bool(args.yes)}, message)
