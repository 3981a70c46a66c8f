"""`campaign postal|phone ...`. Each kind of campaign adds its subcommand through a hook below."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cli.phone import register_campaign_phone
from cli.postal import register_campaign_postal

# Each hook adds one subcommand: hook(campaign_subparsers, common_parent_parser).
CAMPAIGN_HOOKS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = [
    register_campaign_postal,
    register_campaign_phone,
]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    if not CAMPAIGN_HOOKS:
        return
    p = sub.add_parser("campaign", help="campagnes postales et téléphoniques")
    csub = p.add_subparsers(dest="campaign_kind", metavar="TYPE", required=True)
    for hook in CAMPAIGN_HOOKS:
        hook(csub, common)
