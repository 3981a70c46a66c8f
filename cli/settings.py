"""`settings show` and `settings set KEY=VALUE ...`: the organisation's identity and every rule duration,
with the Réglages screen's own checks (services.core.settings), so that a script can prepare a base."""

from __future__ import annotations

import argparse

from cli.context import CliContext, Result
from services.core.errors import InputError
from services.core.settings import SETTINGS, definition, get_settings, set_settings

# Set by the application itself (the backup encryption's keys): not typed on the command line.
HIDDEN_GROUPS = ("internal",)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("settings", help="les réglages partagés par tous les postes (identité, durées)")
    ssub = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    show = ssub.add_parser("show", parents=[common], help="affiche chaque réglage, sa valeur et son libellé")
    show.set_defaults(handler=run_show)
    s = ssub.add_parser(
        "set", parents=[common],
        help="modifie un ou plusieurs réglages (tous ou aucun : une valeur refusée n'en change aucun)",
    )  # fmt: skip
    s.add_argument(
        "pairs", nargs="+", metavar="CLÉ=VALEUR", help='par exemple org.name="Quincaillerie Dubois"'
    )
    s.set_defaults(handler=run_set)


def _visible() -> list[str]:
    return [d.key for d in SETTINGS if d.group not in HIDDEN_GROUPS]


def _rows(values: dict[str, object]) -> list[dict[str, object]]:
    return [
        {"key": d.key, "value": values[d.key], "default": d.default, "label": d.label, "group": d.group}
        for d in SETTINGS if d.group not in HIDDEN_GROUPS
    ]  # fmt: skip


def _text(rows: list[dict[str, object]]) -> str:
    return "\n".join(
        f"{r['key']:<34} {str(r['value']).replace(chr(10), ' / '):<40}  ({r['label']})" for r in rows
    )


def run_show(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        rows = _rows(get_settings(session))
    return Result(rows, lambda: _text(rows))


def run_set(ctx: CliContext, args: argparse.Namespace) -> Result:
    values: dict[str, str] = {}
    for pair in args.pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep:
            raise InputError(
                f"« {pair} » : écrivez CLÉ=VALEUR (par exemple rules.prospect_retention_years=3)."
            )
        if key not in _visible():
            definition(key)  # an unknown key: its own message
            raise InputError(f"« {key} » est tenu par l'application et ne se règle pas ici.")
        values[key] = value.replace(
            "\\n", "\n"
        )  # an address on several lines: org.address="4 rue\n21000 Dijon"
    with ctx.session() as session:
        set_settings(session, values)
        rows = [r for r in _rows(get_settings(session)) if r["key"] in values]
    return Result(rows, lambda: "Réglages enregistrés :\n" + _text(rows))
