"""Sheets whose dense block is gigantic (issue 13): a 1.6 KB .xlsx with cells A1 and XFD1048576 made the
fast reader allocate 512 GB and abort the process — the window would die. The extent is now measured
from the cells present; a sparse sheet is streamed. Each import runs in its own process: a native abort
cannot hide, and the status is always 0 or 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from services.core.sheet_extent import Extent, ods_extent, xls_extent, xlsx_extent
from tests.hostile_files import ods, ods_cell, ods_row, xls, xlsx

ROOT = Path(__file__).resolve().parents[2]


def dry_run(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "base.sqlite"), "import", str(path),
         "--source-kind", "direct", "--source-name", "Salon", "--dry-run", "--json"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode in (0, 2), (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    return done


def read_people(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_xlsx_with_a_cell_at_the_far_corner(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "coin.xlsx", [("XFD1048576", "x")])
    assert path.stat().st_size < 2000
    assert xlsx_extent(path, "Clients") == Extent(7, 1048576, 16384)
    result = read_people(dry_run(path, tmp_path))
    assert result["read"] == 2  # DUPONT and MARTIN
    assert any("XFD1048576" in w for w in result["file_warnings"])


def test_xlsx_with_a_far_cell_written_oddly(tmp_path: Path) -> None:
    """A reference after a tab instead of a space is still XML the fast reader follows: measured too."""
    path = xlsx(tmp_path / "tab.xlsx", [("XFD1048576", "x")], odd=True)
    assert xlsx_extent(path, "Clients") == Extent(7, 1048576, 16384)
    assert read_people(dry_run(path, tmp_path))["read"] == 2


def test_xlsx_whose_dimension_lies_and_far_rows(tmp_path: Path) -> None:
    """The `dimension` element claims the whole sheet: the cells present decide. A cell a million rows
    down in column A is legitimate: read by streaming, Excel's line numbers kept."""
    liar = xlsx(tmp_path / "dimension.xlsx", [], dimension="A1:XFD1048576")
    assert xlsx_extent(liar, "Clients") == Extent(6, 3, 2)
    assert read_people(dry_run(liar, tmp_path))["read"] == 2
    far = xlsx(tmp_path / "loin.xlsx", [("A1048576", "DURAND")])
    result = read_people(dry_run(far, tmp_path))
    assert result["read"] == 3
    assert [r["line"] for r in result["rows"]] == [] or all(r["line"] <= 1048576 for r in result["rows"])


def test_ods_with_repeated_rows_and_columns(tmp_path: Path) -> None:
    """.ods says `number-rows-repeated` / `number-columns-repeated`: empty repeats are nothing, a far
    cell is streamed, and a value repeated over a whole sheet really is 17 billion cells: refused."""
    tail = ods(tmp_path / "libreoffice.ods", [ods_row([ods_cell(None, 1024)], 1048573)])
    assert ods_extent(tail, "Clients") == Extent(6, 3, 2)
    assert read_people(dry_run(tail, tmp_path))["read"] == 2
    far = ods(
        tmp_path / "coin.ods",
        [ods_row([ods_cell(None, 2)], 1048572), ods_row([ods_cell(None, 16383), ods_cell("x")])],
    )
    assert ods_extent(far, "Clients") == Extent(7, 1048576, 16384)
    result = read_people(dry_run(far, tmp_path))
    assert result["read"] == 2 and any("XFD1048576" in w for w in result["file_warnings"])
    dense = ods(tmp_path / "plein.ods", [ods_row([ods_cell("x", 16384)], 1048573)])
    done = dry_run(dense, tmp_path)
    assert done.returncode == 2 and "trop de cellules" in done.stderr


def test_xls_with_a_cell_at_the_far_corner(tmp_path: Path) -> None:
    """An .xls is at most 65,536 × 256: the fast reader took 1 GB and 3 s for two cells; streamed now."""
    path = xls(tmp_path / "coin.xls", [(65535, 255, "x")])
    assert xls_extent(path, "Clients") == Extent(7, 65536, 256)
    result = read_people(dry_run(path, tmp_path))
    assert result["read"] >= 2


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".xls"])
def test_a_dense_sheet_is_still_read_by_the_fast_reader(tmp_path: Path, suffix: str) -> None:
    """A sheet whose block is its cells is no business of streaming (the same values either way)."""
    from services.core.sheet_reader import read_grid

    path = {".xlsx": lambda p: xlsx(p, []), ".ods": lambda p: ods(p, []), ".xls": lambda p: xls(p, [])}[
        suffix
    ](tmp_path / f"clients{suffix}")
    grid = read_grid(path)
    assert grid.rows == [["Nom", "Ville"], ["DUPONT", "Lyon"], ["MARTIN", "Nantes"]]
    assert grid.warnings == []
