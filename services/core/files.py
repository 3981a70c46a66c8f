"""Files the user asks for (PDF, .xlsx, .csv): written in full or not at all.

A file is written under a temporary name beside its target, `.webleads-tmp-<pid>-<machine>-….ext`, then
renamed. A process killed meanwhile leaves that file (personal data) behind: the next export to that
folder, and every start for the app's own folder, removes those of processes that no longer run —
never anything else (an office suite's lock files, `.~lock.*#` or `~$*`, are not ours).
"""

from __future__ import annotations

import os
import re
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from models.errors import is_disk_full, os_error_text
from services.core.errors import InputError, UserError
from services.core.paths import data_dir

TMP_PREFIX = ".webleads-tmp-"
_OURS = re.compile(r"\.webleads-tmp-(\d+)-([A-Za-z0-9_-]{0,40})-.+")
STALE_ELSEWHERE = 24 * 3600  # a file another machine left in a shared folder: surely dead after a day


def _machine() -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", socket.gethostname())[:40] or "poste"


def temp_prefix() -> str:
    return f"{TMP_PREFIX}{os.getpid()}-{_machine()}-"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def clean_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files our processes left in `folder` when they died; returns them."""
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    here = _machine()
    for entry in entries:
        m = _OURS.fullmatch(entry.name)
        if m is None:
            continue
        try:
            if not entry.is_file():
                continue
            if m.group(2) == here:
                stale = not _running(int(m.group(1)))
            else:
                stale = time.time() - entry.stat().st_mtime > STALE_ELSEWHERE
            if stale:
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def file_error(exc: BaseException, path: Path) -> UserError:
    """One French line for a file that could not be written (exit status 1: the machine's state)."""
    if is_disk_full(exc):
        return UserError(
            f"Disque plein : impossible d'écrire « {path.name} » dans {path.parent} ; rien n'a été modifié. "
            "Libérez de la place puis recommencez."
        )
    reason = os_error_text(exc) if isinstance(exc, OSError) else "erreur d'écriture"
    return UserError(
        f"Impossible d'écrire « {path.name} » dans {path.parent} : {reason} ; rien n'a été modifié."
    )


def check_output(path: Path) -> None:
    """Before anything is changed: `path` can be written (its folder exists and takes a file)."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} est un dossier : indiquez un nom de fichier.")
    if not path.parent.is_dir():
        raise InputError(f"Le dossier {path.parent} n'existe pas.")
    try:
        fd, probe = tempfile.mkstemp(prefix=temp_prefix(), suffix=".essai", dir=path.parent)
    except OSError as exc:
        raise file_error(exc, path) from exc
    os.close(fd)
    with suppress(OSError):
        os.unlink(probe)


@contextmanager
def atomic_output(path: Path) -> Iterator[str]:
    """Yield a temporary file beside `path` to write; it replaces `path` only when the block ends
    without error. A crash, a bad row or a Cancel leaves the previous file (or none), never half of
    one. The file is readable by its owner only: it holds personal data. A full disk or a read-only
    folder is one French line (services.core.errors.UserError)."""
    if not path.parent.is_dir():
        raise InputError(f"Le dossier {path.parent} n'existe pas.")
    clean_stale_temporaries(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(), suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise file_error(exc, path) from exc
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise file_error(exc, path) from exc
    except BaseException as exc:
        if is_disk_full(exc):  # a library's own error around the OSError (xlsxwriter, reportlab)
            raise file_error(exc, path) from exc
        raise
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def clean_app_folders() -> None:
    """At start: the temporary files dead processes left in the app's own data folder."""
    clean_stale_temporaries(data_dir())
