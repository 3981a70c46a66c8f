"""Telephone prospecting: contracts on a contact, the append-only call log, the callbacks asked for."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow

# The outcomes a caller can log (docs/rules.md §2.4: "not interested" and "do not call me" are separate).
CALL_OUTCOMES = (
    "no-answer",
    "busy",
    "callback",
    "interested",
    "not-interested",
    "do-not-call",
    "wrong-number",
)
# In French, as the caller's keys, the registers and the history say them.
CALL_OUTCOME_LABELS = {
    "no-answer": "Pas de réponse",
    "busy": "Occupé",
    "callback": "Rappel",
    "interested": "Intéressé",
    "not-interested": "Pas intéressé",
    "do-not-call": "Ne plus m'appeler",
    "wrong-number": "Faux numéro",
}
CALL_SOURCES = ("in-house", "call-centre")
# What made the call lawful (docs/rules.md §1.2): a consent record, a running contract, or a business number.
CALL_BASES = ("consent", "contract", "professional", "none")


class Contract(Base):
    """A contract running with the person: opens the running-contract exception (docs/rules.md §1.2)."""

    __tablename__ = "contracts"
    __table_args__ = (Index("ix_contracts_contact_key", "contact_id", "subject_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(150))
    # The subject folded (lower case, no accents, single spaces): what a campaign's subject is matched on.
    subject_key: Mapped[str] = mapped_column(String(150))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)  # None: open-ended
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CallLogEntry(Base):
    """One call or attempt. Append-only: never updated, never deleted by the application."""

    __tablename__ = "call_log"
    # Covering: the 30-day counts and the last « pas intéressé » are read from the index alone; the home
    # page's calls per outcome per week are range counts on the second (services.compliance.dashboard_figures).
    __table_args__ = (
        Index("ix_call_log_contact_at", "contact_id", "called_at", "outcome", "callee_zone"),
        Index("ix_call_log_outcome_at", "outcome", "called_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    called_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # UTC
    callee_zone: Mapped[str] = mapped_column(String(40))  # the callee's IANA zone at the time
    phone: Mapped[str] = mapped_column(String(20), default="")  # the number dialled (E.164)
    caller: Mapped[str] = mapped_column(String(80), default="")
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(12), default="none")
    consent_record_id: Mapped[int | None] = mapped_column(ForeignKey("consent_records.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    source: Mapped[str] = mapped_column(String(12), default="in-house")
    source_file: Mapped[str] = mapped_column(String(255), default="")
    # Only for calls imported from a call centre that the rules forbade at that moment: the reason.
    breach: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Callback(Base):
    """A callback the person asked for during a call; done when a later call is logged."""

    __tablename__ = "callbacks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call_log.id", ondelete="CASCADE"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # UTC
    done_by_call_id: Mapped[int | None] = mapped_column(ForeignKey("call_log.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
