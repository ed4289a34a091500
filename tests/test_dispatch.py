"""Due sources are crawled in batches: one crawl process for the sources due together."""

from __future__ import annotations

import threading
from pathlib import Path

from parkwatch.dispatch import DueSources
from tests.sites import ChangingSite
from tests.test_scheduler import SERVICE_TIMEOUT, _runs, _service, _sources


def test_sources_due_together_share_a_batch_and_are_not_queued_twice() -> None:
    batches: list[list[str]] = []
    release = threading.Event()
    started = threading.Event()

    def crawl(batch: list[str]) -> None:
        batches.append(batch)
        started.set()
        assert release.wait(30)

    due = DueSources(crawl, dispatchers=1, window=0.5)
    assert due.submit("a") and due.submit("b")
    assert not due.submit("a")  # already due
    assert started.wait(30)
    assert batches == [["a", "b"]]
    assert not due.submit("b")  # being crawled
    assert due.busy()
    release.set()
    due.stop()
    due.wait_idle(0.05, lambda: None)
    assert not due.busy()
    assert not due.submit("c")  # stopped: nothing new starts


def test_the_service_crawls_due_sources_in_one_process(tmp_path: Path, db_url: str) -> None:
    with ChangingSite(articles=12) as site:
        _sources(tmp_path, site, ["park-a", "park-b", "park-c"], interval=3600)
        proc = _service(tmp_path, db_url, max_crawls=3)
        _, err = proc.communicate(timeout=SERVICE_TIMEOUT)
        assert proc.returncode == 0, err[-2000:]
    runs = _runs(db_url)
    assert sorted(r.source_id for r in runs) == ["park-a", "park-b", "park-c"]
    assert all(r.status == "ok" for r in runs), [(r.source_id, r.status, r.message) for r in runs]
    assert len({r.worker for r in runs}) == 1, [r.worker for r in runs]  # one crawl process
