"""Publish date of a page (or of text lines), never guessed: metas, the byline under the
headline, the article's head, <time>, the URL, labelled lines, an edition line, htmldate."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Callable, Iterable

from lxml.html import HtmlElement

from extractors.page import boilerplate as bp
from extractors.page import textfilter

LOGGER = logging.getLogger(__name__)

# The date of the document itself in a government information-disclosure table (索引号,
# 发文机关, 成文日期, 发布日期): the date the notice is signed with, which outranks the
# page's posting metas (PubDate) and its 发布日期 a day or two later.
DOC_DATE_LABEL_RE = re.compile(r"(?:成文日期|成文时间|成文时期)[\s：:]*(?=[0-9０-９])")
# Lines after the article's last paragraph that may still close it with its date line.
ARTICLE_CLOSING_LINES = 3
# Publish-time metas beyond the well-known names (apub:time, article_pubtime, pubtime): a
# name holding "pub" and "time" or "date" (never "publisher").
PUB_META_NAME_RE = re.compile(r"pub(?!lisher).*(?:time|date)|(?:time|date).*pub(?!lisher)")


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


def locate_article_end(page_lines: list[str], article_lines: list[str]) -> int | None:
    """Index of the page line where the article's last prose line stands."""
    last = next((ln for ln in reversed(article_lines) if textfilter.prose_size(ln)), None)
    if not last:
        return None
    key = "".join(last.split())[: bp.ANCHOR_CHARS]
    for index in range(len(page_lines) - 1, -1, -1):
        if key in "".join(page_lines[index].split()):
            return index
    return None


def _above_article_tail(page_lines: list[str], article_lines: list[str] | None) -> list[str]:
    """The page lines down to the article's end and the few lines closing it ("发布日期：...
    责任编辑：..."), up to a related-list heading or a footer line: below lie other stories'
    dates and the site's ("更新时间：" next to 版权所有)."""
    end = locate_article_end(page_lines, article_lines) if article_lines else None
    if end is None:
        return page_lines
    stop = end + 1
    for line in page_lines[stop : stop + ARTICLE_CLOSING_LINES]:
        if textfilter.is_tail_marker(line) or bp.DEBRIS_LINE_RE.search(line):
            break
        stop += 1
    return page_lines[:stop]


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
            value = _meta_date(found[name], crawled)
            if value:
                return value
    return None


def _meta_date(content: str, crawled: dt.date) -> dt.date | None:
    """The date of one meta's content (a date, or a path holding one)."""
    return parse_date_text(content, crawled) or date_from_url("/" + content + "/", crawled)


def date_from_pub_metas(tree: HtmlElement, crawled: dt.date) -> dt.date | None:
    """Date from the first meta named like a publish time (apub:time, article_pubtime)."""
    for name, content in _date_metas(tree).items():
        if PUB_META_NAME_RE.search(name):
            value = _meta_date(content, crawled)
            if value:
                return value
    return None


def date_from_document_table(lines: list[str], crawled: dt.date) -> dt.date | None:
    """The 成文日期 of a government information-disclosure table among `lines`, else None."""
    for line in lines:
        if len(line) > bp.META_LINE_MAX:
            continue
        label = DOC_DATE_LABEL_RE.search(line)
        if label:
            value = parse_date_text(line[label.end():], crawled)
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
    """Publish date by the cascade: a disclosure table's 成文日期, metas, byline under the
    title, article head, <time>, URL, modified-date metas, labelled page lines, a year-less
    byline dated by the markup, htmldate (only a date a byline-like line spells out)."""
    page_lines = lines_of_page()
    start = locate_title(page_lines, title)
    anchor = locate_article(page_lines, article_lines) if article_lines else None
    head = page_lines[:anchor] if anchor is not None else page_lines[: (start or 0) + bp.DATE_SEARCH_LINES]
    value = (
        date_from_document_table(head, crawled)
        or date_from_metas(tree, crawled, bp.DATE_META_NAMES)
        or date_from_pub_metas(tree, crawled)
    )
    if value:
        return value
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
    labelled = [
        ln
        for ln in _above_article_tail(page_lines, article_lines)
        if bp.DATE_LABEL_RE.search(ln) and len(ln) <= bp.DATE_LINE_MAX
    ]
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
    # htmldate's date counts only when a byline-like line above the article's first paragraph
    # spells it out (below it lie lists and footers; a sentence or an infobox field such as
    # "出道日期 1995年9月1日，26年前" dates an event, not the page).
    above = page_lines[: anchor + 1] if anchor is not None else page_lines
    bylines = [ln for ln in above if _byline_like(ln)]
    return date_from_htmldate(tree, "\n".join(bylines), crawled)


def _byline_like(line: str) -> bool:
    """A line that can carry the page's date: short, and labelled or free of sentence punctuation."""
    if len(line) > bp.DATE_LINE_MAX:
        return False
    return bp.DATE_LABEL_RE.search(line) is not None or not bp.SENTENCE_PUNCT_RE.search(line)


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
