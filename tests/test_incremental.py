"""Incremental, polite, healthy crawling against a real local site that changes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from parkwatch.config import REPO_ROOT, Config
from parkwatch.crawl import run_crawl
from parkwatch.health import failure_streak, ops_message
from store.leases import acquire_lease, release_lease
from store.models import Article, CrawlRun, Page
from store.session import Store
from tests.sites import ChangingSite, source_yaml


def _config(tmp_path: Path, db_url: str, site: ChangingSite, *, allow_private: bool = True,
            **extra) -> Config:
    sources = tmp_path / "sources"
    sources.mkdir(exist_ok=True)
    (sources / "local-news.yaml").write_text(source_yaml("local-news", site.base_url,
                                                         allow_private=allow_private), encoding="utf-8")
    config = Config(db_url=db_url, sources_dir=sources, workers=1, **extra)
    Store(config.database_url).close()
    return config


def _count(config: Config, model, *where) -> int:  # type: ignore[no-untyped-def]
    store = Store(config.database_url, migrate=False)
    with store.session() as session:
        n = session.scalar(select(func.count()).select_from(model).where(*where))
    store.close()
    return n


def test_only_new_articles_are_fetched_and_lists_revalidate(tmp_path: Path, db_url: str) -> None:
    with ChangingSite(articles=25) as site:
        config = _config(tmp_path, db_url, site)
        first = run_crawl(config, fast=True)
        assert first.total("new_articles") == 25 and site.article_requests() == 25
        bytes_first = site.bytes_sent

        second = run_crawl(config, fast=True)
        assert second.total("new_articles") == 0
        assert site.article_requests() == 25  # no article fetched again
        assert second.total("list_not_modified") == 1  # the first list page answered 304
        assert site.bytes_sent - bytes_first < bytes_first * 0.05

        site.articles = 28  # three new articles on top of the first list page
        third = run_crawl(config, fast=True)
        assert third.total("new_articles") == 3 and site.article_requests() == 28
        # paging stopped at the first list page holding only seen links
        assert site.requests["/news/index_2.html"] == 1
    assert _count(config, Article) == 28
    assert _count(config, Page, Page.kind == "article") == 28


def test_broken_source_alerts_operator_once_and_recovers(tmp_path: Path, db_url: str) -> None:
    from tests.servers import Webhook

    with ChangingSite(articles=5) as site, Webhook() as ops:
        config = _config(tmp_path, db_url, site, ops_notify=[ops.url], ops_failure_threshold=2)
        run_crawl(config, fast=True)
        site.broken = True
        store = Store(config.database_url, migrate=False)
        messages = []
        for _ in range(3):
            run_crawl(config, fast=True)
            with store.session() as session:
                messages.append(ops_message(session, "local-news", config.ops_failure_threshold))
        assert [m is not None for m in messages] == [False, True, False]  # once, at the threshold
        with store.session() as session:
            assert failure_streak(session, "local-news") == (3, "failed")
        site.broken = False
        site.articles = 6
        outcome = run_crawl(config, fast=True)
        assert outcome.reports[0]["status"] == "ok" and outcome.total("new_articles") == 1
        with store.session() as session:
            assert failure_streak(session, "local-news") == (0, None)
        store.close()


def test_layout_change_is_reported_at_once(tmp_path: Path, db_url: str) -> None:
    with ChangingSite(articles=5) as site:
        config = _config(tmp_path, db_url, site)
        run_crawl(config, fast=True)
        site.no_links, site.articles = True, 7
        outcome = run_crawl(config, fast=True)
        assert outcome.reports[0]["status"] == "empty"
        assert "no article links" in outcome.reports[0]["message"]
        store = Store(config.database_url, migrate=False)
        with store.session() as session:
            title, body = ops_message(session, "local-news", 3)
        store.close()
        assert "local-news" in title and "no article links" in body


def test_private_address_is_refused_unless_allowed(tmp_path: Path, db_url: str) -> None:
    with ChangingSite(articles=3) as site:
        config = _config(tmp_path, db_url, site, allow_private=False)
        outcome = run_crawl(config, fast=True)
        assert outcome.reports[0]["status"] == "failed"
        assert site.requests["/news/index.html"] == 0 and site.article_requests() == 0


def test_lease_excludes_a_second_crawl(store: Store) -> None:
    now = dt.datetime(2026, 11, 22, 8, 0)
    ttl = dt.timedelta(minutes=5)
    with store.sessions() as session:
        assert acquire_lease(session, "s", "a", ttl, now)
        assert not acquire_lease(session, "s", "b", ttl, now + dt.timedelta(minutes=1))
        assert acquire_lease(session, "s", "b", ttl, now + dt.timedelta(minutes=6))  # expired
        release_lease(session, "s", "b")
        assert acquire_lease(session, "s", "c", ttl, now + dt.timedelta(minutes=7))


def test_sigkill_mid_crawl_loses_nothing_and_next_run_completes(tmp_path: Path, db_url: str) -> None:
    total = 120
    with ChangingSite(articles=total) as site:
        config = _config(tmp_path, db_url, site)
        site.article_delay = 0.2
        cmd = [sys.executable, "-m", "crawler.run", "--db", config.database_url,
               "--sources-dir", str(config.sources_dir), "--workers", "1", "--fast"]
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while _count(config, Article) < 1:  # wait for a first stored batch (a poll, not a timing assert)
            assert proc.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        stored = _count(config, Article)
        assert 1 <= stored < total
        site.article_delay = 0.0
        outcome = run_crawl(config, fast=True)
        assert outcome.total("new_articles") == total - stored
    assert _count(config, Article) == total
    assert _count(config, Page, Page.kind == "article") == total
    store = Store(config.database_url, migrate=False)
    with store.session() as session:
        urls = session.scalars(select(Article.url)).all()
        assert len(urls) == len(set(urls)) == total
        runs = session.execute(select(CrawlRun.status, CrawlRun.message).order_by(CrawlRun.id)).all()
        assert runs[0] == ("failed", "interrupted (the crawl process died)") and runs[1][0] == "ok"
    store.close()


@pytest.mark.parametrize("kind", ["rss", "sitemap"])
def test_feeds_and_sitemaps_are_list_sources(tmp_path: Path, db_url: str, kind: str) -> None:
    from parkwatch.demosite import DemoServer

    root = tmp_path / "site"
    (root / "news" / "2026").mkdir(parents=True)
    from tests.sites import article_html

    for n in (1, 2, 3):
        (root / "news" / "2026" / f"a{n}.html").write_text(article_html(n), encoding="utf-8")
    with DemoServer(root) as server:
        base = server.base_url
        if kind == "rss":
            items = "".join(f"<item><title>t{n}</title><link>{base}/news/2026/a{n}.html</link></item>" for n in (1, 2, 3))
            (root / "feed.xml").write_text(f"<?xml version='1.0'?><rss version='2.0'><channel>{items}</channel></rss>", encoding="utf-8")
            start = f"{base}/feed.xml"
        else:
            urls = "".join(f"<url><loc>{base}/news/2026/a{n}.html</loc></url>" for n in (1, 2, 3))
            (root / "part.xml").write_text(f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>", encoding="utf-8")
            (root / "sitemap.xml").write_text(f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap><loc>{base}/part.xml</loc></sitemap></sitemapindex>", encoding="utf-8")
            start = f"{base}/sitemap.xml"
        sources = tmp_path / "sources"
        sources.mkdir()
        (sources / "feed-src.yaml").write_text(
            f"id: feed-src\nname: feed\nlanguage: zh-Hans\nkind: {kind}\nstart_urls: ['{start}']\n"
            "article_allow: ['/news/2026/a\\d+\\.html$']\nallow_private: true\n", encoding="utf-8")
        config = Config(db_url=db_url, sources_dir=sources, workers=1)
        Store(config.database_url).close()
        outcome = run_crawl(config, fast=True)
    assert outcome.total("new_articles") == 3


def test_sigterm_before_any_list_page_says_the_run_was_stopped(tmp_path: Path, db_url: str) -> None:
    """A service stopping while a list page is still on its way is a stop, not a broken source."""
    with ChangingSite(articles=3) as site:
        config = _config(tmp_path, db_url, site)
        site.list_gate.clear()
        cmd = [sys.executable, "-m", "crawler.run", "--db", config.database_url,
               "--sources-dir", str(config.sources_dir), "--workers", "1", "--fast"]
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, start_new_session=True,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + 120
        while site.requests["/news/index.html"] < 1:  # the list request is in flight
            assert proc.poll() is None, "the crawl ended before its list page was requested"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=120)
        site.list_gate.set()
        assert proc.returncode == 0
    store = Store(config.database_url, migrate=False)
    with store.session() as session:
        runs = session.execute(select(CrawlRun.status, CrawlRun.message)).all()
    store.close()
    assert len(runs) == 1
    status, message = runs[0]
    assert status == "failed" and message.startswith("stopped (shutdown)"), runs
    assert '"status": "failed"' in out
