"""Feeds and sitemaps for discovery: which ones a page or site offers (trafilatura's
helpers), their items with titles, and which sitemap to follow (news sitemaps first)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed, is_potential_feed
from trafilatura.sitemaps import GUESSES, extract_robots_sitemaps

# Usual feed paths tried when a page declares none.
FEED_PATHS = ("/rss.xml", "/feed", "/feed.xml", "/atom.xml", "/rss", "/index.xml")
SITEMAP_GUESSES = tuple(dict.fromkeys(["sitemap_news.xml", "sitemap.xml", "sitemap_index.xml", *GUESSES]))
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class Item:
    url: str
    title: str


def declared_feeds(html: str, page_url: str) -> list[str]:
    """Feeds a page declares (<link rel=alternate>, else feed-like <a> links)."""
    parts = urlsplit(page_url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.netloc, page_url)
    return determine_feed(html, params)


def usual_feed_urls(page_url: str) -> list[str]:
    parts = urlsplit(page_url)
    return [f"{parts.scheme}://{parts.netloc}{path}" for path in FEED_PATHS]


def robots_sitemaps(robots_text: str, page_url: str) -> list[str]:
    parts = urlsplit(page_url)
    return extract_robots_sitemaps(robots_text, f"{parts.scheme}://{parts.netloc}")


def guessed_sitemaps(page_url: str) -> list[str]:
    parts = urlsplit(page_url)
    return [f"{parts.scheme}://{parts.netloc}/{name}" for name in SITEMAP_GUESSES]


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:500]
    return is_potential_feed(head) and ("<rss" in head or "<feed" in head or "<rdf" in head.lower())


def looks_like_sitemap(text: str) -> bool:
    head = text.lstrip()[:1000]
    return "<urlset" in head or "<sitemapindex" in head


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def feed_items(body: bytes, base_url: str) -> list[Item]:
    """Items of an RSS 2.0, RSS 1.0 or Atom feed: link and title, in feed order."""
    root = etree.fromstring(body, parser=XML_PARSER)
    items = []
    for node in (root.iter() if root is not None else ()):
        if _local(node) not in ("item", "entry"):
            continue
        link, title = "", ""
        for child in node:
            name = _local(child)
            if name == "link" and not link and child.get("rel", "alternate") == "alternate":
                link = child.get("href") or (child.text or "").strip()
            elif name == "title":
                title = re.sub(r"\s+", " ", "".join(child.itertext())).strip()
        if link:
            items.append(Item(urljoin(base_url, link), title))
    return items


def feed_title(body: bytes) -> str:
    """The feed's own title (RSS channel or Atom feed), for the source's name."""
    root = etree.fromstring(body, parser=XML_PARSER)
    for node in (root.iter() if root is not None else ()):
        if _local(node) in ("item", "entry"):
            break
        if _local(node) == "title" and "".join(node.itertext()).strip():
            return re.sub(r"\s+", " ", "".join(node.itertext())).strip()
    return ""


@dataclass
class SitemapInfo:
    kind: str  # "urlset" or "sitemapindex"
    news: bool
    items: list[Item]  # pages (urlset) or nested sitemaps (index)


def read_sitemap(body: bytes) -> SitemapInfo:
    root = etree.fromstring(body, parser=XML_PARSER)
    if root is None:
        return SitemapInfo("urlset", False, [])
    kind = _local(root)
    items = []
    news = False
    for entry in root:
        loc = next((c.text.strip() for c in entry if _local(c) == "loc" and c.text), None)
        if not loc:
            continue
        title = " ".join(t.text.strip() for t in entry.iter(f"{{{NEWS_NS}}}title") if t.text)
        news = news or bool(title) or entry.find(f"{{{NEWS_NS}}}news") is not None
        items.append(Item(loc, title))
    return SitemapInfo(kind, news, items)


def news_first(urls: list[str]) -> list[str]:
    """Sitemap URLs with the ones named as news sitemaps first."""
    return sorted(dict.fromkeys(urls), key=lambda u: 0 if "news" in u.lower() else 1)
