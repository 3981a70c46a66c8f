"""Demo data never mixes with a real identity (issue 14): `init --demo` marks its base and refuses a real
one, a real identity is refused in a demo base, and every PDF printed from a demo base says
« DÉMONSTRATION »."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from services.core.demo_base import is_demo, use_base_marks
from services.core.pdf_watermark import WATERMARK, demo_watermark, set_demo_watermark
from services.core.settings import DemoIdentityRefused, get_setting, set_settings
from services.partners.notice_letters import write_notice_letter
from tests.cli_helpers import cli


def _text(pdf: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)


def _pages_marked(pdf: Path) -> list[bool]:
    return [WATERMARK in (page.extract_text() or "") for page in PdfReader(pdf).pages]


def test_init_demo_marks_the_base_and_a_second_run_adds_to_it(tmp_path: Path, capsys) -> None:
    """An empty base becomes a demonstration base; more demo contacts may go into it later."""
    db = str(tmp_path / "demo.sqlite")
    r = cli(capsys, "--db", db, "init", "--demo", "12", "--json")
    assert r.code == 0, r.err
    assert r.json["demo"] is True and r.json["demo_added"] == 12
    assert "DÉMONSTRATION" in cli(capsys, "--db", db, "init").out
    r = cli(capsys, "--db", db, "init", "--demo", "3", "--json")
    assert r.code == 0 and r.json["contacts"] == 15
    assert cli(capsys, "--db", str(tmp_path / "vide.sqlite"), "init", "--json").json["demo"] is False


def test_init_demo_refuses_a_base_with_a_real_contact(tmp_path: Path, capsys) -> None:
    """One contact typed by the shop is enough: nothing is added, exit 2, one French line."""
    db = str(tmp_path / "shop.sqlite")
    r = cli(capsys, "--db", db, "contacts", "add", "--last-name", "Durand", "--source-kind", "direct",
            "--source-name", "Comptoir")  # fmt: skip
    assert r.code == 0, r.err
    r = cli(capsys, "--db", db, "init", "--demo", "20", "--json")
    assert r.code == 2 and "contacts réels" in r.err and r.out == ""
    assert len(r.err.strip().splitlines()) == 1
    assert len(cli(capsys, "--db", db, "contacts", "list", "--json").json) == 1
    assert cli(capsys, "--db", db, "init", "--json").json["demo"] is False


def test_init_demo_refuses_a_base_with_a_real_identity(tmp_path: Path, capsys) -> None:
    """A shop that typed its name (today a letter could print it beside the demo's rights e-mail)."""
    db = str(tmp_path / "shop.sqlite")
    assert cli(capsys, "--db", db, "settings", "set", "org.name=Quincaillerie Dubois").code == 0
    r = cli(capsys, "--db", db, "init", "--demo", "5")
    assert r.code == 2 and "Quincaillerie Dubois" in r.err
    assert cli(capsys, "--db", db, "contacts", "list", "--json").json == []


def test_a_demo_base_made_before_the_mark_is_recognised(db, capsys) -> None:
    """Demo contacts and the demo identity, with no mark (an older version's `init --demo`): accepted, marked."""
    from services.contacts.demo import add_demo_contacts, add_demo_organisation, fill_demo_base

    with db.session() as s:
        add_demo_contacts(s, 30)
        add_demo_organisation(s)
    with db.session() as s:
        assert not is_demo(s)
        assert fill_demo_base(s, 5) == 5
    with db.session() as s:
        assert is_demo(s)


def test_a_real_identity_is_refused_in_a_demo_base(db) -> None:
    """The demo's identity stays as it is (saving it unchanged is fine); the rules' durations may change."""
    from services.contacts.demo import fill_demo_base

    with db.session() as s:
        fill_demo_base(s, 3)
    with db.session() as s:
        name = get_setting(s, "org.name")
        set_settings(
            s, {"org.name": name, "org.address": get_setting(s, "org.address"), "rules.suppression_years": 4}
        )
    with pytest.raises(DemoIdentityRefused, match="base vierge"), db.session() as s:
        set_settings(s, {"rules.suppression_years": 5, "org.siret": "123 456 789 00012"})
    with db.session() as s:
        assert get_setting(s, "org.siret") == "" and get_setting(s, "rules.suppression_years") == 4


def test_settings_set_in_a_demo_base_says_to_start_a_clean_one(tmp_path: Path, capsys) -> None:
    """The command line refuses it with status 2, naming the way out."""
    db = str(tmp_path / "demo.sqlite")
    assert cli(capsys, "--db", db, "init", "--demo", "2").code == 0
    r = cli(capsys, "--db", db, "settings", "set", "org.email=contact@dubois.fr")
    assert r.code == 2 and "init" in r.err and "démonstration" in r.err


def test_every_pdf_printed_from_a_demo_base_is_marked(tmp_path: Path, capsys) -> None:
    """Labels, letters, a form, the record of processing, a dossier, a calibration sheet: each page marked."""
    db = str(tmp_path / "demo.sqlite")
    assert cli(capsys, "--db", db, "init", "--demo", "30").code == 0
    out = tmp_path / "campagne"
    r = cli(capsys, "--db", db, "campaign", "postal", "--name", "Démo", "--template", "L7160", "--out", str(out),
            "--json")  # fmt: skip
    assert r.code == 0, r.err
    pdfs = [Path(f) for f in r.json["files"] if f.endswith(".pdf")]
    r = cli(capsys, "--db", db, "forms", "add", "--name", "Comptoir", "--channel", "paper", "--purpose", "offres",
            "--json")  # fmt: skip
    version = str(r.json["version"])
    pdfs.append(tmp_path / "form.pdf")
    assert cli(capsys, "--db", db, "forms", "print", version, str(pdfs[-1])).code == 0
    pdfs.append(tmp_path / "registre.pdf")
    assert cli(capsys, "--db", db, "export", "register", "processing", str(pdfs[-1])).code == 0
    ref = cli(capsys, "--db", db, "contacts", "list", "--json").json[0]["ref"]
    pdfs.append(tmp_path / "dossier.pdf")
    assert cli(capsys, "--db", db, "contacts", "dossier", ref, str(pdfs[-1])).code == 0
    pdfs.append(tmp_path / "calibrage.pdf")
    assert (
        cli(capsys, "--db", db, "labels", "calibration", "--template", "L7160", "--out", str(pdfs[-1])).code
        == 0
    )
    assert len(pdfs) == 6
    for pdf in pdfs:
        marks = _pages_marked(pdf)
        assert marks and all(marks), pdf.name


def test_a_real_base_prints_no_mark_and_the_mark_follows_the_base_opened(tmp_path: Path, capsys) -> None:
    """The mark is decided when a base is opened: a real base after a demo one prints clean PDFs."""
    demo = str(tmp_path / "demo.sqlite")
    assert cli(capsys, "--db", demo, "init", "--demo", "2").code == 0
    assert demo_watermark()
    shop = str(tmp_path / "shop.sqlite")
    assert cli(capsys, "--db", shop, "settings", "set", "org.name=Quincaillerie Dubois").code == 0
    assert not demo_watermark()
    out = tmp_path / "calibrage.pdf"
    assert (
        cli(capsys, "--db", shop, "labels", "calibration", "--template", "L7160", "--out", str(out)).code == 0
    )
    assert WATERMARK not in _text(out)


def test_a_partner_notice_letter_is_marked_too(tmp_path: Path) -> None:
    """The notices' letter to a partner goes through the same canvas."""
    set_demo_watermark(True)
    out = tmp_path / "notification.pdf"
    write_notice_letter(
        out, org={"org.name": "Jardinerie des Lilas (démonstration)"}, partner_name="Cuisines Martin",
        partner_address="", partner_email="", events=Counter({"opposition": 2}), list_file="liste.xlsx",
        lines=[f"C-{n:06d}" for n in range(1, 120)], on=date(2026, 11, 30),
    )  # fmt: skip
    marks = _pages_marked(out)
    assert len(marks) >= 2 and all(marks)


def test_use_base_marks_reads_the_base(db) -> None:
    """Opening a base sets the mark from its setting, both ways."""
    set_demo_watermark(True)
    with db.session() as s:
        assert use_base_marks(s) is False
    assert not demo_watermark()
