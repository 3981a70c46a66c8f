"""Sending contacts to a partner (docs/rules.md §1.5): who may be sent, who is left out and why, the file, the log."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, case, exists, func, insert, literal, select
from sqlalchemy.orm import Session

from models.compliance import InformedRecord
from models.contact import Contact, format_ref
from models.partners import Partner, Transmission, TransmissionLine
from services.compliance.choices import opposed, refused_at_collection
from services.compliance.forms import versions_naming_category
from services.contacts.selection import Selection, selection_condition
from services.core.errors import Cancelled, InputError
from services.core.spreadsheet import Column, write_table
from services.partners.directory import SHAREABLE_FIELDS, partner_fields

# Checked in this order: each excluded contact is counted under its first reason.
EXCLUSION_REASONS: dict[str, str] = {
    "erased": "fiche effacée",
    "opposed": "opposé(e) à la transmission ou à toute prospection",
    "refused_at_collection": "a coché le refus de transmission sur le formulaire",
    "not_informed": "pas informé(e) de la transmission à cette catégorie de partenaires",
}


def informed_of_category(version_ids: list[int]) -> ColumnElement[bool]:
    """docs/rules.md §1.5: informed of the transmission by a form version that names the partner's category."""
    if not version_ids:
        return literal(False)
    return exists().where(
        and_(InformedRecord.contact_id == Contact.id, InformedRecord.form_version_id.in_(version_ids))
    )


def exclusion_reason(version_ids: list[int]) -> ColumnElement[str | None]:
    """docs/rules.md §1.5: why a contact may not be sent to a partner of this category (NULL: it may)."""
    return case(
        (Contact.erased_at.is_not(None), "erased"),  # docs/rules.md §5.5: erased means gone everywhere
        (opposed("partners"), "opposed"),  # docs/rules.md §5.1: opposed to partners or to all
        (
            refused_at_collection("refuse_partners"),
            "refused_at_collection",
        ),  # docs/rules.md §4.5: partner box
        (
            ~informed_of_category(version_ids),
            "not_informed",
        ),  # docs/rules.md §1.5: information before transmission
        else_=None,
    )


@dataclass
class TransmissionPlan:
    partner_id: int
    eligible: int
    excluded: dict[str, int] = field(default_factory=dict)

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())


def _reason_subquery(session: Session, partner: Partner, sel: Selection):
    reason = exclusion_reason(versions_naming_category(session, partner.category)).label("reason")
    return select(Contact.id.label("id"), reason).where(selection_condition(sel)).subquery()


def plan_transmission(session: Session, partner: Partner, sel: Selection) -> TransmissionPlan:
    """How many of the selection may be sent, and how many are left out for each reason (one query)."""
    sq = _reason_subquery(session, partner, sel)
    counts: dict[str | None, int] = dict(
        session.execute(select(sq.c.reason, func.count()).group_by(sq.c.reason)).all()
    )
    eligible = counts.pop(None, 0)
    return TransmissionPlan(partner.id, eligible, {k: counts[k] for k in EXCLUSION_REASONS if counts.get(k)})


@dataclass(frozen=True)
class ExcludedRow:
    id: int
    name: str
    postcode: str
    city: str
    reason: str

    @property
    def ref(self) -> str:
        return format_ref(self.id)

    @property
    def reason_label(self) -> str:
        return EXCLUSION_REASONS[self.reason]


def excluded_list(
    session: Session, partner: Partner, sel: Selection, limit: int | None = None
) -> list[ExcludedRow]:
    """Who is left out and why, by name."""
    sq = _reason_subquery(session, partner, sel)
    q = (
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.postcode,
            Contact.city,
            sq.c.reason,
        )
        .join(sq, sq.c.id == Contact.id)
        .where(sq.c.reason.is_not(None))
        .order_by(Contact.last_name, Contact.id)
        .limit(limit)
    )
    return [
        ExcludedRow(i, " ".join(x for x in (f, ln) if x) or co, pc, city, r)
        for i, f, ln, co, pc, city, r in session.execute(q)
    ]


@dataclass
class ShareResult:
    transmission_id: int
    shared: int
    excluded: dict[str, int]
    checksum: str
    path: Path

    def to_dict(self) -> dict[str, Any]:
        return {
            "shared": self.shared,
            "excluded": self.excluded,
            "transmission": self.transmission_id,
            "checksum": self.checksum,
            "file": str(self.path),
        }


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def share(
    session: Session,
    partner: Partner,
    sel: Selection,
    out: Path,
    *,
    sent_on: date | None = None,
    created_by: str = "",
    progress: Callable[[int, int], bool] | None = None,
) -> ShareResult:
    """Write the partner's file (only the agreed fields) for the eligible contacts and log who went where."""
    if out.suffix.lower() != ".xlsx":
        raise InputError("Le fichier pour le partenaire doit être un classeur .xlsx.")
    plan = plan_transmission(session, partner, sel)
    if plan.eligible == 0:
        raise InputError(
            f"Aucun contact ne peut être transmis à {partner.name} : "
            + ", ".join(f"{n} {EXCLUSION_REASONS[r]}" for r, n in plan.excluded.items())
            if plan.excluded
            else f"Aucun contact ne peut être transmis à {partner.name} : la sélection est vide."
        )
    fields = partner_fields(partner)
    sq = _reason_subquery(session, partner, sel)
    columns = [Contact.id] + [getattr(Contact, f) for f in fields if f != "ref"]
    rows = session.execute(
        select(*columns).join(sq, sq.c.id == Contact.id).where(sq.c.reason.is_(None)).order_by(Contact.id)
    ).all()
    ids = [r[0] for r in rows]

    def table_rows():
        for r in rows:
            values = dict(zip(["id"] + [f for f in fields if f != "ref"], r, strict=True))
            yield [format_ref(r[0]) if f == "ref" else values[f] for f in fields]

    def on_progress(done: int) -> bool:
        return progress(done, len(rows)) if progress else True

    write_table(out, "Contacts", [Column(SHAREABLE_FIELDS[f]) for f in fields], table_rows(), on_progress)
    checksum = sha256_file(out)
    transmission = Transmission(
        partner_id=partner.id,
        sent_on=sent_on or date.today(),
        file_name=out.name,
        checksum=checksum,
        fields=json.dumps(fields),
        contact_count=len(ids),
        created_by=created_by[:80],
    )
    session.add(transmission)
    session.flush()
    for i in range(0, len(ids), 5000):
        session.execute(
            insert(cast(Table, TransmissionLine.__table__)),
            [
                {"transmission_id": transmission.id, "contact_id": c, "partner_id": partner.id}
                for c in ids[i : i + 5000]
            ],
        )
        if progress and progress(len(rows), len(rows)) is False:
            raise Cancelled("Transmission annulée : rien n'a été enregistré.")
    return ShareResult(transmission.id, len(ids), plan.excluded, checksum, out)


@dataclass(frozen=True)
class TransmissionRow:
    id: int
    partner: str
    sent_on: date
    contacts: int
    file_name: str
    checksum: str
    created_by: str


def list_transmissions(session: Session) -> list[TransmissionRow]:
    q = (
        select(
            Transmission.id,
            Partner.name,
            Transmission.sent_on,
            Transmission.contact_count,
            Transmission.file_name,
            Transmission.checksum,
            Transmission.created_by,
        )
        .join(Partner, Partner.id == Transmission.partner_id)
        .order_by(Transmission.sent_on.desc(), Transmission.id.desc())
    )
    return [TransmissionRow(*r) for r in session.execute(q)]
