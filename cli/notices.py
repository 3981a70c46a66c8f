"""`notices owed [--overdue]`: who is still owed the notice for data obtained from others (art. 14)."""

from __future__ import annotations

import argparse

from cli.context import CliContext, Result
from services.compliance.notices_owed import notices_owed


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("notices", help="les informations dues aux personnes (RGPD art. 14)")
    nsub = p.add_subparsers(dest="notices_command", metavar="ACTION", required=True)
    o = nsub.add_parser(
        "owed", parents=[common],
        help="qui doit encore recevoir l'information sur ses données obtenues d'un tiers, et pour quand",
    )  # fmt: skip
    o.add_argument("--overdue", action="store_true", help="seulement celles en retard")
    o.set_defaults(handler=run_owed)


def run_owed(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        owed = notices_owed(session, overdue_only=args.overdue)
    rows = [n.to_dict() for n in owed]

    def text() -> str:
        lines = [
            f"{n.ref}  due le {n.due:%d/%m/%Y}{'  EN RETARD' if n.overdue else ''}  — {n.reason} ({n.source})"
            for n in owed
        ]
        late = sum(n.overdue for n in owed)
        return "\n".join([*lines, f"{len(owed)} information(s) due(s), dont {late} en retard"])

    return Result(rows, text)
