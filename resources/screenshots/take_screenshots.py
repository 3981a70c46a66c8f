"""Regenerate the README's screenshot(s) from 100 demo contacts, offscreen:

python resources/screenshots/take_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="wl-shots-"))
    os.environ["WEBLEADS_HOME"] = str(home)  # fresh window state, nothing from the user's own app
    os.environ.pop("WEBLEADS_DB", None)
    base = home / "demo.sqlite"
    subprocess.run(
        [sys.executable, "main.py", "--db", str(base), "init", "--demo", "100"], cwd=ROOT, check=True
    )
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication  # noqa: TID251 (a GUI tool, not the business layer)

    from gui import app as gui_app
    from gui.main_window import MainWindow

    app = QApplication([])
    gui_app.configure_settings()
    gui_app.install_translators(app)
    db = gui_app.open_base(str(base))
    window = MainWindow(db)
    window.resize(1560, 820)
    window.show()
    app.processEvents()
    screen = window.screen("contacts")
    screen.select_row(4)  # type: ignore[union-attr]
    app.processEvents()
    window.grab().save(str(HERE / "contacts.png"))
    print(HERE / "contacts.png")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
