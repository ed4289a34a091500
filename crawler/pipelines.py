"""Item pipelines: analyse pages in worker processes, then store them in one transaction."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object
from sqlalchemy.orm import Session
from twisted.internet import task

from crawler.items import ListPageItem, PageItem
from crawler.pool import analyse_for_store, get_pool, pool_started, start_pool
from store.dedup import lock_deals
from store.ingest import DealHook, FetchedPage, IngestResult, store_analysis, store_new_pages, store_page
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

    async def process_item(self, item: PageItem | ListPageItem) -> PageItem | ListPageItem:
        if not isinstance(item, PageItem):
            return item
        spider: Any = self.crawler.spider
        options = spider.source.clean.model_dump()
        loop = asyncio.get_running_loop()
        if not pool_started():  # the first new page: the reactor fetches on meanwhile
            await asyncio.to_thread(start_pool, self.workers or None)
        future = get_pool(self.workers or None).submit(
            analyse_for_store, item.body, url=item.url, http_charset=item.http_charset,
            crawled=item.fetched_at.date(), clean_options=options)
        try:
            item.analysis = await asyncio.wrap_future(future, loop=loop)
        except Exception as exc:  # noqa: BLE001 - a page that breaks the cleaner is stored raw, logged
            logger.warning("%s: analysis failed for %s: %s", item.source_id, item.url, exc)
            item.analysis = None
        else:
            for key, value in (item.analysis.get("timings") or {}).items():
                self.timings[key] = self.timings.get(key, 0.0) + value
            item.body = b""  # the worker returned the compressed bytes and their hash
        return item

    def close_spider(self) -> None:
        spider: Any = self.crawler.spider
        spider.analysis_timings = {**getattr(spider, "analysis_timings", {}), **self.timings}


class StorePipeline:
    """Writes page, article, deal and alert outbox rows (PARKWATCH_DB_URL).

    Items are written in batches of PARKWATCH_STORE_BATCH, one transaction each: a commit
    per page costs more than the page's own rows. A crash loses only the unwritten batch,
    whose pages are not yet 'seen' and so are fetched again by the next run."""

    def __init__(self, crawler: Crawler, db_url: str, hook: DealHook | None, batch: int,
                 max_wait: float) -> None:
        self.crawler = crawler
        self.db_url = db_url
        self.store = shared_store(db_url)
        self.hook = hook
        self.batch = batch
        self.max_wait = max_wait
        self.buffer: list[PageItem] = []
        self.list_pages: list[ListPageItem] = []
        self.last_flush = time.monotonic()
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
        return cls(crawler, db_url, hook, crawler.settings.getint("PARKWATCH_STORE_BATCH", 32),
                   crawler.settings.getfloat("PARKWATCH_STORE_MAX_WAIT", 2.0))

    def open_spider(self) -> None:
        # A source whose pages stop coming must not keep its last batch until it closes.
        self.flusher = task.LoopingCall(self._flush_if_due)
        self.flusher.start(self.max_wait, now=False)

    def _flush_if_due(self) -> None:
        if self.buffer and time.monotonic() - self.last_flush >= self.max_wait:
            self.flush()

    def process_item(self, item: PageItem | ListPageItem) -> PageItem | ListPageItem:
        if isinstance(item, ListPageItem):
            # A list's validators are kept only once every article it links to is stored:
            # a 304 next time must not hide articles a killed or failing run never fetched.
            self.list_pages.append(item)
            return item
        self.buffer.append(item)
        if len(self.buffer) >= self.batch or time.monotonic() - self.last_flush >= self.max_wait:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered article pages in one transaction."""
        items, self.buffer = self.buffer, []
        self._write(items)

    def _write(self, items: Sequence[PageItem | ListPageItem]) -> None:
        if not items:
            return
        started = time.process_time()
        with self.store.session() as session:
            # Every region lock the batch's deals need, up front and in order (no deadlock).
            lock_deals(session, [item.analysis["facts"] for item in items
                                 if isinstance(item, PageItem) and item.analysis
                                 and item.analysis["facts"].get("is_deal")])
            analysed = [item for item in items if isinstance(item, PageItem) and item.analysis
                        and item.analysis.get("stored")]
            results = store_new_pages(session, [_fetched(item) for item in analysed], self.hook)
            done = {id(item): result for item, result in zip(analysed, results) if result is not None}
            for item in items:
                if id(item) in done:
                    self.counts["pages"] += 1
                    self._count(item, done[id(item)])
                else:  # stored before, a list page, or a page the analysis failed on
                    self._store(session, item)
        self.last_flush = time.monotonic()
        self.store_cpu_s += time.process_time() - started

    def _store(self, session: Session, item: PageItem | ListPageItem) -> None:
        if isinstance(item, ListPageItem):
            store_page(session, source_id=item.source_id, url=item.url,
                       canonical_url=item.canonical_url, status=item.status, body=item.body,
                       http_charset=None, etag=item.etag, last_modified=item.last_modified,
                       fetched_at=item.fetched_at, kind="list", keep_raw=False)
            return
        page = store_page(
            session, source_id=item.source_id, url=item.url,
            canonical_url=item.canonical_url, status=item.status, body=item.body,
            http_charset=item.http_charset, etag=item.etag,
            last_modified=item.last_modified, fetched_at=item.fetched_at,
            prepared=item.analysis.get("stored") if item.analysis else None)
        self.counts["pages"] += 1
        if item.analysis is None:
            self.counts["analysis_failed"] += 1
            logger.info("%s: stored %s raw (analysis failed)", item.source_id, item.url)
            return
        self._count(item, store_analysis(session, page, item.analysis, self.hook))

    def _count(self, item: PageItem, result: IngestResult) -> None:
        self.counts["new_articles"] += int(result.new_article)
        self.counts["new_deals"] += int(result.deal_event == "new")
        logger.info("%s: stored %s (%s, deal %s)", item.source_id, item.url,
                    "new" if result.new_article else "updated", result.deal_event or "none")

    def close_spider(self) -> None:
        flusher = getattr(self, "flusher", None)
        if flusher is not None and flusher.running:
            flusher.stop()
        self.flush()
        spider: Any = self.crawler.spider
        # Every new link became a stored page (no error, no shutdown cut the run short).
        complete = (self.counts["pages"] == spider.stats_counts.get("new_links", 0)
                    and not spider.stats_counts.get("errors"))
        if complete:
            self._write(self.list_pages)
        spider.pipeline_counts = dict(self.counts)
        spider.analysis_timings = {**getattr(spider, "analysis_timings", {}),
                                   "store_s": self.store_cpu_s}
        release_store(self.db_url)


def _fetched(item: PageItem) -> FetchedPage:
    assert item.analysis is not None
    return FetchedPage(source_id=item.source_id, url=item.url, canonical_url=item.canonical_url,
                       status=item.status, http_charset=item.http_charset, etag=item.etag,
                       last_modified=item.last_modified, fetched_at=item.fetched_at,
                       analysis=item.analysis)


_stores: dict[str, tuple[Store, int]] = {}


def shared_store(db_url: str) -> Store:
    """One Store (engine, connection pool) per database for every spider of the process:
    a crawl of a hundred sources must not open a hundred pools."""
    store, users = _stores.get(db_url, (None, 0))
    if store is None:
        store = Store(db_url, migrate=False)
    _stores[db_url] = (store, users + 1)
    return store


def release_store(db_url: str) -> None:
    """The last spider using the store closes it."""
    store, users = _stores[db_url]
    if users <= 1:
        del _stores[db_url]
        store.close()
    else:
        _stores[db_url] = (store, users - 1)
