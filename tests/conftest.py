"""Shared fixtures: a real SQLite file per test, the shared seeds folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.session import Store, sqlite_url

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(sqlite_url(tmp_path / "test.db"))
    yield s
    s.close()


@pytest.fixture
def shared_seeds() -> Path:
    assert SHARED_SEEDS.is_dir(), f"the real seeds are expected at {SHARED_SEEDS}"
    return SHARED_SEEDS
