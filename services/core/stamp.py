"""What every register carries (docs/rules.md §10.2): the organisation that keeps it and the journal's head."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.journal import anchor_text
from services.core.settings import get_setting
from services.core.spreadsheet import Stamp


def register_stamp(session: Session) -> Stamp:
    return Stamp(organisation=str(get_setting(session, "org.name") or ""), anchor=anchor_text(session))
