"""Main text and metadata of a page: the `parkwatch clean` cascade and its public API.

Stages: decode bytes -> parse once with lxml -> title/site from the tree -> prune per-source
and boilerplate nodes, read stray <li> as paragraphs -> (content_xpath node | trafilatura in
precision mode, comments off, link-list lines dropped) -> line-level CJK debris filter ->
density stage (prose-richest node) only when the filtered text falls short -> a skipped
lead/summary block put back above the text. The date comes from the same tree and page lines.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from lxml.html import HTMLParser, document_fromstring
from trafilatura import bare_extraction

from extractors.page import boilerplate as bp
from extractors.page import layout, lead, metadata, pubdate, textfilter
from extractors.page.lines import (  # node_lines is public (tests, lead)
    link_blocks,
    node_lines,
    restore_table_order,
    tree_stats,
    xml_lines,
)
from extractors.page.mend import mend_loose_text, mend_orphan_items
from extractors.page.encoding import decode_html, maybe_gunzip
from extractors.lang import detect_lang

__all__ = ["CleanOptions", "CleanedPage", "clean_html", "clean_text", "decode_html"]

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanOptions:
    """Per-source overrides: the article node, nodes to drop first, whether tables count."""

    content_xpath: str | None = None
    prune_xpaths: tuple[str, ...] = ()
    include_tables: bool = True


@dataclass
class CleanedPage:
    """What the cleaner keeps of a page (the `parkwatch clean` contract fields)."""

    title: str | None
    published: dt.date | None
    site: str | None
    lang: str | None
    encoding: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Contract fields as JSON-ready values (published as an ISO date or None)."""
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "site": self.site,
            "lang": self.lang,
            "encoding": self.encoding,
            "text": self.text,
        }


def _text_size(lines: list[str]) -> int:
    """Characters of a text without white space."""
    return sum(len(ln.replace(" ", "")) for ln in lines)


def _is_content_attr(attrs: str) -> bool:
    """A class/id token naming an article container alone ("artical_real", not "post_comment")."""
    return any(
        bp.CONTENT_ATTR_RE.search(token) and not bp.BOILERPLATE_ATTR_RE.search(" " + token)
        for token in attrs.split()
    )


def prune_nodes(tree: HtmlElement, xpaths: tuple[str, ...]) -> None:
    """Remove per-source nodes and small boilerplate containers (comments, share bars, lists)."""
    doomed: list[HtmlElement] = []
    for xpath in xpaths:
        try:
            doomed.extend(tree.xpath(xpath))
        except etree.XPathError as err:
            LOGGER.warning("bad prune xpath %r: %s", xpath, err)
    for element in tree.iter(*bp.PRUNE_TAGS):
        doomed.append(element)
    for element in tree.iter(*bp.FORM_TAGS):
        if len(element.text_content()) <= bp.PRUNE_MAX_CHARS and not _holds_prose(element):
            doomed.append(element)
    for element in tree.iter("div", "ul", "section", "aside", "span", "p", "table", "dl"):
        attrs = f"{element.get('class', '')} {element.get('id', '')}"
        if attrs.strip() and bp.BOILERPLATE_ATTR_RE.search(attrs) and not _is_content_attr(attrs):
            if len(element.text_content()) <= bp.PRUNE_MAX_CHARS:
                doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


_TEXT_NODES_XPATH = etree.XPath(".//text()")


def _holds_prose(element: HtmlElement) -> bool:
    """Whether an element holds a run of prose (an article, not a login or search form)."""
    return any(
        len(text) >= bp.FORM_PROSE_MIN and bp.FORM_PROSE_RE.search(text)
        for text in _TEXT_NODES_XPATH(element)
    )


def _own_text(element: HtmlElement) -> str:
    """Text directly inside an element (its text and children's tails), links excluded."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in bp.INLINE_TEXT_TAGS:
            parts.append(child.text or "")
        parts.append(child.tail or "")
    return "".join(parts).strip()


_LINKLESS_XPATH = etree.XPath("normalize-space()")
_LINK_TEXT_XPATH = etree.XPath(".//a//text()")


def density_lines(tree: HtmlElement) -> list[str]:
    """Second stage: lines of the node richest in prose (readability-style parent scoring)."""
    scores: dict[HtmlElement, float] = {}
    for element in tree.iter(*bp.TEXT_HOLDER_TAGS):
        own = _own_text(element)
        if len(own) < bp.MIN_BLOCK_CHARS or textfilter.is_tail_marker(own[: bp.META_LINE_MAX]):
            continue
        score = 1.0 + len(bp.PROSE_PUNCT_RE.findall(own)) + min(len(own) / bp.DENSITY_LENGTH_UNIT, bp.DENSITY_LENGTH_CAP)
        scores[element] = scores.get(element, 0.0) + score * bp.HOLDER_SELF_WEIGHT
        parent = element.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + score
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + score * bp.GRANDPARENT_SHARE
    best: HtmlElement | None = None
    best_score = 0.0
    # Link density only for the strongest candidates: the weaker ones cannot win anyway.
    for element, score in sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[: bp.DENSITY_CANDIDATES]:
        text = len(_LINKLESS_XPATH(element))
        links = len("".join(_LINK_TEXT_XPATH(element)))
        score *= 1.0 - min(links / max(text, 1), 1.0)
        if score > best_score:
            best, best_score = element, score
    if best is None:
        return []
    stats = tree_stats(best)
    stats.pop(best, None)
    return node_lines(best, link_blocks(stats))


_PARSER = HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
# Fallback for pages nested deeper than libxml2's 256 levels, which it cuts off silently
# (text and all); the crawler's download size limit bounds the work of a huge tree.
_DEEP_PARSER = HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True,
                          remove_pis=True, huge_tree=True)


def parse_html(html: str) -> HtmlElement | None:
    """Parse a decoded page once (XML declaration and corpus wrapper removed), None if empty."""
    html = bp.XML_DECL_TEXT_RE.sub("", _strip_wrapper(html), count=1)
    # A stray </html> or </body> mid-page (CMS header includes) makes libxml2 drop the rest.
    html = bp.CLOSING_ROOT_RE.sub("", html)
    if not html.strip():
        return None
    try:
        tree = document_fromstring(html, parser=_PARSER)
        if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in _PARSER.error_log):
            tree = document_fromstring(html, parser=_DEEP_PARSER)
        return tree
    except (etree.ParserError, ValueError) as err:
        LOGGER.warning("unparsable page: %s", err)
        return None


def _strip_wrapper(html: str) -> str:
    """Remove the dev corpus wrapper <text id=... encoding=...> ... </text> around a page."""
    match = bp.WRAPPER_OPEN_RE.match(html)
    if not match:
        return html
    return bp.WRAPPER_CLOSE_RE.sub("", html[match.end():])


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def extract_lines(
    tree: HtmlElement,
    options: CleanOptions,
    title: str | None = None,
    page_lines: list[str] | None = None,
) -> tuple[list[str], list[str]]:
    """(raw lines, filtered lines) by the cascade: content_xpath, trafilatura, density stage.
    `page_lines` (the whole page) lets the article nearest below the headline win."""
    if options.content_xpath:
        try:
            nodes = tree.xpath(options.content_xpath)
        except etree.XPathError as err:
            LOGGER.warning("bad content xpath %r: %s", options.content_xpath, err)
            nodes = []
        if nodes and isinstance(nodes[0], HtmlElement):
            node = nodes[0]
            tables = set() if options.include_tables else {t for t in node.iter("table") if t is not node}
            raw = node_lines(node, tables)
            return raw, textfilter.filter_lines(raw, title)
    first_raw = restore_table_order(tree, trafilatura_lines(tree, options, precision=True))
    first = textfilter.filter_lines(first_raw, title)
    size = _text_size(first)
    if size >= bp.MIN_TEXT_CHARS:
        return first_raw, first
    # The precise pass fell short (short notices, one-paragraph pages, a comment block
    # taken for the article): take the density stage when it finds clearly more text.
    second_raw = density_lines(tree)
    second = textfilter.filter_lines(second_raw, title)
    if _text_size(second) > bp.FALLBACK_GAIN * size:
        if page_lines and layout.starts_nearer_headline(first, second, page_lines, title):
            return first_raw, first  # a short notice under the headline, not the story below
        return second_raw, second
    return first_raw, first


def trafilatura_lines(tree: HtmlElement, options: CleanOptions, precision: bool) -> list[str]:
    """Lines of trafilatura's extraction (no comments, links marked for link-list removal)."""
    # No url: trafilatura would resolve every link target, which the text does not need.
    document = bare_extraction(
        tree,
        url=None,
        favor_precision=precision,
        include_comments=False,
        include_tables=options.include_tables,
        include_links=True,
        include_images=False,
        with_metadata=False,
        output_format="xml",  # skips trafilatura's own text rendering: we read the XML body
    )
    return xml_lines(document.body) if document is not None else []


def clean_html(
    raw: bytes,
    *,
    url: str | None = None,
    http_charset: str | None = None,
    crawled: dt.date | None = None,
    options: CleanOptions | None = None,
) -> CleanedPage:
    """Decode, extract and filter a page; metadata comes from the same parsed tree."""
    options = options or CleanOptions()
    crawled = crawled or dt.date.today()
    html, encoding = decode_html(maybe_gunzip(raw), http_charset)
    tree = parse_html(html)
    if tree is None:
        return CleanedPage(None, None, None, None, encoding, "")
    body = tree.find("body")
    # The whole unpruned page as lines, built once: title, date and where the kept lines
    # stand (layout.trim_by_position) read it.
    whole_page = node_lines(body if body is not None else tree)
    lines_of_page = lambda: whole_page  # noqa: E731
    title = metadata.find_title(tree, lines_of_page)
    site = metadata.find_site(tree, title)
    prune_nodes(tree, options.prune_xpaths)
    mend_orphan_items(tree)
    mend_loose_text(tree)
    raw_lines, lines = extract_lines(tree, options, title, whole_page)
    if not options.content_xpath:
        lines = lead.find_lead_lines(tree, lines, title, node_lines) + lines
        lines = layout.trim_by_position(lines, whole_page, title)
        lines = layout.drop_headline(lines, tree)
        lines = layout.drop_unanchored_head(lines, whole_page, title)
        lines = layout.drop_side_column(lines, tree)
    published = pubdate.find_date(tree, lines_of_page, title, url, crawled, raw_lines)
    text = "\n".join(lines)
    lang = detect_lang(text) if text else None
    return CleanedPage(title, published, site, lang, encoding, text)


def clean_text(text: str, *, url: str | None = None, crawled: dt.date | None = None) -> CleanedPage:
    """Filter debris from text input; title from a head headline, date from a 时间/来源 line."""
    crawled = crawled or dt.date.today()
    lines = textfilter.split_lines(text)
    head_title, site = metadata.text_title_and_site(lines)
    raw_head = lines[: bp.HEAD_ZONE_LINES]
    published = pubdate.date_from_lines(
        [ln for ln in raw_head if textfilter.is_meta_line(ln)], crawled
    ) or pubdate.date_from_url(url, crawled)
    headline = textfilter.find_head_title(lines)
    if headline:
        del lines[lines.index(headline)]
    body = "\n".join(textfilter.filter_lines(lines, head_title))
    lang = detect_lang(body) if body else None
    return CleanedPage(head_title, published, site, lang, None, body)
