"""What people were told and what they chose: forms, consent records, oppositions, suppression list."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ColumnElement, Date, ForeignKey, Index, Integer, String, Text, and_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, utcnow

FORM_CHANNELS = ("paper", "web", "phone", "counter", "event")
# How a consent came in: the form channels, plus a letter, an e-mail and a file import; in French.
CONSENT_CHANNELS = (*FORM_CHANNELS, "letter", "email", "import")
CONSENT_CHANNEL_LABELS = {
    "paper": "formulaire papier", "web": "formulaire du site web", "phone": "script téléphonique",
    "counter": "comptoir du magasin", "event": "salon ou événement", "letter": "courrier", "email": "e-mail",
    "import": "import de fichier",
}  # fmt: skip
# The document that carried the information owed (docs/rules.md §3.5), in French.
INFORMED_DOCUMENT_LABELS = {"form": "formulaire", "letter": "courrier", "phone": "appel"}
# docs/rules.md §5.1: the scopes an objection can cover; "all" covers every prospecting channel.
OPPOSITION_SCOPES = ("all", "post", "phone", "partners")
# "file": found in a file the business imported (docs/rules.md §5.9), e.g. its former CRM's "do not contact".
OPPOSITION_CHANNELS = ("letter", "slip", "phone", "email", "in-person", "partner", "file")
SUPPRESSION_KINDS = ("email", "phone", "name_postcode")


class Form(Base):
    """A collection form (shop counter paper form, website form, phone script, event)."""

    __tablename__ = "forms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    channel: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    versions: Mapped[list[FormVersion]] = relationship(back_populates="form", order_by="FormVersion.number")


class FormVersion(Base):
    """What the person saw. Immutable once a consent record points to it (docs/rules.md §4.4)."""

    __tablename__ = "form_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id"), index=True)
    number: Mapped[int] = mapped_column(Integer, default=1)
    purpose: Mapped[str] = mapped_column(Text, default="")
    info_text: Mapped[str] = mapped_column(Text, default="")
    # JSON list of the partner categories named on the form (docs/rules.md §1.5: transmission needs them).
    partner_categories: Mapped[str] = mapped_column(Text, default="[]")
    # JSON list of {"key": ..., "label": exact wording shown}; keys: refuse_post, refuse_phone,
    # refuse_partners, accept_phone, accept_phone_partner:<category>.
    boxes: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    form: Mapped[Form] = relationship(back_populates="versions")


class ConsentRecord(Base):
    """One person's answers on one form version. Append-only: choices are derived from the latest."""

    __tablename__ = "consent_records"
    # Covering every box: the latest answer of each contact is read from the index alone (100,000 rows),
    # in the order the rules read them, (recorded_on, id), without a sort (migration 0020).
    __table_args__ = (
        Index(
            "ix_consent_records_contact_at",
            "contact_id", "recorded_on", "id", "refuse_post", "refuse_phone", "refuse_partners", "accept_phone",
        ),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    form_version_id: Mapped[int | None] = mapped_column(ForeignKey("form_versions.id"), index=True)
    # None: the box was not on the form; True/False: as answered.
    refuse_post: Mapped[bool | None] = mapped_column(Boolean)
    refuse_phone: Mapped[bool | None] = mapped_column(Boolean)
    refuse_partners: Mapped[bool | None] = mapped_column(Boolean)
    accept_phone: Mapped[bool | None] = mapped_column(Boolean)  # consumer opt-in for the business
    accepted_partner_categories: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    recorded_on: Mapped[datetime] = mapped_column(UTCDateTime)  # when the person made the choice
    channel: Mapped[str] = mapped_column(String(12), default="paper")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    proof_kind: Mapped[str] = mapped_column(String(10), default="note")  # file, web_id, note
    proof: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    form_version: Mapped[FormVersion | None] = relationship()


class Opposition(Base):
    """An objection (docs/rules.md §5.1): effective at once, never removed by an edit, a merge or an import."""

    __tablename__ = "oppositions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(10))
    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(12))
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    from_partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"))
    # Only a later explicit consent record can lift a phone or partner opposition; both stay.
    lifted_by_consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent_records.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A typing error corrected within the day (docs/rules.md §5.10): kept, with why, when and by whom;
    # "moved" when it belonged to someone else (moved_to: the objection recorded for them), else "cancelled".
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    void_kind: Mapped[str] = mapped_column(String(10), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_by: Mapped[str] = mapped_column(String(80), default="")
    moved_to_id: Mapped[int | None] = mapped_column(ForeignKey("oppositions.id"))

    @hybrid_property
    def in_force(self) -> bool:
        """docs/rules.md §5.1, §5.10: neither lifted by a later consent nor voided as a typing error —
        the one condition every rule reads."""
        return self.lifted_by_consent_id is None and self.voided_at is None

    @in_force.inplace.expression
    @classmethod
    def _in_force_expression(cls) -> ColumnElement[bool]:
        return and_(cls.lifted_by_consent_id.is_(None), cls.voided_at.is_(None))


class InformedRecord(Base):
    """When and by which document the person received the information owed (docs/rules.md §3.5)."""

    __tablename__ = "informed_records"
    # Covering the transmission check "informed by a version naming this category" (docs/rules.md §1.5).
    __table_args__ = (Index("ix_informed_records_contact_version", "contact_id", "form_version_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    informed_on: Mapped[date] = mapped_column(Date)
    document: Mapped[str] = mapped_column(String(10))  # form, letter, phone
    full_notice: Mapped[bool] = mapped_column(Boolean, default=True)  # art. 13/14 text, not a reminder
    form_version_id: Mapped[int | None] = mapped_column(ForeignKey("form_versions.id"))
    notice_version: Mapped[str] = mapped_column(String(40), default="")  # letter template version
    campaign_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SuppressionEntry(Base):
    """The minimum kept to honour an objection after erasure: hashes only (docs/rules.md §5.2)."""

    __tablename__ = "suppression_entries"
    __table_args__ = (Index("ix_suppression_kind_hash", "kind", "hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(14))
    hash: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(10))
    opposed_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The objection that added the entry, so that voiding a typing error takes back what it added
    # (docs/rules.md §5.10); empty for entries kept after an erasure or from a request by a stranger.
    opposition_id: Mapped[int | None] = mapped_column(Integer)
