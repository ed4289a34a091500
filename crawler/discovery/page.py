"""An HTML list page read for discovery: its links grouped by URL shape and place in the
page, the group that holds the articles, the regex for them and the next-page selector.

A list page's articles share a URL shape (often a date and an id) and a place in the
markup (one list), and their anchors are headlines; navigation, channel and sidebar links
differ in at least one of these. Pure: takes decoded HTML, returns data."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from parsel import Selector

from crawler.discovery.shapes import UrlShape, describe, group_regex, shape_signals, url_shape

# Fewest links a group needs to be taken for a list of articles.
MIN_ARTICLES = 3
# Mean anchor length (characters) below which links are navigation, not headlines.
MIN_HEADLINE_CHARS = 6
# Headline length above which longer anchors earn no more score.
HEADLINE_CAP = 40
# Score factors of the URL signals, of links to other hosts, and of list items that show
# a date beside the link (news lists do, sidebars and menus rarely).
DATE_FACTOR, ID_FACTOR, WORD_FACTOR, LIST_FACTOR, OFFSITE_FACTOR, ITEM_DATE_FACTOR = 2.0, 1.5, 1.2, 0.2, 0.5, 1.6
ITEM_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}|(?<!\d)\d{1,2}[-/月]\d{1,2}(?!\d)")
SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co", "go", "or", "ne", "ad"})
ITEM_TAG_SET = ("li", "tr", "dd", "dt", "p", "div", "article", "section")
# How far the best group must lead the next one to be called sure.
SURE_LEAD = 2.0
# Tags whose classes vary per item (odd/even, first/last): left out of a link's place.
ITEM_TAGS = frozenset({"li", "tr", "td", "th", "dd", "dt", "p", "span", "em", "strong", "b", "i",
                       "font", "h1", "h2", "h3", "h4", "h5", "h6", "a", "small", "label"})
# Anchor texts of a next-page link (compared without spaces, arrows, case).
NEXT_WORDS = ("下一页", "下页", "下一頁", "次へ", "次のページ", "次ページ", "nextpage", "next",
              "olderposts", "older")
PAGER_WORDS = frozenset({"上一页", "上页", "首页", "尾页", "末页", "前へ", "prev", "previous", "first", "last"})
NEXT_STRIP_RE = re.compile(r"[\s»›>＞<«‹\u00a0\-_|]+")
# Classes of the current page number in a pager.
CURRENT_CLASSES = ("current", "cur", "active", "on", "sel", "selected", "curr", "now", "thisclass")
SCRIPT_PAGER_RE = re.compile(r"createPageHTML\s*\(([^)]*)\)")
PAGE_EXTENSIONS = ("html", "htm", "shtml", "jhtml", "jsp", "php", "asp", "aspx")
PAGE_NUMBER_RE = re.compile(r"^\s*\[?\s*(\d{1,4})\s*\]?\s*$")
# html lang attribute -> source language.
LANG_MAP = {"zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-hant": "zh-Hant", "zh-mo": "zh-Hant",
            "ja": "ja", "en": "en"}
TITLE_SPLIT_RE = re.compile(r"\s*(?:[_|｜—–]|\s-\s)\s*")


Avoid = re.Pattern[str] | None  # article links, never taken for the next page


@dataclass
class PageLink:
    url: str
    text: str
    place: str
    element: lxml.html.HtmlElement = field(repr=False)
    dated: bool = False  # its list item shows a date beside the link


@dataclass
class LinkGroup:
    key: tuple
    links: list[PageLink]
    shapes: list[UrlShape]
    score: float
    signals: dict[str, bool]
    mean_text: float
    regex: str

    @property
    def pattern(self) -> str:
        return describe(self.regex)


@dataclass
class Pagination:
    selector: str | None = None
    next_url: str | None = None
    how: str = "not found"
    page_urls: list[str] = field(default_factory=list)  # numbered pages, when no next link


@dataclass
class ListPage:
    url: str
    title: str
    site_name: str | None
    lang: str | None
    links: list[PageLink]
    groups: list[LinkGroup]
    candidates: list[LinkGroup]  # groups that may be the article list, best first
    article: LinkGroup | None
    confidence: str
    matched: list[str]
    pagination: Pagination
    scripts: int

    def choose(self, group: LinkGroup) -> None:
        """Take `group` as the article list (page 2 showed the first choice does not change)."""
        self.article = group
        self.confidence = "likely"
        pattern = re.compile(group.regex)
        self.matched = list(dict.fromkeys(link.url for link in self.links if pattern.search(link.url)))

    def anchor_text(self, url: str) -> str:
        return max((link.text for link in self.links if link.url == url), key=len, default="")


def _text(element: lxml.html.HtmlElement) -> str:
    text = " ".join(element.itertext()).strip() or element.get("title", "")
    return re.sub(r"\s+", " ", text)


def _place(element: lxml.html.HtmlElement) -> str:
    parts = []
    for node in element.iterancestors():
        if not isinstance(node.tag, str) or node.tag in ("html", "body"):
            continue
        part = node.tag
        if node.get("id"):
            part += "#" + node.get("id")
        if node.tag not in ITEM_TAGS and node.get("class"):
            part += "." + ".".join(sorted(node.get("class").split()))
        parts.append(part)
    return "/".join(reversed(parts))


def page_links(root: lxml.html.HtmlElement, base_url: str) -> list[PageLink]:
    base = root.xpath("string(//base/@href)") or base_url
    links = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        if urlsplit(url).scheme in ("http", "https"):
            text = _text(a)
            item = next((n for n in a.iterancestors() if n.tag in ITEM_TAG_SET), None)
            rest = _text(item).replace(text, "") if item is not None and len(item.xpath(".//a")) <= 2 else ""
            links.append(PageLink(url, text, _place(a), a, bool(ITEM_DATE_RE.search(rest))))
    return links


def site_of(host: str) -> str:
    """The registered site of a host: news.example.com.cn and www.example.com.cn are one."""
    labels = host.split(":")[0].split(".")
    if all(label.isdigit() for label in labels):
        return host.split(":")[0]
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _score(links: list[PageLink], shapes: list[UrlShape], page_host: str) -> tuple[float, dict[str, bool], float]:
    signals = shape_signals(shapes[0])
    mean = sum(len(link.text) for link in links) / len(links)
    score = math.sqrt(len(links)) * min(mean, HEADLINE_CAP) / 10
    score *= (DATE_FACTOR if signals["date"] else 1) * (ID_FACTOR if signals["id"] else 1)
    score *= (WORD_FACTOR if signals["article_word"] else 1) * (LIST_FACTOR if signals["list_word"] else 1)
    if site_of(shapes[0].host) != site_of(page_host):
        score *= OFFSITE_FACTOR
    if sum(link.dated for link in links) * 2 >= len(links):
        score *= ITEM_DATE_FACTOR
    return score, signals, mean


def group_links(links: list[PageLink], page_host: str, page_url: str) -> list[LinkGroup]:
    """Groups of same-shaped links in the same place, best first."""
    buckets: dict[tuple, dict[str, PageLink]] = {}
    for link in links:
        if link.url.rstrip("/") == page_url.rstrip("/"):
            continue
        key = (url_shape(link.url).key, link.place)
        bucket = buckets.setdefault(key, {})
        if link.url not in bucket or len(link.text) > len(bucket[link.url].text):
            bucket[link.url] = link
    groups = []
    for key, bucket in buckets.items():
        members = list(bucket.values())
        shapes = [url_shape(link.url) for link in members]
        score, signals, mean = _score(members, shapes, page_host)
        groups.append(LinkGroup(key, members, shapes, score, signals, mean, group_regex(shapes)))
    return sorted(groups, key=lambda g: g.score, reverse=True)


def article_candidates(groups: list[LinkGroup]) -> list[LinkGroup]:
    return [g for g in groups if len(g.links) >= MIN_ARTICLES and g.mean_text >= MIN_HEADLINE_CHARS
            and not g.signals["list_word"]]


def _article_group(groups: list[LinkGroup]) -> tuple[LinkGroup | None, str]:
    candidates = article_candidates(groups)
    if not candidates:
        return None, "none"
    best = candidates[0]
    others = [g for g in groups if g is not best and g.regex != best.regex]
    lead = best.score / others[0].score if others and others[0].score else math.inf
    if (best.signals["date"] or best.signals["id"]) and len(best.links) >= 5 and lead >= SURE_LEAD:
        return best, "sure"
    if best.signals["date"] or best.signals["id"]:
        return best, "likely"
    return best, "unsure"


def _selector_gives(html: Selector, selector: str, base_url: str, url: str) -> bool:
    href = html.css(selector).get()
    return bool(href) and urljoin(base_url, href.strip()).split("#", 1)[0] == url


def _next_by_text(links: list[PageLink], html: Selector, base_url: str, avoid: Avoid) -> Pagination | None:
    for link in links:
        element = link.element
        core = NEXT_STRIP_RE.sub("", link.text).lower()
        rel = (element.get("rel") or "").lower().split()
        classes = [c for c in (element.get("class") or "").split() if "next" in c.lower()]
        word = next((w for w in NEXT_WORDS if core == w or (len(w) > 2 and core.startswith(w))), None)
        if not (word or "next" in rel or classes) or (avoid and avoid.search(link.url)):
            continue
        options = []
        if "next" in rel:
            options.append(('a[rel~="next"]::attr(href)', "rel=next link"))
        options += [(f"a.{c}::attr(href)", f"link of class {c}") for c in classes]
        if word:
            shown = link.text.strip()
            parts = re.split(r"[\s»›>＞<«‹]+", shown)
            literal = next((w for w in parts if w and w.lower().startswith(word[:4])), shown)
            if '"' not in literal and "\\" not in literal:
                options.append((f'a:contains("{literal}")::attr(href)', f"link {literal!r}"))
        for selector, how in options:
            if _selector_gives(html, selector, base_url, link.url):
                return Pagination(selector, link.url, how)
    return None


def pager_like(text: str) -> bool:
    """Anchor text of a pager: a page number, next, previous, first or last page."""
    core = NEXT_STRIP_RE.sub("", text).lower()
    return (bool(PAGE_NUMBER_RE.match(text)) or core in PAGER_WORDS
            or any(core.startswith(w) and len(core) <= len(w) + 4 for w in NEXT_WORDS))


def _page_number(text: str) -> int | None:
    match = PAGE_NUMBER_RE.match(text)
    return int(match.group(1)) if match else None


def _next_by_number(links: list[PageLink], html: Selector, base_url: str, avoid: Avoid) -> Pagination | None:
    """A pager of numbers: the link after the current page's marker, else the page URLs."""
    twos = [link for link in links if _page_number(link.text) == 2 and not (avoid and avoid.search(link.url))]
    for link in twos:
        pager = link.element.getparent()
        marker = link.element.getprevious()
        if pager is None or marker is None or not PAGE_NUMBER_RE.match(_text(marker) or "x"):
            continue
        current = set((marker.get("class") or "").split()) & set(CURRENT_CLASSES)
        if marker.tag == "a" and marker.get("href") and not current:
            continue
        classes = sorted(current) or (marker.get("class") or "").split()[:1]
        marker_sel = marker.tag + "".join(f".{c}" for c in classes[:1])
        pager_sel = pager.tag + (f"#{pager.get('id')}" if pager.get("id") else
                                 "".join(f".{c}" for c in (pager.get("class") or "").split()[:1]))
        selector = f"{pager_sel} > {marker_sel} + a::attr(href)"
        if _selector_gives(html, selector, base_url, link.url):
            return Pagination(selector, link.url, "numbered pager (the link after the current page)")
    if twos:
        pager = twos[0].element.getparent()
        numbered = sorted(((int(PAGE_NUMBER_RE.match(_text(a)).group(1)), urljoin(base_url, a.get("href")))
                           for a in pager.iter("a") if a.get("href") and PAGE_NUMBER_RE.match(_text(a))),
                          key=lambda p: p[0])
        urls = [u for n, u in numbered if n >= 2]
        return Pagination(None, urls[0] if urls else None, "numbered pages, no next link", list(dict.fromkeys(urls)))
    return None


def _next_by_script(html: str, base_url: str) -> Pagination | None:
    """TRS-style CMS pagers written by a script: createPageHTML(count, current, "index", "html")
    makes index_1.html (0-based current) or list_2.shtml (1-based) the next page."""
    match = SCRIPT_PAGER_RE.search(html)
    if not match:
        return None
    args = [a.strip().strip("'\"") for a in match.group(1).split(",")]
    numbers = [int(a) for a in args if a.isdigit()]
    words = [a for a in args if re.fullmatch(r"[A-Za-z]\w*", a)]
    ext = next((w for w in words if w.lower() in PAGE_EXTENSIONS), None)
    if not numbers or ext is None or words.index(ext) == 0:
        return None
    name, count = words[words.index(ext) - 1], numbers[0]
    current = numbers[1] if len(numbers) > 1 else 0
    first = 1 if current == 0 else current + 1
    last = count - 1 if current == 0 else count
    urls = [urljoin(base_url, f"{name}_{k}.{ext}") for k in range(first, last + 1)]
    if not urls:
        return None
    return Pagination(None, urls[0], f"pager script {match.group(0)[:60]}", urls)


def find_next(links: list[PageLink], html: Selector, base_url: str, avoid: str | None,
              text: str = "") -> Pagination:
    avoid_re = re.compile(avoid) if avoid else None
    return (_next_by_text(links, html, base_url, avoid_re) or _next_by_number(links, html, base_url, avoid_re)
            or _next_by_script(text, base_url) or Pagination())


def _language(root: lxml.html.HtmlElement, sample: str) -> str | None:
    from extractors.lang import detect_lang

    lang = (root.get("lang") or root.xpath("string(//meta[@http-equiv='content-language']/@content)") or "").lower()
    for prefix, value in LANG_MAP.items():
        if lang.startswith(prefix):
            return value
    detected = detect_lang(sample)
    return detected if detected in ("zh-Hans", "zh-Hant", "ja", "en") else None


def read_list_page(html: str, url: str) -> ListPage:
    """Everything discovery wants to know about one decoded list page."""
    root = lxml.html.fromstring(html or "<html></html>")
    links = page_links(root, url)
    host = urlsplit(url).netloc.lower()
    groups = group_links(links, host, url)
    article, confidence = _article_group(groups)
    matched: list[str] = []
    if article is not None:
        pattern = re.compile(article.regex)
        matched = list(dict.fromkeys(link.url for link in links if pattern.search(link.url)))
    pagination = find_next(links, Selector(text=html), url, article.regex if article else None, html)
    title = re.sub(r"\s+", " ", root.xpath("string(//title)")).strip()
    site_name = root.xpath("string(//meta[@property='og:site_name']/@content)").strip() or None
    sample = title + " " + " ".join(link.text for link in (article.links if article else links))
    return ListPage(url, title, site_name, _language(root, sample), links, groups,
                    article_candidates(groups), article, confidence, matched, pagination,
                    len(root.xpath("//script")))


def site_name(page: ListPage) -> str:
    """Name for the source: og:site_name, else the title as 'site·channel'."""
    parts = [p for p in TITLE_SPLIT_RE.split(page.title) if p]
    if page.site_name and parts and page.site_name not in parts[0]:
        return f"{page.site_name}·{parts[0]}"[:80]
    if len(parts) >= 2:
        return f"{parts[-1]}·{parts[0]}"[:80]
    return (page.site_name or page.title or urlsplit(page.url).netloc)[:80]
