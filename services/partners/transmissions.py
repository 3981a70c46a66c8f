"""Sending contacts to a partner (docs/rules.md §1.5, §1.6): who may be sent, who is left out and why, whose
numbers may go to a partner who calls, the file with the proof of each consent, the log."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, select
from sqlalchemy.orm import Session

from models.compliance import InformedRecord
from models.contact import Contact, format_ref
from models.journal import insert_journaled
from models.partners import Partner, Transmission, TransmissionLine
from services.compliance.choices import objected_since, objection_marks, opposed, refused_at_collection
from services.compliance.forms import versions_naming_category
from services.contacts.selection import Selection, selection_condition
from services.core.errors import Cancelled, InputError
from services.core.locks import hold
from services.core.moments import business_date
from services.core.moments import now as moments_now
from services.core.spreadsheet import Column, check_xlsx_rows, write_table
from services.partners.directory import SHAREABLE_FIELDS, partner_fields
from services.partners.phone_consents import PHONE_FIELDS, PhoneShare, calls_partner, partner_call_status
from services.partners.phone_consents import REASONS as PHONE_REASONS

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
    without_phone: dict[str, int] = field(default_factory=dict)  # sent, but without their numbers

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())


def reason_label(code: str) -> str:
    """The French words of an exclusion or phone reason code."""
    return EXCLUSION_REASONS.get(code) or PHONE_REASONS.get(code, code)


def phone_only(fields: list[str]) -> bool:
    """A partner that gets nothing but numbers (and the reference): without them the row is empty."""
    return calls_partner(fields) and all(f in PHONE_FIELDS or f == "ref" for f in fields)


def _phone_split(
    session: Session, partner: Partner, ids: list[int], now: datetime
) -> tuple[dict[int, PhoneShare], dict[str, int], dict[str, int]]:
    """docs/rules.md §1.6: for a partner who calls, whose numbers may go; those whose may not are sent
    without them (counted in without_phone) or, for a partner that gets only numbers, left out."""
    fields = partner_fields(partner)
    if not calls_partner(fields):
        return {}, {}, {}
    status = partner_call_status(session, ids, partner.category, now)
    refused = Counter(s.reason for s in status.values() if not s.ok)
    if phone_only(fields):
        return status, dict(refused), {}
    return status, {}, dict(refused)


def _reason_subquery(session: Session, partner: Partner, sel: Selection):
    reason = exclusion_reason(versions_naming_category(session, partner.category)).label("reason")
    return select(Contact.id.label("id"), reason).where(selection_condition(sel)).subquery()


def plan_transmission(
    session: Session, partner: Partner, sel: Selection, now: datetime | None = None, *, phones: bool = True
) -> TransmissionPlan:
    """How many of the selection may be sent, how many are left out for each reason, and — for a
    partner who calls — how many go without their numbers, and why."""
    sq = _reason_subquery(session, partner, sel)
    counts: dict[str | None, int] = dict(
        session.execute(select(sq.c.reason, func.count()).group_by(sq.c.reason)).all()
    )
    eligible = counts.pop(None, 0)
    excluded = {k: counts[k] for k in EXCLUSION_REASONS if counts.get(k)}
    without: dict[str, int] = {}
    if phones and eligible and calls_partner(partner_fields(partner)):
        ids = [r[0] for r in session.execute(select(sq.c.id).where(sq.c.reason.is_(None)))]
        _, refused, without = _phone_split(session, partner, ids, now or moments_now())
        excluded.update(refused)
        eligible -= sum(refused.values())
    return TransmissionPlan(partner.id, eligible, excluded, without)


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
        return reason_label(self.reason)


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
    transmission_id: int | None  # None: nobody could be sent, no file written
    shared: int
    excluded: dict[str, int]
    checksum: str
    path: Path | None
    without_phone: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "shared": self.shared,
            "excluded": self.excluded,
            "without_phone": self.without_phone,
            "transmission": self.transmission_id,
            "checksum": self.checksum or None,
            "file": str(self.path) if self.path else None,
        }


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# docs/rules.md §1.6 (Solocal 2025): the proof of each number's consent travels with it.
PROOF_COLUMNS = [
    Column("Fondement des appels"), Column("Accord d'appel du", "datetime"), Column("Formulaire"),
    Column("Accord valable jusqu'au", "datetime"),
]  # fmt: skip
BASIS_LABELS = {
    "consent": "accord de la personne",
    "professional": "numéro professionnel (opposition possible)",
}


def share(
    session: Session,
    partner: Partner,
    sel: Selection,
    out: Path,
    *,
    sent_on: date | None = None,
    created_by: str = "",
    progress: Callable[[int, int], bool] | None = None,
    now: datetime | None = None,
) -> ShareResult:
    """Write the partner's file (only the agreed fields) for the eligible contacts and log who went where.

    docs/rules.md §1.6: for a partner who calls, a number goes only with the person's consent for that
    partner's category (or a professional's number not opposed), its proof beside it; the others go
    without their numbers. Nobody eligible: nothing is written, and the result says why."""
    if out.suffix.lower() != ".xlsx":
        raise InputError("Le fichier pour le partenaire doit être un classeur .xlsx.")
    now = now or moments_now()
    marks = objection_marks(session)
    plan = plan_transmission(session, partner, sel, now, phones=False)
    fields = partner_fields(partner)
    sq = _reason_subquery(session, partner, sel)
    columns = [Contact.id] + [getattr(Contact, f) for f in fields if f != "ref"]
    rows = session.execute(
        select(*columns).join(sq, sq.c.id == Contact.id).where(sq.c.reason.is_(None)).order_by(Contact.id)
    ).all()
    status, refused, without = _phone_split(session, partner, [r[0] for r in rows], now)
    excluded = plan.excluded | refused
    calls = calls_partner(fields)
    if calls and phone_only(fields):
        rows = [r for r in rows if status[r[0]].ok]
    if not rows:
        return ShareResult(None, 0, excluded, "", None, without)
    names = ["id"] + [f for f in fields if f != "ref"]

    def table_rows():
        for r in rows:
            values = dict(zip(names, r, strict=True))
            s = status.get(r[0])
            cells = [format_ref(r[0]) if f == "ref" else ("" if s and not s.ok and f in PHONE_FIELDS else values[f])
                     for f in fields]  # fmt: skip
            if calls:
                cells += [BASIS_LABELS.get(s.basis, "") if s and s.ok else "", s.given_at if s else None,
                          s.form if s else "", s.expires_at if s else None]  # fmt: skip
            yield cells

    def on_progress(done: int) -> bool:
        return progress(done, len(rows)) if progress else True

    headers = [Column(SHAREABLE_FIELDS[f]) for f in fields] + (PROOF_COLUMNS if calls else [])
    check_xlsx_rows(out, len(rows))
    write_table(out, "Contacts", headers, table_rows(), on_progress)
    # docs/rules.md §5.1: whoever objected while the file was written does not go (the rare case costs
    # a second writing); from here until the commit, objections wait.
    hold(session, "objections")
    late = objected_since(session, marks, "partners", [r[0] for r in rows])
    if late:
        rows = [r for r in rows if r[0] not in late]
        excluded["opposed"] = excluded.get("opposed", 0) + len(late)
        if not rows:
            out.unlink(missing_ok=True)
            return ShareResult(None, 0, excluded, "", None, without)
        write_table(out, "Contacts", headers, table_rows(), on_progress)
    checksum = sha256_file(out)
    transmission = Transmission(
        partner_id=partner.id,
        sent_on=sent_on or business_date(),
        file_name=out.name,
        checksum=checksum,
        fields=json.dumps(fields),
        contact_count=len(rows),
        created_by=created_by[:80],
    )
    session.add(transmission)
    session.flush()
    ids = [r[0] for r in rows]
    for i in range(0, len(ids), 5000):
        insert_journaled(
            session,
            TransmissionLine.__table__,
            [
                {"transmission_id": transmission.id, "contact_id": c, "partner_id": partner.id,
                 "phone_sent": bool(calls and status[c].ok),
                 "phone_consent_id": status[c].consent_id if calls else None}
                for c in ids[i : i + 5000]
            ],
            f"transmission n° {transmission.id} à {partner.name}",
        )  # fmt: skip
        if progress and progress(len(rows), len(rows)) is False:
            raise Cancelled("Transmission annulée : rien n'a été enregistré.")
    return ShareResult(transmission.id, len(ids), excluded, checksum, out, without)


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
