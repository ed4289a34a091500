"""From one URL to a proposed source: fetch it under the crawler's rules, decide whether
to follow an HTML list, a feed or a sitemap, and render the commented, validated YAML.

Order: the URL itself when it is a feed or sitemap; the HTML list when its static HTML
holds a group of article links (the analyst chose that channel); else the feeds the page
declares or usual feed paths; else sitemaps (robots.txt lines, usual paths, news first)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import yaml
from parsel import Selector

from crawler.discovery import feeds
from crawler.discovery.fetch import Fetched, FetchError, Fetcher
from crawler.discovery.page import MIN_ARTICLES, ListPage, pager_like, read_list_page, site_name
from crawler.discovery.shapes import describe, group_by_shape, group_regex, shape_signals
from crawler.listings import feed_links
from crawler.sources import SourceConfig

DEFAULT_MAX_PAGES = 5
SITEMAP_MAX_DEPTH = 3  # sitemap index -> sitemap -> (nested) sitemap
SCHEDULE_MINUTES = 120
PAGES_TO_VERIFY = 2  # list pages fetched after the first to check pagination and the regex
SITEMAPS_TRIED = 6
MAX_PATTERNS = 6  # article_allow entries from a feed or sitemap with mixed URL shapes
# Host labels that say nothing about the site when deriving an id.
GENERIC_LABELS = frozenset({"www", "com", "cn", "net", "org", "gov", "edu", "jp", "co", "ac", "go",
                            "or", "ne", "info", "biz", "io", "m", "wap", "hk", "tw"})


class DiscoveryError(RuntimeError):
    """The URL gives no way to find articles; the message says what was tried."""


@dataclass
class Proposal:
    fields: dict
    comments: list[str]
    articles: list[feeds.Item]  # article links found while discovering
    confidence: str
    notes: list[str] = field(default_factory=list)

    def yaml_text(self) -> str:
        return render_yaml(self.fields, self.comments)

    def validate(self) -> SourceConfig:
        return SourceConfig.model_validate(yaml.safe_load(self.yaml_text()))


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def render_yaml(f: dict, comments: list[str]) -> str:
    lines = [f"# {c}" if c else "#" for c in comments]
    lines += [f"id: {f['id']}", f"name: {_quote(f['name'])}", f"language: {f['language']}",
              f"kind: {f['kind']}"]
    if f.get("region"):
        lines.append("region: {" + ", ".join(f"{k}: {_quote(v)}" for k, v in f["region"].items()) + "}")
    lines.append("start_urls:")
    lines += [f"  - {_quote(u)}" for u in f["start_urls"]]
    lines.append("article_allow:")
    lines += [f"  - {_quote(p)}" for p in f["article_allow"]]
    lines.append("article_deny: []")
    selector = f["pagination"]["next_selector"]
    lines.append("pagination: {next_selector: " + (_quote(selector) if selector else "null")
                 + f", max_pages: {f['pagination']['max_pages']}}}")
    lines.append(f"schedule: {{interval_minutes: {SCHEDULE_MINUTES}}}")
    lines.append("enabled: true")
    lines.append(f"allow_private: {'true' if f['allow_private'] else 'false'}")
    return "\n".join(lines) + "\n"


def derive_id(url: str, taken: set[str]) -> str:
    host = urlsplit(url).hostname or "site"
    try:
        ipaddress.ip_address(host)
        base = "site-" + re.sub(r"[^0-9a-f]+", "-", host.lower())
    except ValueError:
        labels = [label for label in host.lower().split(".") if label not in GENERIC_LABELS]
        base = "-".join(reversed(labels[-2:])) if labels else "site"
    base = re.sub(r"[^a-z0-9-]+", "-", base).strip("-")[:56] or "site"
    if len(base) < 2:
        base += "-site"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def region_hint(name: str) -> tuple[dict[str, str], str | None]:
    """Region fields from a place the site's name names (gazetteer), and that place."""
    from extractors.places import find_places

    mentions = find_places(name)
    if not mentions:
        return {}, None
    best = mentions[0]
    region = {k: getattr(best, k) for k in ("province", "city", "district", "park") if getattr(best, k)}
    return region, best.surface


def _language(given: str | None, detected: str | None) -> tuple[str, str]:
    if given:
        return given, "given"
    if detected:
        return detected, "detected"
    return "zh-Hans", "default (nothing to detect from)"


def _verify_pages(page: ListPage, first: Fetched, fetcher: Fetcher) -> tuple[int, list[str], list[feeds.Item]]:
    """Follow the next-page selector over PAGES_TO_VERIFY pages: each must add article links."""
    selector, url = page.pagination.selector, page.pagination.next_url
    pattern = re.compile(page.article.regex)  # type: ignore[union-attr]
    seen = set(page.matched)
    visited = {first.url}
    found: list[feeds.Item] = []
    pages, notes = 1, []
    for _ in range(PAGES_TO_VERIFY):
        if not selector or not url or url in visited:
            break
        try:
            got = fetcher.get(url)
        except FetchError as exc:
            notes.append(f"page {pages + 1} not fetched: {exc}")
            break
        visited.add(got.url)
        later = read_list_page(got.text, got.url)
        new = [link for link in later.links if pattern.search(link.url) and link.url not in seen]
        if not new:
            notes.append(f"page {pages + 1} ({got.url}) holds no new article links")
            break
        for link in new:
            if link.url not in seen:
                seen.add(link.url)
                found.append(feeds.Item(link.url, later.anchor_text(link.url)))
        pages += 1
        href = Selector(text=got.text).css(selector).get()
        url = urljoin(got.url, href.strip()) if href else None
    return pages, notes, found


def _recheck_on_page_two(page: ListPage, fetcher: Fetcher) -> str | None:
    """A sidebar repeats on every list page, the article list changes: if the chosen group
    does not change on page 2 and another candidate does, take that one."""
    if not page.pagination.next_url or page.article is None:
        return None
    try:
        second = read_list_page(fetcher.get(page.pagination.next_url).text, page.pagination.next_url)
    except FetchError:
        return None
    before = {g.key: {link.url for link in g.links} for g in page.groups}
    changed = {g.key for g in second.groups if {link.url for link in g.links} - before.get(g.key, set())}
    if page.article.key in changed:
        return None
    for candidate in page.candidates:
        if candidate.key in changed:
            old = page.article.pattern
            page.choose(candidate)
            return f"the first choice ({old}) repeats unchanged on page 2 (a sidebar); took {candidate.pattern}"
    return None


def _page_holds_articles(url: str, page: ListPage, fetcher: Fetcher, items: list[feeds.Item]) -> bool:
    """Whether a numbered or script page URL exists and adds article links (they join `items`)."""
    try:
        got = fetcher.get(url)
    except FetchError:
        return False
    pattern = re.compile(page.article.regex)  # type: ignore[union-attr]
    later = read_list_page(got.text, got.url)
    new = [u for u in dict.fromkeys(link.url for link in later.links) if pattern.search(u) and u not in page.matched]
    items += [feeds.Item(u, later.anchor_text(u)) for u in new]
    return bool(new)


def _from_html(page: ListPage, first: Fetched, fetcher: Fetcher) -> tuple[dict, list[str], list[feeds.Item], str]:
    switched = _recheck_on_page_two(page, fetcher)
    group = page.article
    assert group is not None
    items = [feeds.Item(u, page.anchor_text(u)) for u in page.matched]
    pages, notes, more = _verify_pages(page, first, fetcher)
    items += more
    pag = page.pagination
    start_urls = [first.url]
    if pag.selector:
        how = f"{pag.how} -> {pag.next_url}; "
        how += (f"followed over {pages} pages, each with new article links" if pages > 1
                else "not confirmed on a second page")
        max_pages = DEFAULT_MAX_PAGES
    elif pag.page_urls and _page_holds_articles(pag.page_urls[0], page, fetcher, items):
        start_urls += pag.page_urls[:DEFAULT_MAX_PAGES - 1]
        how, max_pages = f"{pag.how}: pages 1-{len(start_urls)} are listed as start URLs", 1
    elif pag.page_urls:
        how, max_pages = f"{pag.how}, but {pag.page_urls[0]} holds no new article links: only this page is read", 1
    else:
        how, max_pages = "no next-page link found: only this page is read", 1
    pattern = re.compile(group.regex)
    clash = [u for u in [first.url, pag.next_url, *pag.page_urls] if u and pattern.search(u)]
    clash += [u for u in page.matched if pager_like(page.anchor_text(u))]
    if clash:  # the list's own pages look like articles: a crawl would store them as such
        notes.append(f"{first.url} itself is shaped like its article links: is it an article? give the list "
                     "page that links to it" if clash[0] == first.url else
                     f"article_allow also matches the list page {clash[0]}: tighten it or add article_deny")
        confidence = "unsure"
    else:
        confidence = page.confidence
    signals = [s for s in ("date", "id") if group.signals[s] and not (s == "id" and group.signals["slug"])]
    signals += ["slug"] if group.signals["slug"] else []
    runner_up = next((g for g in page.groups if g is not group and g.regex != group.regex), None)
    lead = (f"the next group ({runner_up.pattern}, {len(runner_up.links)} links, anchors of "
            f"{runner_up.mean_text:.0f} characters) scores {group.score / max(runner_up.score, 1e-9):.1f} times lower"
            if runner_up else "no other group of links")
    comments = [
        f"detected: an HTML list; {len(page.matched)} article links on the first page, shaped {group.pattern}",
        f"  ({' and '.join(signals) or 'no date or id'} in the URL, headlines of {group.mean_text:.0f} "
        f"characters on average) - {confidence}: {lead}.",
        f"pagination: {how}.",
    ]
    comments += [f"  note: {n}" for n in notes + ([switched] if switched else [])]
    fields = {"kind": "html", "start_urls": start_urls, "article_allow": [group.regex],
              "pagination": {"next_selector": pag.selector, "max_pages": max_pages}}
    return fields, comments, list({i.url: i for i in items}.values()), confidence


def _patterns(urls: list[str], only_articles: bool) -> list[str]:
    groups = sorted(group_by_shape(urls).values(), key=len, reverse=True)
    if only_articles:
        groups = [g for g in groups if (shape_signals(g[0])["date"] or shape_signals(g[0])["id"])
                  and not shape_signals(g[0])["list_word"]]
    return [group_regex(g, keep_constant=len(g) >= MIN_ARTICLES) for g in groups[:MAX_PATTERNS]]


def _from_feed(got: Fetched) -> tuple[dict, list[str], list[feeds.Item], str]:
    items = feeds.feed_items(got.body, got.url)
    if not items:
        raise DiscoveryError(f"{got.url} is a feed with no items")
    allow = _patterns([i.url for i in items], only_articles=False)
    matched = feed_links(got.body, got.url, [re.compile(p) for p in allow], [])
    extra = set(matched) - {i.url for i in items}
    comments = [f"detected: an RSS/Atom feed with {len(items)} items, shaped "
                + ", ".join(describe(p) for p in allow) + (" - sure." if not extra else
                f" - likely: {len(extra)} non-item link(s) match too.")]
    fields = {"kind": "rss", "start_urls": [got.url], "article_allow": allow,
              "pagination": {"next_selector": None, "max_pages": 1}}
    return fields, comments, items, "sure" if not extra else "likely"


def _from_sitemap(got: Fetched, fetcher: Fetcher) -> tuple[dict, list[str], list[feeds.Item], str]:
    info = feeds.read_sitemap(got.body)
    start, items, news = got.url, info.items, info.news
    if info.kind == "sitemapindex":
        items, news, start_news = [], False, None
        for child in feeds.news_first([i.url for i in info.items])[:SITEMAPS_TRIED]:
            try:
                sub = feeds.read_sitemap(fetcher.get(child).body)
            except FetchError:
                continue
            if sub.news and start_news is None:
                start_news, items, news = child, sub.items, True
            elif start_news is None:
                items += sub.items
        start = start_news or got.url
    allow = _patterns([i.url for i in items], only_articles=not news)
    if not allow:
        raise DiscoveryError(f"sitemap {got.url} lists no article-like URLs ({len(items)} entries)")
    patterns = [re.compile(p) for p in allow]
    articles = [i for i in items if any(p.search(i.url) for p in patterns)]
    what = "a news sitemap" if news else "a sitemap"
    comments = [f"detected: {what} ({start}) with {len(items)} entries, {len(articles)} of them articles shaped "
                + ", ".join(describe(p) for p in allow) + (" - sure." if news else " - likely.")]
    fields = {"kind": "sitemap", "start_urls": [start], "article_allow": allow,
              "pagination": {"next_selector": None, "max_pages": SITEMAP_MAX_DEPTH}}
    return fields, comments, articles, "sure" if news else "likely"


def _try_feeds(urls: list[str], fetcher: Fetcher, tried: list[str]):  # type: ignore[no-untyped-def]
    for url in urls:
        tried.append(url)
        try:
            got = fetcher.get(url)
        except FetchError:
            continue
        if feeds.looks_like_feed(got.text) and feeds.feed_items(got.body, got.url):
            return got
    return None


def _try_sitemaps(urls: list[str], fetcher: Fetcher, tried: list[str]):  # type: ignore[no-untyped-def]
    for url in feeds.news_first(urls)[:SITEMAPS_TRIED]:
        tried.append(url)
        try:
            got = fetcher.get(url)
        except FetchError:
            continue
        if feeds.looks_like_sitemap(got.text):
            return got
    return None


def propose(url: str, fetcher: Fetcher, *, source_id: str | None = None, name: str | None = None,
            language: str | None = None, kind: str | None = None, allow_private: bool = False,
            taken_ids: set[str] | frozenset[str] = frozenset()) -> Proposal:
    """Fetch `url` and propose a source for it; DiscoveryError or FetchError when none."""
    first = fetcher.get(url)
    notes: list[str] = []
    page: ListPage | None = None
    origin = f"{urlsplit(first.url).scheme}://{urlsplit(first.url).netloc}"
    robots_maps = feeds.robots_sitemaps(fetcher.robots_texts.get(origin, ""), first.url)
    extra_comments: list[str] = []
    if feeds.looks_like_feed(first.text):
        fields, comments, items, confidence = _from_feed(first)
    elif feeds.looks_like_sitemap(first.text):
        fields, comments, items, confidence = _from_sitemap(first, fetcher)
    else:
        if "html" not in first.content_type and "<html" not in first.text[:3000].lower():
            raise DiscoveryError(f"{first.url} is not HTML, a feed or a sitemap "
                                 f"(Content-Type {first.content_type or 'missing'})")
        page = read_list_page(first.text, first.url)
        declared = feeds.declared_feeds(first.text, first.url)
        extra_comments.append("feeds declared by the page: " + (", ".join(declared) or "none")
                              + "; sitemaps in robots.txt: " + (", ".join(robots_maps) or "none") + ".")
        if page.article is not None and kind in (None, "html"):
            fields, comments, items, confidence = _from_html(page, first, fetcher)
        else:
            if kind == "html":
                raise DiscoveryError(f"no group of article links in the static HTML of {first.url}")
            why = (f"the static HTML of {first.url} holds no group of article links "
                   f"({len(page.links)} links, {page.scripts} scripts)"
                   + (": the list is probably rendered by JavaScript" if page.scripts else ""))
            tried: list[str] = []
            got = None if kind == "sitemap" else _try_feeds(declared or feeds.usual_feed_urls(first.url), fetcher, tried)
            if got is not None:
                fields, comments, items, confidence = _from_feed(got)
                notes.append(f"{why}; using the feed {got.url}")
            else:
                got = _try_sitemaps(robots_maps + feeds.guessed_sitemaps(first.url), fetcher, tried)
                if got is None:
                    raise DiscoveryError(f"{why}, and no feed or sitemap was found (tried "
                                         f"{', '.join(tried[:8])}). Look for the list's JSON "
                                         "request in the browser, or a feed elsewhere on the site.")
                fields, comments, items, confidence = _from_sitemap(got, fetcher)
                notes.append(f"{why}; using the sitemap {fields['start_urls'][0]}")
            comments.insert(0, why + ".")
    title = site_name(page) if page else (feeds.feed_title(first.body) if fields["kind"] == "rss" else None)
    the_name = name or title or urlsplit(first.url).netloc
    region, place = region_hint(the_name)
    sample = " ".join([the_name] + [i.title for i in items[:20]])
    detected = page.lang if page else None
    if detected is None:
        from extractors.lang import detect_lang

        guess = detect_lang(sample)
        detected = guess if guess in ("zh-Hans", "zh-Hant", "ja", "en") else None
    lang, lang_how = _language(language, detected)
    fields.update({"id": source_id or derive_id(first.url, set(taken_ids)), "name": the_name,
                   "language": lang, "region": region, "allow_private": allow_private})
    head = [f"Added by `parkwatch sources add {url}` on {dt.datetime.now(dt.UTC):%Y-%m-%d} (UTC)."]
    if first.encoding_guessed:
        extra_comments.append(f"encoding: guessed {first.encoding} (neither the header nor the page declares one).")
    extra_comments.append(f"language: {lang} ({lang_how}).")
    extra_comments.append(f"region: from the site's name ({place}, gazetteer)." if region
                          else "region: the site's name names no known place; add region: by hand if it has one.")
    proposal = Proposal(fields, head + comments + extra_comments, items, confidence, notes)
    proposal.validate()
    return proposal
