"""Reading an untrusted spreadsheet: .xlsx/.xlsm/.xls/.ods with python-calamine, .csv by hand, an
address book (.vcf) with services.importing.vcard.

Every failure is an InputError naming the file and the problem, in French; nothing is written.
Limits keep a hostile or absurd file (zip bomb, 10,000 columns, millions of cells) from eating the
machine: the size of the file, the uncompressed size of a zipped workbook, the columns and the cells.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from services.core.errors import InputError
from services.core.text import fold
from services.importing.vcard import read_vcard_rows

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".vcf")
SUFFIXES = (*SPREADSHEET_SUFFIXES, *TEXT_SUFFIXES)
MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024  # a zip bomb stops here, before any XML is parsed
MAX_RATIO = 200  # xlsx sheets compress ~10-20x; far more is a bomb
MAX_COLUMNS = 500
MAX_CELLS = 6_000_000  # 400,000 rows of 15 columns
HEADER_SCAN_ROWS = 30
CSV_SEPARATORS = (";", ",", "\t")
# services.core.spreadsheet.neutralise_csv puts an apostrophe before these; the import takes it off.
NEUTRALISED_FIRST = ("=", "+", "-", "@", "\t", "\r")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Table:
    """A sheet as read: raw cell values (str, float, int, bool, date, datetime), header row found."""

    path: Path
    sheet: str
    sheet_names: list[str]
    header_row: int  # 0-based index in the sheet of the header row
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)  # the data rows under the header

    def line_number(self, index: int) -> int:
        """The spreadsheet line (1-based, as shown by Excel) of data row `index`."""
        return self.header_row + 2 + index


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fail(path: Path, problem: str) -> InputError:
    return InputError(f"Impossible de lire « {path.name} » : {problem}")


def _check_file(path: Path) -> bytes:
    """The first bytes of a file that exists, is not empty and not too big."""
    if not path.exists():
        raise _fail(path, "le fichier n'existe pas.")
    if path.is_dir():
        raise _fail(path, "c'est un dossier, pas un fichier.")
    size = path.stat().st_size
    if size == 0:
        raise _fail(path, "le fichier est vide.")
    if size > MAX_FILE_BYTES:
        raise _fail(
            path,
            f"le fichier est trop gros ({size // (1024 * 1024)} Mo ; au plus {MAX_FILE_BYTES // (1024 * 1024)} Mo).",
        )
    if path.suffix.lower() not in SUFFIXES:
        raise _fail(
            path,
            f"format « {path.suffix or 'sans extension'} » non pris en charge (.xlsx, .xlsm, .xls, .ods, .csv ou .vcf).",
        )
    with open(path, "rb") as f:
        return f.read(8)


def _check_zip(path: Path) -> None:
    """A zipped workbook (.xlsx/.xlsm/.ods): complete, and not a bomb."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        raise _fail(path, "le fichier est endommagé ou tronqué (archive incomplète).") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNZIPPED_BYTES or (total / packed > MAX_RATIO and total > 50 * 1024 * 1024):
        raise _fail(
            path, "le classeur décompressé serait démesuré (fichier piégé ou anormal) : import refusé."
        )


def _check_signature(path: Path, head: bytes) -> None:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if head.startswith(_OLE_MAGIC):
            if suffix != ".ods":
                # Office saves a password-protected workbook as an encrypted OLE container.
                raise _fail(
                    path,
                    "le classeur est protégé par un mot de passe. Enregistrez-le sans mot de passe puis réessayez.",
                )
            raise _fail(path, "ce n'est pas un classeur .ods valide.")
        if not head.startswith(_ZIP_MAGIC):
            raise _fail(
                path, f"ce n'est pas un classeur {suffix} (le contenu ne correspond pas à l'extension)."
            )
        _check_zip(path)
    elif suffix == ".xls" and not head.startswith(_OLE_MAGIC):
        if head.startswith(_ZIP_MAGIC):
            raise _fail(
                path, "c'est un classeur .xlsx enregistré sous l'extension .xls : renommez-le en .xlsx."
            )
        raise _fail(path, "ce n'est pas un classeur .xls (le contenu ne correspond pas à l'extension).")


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (a CSV file has one, named after the file)."""
    head = _check_file(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return [path.stem]
    _check_signature(path, head)
    return list(_open_workbook(path).sheet_names)


def _open_workbook(path: Path) -> Any:
    import python_calamine as pc

    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise _fail(
            path,
            "le classeur est protégé par un mot de passe. Enregistrez-le sans mot de passe puis réessayez.",
        ) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as exc:
        raise _fail(path, f"le fichier est endommagé ou n'est pas un classeur ({_short(exc)}).") from None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__


def read_grid(path: Path, sheet: str | None = None) -> tuple[str, list[str], list[list[Any]]]:
    """(sheet read, all sheet names, every row of cells) of a workbook or a CSV file."""
    head = _check_file(path)
    if path.suffix.lower() == ".vcf":
        return path.stem, [path.stem], read_vcf(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return path.stem, [path.stem], read_csv_rows(path)
    _check_signature(path, head)
    import python_calamine as pc

    wb = _open_workbook(path)
    names = list(wb.sheet_names)
    if not names:
        raise _fail(path, "le classeur ne contient aucune feuille.")
    name = sheet or names[0]
    if name not in names:
        raise _fail(path, f"pas de feuille « {name} » (feuilles : {', '.join(names)}).")
    try:
        ws = wb.get_sheet_by_name(name)
        _check_dimensions(path, ws.height, ws.width)
        # From A1, so that line numbers are Excel's; times and durations become text in cell_text.
        rows = ws.to_python(skip_empty_area=False)
    except InputError:
        raise
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise _fail(path, f"la feuille « {name} » est endommagée ({_short(exc)}).") from None
    finally:
        wb.close()
    return name, names, rows


def _check_dimensions(path: Path, height: int, width: int) -> None:
    if width > MAX_COLUMNS:
        raise _fail(
            path,
            f"la feuille a {width:,} colonnes (au plus {MAX_COLUMNS}) : ce n'est pas une liste de contacts.".replace(
                ",", " "
            ),
        )
    if height * width > MAX_CELLS:
        raise _fail(
            path,
            f"la feuille a trop de cellules ({height * width:,} ; au plus {MAX_CELLS:,}) : découpez le fichier.".replace(
                ",", " "
            ),
        )


# --- CSV ------------------------------------------------------------------------------------------


def decode_csv(data: bytes) -> str:
    """UTF-8 with or without BOM, else cp1252 (what French Excel writes), else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def detect_separator(text: str) -> str:
    """The separator that splits the first lines into the most, equally wide, columns."""
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if not lines:
        return ";"
    best, best_score = ";", -1.0
    for sep in CSV_SEPARATORS:
        widths = [len(r) for r in csv.reader(lines, delimiter=sep)]
        common = max(set(widths), key=widths.count)
        score = (common - 1) * widths.count(common) if common > 1 else 0
        if score > best_score:
            best, best_score = sep, score
    return best


def read_vcf(path: Path) -> list[list[Any]]:
    """An address book: one row per card (services.importing.vcard)."""
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(path, "ce n'est pas un carnet d'adresses vCard (contenu binaire).")
    return read_vcard_rows(path, decode_csv(data), MAX_CELLS // 15)


def unneutralise(text: str) -> str:
    """Take off the apostrophe services.core.spreadsheet put before a formula-like cell."""
    if len(text) > 1 and text[0] == "'" and text[1] in NEUTRALISED_FIRST:
        return text[1:]
    return text


def read_csv_rows(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(path, "ce n'est pas un fichier texte CSV (contenu binaire).")
    text = decode_csv(data)
    sep = detect_separator(text)
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
            rows.append([unneutralise(c) for c in row])
            if len(row) > MAX_COLUMNS:
                _check_dimensions(path, len(rows), len(row))
    except csv.Error as exc:
        raise _fail(path, f"ligne {len(rows) + 1} illisible ({exc}).") from None
    width = max((len(r) for r in rows), default=0)
    _check_dimensions(path, len(rows), width)
    return rows


# --- header row -----------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_TOTAL_ROW = re.compile(r"(sous[ -]?)?total|subtotal|grand total|total general|montant total|totaux")


def is_total_row(cells: list[Any]) -> bool:
    """A total or subtotal line of an accountant's workbook: "TOTAL", "Sous-total" and no other text."""
    texts = 0
    first = ""
    for v in cells:
        if isinstance(v, str) and v.strip():
            texts += 1
            if texts == 1:
                first = v
            if texts > 2:
                return False
    if not first:
        return False
    key = fold(first).rstrip(" :")
    return bool(_TOTAL_ROW.match(key)) and (len(key) < 6 or not key[5:6].isalpha() or key.startswith("sous"))


def detect_header_row(rows: list[list[Any]], score: Any = None) -> int:
    """The header row: the one among the first rows whose cells are most recognised as headers.

    Title rows ("Clients 2025") and blank lines above the header are skipped. `score(cells)` counts
    the recognised headers (mapping.header_score); without a recognised header, the first row with
    at least two text cells and no number or date.
    """
    best, best_score = -1, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        s = score(row) if score else 0
        if s > best_score:
            best, best_score = i, s
    if best >= 0 and best_score >= 2:
        return best
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        filled = [v for v in row if not is_blank(v)]
        if len(filled) >= 2 and all(isinstance(v, str) for v in filled):
            return i
    for i, row in enumerate(rows):
        if any(not is_blank(v) for v in row):
            return i
    return 0


def header_texts(row: Iterable[Any]) -> list[str]:
    """The column names: blank ones numbered, repeated ones made unique ("Nom", "Nom (2)")."""
    out: list[str] = []
    seen: set[str] = set()
    for i, v in enumerate(row):
        text = " ".join(cell_text(v).split()) or f"Colonne {i + 1}"
        name, n = text, 2
        while name in seen:
            name, n = f"{text} ({n})", n + 1
        seen.add(name)
        out.append(name)
    return out


def cell_text(value: Any) -> str:
    """A cell as text: 12.0 -> "12", a date -> "31/12/2025"; never a formula (calamine gives values)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != time(0) else value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def read_table(
    path: Path, sheet: str | None = None, header_row: int | None = None, score: Any = None
) -> Table:
    """Read a sheet, find its header row (unless given) and return the data rows under it."""
    name, names, rows = read_grid(path, sheet)
    # Trailing blank rows and columns are not data.
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise _fail(path, f"la feuille « {name} » est vide.")
    if header_row is None:
        header_row = detect_header_row(rows, score)
    if not 0 <= header_row < len(rows):
        raise _fail(
            path, f"la ligne d'en-tête {header_row + 1} n'existe pas (la feuille a {len(rows)} lignes)."
        )
    headers = header_texts(rows[header_row])
    data = rows[header_row + 1 :]
    width = max([len(headers), *(len(r) for r in data[:1000])])
    while (
        width > 0
        and headers[width - 1 : width] in ([f"Colonne {width}"], [])
        and all(len(r) < width or is_blank(r[width - 1]) for r in data)
    ):
        width -= 1
    headers = (headers + [f"Colonne {i + 1}" for i in range(len(headers), width)])[:width]
    return Table(path, name, names, header_row, headers, data)
