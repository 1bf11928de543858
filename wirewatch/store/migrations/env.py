"""Alembic environment: run by ``Store.open`` (``wirewatch.store.migrate``) on the connection it
hands over in ``config.attributes["connection"]``, never from a URL of its own."""

from __future__ import annotations

from alembic import context

from wirewatch.store.migrate import include_object
from wirewatch.store.schema import Base


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=Base.metadata,
                      include_object=include_object, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("wirewatch migrations run online only: Store.open(url) applies them")
run_migrations_online()
