"""The command line: a stable contract that users' scripts and scheduled jobs depend on.

`python main.py [--db URL_OR_PATH] [COMMAND ...]`; every command takes --json and then prints exactly
one JSON value on stdout. Exit status: 0 success, 2 bad usage or input (one line on stderr), 1 other.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from cli import audit as audit_cmd
from cli import backup as backup_cmd
from cli import campaign as campaign_cmd
from cli import contacts as contacts_cmd
from cli import dashboard as dashboard_cmd
from cli import export as export_cmd
from cli import forms as forms_cmd
from cli import importing as importing_cmd
from cli import init as init_cmd
from cli import labels as labels_cmd
from cli import notices as notices_cmd
from cli import oppositions as oppositions_cmd
from cli import partners as partners_cmd
from cli import phone as phone_cmd
from cli import requests as requests_cmd
from cli import retention as retention_cmd
from cli import settings as settings_cmd
from cli.context import CliContext, Result, Stream
from models.errors import os_error_text
from models.version import version_line
from services.core.errors import Cancelled, InputError, UserError

log = logging.getLogger("webleads.cli")

# Each command module registers its subcommands here; its handlers return a Result.
COMMAND_MODULES = [
    init_cmd, contacts_cmd, importing_cmd, export_cmd, campaign_cmd, labels_cmd,
    forms_cmd, partners_cmd, oppositions_cmd, phone_cmd, requests_cmd, notices_cmd, retention_cmd,
    audit_cmd, backup_cmd, settings_cmd, dashboard_cmd,
]  # fmt: skip


class UsageError(InputError):
    pass


# argparse's own messages, in the French the rest of the program speaks.
_ARGPARSE_FR = [
    (
        re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
        r"\1 : choix invalide \2 (possibles : \3)",
    ),
    (re.compile(r"the following arguments are required: (.+)"), r"arguments obligatoires manquants : \1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"arguments inconnus : \1"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 : une valeur est attendue"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.+)"), r"\1 : valeur invalide \3"),
]


def french_usage_message(message: str) -> str:
    for pattern, replacement in _ARGPARSE_FR:
        message = pattern.sub(replacement, message)
    return message


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "usage : " if prefix is None else prefix)


# What the help shows for a value (argparse would print the option's English name in capitals).
METAVARS = {
    "file": "FICHIER", "out": "SORTIE", "id": "N°", "ref": "RÉF", "name": "NOM", "version": "VERSION",
    "address": "ADRESSE", "agreement": "RÉF", "at": "MOMENT", "callback_at": "MOMENT", "caller": "APPELANT",
    "campaign": "N°", "category": "CATÉGORIE", "channel": "CANAL", "city": "VILLE", "civility": "CIVILITÉ",
    "company": "SOCIÉTÉ", "contact": "RÉF", "country": "PAYS", "db": "BASE", "details": "TEXTE", "email": "E-MAIL",
    "end": "DATE", "start": "DATE", "on": "DATE", "obtained_on": "DATE", "received_on": "DATE",
    "fields": "CHAMPS", "form": "VERSION", "letter_template": "MODÈLE", "template": "MODÈLE", "method": "MOYEN",
    "mobile": "NUMÉRO", "phone": "NUMÉRO", "note": "TEXTE", "notes": "TEXTE", "text": "TEXTE", "reason": "TEXTE",
    "purpose": "TEXTE", "proof": "TEXTE", "subject": "OBJET", "partner": "PARTENAIRE", "printer": "IMPRIMANTE",
    "partner_categories": "CATÉGORIES", "postcode": "CP", "postcode_prefix": "CP", "proof_file": "FICHIER",
    "search": "TEXTE", "sheet": "FEUILLE", "source_name": "SOURCE", "start_at": "N", "tag": "ÉTIQUETTE",
    "tags": "ÉTIQUETTES", "web_id": "IDENTIFIANT", "first_name": "PRÉNOM", "last_name": "NOM",
    "complement": "TEXTE", "building": "TEXTE", "street": "TEXTE", "extra": "TEXTE", "cedex": "TEXTE",
}  # fmt: skip


class Parser(argparse.ArgumentParser):
    """argparse, with its help and its errors in French (errors on one line, exit status 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "affiche cette aide et quitte"

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {french_usage_message(message)}")


def build_parser() -> Parser:
    parser = Parser(
        prog="webleads", description="webleads-tracker : prospection postale et téléphonique conforme."
    )
    parser.add_argument(
        "--db",
        help="adresse SQLAlchemy ou chemin d'un fichier SQLite (défaut : WEBLEADS_DB, sinon le dossier de l'utilisateur)",
    )
    # argparse prints it and stops on reading it, before any subcommand is parsed or run.
    parser.add_argument(
        "--version", action="version", version=version_line(), help="affiche la version et quitte"
    )
    # --json before or after the command: SUPPRESS, so that the command's own default does not undo
    # the one given before it (argparse gives subcommands the last word on a shared name).
    json_help = "affiche un objet JSON sur la sortie standard"
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=json_help)
    common = Parser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=json_help)
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMANDE")
    for module in COMMAND_MODULES:
        module.register(sub, common)
    _french_metavars(parser)
    return parser


def _french_metavars(parser: argparse.ArgumentParser) -> None:
    """Every value shown in the help with a French name (argparse would print the option's in capitals)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                _french_metavars(sub)
        elif (
            action.metavar is None
            and action.nargs != 0
            and action.choices is None
            and action.dest in METAVARS
        ):
            action.metavar = METAVARS[action.dest]


def _print_result(result: Result, as_json: bool) -> None:
    if as_json and isinstance(result.data, Stream):
        _print_stream(result.data)
    elif as_json:
        sys.stdout.write(json.dumps(result.data, ensure_ascii=False, default=str) + "\n")
    else:
        text = result.text() if callable(result.text) else result.text
        if text:
            sys.stdout.write(text.rstrip("\n") + "\n")


def _print_stream(stream: Stream) -> None:
    """`[a, b]` as json.dumps writes it (", " between items), one item at a time: memory stays flat."""
    write = sys.stdout.write
    write("[")
    separator = ""
    for item in stream.items():
        write(separator + json.dumps(item, ensure_ascii=False, default=str))
        separator = ", "
    write("]\n")


def _fail(message: str, code: int) -> int:
    # One line: scripts read it, people understand it.
    sys.stderr.write(" ".join(str(message).split()) + "\n")
    # What the failed work still held (a library's half-written zip on a full disk) is closed now, while
    # the log can take its complaint (services.core.logs), not at exit on stderr.
    gc.collect()
    return code


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status. With no command, starts the window."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        return _fail(str(exc), 2)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)

    from services.core.files import clean_app_folders
    from services.core.logs import setup_logging

    setup_logging()
    clean_app_folders()  # what a killed export left in the data folder
    if args.command is None:
        from gui.app import run_window

        return run_window(args.db)

    ctx = CliContext(args.db)
    try:
        result: Result = args.handler(ctx, args)
        # Printed while the base is open: a long list is read as it is written (cli.context.Stream).
        _print_result(result, getattr(args, "json", False))
    except Cancelled as exc:
        return _fail(str(exc), 1)
    except UserError as exc:  # the one family a user can act on: its message, its exit status
        if exc.exit_code != 2:
            log.warning("command %s: %s", args.command, exc)
        return _fail(str(exc), exc.exit_code)
    except OSError as exc:
        log.exception("command %s", args.command)
        name = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        return _fail(
            f"Erreur de fichier{name} : {os_error_text(exc)}.", 2 if isinstance(exc, FileNotFoundError) else 1
        )
    except Exception:
        # A defect: its own words are English and technical; they go to the log with the trace.
        log.exception("command %s failed", args.command)
        return _fail(f"Erreur inattendue : les détails sont dans le journal ({Path(_log_path())}).", 1)
    finally:
        ctx.close()
    return result.exit_code


def _log_path() -> str:
    from services.core.paths import log_file

    return str(log_file())
