"""Title and site name from a parsed page (or from text lines), never guessed; the publish
date lives in pubdate.py and is re-exported here."""

from __future__ import annotations

import logging
from typing import Callable

from lxml.html import HtmlElement

from extractors.page import boilerplate as bp
from extractors.page import textfilter

LOGGER = logging.getLogger(__name__)


from extractors.page.pubdate import (  # noqa: F401  (metadata.find_date and friends stay here)
    date_from_line,
    date_from_lines,
    date_from_url,
    find_date,
    locate_article,
    locate_title,
    make_date,
    parse_date_text,
)


# ---------------------------------------------------------------------------
# Title and site
# ---------------------------------------------------------------------------


def _meta_map(tree: HtmlElement) -> dict[str, str]:
    """Lower-cased meta name/property -> first non-empty content."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = textfilter.normalize_line(meta.get("content") or "")
        if key and content and key not in found:
            found[key] = content
    return found


def split_title(raw: str) -> list[str]:
    """Parts of a <title> split on the first separator kind it uses (_ | - —), in order."""
    raw = textfilter.normalize_line(raw)
    for sep in bp.TITLE_SEPARATORS:
        if sep in raw:
            parts = [p.strip() for p in raw.split(sep) if p.strip()]
            if len(parts) > 1:
                return parts
    if "-" in raw:
        head, _, tail = raw.rpartition("-")
        if head and tail and len(tail) <= bp.SITE_NAME_MAX and not tail[:1].isdigit():
            return [head.strip(), tail.strip()]
    return [raw] if raw else []


def choose_title(raw: str, lines_of_page: Callable[[], list[str]]) -> str | None:
    """The longest of the whole title or its leading parts that the page shows as a headline.

    Falls back to the longest part before the site name when the page shows none."""
    parts = split_title(raw)
    if not parts:
        return None
    # The last part is the site name when short; a long last part is part of the headline.
    leading = parts[:-1] if len(parts) > 1 and len(parts[-1]) <= bp.SITE_NAME_MAX else parts
    whole = textfilter.normalize_line(raw)
    if len(parts) == 1:
        return whole
    page_lines = lines_of_page()
    keys = {"".join(line.split()) for line in page_lines}
    for candidate in sorted({whole, *leading}, key=len, reverse=True):
        key = "".join(candidate.split())
        if len(key) >= bp.TITLE_MIN_CHARS and (key in keys or _headline_holds(page_lines, key)):
            return candidate
    return max(leading, key=len)


def _headline_holds(page_lines: list[str], key: str) -> bool:
    """Whether a short page line holds `key` with little else (a headline with a prefix tag)."""
    limit = len(key) * bp.HEADLINE_SLACK_RATIO + bp.HEADLINE_SLACK_CHARS
    return any(key in "".join(line.split()) and len(line) <= limit for line in page_lines)


def find_title(tree: HtmlElement, lines_of_page: Callable[[], list[str]]) -> str | None:
    """Article title: ArticleTitle meta, a single <h1> matching the page title, og:title, <title>."""
    metas = _meta_map(tree)
    title_el = tree.find(".//title")
    raw_title = textfilter.normalize_line(title_el.text_content()) if title_el is not None else ""
    parts = split_title(raw_title)
    site_like = parts[-1] if len(parts) > 1 else None
    if metas.get("articletitle"):
        return metas["articletitle"]
    h1s = [textfilter.normalize_line(h.text_content()) for h in tree.iter("h1")]
    h1_count = len(h1s)
    # A logo <h1> holding the site's name ends the <title> ("标题 某某网"): it is no headline,
    # and the <title> loses it.
    site_names = {site_like, *(metas.get(name) for name in bp.SITE_META_NAMES)}
    site_names |= {h for h in h1s if _is_site_suffix(h, raw_title)}
    site_names.discard(None)
    for name in site_names:
        if len(parts) == 1 and _is_site_suffix(name, raw_title):
            raw_title = raw_title[: -len(name)].rstrip(" -_|｜—:：")
            break
    h1s = [h for h in h1s if bp.TITLE_MIN_CHARS <= len(h) <= bp.TITLE_MAX_CHARS * 2 and h not in site_names]
    if len(h1s) == 1 and (
        _overlap(h1s[0], raw_title) >= bp.H1_TITLE_OVERLAP if raw_title else _lone_headline(h1s[0], h1_count)
    ):
        return h1s[0]
    for key in ("og:title", "twitter:title"):
        if metas.get(key):
            return choose_title(metas[key], lines_of_page)
    if raw_title:
        return choose_title(raw_title, lines_of_page)
    return next((h for h in h1s if _lone_headline(h, h1_count)), None)


def _lone_headline(h1: str, h1_count: int) -> bool:
    """Without a <title>: the page's one <h1>, or among several (blog templates head every
    sidebar box with one: 导航, Blog统计, 公告) one long enough for a headline."""
    return h1_count == 1 or len(h1) >= bp.SIDEBAR_HEADING_MAX + 1


def _is_site_suffix(name: str, title: str) -> bool:
    """A short name standing at the end of a longer <title> after a space or separator."""
    if not name or not title or len(name) > bp.SITE_NAME_MAX or not title.endswith(name):
        return False
    head = title[: -len(name)]
    return len(head.strip()) >= bp.TITLE_MIN_CHARS and head[-1:] in " -_|｜—:："


def _overlap(short: str, long: str) -> float:
    """Share of the characters of `short` found in `long` (cheap fuzzy containment)."""
    if not short:
        return 0.0
    pool = set(long)
    return sum(1 for ch in short if ch in pool) / len(short)


def find_site(tree: HtmlElement, title: str | None = None) -> str | None:
    """Site name: og:site_name / SiteName metas, else the <title> part after the headline."""
    metas = _meta_map(tree)
    for name in bp.SITE_META_NAMES:
        if metas.get(name):
            return metas[name]
    title_el = tree.find(".//title")
    if title_el is None:
        return None
    parts = split_title(title_el.text_content())
    # The last part names the site unless the chosen title is the whole <title>.
    if len(parts) > 1 and len(parts[-1]) <= bp.SITE_NAME_MAX:
        if not title or title in parts[:-1] or parts[-1] not in title:
            return parts[-1]
    return None


def text_title_and_site(lines: list[str]) -> tuple[str | None, str | None]:
    """(title, site) of a text: its head headline, split like a <title> when it carries a site."""
    head = textfilter.find_head_title(lines)
    if not head:
        return None, None
    parts = split_title(head)
    if len(parts) > 1:
        return choose_title(head, lambda: lines[1:]), parts[-1]
    return head, None
