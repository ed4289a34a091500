"""Markup mended before extraction, where old templates hide article text from trafilatura.

- List items outside any list (old forums and portals put <li> straight in a <td>).
- Loose prose between paragraphs: Word-generated pages leave a paragraph's continuation in
  <font>/<span> runs directly inside the container, next to <p> siblings.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import Element, HtmlElement

from extractors.page import boilerplate as bp


_BLOCK_INSIDE = etree.XPath(bp.CELL_BLOCK_XPATH)


def mend_orphan_items(tree: HtmlElement) -> None:
    """Read list items outside any list as paragraphs: trafilatura drops them."""
    for element in tree.iter("li"):
        parent = element.getparent()
        if parent is not None and parent.tag not in bp.LIST_TAGS:
            element.tag = "p"


def mend_loose_text(tree: HtmlElement) -> None:
    """Wrap runs of inline elements (and the text around them) standing between the block
    children of a container into <p>, when they read as prose and are not links."""
    for parent in list(tree.iter(*bp.LOOSE_TEXT_PARENTS)):
        children = list(parent)
        if not any(isinstance(c.tag, str) and c.tag in bp.BLOCK_TAGS for c in children):
            continue
        run: list[HtmlElement] = []
        for child in [*children, None]:
            if (
                child is not None
                and isinstance(child.tag, str)
                and child.tag in bp.LOOSE_INLINE_TAGS
                and not _BLOCK_INSIDE(child)
            ):
                run.append(child)
                continue
            if run:
                _wrap(parent, run)
                run = []


def _wrap(parent: HtmlElement, run: list[HtmlElement]) -> None:
    """Move a run of inline siblings (with the tail of the block before it) into a new <p>."""
    index = parent.index(run[0])
    before = parent[index - 1] if index > 0 else None
    lead = (before.tail if before is not None else parent.text) or ""
    text = lead + "".join(el.text_content() + (el.tail or "") for el in run)
    links = sum(len(a.text_content()) for el in run for a in el.iter("a"))
    squashed = "".join(text.split())
    if len(squashed) < bp.LOOSE_TEXT_MIN_CHARS or not bp.PROSE_PUNCT_RE.search(squashed):
        return
    if links > bp.LOOSE_TEXT_MAX_LINK_SHARE * len(squashed):
        return
    paragraph = Element("p")
    paragraph.text = lead
    if before is not None:
        before.tail = None
    else:
        parent.text = None
    parent.insert(index, paragraph)
    for element in run:
        paragraph.append(element)  # moves the element with its tail
