"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL, the shared seeds.

`db_url` (and `store` built on it) runs each test twice: on a SQLite file and on a fresh
PostgreSQL database created from PARKWATCH_TEST_PG_URL (an admin URL of a role with
CREATEDB; `.ci/run` starts a local cluster and sets it). In CI (CI=true) a missing URL
fails the PostgreSQL runs; elsewhere they are deselected and the summary says so.
"""

from __future__ import annotations

import warnings

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from store.session import Store, sqlite_url

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
PG_URL_ENV = "PARKWATCH_TEST_PG_URL"
BACKENDS = ["sqlite", "postgresql"]


def pg_admin_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


def _pg_required() -> bool:
    return bool(pg_admin_url()) or os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _pg_required():
        return
    keep, drop = [], []
    for item in items:
        params = getattr(item, "callspec", None)
        backend = params.params.get("db_url") if params else None
        needs_pg = backend == "postgresql" or "fresh_pg_url" in getattr(item, "fixturenames", ())
        (drop if needs_pg else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if not _pg_required():
        terminalreporter.write_line(f"PostgreSQL runs deselected: set {PG_URL_ENV} "
                                    "(postgresql+psycopg://user:pw@127.0.0.1/postgres) to run them")


@pytest.fixture
def fresh_pg_url() -> Iterator[str]:
    """A new, empty UTF-8 PostgreSQL database (C.UTF-8 collation), dropped afterwards."""
    admin = pg_admin_url()
    if not admin:
        pytest.fail(f"{PG_URL_ENV} is not set: the PostgreSQL runs need a server (see .ci/run)")
    name = f"pw_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                             "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        except Exception as exc:  # noqa: BLE001 - cleanup only: a leftover test database is harmless
            warnings.warn(f"could not drop test database {name}: {exc}", stacklevel=1)
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database of one test: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "test.db")
    return request.getfixturevalue("fresh_pg_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def shared_seeds() -> Path:
    assert SHARED_SEEDS.is_dir(), f"the real seeds are expected at {SHARED_SEEDS}"
    return SHARED_SEEDS
