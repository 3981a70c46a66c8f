"""The one hardened reader of spreadsheets and CSV files from outside: an import, a partner's notice of
objections, a call centre's results. .xlsx/.xlsm/.xls/.ods with python-calamine (or by streaming when
a sheet is sparse: services.core.sheet_extent and sheet_streaming), .csv/.txt by services.core.csv_reader.

Every failure is an InputError naming the file and the problem, in French (exit status 2, nothing
written); the reader's own words go to the log. Limits keep a hostile or absurd file (zip bomb, 10,000
columns, millions of cells, a 512 GB sparse block, a field of a million characters) from eating the
machine. What the reader had to change or guess is said in `Grid.warnings`: lines decoded as
Windows-1252 in a UTF-8 file, invisible characters taken out, far-away cells left out.
"""

from __future__ import annotations

import logging
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from models.errors import os_error_text
from services.core.csv_reader import read_csv
from services.core.errors import InputError
from services.core.sheet_extent import (
    Extent,
    ExtentError,
    ods_extent,
    ods_sheet_names,
    xls_extent,
    xlsx_extent,
)
from services.core.sheet_grid import (
    CSV_SUFFIXES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    SPREADSHEET_SUFFIXES,
    Grid,
    check_dimensions,
    lines_text,
    too_many,
    unreadable,
)
from services.core.sheet_streaming import rows_from_cells, stream_ods, stream_xls, stream_xlsx
from services.core.text import INVISIBLE_LABEL, strip_invisible

log = logging.getLogger(__name__)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_file(path: Path, suffixes: Sequence[str]) -> bytes:
    """The first bytes of a file that exists, can be read, is not empty, not too big, of a known kind."""
    try:
        if not path.exists():
            raise unreadable(path, "le fichier n'existe pas.")
        if path.is_dir():
            raise unreadable(path, "c'est un dossier, pas un fichier.")
        size = path.stat().st_size
        if size == 0:
            raise unreadable(path, "le fichier est vide.")
        if size > MAX_FILE_BYTES:
            raise unreadable(
                path,
                f"le fichier est trop gros ({size // (1024 * 1024)} Mo ; au plus {MAX_FILE_BYTES // (1024 * 1024)} Mo).",
            )
        if path.suffix.lower() not in suffixes:
            raise unreadable(
                path,
                f"format « {path.suffix or 'sans extension'} » non pris en charge ({', '.join(suffixes)}).",
            )
        with open(path, "rb") as f:
            return f.read(8)
    except OSError as exc:
        raise unreadable(path, f"{os_error_text(exc)}.") from exc


def _check_zip(path: Path) -> None:
    """A zipped workbook (.xlsx/.xlsm/.ods): complete, and not a bomb."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise unreadable(path, "le fichier est endommagé ou tronqué (archive incomplète).") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNZIPPED_BYTES or (total / packed > MAX_RATIO and total > 50 * 1024 * 1024):
        raise unreadable(
            path, "le classeur décompressé serait démesuré (fichier piégé ou anormal) : import refusé."
        )


def check_signature(path: Path, head: bytes) -> None:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if head.startswith(_OLE_MAGIC):
            if suffix != ".ods":
                # Office saves a password-protected workbook as an encrypted OLE container.
                raise unreadable(
                    path,
                    "le classeur est protégé par un mot de passe. Enregistrez-le sans mot de passe puis réessayez.",
                )
            raise unreadable(path, "ce n'est pas un classeur .ods valide.")
        if not head.startswith(_ZIP_MAGIC):
            raise unreadable(
                path, f"ce n'est pas un classeur {suffix} (le contenu ne correspond pas à l'extension)."
            )
        _check_zip(path)
    elif suffix == ".xls" and not head.startswith(_OLE_MAGIC):
        if head.startswith(_ZIP_MAGIC):
            raise unreadable(
                path, "c'est un classeur .xlsx enregistré sous l'extension .xls : renommez-le en .xlsx."
            )
        raise unreadable(path, "ce n'est pas un classeur .xls (le contenu ne correspond pas à l'extension).")


def _open_workbook(path: Path) -> Any:
    import python_calamine as pc

    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise unreadable(
            path,
            "le classeur est protégé par un mot de passe. Enregistrez-le sans mot de passe puis réessayez.",
        ) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as exc:
        log.info("classeur %s illisible : %s", path.name, exc)
        raise unreadable(path, "le fichier est endommagé ou n'est pas un classeur.") from None


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (a CSV file has one, named after the file)."""
    suffixes = (*SPREADSHEET_SUFFIXES, *CSV_SUFFIXES, ".vcf")
    head = check_file(path, suffixes)
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return [path.stem]
    check_signature(path, head)
    return _workbook_names(path)


def _workbook_names(path: Path) -> list[str]:
    if path.suffix.lower() == ".ods":  # calamine reads every cell of an .ods when it opens it
        try:
            return ods_sheet_names(path)
        except (ExtentError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
            log.info("classeur %s illisible : %s", path.name, exc)
            raise unreadable(path, "le fichier est endommagé ou n'est pas un classeur.") from None
    wb = _open_workbook(path)
    try:
        return list(wb.sheet_names)
    finally:
        wb.close()


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Every row of a workbook's sheet (the first by default) or of a CSV file, cleaned of invisible
    characters. Any spreadsheet from outside is read here."""
    head = check_file(path, (*SPREADSHEET_SUFFIXES, *CSV_SUFFIXES))
    grid = read_csv(path) if path.suffix.lower() in CSV_SUFFIXES else _read_workbook(path, head, sheet)
    clean_invisible(grid)
    return grid


def clean_invisible(grid: Grid) -> None:
    """Take the invisible characters out of every text cell, saying on which lines (1-based)."""
    touched: list[int] = []
    for i, row in enumerate(grid.rows):
        for j, value in enumerate(row):
            if isinstance(value, str) and not value.isprintable():
                cleaned = strip_invisible(value)
                if cleaned != value:
                    row[j] = cleaned
                    if not touched or touched[-1] != i + 1:
                        touched.append(i + 1)
    if touched:
        grid.warnings.append(f"Retiré des {INVISIBLE_LABEL} : ligne(s) {lines_text(touched)}.")


def _read_workbook(path: Path, head: bytes, sheet: str | None) -> Grid:
    check_signature(path, head)
    names = _workbook_names(path)
    if not names:
        raise unreadable(path, "le classeur ne contient aucune feuille.")
    name = sheet or names[0]
    if name not in names:
        raise unreadable(path, f"pas de feuille « {name} » (feuilles : {', '.join(names)}).")
    extent = _measure(path, name)
    if extent is not None and extent.cells > MAX_CELLS:
        raise unreadable(path, too_many(extent.cells))
    if extent is None or extent.needs_streaming(MAX_CELLS):
        rows, warnings = _stream(path, name)
        return Grid(name, names, rows, warnings)
    return Grid(name, names, _read_dense(path, name))


def _measure(path: Path, name: str) -> Extent | None:
    """The sheet's real extent; None when its structure could not be followed (then it is streamed)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".ods":
            return ods_extent(path, name)
        if suffix == ".xls":
            return xls_extent(path, name)
        return xlsx_extent(path, name)
    except (ExtentError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        log.info("étendue de %s / %s non mesurée : %s", path.name, name, exc)
        return None


def _stream(path: Path, name: str) -> tuple[list[list[Any]], list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".ods":
        cells = stream_ods(path, name)
    elif suffix == ".xls":
        cells = stream_xls(path, name)
    else:
        cells = stream_xlsx(path, name)
    try:
        rows, dropped = rows_from_cells(cells, MAX_COLUMNS, MAX_CELLS)
    except OverflowError:
        raise unreadable(path, too_many(MAX_CELLS + 1)) from None
    except (ElementTree.ParseError, zipfile.BadZipFile, KeyError, ValueError, EOFError, struct.error) as exc:
        log.info("feuille %s / %s illisible : %s", path.name, name, exc)
        raise unreadable(path, f"la feuille « {name} » est endommagée.") from None
    warnings = []
    if dropped:
        warnings.append(
            f"{len(dropped)} cellule(s) isolée(s) au-delà de la colonne {MAX_COLUMNS} laissée(s) de côté "
            f"({', '.join(dropped[:5])}{'…' if len(dropped) > 5 else ''})."
        )
    return rows, warnings


def _read_dense(path: Path, name: str) -> list[list[Any]]:
    import python_calamine as pc

    wb = _open_workbook(path)
    try:
        ws = wb.get_sheet_by_name(name)
        check_dimensions(path, ws.height, ws.width)
        # From A1, so that line numbers are Excel's; times and durations become text in cell_text.
        return list(ws.to_python(skip_empty_area=False))
    except InputError:
        raise
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        log.info("feuille %s / %s illisible : %s", path.name, name, exc)
        raise unreadable(path, f"la feuille « {name} » est endommagée.") from None
    finally:
        wb.close()
