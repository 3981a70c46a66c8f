"""A contact's id (and so its reference C-…) is never given again, on SQLite too.

models/contact.py declares AUTOINCREMENT and 0001 created the table with it, but a later rebuild of
`contacts` in Alembic's batch mode (which copies the table as reflected, and reflection does not see
AUTOINCREMENT) dropped it: SQLite then gave the id of a contact deleted as typed by mistake
(services.contacts.editing) to the next one, who inherited its reference and its journal history. The
table is rebuilt with it, and the search index's triggers created again (they go with the table). The
counter starts after the largest id the table or the journal has ever named, so an id freed before this
migration is not given either. PostgreSQL's sequences never gave an id twice: nothing to do there.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 20:00:00
"""
from collections.abc import Sequence

from alembic import op

from models.search_index import create_search_index

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return
    with op.batch_alter_table('contacts', recreate='always', table_kwargs={'sqlite_autoincrement': True}):
        pass
    create_search_index(bind)
    seen = bind.exec_driver_sql(
        "SELECT max(coalesce((SELECT max(id) FROM contacts), 0), "
        "coalesce((SELECT max(contact_id) FROM journal_events), 0))"
    ).scalar()
    bind.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = 'contacts'")
    if seen:
        bind.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES ('contacts', ?)", (seen,))


def downgrade() -> None:
    pass  # AUTOINCREMENT is what the models always declared: nothing to take back
