"""Overseas phone numbers get their own country code: 0692 12 34 56 is +262 692 12 34 56, not +33.

Before this revision the metropolitan fast path wrote every ten-digit French number +33, so numbers of
La Réunion, Mayotte, Guadeloupe, Saint-Barthélemy, Saint-Martin, Guyane and Martinique were stored
+33 followed by their national digits — numbers that do not exist. The national digits are right;
only the country code changes (ARCEP's numbering plan). The contacts' search text is unchanged (it
holds the national form, 0692…). The call log is an append-only record of what was dialled and is
left as it is; the suppression list holds hashes, which cannot be rewritten: its lookups test the old
form too (services.compliance.suppression.phone_keys).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 11:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# National prefix (after the 0) -> country code, frozen as of this revision.
CODE_BY_PREFIX = {
    "262": "+262", "263": "+262", "692": "+262", "693": "+262", "269": "+262", "639": "+262",
    "590": "+590", "690": "+590", "691": "+590", "594": "+594", "694": "+594",
    "596": "+596", "696": "+596", "697": "+596",
}  # fmt: skip


def repaired(number: str) -> str | None:
    if number and number.startswith("+33") and len(number) == 12:
        code = CODE_BY_PREFIX.get(number[3:6])
        if code:
            return code + number[3:]
    return None


def upgrade() -> None:
    conn = op.get_bind()
    contacts = sa.table("contacts", sa.column("id", sa.Integer), sa.column("phone", sa.String),
                        sa.column("mobile", sa.String))  # fmt: skip
    for column in ("phone", "mobile"):
        rows = conn.execute(
            sa.select(contacts.c.id, contacts.c[column]).where(contacts.c[column].like("+33%"))
        ).all()
        updates = [{"row_id": i, "fixed": fixed} for i, number in rows if (fixed := repaired(number))]
        if updates:
            conn.execute(
                contacts.update().where(contacts.c.id == sa.bindparam("row_id")).values({column: sa.bindparam("fixed")}),
                updates,
            )


def downgrade() -> None:
    pass  # the +33 forms were never valid numbers: nothing to restore
