"""Sentence split with offsets, and the article body without page debris."""

from __future__ import annotations

from dataclasses import dataclass

from extractors import patterns as P


@dataclass(frozen=True)
class Sentence:
    """A sentence: verbatim text and its [start, end) offsets in the input."""

    start: int
    end: int
    text: str
    title_like: bool = False


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split text[start:end] at sentence ends and line breaks; drop blank pieces."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    pos = start
    for m in P.SENTENCE_END_RE.finditer(text, start, end):
        _append(out, text, pos, m.end() if text[m.start()] not in "\n " else m.start())
        pos = m.end()
    _append(out, text, pos, end)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    """Add text[start:end] stripped of surrounding white space, if anything is left."""
    piece = text[start:end]
    stripped = piece.strip()  # str.strip() drops exactly the characters isspace() holds
    if stripped:
        start += len(piece) - len(piece.lstrip())
        out.append(Sentence(start, start + len(stripped), stripped))


def find_body_end(norm: str) -> int:
    """Offset where the article ends: the first end-of-article line (相关阅读, 免责声明, ...),
    or the start of a trailing list of short headline lines."""
    pos = 0
    content = 0
    end = len(norm)
    for line in norm.splitlines(keepends=True):
        stripped = line.strip()
        if content >= P.ARTICLE_END_MIN_CHARS and P.ARTICLE_END_RE.match(stripped):
            end = pos
            break
        if stripped and not P.HEAD_DEBRIS_RE.search(stripped):
            content += len(stripped)
        pos += len(line)
    return _trim_trailing_list(norm, end)


def _trim_trailing_list(norm: str, end: int) -> int:
    """Cut a trailing run of short unpunctuated lines (a headline list) before `end`."""
    lines = norm[:end].splitlines(keepends=True)
    run_start, run = end, 0
    pos = end
    for line in reversed(lines):
        pos -= len(line)
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= P.TRAILING_LIST_MAX_CHARS and not P.TITLE_LINE_END_RE.search(stripped):
            run += 1
            run_start = pos
            continue
        break
    has_paragraph = pos > 0 or (lines and P.TITLE_LINE_END_RE.search(lines[0].strip() or "."))
    return run_start if run >= P.TRAILING_LIST_MIN_LINES and has_paragraph else end


def is_head_debris(line: str) -> bool:
    """True for breadcrumb and page-meta lines at the top of a page."""
    return bool(P.HEAD_DEBRIS_RE.search(line))


def mark_title_like(sentences: list[Sentence], text: str, body_end: int) -> list[Sentence]:
    """Flag short whole-line sentences near the top (headlines, sub-headlines)."""
    limit = max(body_end * P.TITLE_LIKE_HEAD_SHARE, P.ARTICLE_END_MIN_CHARS)
    lead = next((s.start for s in sentences if len(s.text) >= P.LEAD_SENTENCE_MIN_CHARS
                 or P.TITLE_LINE_END_RE.search(s.text)), body_end)
    limit = min(limit, lead)
    out: list[Sentence] = []
    for s in sentences:
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.end)
        line_end = len(text) if line_end < 0 else line_end
        whole_line = not text[line_start:s.start].strip() and not text[s.end:line_end].strip()
        title_like = whole_line and (bool(P.TITLE_MARKER_RE.match(s.text)) or (
            s.start < limit and len(s.text) <= P.TITLE_LINE_MAX_CHARS
            and not P.TITLE_LINE_END_RE.search(s.text)))
        out.append(Sentence(s.start, s.end, s.text, title_like) if title_like else s)
    return out
