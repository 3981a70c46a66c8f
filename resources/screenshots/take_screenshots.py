"""Regenerate the README's screenshots, offscreen:

python resources/screenshots/take_screenshots.py

- contacts.png: the contact list of 100 demo contacts;
- home-empty-WxH.png: the first start's assistant on an empty base;
- home-demo-WxH.png: the home page of a demo base (its title and band);
- home-overdue-WxH.png: the home page of a base with notices, requests and art. 14 notices late (built by
  tests/dashboard_helpers.py, with a year of calls for the charts),
each at 1280×800 and 1920×1080.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SIZES = ((1280, 800), (1920, 1080))


def overdue_base(path: Path) -> None:
    from models.database import open_database
    from models.phone import CALL_OUTCOMES, CallLogEntry
    from tests.dashboard_helpers import build_overdue_base

    db = open_database(f"sqlite:///{path}")
    rng = random.Random(14)
    with db.session() as s:
        people = build_overdue_base(s, date.today())
        ids = [i for ids in people.values() for i in ids]
        now = datetime.now(UTC)
        s.add_all(
            CallLogEntry(contact_id=rng.choice(ids), called_at=now - timedelta(days=rng.random() * 360),
                         callee_zone="Europe/Paris", phone="+33612345678", outcome=rng.choice(CALL_OUTCOMES[:5]))
            for _ in range(600)
        )  # fmt: skip
    db.dispose()


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="wl-shots-"))
    os.environ["WEBLEADS_HOME"] = str(home)  # fresh window state, nothing from the user's own app
    os.environ.pop("WEBLEADS_DB", None)
    demo = home / "demo.sqlite"
    subprocess.run(
        [sys.executable, "main.py", "--db", str(demo), "init", "--demo", "100"], cwd=ROOT, check=True
    )
    empty = home / "empty.sqlite"
    subprocess.run([sys.executable, "main.py", "--db", str(empty), "init"], cwd=ROOT, check=True)
    sys.path.insert(0, str(ROOT))
    overdue = home / "overdue.sqlite"
    subprocess.run([sys.executable, "main.py", "--db", str(overdue), "init"], cwd=ROOT, check=True)
    overdue_base(overdue)
    from PySide6.QtWidgets import QApplication  # noqa: TID251 (a GUI tool, not the business layer)

    from gui import app as gui_app
    from gui.main_window import MainWindow

    app = QApplication([])
    gui_app.configure_settings()
    gui_app.install_translators(app)

    def settle(window: MainWindow) -> None:
        """Until the home page shows its counts and its charts (or the assistant)."""
        page = window.screens["home"]
        end = time.monotonic() + 20
        while time.monotonic() < end and page.canvas is None and not page.showing_assistant():  # type: ignore[attr-defined]
            app.processEvents()
            time.sleep(0.02)
        for _ in range(25):
            app.processEvents()
            time.sleep(0.02)

    for name, base in (("empty", empty), ("demo", demo), ("overdue", overdue)):
        db = gui_app.open_base(str(base))
        for width, height in SIZES:
            window = MainWindow(db)
            window.resize(width, height)
            window.show()
            settle(window)
            out = HERE / f"home-{name}-{width}x{height}.png"
            window.grab().save(str(out))
            print(out)
            window.close()
        db.dispose()

    db = gui_app.open_base(str(demo))
    window = MainWindow(db)
    window.resize(1560, 820)
    window.show()
    app.processEvents()
    window.show_section("contacts")
    screen = window.screen("contacts")
    screen.select_row(4)  # type: ignore[union-attr]
    app.processEvents()
    window.grab().save(str(HERE / "contacts.png"))
    print(HERE / "contacts.png")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
