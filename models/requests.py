"""Requests from the people whose data is kept (GDPR art. 15-22): logged with their deadline."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow

REQUEST_KINDS = ("access", "rectification", "erasure", "restriction", "objection", "portability")
REQUEST_OUTCOMES = ("granted", "partial", "refused")


class DataRequest(Base):
    __tablename__ = "data_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The person may not (or no longer) be in the base: their name is kept as they wrote it.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    requester: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(14))
    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(12), default="letter")
    details: Mapped[str] = mapped_column(Text, default="")
    # Art. 12(3): told of an extension (with its reasons) within the first month.
    extended_on: Mapped[date | None] = mapped_column(Date)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(10), default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    # What the request did (docs/rules.md §5.1, §5.5-§5.7): an objection's scope and the opposition it
    # recorded at receipt; the fields erased by a partial answer (JSON list); the dossier written.
    scope: Mapped[str] = mapped_column(String(10), default="")
    opposition_id: Mapped[int | None] = mapped_column(ForeignKey("oppositions.id"))
    fields: Mapped[str] = mapped_column(Text, default="[]")
    dossier_file: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
