"""Failures that show: bad pages are recorded (not stored as articles), failed ones are
retried within a bound, runs say `partial` only when stopped, mostly-failed runs count
towards the operator alert, and `parkwatch crawl` / `status` print the failed URLs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from crawler.failures import MAX_ATTEMPTS
from parkwatch.cli import main as cli
from parkwatch.config import Config
from parkwatch.crawl import run_crawl
from parkwatch.health import failure_streak
from store.models import Article, CrawlRun, CrawlRunError, Page
from store.session import Store
from tests.badsite import DEEP_SENTENCE, BadSite, bad_source_yaml

PROBLEM_PAGES = ("/news/empty.html", "/news/e500.html", "/news/large.html", "/news/loop.html")


def _setup(tmp_path: Path, db_url: str, site: BadSite) -> tuple[Config, Path]:
    sources = tmp_path / "sources"
    sources.mkdir(exist_ok=True)
    (sources / "bad.yaml").write_text(bad_source_yaml("bad", site), encoding="utf-8")
    toml = tmp_path / "parkwatch.toml"
    toml.write_text(f"db_url = '{db_url}'\nsources_dir = '{sources}'\nworkers = 1\n"
                    "ops_failure_threshold = 2\n", encoding="utf-8")
    Store(db_url).close()
    return Config(db_url=db_url, sources_dir=sources, workers=1, ops_failure_threshold=2), toml


def test_bad_pages_are_recorded_retried_and_shown(tmp_path: Path, db_url: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for crawling", encoding="utf-8")
    with BadSite(secret) as site:
        config, toml = _setup(tmp_path, db_url, site)
        first = CliRunner().invoke(cli, ["--config", str(toml), "crawl"], catch_exceptions=False)
        assert "bad: failed" in first.output, first.output
        assert "13 URL(s) failed or skipped" in first.output and "refused" in first.output

        store = Store(db_url, migrate=False)
        with store.session() as session:
            pages = set(session.scalars(select(Page.url).where(Page.kind == "article")))
            deep = session.scalar(select(Article).where(Article.url.like("%/news/deep.html")))
            kinds = {e.url.rsplit("/", 1)[1]: e.kind for e in session.scalars(select(CrawlRunError))}
            run = session.scalar(select(CrawlRun))
            assert failure_streak(session, "bad")[0] == 1
        # the good pages and the deep one are stored; PNG, empty and failed ones are not
        assert {u.rsplit("/", 1)[1] for u in pages} == {"good1.html", "good2.html", "deep.html"}
        assert deep is not None and DEEP_SENTENCE[:20] in deep.text
        assert kinds["png.html"] == "not-html" and kinds["empty.html"] == "empty"
        assert kinds["e500.html"] == "http" and kinds["large.html"] == "too-large"
        assert kinds["loop.html"] == "redirect"
        assert run.status == "failed" and "article fetches failed" in (run.message or "")

        status = CliRunner().invoke(cli, ["--config", str(toml), "status"], catch_exceptions=False)
        assert "bad: last run's failed or skipped URLs" in status.output and "failed" in status.output
        as_json = json.loads(CliRunner().invoke(cli, ["--config", str(toml), "status", "--format", "json"]).output)
        assert as_json["sources"][0]["consecutive_failures"] == 1
        assert {f["kind"] for f in as_json["failures"]["bad"]} >= {"refused"}

        # Failed and empty pages are tried again on later runs, MAX_ATTEMPTS times in all;
        # the PNG is not fetched again once skipped.
        for _ in range(MAX_ATTEMPTS):
            run_crawl(config, fast=True)
        for path in ("/news/empty.html", "/news/large.html"):
            assert site.requests[path] == MAX_ATTEMPTS, (path, dict(site.requests))
        assert site.requests["/news/png.html"] == 1
        assert site.requests["/news/good1.html"] == 1
    with store.session() as session:
        statuses = list(session.scalars(select(CrawlRun.status).order_by(CrawlRun.id)))
    store.close()
    # Mostly-failed runs are failures (they reach ops_failure_threshold = 2); once every
    # bad URL is given up, the run is ok again.
    assert statuses == ["failed"] * MAX_ATTEMPTS + ["ok"]
