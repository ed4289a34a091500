"""Article links out of a list page, an RSS/Atom feed or a sitemap."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import Sitemap


def html_links(response: Response, extractor: LinkExtractor) -> list[str]:
    return [link.url for link in extractor.extract_links(response)]


def _allowed(urls: Iterator[str], allow: list[re.Pattern[str]], deny: list[re.Pattern[str]]) -> list[str]:
    out = []
    for url in urls:
        if any(p.search(url) for p in allow) and not any(p.search(url) for p in deny):
            out.append(url)
    return list(dict.fromkeys(out))


def feed_links(body: bytes, base_url: str, allow: list[re.Pattern[str]],
               deny: list[re.Pattern[str]]) -> list[str]:
    """Item links of an RSS 2.0, RSS 1.0 or Atom feed, in feed order."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        return []
    urls = []
    for node in root.iter():
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if tag == "link":
            href = node.get("href") or (node.text or "").strip()
            if href:
                urls.append(href)
        elif tag == "guid" and (node.get("isPermaLink") or "true") == "true" and (node.text or "").startswith("http"):
            urls.append(node.text.strip())
    from urllib.parse import urljoin

    return _allowed((urljoin(base_url, u) for u in urls), allow, deny)


def sitemap_links(body: bytes, allow: list[re.Pattern[str]],
                  deny: list[re.Pattern[str]]) -> tuple[list[str], list[str]]:
    """(article URLs, nested sitemap URLs) of a sitemap or sitemap index."""
    sitemap = Sitemap(body)
    locs = [entry["loc"] for entry in sitemap if entry.get("loc")]
    if sitemap.type == "sitemapindex":
        return [], locs
    return _allowed(iter(locs), allow, deny), []
