"""Contacts out to .xlsx or .csv (services.core.spreadsheet), with headers the importer recognises.

A contacts export imports back with no change (the round trip): every header below is one the
import mapping knows, phones are written in E.164 and postcodes as text. 100,000 contacts are
streamed as Core rows (no ORM object) straight into the writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.contact import Contact, ContactTag, format_ref
from services.contacts.fields import PERSON_KIND_LABELS, SOURCE_KIND_LABELS, STATUS_LABELS
from services.contacts.selection import Selection, selection_condition
from services.core.spreadsheet import Column, check_xlsx_rows, write_table

# (header, kind, column): the header is what the importer maps back to the field.
EXPORT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Référence", "text", "id"),
    ("Civilité", "text", "civility"),
    ("Nom", "text", "last_name"),
    ("Prénom", "text", "first_name"),
    ("Société", "text", "company"),
    ("Complément (appt, étage, chez)", "text", "address_complement"),
    ("Bâtiment, résidence", "text", "address_building"),
    ("Numéro et voie", "text", "address_street"),
    ("Lieu-dit, BP", "text", "address_extra"),
    ("Code postal", "text", "postcode"),
    ("Ville", "text", "city"),
    ("CEDEX", "text", "cedex"),
    ("Pays", "text", "country"),
    ("Téléphone fixe", "text", "phone"),
    ("Portable", "text", "mobile"),
    ("E-mail", "text", "email"),
    ("Type", "text", "person_kind"),
    ("Statut", "text", "status"),
    ("Fin de la relation client", "date", "customer_until"),
    ("Dernier contact", "date", "last_contact_on"),
    ("Étiquettes", "text", "tags"),
    ("Notes", "text", "notes"),
    ("Origine des données", "text", "source_kind"),
    ("Nom de la source", "text", "source_name"),
    ("Date d'obtention", "date", "source_date"),
)
_DB_COLUMNS = [c for _, _, c in EXPORT_COLUMNS if c != "tags"]
_KIND, _STATUS, _SOURCE = (_DB_COLUMNS.index(c) for c in ("person_kind", "status", "source_kind"))
CHUNK = 5000


def export_columns() -> list[Column]:
    return [Column(h, kind) for h, kind, _ in EXPORT_COLUMNS]


def _tags_for(session: Session, ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    q = select(ContactTag.contact_id, ContactTag.name).where(ContactTag.contact_id.in_(ids))
    for cid, name in session.execute(q.order_by(ContactTag.contact_id, ContactTag.name)):
        out.setdefault(cid, []).append(name)
    return {k: "; ".join(v) for k, v in out.items()}


def contact_rows(session: Session, selection: Selection | None = None) -> Iterator[list[Any]]:
    """The export's rows, in name order, fetched in chunks of Core rows (memory stays flat)."""
    sel = selection or Selection()
    cols = [getattr(Contact, c) for c in _DB_COLUMNS]
    q = select(*cols).where(selection_condition(sel)).order_by(Contact.last_name, Contact.id)
    tag_pos = [c for _, _, c in EXPORT_COLUMNS].index("tags")
    has_tags = session.scalar(select(ContactTag.contact_id).limit(1)) is not None
    kind_labels, status_labels = PERSON_KIND_LABELS, STATUS_LABELS
    kinds = {k: SOURCE_KIND_LABELS[k] for k in SOURCE_KIND_LABELS}
    result = session.execute(q.execution_options(yield_per=CHUNK))
    for part in result.partitions(CHUNK):
        tags = _tags_for(session, [r[0] for r in part]) if has_tags else {}
        for r in part:
            row = list(r)
            cid = row[0]
            row[0] = format_ref(cid)
            row[_KIND] = kind_labels.get(row[_KIND], row[_KIND])
            row[_STATUS] = status_labels.get(row[_STATUS], row[_STATUS])
            row[_SOURCE] = kinds.get(row[_SOURCE], row[_SOURCE])
            row.insert(tag_pos, tags.get(cid, ""))
            yield row


def export_contacts(
    session: Session,
    path: Path,
    selection: Selection | None = None,
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Write the selected contacts (all live ones by default) to path (.xlsx or .csv); returns how many.
    More contacts than an .xlsx sheet holds are refused before anything is written (services.core.spreadsheet)."""
    if path.suffix.lower() == ".xlsx":
        total = session.scalar(
            select(func.count(Contact.id)).where(selection_condition(selection or Selection()))
        )
        check_xlsx_rows(path, total or 0)
    count = 0

    def counted() -> Iterator[list[Any]]:
        nonlocal count
        for row in contact_rows(session, selection):
            count += 1
            yield row

    write_table(path, "Contacts", export_columns(), counted(), progress)
    return count
