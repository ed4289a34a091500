"""URL shapes: a URL cut into tokens (literal words, digit runs, opaque ids, slugs), links
grouped by shape, and the regex that matches a group and its future members.

Digit runs that look like dates are generalised to their width (next month's articles
must match too); a number shared by every member that is no date (a channel id such as
c132333 or catid=12) stays literal, so same-shaped links of other channels do not match."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

# A path segment (or query value) cut into word, digit and separator runs.
TOKEN_RE = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]")
# A word prefix before a number (t20261116, c94476, a4471): a word and digits, not an id.
PREFIXED_NUMBER_RE = re.compile(r"^[A-Za-z]{1,4}\d+$")
# Letters and digits mixed from this length on are an opaque id (3adca438f1592414, ab12cd).
OPAQUE_MIN_LEN = 6
# A slug: several words joined by hyphens, or non-ASCII (percent-encoded) text.
SLUG_RE = re.compile(r"^(?:[A-Za-z0-9]+-){2,}[A-Za-z0-9]+$|%[0-9A-Fa-f]{2}|[^\x00-\x7f]")
YEARS = range(1990, 2100)
# Regex parts of opaque tokens.
OPAQUE_PATTERNS = {"alnum": "[0-9A-Za-z]+", "slug": "[^/?#&]+"}
# Words in a URL that mark articles, and ones that mark lists, channels or navigation.
ARTICLE_WORDS = frozenset({"content", "article", "art", "detail", "details", "show", "view",
                           "news", "post", "posts", "archives", "story", "info", "doc", "a",
                           "t", "n", "p", "c", "id", "aid", "newsid", "articleid", "tid"})
LIST_WORDS = frozenset({"list", "index", "page", "category", "tag", "tags", "col", "channel",
                        "column", "node", "search", "author", "lists", "more", "sitemap", "feed"})


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "digits", "sep", "alnum", "slug"
    text: str

    @property
    def key(self) -> str:
        """Words and separators as written; numbers and opaque ids as one class, since an
        id such as content_58213 or content_3fa9c2 is all digits or mixed by chance."""
        if self.kind in ("word", "sep"):
            return self.text
        return "id" if self.kind in ("digits", "alnum") else self.kind


def _segment_tokens(segment: str) -> tuple[Token, ...]:
    stem = segment.rsplit(".", 1)[0] if "." in segment else segment
    if SLUG_RE.search(stem):
        ext = segment[len(stem):]
        return (Token("slug", stem), *(_segment_tokens(ext) if ext else ()))
    tokens: list[Token] = []
    for part in re.split(r"([-_.~,=+])", segment):
        if not part:
            continue
        if len(part) == 1 and not part.isalnum():
            tokens.append(Token("sep", part))
        elif PREFIXED_NUMBER_RE.match(part) or part.isdigit() or part.isalpha():
            tokens.extend(Token("digits" if r.isdigit() else "word", r) for r in TOKEN_RE.findall(part))
        elif len(part) >= OPAQUE_MIN_LEN:
            tokens.append(Token("alnum", part))
        else:
            tokens.extend(Token("digits" if r.isdigit() else "word" if r.isalpha() else "sep", r)
                          for r in TOKEN_RE.findall(part))
    return tuple(tokens)


@dataclass(frozen=True)
class UrlShape:
    """A URL as host, path segments of tokens and sorted query (key, tokens)."""

    url: str
    host: str
    segments: tuple[tuple[Token, ...], ...]
    query: tuple[tuple[str, tuple[Token, ...]], ...]

    @property
    def key(self) -> tuple:
        return (self.host, tuple(tuple(t.key for t in s) for s in self.segments),
                tuple((k, tuple(t.key for t in v)) for k, v in self.query))

    def words(self) -> set[str]:
        out = {t.text.lower() for s in self.segments for t in s if t.kind == "word"}
        return out | {k.lower() for k, _ in self.query}


def url_shape(url: str) -> UrlShape:
    parts = urlsplit(url)
    segments = tuple(_segment_tokens(s) for s in parts.path.split("/")[1:])
    query = tuple(sorted((k, _segment_tokens(v)) for k, v in parse_qsl(parts.query, keep_blank_values=True)))
    return UrlShape(url, parts.netloc.lower(), segments, query)


def group_by_shape(urls: list[str]) -> dict[tuple, list[UrlShape]]:
    groups: dict[tuple, list[UrlShape]] = defaultdict(list)
    for url in dict.fromkeys(urls):
        shape = url_shape(url)
        groups[shape.key].append(shape)
    return dict(groups)


def _escape(text: str) -> str:
    return re.escape(text).replace("\\-", "-")


def _is_date_part(value: str, year_before: bool) -> bool:
    """A digit run that reads as a year, yyyymm, yyyymmdd, or (after a year) mm, dd, mmdd."""
    n = len(value)
    try:
        if n == 4 and int(value) in YEARS:
            return True
        if n == 6 and int(value[:4]) in YEARS and 1 <= int(value[4:]) <= 12:
            return True
        if n == 8 and int(value[:4]) in YEARS:
            dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
            return True
        if year_before and n == 2 and 1 <= int(value) <= 31:
            return True
        if year_before and n == 4:
            dt.date(2000, int(value[:2]), int(value[2:]))
            return True
    except ValueError:
        return False
    return False


def _digits_pattern(values: list[str], year_before: bool, keep_constant: bool) -> tuple[str, bool]:
    """(regex, date-like) for one digit position across a group."""
    dates = all(_is_date_part(v, year_before) for v in values)
    widths = {len(v) for v in values}
    if dates and len(widths) == 1:
        return rf"\d{{{widths.pop()}}}", True
    if keep_constant and len(set(values)) == 1:
        return re.escape(values[0]), False
    return r"\d+", False


def _tokens_pattern(columns: list[list[Token]], year_before: bool, keep_constant: bool) -> tuple[str, bool, bool]:
    """(regex, has a date part, a year part) of token columns (one list per token position)."""
    out, has_date, year_seen = [], False, year_before
    for column in columns:
        kind = column[0].kind
        if kind in ("word", "sep"):
            out.append(_escape(column[0].text))
        elif kind == "digits" and all(t.kind == "digits" for t in column):
            values = [t.text for t in column]
            pattern, is_date = _digits_pattern(values, year_seen, keep_constant)
            has_date = has_date or is_date
            year_seen = year_seen or (is_date and all(len(v) in (4, 6, 8) for v in values))
            out.append(pattern)
        else:
            out.append(OPAQUE_PATTERNS["slug" if kind == "slug" else "alnum"])
    return "".join(out), has_date, year_seen


def group_regex(group: list[UrlShape], keep_constant: bool = True) -> str:
    """The anchored regex of a same-shaped group; see the module docstring for the rules."""
    first = group[0]
    parts = ["^https?://" + _escape(first.host)]
    year_seen = False
    for i in range(len(first.segments)):
        columns = [list(col) for col in zip(*(g.segments[i] for g in group))]
        pattern, _, year_seen = _tokens_pattern(columns, year_seen, keep_constant)
        parts.append("/" + pattern)
    regex = "".join(parts)
    if first.query:
        regex += r"\?"
        for j, (key, _) in enumerate(first.query):
            columns = [list(col) for col in zip(*(g.query[j][1] for g in group))]
            value, _, _ = _tokens_pattern(columns, year_seen, keep_constant)
            regex += rf"(?=(?:.*&)?{re.escape(key)}={value}(?:&|$))"
        return regex + ".*$"
    return regex + "$"


def shape_signals(shape: UrlShape) -> dict[str, bool]:
    """What a URL's shape says: a date in it, an id at its end, article or list words."""
    year_seen, has_date = False, False
    for segment in shape.segments:
        for token in segment:
            if token.kind == "digits" and _is_date_part(token.text, year_seen):
                has_date = True
                year_seen = year_seen or len(token.text) in (4, 6, 8)
    filled = [s for s in shape.segments if s]
    tail = [t for t in (filled[-1] if filled else ()) if t.kind != "sep"]
    if tail and tail[-1].kind == "word" and tail[-1].text.lower() in ("html", "htm", "shtml", "php", "asp", "aspx", "jsp"):
        tail = tail[:-1]
    query_ids = any(v and v[-1].kind in ("digits", "alnum") for _, v in shape.query)
    has_id = bool(tail) and tail[-1].kind in ("digits", "alnum") or query_ids
    has_slug = bool(tail) and tail[-1].kind == "slug"
    words = shape.words()
    last_words = {t.text.lower() for t in tail if t.kind == "word"}
    return {"date": has_date, "id": has_id or has_slug, "slug": has_slug, "article_word": bool(words & ARTICLE_WORDS),
            "list_word": bool(last_words & LIST_WORDS) or not tail or bool(words & {"page", "category", "tag"})}


def describe(regex: str) -> str:
    """A readable form of a group regex for comments: <date>, <id> for the generalised parts."""
    text = re.sub(r"^\^https\?://[^/]+", "", regex).rstrip("$")
    text = re.sub(r"\\d\{(\d)\}", lambda m: "#" * int(m.group(1)), text)
    for name, pattern in (("<id>", r"\d+"), ("<id>", OPAQUE_PATTERNS["alnum"]),
                          ("<slug>", OPAQUE_PATTERNS["slug"])):
        text = text.replace(pattern, name)
    return text.replace("\\", "")
