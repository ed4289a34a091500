"""One acting scheduler per PostgreSQL database: the advisory lock and two real services."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sqlalchemy import create_engine, select, text
from sqlalchemy.pool import NullPool

from parkwatch.leader import SCHEDULER_LOCK_KEY, SchedulerLock
from store.models import CrawlRun
from store.session import Store, sqlite_url
from tests.sites import ChangingSite, source_yaml

SERVICE_TIMEOUT = 240


def test_a_second_lock_holder_waits_until_the_first_releases(fresh_pg_url: str) -> None:
    first, second = SchedulerLock(fresh_pg_url), SchedulerLock(fresh_pg_url)
    try:
        assert first.try_acquire()
        assert not second.try_acquire()
        assert not second.try_acquire()
        first.release()
        assert second.try_acquire()
        assert not first.try_acquire()
    finally:
        first.release()
        second.release()


def test_a_stopped_standby_gives_up_without_the_lock(fresh_pg_url: str) -> None:
    holder, standby = SchedulerLock(fresh_pg_url), SchedulerLock(fresh_pg_url)
    stop = threading.Event()
    stop.set()
    try:
        assert holder.try_acquire()
        assert standby.acquire(stop, poll_seconds=0.05) is False
    finally:
        holder.release()
        standby.release()


def test_sqlite_keeps_per_source_leases(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "pw.db")
    assert SchedulerLock(url).try_acquire() and SchedulerLock(url).try_acquire()


_started: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _no_service_outlives_its_test() -> Iterator[None]:
    yield
    while _started:
        proc = _started.pop()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class _Service:
    """`parkwatch run` as a process, its stderr lines readable as they come."""

    def __init__(self, tmp_path: Path, db_url: str, **settings: object) -> None:
        env = {**os.environ, "PARKWATCH_DB_URL": db_url, "PARKWATCH_SOURCES_DIR": str(tmp_path / "sources"),
               "PARKWATCH_WORKERS": "1", "PARKWATCH_CATCH_UP_STAGGER_SECONDS": "0",
               "PARKWATCH_DELIVERY_INTERVAL_SECONDS": "1", "PARKWATCH_STANDBY_POLL_SECONDS": "0.2"}
        env.update({f"PARKWATCH_{k.upper()}": str(v) for k, v in settings.items()})
        self.proc = subprocess.Popen([sys.executable, "-m", "parkwatch.cli", "run"], cwd=tmp_path, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        _started.append(self.proc)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line)

    def stop(self) -> str:
        """SIGTERM (if still running), wait; the exit code must be 0. Returns all of stderr."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        code = self.proc.wait(timeout=SERVICE_TIMEOUT)
        self.reader.join(timeout=SERVICE_TIMEOUT)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        output = "".join(self.seen)
        assert code == 0, output[-3000:]
        return output

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + SERVICE_TIMEOUT
        while not any(text in line for line in self.seen):
            assert self.proc.poll() is None or not self.lines.empty(), "".join(self.seen)[-2000:]
            assert time.monotonic() < deadline, f"no {text!r} in {''.join(self.seen)[-2000:]}"
            try:
                self.seen.append(self.lines.get(timeout=0.5))
            except queue.Empty:
                continue


def _runs(db_url: str) -> list[CrawlRun]:
    store = Store(db_url)
    with store.session() as session:
        runs = list(session.scalars(select(CrawlRun).order_by(CrawlRun.started_at)))
    store.close()
    return runs


def test_two_services_on_postgresql_one_schedules_the_other_stands_by(tmp_path: Path, fresh_pg_url: str) -> None:
    with ChangingSite(articles=6) as site:
        (tmp_path / "sources").mkdir()
        for source_id in ("park-a", "park-b"):
            (tmp_path / "sources" / f"{source_id}.yaml").write_text(
                source_yaml(source_id, site.base_url, interval_seconds=3600), encoding="utf-8")
        first = _Service(tmp_path, fresh_pg_url)
        first.wait_for("sources scheduled")
        second = _Service(tmp_path, fresh_pg_url, max_crawls=2)
        second.wait_for("standby:")
        deadline = time.monotonic() + SERVICE_TIMEOUT
        while sum(r.finished_at is not None for r in _runs(fresh_pg_url)) < 2:  # caught up (a poll)
            assert first.proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        assert not any("sources scheduled" in line for line in second.seen)
        first.stop()
        assert len(_runs(fresh_pg_url)) == 2  # the standby crawled nothing while it stood by
        # Hourly schedules just run: the new leader schedules but has nothing due yet.
        second.wait_for("scheduler lock taken")
        second.wait_for("sources scheduled")
        second.stop()
    runs = _runs(fresh_pg_url)
    assert sorted(r.source_id for r in runs) == ["park-a", "park-b"]
    assert all(r.finished_at is not None and r.status != "running" for r in runs)


def test_a_leader_that_loses_its_lock_stops_scheduling(tmp_path: Path, fresh_pg_url: str) -> None:
    with ChangingSite(articles=3) as site:
        (tmp_path / "sources").mkdir()
        (tmp_path / "sources" / "park-a.yaml").write_text(
            source_yaml("park-a", site.base_url, interval_seconds=3600), encoding="utf-8")
        service = _Service(tmp_path, fresh_pg_url)
        service.wait_for("sources scheduled")
        engine = create_engine(fresh_pg_url, poolclass=NullPool)
        with engine.connect() as conn:  # what a failover or a dropped connection does
            ended = conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                "AND classid = :hi AND objid = :lo AND objsubid = 1"),
                {"hi": SCHEDULER_LOCK_KEY >> 32, "lo": SCHEDULER_LOCK_KEY & 0xFFFFFFFF}).scalars().all()
        engine.dispose()
        assert ended == [True]
        service.wait_for("scheduler lock lost")
        service.proc.wait(timeout=SERVICE_TIMEOUT)  # it stops by itself
        service.stop()
