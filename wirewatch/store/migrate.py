"""Migrations, run programmatically: the Alembic scripts ship inside the package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from wirewatch.store.schema import SEARCH_ONLY_OBJECTS, Base

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Leave out of comparisons the search objects that exist on one back end only (the FTS5
    table, its shadow tables and triggers on SQLite; the GIN index on PostgreSQL)."""
    return not (name and name.startswith(SEARCH_ONLY_OBJECTS))


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the schema on ``connection`` to ``revision``, inside the caller's transaction."""
    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    command.downgrade(alembic_config(connection), revision)


def schema_differences(connection: Connection) -> list[Any]:
    """What autogenerate would change to make the database match the model ([] when they agree),
    leaving out the back-end-specific search objects."""
    context = MigrationContext.configure(
        connection, opts={"include_object": include_object, "compare_type": True})
    return list(compare_metadata(context, Base.metadata))
