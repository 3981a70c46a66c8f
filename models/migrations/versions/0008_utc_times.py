"""Times in UTC (docs/rules.md §10.1): consent times written in the business's local time are converted.

Before this revision `consent_records.recorded_on` was written in local time by the command line
(`consent record`), the consent dialog and the import, while everything else (created_at, the call
log, callbacks, erasures) was already UTC. The phone rules read it as UTC: a consent looked up to two
hours in the future, and expired up to two hours late. Each such value is read as a wall time in the
business's time zone (setting business.timezone, Europe/Paris by default) and stored in UTC.
Every other timestamp column was written in UTC and is left as it is.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 09:00:00
"""
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns written from local time before this revision (every other one was UTC already).
LOCAL_TIME_COLUMNS = [("consent_records", "recorded_on")]


def _business_zone(conn: sa.Connection) -> ZoneInfo:
    raw = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'business.timezone'")).scalar()
    try:
        return ZoneInfo(json.loads(raw) if raw else "Europe/Paris")
    except (ValueError, ZoneInfoNotFoundError):
        return ZoneInfo("Europe/Paris")


def _as_datetime(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _shift(to_utc: bool) -> None:
    conn = op.get_bind()
    tz = _business_zone(conn)
    for table_name, column in LOCAL_TIME_COLUMNS:
        # Typed columns: SQLAlchemy reads and writes the stored text the way the app does.
        table = sa.table(table_name, sa.column("id", sa.Integer), sa.column(column, sa.DateTime))
        rows = conn.execute(sa.select(table.c.id, table.c[column]).where(table.c[column].is_not(None))).all()
        updates = []
        for row_id, value in rows:
            wall = _as_datetime(value)
            if to_utc:
                moved = wall.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)
            else:
                moved = wall.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
            updates.append({"row_id": row_id, "moved": moved})
        if updates:
            conn.execute(
                table.update().where(table.c.id == sa.bindparam("row_id")).values({column: sa.bindparam("moved")}),
                updates,
            )


def upgrade() -> None:
    _shift(to_utc=True)


def downgrade() -> None:
    _shift(to_utc=False)
