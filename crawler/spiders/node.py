"""The spider a Scrapyd node runs: one source, named by id, written to the shared store.

    PARKWATCH_DB_URL=postgresql+psycopg://... \
    scrapy crawl parkwatch -a source=ID -a sources_dir=DIR [-a demo_base=URL] [-a worker=LABEL]

It opens and closes its crawl-run row exactly as `python -m crawler.run` does, so a run on
a node and a local run look the same to `parkwatch status` and the source health checks.
The scheduler holds the source's lease for as long as the job runs."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from crawler.pool import shutdown_pool
from crawler.run import finish_runs, prepare_runs
from crawler.sources import SourceError, load_sources
from crawler.spiders.source import SourceSpider
from store.session import Store

logger = logging.getLogger(__name__)


class NodeSpider(SourceSpider):
    name = "parkwatch"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, source: str | None = None,
                     sources_dir: str | None = None, demo_base: str | None = None,
                     worker: str | None = None, **kwargs: Any) -> NodeSpider:
        db_url = crawler.settings.get("PARKWATCH_DB_URL") or os.environ.get("PARKWATCH_DB_URL")
        if not db_url:
            raise ValueError("PARKWATCH_DB_URL is not set: set it in the Scrapyd node's environment "
                             "to the scheduler's database URL")
        if not crawler.settings.get("PARKWATCH_DB_URL"):  # the pipelines read it from settings
            crawler.settings.set("PARKWATCH_DB_URL", db_url, priority="cmdline")
        sources_dir = sources_dir or os.environ.get("PARKWATCH_SOURCES_DIR")
        if not source or not sources_dir:
            raise ValueError("spider arguments source=ID and sources_dir=DIR are required")
        try:
            found = [s for s in load_sources(Path(sources_dir)) if s.id == source]
        except SourceError as exc:
            raise ValueError(str(exc)) from exc
        if not found:
            raise ValueError(f"source {source!r} not found in {sources_dir}")
        config = found[0].resolved(demo_base)
        job = kwargs.get("_job")
        store = Store(db_url, migrate=False)
        run_id, seen, validators, resume = prepare_runs(
            store, [config], worker=worker or f"scrapyd job {job}")[config.id]
        spider = super().from_crawler(crawler, *args, source=config, demo_base=demo_base,
                                      seen_urls=seen, run_id=run_id, list_validators=validators,
                                      resume=resume, **kwargs)
        spider.store = store
        return spider

    def closed(self, reason: str) -> None:
        """After the pipelines have flushed (they close before spider_closed fires)."""
        super().closed(reason)
        store: Store = self.store
        try:
            shutdown_pool()
            for report in finish_runs(store, [self]):
                logger.info("run report: %s", json.dumps(report, ensure_ascii=False))
        finally:
            store.close()
