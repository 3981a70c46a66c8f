"""Partners, what was transmitted to them, and the notices owed to them (docs/rules.md §1, §5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, utcnow


class Partner(Base):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True)
    category: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(Text, default="")
    notice_email: Mapped[str] = mapped_column(String(254), default="")
    notice_address: Mapped[str] = mapped_column(Text, default="")
    agreement_ref: Mapped[str] = mapped_column(String(100), default="")
    shared_fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of agreed fields
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Transmission(Base):
    """One file sent to one partner."""

    __tablename__ = "transmissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    sent_on: Mapped[date] = mapped_column(Date)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    checksum: Mapped[str] = mapped_column(String(64), default="")  # SHA-256 of the file
    fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of the fields sent
    contact_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    partner: Mapped[Partner] = relationship()


class TransmissionLine(Base):
    """Which contact went to which partner on which date: the basis of propagation."""

    __tablename__ = "transmission_lines"
    __table_args__ = (Index("ix_transmission_lines_contact_partner", "contact_id", "partner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transmission_id: Mapped[int] = mapped_column(ForeignKey("transmissions.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"))
    # docs/rules.md §1.6: whether this person's numbers went too, and on which consent (a professional's
    # go without one); when that basis ends, the partner is told.
    phone_sent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    phone_consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent_records.id"))


class PropagationNotice(Base):
    """A notice owed to a partner after an objection, erasure or rectification (docs/rules.md §5.3)."""

    __tablename__ = "propagation_notices"
    # One notice per opposition and partner, however often the propagation is triggered.
    __table_args__ = (
        UniqueConstraint("opposition_id", "partner_id", name="uq_propagation_notices_opposition_partner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    event: Mapped[str] = mapped_column(
        String(14)
    )  # opposition, erasure, rectification, consent_end, correction
    opposition_id: Mapped[int | None] = mapped_column(ForeignKey("oppositions.id"))
    # consent_end: the number sent whose basis ended (one notice per number sent).
    line_id: Mapped[int | None] = mapped_column(ForeignKey("transmission_lines.id"), index=True)
    scope: Mapped[str] = mapped_column(String(10), default="")
    due_on: Mapped[date] = mapped_column(Date)
    overdue_on: Mapped[date] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(40), default="")
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    # JSON object: the identifiers the partner received (field -> value), captured when the notice is
    # created, so that an erasure notice can still name the person; cleared once acknowledged.
    identifiers: Mapped[str] = mapped_column(Text, default="{}")
    # Rectification: the fields changed, "field: old -> new"; otherwise free text.
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Not to send after all: its objection was a typing error, voided before the notice went (docs/rules.md §5.10).
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
