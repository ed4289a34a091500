"""Item pipelines: analyse pages in worker processes, then store them in one transaction."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object

from crawler.items import PageItem
from crawler.pool import get_pool
from extractors.article import analyse_page
from store.ingest import DealHook, store_analysis, store_page
from store.session import Store

logger = logging.getLogger(__name__)


class AnalysePipeline:
    """Cleans and extracts in a process pool (PARKWATCH_WORKERS processes)."""

    def __init__(self, crawler: Crawler, workers: int) -> None:
        self.crawler = crawler
        self.workers = workers
        self.timings: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AnalysePipeline:
        return cls(crawler, crawler.settings.getint("PARKWATCH_WORKERS", 0))

    async def process_item(self, item: PageItem) -> PageItem:
        spider: Any = self.crawler.spider
        options = spider.source.clean.model_dump()
        loop = asyncio.get_running_loop()
        future = get_pool(self.workers or None).submit(
            analyse_page, item.body, url=item.url, http_charset=item.http_charset,
            crawled=item.fetched_at.date(), clean_options=options)
        try:
            item.analysis = await asyncio.wrap_future(future, loop=loop)
        except Exception as exc:  # noqa: BLE001 - a page that breaks the cleaner is stored raw, logged
            logger.warning("%s: analysis failed for %s: %s", item.source_id, item.url, exc)
            item.analysis = None
        else:
            for key, value in (item.analysis.get("timings") or {}).items():
                self.timings[key] = self.timings.get(key, 0.0) + value
        return item

    def close_spider(self) -> None:
        spider: Any = self.crawler.spider
        spider.analysis_timings = {**getattr(spider, "analysis_timings", {}), **self.timings}


class StorePipeline:
    """Writes page, article, deal and alert outbox rows (PARKWATCH_DB_URL)."""

    def __init__(self, crawler: Crawler, db_url: str, hook: DealHook | None) -> None:
        self.crawler = crawler
        self.store = Store(db_url, migrate=False)
        self.hook = hook
        self.counts: dict[str, int] = {"pages": 0, "new_articles": 0, "new_deals": 0,
                                       "analysis_failed": 0}
        self.store_cpu_s = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        db_url = crawler.settings.get("PARKWATCH_DB_URL")
        if not db_url:
            raise NotConfigured("PARKWATCH_DB_URL is not set")
        factory = crawler.settings.get("PARKWATCH_DEAL_HOOK")
        hook = load_object(factory)(crawler.settings) if factory else None
        return cls(crawler, db_url, hook)

    def process_item(self, item: PageItem) -> PageItem:
        started = time.process_time()
        try:
            return self._store(item)
        finally:
            self.store_cpu_s += time.process_time() - started

    def _store(self, item: PageItem) -> PageItem:
        with self.store.session() as session:
            page = store_page(
                session, source_id=item.source_id, url=item.url,
                canonical_url=item.canonical_url, status=item.status, body=item.body,
                http_charset=item.http_charset, etag=item.etag,
                last_modified=item.last_modified, fetched_at=item.fetched_at)
            self.counts["pages"] += 1
            if item.analysis is None:
                self.counts["analysis_failed"] += 1
                return item
            result = store_analysis(session, page, item.analysis, self.hook)
        self.counts["new_articles"] += int(result.new_article)
        self.counts["new_deals"] += int(result.deal_event == "new")
        return item

    def close_spider(self) -> None:
        spider: Any = self.crawler.spider
        spider.pipeline_counts = dict(self.counts)
        spider.analysis_timings = {**getattr(spider, "analysis_timings", {}),
                                   "store_s": self.store_cpu_s}
        self.store.close()
