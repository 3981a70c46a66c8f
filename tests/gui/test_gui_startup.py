"""The window starts fast: an up-to-date base opens without importing Alembic, and heavy libraries wait."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from models.database import MIGRATIONS_DIR, open_database, quick_head_revision

ROOT = Path(__file__).resolve().parents[2]


def test_quick_head_agrees_with_alembic() -> None:
    """The migration head read as text is the one Alembic computes."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert quick_head_revision() == ScriptDirectory.from_config(cfg).get_current_head()


def test_up_to_date_base_opens_without_alembic_and_window_modules_stay_light(tmp_path: Path) -> None:
    """Re-opening a migrated base imports neither Alembic nor openpyxl/reportlab (start-up time)."""
    base = tmp_path / "b.sqlite"
    open_database(f"sqlite:///{base}").dispose()
    code = (
        "import sys; from models.database import open_database; "
        f"open_database('sqlite:///{base}').dispose(); "
        "import gui.app, gui.main_window, gui.contacts_screen; "
        "print(sorted(m for m in ('alembic', 'openpyxl', 'reportlab') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_a_base_choice_starts_the_window_directly() -> None:
    """`main.py` and `main.py --db X` go straight to the window; everything else to the command line."""
    from main import window_db_arg

    assert window_db_arg([]) == (True, None)
    assert window_db_arg(["--db", "/tmp/b.sqlite"]) == (True, "/tmp/b.sqlite")
    assert window_db_arg(["--db=postgresql:///shop"]) == (True, "postgresql:///shop")
    for argv in (["--help"], ["init"], ["--db", "x", "contacts", "list"], ["--db", "--json"], ["--db"]):
        assert window_db_arg(argv) == (False, None), argv
