"""`init [--demo N]`: create or upgrade the base, optionally with demo contacts."""

from __future__ import annotations

import argparse

from cli.context import CliContext, Result
from models.database import damaged_error, describe_url
from services.contacts.demo import add_demo_contacts, add_demo_organisation
from services.contacts.search import count_contacts
from services.core.errors import InputError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="crée ou met à jour la base")
    p.add_argument("--demo", type=int, metavar="N", help="ajoute N contacts de démonstration")
    p.set_defaults(handler=run_init)


def run_init(ctx: CliContext, args: argparse.Namespace) -> Result:
    if args.demo is not None and not 0 <= args.demo <= 1_000_000:
        raise InputError("--demo : un nombre entre 0 et 1 000 000.")
    db = ctx.db  # opening the base creates or migrates it
    if db.damaged:  # readable still, but never « prête »: the way out is a backup
        raise damaged_error(db.url)
    added = 0
    with ctx.session() as session:
        if args.demo:
            added = add_demo_contacts(session, args.demo)
            add_demo_organisation(session)
    with ctx.session() as session:
        total = count_contacts(session)
    where = describe_url(db.url)
    data = {"database": where, "revision": db.current_revision(), "demo_added": added, "contacts": total}
    text = f"Base prête : {where}\n{total} contact(s)" + (
        f", dont {added} de démonstration ajoutés." if added else "."
    )
    return Result(data, text)
