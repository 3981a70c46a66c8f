"""Numbers passed to partners who call (docs/rules.md §1.6): each line of a transmission records whether
the person's numbers went and on which consent; a notice can point to the number whose basis ended.

Lines sent before this revision with a phone field are marked as having carried the numbers: those
sent without the consent §1.6 requires are then owed a « ne plus appeler » notice, the next time the
notices are listed.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 15:00:00
"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('transmission_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone_sent', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('phone_consent_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_transmission_lines_phone_consent_id_consent_records'),
                                    'consent_records', ['phone_consent_id'], ['id'])  # fmt: skip
    with op.batch_alter_table('propagation_notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('line_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_propagation_notices_line_id'), ['line_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_propagation_notices_line_id_transmission_lines'),
                                    'transmission_lines', ['line_id'], ['id'])  # fmt: skip
    conn = op.get_bind()
    with_phone = [tid for tid, fields in conn.execute(sa.text("SELECT id, fields FROM transmissions"))
                  if {"phone", "mobile"} & set(json.loads(fields or "[]"))]  # fmt: skip
    lines = sa.table("transmission_lines", sa.column("transmission_id", sa.Integer),
                     sa.column("phone_sent", sa.Boolean))  # fmt: skip
    for start in range(0, len(with_phone), 500):
        conn.execute(lines.update().where(lines.c.transmission_id.in_(with_phone[start:start + 500]))
                     .values(phone_sent=True))  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table('propagation_notices', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_propagation_notices_line_id_transmission_lines'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_propagation_notices_line_id'))
        batch_op.drop_column('line_id')
    with op.batch_alter_table('transmission_lines', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_transmission_lines_phone_consent_id_consent_records'), type_='foreignkey')
        batch_op.drop_column('phone_consent_id')
        batch_op.drop_column('phone_sent')
