"""What long commands show on a terminal, and `-` for standard input or output (docs/cli.md, conventions)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from types import TracebackType

STDIO = "-"


class TerminalProgress:
    """Progress on stderr, only when stderr is a terminal: a script's logs and pipes stay clean."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.active = sys.stderr is not None and sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int = 0, text: str = "") -> bool:
        if self.active:
            counts = f" {done}/{total}" if total else f" {done}"
            sys.stderr.write(f"\r{text or self.label}{counts}\x1b[K")
            sys.stderr.flush()
            self.shown = True
        return True

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _suffix_of(head: bytes) -> str:
    """What a file read from stdin is, by its first bytes (it has no name to tell)."""
    if head.startswith(b"PK"):
        return ".ods" if b"opendocument.spreadsheet" in head[:100] else ".xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".xls"
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCARD"):
        return ".vcf"
    return ".csv"


def stdin_to_file(folder: Path) -> Path:
    """Standard input copied into a private file of `folder`, named for its format."""
    data = sys.stdin.buffer
    head = data.peek(128)[:128] if hasattr(data, "peek") else b""
    path = folder / ("entree-standard" + _suffix_of(head))
    with open(path, "wb") as out:
        shutil.copyfileobj(data, out)
    return path


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="webleads-")


def file_to_stdout(path: Path) -> None:
    with open(path, "rb") as f:
        shutil.copyfileobj(f, sys.stdout.buffer)
    sys.stdout.buffer.flush()
