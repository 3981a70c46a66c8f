"""Alembic environment: the engine comes from models.database (or alembic.ini for developers)."""

import os

from alembic import context
from sqlalchemy import engine_from_config, pool

import models
from models.base import Base

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
        if sqlite:
            # Alembic rebuilds a SQLite table to alter it (copy, DROP, rename): with foreign keys on,
            # the DROP cascades to every row that points to it — a contacts rebuild would delete every
            # consent and objection. The pragma is ignored inside a transaction: set it before.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                context.configure(
                    connection=connection,
                    target_metadata=target_metadata,
                    render_as_batch=True,  # SQLite cannot ALTER most things: Alembic rebuilds the table
                    compare_type=True,
                )
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:  # rolled back: the base stays as it was
                        raise RuntimeError(f"migration left rows pointing nowhere: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


run_migrations_online()
