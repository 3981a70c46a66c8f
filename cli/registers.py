"""`export register consents|oppositions|transmissions|propagation|... OUT.xlsx` (hooked into `export`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.contacts import parse_date
from cli.context import CliContext, Result
from services.compliance.registers import REGISTER_LABELS, REGISTERS, export_all_registers, export_register
from services.core.errors import InputError


def register_export_register(esub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = esub.add_parser("register", parents=[common], help="exporte un registre en .xlsx")
    # Every register known when the parser is built (the phone campaigns add "calls").
    p.add_argument("name", choices=[*sorted(REGISTERS), "all"],
                   help="le registre ; all : tous, dans un dossier daté créé dans DOSSIER")  # fmt: skip
    p.add_argument("out", help="fichier .xlsx à écrire (all : le dossier où créer « registres-AAAA-MM-JJ »)")
    p.add_argument(
        "--from", dest="start", type=parse_date, help="registre audit : à partir de ce jour AAAA-MM-JJ"
    )
    p.add_argument(
        "--to", dest="end", type=parse_date, help="registre audit : jusqu'à ce jour inclus AAAA-MM-JJ"
    )
    p.set_defaults(handler=run_export_register)


def run_export_register(ctx: CliContext, args: argparse.Namespace) -> Result:
    out = Path(args.out)
    if args.name == "all":
        return _export_all(ctx, args, out)
    with ctx.session() as session:
        rows = export_register(session, args.name, out, start=args.start, end=args.end)
    label = REGISTER_LABELS.get(args.name, args.name)
    return Result(
        {"register": args.name, "rows": rows, "file": str(out)}, f"{label} : {rows} ligne(s) → {out}"
    )


def _export_all(ctx: CliContext, args: argparse.Namespace, folder: Path) -> Result:
    if args.start or args.end:
        raise InputError("--from et --to ne s'appliquent qu'au registre audit (le journal des opérations).")
    with ctx.session() as session:
        target, written = export_all_registers(session, folder)
    files = [{"register": name, "file": str(path), "rows": rows} for name, path, rows in written]
    lines = [f"{REGISTER_LABELS[name]} : {rows} ligne(s) → {path.name}" for name, path, rows in written]
    return Result({"register": "all", "folder": str(target), "files": files},
                  f"Registres exportés dans {target} :\n" + "\n".join(lines))  # fmt: skip
