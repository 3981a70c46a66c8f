"""`export register consents|oppositions|transmissions|propagation|... OUT.xlsx` (hooked into `export`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.contacts import parse_date
from cli.context import CliContext, Result
from services.compliance.registers import REGISTER_LABELS, REGISTERS, export_register


def register_export_register(esub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = esub.add_parser("register", parents=[common], help="exporte un registre en .xlsx")
    # Every register known when the parser is built (the phone campaigns add "calls").
    p.add_argument("name", choices=sorted(REGISTERS), help="le registre")
    p.add_argument("out", help="fichier .xlsx à écrire")
    p.add_argument(
        "--from", dest="start", type=parse_date, help="registre audit : à partir de ce jour AAAA-MM-JJ"
    )
    p.add_argument(
        "--to", dest="end", type=parse_date, help="registre audit : jusqu'à ce jour inclus AAAA-MM-JJ"
    )
    p.set_defaults(handler=run_export_register)


def run_export_register(ctx: CliContext, args: argparse.Namespace) -> Result:
    out = Path(args.out)
    with ctx.session() as session:
        rows = export_register(session, args.name, out, start=args.start, end=args.end)
    label = REGISTER_LABELS.get(args.name, args.name)
    return Result(
        {"register": args.name, "rows": rows, "file": str(out)}, f"{label} : {rows} ligne(s) → {out}"
    )
