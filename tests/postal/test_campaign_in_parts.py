"""Issue 17: a long campaign's PDFs are written in parts and joined — the same pages, in the same order,
with the same text as in one go; a label sheet goes on across a part's end; the people are recorded
once, after the files; a failure in a later part leaves no file, no part and no record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

import services.postal.campaign as campaign_module
import services.postal.labels as labels_module
import services.postal.letters as letters_module
from models.campaign import Campaign
from models.compliance import InformedRecord
from models.database import Database
from models.postal import CampaignRecipient
from services.core.errors import InputError
from services.core.settings import set_settings
from services.postal.campaign import PostalRequest, run_postal_campaign
from services.postal.label_sheets import get_template
from services.postal.labels import label_pages, write_labels
from services.postal.letter_templates import Block
from services.postal.letters import Letter, Organisation, write_letters
from tests.helpers import make_contact

ON = date(2026, 11, 20)
NAMES = ["Abel", "Berthe", "Céline", "Dédé", "Étienne", "Françoise", "Gaël"]


def texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def letters() -> list[Letter]:
    return [
        Letter([f"C-{i:06d}"], [f"Mme {name} MARTIN", f"{i} rue de la Paix", "69002 LYON"],
               [Block(f"Chère {name},")], [Block("Vos données : « œuvre » à l'été.")], [Block("Opposez-vous.")])
        for i, name in enumerate(NAMES, start=1)
    ]  # fmt: skip


def test_letters_in_parts_are_the_letters_in_one_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seven letters in parts of three: seven pages, in order, the same text, the fonts not repeated."""
    org = Organisation("Œnologie & Fils", "3 place Bellecour\n69002 Lyon")
    write_letters(tmp_path / "one.pdf", letters(), org, on=ON, title="Automne")
    monkeypatch.setattr(letters_module, "LETTERS_PER_PART", 3)
    pages = write_letters(tmp_path / "parts.pdf", iter(letters()), org, on=ON, title="Automne", total=7)
    assert pages == 7
    one, parts = texts(tmp_path / "one.pdf"), texts(tmp_path / "parts.pdf")
    assert parts == one and len(parts) == 7
    assert [next(n for n in NAMES if f"Chère {n}," in t) for t in parts] == NAMES
    assert PdfReader(tmp_path / "parts.pdf").metadata.title == "Automne"
    # Three parts, each with its fonts: the join shares what it can; never three times the size.
    assert (tmp_path / "parts.pdf").stat().st_size < 2 * (tmp_path / "one.pdf").stat().st_size
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".webleads-tmp")] == []


def test_labels_in_parts_continue_the_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting at label 19 of an L7160 sheet, one sheet per part: the labels run on across parts as on
    one sheet after another, and the page count is the same."""
    t = get_template(None, "L7160")
    blocks = [[f"M. CLIENT {i:02d}", f"{i} rue de la Paix", "69002 LYON"] for i in range(30)]
    write_labels(tmp_path / "one.pdf", blocks, t, start_at=19)
    monkeypatch.setattr(labels_module, "LABELS_PER_PART", t.per_page)
    pages = write_labels(tmp_path / "parts.pdf", blocks, t, start_at=19)
    assert pages == label_pages(30, t, 19) == 3
    one, parts = texts(tmp_path / "one.pdf"), texts(tmp_path / "parts.pdf")
    assert parts == one
    assert "CLIENT 02" in parts[0] and "CLIENT 03" in parts[1] and "CLIENT 29" in parts[2]
    assert "CLIENT 23" in parts[1] and "CLIENT 24" in parts[2] and "CLIENT 24" not in parts[1]


@pytest.fixture
def five(db: Database) -> None:
    with db.session() as s:
        set_settings(s, {"org.name": "Œnologie & Fils", "org.address": "3 place Bellecour\n69002 Lyon"})
        for i, name in enumerate(NAMES[:5]):
            make_contact(s, first_name=name, last_name="Martin", postcode=f"6900{i + 1}", city="Lyon")


def test_a_campaign_in_parts_records_everyone_once(
    db: Database, tmp_path: Path, five: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Letters in parts of two, labels a sheet per part, records two letters at a time: one letter each,
    in postcode order, everyone recorded once with their letter's position, no part left in the folder."""
    monkeypatch.setattr(letters_module, "LETTERS_PER_PART", 2)
    monkeypatch.setattr(labels_module, "LABELS_PER_PART", 1)
    monkeypatch.setattr(campaign_module, "RECORD_BATCH", 2)
    out = tmp_path / "out"
    with db.session() as s:
        outcome = run_postal_campaign(s, PostalRequest(name="Automne", on=ON), out)
    assert (outcome.recipients, outcome.letter_pages) == (5, 5)
    pages = texts(out / "letters.pdf")
    assert [next(n for n in NAMES if f"{n} MARTIN" in t) for t in pages] == NAMES[:5]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(InformedRecord)) == 5
        assert s.scalar(select(func.count(func.distinct(CampaignRecipient.contact_id)))) == 5
        assert s.scalar(select(func.count()).select_from(CampaignRecipient)) == 5
        positions = s.execute(select(CampaignRecipient.position).order_by(CampaignRecipient.position))
        assert [p for (p,) in positions] == [1, 2, 3, 4, 5]
    assert sorted(p.name for p in out.iterdir()) == ["excluded.xlsx", "labels.pdf", "letters.pdf"]


def test_a_failure_in_a_later_part_leaves_nothing(
    db: Database, tmp_path: Path, five: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fourth letter cannot be laid out, after two parts are written: no file, no part, no record."""
    monkeypatch.setattr(letters_module, "LETTERS_PER_PART", 2)
    fit = letters_module._fit
    calls: list[Letter] = []

    def failing_fit(wrapper: object, letter: Letter) -> object:
        calls.append(letter)
        if len(calls) == 4:
            raise InputError("Le courrier ne tient pas sur une page.")
        return fit(wrapper, letter)  # type: ignore[arg-type]

    monkeypatch.setattr(letters_module, "_fit", failing_fit)
    out = tmp_path / "out"
    with pytest.raises(InputError), db.session() as s:
        run_postal_campaign(s, PostalRequest(name="Automne", on=ON), out)
    assert len(calls) == 4
    assert list(out.iterdir()) == []
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(InformedRecord)) == 0
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0
