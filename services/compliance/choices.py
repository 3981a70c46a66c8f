"""What each person currently chose, as SQL expressions usable over 100,000 contacts at once.

Derived, never stored: oppositions (docs/rules.md §5.1) and the latest answer on each collection-form box
(consent records are append-only, the latest answer wins).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from models.compliance import ConsentRecord, Opposition
from models.contact import Contact

# docs/rules.md §5.1 and the Futura case (§9): "all" covers every channel.
SCOPES_COVERING = {
    "post": ("post", "all"),
    "phone": ("phone", "all"),
    "partners": ("partners", "all"),
    "all": ("all",),
}


def opposition_covers(channel: str) -> ColumnElement[bool]:
    """docs/rules.md §1/§5: an opposition to this channel (or to all) that was not lifted."""
    return and_(Opposition.scope.in_(SCOPES_COVERING[channel]), Opposition.in_force)


def opposed(
    channel: str, contact_id: ColumnElement[int] | InstrumentedAttribute[int] = Contact.id
) -> ColumnElement[bool]:
    """docs/rules.md §1/§5: the person objected to this channel (or to all), and it was not lifted."""
    return exists().where(and_(Opposition.contact_id == contact_id, opposition_covers(channel)))


def latest_answer(box: str, contact_id: ColumnElement[int] | InstrumentedAttribute[int] = Contact.id):
    """The latest recorded answer on a form box (refuse_post, refuse_phone, refuse_partners, accept_phone)."""
    column = getattr(ConsentRecord, box)
    return (
        select(column)
        .where(ConsentRecord.contact_id == contact_id, column.is_not(None))
        .order_by(ConsentRecord.recorded_on.desc(), ConsentRecord.id.desc())
        .limit(1)
        .correlate(Contact)
        .scalar_subquery()
    )


def refused_at_collection(
    box: str, contact_id: ColumnElement[int] | InstrumentedAttribute[int] = Contact.id
) -> ColumnElement[bool]:
    """docs/rules.md §4.5: the person ticked a refusal box on the latest form that asked."""
    return latest_answer(box, contact_id).is_(True)


# --- objections that arrive while a file is being made (docs/rules.md §5.1) -----------------------


def objection_marks(session: Session) -> tuple[int, int]:
    """Where the objections and the form answers stand now: taken before a transmission or a
    campaign decides who goes, so that it can see, at the end, who objected meanwhile."""
    return (
        session.scalar(select(func.max(Opposition.id))) or 0,
        session.scalar(select(func.max(ConsentRecord.id))) or 0,
    )


def objected_since(
    session: Session, marks: tuple[int, int], channel: str, contact_ids: list[int]
) -> set[int]:
    """docs/rules.md §5.1, §4.5: of these people, who objected to this channel (an objection, a refusal
    box ticked) or was erased after `marks`. Call it holding services.core.locks "objections": objections
    commit one at a time in that lock, so the ids after the marks are all the newer ones."""
    last_opposition, last_record = marks
    wanted = set(contact_ids)
    late = set(
        session.scalars(
            select(Opposition.contact_id).where(
                Opposition.id > last_opposition, Opposition.scope.in_(SCOPES_COVERING[channel])
            )
        )
    )
    box = {"post": "refuse_post", "phone": "refuse_phone", "partners": "refuse_partners"}.get(channel)
    if box is not None:
        column = getattr(ConsentRecord, box)
        late |= set(
            session.scalars(
                select(ConsentRecord.contact_id).where(ConsentRecord.id > last_record, column.is_(True))
            )
        )
    ids = sorted(wanted)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        late |= set(
            session.scalars(select(Contact.id).where(Contact.id.in_(chunk), Contact.erased_at.is_not(None)))
        )
    return late & wanted
