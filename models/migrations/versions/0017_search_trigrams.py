"""The search box's trigram index (issue 17): FTS5 with the trigram tokenizer and its triggers on SQLite,
a pg_trgm GIN index on PostgreSQL (models.search_index). Where the engine offers neither, nothing is
created and the search keeps its plain scan.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 13:00:00
"""
from collections.abc import Sequence

from alembic import op

from models.search_index import create_search_index, drop_search_index

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_search_index(op.get_bind())


def downgrade() -> None:
    drop_search_index(op.get_bind())
