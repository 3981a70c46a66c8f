"""Two indexes for the home page's counts (issue 14), so that each reads an index rather than the table:
- (source_kind, status, erased_at) grows by the dates the rules read — source_date, last_contact_on,
  customer_until: the art. 14 count (§3.2) and the retention term (§6.3) are then answered from the index
  alone (100,000 contacts: 70 ms → 15 ms and 40 ms → 15 ms). Same number of indexes for an import to fill.
- npai_on, only where it is set: the « courrier revenu » count reads the few returned letters instead of
  every contact; an imported contact (never returned) costs it nothing.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 16:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RULE_DATES = ['source_kind', 'status', 'erased_at', 'source_date', 'last_contact_on', 'customer_until']
RETURNED = sa.text('npai_on IS NOT NULL')


def upgrade() -> None:
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_kind_status')
        batch_op.create_index('ix_contacts_kind_status', RULE_DATES, unique=False)
        batch_op.create_index('ix_contacts_npai', ['npai_on'], unique=False,
                              sqlite_where=RETURNED, postgresql_where=RETURNED)


def downgrade() -> None:
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_npai')
        batch_op.drop_index('ix_contacts_kind_status')
        batch_op.create_index('ix_contacts_kind_status', ['source_kind', 'status', 'erased_at'], unique=False)
