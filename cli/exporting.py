"""`export contacts OUT.xlsx|OUT.csv [--search TEXT]`: added to `export` through EXPORT_HOOKS."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.contacts import warn_search_limit
from cli.context import CliContext, Result
from cli.streams import STDIO, TerminalProgress, file_to_stdout, temporary_folder
from services.contacts.selection import Selection
from services.core.errors import InputError


def register_export_contacts(esub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = esub.add_parser("contacts", parents=[common], help="exporte les contacts en .xlsx ou .csv")
    p.add_argument("out", metavar="FICHIER",
                   help="fichier à écrire : .xlsx ou .csv (UTF-8, « ; ») ; « - » écrit le .csv sur la sortie standard")  # fmt: skip
    p.add_argument("--search", default="", help="seulement les contacts qui correspondent à ce texte")
    p.set_defaults(handler=run_export_contacts)


def run_export_contacts(ctx: CliContext, args: argparse.Namespace) -> Result:
    from services.contacts.exporting import export_contacts

    if args.out == STDIO:
        if getattr(args, "json", False):
            raise InputError(
                "« - » envoie le fichier sur la sortie standard : --json ne peut pas s'y ajouter."
            )
        with temporary_folder() as folder:
            out = Path(folder) / "contacts.csv"
            with ctx.session() as session, TerminalProgress("Export des contacts…") as progress:
                export_contacts(session, out, Selection(search=args.search), progress)
            file_to_stdout(out)
        return Result(None)
    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise InputError(f"Format d'export non pris en charge « {out.suffix or out.name} » : .xlsx ou .csv.")
    with ctx.session() as session, TerminalProgress("Export des contacts…") as progress:
        count = export_contacts(session, out, Selection(search=args.search), progress)
    warn_search_limit(args.search)
    return Result({"file": str(out), "contacts": count}, f"{count} contact(s) exporté(s) dans {out}")
