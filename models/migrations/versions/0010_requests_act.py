"""Requests act (docs/rules.md §5.1, §5.5-§5.7): what each request did — an objection's scope and the
opposition it recorded at receipt, the fields a partial erasure removed, the dossier written.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 13:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('data_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('opposition_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('fields', sa.Text(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('dossier_file', sa.String(length=255), nullable=False, server_default=''))
        batch_op.create_foreign_key(
            batch_op.f('fk_data_requests_opposition_id_oppositions'), 'oppositions', ['opposition_id'], ['id']
        )


def downgrade() -> None:
    with op.batch_alter_table('data_requests', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_data_requests_opposition_id_oppositions'), type_='foreignkey')
        batch_op.drop_column('dossier_file')
        batch_op.drop_column('fields')
        batch_op.drop_column('opposition_id')
        batch_op.drop_column('scope')
