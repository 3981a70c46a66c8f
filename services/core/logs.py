"""The log file in the user's data folder: full traces go there, users see plain words."""

from __future__ import annotations

import logging
import os
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler

from services.core.paths import log_file


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file, the new one after a rotation too, is readable by its owner only
    (traces may quote personal data): created 0600 whatever the umask (it used to come back 0644)."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        stream = open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: SIM115  # the handler closes it
        assert isinstance(stream, TextIOWrapper)
        return stream


def _log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """An error in a destructor (a zip file a library left open on a full disk, closed when collected)
    goes to the log: Python would print its trace on stderr, where the user reads one French line."""
    logging.getLogger("webleads").warning(
        "erreur ignorée dans %r",
        unraisable.object,
        exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback)
        if unraisable.exc_value is not None
        else None,
    )


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    sys.unraisablehook = _log_unraisable
    path = log_file()
    handler = PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    path.chmod(0o600)  # a file an older version made
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
