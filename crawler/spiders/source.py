"""SourceSpider: walks a source's list pages, follows new article links, yields pages."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor

from crawler.items import PageItem
from crawler.sources import SourceConfig
from crawler.urls import canonical_url

logger = logging.getLogger(__name__)


def http_charset(response: Response) -> str | None:
    """The charset the server declared, before Scrapy's own guessing."""
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key == "charset" and value:
            return value.strip("\"' ")
    return None


class SourceSpider(scrapy.Spider):
    """One spider instance per source; what counts as new is decided by `seen_urls`."""

    name = "source"

    def __init__(self, source: SourceConfig, demo_base: str | None = None,
                 seen_urls: set[str] | None = None, run_id: int | None = None,
                 **kwargs: Any) -> None:
        super().__init__(name=f"source:{source.id}", **kwargs)
        self.source = source
        self.demo_base = demo_base
        self.seen_urls: set[str] = seen_urls if seen_urls is not None else set()
        self.run_id = run_id
        self.link_extractor = LinkExtractor(allow=source.article_allow, deny=source.article_deny,
                                            unique=True)
        self.stats_counts = {"list_pages": 0, "article_links": 0, "new_links": 0, "errors": 0}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield self._list_request(url, depth=1)

    def _list_request(self, url: str, depth: int) -> scrapy.Request:
        # max-age=0 revalidates a cached list page instead of trusting it blindly.
        return scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                              headers={"Cache-Control": "max-age=0"},
                              meta={"list_depth": depth}, dont_filter=True)

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        self.stats_counts["list_pages"] += 1
        if not hasattr(response, "text"):
            logger.warning("%s: list page %s is not text", self.source.id, response.url)
            return
        links = self.link_extractor.extract_links(response)
        self.stats_counts["article_links"] += len(links)
        new = 0
        for link in links:
            key = canonical_url(link.url, self.demo_base)
            if key in self.seen_urls:
                continue
            self.seen_urls.add(key)
            new += 1
            yield scrapy.Request(link.url, callback=self.parse_article, errback=self.on_error,
                                 meta={"canonical_url": key})
        self.stats_counts["new_links"] += new
        depth = response.meta.get("list_depth", 1)
        selector = self.source.pagination.next_selector
        if links and new == 0:
            logger.info("%s: %s holds only seen links; not paging further", self.source.id,
                        response.url)
            return
        if selector and depth < self.source.pagination.max_pages:
            next_href = response.css(selector).get()
            if next_href:
                yield self._list_request(response.urljoin(next_href), depth + 1)

    def parse_article(self, response: Response) -> Iterator[PageItem]:
        yield PageItem(
            source_id=self.source.id,
            url=response.url,
            canonical_url=response.meta["canonical_url"],
            status=response.status,
            body=response.body,
            http_charset=http_charset(response),
            etag=(response.headers.get(b"ETag") or b"").decode("latin-1") or None,
            last_modified=(response.headers.get(b"Last-Modified") or b"").decode("latin-1") or None,
            fetched_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )

    def on_error(self, failure: Any) -> None:
        self.stats_counts["errors"] += 1
        logger.warning("%s: %s failed: %s", self.source.id, failure.request.url,
                       failure.getErrorMessage())
