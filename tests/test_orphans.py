"""A crawl child never outlives `parkwatch crawl`, never shows the database password in its
command line, and a lease left by a dead process on this host is taken back at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from parkwatch.config import REPO_ROOT, Config
from parkwatch.crawl import run_crawl
from store.models import CrawlRun
from store.session import Store
from tests.sites import ChangingSite, source_yaml

DEADLINE_S = 90  # a bound on waiting for processes, not a timing assert


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    # Zombies of the group count as gone: only live members could still crawl.
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


def _wait_for(predicate, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + DEADLINE_S
    while not predicate():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.1)


def test_sigkill_of_crawl_ends_its_child_and_frees_the_lease(tmp_path: Path, db_url: str) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    with ChangingSite(articles=5) as site:
        (sources / "local-news.yaml").write_text(source_yaml("local-news", site.base_url), encoding="utf-8")
        config = Config(db_url=db_url, sources_dir=sources, workers=1)
        Store(config.database_url).close()
        toml = tmp_path / "parkwatch.toml"
        toml.write_text(f"db_url = '{db_url}'\nsources_dir = '{sources}'\nworkers = 1\n", encoding="utf-8")
        site.article_gate.clear()  # the crawl blocks on its first article
        parent = subprocess.Popen([sys.executable, "-m", "parkwatch.cli", "--config", str(toml), "crawl"],
                                  cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            _wait_for(lambda: site.article_requests() > 0, "the crawl reaches an article")
            children = _children(parent.pid)
            assert len(children) == 1
            child = children[0]
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            assert "crawler.run" in cmdline
            assert db_url not in cmdline and "--db" not in cmdline
            url = make_url(db_url)
            if url.password:
                assert f"{url.username}:{url.password}@" not in cmdline
                assert str(url.password) not in cmdline.replace("parkwatch.", "")  # the test role's is 'parkwatch'

            pgid = os.getpgid(child)

            parent.send_signal(signal.SIGKILL)
            parent.wait()
            _wait_for(lambda: not _group_alive(pgid), "the crawl child and its workers end")
        finally:
            if parent.poll() is None:
                parent.kill()
                parent.wait()
            site.article_gate.set()

        # The lease the killed crawl held does not block the next one.
        outcome = run_crawl(config, fast=True)
        assert outcome.skipped == []
        assert [r["status"] for r in outcome.reports] == ["ok"]
    store = Store(config.database_url, migrate=False)
    with store.session() as session:
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
    store.close()
    assert [r.status for r in runs] == ["failed", "ok"]
    assert "interrupted" in (runs[0].message or "")
