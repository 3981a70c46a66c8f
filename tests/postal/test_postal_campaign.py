"""Postal campaigns end to end: who is left out and why, notices per source, order, records, NPAI."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pdfplumber
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from models.compliance import InformedRecord
from models.contact import Contact
from models.database import Database
from models.postal import CampaignRecipient, NpaiReturn
from services.compliance.consents import record_consent
from services.compliance.oppositions import record_opposition
from services.contacts.editing import update_contact
from services.contacts.selection import Selection
from services.contacts.validation import ContactInput
from services.core.errors import InputError
from services.core.settings import set_settings
from services.postal.campaign import PostalRequest, preview, run_postal_campaign
from services.postal.letter_templates import DEFAULT_TEXTS, latest_version, save_version
from services.postal.returned_mail import record_npai
from tests.cli_helpers import cli
from tests.helpers import make_contact

PARIS = ZoneInfo("Europe/Paris")  # the business's zone (setting business.timezone)

ON = date(2026, 11, 20)


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def label_texts(path: Path, per_page: int = 21) -> list[str]:
    """The labels' text in label order (rows then columns), read back from the PDF."""
    from services.postal.label_sheets import get_template
    from services.postal.labels import MM

    t = get_template(None, "L7160")
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for i in range(per_page):
                x, y, w, h = t.label_rect(i)
                text = page.crop((x * MM, y * MM, (x + w) * MM, (y + h) * MM)).extract_text() or ""
                if text.strip():
                    out.append(text)
    return out


@pytest.fixture
def scenario(db: Database) -> dict[str, int]:
    """Contacts covering every case; returns their ids by role."""
    with db.session() as s:
        set_settings(s, {"org.name": "Œnologie & Fils", "org.address": "3 place Bellecour\n69002 Lyon",
                         "org.rights_contact": "dpo@oeno.fr"})  # fmt: skip
        ids = {
            "direct": make_contact(s, last_name="Direct", postcode="69003", city="Lyon").id,
            "partner": make_contact(
                s,
                last_name="Partenaire",
                postcode="75002",
                city="Paris",
                source_kind="partner",
                source_name="Salon de l'Habitat",
                source_date=date(2026, 3, 1),
            ).id,
            "informed": make_contact(s, last_name="Informee", postcode="13001", city="Marseille").id,
            "opposed_post": make_contact(s, last_name="Xopost", postcode="69001", city="Lyon").id,
            "opposed_all": make_contact(s, last_name="Xotout", postcode="69001", city="Lyon").id,
            "refused": make_contact(s, last_name="Xrefus", postcode="69001", city="Lyon").id,
            "npai": make_contact(s, last_name="Xnpai", postcode="69001", city="Lyon").id,
            "expired": make_contact(s, last_name="Xancien", source_date=date(2022, 1, 5)).id,
            "no_street": make_contact(s, last_name="Xsansrue", address_street="").id,
            "html": make_contact(
                s, first_name="Zoé", last_name='<b>& "Œuvre"', postcode="33000", city="Bordeaux"
            ).id,
        }
        s.add(InformedRecord(contact_id=ids["informed"], informed_on=date(2026, 5, 2), document="form",
                             full_notice=True))  # fmt: skip
        record_opposition(s, ids["opposed_post"], "post", "letter", date(2026, 6, 1))
        record_opposition(s, ids["opposed_all"], "all", "phone", date(2026, 6, 1))
        record_consent(
            s,
            ids["refused"],
            None,
            refuse_post=True,
            recorded_on=datetime(2026, 11, 1, 10, 0, tzinfo=PARIS),
            channel="paper",
        )
        s.flush()
        record_npai(s, f"C-{ids['npai']:06d}", date(2026, 10, 1))
    return ids


def run(db: Database, tmp_path: Path, **kw) -> tuple:  # type: ignore[no-untyped-def]
    with db.session() as s:
        outcome = run_postal_campaign(s, PostalRequest(name="Automne", on=ON, **kw), tmp_path)
    return outcome, page_texts(tmp_path / "letters.pdf"), label_texts(tmp_path / "labels.pdf")


def test_objected_and_ineligible_contacts_get_neither_label_nor_letter(
    db: Database, tmp_path: Path, scenario: dict[str, int]
) -> None:
    """docs/rules.md §1.1 post: opposed (post or all), refused, NPAI, retention expired, incomplete: left out."""
    outcome, letters, labels = run(db, tmp_path)
    everything = "\n".join(letters + labels).upper()
    for name in ("XOPOST", "XOTOUT", "XREFUS", "XNPAI", "XANCIEN", "XSANSRUE"):
        assert name not in everything, name
    assert outcome.excluded == {
        "opposed": 2,
        "refused": 1,
        "npai": 1,
        "retention_prospect": 1,
        "incomplete": 1,
    }
    assert outcome.recipients == len(letters) == len(labels) == 4
    rows = CalamineWorkbook.from_path(str(tmp_path / "excluded.xlsx")).get_sheet_by_index(0).to_python()
    assert rows[0][:5] == ["Référence", "Nom", "Code postal", "Ville", "Motif"]
    reasons = {r[1].split()[-1]: r[4] for r in rows[1:]}
    assert reasons["XOPOST"] == "Opposé à la prospection par courrier"
    assert reasons["XNPAI"].startswith("Courrier revenu")


def test_label_n_and_letter_n_are_the_same_person_sorted_by_postcode(
    db: Database, tmp_path: Path, scenario: dict[str, int]
) -> None:
    """Letter n goes with label n; both come out by postcode (13001, 33000, 69003, 75002)."""
    _, letters, labels = run(db, tmp_path)
    first_lines = [label.splitlines()[0] for label in labels]
    assert [line.split()[-1] for line in first_lines] == ["INFORMEE", '"ŒUVRE"', "DIRECT", "PARTENAIRE"]
    for label, letter in zip(labels, letters, strict=True):
        for line in label.splitlines():
            assert line in letter


def test_notice_per_source_kind(db: Database, tmp_path: Path, scenario: dict[str, int]) -> None:
    """Art. 13 when collected directly, art. 14 naming the source and its date, a reminder once informed."""
    _, letters, _ = run(db, tmp_path)
    by_name = {next(n for n in ("DIRECT", "PARTENAIRE", "INFORMEE", "ŒUVRE") if n in t): t for t in letters}
    art14 = " ".join(by_name["PARTENAIRE"].split())
    assert "auprès de Salon de l'Habitat (partenaire)" in art14
    assert "obtenues le 1er mars 2026" in art14
    assert "(identité, adresse postale, numéro de téléphone, adresse e-mail)" in art14
    art13 = " ".join(by_name["DIRECT"].split())
    assert "que vous nous avez communiquées le 1er mars 2026 (Comptoir du magasin)" in art13
    assert "Salon" not in art13 and "obtenues" not in art13
    reminder = " ".join(by_name["INFORMEE"].split())
    assert "Rappel" in reminder and "2 mai 2026" in reminder
    assert "réclamation auprès de la CNIL" in art13
    for (
        text
    ) in letters:  # docs/rules.md §3.3: the right to object, on its own, on every letter, with the slip
        assert "Votre droit d'opposition" in text
        assert "Je ne souhaite plus recevoir d'offres" in text
        assert "par courrier" in text and "par téléphone" in text
        assert "je m'oppose à la transmission à vos partenaires" in text


def test_campaign_records_versions_notices_and_informed(
    db: Database, tmp_path: Path, scenario: dict[str, int]
) -> None:
    """Who got which position, template version and notice; full notices mark the person informed."""
    outcome, _, _ = run(db, tmp_path)
    with db.session() as s:
        rows = s.scalars(select(CampaignRecipient).order_by(CampaignRecipient.position)).all()
        assert [r.position for r in rows] == [1, 2, 3, 4]
        notices = {r.contact_id: r.notice for r in rows}
        assert notices[scenario["direct"]] == "art13"
        assert notices[scenario["partner"]] == "art14"
        assert notices[scenario["informed"]] == "reminder"
        informed = s.scalars(
            select(InformedRecord).where(InformedRecord.campaign_id == outcome.campaign_id)
        ).all()
        assert {i.contact_id: i.full_notice for i in informed} == {
            scenario["direct"]: True, scenario["partner"]: True, scenario["html"]: True,
            scenario["informed"]: False,
        }  # fmt: skip
        assert {i.notice_version for i in informed} == {"Courrier standard v1"}
        assert {r.template_version_id for r in rows} == {latest_version(s).id}
    # The next campaign gives the newly informed people the reminder only.
    again = tmp_path / "again"
    again.mkdir()
    _, letters, _ = run(db, again)
    assert all("Rappel" in t for t in letters)


def test_merge_fields_print_literally(db: Database, tmp_path: Path, scenario: dict[str, int]) -> None:
    """A name with <, & and quotes prints as typed on the label and the letter (no markup, no break)."""
    with db.session() as s:
        texts = dict(
            DEFAULT_TEXTS,
            body="# Bonjour {{ prenom }} {{ nom }}\nÀ Noël : « fête » à Besançon, œuvre, cœur, élève.\n\n"
            + DEFAULT_TEXTS["body"],
        )
        save_version(s, "Courrier standard", texts)
    _, letters, labels = run(db, tmp_path)
    html_letter = next(t for t in letters if "ŒUVRE" in t)
    assert 'Mme Zoé <B>& "ŒUVRE"' in html_letter
    assert 'Bonjour Zoé <B>& "ŒUVRE"' in html_letter
    assert "À Noël : « fête » à Besançon, œuvre, cœur, élève." in html_letter  # accents and ligatures
    assert any('Mme Zoé <B>& "ŒUVRE"' in label for label in labels)


def test_template_versions_and_sandbox(db: Database) -> None:
    """Each saved template is a new version; unknown fields and unsafe code are refused before saving."""
    with db.session() as s:
        v1 = latest_version(s)
        v2 = save_version(s, v1.name, dict(DEFAULT_TEXTS, body="Madame, Monsieur,\n\nNouvelle offre."))
        assert (v1.number, v2.number) == (1, 2)
        assert (
            save_version(s, v1.name, dict(DEFAULT_TEXTS, body="Madame, Monsieur,\n\nNouvelle offre.")).id
            == v2.id
        )
        with pytest.raises(InputError, match="champ inconnu"):
            save_version(s, v1.name, dict(DEFAULT_TEXTS, body="{{ nom_inconnu }}"))
        with pytest.raises(InputError):
            save_version(s, v1.name, dict(DEFAULT_TEXTS, body="{{ nom.__class__.__mro__ }}"))
        with pytest.raises(InputError, match="ligne 1"):
            save_version(s, v1.name, dict(DEFAULT_TEXTS, body="{% if %}"))
        with pytest.raises(InputError, match="opposition"):
            save_version(s, v1.name, dict(DEFAULT_TEXTS, objection=""))


def test_npai_excludes_until_the_address_is_corrected(db: Database, tmp_path: Path) -> None:
    """A returned envelope excludes the contact; correcting the address makes it eligible again."""
    with db.session() as s:
        c = make_contact(s)
        record_npai(s, c.ref, date(2026, 11, 2))
    with db.session() as s:
        assert preview(s, PostalRequest(name="x")).counts() == {"npai": 1}
        assert s.scalars(select(NpaiReturn)).one().address.endswith("69002 LYON")
        contact = s.get(Contact, c.id)
        data = ContactInput.from_contact(contact)
        data.address_street = "8 rue Neuve"
        update_contact(s, c.id, contact.version, data)
    with db.session() as s:
        assert s.get(Contact, c.id).npai_on is None
        assert preview(s, PostalRequest(name="x")).letters == 1


def test_one_letter_per_household(db: Database) -> None:
    """Same address and name: one letter « M. et Mme DUPONT », both recorded."""
    with db.session() as s:
        make_contact(s, civility="Mme", first_name="Anne", last_name="Dupont")
        make_contact(s, civility="M.", first_name="Paul", last_name="Dupont")
        make_contact(s, civility="Mme", first_name="Zoé", last_name="Durand")
    with db.session() as s:
        grouped = preview(s, PostalRequest(name="x", one_per_household=True))
        assert grouped.letters == 2 and grouped.people == 3
        assert grouped.recipients[0].block.lines[0] == "M. et Mme DUPONT"
        assert preview(s, PostalRequest(name="x")).letters == 3


def test_selection_filters_apply(db: Database) -> None:
    """The campaign's selection is services.contacts.selection: postcode prefix (2A for Corsica), status, search."""
    with db.session() as s:
        make_contact(s, last_name="Corse", postcode="20000", city="Ajaccio")
        make_contact(s, last_name="Lyon")
    with db.session() as s:
        assert preview(s, PostalRequest(name="x", selection=Selection(postcode_prefix="2A"))).letters == 1
        assert preview(s, PostalRequest(name="x", selection=Selection(search="lyon"))).letters == 1
        assert preview(s, PostalRequest(name="x", selection=Selection(status="customer"))).letters == 0


def test_command_line_campaign_templates_and_npai(db: Database, tmp_path: Path, capsys, scenario) -> None:  # type: ignore[no-untyped-def]
    """`campaign postal --json`, `labels templates --json` and `campaign npai` as the contract says."""
    url = str(db.engine.url.render_as_string(hide_password=False))
    out = tmp_path / "out"
    out.mkdir()
    r = cli(capsys, "--db", url, "campaign", "postal", "--name", "Automne", "--template", "L7160",
            "--start-at", "3", "--postcode-prefix", "69", "--out", str(out), "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert r.json["recipients"] == 1
    assert r.json["excluded"] == {
        "opposed": 2,
        "refused": 1,
        "npai": 1,
        "retention_prospect": 1,
        "incomplete": 1,
    }
    assert (r.json["label_pages"], r.json["letter_pages"]) == (1, 1)
    assert sorted(p.name for p in out.iterdir()) == ["excluded.xlsx", "labels.pdf", "letters.pdf"]
    r = cli(capsys, "--db", url, "labels", "templates", "--json")
    codes = {t["code"]: t for t in r.json}
    for code in ("L7159", "L7160", "L7161", "L7162", "L7163", "L7165", "J8160", "J8163", "3422", "3474",
                 "3475", "3490"):  # fmt: skip
        assert code in codes
    assert codes["L7160"]["label_width"] == 63.5 and codes["L7160"]["per_page"] == 21
    r = cli(
        capsys, "--db", url, "campaign", "npai", f"C-{scenario['direct']:06d}", "--on", "2026-11-25", "--json"
    )
    assert r.code == 0 and r.json["npai_on"] == "2026-11-25"
    r = cli(capsys, "--db", url, "campaign", "postal", "--name", "X", "--template", "NOPE", "--out", str(out))
    assert r.code == 2 and "inconnu" in r.err


def test_cancel_leaves_no_file_and_no_record(db: Database, tmp_path: Path, scenario: dict[str, int]) -> None:
    """Cancel during the letters: no PDF, no spreadsheet, no campaign, nobody marked informed."""
    from services.core.errors import Cancelled

    def progress(done: int, total: int, text: str) -> bool:
        return not text.startswith("Courriers")

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled), db.session() as s:
        run_postal_campaign(s, PostalRequest(name="Annulée", on=ON), out, progress)
    assert [p.name for p in out.iterdir()] == []
    with db.session() as s:
        assert s.scalars(select(CampaignRecipient)).first() is None
        assert s.scalars(select(InformedRecord).where(InformedRecord.document == "letter")).first() is None


def test_campaign_refused_while_the_organisation_is_unnamed(db: Database, tmp_path: Path) -> None:
    """docs/rules.md §3.1: no letter leaves without naming the organisation; nothing is written or recorded."""
    with db.session() as s:
        make_contact(s)
    out = tmp_path / "campagne"
    with pytest.raises(InputError, match="Réglages"), db.session() as s:
        run_postal_campaign(s, PostalRequest(name="Test", template_code="L7160"), out)
    assert not out.exists()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(CampaignRecipient)) == 0
