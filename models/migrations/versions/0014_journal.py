"""The journal (docs/rules.md §10.2): one chained event per change to the records that prove compliance,
and each contact's own key for the personal values in it; postal campaigns say what their letter is
(an offer, the information owed, the re-consent letter of §6.4).

Existing contacts get their key, and the journal its first events (seeded from the history the base
holds), at the first start after this revision (models.journal_seed), not here: the chain is written by
the code that verifies it.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 18:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'journal_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('os_user', sa.String(length=80), nullable=False),
        sa.Column('host', sa.String(length=80), nullable=False),
        sa.Column('db_role', sa.String(length=80), nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_ref', sa.String(length=80), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('before', sa.Text(), nullable=False),
        sa.Column('after', sa.Text(), nullable=False),
        sa.Column('state', sa.Text(), nullable=False),
        sa.Column('seeded', sa.Boolean(), nullable=False),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_events')),
    )
    op.create_index('ix_journal_events_seq', 'journal_events', ['seq'], unique=True)
    op.create_index('ix_journal_events_row', 'journal_events', ['table_name', 'row_ref', 'seq'], unique=False)
    op.create_index('ix_journal_events_contact', 'journal_events', ['contact_id', 'seq'], unique=False)
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('journal_key', sa.LargeBinary(), nullable=True))
    # Postal campaigns say what their letter is: an offer, the information owed, or the re-consent letter.
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('letter_kind', sa.String(length=10), nullable=False, server_default='offer'))


def downgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('letter_kind')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_column('journal_key')
    op.drop_index('ix_journal_events_contact', table_name='journal_events')
    op.drop_index('ix_journal_events_row', table_name='journal_events')
    op.drop_index('ix_journal_events_seq', table_name='journal_events')
    op.drop_table('journal_events')
