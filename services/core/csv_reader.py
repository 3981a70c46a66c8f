"""CSV files from outside: their encoding (UTF-8, Windows-1252, or both), their separator, their quotes."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path
from typing import Any

from services.core.sheet_grid import (
    CSV_SEPARATORS,
    FIELD_LIMIT,
    MAX_COLUMNS,
    NEUTRALISED_FIRST,
    Grid,
    check_dimensions,
    lines_text,
    read_bytes,
    unreadable,
)

log = logging.getLogger(__name__)


def decode_text(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 with or without BOM, else each line on its own: UTF-8 where it is valid, else Windows-1252
    (what French Excel writes), else Latin-1. Returns the text and, for a file mixing the two, the
    lines read as Windows-1252 (a file wholly in Windows-1252 is not worth a warning)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    out: list[str] = []
    legacy: list[int] = []
    utf8_accents = False
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            out.append(line.decode("utf-8"))
            utf8_accents = utf8_accents or not line.isascii()
        except UnicodeDecodeError:
            try:
                out.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                out.append(line.decode("latin-1"))
            legacy.append(number)
    return "\n".join(out), legacy if utf8_accents else []


def decode_csv(data: bytes) -> str:
    return decode_text(data)[0]


def detect_separator(text: str) -> str:
    """The separator that splits the first lines into the most, equally wide, columns."""
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if not lines:
        return ";"
    best, best_score = ";", -1.0
    for sep in CSV_SEPARATORS:
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=sep)]
        except csv.Error:  # a field over the limit: the reading below says where
            continue
        common = max(set(widths), key=widths.count)
        score = (common - 1) * widths.count(common) if common > 1 else 0
        if score > best_score:
            best, best_score = sep, score
    return best


def unneutralise(text: str) -> str:
    """Take off the apostrophe services.core.spreadsheet put before a formula-like cell (or before an
    apostrophe the user typed in front of one: « ''=déjà neutralisé » reads « '=déjà neutralisé »)."""
    if len(text) > 1 and text[0] == "'" and text[1] in NEUTRALISED_FIRST:
        return text[1:]
    return text


def read_csv(path: Path) -> Grid:
    data = read_bytes(path)
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and data[:4096].count(b"\x00") > 8:
        raise unreadable(path, "ce n'est pas un fichier texte CSV (contenu binaire).")
    text, legacy = decode_text(data)
    warnings = []
    if legacy:
        warnings.append(
            f"Fichier aux encodages mélangés : ligne(s) {lines_text(legacy)} lue(s) en Windows-1252, les "
            "autres en UTF-8 ; vérifiez leurs accents."
        )
    sep = detect_separator(text)
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    width = 0
    line = 0
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if line > start:
                _check_quotes(path, row, sep, width, start, line)
            rows.append([unneutralise(c) for c in row])
            width = width or len(row)
            if len(row) > MAX_COLUMNS:
                check_dimensions(path, len(rows), len(row))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise unreadable(
                path,
                f"ligne {reader.line_num} : un champ dépasse {FIELD_LIMIT:,} caractères ; ce n'est pas une "
                "liste de contacts, ou un guillemet n'y est pas refermé.".replace(",", " "),
            ) from None
        log.info("CSV %s illisible ligne %s : %s", path.name, reader.line_num, exc)
        raise unreadable(path, f"ligne {reader.line_num} illisible (guillemets mal placés ?).") from None
    check_dimensions(path, len(rows), max((len(r) for r in rows), default=0))
    return Grid(path.stem, [path.stem], rows, warnings)


def _check_quotes(path: Path, row: list[str], sep: str, width: int, start: int, end: int) -> None:
    """A record spread over several lines: a line break inside quotes (an address on two lines) is
    fine; a quote never closed swallows the lines after it. Those lines look like records of their own
    (as many separators as the header), or there are too many of them."""
    for value in row:
        if "\n" not in value:
            continue
        inner = value.split("\n")
        looks_like_records = width > 1 and any(part.count(sep) >= width - 1 for part in inner[1:])
        if looks_like_records or len(inner) > 50:
            raise unreadable(
                path,
                f"ligne {start} : un guillemet (\") n'est pas refermé, les lignes {start} à {end} seraient lues "
                "comme une seule case. Corrigez ce guillemet puis réessayez.",
            )
