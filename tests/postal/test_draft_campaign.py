"""Issue 15: a campaign's labels and letters seen before anything is recorded, every page « BROUILLON »."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import func, select

from models.campaign import Campaign
from models.compliance import InformedRecord
from models.database import Database
from services.core.settings import set_settings
from services.postal.campaign import PostalRequest, draft_postal_campaign, run_postal_campaign
from tests.helpers import make_contact


def _texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_a_draft_is_the_campaign_marked_and_records_nothing(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        set_settings(
            s, {"org.name": "Dupont", "org.address": "1 rue X 69001 Lyon", "org.rights_contact": "d@x.fr"}
        )
        make_contact(s)
        make_contact(s, first_name="Paul", last_name="Durand", email="p@example.fr", mobile="")
        draft = draft_postal_campaign(s, PostalRequest(name="Automne"), tmp_path / "brouillon")
        assert (draft.recipients, draft.campaign_id) == (2, 0)
        for name in ("labels.pdf", "letters.pdf"):
            pages = _texts(tmp_path / "brouillon" / name)
            assert pages and all("BROUILLON" in p for p in pages), name
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0
        assert s.scalar(select(func.count()).select_from(InformedRecord)) == 0
        run_postal_campaign(s, PostalRequest(name="Automne"), tmp_path / "vraie")
    assert not any(
        "BROUILLON" in p for p in _texts(tmp_path / "vraie" / "letters.pdf")
    )  # the real one is not
