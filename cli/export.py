"""`export ...`: spreadsheets out. Each capability adds its subcommand through a hook below."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cli.exporting import register_export_contacts
from cli.registers import register_export_register

# Each hook adds one subcommand: hook(export_subparsers, common_parent_parser).
EXPORT_HOOKS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = [
    register_export_contacts,
    register_export_register,
]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    if not EXPORT_HOOKS:
        return
    p = sub.add_parser("export", help="exporte des contacts ou un registre en .xlsx/.csv")
    esub = p.add_subparsers(dest="export_what", metavar="QUOI", required=True)
    for hook in EXPORT_HOOKS:
        hook(esub, common)
