"""Title, publish date and site name from a parsed page (or from text lines), never guessed."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Callable, Iterable

from lxml.html import HtmlElement

from extractors.page import boilerplate as bp
from extractors.page import textfilter

LOGGER = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def make_date(year: str, month: str, day: str, crawled: dt.date) -> dt.date | None:
    """A valid date between MIN_YEAR and the crawl date, else None."""
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if value.year < bp.MIN_YEAR or value > crawled:
        return None
    return value


def parse_date_text(text: str, crawled: dt.date) -> dt.date | None:
    """First full date written in `text` (2020-11-20, 2020/11/20, 2020年11月20日, 令和4年9月14日)."""
    text = text.translate(bp.FULLWIDTH_DIGITS)
    for match in bp.TEXT_DATE_RE.finditer(text):
        value = make_date(*match.groups(), crawled)
        if value:
            return value
    for match in bp.ERA_DATE_RE.finditer(text):
        era, year, month, day = match.groups()
        offset = 0 if year == "元" else int(year) - 1
        value = make_date(str(bp.ERA_FIRST_YEAR[era] + offset), month, day, crawled)
        if value:
            return value
    for match in bp.US_DATE_RE.finditer(text):
        month, day, year = match.groups()
        value = make_date(year, month, day, crawled) or make_date(year, day, month, crawled)
        if value:
            return value
    return None


def date_from_line(line: str, crawled: dt.date) -> dt.date | None:
    """The date of a byline: the first date after a date label, else the first date."""
    label = bp.DATE_LABEL_RE.search(line)
    if label:
        value = parse_date_text(line[label.end():], crawled)
        if value:
            return value
    return parse_date_text(line, crawled)


def date_from_lines(lines: Iterable[str], crawled: dt.date) -> dt.date | None:
    """Date of the first byline-like line (short, holding a date) among `lines`."""
    fallback: dt.date | None = None
    for line in _join_label_lines(list(lines)):
        if len(line) > bp.DATE_LINE_MAX or "。" in line:
            continue
        if not textfilter.has_date(line):
            continue
        labelled = bp.DATE_LABEL_RE.search(line) is not None
        if not labelled and bp.SENTENCE_PUNCT_RE.search(line):
            continue  # "2021年6月17日，某某签约" dates an event, not the page
        value = date_from_line(line, crawled)
        if value is None:
            continue
        if labelled or len(line) <= bp.SHORT_LINE_MAX:
            return value
        fallback = fallback or value
    return fallback


def _join_label_lines(lines: list[str]) -> list[str]:
    """Join a bare label line ("发布日期：") with the line after it, where its date stands."""
    joined: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if (
            index + 1 < len(lines)
            and len(line) <= bp.LABEL_ONLY_MAX
            and bp.DATE_LABEL_RE.search(line)
            and not textfilter.has_date(line)
        ):
            line = f"{line} {lines[index + 1]}"
            index += 1
        joined.append(line)
        index += 1
    return joined


def locate_article(page_lines: list[str], article_lines: list[str]) -> int | None:
    """Index of the page line where the article's first prose line stands."""
    first = next((ln for ln in article_lines if textfilter.prose_size(ln)), None)
    if not first:
        return None
    key = "".join(first.split())[: bp.ANCHOR_CHARS]
    for index, line in enumerate(page_lines):
        if key in "".join(line.split()):
            return index
    return None


def date_from_url(url: str | None, crawled: dt.date) -> dt.date | None:
    """Date written in the URL path (/2020-02/19/, /20200102/, t20201120_), else None."""
    if not url:
        return None
    path = url.split("://", 1)[-1]
    path = path[path.find("/"):] if "/" in path else ""
    for regex in bp.URL_DATE_RES:
        for match in regex.finditer(path):
            value = make_date(*match.groups(), crawled)
            if value:
                return value
    return None


def _date_metas(tree: HtmlElement) -> dict[str, str]:
    """Lower-cased meta name/property/itemprop -> first content."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in found:
            found[key] = content
    return found


def date_from_metas(tree: HtmlElement, crawled: dt.date, names: tuple[str, ...]) -> dt.date | None:
    """Date from the first of the <meta> tags `names` that holds one."""
    found = _date_metas(tree)
    for name in names:
        if name in found:
            value = parse_date_text(found[name], crawled) or date_from_url("/" + found[name] + "/", crawled)
            if value:
                return value
    return None


def date_from_time_tags(tree: HtmlElement, crawled: dt.date) -> dt.date | None:
    """Date of the first <time datetime=...> element (HTML5 article headers)."""
    for tag in tree.iter("time"):
        value = parse_date_text(tag.get("datetime") or "", crawled)
        if value:
            return value
    return None


def _date_written_in(value: dt.date, text: str) -> bool:
    """Whether the page text spells out this exact date (guards against htmldate's guesses)."""
    forms = (
        f"{value.year}-{value.month:02d}-{value.day:02d}",
        f"{value.year}-{value.month}-{value.day}",
        f"{value.year}/{value.month:02d}/{value.day:02d}",
        f"{value.year}/{value.month}/{value.day}",
        f"{value.year}.{value.month:02d}.{value.day:02d}",
        f"{value.year}年{value.month}月{value.day}日",
        f"{value.year}年{value.month:02d}月{value.day:02d}日",
        f"{value.year}{value.month:02d}{value.day:02d}",
    )
    compact = text.replace(" ", "")
    return any(form in compact for form in forms)


def date_from_htmldate(tree: HtmlElement, page_text: str, crawled: dt.date) -> dt.date | None:
    """Last resort: htmldate's original date, kept only when the page spells that date out."""
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            original_date=True,
            outputformat="%Y-%m-%d",
            extensive_search=False,
            max_date=crawled.isoformat(),
        )
    except (ValueError, TypeError) as err:
        LOGGER.debug("htmldate failed: %s", err)
        return None
    if not found:
        return None
    value = make_date(*found.split("-"), crawled)
    if value and _date_written_in(value, page_text):
        return value
    return None


def date_from_yearless_byline(
    tree: HtmlElement, page_lines: list[str], start: int | None, url: str | None, crawled: dt.date
) -> dt.date | None:
    """A year-less byline date under the title ("[06月24日 11時30分]"), dated by the single
    year that the URL or the page markup writes with the same month and day; else None."""
    if start is None:
        return None
    for line in page_lines[start : start + bp.DATE_SEARCH_LINES]:
        if len(line) > bp.SHORT_LINE_MAX or bp.SENTENCE_PUNCT_RE.search(line):
            continue
        match = bp.YEARLESS_DATE_RE.search(line.translate(bp.FULLWIDTH_DIGITS))
        if match:
            break
    else:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    markup = " ".join([url or "", *(str(value) for value in tree.xpath("//@*"))])
    pattern = re.compile(bp.MARKUP_DATE_PATTERN.format(month=month, day=day))
    values = {make_date(year, str(month), str(day), crawled) for year in pattern.findall(markup)}
    values.discard(None)
    return values.pop() if len(values) == 1 else None


def find_date(
    tree: HtmlElement,
    lines_of_page: Callable[[], list[str]],
    title: str | None,
    url: str | None,
    crawled: dt.date,
    article_lines: list[str] | None = None,
) -> dt.date | None:
    """Publish date by the cascade: metas, byline under the title, article head, <time>, URL,
    modified-date metas, labelled page lines, a year-less byline dated by the markup, htmldate
    (only a date the page spells out)."""
    value = date_from_metas(tree, crawled, bp.DATE_META_NAMES)
    if value:
        return value
    page_lines = lines_of_page()
    start = locate_title(page_lines, title)
    anchor = locate_article(page_lines, article_lines) if article_lines else None
    if start is not None:
        # The byline stands between the headline and the first paragraph: below the
        # article's start lie its own sentences and the related lists.
        stop = start + bp.DATE_SEARCH_LINES
        if anchor is not None and start < anchor:
            stop = min(stop, anchor + 1)
        value = date_from_lines(page_lines[start:stop], crawled)
        if value:
            return value
        # Below that, only a post's own stamp ("本贴由某某于2005年8月12日发表").
        stamps = [ln for ln in page_lines[stop : start + bp.DATE_SEARCH_LINES] if bp.POST_STAMP_WORD_RE.search(ln)]
        value = date_from_lines(stamps, crawled)
        if value:
            return value
    if article_lines:
        # Only the article's head (up to its first paragraph): below lie its lists.
        head = min(bp.HEAD_ZONE_LINES, textfilter.head_end(article_lines) + 1)
        value = date_from_lines(article_lines[:head], crawled)
        if value:
            return value
        if anchor is not None:
            # The byline stands just above the first paragraph: search upwards from it.
            above = page_lines[max(anchor - bp.DATE_SEARCH_LINES, 0) : anchor]
            value = date_from_lines(above[::-1], crawled)
            if value:
                return value
    labelled = [ln for ln in page_lines if bp.DATE_LABEL_RE.search(ln) and len(ln) <= bp.DATE_LINE_MAX]
    value = (
        date_from_time_tags(tree, crawled)
        or date_from_url(url, crawled)
        or date_from_metas(tree, crawled, bp.MODIFIED_META_NAMES)
        or date_from_lines(labelled, crawled)
    )
    if value:
        return value
    value = date_from_edition_line(page_lines, start if start is not None else anchor, crawled)
    if value:
        return value
    value = date_from_yearless_byline(tree, page_lines, start, url, crawled)
    if value:
        return value
    # htmldate's date counts only when written above the article's first paragraph (a date
    # spelled out only below it belongs to a list or a footer).
    above = page_lines[: anchor + 1] if anchor is not None else page_lines
    return date_from_htmldate(tree, "\n".join(above), crawled)


def date_from_edition_line(page_lines: list[str], top: int | None, crawled: dt.date) -> dt.date | None:
    """The nearest date-only line above the headline (a newspaper edition's date), else None."""
    if top is None:
        return None
    for line in reversed(page_lines[max(top - 2 * bp.DATE_SEARCH_LINES, 0) : top]):
        if bp.DATE_ONLY_LINE_RE.match(line.translate(bp.FULLWIDTH_DIGITS)):
            return parse_date_text(line, crawled)
    return None


def locate_title(lines: list[str], title: str | None) -> int | None:
    """Index of the page line that holds the title (the headline in the page body)."""
    if not title:
        return None
    for index, line in enumerate(lines):
        if title in line and len(line) <= len(title) * bp.TITLE_LINE_RATIO + bp.TITLE_LINE_SLACK:
            return index
    return None


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
    if len(h1s) == 1 and (not raw_title or _overlap(h1s[0], raw_title) >= bp.H1_TITLE_OVERLAP):
        return h1s[0]
    for key in ("og:title", "twitter:title"):
        if metas.get(key):
            return choose_title(metas[key], lines_of_page)
    if raw_title:
        return choose_title(raw_title, lines_of_page)
    return h1s[0] if h1s else None


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
