"""Page nodes as text lines: block elements and <br> break lines, data-table rows stay whole,
trafilatura's XML body read with its link-list lines dropped."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from extractors.page import boilerplate as bp
from extractors.page import textfilter


def _flow(text: str) -> str:
    """Source line breaks inside a text run are spaces in HTML (none between CJK characters)."""
    if "\n" not in text and "\r" not in text:
        return text
    return bp.SOURCE_BREAK_RE.sub(_join_break, text)


def _join_break(match: re.Match[str]) -> str:
    """Replacement for one source line break: nothing between two wide characters, else a space."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return "" if bp.WIDE_CHAR_RE.match(before) and bp.WIDE_CHAR_RE.match(after) else " "


def node_lines(node: HtmlElement, skip: set[HtmlElement] | frozenset = frozenset()) -> list[str]:
    """Text of an HTML node split on block elements and <br>, without `skip` subtrees."""
    chunks: list[str] = []
    walker = etree.iterwalk(node, events=("start", "end"))
    skipped: set[HtmlElement] = set()
    cells: set[HtmlElement] = set()  # cells of data rows: one line a row, cells spaced
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in bp.PRUNE_TAGS or element in skip or not tag:
                skipped.add(element)
                walker.skip_subtree()
                continue
            if tag == "tr" and _is_data_row(element):
                cells.update(element)
            if element in cells:
                chunks.append(" ")
            elif tag in bp.BLOCK_TAGS:
                chunks.append("\n")
            if element.text:
                chunks.append(element.text if tag == "pre" else _flow(element.text))
        else:
            if element in cells:
                chunks.append(" ")
            elif tag in bp.BLOCK_TAGS and element not in skipped:
                chunks.append("\n")
            if element.tail and element is not node:
                chunks.append(_flow(element.tail))
    return textfilter.split_lines("".join(chunks))


_BLOCK_INSIDE_XPATH = etree.XPath(bp.CELL_BLOCK_XPATH)


def _is_data_row(row: HtmlElement) -> bool:
    """A table row of data (several cells of plain text), not a layout row holding blocks."""
    cells = [cell for cell in row if cell.tag in ("td", "th")]
    return len(cells) >= 2 and not any(_BLOCK_INSIDE_XPATH(cell) for cell in cells)


def restore_table_order(tree: HtmlElement, lines: list[str]) -> list[str]:
    """Put data tables back where the page has them: trafilatura moves a table nested in a
    layout cell below the text of that cell (a notice's table after its signature)."""
    if len(lines) < 2:
        return lines
    keys = ["".join(line.split()) for line in lines]
    for table in tree.iter("table"):
        rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
        if not rows or not all(_is_data_row(row) for row in rows):
            continue
        run = ["".join(row.text_content().split()) for row in rows]
        at = _find_run(keys, run)
        before = _text_before(table)
        if at is None or not before:
            continue
        target = next((i for i, key in enumerate(keys[:at]) if key and key.endswith(before)), None)
        if target is None or target == at - 1:
            continue
        size = len(run)
        moved = lines[at : at + size]
        lines = lines[: target + 1] + moved + lines[target + 1 : at] + lines[at + size :]
        keys = ["".join(line.split()) for line in lines]
    return lines


def _find_run(keys: list[str], run: list[str]) -> int | None:
    """Index where the lines `run` stand in a row among `keys`, else None."""
    for index in range(len(keys) - len(run) + 1):
        if keys[index : index + len(run)] == run:
            return index
    return None


def _text_before(element: HtmlElement) -> str:
    """The end (ANCHOR_CHARS, white space removed) of the text just before an element."""
    for sibling in element.itersiblings(preceding=True):
        text = "".join((sibling.text_content() or "").split())
        if text:
            return text[-bp.TABLE_ANCHOR_CHARS :]
    parent = element.getparent()
    text = "".join(((parent.text if parent is not None else "") or "").split())
    return text[-bp.TABLE_ANCHOR_CHARS :]


# Private-use marks around link text in trafilatura's output (never in page text).
LINK_OPEN, LINK_CLOSE = "\ue000", "\ue001"
Stats = dict[HtmlElement, tuple[int, int, int]]


def tree_stats(root: HtmlElement) -> Stats:
    """Per element, in one bottom-up pass: (text length, link text length, link count)."""
    stats: Stats = {}
    for _, element in etree.iterwalk(root, events=("end",)):
        if not isinstance(element.tag, str) or element.tag in bp.PRUNE_TAGS:
            stats[element] = (0, 0, 0)
            continue
        text = len((element.text or "").strip())
        links = count = 0
        for child in element:
            child_text, child_links, child_count = stats.get(child, (0, 0, 0))
            text += child_text + len((child.tail or "").strip())
            links += child_links
            count += child_count
        if element.tag == "a":
            links, count = text, count + 1
        stats[element] = (text, links, count)
    return stats


def link_blocks(stats: Stats) -> set[HtmlElement]:
    """Link lists and link-dense boxes (recommendations, ads, menus) inside a text node."""
    return {
        element
        for element, (text, links, count) in stats.items()
        if isinstance(element.tag, str)
        and element.tag in bp.LINK_BLOCK_TAGS
        and count >= bp.LINK_BLOCK_MIN_LINKS
        and links >= bp.LINK_BLOCK_DENSITY * text
    }


def xml_lines(body: etree._Element | None) -> list[str]:
    """Lines of trafilatura's XML body (<lb/> and paragraph breaks kept), link-list lines dropped."""
    if body is None:
        return []
    chunks: list[str] = []
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            if element.tag in bp.XML_BLOCK_TAGS:
                chunks.append("\n")
            elif element.tag == "cell":
                chunks.append(" ")
            elif element.tag == "ref":
                chunks.append(LINK_OPEN)
            if element.text:
                chunks.append(element.text if element.tag == "code" else _flow(element.text))
        else:
            if element.tag in bp.XML_BLOCK_TAGS:
                chunks.append("\n")
            elif element.tag == "ref":
                chunks.append(LINK_CLOSE)
            if element.tail and element is not body:
                chunks.append(_flow(element.tail))
    lines: list[str] = []
    in_link = False
    for line in textfilter.split_lines("".join(chunks)):
        text = line.replace(LINK_OPEN, "").replace(LINK_CLOSE, "").strip()
        link_chars = 0
        for char in line:
            if char == LINK_OPEN:
                in_link = True
            elif char == LINK_CLOSE:
                in_link = False
            elif in_link and not char.isspace():
                link_chars += 1
        share = link_chars / max(len(text.replace(" ", "")), 1)
        if text and not (share >= bp.LINK_LINE_SHARE and (share >= bp.LINK_PROSE_SHARE or not textfilter.prose_size(text))):
            lines.append(text)
    return lines
