"""`import FILE --source-kind ... --source-name ...`: contacts from a spreadsheet."""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from datetime import datetime
from pathlib import Path

from cli.contacts import parse_date
from cli.context import CliContext, Result
from cli.streams import STDIO, TerminalProgress, stdin_to_file, temporary_folder
from models.errors import os_error_text
from services.core.errors import InputError
from services.core.files import check_output
from services.core.paths import data_dir


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="importe des contacts d'un fichier .xlsx, .xlsm, .xls, .ods, .csv ou .vcf",
        description="Importe des contacts. L'origine des données est obligatoire (RGPD art. 13/14).",
    )
    p.add_argument(
        "file",
        metavar="FICHIER",
        help="classeur, CSV ou carnet d'adresses vCard (.vcf) à importer ; « - » le lit sur l'entrée standard",
    )
    p.add_argument("--source-kind", required=True, choices=["direct", "partner", "broker", "public"],
                   help="collecte directe, partenaire, courtier en données ou source publique")  # fmt: skip
    p.add_argument("--source-name", required=True, help="nom de la source (salon, partenaire, courtier…)")
    p.add_argument("--obtained-on", default=None, help="date d'obtention AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument("--sheet", default=None, help="nom de la feuille (défaut : la première)")
    p.add_argument(
        "--mapping",
        default=None,
        metavar="FICHIER.json",
        help="correspondance des colonnes enregistrée (celle que l'assistant exporte ; champs en français acceptés)",
    )
    p.add_argument("--on-duplicate", choices=["merge", "skip", "create"], default="merge",
                   help="doublons : compléter la fiche existante (défaut), ignorer, ou créer quand même")  # fmt: skip
    p.add_argument("--person-kind", choices=["consumer", "professional"], default="consumer",
                   help="type des contacts quand le fichier ne le dit pas (défaut : particulier)")  # fmt: skip
    p.add_argument("--form-version", type=int, default=None, metavar="N°",
                   help="version du formulaire dont le fichier contient les cases (refus, accord)")  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="vérifie sans rien enregistrer")
    p.add_argument(
        "--report", default=None, metavar="RAPPORT.xlsx", help="liste des lignes refusées ou à revoir"
    )
    p.set_defaults(handler=run)


def _say(text: str) -> None:
    """A line on stderr while the import waits its turn (stdout stays the result, or the JSON)."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def run(ctx: CliContext, args: argparse.Namespace) -> Result:
    # The services are imported in _run: the other commands do not pay for calamine and rapidfuzz.
    if args.file == STDIO:
        with temporary_folder() as folder:
            return _run(ctx, args, stdin_to_file(Path(folder)))
    return _run(ctx, args, Path(args.file))


def _run(ctx: CliContext, args: argparse.Namespace, path: Path) -> Result:
    from services.importing.mapping import header_score, load_mapping_file
    from services.importing.outcome import ImportOptions
    from services.importing.presets import apply_preset, auto_mapping
    from services.importing.reading import file_sha256, read_table
    from services.importing.report import write_report
    from services.importing.running import run_import

    options = ImportOptions(
        source_kind=args.source_kind,
        source_name=args.source_name,
        obtained_on=parse_date(args.obtained_on) if args.obtained_on else None,
        on_duplicate=args.on_duplicate,
        person_kind=args.person_kind,
        form_version_id=args.form_version,
        imported_by=_user(),
    ).checked()
    report = Path(args.report) if args.report else None
    if report is not None and report.suffix.lower() != ".xlsx":
        raise InputError(f"Le rapport doit être un fichier .xlsx : {report.name}")
    if report is not None:
        check_output(report)  # written after the import's commit: refused now, before anything changes
    preset = load_mapping_file(Path(args.mapping)) if args.mapping else None
    table = read_table(path, args.sheet, score=header_score)
    # The tool's export recognised by its header row (Google, Outlook, Dolibarr…), else the guess.
    mapping = (
        apply_preset(table.headers, preset, table.rows)
        if preset
        else auto_mapping(table.headers, table.rows).mapping
    )
    sha = file_sha256(path)
    with ctx.session() as session, TerminalProgress("Import…") as progress:
        result = run_import(
            session,
            table,
            mapping,
            options,
            dry_run=args.dry_run,
            sha256=sha,
            progress=progress,
            waiting=_say,
        )
    data = result.to_dict()
    if report is not None:
        data["report"] = str(report)
        data["report_rows"] = write_report(report, result)

    def text() -> str:
        """Without --json: the counts and the first lines of each kind; when some are left out and no
        --report was asked for, the full list is written in the data folder and its place said."""
        if report is not None:
            return result.text(str(report), data["report_rows"])
        if result.text_is_whole():
            return result.text()
        auto = automatic_report_path(path.name)
        try:
            auto.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            return result.text(str(auto), write_report(auto, result))
        except OSError as exc:  # the import itself is done: say why the list is not written
            return result.text(report_error=os_error_text(exc))

    return Result(data, text)


def automatic_report_path(file_name: str) -> Path:
    """Where the full list of an import's rows to review goes when no --report was given:
    rapports/import-AAAAMMJJ-HHMMSS-<file>.xlsx in the data folder."""
    stem = re.sub(r"[^\w.-]+", "_", Path(file_name).stem)[:60] or "fichier"
    return data_dir() / "rapports" / f"import-{datetime.now():%Y%m%d-%H%M%S}-{stem}.xlsx"
