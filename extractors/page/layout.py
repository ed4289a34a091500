"""Where the kept lines stand in the page: shell lines found far from the article are dropped.

The extraction can keep a sidebar heading above the article or a list of links below it
when the article is short. On the page such lines stand before the headline, or after a
gap of other page lines below the article's last paragraph; an article's own closing
lines (a notice's signature and date) follow its last paragraph directly.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from extractors.page import boilerplate as bp
from extractors.page import textfilter


def _key(line: str) -> str:
    return "".join(line.split())


def _positions(page_lines: list[str]) -> dict[str, int]:
    """First page index of every page line (white space removed)."""
    found: dict[str, int] = {}
    for index, line in enumerate(page_lines):
        found.setdefault(_key(line), index)
    return found


def _locate(line: str, page_keys: list[str], positions: dict[str, int], start: int = 0) -> int | None:
    """Page index of an extracted line: the same line, else a page line holding its head."""
    key = _key(line)
    index = positions.get(key)
    if index is not None and index >= start:
        return index
    head = key[: bp.ANCHOR_CHARS]
    for index in range(start, len(page_keys)):
        if head and head in page_keys[index]:
            return index
    return None


def trim_by_position(lines: list[str], page_lines: list[str], title: str | None) -> list[str]:
    """Drop short lines standing before the headline, short lines before the article's first
    paragraph or after its last one that the page separates from it by more than
    TAIL_GAP_LINES lines, and short
    lines the extraction moved across the article: written only above it in the page but
    kept below it (the headline), or written only below it but kept above (a footer)."""
    prose = [i for i, line in enumerate(lines) if textfilter.prose_size(line)]
    if not prose or not page_lines:
        return lines
    page_keys = [_key(line) for line in page_lines]
    positions = _positions(page_lines)
    first, last = prose[0], prose[-1]
    drop: set[int] = set()
    headline = _headline_index(page_keys, title)
    first_at = _locate(lines[first], page_keys, positions)
    if headline is not None and first_at is not None and headline < first_at:
        for index in range(first):
            at = _locate(lines[index], page_keys, positions)
            if at is not None and at < headline and not textfilter.is_title_echo(lines[index], title):
                drop.add(index)
    if first_at is not None:
        kept = "".join(_key(line) for line in lines)
        for index in range(first):
            at = _locate(lines[index], page_keys, positions)
            if at is None or at >= first_at or len(lines[index]) > bp.TAIL_GAP_LINE_MAX:
                continue
            foreign = sum(1 for key in page_keys[at + 1 : first_at] if key and key not in kept)
            if foreign > bp.TAIL_GAP_LINES:
                drop.add(index)  # a separate block above the article (slogan, box heading)
    if first_at is not None:
        drop.update(_below_far_marker(lines, first, first_at, page_lines, page_keys, positions))
    anchor = _locate(lines[last], page_keys, positions)
    if anchor is not None and first_at is not None and anchor >= first_at:
        for index in range(first):
            at = _locate(lines[index], page_keys, positions)
            if at is not None and at > anchor and len(lines[index]) <= bp.TITLE_MAX_CHARS:
                drop.add(index)  # a footer line (site name) the extraction moved to the top
    if anchor is not None:
        kept = "".join(_key(line) for line in lines)
        previous = anchor
        for index in range(last + 1, len(lines)):
            line = lines[index]
            at = _locate(line, page_keys, positions, previous)
            if at is None:
                if len(line) <= bp.TITLE_MAX_CHARS and first_at is not None and (
                    (above := _locate(line, page_keys, positions)) is not None and above < first_at
                ):
                    drop.add(index)  # a head line (the headline) the extraction moved below
                continue
            # Page lines in between that the text does not hold (cells of a table the
            # text prints as rows are held).
            foreign = sum(1 for key in page_keys[previous + 1 : at] if key and key not in kept)
            if foreign > bp.TAIL_GAP_LINES and len(line) <= bp.TAIL_GAP_LINE_MAX:
                drop.update(range(index, len(lines)))  # a separate block: it and all below
                break
            previous = at
    return [line for index, line in enumerate(lines) if index not in drop]


def _below_far_marker(lines: list[str], first: int, first_at: int, page_lines: list[str],
                      page_keys: list[str], positions: dict[str, int]) -> range:
    """Indexes of the kept lines below a far gap in the page that holds a tail marker the
    extraction dropped (热门评论, 相关文章 over reader comments): the article ended there."""
    kept = "".join(_key(line) for line in lines)
    previous = first_at
    for index in range(first + 1, len(lines)):
        at = _locate(lines[index], page_keys, positions, previous)
        if at is None:
            continue
        between = [page_lines[i] for i in range(previous + 1, at) if page_keys[i] and page_keys[i] not in kept]
        if len(between) > bp.FAR_GAP_LINES and any(textfilter.is_tail_marker(line) for line in between):
            return range(index, len(lines))
        previous = at
    return range(0)


def _headline_index(page_keys: list[str], title: str | None) -> int | None:
    """Page index of the headline line (a short line holding the title), else None."""
    if not title:
        return None
    key = _key(title)
    for index, line in enumerate(page_keys):
        if key and key in line and len(line) <= len(key) * bp.TITLE_LINE_RATIO + bp.TITLE_LINE_SLACK:
            return index
    return None


def starts_nearer_headline(first: list[str], second: list[str], page_lines: list[str], title: str | None) -> bool:
    """Whether the prose of `first` starts closer below the headline than that of `second`
    (False when `first`'s prose cannot be placed). Without a headline on the page, whether
    `first` is a finished notice (its prose ends a sentence) standing above `second` (a
    comment thread or second story below a short article)."""
    page_keys = [_key(line) for line in page_lines]
    headline = _headline_index(page_keys, title)
    if headline is None:
        ends = [line for line in first if textfilter.prose_size(line)]
        if not ends or not bp.NOTICE_END_RE.search(ends[-1]):
            return False
        headline = 0
    positions = _positions(page_lines)

    def distance(lines: list[str]) -> float:
        start = next((line for line in lines if textfilter.prose_size(line)), None)
        at = _locate(start, page_keys, positions, headline) if start else None
        return float("inf") if at is None else at - headline

    near = distance(first)
    return near != float("inf") and near < distance(second)


def drop_headline(lines: list[str], tree: HtmlElement) -> list[str]:
    """The article's own headline is not body text: drop the first headline-like line above
    the first paragraph whose element the page marks as a headline (the title echo rule
    misses it when the page has no usable <title>)."""
    first = next((i for i, line in enumerate(lines) if textfilter.prose_size(line)), 0)
    for index in range(first):
        line = lines[index]
        if textfilter.looks_like_title(line) and _is_headline_element(tree, line, lines[first]):
            return lines[:index] + lines[index + 1 :]
    return lines


def _is_headline_element(tree: HtmlElement, line: str, paragraph: str) -> bool:
    """Whether the page writes `line` whole in a heading, a title-class element, or bold /
    large type in a block apart from the one holding `paragraph`."""
    key = _key(line)
    probe = line.strip()[: bp.HEADLINE_PROBE_CHARS]
    try:
        texts = tree.xpath("//body//text()[contains(., $probe)]", probe=probe)
    except ValueError:  # a probe the XPath engine cannot take (control characters)
        return False
    for text in texts:
        node = text.getparent()
        bold = False
        while node is not None and isinstance(node.tag, str) and _key(node.text_content()) == key:
            attrs = f"{node.get('class', '')} {node.get('id', '')}"
            if node.tag in bp.HEADLINE_TAGS or bp.HEADLINE_ATTR_RE.search(attrs):
                return True
            size = (node.get("size") or "").strip().lstrip("+")
            bold = bold or node.tag in bp.BOLD_TAGS or (node.tag == "font" and size.isdigit() and int(size) >= bp.HEADLINE_FONT_MIN)
            if bold and node.tag in bp.BLOCK_TAGS:
                parent = node.getparent()
                return parent is not None and _key(paragraph)[: bp.ANCHOR_CHARS] not in _key(parent.text_content())
            node = node.getparent()
    return False


def drop_side_column(lines: list[str], tree: HtmlElement) -> list[str]:
    """Lines below the article's first paragraph that the page writes only in another column
    of the table cell holding that paragraph (a sidebar cell of the same row, or of the rows
    it spans: author box, blog categories): it and all below go."""
    first = next((i for i, line in enumerate(lines) if textfilter.prose_size(line)), None)
    cells = _cells_of(tree, lines[first]) if first is not None else []
    if len(cells) != 1:
        return lines
    columns = _side_cells(cells[0])
    for index in range(first + 1, len(lines)):
        found = _cells_of(tree, lines[index]) if columns else []
        if found and all(any(c is col or col in c.iterancestors() for col in columns) for c in found):
            return lines[:index]
    return lines


def _cells_of(tree: HtmlElement, line: str) -> list[HtmlElement]:
    """The innermost table cells holding page text that starts `line` (text outside any
    cell is left out)."""
    probe = line.strip()[: bp.HEADLINE_PROBE_CHARS]
    try:
        texts = tree.xpath("//body//text()[contains(., $probe)]", probe=probe)
    except ValueError:  # a probe the XPath engine cannot take
        return []
    if not texts:
        probe = line.strip()[:2]
        texts = tree.xpath("//body//text()[starts-with(normalize-space(.), $probe)]", probe=probe) if probe else []
    cells = []
    for text in texts:
        node = text.getparent()
        cell = next((el for el in (node, *node.iterancestors()) if el.tag == "td"), None)
        if cell is not None:
            cells.append(cell)
    return cells


def _side_cells(cell: HtmlElement) -> list[HtmlElement]:
    """The other cells of a cell's row, and the cells of the further rows it spans."""
    row = cell.getparent()
    if row is None or row.tag != "tr":
        return []
    cells = [c for c in row if c is not cell and c.tag == "td"]
    span = int(cell.get("rowspan", "1")) if cell.get("rowspan", "1").isdigit() else 1
    for following in list(row.itersiblings("tr"))[: max(span - 1, 0)]:
        cells.extend(c for c in following if c.tag == "td")
    return cells


def drop_unanchored_head(lines: list[str], page_lines: list[str], title: str | None) -> list[str]:
    """On a page whose headline cannot be found, short lines above the first sentence are
    page head, not body (a salutation ending in a colon and numbered section headings stay)."""
    if _headline_index([_key(line) for line in page_lines], title) is not None:
        return lines
    first = next((i for i, line in enumerate(lines) if _is_sentence(line)), 0)
    return [line for line in lines[:first] if line[-1] in ":：" or bp.SECTION_NUMBER_RE.match(line)] + lines[first:]


def _is_sentence(line: str) -> bool:
    """A line of running text: long, or holding sentence punctuation."""
    return len(line) > bp.TITLE_MAX_CHARS or bp.SENTENCE_PUNCT_RE.search(line) is not None
