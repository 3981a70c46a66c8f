"""Alembic environment: the engine comes from models.database (or alembic.ini for developers)."""

import os

from alembic import context
from sqlalchemy import Connection, engine_from_config, event, pool

import models
from models.base import Base
from models.search_index import is_search_index

assert models  # every table is registered on Base.metadata by importing the package

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # a developer running the alembic command (see alembic.ini)
        section = config.get_section(config.config_ini_section, {})
        if os.environ.get("WEBLEADS_ALEMBIC_URL"):
            section["sqlalchemy.url"] = os.environ["WEBLEADS_ALEMBIC_URL"]
        engine = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        driver = connection.connection.driver_connection if sqlite else None
        if driver is not None:
            # Alembic rebuilds a SQLite table to alter it (copy, DROP, rename): with foreign keys on,
            # the DROP cascades to every row that points to it — a contacts rebuild would delete every
            # consent and objection. The pragma is ignored inside a transaction: set it before.
            driver.execute("PRAGMA foreign_keys=OFF")
            # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE: a migration's
            # CREATE or DROP INDEX ran outside any, so a crash between two statements left half a
            # migration (or half of the first init) committed. SQLAlchemy's pysqlite recipe: the
            # driver's own transaction handling off, our BEGIN covers every statement, DDL included.
            driver.isolation_level = None
            event.listen(connection, "begin", _begin_sqlite)
        try:
            with connection.begin():
                context.configure(
                    connection=connection,
                    target_metadata=target_metadata,
                    render_as_batch=True,  # SQLite cannot ALTER most things: Alembic rebuilds the table
                    compare_type=True,
                    include_name=lambda name, kind, _parents: not is_search_index(name, kind),
                )
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:  # rolled back: the base stays as it was
                        raise RuntimeError(f"migration left rows pointing nowhere: {broken[:5]}")
        finally:
            if driver is not None:
                event.remove(connection, "begin", _begin_sqlite)
                driver.isolation_level = ""  # the driver's default again, for the pool
                driver.execute("PRAGMA foreign_keys=ON")


def _begin_sqlite(connection: Connection) -> None:
    # IMMEDIATE: the write lock from the start, so that two programs starting at once migrate in turn.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


run_migrations_online()
