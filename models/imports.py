"""Imports: what was imported, from where, by whom, with what result; and saved column mappings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class ImportRecord(Base):
    """One import of a file (file name and checksum, who, when, source, counts)."""

    __tablename__ = "import_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    sheet: Mapped[str] = mapped_column(String(100), default="")
    imported_by: Mapped[str] = mapped_column(String(80), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # docs/rules.md §3: the source of the data decides the information owed (art. 13 or 14).
    source_kind: Mapped[str] = mapped_column(String(10))
    source_name: Mapped[str] = mapped_column(String(150))
    source_date: Mapped[date] = mapped_column(Date)
    on_duplicate: Mapped[str] = mapped_column(String(10), default="merge")
    form_version_id: Mapped[int | None] = mapped_column(Integer)
    read_count: Mapped[int] = mapped_column(Integer, default=0)
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    merged_count: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    refused_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)


class MappingPreset(Base):
    """A named column mapping the user saved in the wizard (header text -> contact field), as JSON."""

    __tablename__ = "mapping_presets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    mapping: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
