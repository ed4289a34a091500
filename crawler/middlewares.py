"""Downloader middlewares: the network guard, and re-decoding HTML whose HTTP charset
contradicts its bytes.

A wrong `utf-8` or `ISO-8859-1` header on GBK sites is common, and Scrapy lets the header
win over `<meta charset>`; the cleaner's decoder decides from header, BOM, meta and bytes."""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThreadPool

from crawler.netguard import UnsafeURL, check_url
from crawler.spiders.source import http_charset
from extractors.page.encoding import decode_html, normalize_charset

logger = logging.getLogger(__name__)


class CharsetFixMiddleware:
    """Replaces the response's encoding when the decoder disagrees with the header."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetFixMiddleware:
        if not crawler.settings.getbool("PARKWATCH_CHARSET_FIX_ENABLED", True):
            raise NotConfigured
        return cls()

    def process_response(self, request: Request, response: Response, spider: Spider) -> Response:
        # Only pages whose links we read: article bytes go to the cleaner undecoded.
        if "list_depth" not in request.meta:
            return response
        if not isinstance(response, HtmlResponse) or not response.body:
            return response
        declared = http_charset(response)
        _, encoding = decode_html(response.body, declared)
        if normalize_charset(encoding) == normalize_charset(response.encoding):
            return response
        if declared:
            logger.info("%s: header says %s, bytes are %s", response.url, declared, encoding)
        return response.replace(encoding=encoding)


class NetGuardMiddleware:
    """Refuses requests (redirects, robots.txt and feed items included) that `check_url`
    refuses: a scheme other than http(s), a host that does not resolve, or a non-public
    address on a host the source has not declared as its own private one."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NetGuardMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        from twisted.internet import reactor

        source = getattr(self.crawler.spider, "source", None)
        private_hosts = source.own_hosts() if source is not None and source.allow_private else ()
        try:
            await maybe_deferred_to_future(deferToThreadPool(
                reactor, reactor.getThreadPool(), check_url, request.url, private_hosts=private_hosts))
        except UnsafeURL as exc:
            raise IgnoreRequest(f"refused: {exc}") from None
