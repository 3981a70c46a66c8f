"""The consent records' index ordered as their answers are read: (contact_id, recorded_on, id, …boxes).

Every « latest answer wins » reading (phone consents, the post and partner choices, the dossier, the
registers) orders a person's records by (recorded_on, id), id breaking a tie between two answers of one
moment. With id after recorded_on in the index the engine reads them in that order instead of sorting each
range again: the phone decisions' answers of 1,000,000 contacts 0.87 s → 0.52 s on SQLite. Still covering
every box, and still one index for an import to fill.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 22:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_consent_records_contact_at"
BOXES = ["refuse_post", "refuse_phone", "refuse_partners", "accept_phone"]


def upgrade() -> None:
    # Not a batch operation: an index alone never needs the table copied.
    op.drop_index(NAME, table_name="consent_records")
    op.create_index(NAME, "consent_records", ["contact_id", "recorded_on", "id", *BOXES], unique=False)


def downgrade() -> None:
    op.drop_index(NAME, table_name="consent_records")
    op.create_index(NAME, "consent_records", ["contact_id", "recorded_on", *BOXES], unique=False)
