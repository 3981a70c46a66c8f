"""What pip installs is what the app uses: every runtime dependency is imported, and the data ship."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CODE = ("main.py", "cli", "gui", "models", "services")

# The module through which the app uses each distribution (an indirect use names the module that loads it).
IMPORTED_AS = {
    "pyside6-essentials": "PySide6",
    "pyside6-pdf": "PySide6.QtPdf",
    "sqlalchemy": "sqlalchemy",
    "alembic": "alembic",
    "platformdirs": "platformdirs",
    "xlsxwriter": "xlsxwriter",
    "python-calamine": "python_calamine",
    "reportlab": "reportlab",
    "rl-accel": "reportlab.lib.rl_accel",  # reportlab's module that loads rl_accel's C functions
    "phonenumbers": "phonenumbers",
    "email-validator": "email_validator",
    "rapidfuzz": "rapidfuzz",
    "vobject": "vobject",
    "holidays": "holidays",
    "jinja2": "jinja2",
    "tzdata": "zoneinfo",  # zoneinfo reads tzdata where the system has no time-zone database
    "cryptography": "cryptography",
    "pyrage": "pyrage",
    "openpyxl": "openpyxl.worksheet._reader",  # streams sparse sheets (services/core/sheet_extent.py)
    "xlrd": "xlrd",
    "matplotlib": "matplotlib.figure",  # the dashboard's charts (services/compliance/dashboard_charts.py)
    "pypdf": "pypdf",  # joins a long campaign's PDF parts (services/core/pdf_join.py)
}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imports() -> set[str]:
    found: set[str] = set()
    files = [ROOT / "main.py"] + [p for d in CODE[1:] for p in (ROOT / d).rglob("*.py")]
    for path in files:
        for m in re.finditer(
            r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", path.read_text("utf-8"), re.M
        ):
            module = m.group(1) or m.group(2)
            parts = module.split(".")
            found.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return found


def test_every_runtime_dependency_is_imported_by_the_app() -> None:
    """A dependency nobody imports is weight in every install and bundle: move it to an extra."""
    imports = _imports()
    names = [_name(r) for r in PYPROJECT["project"]["dependencies"]]
    unknown = [n for n in names if n not in IMPORTED_AS]
    assert unknown == [], "say in IMPORTED_AS which module uses it"
    assert [n for n in names if IMPORTED_AS[n] not in imports] == []
    # psycopg is loaded by SQLAlchemy for a postgresql+psycopg:// URL: an extra for pip users.
    assert "psycopg" in {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["postgres"]}


def test_test_dependencies_stay_out_of_the_runtime() -> None:
    """defusedxml and xlwt only serve the tests (reading back, writing .xls); openpyxl is the app's own
    since it streams sparse sheets (issue 13), pypdf since it joins a long campaign's PDFs (issue 17)."""
    runtime = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    assert not runtime & {"defusedxml", "xlwt", "pytest", "pyinstaller"}
    test = PYPROJECT["project"]["optional-dependencies"]["test"]
    assert "webleads-tracker[postgres]" in test  # CI runs the PostgreSQL tests


def test_package_data_covers_every_resource_file() -> None:
    """`pip install .` (not editable) ships every data file the app reads through importlib.resources."""
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["resources"]
    shipped = {p for pattern in patterns for p in (ROOT / "resources").glob(pattern) if p.is_file()}
    wanted = [
        p
        for folder in ("data", "fonts", "icons")
        for p in (ROOT / "resources" / folder).rglob("*")
        if p.is_file() and p.suffix != ".py"
    ] + list((ROOT / "resources" / "i18n").glob("*.qm"))
    assert sorted(str(p.relative_to(ROOT)) for p in wanted if p not in shipped) == []


def test_entry_points_name_both_programs() -> None:
    """`webleads` (the command line) and `webleads-tracker` (the window, no console on Windows)."""
    project = PYPROJECT["project"]
    assert project["scripts"] == {"webleads": "main:main"}
    assert project["gui-scripts"] == {"webleads-tracker": "main:main"}
