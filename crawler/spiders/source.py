"""SourceSpider: walks a source's list pages, follows new article links, yields pages."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor

from crawler.failures import SKIP_KINDS, FailureLog, classify, unusable_body
from crawler.items import ListPageItem, PageItem
from crawler.listings import feed_links, html_links, sitemap_links
from crawler.netguard import ALLOWED_SCHEMES
from crawler.politeness import apply_politeness
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


def _header(response: Response, name: bytes) -> str | None:
    return (response.headers.get(name) or b"").decode("latin-1") or None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SourceSpider(scrapy.Spider):
    """One spider instance per source; what counts as new is decided by `seen_urls`."""

    name = "source"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        """The source's politeness becomes its crawler's settings (applied after this)."""
        source = kwargs.get("source")
        if isinstance(source, SourceConfig):
            apply_politeness(crawler.settings, source.politeness)
        return super().from_crawler(crawler, *args, **kwargs)

    def __init__(self, source: SourceConfig, demo_base: str | None = None,
                 seen_urls: set[str] | None = None, run_id: int | None = None,
                 list_validators: dict[str, tuple[str | None, str | None]] | None = None,
                 resume: bool = False, **kwargs: Any) -> None:
        super().__init__(name=f"source:{source.id}", **kwargs)
        self.source = source
        self.demo_base = demo_base
        self.seen_urls: set[str] = seen_urls if seen_urls is not None else set()
        self.list_validators = list_validators or {}
        self.resume = resume
        self.run_id = run_id
        self.link_extractor = LinkExtractor(allow=source.article_allow, deny=source.article_deny,
                                            unique=True)
        self.allow_res = [re.compile(p) for p in source.article_allow]
        self.deny_res = [re.compile(p) for p in source.article_deny]
        self.stats_counts = {"list_pages": 0, "list_not_modified": 0, "article_links": 0,
                             "new_links": 0, "errors": 0, "skipped": 0, "refused": 0, "article_errors": 0,
                             "bytes": 0}
        self.failures = FailureLog()
        self.close_reason: str | None = None

    def closed(self, reason: str) -> None:
        """Scrapy's close reason: "finished", or "shutdown" on SIGTERM, "closespider_timeout"..."""
        self.close_reason = reason

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield self._list_request(url, depth=1)

    def _list_request(self, url: str, depth: int) -> scrapy.Request:
        """A conditional GET: max-age=0 revalidates, the stored validators allow a 304."""
        headers = {"Cache-Control": "max-age=0"}
        etag, modified = self.list_validators.get(canonical_url(url, self.demo_base), (None, None))
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return scrapy.Request(url, callback=self.parse_list, errback=self.on_error, headers=headers,
                              meta={"list_depth": depth, "handle_httpstatus_list": [304]},
                              dont_filter=True)

    def _links(self, response: Response) -> tuple[list[str], list[str]]:
        """(article URLs, further list URLs such as nested sitemaps) of one list response."""
        if self.source.kind == "rss":
            return feed_links(response.body, response.url, self.allow_res, self.deny_res), []
        if self.source.kind == "sitemap":
            return sitemap_links(response.body, self.allow_res, self.deny_res)
        if not hasattr(response, "text"):
            logger.warning("%s: list page %s is not text", self.source.id, response.url)
            return [], []
        return html_links(response, self.link_extractor), []

    def parse_list(self, response: Response) -> Iterator[scrapy.Request | ListPageItem]:
        self.stats_counts["list_pages"] += 1
        self.stats_counts["bytes"] += len(response.body)
        if response.status == 304:
            self.stats_counts["list_not_modified"] += 1
            logger.info("%s: %s not modified; not paging further", self.source.id, response.url)
            return
        yield ListPageItem(source_id=self.source.id, url=response.url,
                           canonical_url=canonical_url(response.url, self.demo_base),
                           status=response.status, body=response.body,
                           etag=_header(response, b"ETag"),
                           last_modified=_header(response, b"Last-Modified"),
                           fetched_at=_now())
        links, more_lists = self._links(response)
        links = self._fetchable(links, "article")
        more_lists = self._fetchable(more_lists, "list")
        self.stats_counts["article_links"] += len(links)
        new = 0
        for url in links:
            key = canonical_url(url, self.demo_base)
            if key in self.seen_urls:
                continue
            self.seen_urls.add(key)
            new += 1
            yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                                 meta={"canonical_url": key})
        self.stats_counts["new_links"] += new
        depth = response.meta.get("list_depth", 1)
        if depth >= self.source.pagination.max_pages:
            return
        for url in more_lists:
            yield self._list_request(url, depth + 1)
        if links and new == 0 and not self.resume:
            logger.info("%s: %s holds only seen links; not paging further", self.source.id,
                        response.url)
            return
        selector = self.source.pagination.next_selector
        if selector and self.source.kind == "html":
            next_href = response.css(selector).get()
            if next_href:
                for url in self._fetchable([response.urljoin(next_href)], "list"):
                    yield self._list_request(url, depth + 1)

    def _fetchable(self, urls: list[str], target: str) -> list[str]:
        """The http(s) URLs among `urls`; the others (file:, ftp:, javascript:...) are recorded."""
        kept = []
        for url in urls:
            if urlsplit(url).scheme.lower() in ALLOWED_SCHEMES:
                kept.append(url)
            else:
                # Never requested, so not one of the run's new links: counted as an error only.
                self.failures.add(url, target, "refused", f"scheme of {url[:80]!r} is not http or https")
                self.stats_counts["errors"] += 1
        return kept

    def record(self, url: str, target: str, kind: str, reason: str) -> None:
        """Count and keep one URL this run could not use."""
        self.failures.add(url, target, kind, reason)
        if kind in SKIP_KINDS:
            self.stats_counts["skipped"] += 1
            return
        self.stats_counts["errors"] += 1
        if kind == "refused":
            self.stats_counts["refused"] += 1
        elif target == "article":  # a fetch that failed (a refused link was never fetched)
            self.stats_counts["article_errors"] += 1

    def parse_article(self, response: Response) -> Iterator[PageItem]:
        self.stats_counts["bytes"] += len(response.body)
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        problem = unusable_body(response.body, content_type)
        if problem is not None:
            # Not stored, so not seen: a later run tries again (failures.MAX_ATTEMPTS bounds it).
            self.record(response.meta["canonical_url"], "article", *problem)
            return
        yield PageItem(
            source_id=self.source.id,
            url=response.url,
            canonical_url=response.meta["canonical_url"],
            status=response.status,
            body=response.body,
            http_charset=http_charset(response),
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            fetched_at=_now(),
        )

    def on_error(self, failure: Any) -> None:
        request = failure.request
        kind, reason = classify(failure)
        target = "list" if "list_depth" in request.meta else "article"
        self.record(request.meta.get("canonical_url", request.url), target, kind, reason)
        logger.warning("%s: %s failed (%s): %s", self.source.id, request.url, kind, reason)
