"""Alembic environment: batch mode on SQLite, our metadata as the target."""

from alembic import context

from store.models import Base
from store.session import include_name, make_engine

config = context.config
# Advisory-lock key that serialises migrations on PostgreSQL ("PWMIGRAT" as an integer).
MIGRATION_LOCK_KEY = 0x50574D4947524154
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # One migrator at a time; the lock ends with the connection.
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")
            connection.commit()
        if connection.dialect.name == "sqlite":
            # Batch mode rebuilds tables; foreign keys would block dropping a referenced one.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
