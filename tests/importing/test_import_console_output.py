"""What `import` prints without --json: the counts, the first lines of each kind, and where the full list is."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from tests.cli_helpers import CliRun, cli

HEADER = "Nom;Prénom;Adresse;CP;Ville;E-mail\n"


def _file(tmp_path: Path, refused: int, duplicates: int, warned: int) -> Path:
    lines = [HEADER]
    lines += [f"Sansmoyen{i};Jean;;;;\n" for i in range(refused)]  # no way to reach them: refused
    for i in range(duplicates):  # each person twice: the second row completes (or repeats) the first
        lines += [f"Double{i};Anne;;;;anne{i}@exemple.fr\n", f"Double{i};Anne;;;;anne{i}@exemple.fr\n"]
    # a postcode that is not the city's: created, with a warning (names far apart: not duplicates)
    lines += [
        f"Averti{chr(65 + i) * 4};Luc;1 rue Haute;75001;Lyon;luc{i}@exemple.fr\n" for i in range(warned)
    ]
    path = tmp_path / "clients.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, *extra: str) -> CliRun:
    run = cli(capsys, "--db", str(tmp_path / "base.sqlite"), "import", str(path), "--source-kind", "direct",
              "--source-name", "Comptoir", *extra)  # fmt: skip
    assert run.code == 0, run.err
    return run


def test_counts_first_lines_of_each_kind_and_the_report_in_the_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_home: Path
) -> None:
    """40 refused rows, 30 duplicates, 12 warned creations: the counts, five lines of each kind with how many
    more, and the full list written in the data folder (its place printed) — not one line per row."""
    run = _import(capsys, tmp_path, _file(tmp_path, refused=40, duplicates=30, warned=12))
    out = run.out.splitlines()
    assert out[0] == "Import terminé : clients.csv, feuille « clients »"
    assert out[1].startswith("  lues 112, créées 42, complétées 0, déjà à jour 30, ignorées 0, refusées 40")
    kinds = [line for line in out if not line.startswith("    ")][2:]
    assert kinds[:3] == [
        "  Refusé : 40 ligne(s)",
        "  Déjà à jour (doublon) : 30 ligne(s)",
        "  Créé avec avertissement : 12 ligne(s)",
    ]
    first_refused = out.index("  Refusé : 40 ligne(s)") + 1
    assert out[first_refused].startswith("    ligne 2 : Aucun moyen de contact")
    assert [line.split(" :")[0] for line in out[first_refused : first_refused + 5]] == [
        f"    ligne {n}" for n in range(2, 7)
    ]
    assert out[first_refused + 5] == "    … et 35 autre(s)"
    assert out.count("    … et 25 autre(s)") == 1 and out.count("    … et 7 autre(s)") == 1
    assert len(out) == 2 + 3 * 7 + 1
    report = re.fullmatch(r"  Rapport complet \((\d+) ligne\(s\) à revoir\) : (.+)", out[-1])
    assert report is not None
    path = Path(report.group(2))
    assert path.parent == data_home / "rapports" and path.name.startswith("import-") and path.exists()
    sheet = openpyxl.load_workbook(path, read_only=True).active
    assert sheet.max_row - 1 == int(report.group(1)) == 40 + 12  # refused and warned rows, every one


def test_the_report_asked_for_is_the_one_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """With --report, its path is printed and nothing is written in the data folder."""
    report = tmp_path / "revoir.xlsx"
    run = _import(
        capsys, tmp_path, _file(tmp_path, refused=8, duplicates=0, warned=0), "--report", str(report)
    )
    assert run.out.splitlines()[-1] == f"  Rapport complet (8 ligne(s) à revoir) : {report}"
    assert report.exists()


def test_a_short_list_is_printed_whole_without_a_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_home: Path
) -> None:
    """Every row fits in the text: no report is written and none is mentioned."""
    run = _import(capsys, tmp_path, _file(tmp_path, refused=3, duplicates=2, warned=0))
    assert "Rapport" not in run.out and "autre(s)" not in run.out
    assert run.out.count("    ligne ") == 5
    assert not (data_home / "rapports").exists()


def test_json_is_unchanged_and_writes_no_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_home: Path
) -> None:
    """--json still lists every row to review and writes nothing beside the base."""
    run = _import(capsys, tmp_path, _file(tmp_path, refused=40, duplicates=0, warned=0), "--json")
    assert len(run.json["rows"]) == 40
    assert not (data_home / "rapports").exists()
