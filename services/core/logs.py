"""The log file in the user's data folder: full traces go there, users see plain words."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from services.core.paths import log_file


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    path = log_file()
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    path.chmod(0o600)  # traces may quote personal data
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
