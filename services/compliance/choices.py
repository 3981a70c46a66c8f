"""What each person currently chose, as SQL expressions usable over 100,000 contacts at once.

Derived, never stored: oppositions (docs/rules.md §5.1) and the latest answer on each collection-form box
(consent records are append-only, the latest answer wins).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import InstrumentedAttribute

from models.compliance import ConsentRecord, Opposition
from models.contact import Contact

# docs/rules.md §5.1 and the Futura case (§9): "all" covers every channel.
SCOPES_COVERING = {
    "post": ("post", "all"),
    "phone": ("phone", "all"),
    "partners": ("partners", "all"),
    "all": ("all",),
}


def opposed(
    channel: str, contact_id: ColumnElement[int] | InstrumentedAttribute[int] = Contact.id
) -> ColumnElement[bool]:
    """docs/rules.md §1/§5: the person objected to this channel (or to all), and it was not lifted."""
    return exists().where(
        and_(
            Opposition.contact_id == contact_id,
            Opposition.scope.in_(SCOPES_COVERING[channel]),
            Opposition.lifted_by_consent_id.is_(None),
        )
    )


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
