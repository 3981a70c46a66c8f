"""A contact: a private person or a business contact, with the source of its data."""

from __future__ import annotations

import os
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped, UTCDateTime, utcnow

# Allowed values, kept as plain strings in the base (readable in every export and on both engines).
CIVILITIES = ("", "M.", "Mme")
STATUSES = ("prospect", "customer")
PERSON_KINDS = ("consumer", "professional")
# docs/rules.md §3: collected directly (art. 13) or obtained from others (art. 14).
SOURCE_KINDS = ("direct", "partner", "broker", "public")

REF_PREFIX = "C-"


def format_ref(contact_id: int) -> str:
    """The stable short reference printed on every letter: C-000123."""
    return f"{REF_PREFIX}{contact_id:06d}"


def parse_ref(text: str) -> int | None:
    """The contact id behind a reference typed or scanned ("C-000123", "c000123", "123"), else None."""
    t = text.strip().upper().replace(" ", "")
    if t.startswith(REF_PREFIX):
        t = t[len(REF_PREFIX) :]
    elif t.startswith("C"):
        t = t[1:]
    return int(t) if t.isdigit() and len(t) <= 12 else None


def new_journal_key() -> bytes:
    """A contact's own key: its personal values in the journal are sealed with it (models.journal)."""
    return os.urandom(32)


class Contact(Timestamped, Base):
    __tablename__ = "contacts"
    # AUTOINCREMENT: an erased contact's id (and so its reference) is never given to someone else.
    __table_args__ = (
        # Covering index: the list sorted by name, filtered or not by the search box, is read from the
        # index alone, in order (no table lookups, no sort of 50,000 matches on a one-letter search).
        Index("ix_contacts_last_name", "last_name", "id", "erased_at", "search_text"),
        Index("ix_contacts_postcode", "postcode"),
        Index("ix_contacts_email", "email"),
        Index("ix_contacts_phone", "phone"),
        Index("ix_contacts_mobile", "mobile"),
        Index("ix_contacts_to_check", "to_check"),
        # The home page: the chart by source and status, and the art. 14 and retention counts read from the
        # index alone (migration 0018); returned letters (NPAI) are few, so only they are indexed.
        Index(
            "ix_contacts_kind_status",
            "source_kind",
            "status",
            "erased_at",
            "source_date",
            "last_contact_on",
            "customer_until",
        ),
        Index(
            "ix_contacts_npai",
            "npai_on",
            sqlite_where=text("npai_on IS NOT NULL"),
            postgresql_where=text("npai_on IS NOT NULL"),
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    civility: Mapped[str] = mapped_column(String(8), default="")
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    company: Mapped[str] = mapped_column(String(150), default="")
    # NF Z10-011 lines 2-6 (docs/rules.md §8.2); line 1 is built from civility/names/company.
    address_complement: Mapped[str] = mapped_column(String(100), default="")  # flat, floor, c/o
    address_building: Mapped[str] = mapped_column(String(100), default="")  # entrance, building
    address_street: Mapped[str] = mapped_column(String(100), default="")  # number and street
    address_extra: Mapped[str] = mapped_column(String(100), default="")  # lieu-dit, BP
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    cedex: Mapped[str] = mapped_column(String(20), default="")  # "", "CEDEX", "CEDEX 09"
    country: Mapped[str] = mapped_column(String(2), default="FR")  # ISO 3166-1 alpha-2
    phone: Mapped[str] = mapped_column(String(20), default="")  # E.164
    mobile: Mapped[str] = mapped_column(String(20), default="")  # E.164
    email: Mapped[str] = mapped_column(String(254), default="")
    status: Mapped[str] = mapped_column(String(12), default="prospect")
    person_kind: Mapped[str] = mapped_column(String(12), default="consumer")
    customer_until: Mapped[date | None] = mapped_column(Date)  # end of the customer relationship
    # docs/rules.md §6.1: the last contact coming from the person (a reply, a visit, a call they made).
    last_contact_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The source that decides the information owed (docs/rules.md §3.2); later sources go to ContactSource.
    source_kind: Mapped[str] = mapped_column(String(10))
    source_name: Mapped[str] = mapped_column(String(150))
    source_date: Mapped[date] = mapped_column(Date)
    # Returned "N'habite pas à l'adresse indiquée": the address is unusable until it is corrected.
    npai_on: Mapped[date | None] = mapped_column(Date)
    # Erased or anonymised (docs/rules.md §5-6): the row keeps its id, the personal fields are blanked.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # « À vérifier » (services.contacts.to_check): a doubt left by an import's cleaning, with its
    # reasons one per line; cleared when a person edits and saves the contact.
    to_check: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    to_check_reasons: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Lower-cased, accent-free text of the searchable fields (services.search keeps it current).
    search_text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # The key of this contact's personal values in the journal (docs/rules.md §10.2); the erasure deletes
    # it, which leaves those values unreadable without rewriting a single event.
    journal_key: Mapped[bytes | None] = mapped_column(LargeBinary, default=new_journal_key)

    tags: Mapped[list[ContactTag]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactTag.name"
    )
    sources: Mapped[list[ContactSource]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactSource.id"
    )

    # Optimistic locking: a stale save raises StaleDataError instead of overwriting another's edit.
    __mapper_args__ = {"version_id_col": version}

    @property
    def ref(self) -> str:
        return format_ref(self.id)

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]


class ContactTag(Base):
    __tablename__ = "contact_tags"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    contact: Mapped[Contact] = relationship(back_populates="tags")


class ContactSource(Base):
    """Every source the contact's data came from, the first one included (history)."""

    __tablename__ = "contact_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(150))
    obtained_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")  # e.g. "import fichier.xlsx"
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    contact: Mapped[Contact] = relationship(back_populates="sources")
