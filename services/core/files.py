"""Files the user asks for (PDF, .xlsx, .csv): written in full or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from services.core.errors import InputError


@contextmanager
def atomic_output(path: Path) -> Iterator[str]:
    """Yield a temporary file beside `path` to write; it replaces `path` only when the block ends
    without error. A crash, a bad row or a Cancel leaves the previous file (or none), never half of
    one. The file is readable by its owner only: it holds personal data."""
    if not path.parent.is_dir():
        raise InputError(f"Le dossier {path.parent} n'existe pas.")
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
