"""Alembic migrations: they round-trip and match the models (FTS tables aside)."""

from __future__ import annotations


from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


from store.models import Base
from store.session import alembic_config, include_name, make_engine, upgrade


def test_upgrade_downgrade_upgrade(db_url: str) -> None:
    url = db_url
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations disagree: {diff}"
