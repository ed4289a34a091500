"""Line-level CJK debris filter shared by HTML and text input.

Four rules, all driven by extractors.boilerplate: a tail marker far enough down truncates
the text; on a listing or forum thread the text ends with its first post; page-head lines
(breadcrumbs, nav, byline/meta) are dropped near the top only; widget, footer and contact
lines are dropped wherever they stand.
"""

from __future__ import annotations

import re

from extractors.page import boilerplate as bp

_SPACE_RE = re.compile(r"[ \t\u3000\xa0\u2002\u2003\u2009\u200b\ufeff]+")


def normalize_line(line: str) -> str:
    """Collapse runs of spaces (full-width, nbsp, zero-width) and strip the line."""
    return _SPACE_RE.sub(" ", line).strip()


def split_lines(text: str) -> list[str]:
    """Normalised non-empty lines of a text."""
    return [ln for ln in (normalize_line(x) for x in text.splitlines()) if ln]


def is_contact_line(line: str) -> bool:
    """An agent/contact line: a phone number next to 招商/出售/联系人/微信 words."""
    return (
        len(line) <= bp.META_LINE_MAX
        and bp.PHONE_RE.search(line) is not None
        and bp.CONTACT_WORD_RE.search(line) is not None
    )


def is_tail_marker(line: str) -> bool:
    """A line that opens the debris tail: related list, comments, disclaimer, editor, contact."""
    if bp.TAIL_MARKER_LONG_RE.match(line):
        return True
    if is_marker_heading(line):
        return True
    return is_contact_line(line)


def is_marker_heading(line: str) -> bool:
    """A short heading led by a tail marker (相关新闻, 【相关阅读】), not a sentence starting so."""
    match = bp.TAIL_MARKER_RE.match(line)
    if not match:
        return len(line) <= bp.TAIL_HEADING_END_MAX and bp.TAIL_HEADING_END_RE.search(line) is not None
    if bp.MARKER_COLON_RE.match(line, match.end()) and "。" not in line:
        return True  # "相关报道：·item ·item" (a list heading with its items on one line)
    return len(line) <= bp.TAIL_MARKER_MAX or (
        len(line) <= bp.SHORT_LINE_MAX and not bp.SENTENCE_PUNCT_RE.search(line)
    )


def has_date(line: str) -> bool:
    """Whether a line writes a full date (2020-11-20, 2020年11月20日, 令和4年9月14日, 9/17/2004)."""
    line = line.translate(bp.FULLWIDTH_DIGITS)
    return any(regex.search(line) for regex in (bp.TEXT_DATE_RE, bp.ERA_DATE_RE, bp.US_DATE_RE))


def is_meta_line(line: str) -> bool:
    """A byline/meta line of the page head (时间:… 来源:… 浏览次数 字号)."""
    if len(line) > bp.META_LINE_MAX or "。" in line:
        return False
    labels = bp.META_LABEL_RE.findall(line)
    if has_date(line) and (labels or (len(line) <= bp.SHORT_LINE_MAX and not bp.SENTENCE_PUNCT_RE.search(line))):
        return True
    if is_site_date_line(line):
        return True
    if len(labels) >= 2:
        return True
    return bool(labels) and len(line) <= bp.SHORT_LINE_MAX and bp.META_LABEL_RE.match(line) is not None


def is_site_date_line(line: str) -> bool:
    """A site-identity byline: the site's address, then a date, no sentence."""
    return (
        len(line) <= bp.META_LINE_MAX
        and bp.SITE_DATE_LINE_RE.match(line) is not None
        and not bp.SENTENCE_PUNCT_RE.search(line)
        and has_date(line)
    )


def is_nav_line(line: str) -> bool:
    """A menu line: several very short parts separated by | · • (设为首页 | 加入收藏 | 联系我们)."""
    parts = [p for p in bp.NAV_SEPARATOR_RE.split(line) if p]
    return len(parts) >= bp.NAV_MIN_PARTS and all(len(p) <= bp.NAV_PART_MAX for p in parts)


def is_title_echo(line: str, title: str | None) -> bool:
    """The headline again: the title, a prefixed title ("[原创]..."), or a title part."""
    if not title:
        return False
    key, line_key = "".join(title.split()), "".join(line.split())
    if line_key == key:
        return True
    if key in line_key and len(line_key) <= len(key) + bp.TITLE_ECHO_SLACK:
        return True
    return len(line_key) >= bp.TITLE_ECHO_MIN and line_key in key


def is_byline(line: str) -> bool:
    """A reporter/source byline of the page head ("本报记者 王燕平", "[ 黄宇 ] 来源：[ 国际金融报 ]",
    "石佳/中国青年报", "新华社")."""
    return len(line) <= bp.BYLINE_MAX and (
        (bp.BYLINE_RE.search(line) is not None and bp.SENTENCE_PUNCT_RE.search(line) is None)
        or bp.SOURCE_LINE_RE.match(line) is not None
    )


def is_head_debris(line: str, title: str | None) -> bool:
    """Debris that only counts as such in the page head: breadcrumb, nav, meta line, title echo."""
    if bp.BREADCRUMB_RE.search(line) or is_nav_line(line) or is_meta_line(line):
        return True
    return is_byline(line) or is_title_echo(line, title)


def is_label_line(line: str) -> bool:
    """A byline with two meta labels and a date or page tool (时间/来源/浏览次数): debris anywhere."""
    if len(line) > bp.META_LINE_MAX or "。" in line:
        return False
    if bp.PUBLISH_LABEL_RE.search(line) and has_date(line):
        return True
    labels = len(bp.META_LABEL_RE.findall(line))
    if labels and len(line) <= bp.SHORT_LINE_MAX * 2 and has_date(line) and bp.META_TOOL_RE.search(line):
        return True  # "时间：2019年10月31日 23:00 浏览： 33"
    return labels >= 2 and (has_date(line) or bp.META_TOOL_RE.search(line) is not None)


def is_debris_line(line: str) -> bool:
    """Debris wherever it stands: widgets, footers, bylines, editor and contact lines, symbols."""
    if bp.NO_WORD_RE.match(line) or is_label_line(line) or bp.URL_LINE_RE.match(line):
        return True
    if len(line) <= bp.SHORT_LINE_MAX and (bp.WIDGET_LINE_RE.search(line) or is_marker_heading(line)):
        return True
    if len(line) <= bp.META_LINE_MAX and bp.DEBRIS_LINE_RE.search(line):
        return True
    if bp.TAIL_MARKER_LONG_RE.match(line):
        return True
    if len(line) <= bp.META_LINE_MAX and bp.PROMO_LINE_RE.search(line):
        return True
    if is_site_date_line(line) or bp.PLATFORM_NOTICE_RE.search(line):
        return True
    if len(line) <= bp.SHORT_LINE_MAX * 2 and bp.LIST_STAMP_RE.search(line) and not bp.SENTENCE_PUNCT_RE.search(line):
        return True
    parts = [p.strip(" -") for p in bp.NAV_SEPARATOR_RE.split(line) if p]
    if is_nav_line(line) and len(parts) >= bp.NAV_ANYWHERE_PARTS:
        return True
    if len(parts) >= bp.NAV_MIN_PARTS and bp.NAV_HOME_PARTS.intersection(parts):
        return True
    if len(line) <= bp.META_LINE_MAX and bp.PERMALINK_RE.search(line):
        return True
    if len(line) <= bp.SHORT_LINE_MAX * 2 and (
        len(bp.PAGER_WORD_RE.findall(line)) >= 2 or bp.STRONG_BREADCRUMB_RE.match(line)
    ):
        return True
    return is_contact_line(line)


def prose_size(line: str) -> int:
    """Characters of a line when it reads as prose (long, punctuated), else 0."""
    if len(line) >= bp.PROSE_LINE_MIN and bp.PROSE_PUNCT_RE.search(line):
        return len(line)
    return 0


def find_tail_start(lines: list[str]) -> int | None:
    """Index of the first tail marker with enough article (and article prose) above it."""
    total = sum(len(ln) for ln in lines)
    prose_total = sum(prose_size(ln) for ln in lines)
    before = prose_before = 0
    for index, line in enumerate(lines):
        if (
            before >= bp.TAIL_MIN_CHARS
            and before >= bp.TAIL_MIN_SHARE * total
            and prose_before >= bp.TAIL_MIN_PROSE_SHARE * prose_total
            and is_tail_marker(line)
        ):
            return index
        before += len(line)
        prose_before += prose_size(line)
    return None


def is_entry_header(line: str) -> bool:
    """A listing's post header: a title with a full date and clock time at the end, no label."""
    if len(line) > bp.ENTRY_HEADER_MAX or "。" in line:
        return False
    match = bp.ENTRY_HEADER_RE.match(line)
    if not match:
        return False
    title = match.group("title")
    return not bp.META_LABEL_RE.search(title) and not bp.PUBLISH_LABEL_RE.search(title) and not is_byline(title)


def is_post_stamp(line: str) -> bool:
    """A forum post's stamp: a short line with a publish label, a date and a clock time."""
    return (
        len(line) <= bp.META_LINE_MAX
        and "。" not in line
        and bp.PUBLISH_LABEL_RE.search(line) is not None
        and bp.CLOCK_TIME_RE.search(line) is not None
        and has_date(line)
    )


def find_entry_break(lines: list[str]) -> int | None:
    """Index where the first post of a listing or thread ends: the first post header or stamp
    with enough prose above it, on pages with several of them (blog archives, forum threads);
    None on single-article pages. A signature block under a rule line goes with the cut."""
    headers = {index for index, line in enumerate(lines) if is_entry_header(line)}
    marks = sorted(headers | {index for index, line in enumerate(lines) if is_post_stamp(line)})
    if len(marks) < bp.ENTRY_MIN_HEADERS:
        return None
    sizes = [prose_size(line) for line in lines]
    for number, index in enumerate(marks):
        prose = sum(sizes[:index])
        if prose < bp.ENTRY_MIN_PROSE:
            continue
        # A bare stamp (no title) under a short lead is the article's own byline: the post
        # boundary needs at least as much prose above it as in the post that follows.
        following = sum(sizes[index : marks[number + 1] if number + 1 < len(marks) else len(lines)])
        if index in headers or prose >= following:
            return _signature_start(lines, index)
        return None
    return None


def _signature_start(lines: list[str], index: int) -> int:
    """The rule line just above a post boundary when only short signature lines lie between."""
    for back in range(index - 1, max(index - 1 - bp.SIGNATURE_MAX_LINES, -1), -1):
        if bp.SEPARATOR_LINE_RE.match(lines[back]):
            return back
        if len(lines[back]) > bp.SIGNATURE_LINE_MAX or bp.SENTENCE_PUNCT_RE.search(lines[back]):
            break
    return index


def head_end(lines: list[str], title: str | None = None) -> int:
    """Index of the first prose line: the lines above it form the page head (a long
    headline with commas, the title's echo, is no prose)."""
    for index, line in enumerate(lines):
        if prose_size(line) and not is_meta_line(line) and not is_title_echo(line, title):
            return index
    return min(len(lines), bp.HEAD_ZONE_LINES)


def _is_vertical_text(lines: list[str], index: int) -> bool:
    """One character of a word written downwards, a character a line (今/日/推/荐)."""
    if len(lines[index]) != 1:
        return False
    return (index > 0 and len(lines[index - 1]) == 1) or (index + 1 < len(lines) and len(lines[index + 1]) == 1)


def head_menu_lines(head: list[str]) -> set[int]:
    """Indexes of menu runs in the page head: HEAD_MENU_MIN_LINES or more short lines in a
    row without sentence punctuation (a sidebar's category list above the article)."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*head, ""]):
        if line and len(line) <= bp.HEAD_MENU_LINE_MAX and not bp.SENTENCE_PUNCT_RE.search(line):
            run.append(index)
            continue
        if len(run) >= bp.HEAD_MENU_MIN_LINES:
            found.update(run)
        run = []
    return found


def head_byline_parts(head: list[str], title: str | None) -> set[int]:
    """Indexes of byline pieces in the page head: a bare label ("连载：") right above a meta
    line, and a name the head's meta lines name again ("罗银胜" over "作者：罗银胜")."""
    meta = [line for line in head if is_head_debris(line, title)]
    found: set[int] = set()
    for index, line in enumerate(head):
        if len(line) > bp.HEAD_LABEL_MAX or bp.SENTENCE_PUNCT_RE.search(line[:-1]):
            continue
        label = line[-1] in ":：" and index + 1 < len(head) and is_head_debris(head[index + 1], title)
        if label or (line[-1] not in ":：" and any(line in m and line != m for m in meta)):
            found.add(index)
    return found


def filter_lines(lines: list[str], title: str | None = None) -> list[str]:
    """Drop debris lines and the debris tail from normalised lines; keep article lines in order."""
    lines = [ln for ln in (normalize_line(x) for x in lines) if ln]
    cut = find_tail_start(lines)
    if cut is not None:
        lines = lines[:cut]
    listing_cut = find_entry_break(lines)
    if listing_cut is not None:
        lines = lines[:listing_cut]
    head = head_end(lines, title)
    if title or listing_cut is not None:
        # Menus and sidebars above the headline (or a listing's first post header) in the
        # page head are not the article.
        for index in range(head):
            if is_title_echo(lines[index], title) or (listing_cut is not None and is_entry_header(lines[index])):
                lines = lines[index + 1 :]
                head -= index + 1
                break
    menu = head_menu_lines(lines[:head]) | head_byline_parts(lines[:head], title)
    last_prose = max((i for i, ln in enumerate(lines) if prose_size(ln)), default=len(lines))
    kept: list[str] = []
    for index, line in enumerate(lines):
        if index in menu or (index < head and is_head_debris(line, title)) or _is_vertical_text(lines, index):
            continue
        if index > last_prose and (is_byline(line) or is_title_echo(line, title)):
            continue  # bylines and the headline repeated below the article
        if is_debris_line(line):
            continue
        kept.append(line)
    return kept


def filter_text(text: str, title: str | None = None) -> str:
    """The article text of `text` with debris removed, one paragraph a line."""
    return "\n".join(filter_lines(text.splitlines(), title))


def looks_like_title(line: str) -> bool:
    """A headline: short, no sentence-final punctuation, not a meta/breadcrumb/widget line."""
    return (
        bp.TITLE_MIN_CHARS <= len(line) <= bp.TITLE_MAX_CHARS
        and not bp.SENTENCE_END_RE.search(line)
        and "。" not in line
        and not is_meta_line(line)
        and not is_debris_line(line)
        and not bp.BREADCRUMB_RE.search(line)
        and not is_nav_line(line)
        and not has_date(line)
    )


def find_head_title(lines: list[str]) -> str | None:
    """First headline-like line among the page-head lines of a text, or None."""
    for index, line in enumerate(lines[: bp.HEAD_ZONE_LINES]):
        if bp.BREADCRUMB_RE.search(line) or is_nav_line(line) or is_debris_line(line):
            continue
        if looks_like_title(line):
            following = lines[index + 1 : index + 4]
            # A headline is followed by a byline, or is the very first line of the text.
            if index == 0 or any(is_meta_line(x) for x in following):
                return line
        if len(line) > bp.TITLE_MAX_CHARS:
            return None
    return None
