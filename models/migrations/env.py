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
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things: Alembic rebuilds the table
            compare_type=True,
        )
        context.run_migrations()


run_migrations_online()
