"""`parkwatch run` as a real process: schedules, leases, catch-up, clean stop."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select, update

from parkwatch.config import REPO_ROOT
from store.models import CrawlRun
from store.session import Store
from tests.sites import ChangingSite, source_yaml

SERVICE_TIMEOUT = 240


def _service(tmp_path: Path, db_url: str, **settings: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PARKWATCH_DB_URL": db_url,
           "PARKWATCH_SOURCES_DIR": str(tmp_path / "sources"), "PARKWATCH_WORKERS": "1",
           "PARKWATCH_CATCH_UP_STAGGER_SECONDS": "0", "PARKWATCH_DELIVERY_INTERVAL_SECONDS": "1"}
    env.update({f"PARKWATCH_{k.upper()}": str(v) for k, v in settings.items()})
    return subprocess.Popen([sys.executable, "-m", "parkwatch.cli", "run"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _sources(tmp_path: Path, site: ChangingSite, ids: list[str], interval: int) -> None:
    folder = tmp_path / "sources"
    folder.mkdir(exist_ok=True)
    for source_id in ids:
        (folder / f"{source_id}.yaml").write_text(
            source_yaml(source_id, site.base_url, interval_seconds=interval), encoding="utf-8")


def _runs(db_url: str) -> list[CrawlRun]:
    store = Store(db_url)
    with store.session() as session:
        runs = list(session.scalars(select(CrawlRun).order_by(CrawlRun.started_at)))
    store.close()
    return runs


def _assert_no_overlap(runs: list[CrawlRun]) -> None:
    by_source: dict[str, list[CrawlRun]] = {}
    for run in runs:
        by_source.setdefault(run.source_id, []).append(run)
    for source_runs in by_source.values():
        for before, after in zip(source_runs, source_runs[1:]):
            assert before.finished_at is not None
            assert after.started_at >= before.finished_at, f"overlapping crawls of {after.source_id}"


def test_two_services_never_overlap_a_source_and_catch_up_after_restart(tmp_path: Path, db_url: str) -> None:
    with ChangingSite(articles=12) as site:
        _sources(tmp_path, site, ["park-a", "park-b"], interval=1)
        first = _service(tmp_path, db_url, max_crawls=4)
        second = _service(tmp_path, db_url, max_crawls=4)
        for proc in (first, second):
            out, err = proc.communicate(timeout=SERVICE_TIMEOUT)
            assert proc.returncode == 0, err[-2000:]
        runs = _runs(db_url)
        assert len(runs) >= 4 and {r.source_id for r in runs} == {"park-a", "park-b"}
        # Runs cut short by a service stopping say so; none is left "running".
        assert all(r.status == "ok" or (r.status in ("partial", "failed") and "stop" in (r.message or ""))
                   for r in runs), [(r.source_id, r.status, r.message) for r in runs if r.status != "ok"]
        assert sum(r.status == "ok" for r in runs) >= 4
        _assert_no_overlap(runs)

        # Down for two hours with hourly schedules: the restart catches up at once.
        _sources(tmp_path, site, ["park-a", "park-b"], interval=3600)
        store = Store(db_url)
        with store.session() as session:
            past = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=2)
            session.execute(update(CrawlRun).values(started_at=past, finished_at=past))
        store.close()
        before = len(runs)
        restarted = _service(tmp_path, db_url, max_crawls=2)
        _, err = restarted.communicate(timeout=SERVICE_TIMEOUT)
        assert restarted.returncode == 0, err[-2000:]
        caught_up = _runs(db_url)[before:]
        assert sorted(r.source_id for r in caught_up) == ["park-a", "park-b"]


def test_sigterm_stops_cleanly_without_half_written_rows(tmp_path: Path, db_url: str) -> None:
    with ChangingSite(articles=60) as site:
        site.article_delay = 0.2
        _sources(tmp_path, site, ["slow-park"], interval=3600)
        proc = _service(tmp_path, db_url)
        deadline = time.monotonic() + SERVICE_TIMEOUT
        while site.article_requests() < 3:  # the crawl is under way
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=SERVICE_TIMEOUT)
        assert proc.returncode == 0, err[-2000:]
    runs = _runs(db_url)
    assert len(runs) == 1 and runs[0].status != "running" and runs[0].finished_at is not None
    store = Store(db_url)
    with store.session() as session:
        from store.models import Article, Page

        pages = session.scalars(select(Page).where(Page.kind == "article")).all()
        articles = session.scalars(select(Article)).all()
        assert len(pages) == len(articles)  # every stored page has its article
    store.close()
