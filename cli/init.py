"""`init [--demo N]`: create or upgrade the base, optionally with demo contacts."""

from __future__ import annotations

import argparse

from cli.context import CliContext, Result
from models.database import damaged_error, describe_url
from services.contacts.demo import fill_demo_base
from services.contacts.search import count_contacts
from services.core.demo_base import is_demo
from services.core.errors import InputError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="crée ou met à jour la base")
    p.add_argument(
        "--demo", type=int, metavar="N",
        help="ajoute N contacts de démonstration (refusé dans une base qui tient une identité ou des contacts réels)",
    )  # fmt: skip
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
            added = fill_demo_base(session, args.demo)
    with ctx.session() as session:
        total = count_contacts(session)
        demo = is_demo(session)
    where = describe_url(db.url)
    data = {
        "database": where, "revision": db.current_revision(), "demo_added": added, "contacts": total, "demo": demo,
    }  # fmt: skip
    text = f"Base prête : {where}\n{total} contact(s)" + (
        f", dont {added} de démonstration ajoutés." if added else "."
    )
    if demo:
        text += "\nBase de démonstration : ses PDF portent la mention « DÉMONSTRATION »."
    return Result(data, text)
