"""`audit verify`: the journal's chain walked and the live rows held against it (docs/rules.md §10.2)."""

from __future__ import annotations

import argparse

from cli.context import CliContext, Result
from services.compliance.audit import verify


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("audit", help="le journal des opérations (traçabilité)")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = asub.add_parser(
        "verify", parents=[common],
        help="vérifie la chaîne du journal et que chaque ligne est telle que son dernier événement l'a laissée "
             "(code de sortie 1 au premier maillon rompu ou à la première ligne modifiée hors de l'application)",
    )  # fmt: skip
    v.set_defaults(handler=run_verify)


def run_verify(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        report = verify(session)
    return Result(report.to_dict(), report.text(), exit_code=0 if report.ok else 1)
