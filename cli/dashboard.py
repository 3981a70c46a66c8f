"""`dashboard [--pdf OUT.pdf]`: the home page's figures — « À faire » and the charts' numbers — or its
one-page PDF « État de conformité au JJ/MM/AAAA »."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from cli.context import CliContext, Result
from services.compliance.dashboard import NOTHING_TO_DO, in_french, snapshot


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "dashboard", parents=[common],
        help="l'état de conformité : ce qui est en retard ou à faire, et les chiffres (ou la page PDF)",
    )  # fmt: skip
    p.add_argument(
        "--pdf", metavar="OUT.pdf", type=Path, help="écrire la page « État de conformité » dans ce fichier"
    )
    p.set_defaults(handler=run)


def run(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        data = snapshot(session)
    if args.pdf is not None:
        from services.compliance.dashboard_pdf import (
            write_page,
        )  # matplotlib and reportlab: only for the page

        write_page(data, args.pdf)
        data = {**data, "file": str(args.pdf)}

    def text() -> str:
        lines = [f"État de conformité au {date.fromisoformat(data['date']):%d/%m/%Y}"]
        todo = [t for t in data["todo"] if t["count"]]
        lines += [f"{'EN RETARD  ' if t['late'] else 'à faire    '}{t['text']}" for t in todo] or [
            NOTHING_TO_DO
        ]
        contacts, shares = data["figures"]["contacts"], data["figures"]["shares"]
        lines.append(
            f"{in_french('%n contact(s)', contacts['total'])} ; accord d'appel valide : {shares['phone_consent']} ; opposition au "
            f"courrier : {shares['post_objection']} ; opposition au téléphone : {shares['phone_objection']}"
        )
        if "file" in data:
            lines.append(f"Page écrite : {data['file']}")
        return "\n".join(lines)

    return Result(data, text)
