"""Copies of a SQLite base taken while it is open (docs/rules.md §10.3): the SQLite backup API, never a
copy of the live file, written under a temporary name and renamed when complete, so that a crash or a
`kill -9` mid-copy leaves the earlier copies and the base as they were.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

FOLDER_NAME = "sauvegardes"
PARTIAL = ".partiel"


def backup_folder(base: Path) -> Path:
    """`sauvegardes/` beside the base, private to its owner."""
    folder = base.parent / FOLDER_NAME
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def backup_name(reason: str, when: datetime, suffix: str = ".sqlite") -> str:
    """webleads-20261130-081500-quotidienne.sqlite: sorted by name is sorted by time."""
    return f"webleads-{when.strftime('%Y%m%d-%H%M%S')}-{reason}{suffix}"


def partial_path(target: Path) -> Path:
    return target.with_name(target.name + PARTIAL)


def snapshot(source: Path, target: Path, progress: Callable[[int, int, int], object] | None = None,
             pages: int = 4096) -> Path:  # fmt: skip
    """Copy the base at `source` into `target` (owner-only), atomically; progress(status, remaining,
    total) after each step of `pages` pages."""
    tmp = partial_path(target)
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            with dst:
                src.backup(dst, pages=pages, progress=progress)
        finally:
            dst.close()
    finally:
        src.close()
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)
    _sync_folder(target.parent)
    return target


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
