"""« À vérifier »: a per-contact flag with its reasons, set by an import's cleaning.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 10:00:00.000000
"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('to_check', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('to_check_reasons', sa.Text(), server_default='', nullable=False))
        batch_op.create_index('ix_contacts_to_check', ['to_check'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_to_check')
        batch_op.drop_column('to_check_reasons')
        batch_op.drop_column('to_check')
