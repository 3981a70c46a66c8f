"""An objection recorded on the wrong person by a typing error can be corrected within the day
(docs/rules.md §5.10): the objection is kept, voided with why, when and by whom, and linked to the one
recorded for the right person; the notices it created and had not sent are withdrawn; the suppression
entries it added name the objection that added them, so that voiding it can take them back.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 13:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('oppositions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voided_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('void_kind', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('void_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('voided_by', sa.String(length=80), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('moved_to_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_oppositions_moved_to', 'oppositions', ['moved_to_id'], ['id'])
    with op.batch_alter_table('propagation_notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_on', sa.Date(), nullable=True))
    with op.batch_alter_table('suppression_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opposition_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('suppression_entries', schema=None) as batch_op:
        batch_op.drop_column('opposition_id')
    with op.batch_alter_table('propagation_notices', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_on')
    with op.batch_alter_table('oppositions', schema=None) as batch_op:
        batch_op.drop_constraint('fk_oppositions_moved_to', type_='foreignkey')
        batch_op.drop_column('moved_to_id')
        batch_op.drop_column('voided_by')
        batch_op.drop_column('void_reason')
        batch_op.drop_column('void_kind')
        batch_op.drop_column('voided_at')
