"""Forms: the information text and the boxes come pre-filled; a used version is never changed."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from models.compliance import FormVersion
from models.database import Database
from services.compliance.consents import record_consent
from services.compliance.forms import create_form, edit_version, version_boxes
from services.compliance.printed_forms import write_form_pdf
from services.core.errors import InputError
from services.core.settings import get_settings, set_settings
from tests.helpers import make_contact

PARIS = ZoneInfo("Europe/Paris")  # the business's zone (setting business.timezone)


def _org(s) -> None:
    set_settings(s, {"org.name": "Atelier Cœur d'Œuvre", "org.address": "2 rue de l'Église, 69002 Lyon",
                     "org.email": "bonjour@atelier.example", "org.rights_contact": "rgpd@atelier.example"})  # fmt: skip


def test_information_text_has_every_rules_section_3_item(db: Database) -> None:
    """Identity, purpose, legal bases, recipients, transfers, retention, rights, CNIL, optional, objection, L223-2."""
    with db.session() as s:
        _org(s)
        v = create_form(s, "Comptoir", "counter", "Vous envoyer nos offres", "Cuisinistes; Assureurs")
        text = v.info_text
    for needle in ("Atelier Cœur d'Œuvre", "Vous envoyer nos offres", "intérêt légitime", "consentement",
                   "Cuisinistes, Assureurs", "hors de l'Union européenne", "3 ans", "rectification", "effacement",
                   "limitation", "portabilité", "retrait", "CNIL", "facultative", "DROIT D'OPPOSITION",
                   "L223-2", "rgpd@atelier.example"):  # fmt: skip
        assert needle in text, needle


def test_boxes_use_the_cnil_wording_and_one_opt_in_per_category(db: Database) -> None:
    """The CNIL boxes name the organisation (elided), the partner box lists categories, opt-ins are separate."""
    with db.session() as s:
        _org(s)
        boxes = {
            b.key: b.label
            for b in version_boxes(create_form(s, "F", "paper", "Offres", "Cuisinistes;Assureurs"))
        }
    assert boxes["refuse_post"].startswith("Je m'oppose à ce que mes coordonnées postales soient utilisées")
    assert "offres d'Atelier Cœur d'Œuvre par courrier postal" in boxes["refuse_post"]
    assert "(Cuisinistes, Assureurs) pour recevoir leurs offres par courrier." in boxes["refuse_partners"]
    assert list(boxes) == ["refuse_post", "refuse_phone", "refuse_partners", "accept_phone",
                           "accept_phone_partner:Cuisinistes", "accept_phone_partner:Assureurs"]  # fmt: skip


def test_form_without_categories_has_no_partner_box(db: Database) -> None:
    """No category named: nobody can be sent to partners, so no partner box is printed."""
    with db.session() as s:
        keys = [b.key for b in version_boxes(create_form(s, "F", "web", "Offres"))]
    assert keys == ["refuse_post", "refuse_phone", "accept_phone"]


def test_unused_version_is_edited_in_place_used_one_gets_a_new_version(db: Database) -> None:
    """Editing before use changes the version; after a consent points to it, the edit makes version 2."""
    with db.session() as s:
        v = create_form(s, "F", "paper", "Offres", "Cuisinistes")
        same = edit_version(
            s, v.id, purpose="Offres et actualités", info_text=v.info_text, partner_categories="Cuisinistes"
        )
        assert same.id == v.id and same.purpose == "Offres et actualités"
        record_consent(
            s,
            make_contact(s).id,
            v.id,
            refuse_post=True,
            recorded_on=datetime(2026, 11, 2, tzinfo=PARIS),
            channel="paper",
        )
        before = (v.info_text, v.boxes)
        new = edit_version(
            s, v.id, purpose="Autre", info_text="Nouveau texte", partner_categories="Cuisinistes;Banques"
        )
        assert (new.id != v.id, new.number) == (True, 2)
        assert (v.info_text, v.boxes) == before
        assert json.loads(new.partner_categories) == ["Cuisinistes", "Banques"]
        assert s.scalar(select(func.count(FormVersion.id))) == 2


@pytest.mark.parametrize(
    ("name", "channel", "purpose"), [("", "paper", "x"), ("F", "fax", "x"), ("F", "paper", " ")]
)
def test_bad_form_input_is_refused(db: Database, name: str, channel: str, purpose: str) -> None:
    """A form needs a name, a known channel and a purpose."""
    with db.session() as s, pytest.raises(InputError):
        create_form(s, name, channel, purpose)


def test_printed_form_renders_accents_and_the_reference(db: Database, tmp_path: Path) -> None:
    """The A4 PDF carries the organisation, the boxes, the contact's reference; accents survive extraction."""
    pdf = tmp_path / "form.pdf"
    with db.session() as s:
        _org(s)
        v = create_form(s, "Comptoir", "counter", "Offres « sur mesure »", "Cuisinistes")
        c = make_contact(s, first_name="Zoé", last_name="Lefèbvre")
        write_form_pdf(pdf, v, get_settings(s, "organisation"), c)
        ref = c.ref
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.5)  # A4
    for needle in (
        "Atelier Cœur d'Œuvre",
        f"Réf. {ref}",
        "Je m'oppose",
        "J'accepte",
        "Signature",
        "LEFÈBVRE",
        "«",
    ):
        assert needle in text, needle
    if subprocess.run(["which", "pdftoppm"], capture_output=True).returncode == 0:
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
        assert (tmp_path / "p-1.png").stat().st_size > 1000


def test_missing_organisation_settings_are_reported(db: Database) -> None:
    """Without the organisation's name and address the form text is incomplete, and the user is told so."""
    from services.compliance.forms import organisation_warnings

    with db.session() as s:
        assert "le nom" in organisation_warnings(get_settings(s, "organisation"))[0]
        _org(s)
        assert organisation_warnings(get_settings(s, "organisation")) == []


def test_printed_form_points_up_to_the_boxes_it_prints_above(db: Database, tmp_path: Path) -> None:
    """docs/rules.md §4.1: the information under the boxes says « les cases ci-dessus », never « ci-dessous »."""
    from pypdf import PdfReader

    with db.session() as s:
        version = create_form(s, "Comptoir", "counter", "Prospection", "Assureurs")
        out = tmp_path / "formulaire.pdf"
        write_form_pdf(out, version, get_settings(s, "organisation"), None)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "ci-dessous" not in text and "cases ci-dessus" in text
    assert text.index("Vos choix") < text.index("cases ci-dessus")
