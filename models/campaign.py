"""A campaign (postal mailing or phone call list): who was selected, for what, when."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow

CAMPAIGN_KINDS = ("postal", "phone")


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # postal, phone
    name: Mapped[str] = mapped_column(String(150))
    purpose: Mapped[str] = mapped_column(Text, default="")
    # Phone: what the calls are about (docs/rules.md §1.7: some subjects are refused, a contract's subject
    # opens the running-contract exception). Postal: free text.
    subject: Mapped[str] = mapped_column(String(150), default="")
    # Phone: the category the campaign declares (docs/rules.md §1.7): energy, home-adaptation, cpf, other.
    subject_category: Mapped[str] = mapped_column(String(20), default="other", server_default="other")
    # Postal: what the letter is (docs/rules.md §3.2, §6.4): offer, notice (information only) or reconsent.
    letter_kind: Mapped[str] = mapped_column(String(10), default="offer", server_default="offer")
    selection: Mapped[str] = mapped_column(
        Text, default="{}"
    )  # JSON of services.contacts.selection.Selection
    run_on: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
