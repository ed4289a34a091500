"""Downloader middleware: re-decode HTML whose HTTP charset contradicts its bytes.

A wrong `utf-8` or `ISO-8859-1` header on GBK sites is common, and Scrapy lets the header
win over `<meta charset>`; the cleaner's decoder decides from header, BOM, meta and bytes."""

from __future__ import annotations

import ipaddress
import logging
import socket

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.utils.httpobj import urlparse_cached

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


class PrivateAddressMiddleware:
    """Refuses requests (redirects included) to loopback, private or link-local addresses
    unless the spider's source allows them: a list page must not steer us inside a network."""

    def __init__(self) -> None:
        self.cache: dict[str, bool] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        return cls()

    def _is_private(self, host: str) -> bool:
        if host not in self.cache:
            try:
                infos = socket.getaddrinfo(host, None)
                addresses = {info[4][0] for info in infos}
            except OSError:
                addresses = set()  # unresolvable: the download fails on its own
            self.cache[host] = any(_private(a) for a in addresses)
        return self.cache[host]

    def process_request(self, request: Request, spider: Spider) -> None:
        source = getattr(spider, "source", None)
        if source is not None and source.allow_private:
            return None
        host = urlparse_cached(request).hostname or ""
        if self._is_private(host):
            raise IgnoreRequest(f"refused {request.url}: {host} resolves to a private address "
                                "(set allow_private: true in the source to permit it)")
        return None


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
