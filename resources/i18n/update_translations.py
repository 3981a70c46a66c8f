"""Refresh the translation sources and build the .qm files (run from anywhere):

    python resources/i18n/update_translations.py

French is the source language: every window string is written in French in `self.tr("…")` or
QT_TRANSLATE_NOOP. pyside6-lupdate collects them from gui/*.py into webleads_en.ts (open it in Qt
Linguist to translate into English), then pyside6-lrelease builds webleads_en.qm, which the app loads
on an English system once it holds translations. Commit both files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = {"en": "en_GB"}


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} introuvable : installez PySide6 (pip install PySide6-Essentials).")
    return found


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gui").glob("*.py"))
    for code, target in LANGUAGES.items():
        ts = HERE / f"webleads_{code}.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), *sources, "-source-language", "fr_FR", "-target-language", target,
             "-no-obsolete", "-locations", "relative", "-ts", str(ts.relative_to(ROOT))],
            cwd=ROOT,
            check=True,
        )  # fmt: skip
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
