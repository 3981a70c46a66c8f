"""Postal campaigns: letter template versions, who received what, NPAI returns, label sheets, printers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow

# docs/rules.md §3.5: what the letter carried for this person.
NOTICE_KINDS = ("art13", "art14", "reminder")


class LetterTemplateVersion(Base):
    """One saved version of a letter and its notices (Jinja text). Never edited: a save adds a version."""

    __tablename__ = "letter_template_versions"
    __table_args__ = (UniqueConstraint("name", "number", name="uq_letter_template_versions_name_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    number: Mapped[int] = mapped_column(Integer, default=1)
    body: Mapped[str] = mapped_column(Text, default="")  # the campaign's letter
    notice_art13: Mapped[str] = mapped_column(Text, default="")  # collected directly
    notice_art14: Mapped[str] = mapped_column(Text, default="")  # obtained from others (names the source)
    reminder: Mapped[str] = mapped_column(Text, default="")  # already informed
    objection: Mapped[str] = mapped_column(Text, default="")  # art. 21(4): always, on its own
    created_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def label(self) -> str:
        """What InformedRecord.notice_version records: "Courrier standard v3"."""
        return f"{self.name} v{self.number}"[:40]


class CampaignRecipient(Base):
    """Who received a postal campaign's letter n and label n, with which template version and notice."""

    __tablename__ = "campaign_recipients"
    __table_args__ = (Index("ix_campaign_recipients_campaign_position", "campaign_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # letter n = label n (household members share n)
    template_version_id: Mapped[int] = mapped_column(ForeignKey("letter_template_versions.id"))
    notice: Mapped[str] = mapped_column(String(10))  # art13, art14, reminder
    address: Mapped[str] = mapped_column(Text, default="")  # the block printed, one line per line
    sent_on: Mapped[date] = mapped_column(Date)


class NpaiReturn(Base):
    """An envelope returned "N'habite pas à l'adresse indiquée"; Contact.npai_on holds the live flag."""

    __tablename__ = "npai_returns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"))
    returned_on: Mapped[date] = mapped_column(Date)
    address: Mapped[str] = mapped_column(Text, default="")  # the address that came back
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CustomLabelTemplate(Base):
    """A label sheet defined in the editor (millimetres), beside the built-in Avery/Zweckform ones."""

    __tablename__ = "label_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    description: Mapped[str] = mapped_column(String(150), default="")
    page_width: Mapped[float] = mapped_column(Float, default=210.0)
    page_height: Mapped[float] = mapped_column(Float, default=297.0)
    columns: Mapped[int] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer)
    label_width: Mapped[float] = mapped_column(Float)
    label_height: Mapped[float] = mapped_column(Float)
    left_margin: Mapped[float] = mapped_column(Float)
    top_margin: Mapped[float] = mapped_column(Float)
    h_pitch: Mapped[float] = mapped_column(Float)
    v_pitch: Mapped[float] = mapped_column(Float)
    corner_radius: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PrinterOffset(Base):
    """How far a printer shifts the page (mm, + = right/down), measured with the calibration page."""

    __tablename__ = "printer_offsets"

    printer: Mapped[str] = mapped_column(String(150), primary_key=True)  # "" = default printer
    dx_mm: Mapped[float] = mapped_column(Float, default=0.0)
    dy_mm: Mapped[float] = mapped_column(Float, default=0.0)
