"""What every reader of files from outside shares: the limits, the sheet as read, the French refusal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import os_error_text
from services.core.errors import InputError
from services.core.spreadsheet import DANGEROUS_FIRST

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024  # a zip bomb stops here, before any XML is parsed
MAX_RATIO = 200  # xlsx sheets compress ~10-20x; far more is a bomb
MAX_COLUMNS = 500
MAX_CELLS = 6_000_000  # 400,000 rows of 15 columns
FIELD_LIMIT = 131_072  # characters in one CSV field (the csv module's own limit)
CSV_SEPARATORS = (";", ",", "\t")
# services.core.spreadsheet.neutralise_csv puts an apostrophe before these; reading takes it off.
NEUTRALISED_FIRST = (*DANGEROUS_FIRST, "'")
LISTED_LINES = 10


@dataclass
class Grid:
    """A sheet as read: every row of raw cells from A1 (str, float, int, bool, date, datetime)."""

    sheet: str
    sheet_names: list[str]
    rows: list[list[Any]]
    warnings: list[str] = field(default_factory=list)  # in French, for the user


def unreadable(path: Path, problem: str) -> InputError:
    return InputError(f"Impossible de lire « {path.name} » : {problem}")


def lines_text(numbers: Sequence[int]) -> str:
    """« 3, 7 et 12 », or the first ones and how many in all."""
    shown = [str(n) for n in numbers[:LISTED_LINES]]
    if len(numbers) > LISTED_LINES:
        return f"{', '.join(shown)}… ({len(numbers)} lignes)"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} et {shown[-1]}"


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(path, f"{os_error_text(exc)}.") from exc


def too_many(cells: int) -> str:
    return (
        f"la feuille a trop de cellules ({cells:,} ; au plus {MAX_CELLS:,}) : découpez le fichier.".replace(
            ",", " "
        )
    )


def check_dimensions(path: Path, height: int, width: int) -> None:
    if width > MAX_COLUMNS:
        raise unreadable(
            path,
            f"la feuille a {width:,} colonnes (au plus {MAX_COLUMNS}) : ce n'est pas une liste de contacts.".replace(
                ",", " "
            ),
        )
    if height * width > MAX_CELLS:
        raise unreadable(path, too_many(height * width))


# --- CSV ------------------------------------------------------------------------------------------
