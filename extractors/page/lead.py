"""Lead blocks the extraction skipped: an encyclopedia summary or article abstract above the body.

trafilatura starts its article at the first body container and often leaves out a summary
box standing just above it (class "lemma-summary", "abstract", "art-lead"). Such a block is
restored when it stands before the extracted text, reads as prose and is not in it already.
"""

from __future__ import annotations

from typing import Callable

from lxml import etree
from lxml.html import HtmlElement

from extractors.page import boilerplate as bp
from extractors.page import textfilter

_LINK_TEXT_XPATH = etree.XPath(".//a//text()")


def _squash(text: str) -> str:
    """Text without white space and private-use icon glyphs (icon fonts)."""
    return bp.PRIVATE_USE_RE.sub("", "".join(text.split()))


def find_lead_lines(
    tree: HtmlElement,
    lines: list[str],
    title: str | None,
    render: Callable[[HtmlElement], list[str]],
) -> list[str]:
    """Filtered lines of the lead block closest above the article's first prose line, or []
    when there is none, it is mostly links, or its text is already among `lines`."""
    first = next((ln for ln in lines if textfilter.prose_size(ln)), None)
    body = tree.find("body")
    if first is None or body is None:
        return []
    extracted = _squash("".join(lines))
    candidates: list[tuple[HtmlElement, str]] = []
    for element in body.iter(*bp.LEAD_TAGS):
        attrs = f"{element.get('class', '')} {element.get('id', '')}"
        if not attrs.strip() or not bp.LEAD_ATTR_RE.search(attrs):
            continue
        text = _squash(element.text_content())
        if not bp.LEAD_MIN_CHARS <= len(text) <= bp.LEAD_MAX_CHARS or text[: bp.ANCHOR_CHARS] in extracted:
            continue
        links = len(_squash("".join(_LINK_TEXT_XPATH(element))))
        if links <= bp.LEAD_MAX_LINK_SHARE * len(text):
            candidates.append((element, text[: bp.ANCHOR_CHARS]))
    if not candidates:
        return []
    page = _squash(body.text_content())
    content_at = page.find(_squash(first)[: bp.ANCHOR_CHARS])
    best: HtmlElement | None = None
    best_at = -1
    for element, key in candidates:
        at = page.find(key)
        if best_at < at < content_at:
            best, best_at = element, at
    if best is None:
        return []
    lead = textfilter.filter_lines([bp.PRIVATE_USE_RE.sub("", ln) for ln in render(best)], title)
    # A block opening with the headline and byline can still hold the extracted text itself.
    lead = [ln for ln in lead if _squash(ln)[: bp.ANCHOR_CHARS] not in extracted]
    return lead if any(textfilter.prose_size(ln) for ln in lead) else []
