"""`backup create|list|restore|encrypt` (docs/rules.md §10.3)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from cli.context import CliContext, Result
from services.compliance.restore import restore
from services.core import backup_crypto
from services.core.backups import create_backup, folder_for, list_backups, rotate
from services.core.errors import InputError

PASSPHRASE_ENV = "WEBLEADS_BACKUP_PASSPHRASE"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", help="les sauvegardes de la base")
    bsub = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    c = bsub.add_parser(
        "create", parents=[common], help="sauvegarde la base maintenant (SQLite ; pg_dump sur PostgreSQL)"
    )
    c.add_argument(
        "--to", metavar="DOSSIER", help="dossier où l'écrire (défaut : sauvegardes/ à côté de la base)"
    )
    c.set_defaults(handler=run_create)
    ls = bsub.add_parser(
        "list", parents=[common], help="les sauvegardes, de la plus récente à la plus ancienne"
    )
    ls.set_defaults(handler=run_list)
    r = bsub.add_parser(
        "restore", parents=[common],
        help="remet une sauvegarde à la place de la base (la base remplacée est sauvegardée d'abord ; les "
             "oppositions, effacements et notifications enregistrés depuis sont repris)",
    )  # fmt: skip
    r.add_argument("file", metavar="FICHIER", help="la sauvegarde à restaurer")
    r.add_argument(
        "--force", action="store_true", help="remplace même une base qui a des événements plus récents"
    )
    _passphrase_options(r)
    r.set_defaults(handler=run_restore)
    e = bsub.add_parser(
        "encrypt", parents=[common], help="chiffre les prochaines sauvegardes avec une phrase secrète"
    )
    _passphrase_options(e)
    e.add_argument("--off", action="store_true", help="ne plus chiffrer les sauvegardes")
    e.set_defaults(handler=run_encrypt)


def _passphrase_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase-file", metavar="FICHIER",
        help=f"fichier contenant la phrase secrète (sinon la variable {PASSPHRASE_ENV}, sinon elle est demandée)",
    )  # fmt: skip


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str | None:
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise InputError(f"Phrase secrète illisible : {args.passphrase_file} ({exc.strerror}).") from exc
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("Phrase secrète : ")
    if confirm and getpass.getpass("Encore une fois : ") != first:
        raise InputError("Les deux phrases secrètes diffèrent : rien n'a changé.")
    return first


def run_create(ctx: CliContext, args: argparse.Namespace) -> Result:
    backup = create_backup(ctx.db, "manuelle", Path(args.to) if args.to else None)
    if not args.to:
        rotate(ctx.db)
    return Result(
        backup.to_dict(),
        f"Sauvegarde écrite : {backup.path}\n"
        f"Journal à cet instant : {backup.journal_events} événement(s), empreinte {backup.journal_head}",
    )


def run_list(ctx: CliContext, args: argparse.Namespace) -> Result:
    backups = list_backups(folder_for(ctx.db))

    def text() -> str:
        lines = [
            f"{b.taken_at:%d/%m/%Y %H:%M}  {b.reason_label:<28} {'chiffrée ' if b.encrypted else ''}"
            f"{b.size / 1e6:.1f} Mo  {b.path.name}"
            for b in backups
        ]
        return "\n".join([*lines, f"{len(backups)} sauvegarde(s) dans {folder_for(ctx.db)}"])

    return Result([b.to_dict() for b in backups], text)


def run_restore(ctx: CliContext, args: argparse.Namespace) -> Result:
    source = Path(args.file)
    needs = source.is_file() and backup_crypto.is_encrypted(source)
    result = restore(ctx.db, source, force=args.force, passphrase=_passphrase(args) if needs else None)

    def text() -> str:
        lines = [
            f"Base restaurée depuis {source.name}.",
            f"La base remplacée est sauvegardée : {result.safety_copy}",
        ]
        if result.carried:
            lines.append(f"Repris de la base remplacée ({len(result.carried)}) :")
            lines += [f"  {c}" for c in result.carried]
        return "\n".join(lines)

    return Result(result.to_dict(), text)


def run_encrypt(ctx: CliContext, args: argparse.Namespace) -> Result:
    with ctx.session() as session:
        if args.off:
            backup_crypto.stop_encrypting(session)
            return Result({"encrypted": False}, "Les prochaines sauvegardes ne seront plus chiffrées.")
        passphrase = _passphrase(args, confirm=True)
        if not passphrase:
            raise InputError(f"Donnez la phrase secrète (--passphrase-file ou {PASSPHRASE_ENV}).")
        backup_crypto.set_passphrase(session, passphrase)
    return Result(
        {"encrypted": True},
        "Les prochaines sauvegardes seront chiffrées. Gardez la phrase secrète en lieu sûr : sans elle, "
        "elles ne peuvent pas être restaurées.",
    )
