"""The log may quote personal data: every file of it stays readable by its owner only (issue 13)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from services.core.logs import PrivateRotatingFileHandler


def test_the_log_stays_private_after_it_rotates(tmp_path: Path) -> None:
    """After a rotation the new webleads.log came back 0644 (the umask's)."""
    old = os.umask(0o022)
    try:
        path = tmp_path / "webleads.log"
        handler = PrivateRotatingFileHandler(path, maxBytes=300, backupCount=2, encoding="utf-8")
        logger = logging.getLogger("test.rotation")
        logger.propagate = False
        logger.addHandler(handler)
        for i in range(20):
            logger.warning("ligne %s : Mme Dupont, 12 rue des Lilas", i)
        handler.close()
        logger.removeHandler(handler)
    finally:
        os.umask(old)
    files = sorted(tmp_path.iterdir())
    assert [p.name for p in files] == ["webleads.log", "webleads.log.1", "webleads.log.2"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
