"""Crawls dispatched to two real Scrapyd nodes on loopback, writing to one shared store."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from alerts.outbox import flush_due
from alerts.subscriptions import load_subscriptions
from parkwatch.cli import main
from parkwatch.config import Config
from parkwatch.crawl import CrawlError, run_crawl
from store.models import Article, CrawlRun, Deal, DealMention, Page
from store.session import Store
from tests.servers import ScrapydNode, Webhook
from tests.sites import ManySourcesSite, section_source_yaml

SOURCES = 20


@pytest.fixture
def nodes(tmp_path: Path, db_url: str) -> Iterator[list[ScrapydNode]]:
    Store(db_url).close()  # migrated before any node writes
    with ScrapydNode(tmp_path / "node-1", db_url) as one, ScrapydNode(tmp_path / "node-2", db_url) as two:
        yield [one, two]


def _config(tmp_path: Path, db_url: str, site: ManySourcesSite, urls: list[str], hook: str) -> Config:
    sources = tmp_path / "sources"
    sources.mkdir(exist_ok=True)
    for section in range(site.sources):
        (sources / f"park-{section:03d}.yaml").write_text(section_source_yaml(section, site.base_url),
                                                          encoding="utf-8")
    subscriptions = tmp_path / "subscriptions.yaml"
    subscriptions.write_text("subscribers:\n  - name: analyst\n    language: zh\n"
                             f"    urls: ['{hook}']\n    rules:\n      - min_amount_yi: 1\n", encoding="utf-8")
    return Config(db_url=db_url, sources_dir=sources, subscriptions=subscriptions, workers=1,
                  scrapyd_urls=urls, scrapyd_slots=2, scrapyd_poll_seconds=0.2)


def _crawl_all(config: Config, ids: list[str]) -> list[dict]:
    """As the scheduler does: one crawl per source, several at once (more than the slots)."""
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(lambda s: run_crawl(config, sources=[s], subscriptions=config.subscriptions,
                                                     fast=True, timeout=900), ids))
    return [r for o in outcomes for r in o.reports]


def _scalar(store: Store, query):  # type: ignore[no-untyped-def]
    with store.session() as session:
        return session.scalar(query)


# Twenty Scrapyd jobs on two 2-slot nodes start twenty crawler processes on 2 cores: a
# hang guard with room for a loaded machine (the default 300 s is met only when idle).
@pytest.mark.timeout(900)
def test_twenty_sources_on_two_nodes_store_once_dedupe_and_alert_once(
        tmp_path: Path, db_url: str, nodes: list[ScrapydNode]) -> None:
    with ManySourcesSite(sources=SOURCES, per_source=6, repost_every=3) as site, Webhook() as hook:
        config = _config(tmp_path, db_url, site, [n.url for n in nodes], hook.url)
        ids = [f"park-{i:03d}" for i in range(SOURCES)]
        reports = _crawl_all(config, ids)
        logs = "\n".join(n.log() for n in nodes)
        assert sorted(r["source"] for r in reports) == ids, logs
        assert all(r["status"] == "ok" for r in reports), ([r for r in reports if r["status"] != "ok"], logs)
        # Both nodes did work, each crawl on the node its run row names.
        assert {r["worker"].split()[1] for r in reports} == {n.url for n in nodes}
        assert sum(r["new_articles"] for r in reports) == site.total_articles

        store = Store(db_url, migrate=False)
        try:
            assert _scalar(store, select(func.count()).select_from(Article)) == site.total_articles
            assert _scalar(store, select(func.count(func.distinct(Article.url)))) == site.total_articles
            assert _scalar(store, select(func.count()).select_from(Page).where(Page.kind == "article")) \
                == site.total_articles
            # Each reposted event is one deal with two articles, whichever node stored which.
            assert _scalar(store, select(func.count()).select_from(Deal)) == site.total_deals
            with store.session() as session:
                per_deal = session.execute(select(DealMention.deal_id, func.count())
                                           .group_by(DealMention.deal_id)).all()
            assert sorted(n for _, n in per_deal).count(2) == site.reposted
            assert max(n for _, n in per_deal) == 2

            subscribers = load_subscriptions(config.subscriptions)
            first = flush_due(store, subscribers)
            assert first.sent == site.total_deals and len(hook.received) == site.total_deals
            again = flush_due(store, subscribers)
            assert again.sent == 0 and len(hook.received) == site.total_deals

            # A second round fetches nothing new and alerts nothing.
            second = _crawl_all(config, ids)
            assert all(r["status"] == "ok" and r["new_articles"] == 0 for r in second), second
            assert flush_due(store, subscribers).sent == 0 and len(hook.received) == site.total_deals
            assert _scalar(store, select(func.count()).select_from(CrawlRun)) == 2 * SOURCES

            # The operator sees where each source's last run ran.
            status = CliRunner().invoke(main, ["status", "--format", "json"],
                                        env={"PARKWATCH_DB_URL": db_url})
            assert status.exit_code == 0, status.output
            workers = {row["worker"].split()[1] for row in json.loads(status.output)["sources"]}
            assert workers <= {n.url for n in nodes} and workers
        finally:
            store.close()


def test_a_node_that_is_down_is_a_clear_crawl_error(tmp_path: Path, db_url: str) -> None:
    Store(db_url).close()
    with ManySourcesSite(sources=1) as site, Webhook() as hook:
        dead = ScrapydNode(tmp_path / "never-started", db_url)  # its port answers nothing
        config = _config(tmp_path, db_url, site, [dead.url], hook.url)
        with pytest.raises(CrawlError, match=r"no Scrapyd node answered: .*daemonstatus\.json"):
            run_crawl(config, sources=["park-000"], fast=True, timeout=30)
    store = Store(db_url, migrate=False)
    try:  # nothing half-done: no run row, and the lease is free for the next attempt
        assert _scalar(store, select(func.count()).select_from(CrawlRun)) == 0
    finally:
        store.close()


def test_stopping_the_service_cancels_node_jobs_cleanly(tmp_path: Path, db_url: str) -> None:
    """stop_all() (SIGTERM to `parkwatch run`) cancels the jobs it dispatched; the node's
    crawl stops cleanly and its run row says so, and the lease is free again."""
    from parkwatch.crawl import stop_all
    from store.leases import acquire_lease
    from tests.sites import ChangingSite, source_yaml

    Store(db_url).close()
    with ChangingSite(articles=60) as site, ScrapydNode(tmp_path / "node", db_url) as node:
        site.article_gate.clear()  # the first article responses hang until the stop is under way
        sources = tmp_path / "sources"
        sources.mkdir()
        (sources / "slow-park.yaml").write_text(source_yaml("slow-park", site.base_url), encoding="utf-8")
        config = Config(db_url=db_url, sources_dir=sources, workers=1, scrapyd_urls=[node.url],
                        scrapyd_poll_seconds=0.2, log_level="INFO")  # INFO: the job logs the signal
        with ThreadPoolExecutor(max_workers=1) as pool:
            crawl = pool.submit(run_crawl, config, sources=["slow-park"], fast=True, timeout=300)
            deadline = time.monotonic() + 120
            while site.article_requests() < 3:  # the node's crawl is under way
                assert not crawl.done() and time.monotonic() < deadline, node.log()
                time.sleep(0.05)
            stop_all()
            while "shutting down gracefully" not in node.log():  # the job got the signal
                assert time.monotonic() < deadline, node.log()
                time.sleep(0.05)
            site.article_gate.set()
            reports = crawl.result(timeout=120).reports
    assert len(reports) == 1 and reports[0]["status"] == "partial", (reports, node.log())
    assert "stopped after" in reports[0]["message"] and site.article_requests() < 60
    store = Store(db_url, migrate=False)
    try:
        assert _scalar(store, select(func.count()).select_from(Article)) == reports[0]["new_articles"] > 0
        with store.sessions() as session:
            assert acquire_lease(session, "slow-park", "next", dt.timedelta(minutes=5))
    finally:
        store.close()
