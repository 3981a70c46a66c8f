"""Done when (issue 13): no hostile file makes the process exit other than 0, 1 or 2, and no message a user
sees holds a Python trace or English. A sweep of small broken files, each imported in its own process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile_files import ods, xlsx

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(
    r"\b(error|errno|invalid|denied|cannot|failed|expected|unexpected|traceback|exception|file|not|"
    r"zip|xml|reference|character|limit|missing|found)\b",
    re.IGNORECASE,
)


def _truncated_xlsx(p: Path) -> None:
    xlsx(p, [])
    p.write_bytes(p.read_bytes()[:-40])


def _bad_xml_xlsx(p: Path) -> None:
    xlsx(p, [])
    data = {}
    with zipfile.ZipFile(p) as z:
        for name in z.namelist():
            data[name] = z.read(name)
    data["xl/worksheets/sheet1.xml"] = data["xl/worksheets/sheet1.xml"].replace(
        b"DUPONT", b"DU&#xFFFFFF;PONT"
    )
    with zipfile.ZipFile(p, "w") as z:
        for name, content in data.items():
            z.writestr(name, content)


def _bad_xml_ods(p: Path) -> None:
    ods(p, ["<table:table-row><table:table-cell office:value-type='string'><text:p>&bogus;</text:p>"])


def _ole_garbage(p: Path) -> None:
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000))


FILES: dict[str, Callable[[Path], None]] = {
    "vide.csv": lambda p: p.write_bytes(b""),
    "binaire.csv": lambda p: p.write_bytes(b"\x00\x01\x02" * 2000),
    "hasard.xlsx": lambda p: p.write_bytes(b"PK\x03\x04" + os.urandom(2000)),
    "tronque.xlsx": _truncated_xlsx,
    "xml-faux.xlsx": _bad_xml_xlsx,
    "xml-faux.ods": _bad_xml_ods,
    "ole.xls": _ole_garbage,
    "ole.xlsx": _ole_garbage,
    "carte.vcf": lambda p: p.write_text("BEGIN:VCARD\nVERSION:3.0\nN;;;\nFN\x00:\nEND:VCARD\nBEGIN:VCARD\n"),
    "guillemets.csv": lambda p: p.write_text('Nom;Ville\n"A;B\n"C";"D"E;F\n' * 50),
    "utf16.csv": lambda p: p.write_bytes("Nom;Ville\nDUPONT;Lyon\n".encode("utf-16")),
    "controle.csv": lambda p: p.write_bytes(b"Nom;Ville\n" + bytes(range(1, 32)) + b";Lyon\n"),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_hostile_file_gets_a_french_line_and_a_known_status(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    FILES[name](path)
    done = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "base.sqlite"), "import", str(path),
         "--source-kind", "direct", "--source-name", "Salon"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode in (0, 2), (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    if done.returncode:
        assert len(done.stderr.splitlines()) == 1, done.stderr
        words = ENGLISH.findall(done.stderr.replace(name, ""))
        assert words == [], done.stderr
