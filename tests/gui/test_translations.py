"""The translation mechanism (issue 16): every string lupdate must see is literal, the table values the
window shows are in the catalog, and French plurals come from the French .qm."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def test_the_labels_catalog_is_up_to_date() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("update_translations", I18N / "update_translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.catalog_source()
    assert (ROOT / "gui" / "labels_catalog.py").read_text(encoding="utf-8") == expected, (
        "run python resources/i18n/update_translations.py"
    )


def test_no_string_is_hidden_from_lupdate() -> None:
    """tr(variable) is invisible to lupdate: table values go through gui.labels.tr_label, the rest is literal;
    and no message sits in an empty context."""
    hidden = []
    for path in sorted((ROOT / "gui").glob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\.tr\((?!\s*[\"']|\s*f[\"']|\s*$)", line) or re.search(r"(?<![.\w])tr\(\"", line):
                hidden.append(f"{path.name}:{n}")
    assert hidden == []
    tree = ET.parse(I18N / "webleads_fr.ts")
    assert all((c.findtext("name") or "").strip() for c in tree.iter("context"))


def test_french_plurals_come_from_the_qm(qapp: object) -> None:
    translate = QCoreApplication.translate
    assert translate("MainWindow", "%Ln contact(s)", "", 1) == "1 contact"
    assert translate("MainWindow", "%Ln contact(s)", "", 0) == "0 contact"
    assert translate("MainWindow", "%Ln contact(s)", "", 2) == "2 contacts"
    assert translate("ExportContacts", "%n contact(s) exporté(s) dans {path}.", "", 3) == "3 contacts exportés dans {path}."
