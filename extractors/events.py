"""Event type of a sentence and project counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import patterns as P
from extractors.numbers import parse_cn_integer


# The value of an approximate count ("九十多个"): reported as no count (null), never a number.
APPROXIMATE = 0


@dataclass(frozen=True)
class CountMention:
    """A project count ('15个项目') with offsets into the input."""

    start: int
    end: int
    value: int


@dataclass(frozen=True)
class EventMention:
    """An event keyword: type and offsets."""

    start: int
    end: int
    event_type: str


# Event keywords beyond patterns.EVENT_KEYWORDS, in the same named-group form: English
# openings ("inaugurated its new plant", "launches 5 new projects": 启动 in translation) and
# Japanese decisions to build ("工場を中国で新たに建設する").
EXTRA_EVENT_LATIN_RE = re.compile(
    r"(?P<production>inaugurat(?:ed|es|ion of))|"
    r"(?P<groundbreaking>launch(?:es|ed|ing)? (?:of )?(?:the |a |\w+ ){0,3}(?:new )?projects?\b)", re.I)
EXTRA_EVENT_CJK_RE = re.compile(r"(?P<settlement>(?<=[场点])を[^。、]{1,12}?(?:建设|设立)(?=する|した|を决定|を决め))")


def find_events(norm: str, start: int = 0, end: int | None = None) -> list[EventMention]:
    """Every event keyword in norm[start:end], ordered by position."""
    end = len(norm) if end is None else end
    found = [EventMention(m.start(), m.end(), str(m.lastgroup))
             for m in P.EVENT_CJK_RE.finditer(norm, start, end)]
    extra = [EventMention(m.start(), m.end(), str(m.lastgroup))
             for m in EXTRA_EVENT_CJK_RE.finditer(norm, start, end)]
    latin = [EventMention(m.start(), m.end(), str(m.lastgroup))
             for span in P.LATIN_SPAN_RE.finditer(norm, start, end)
             for rx in (P.EVENT_LATIN_RE, EXTRA_EVENT_LATIN_RE)
             for m in rx.finditer(norm, span.start(), span.end())]
    if not (latin or extra):
        return found
    taken = [(e.start, e.end) for e in found]
    extra = [e for e in extra if not any(a < e.end and e.start < b for a, b in taken)]
    return sorted(found + extra + latin, key=lambda e: e.start)


def is_generic(norm: str, sent_start: int, event: EventMention) -> bool:
    """True when the keyword is no report of a new event: policy phrasing ('推动项目落地'),
    attributive use ('对签约项目给予奖励') or a cancelled deal ('终止…签订的协议')."""
    if P.ATTRIBUTIVE_EVENT_BEFORE_RE.search(norm, max(sent_start, event.start - 1), event.start):
        return True
    if P.ATTRIBUTIVE_EVENT_AFTER_RE.match(norm, event.end):
        return True
    clause_start = max(sent_start, event.start - P.GENERIC_EVENT_WINDOW)
    for m in P.CLAUSE_SEP_RE.finditer(norm, clause_start, event.start):
        clause_start = m.end()
    if P.CANCELLED_EVENT_RE.search(norm, max(sent_start, event.start - P.CANCELLED_WINDOW),
                                   event.end + P.GENERIC_EVENT_WINDOW):
        return True
    return bool(P.GENERIC_EVENT_RE.search(norm, clause_start, event.start))


def is_expected(norm: str, sent_start: int, event: EventMention) -> bool:
    """True for a forecast, background or negated event ('预计投产后…', '2028年の稼働を予定',
    '2025年3月开工，历时19个月建成', '尚未开工'): not the event the article reports."""
    before = norm[max(sent_start, event.start - P.GENERIC_EVENT_WINDOW):event.start]
    return bool(P.NEGATED_EVENT_BEFORE_RE.search(before)
                or P.FUTURE_EVENT_BEFORE_RE.search(before)
                or P.HISTORY_EVENT_BEFORE_RE.search(before)
                or (event.event_type in P.STRONG_EVENT_TYPES and P.FUTURE_STRONG_EVENT_BEFORE_RE.search(before))
                or P.FUTURE_EVENT_AFTER_RE.match(norm, event.end))


def is_tally(norm: str, start: int, pos: int) -> bool:
    """True when a cumulative / period word precedes pos in its sentence (累计签约...)."""
    return bool(P.TALLY_RE.search(norm, start, pos))


def _count_value(raw: str) -> int | None:
    """Parse a count numeral: digits, Chinese numerals or English words."""
    if raw.isdigit():
        return int(raw)
    word = P.EN_NUMBER_WORDS.get(raw.lower())
    if word is not None:
        return word
    return parse_cn_integer(raw)


def find_counts(norm: str, start: int = 0, end: int | None = None) -> list[CountMention]:
    """Project counts in norm[start:end], ordered by position, no overlaps."""
    end = len(norm) if end is None else end
    out: list[CountMention] = []
    low = norm[start:end].lower()
    for rx, needs in zip(P.COUNT_RES, P.COUNT_RE_NEEDS, strict=True):
        if needs is not None and not any(n in low for n in needs):
            continue
        for m in rx.finditer(norm, start, end):
            value = _count_value(m["num"])
            if value is None or not 0 < value <= P.MAX_PROJECT_COUNT:
                continue
            if norm[max(0, m.start("num") - 1):m.start("num")].isdigit():
                continue
            if any(c.start < m.end() and m.start() < c.end for c in out):
                continue
            if P.APPROX_COUNT_AFTER_RE.match(norm, m.end("num")) or P.APPROX_COUNT_BEFORE_RE.search(
                    norm, max(start, m.start("num") - 2), m.start("num")):
                value = APPROXIMATE  # "九十多个项目", "近百个项目": a count, but not a number
            out.append(CountMention(m.start("num"), m.end(), value))
    out.sort(key=lambda c: c.start)
    return out


def find_company_count(norm: str, start: int, end: int) -> int | None:
    """Companies counted in norm[start:end] ("两家企业签约入驻"): at least two, else None."""
    for rx in P.COMPANY_COUNT_RES:
        m = rx.search(norm, start, end)
        if m:
            value = _count_value(m["num"])
            if value is not None and 2 <= value <= P.MAX_PROJECT_COUNT:
                return value
    return None


def sum_listed_counts(norm: str, counts: list[CountMention]) -> int | None:
    """Sum counts written as one list ('2つの…、1つの…'); None when there are none."""
    if not counts:
        return None
    total = counts[-1].value
    for prev, cur in zip(reversed(counts[:-1]), reversed(counts[1:])):
        gap = norm[prev.end:cur.start]
        if not P.COUNT_LIST_GAP_RE.match(gap):
            break
        total += prev.value
    return total
