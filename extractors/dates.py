"""Event dates: absolute and relative dates resolved against the publish date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractors import patterns as P
from extractors.numbers import parse_cn_integer


# Calendar facts, named so the arithmetic below reads.
DAYS_PER_WEEK = 7
MONTHS = 12
MAX_DAY = 31


@dataclass(frozen=True)
class DateMention:
    """A date in the text; year None when the text does not give it; vague for 日前."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    vague: bool = False
    relative_days: int | None = None
    relative_months: int | None = None
    weekday: int | None = None
    previous_week: bool = False


def _valid(year: int | None, month: int, day: int) -> bool:
    """True when month/day (and year, if known) form a real date."""
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 2月29日 stays valid
    except ValueError:
        return False
    return True


def find_dates(norm: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Return date mentions in norm[start:end], in order, without overlaps."""
    end = len(norm) if end is None else end
    found: list[DateMention] = []
    spans: list[tuple[int, int]] = []

    def add(mention: DateMention) -> None:
        if any(s < mention.end and mention.start < e for s, e in spans):
            return
        spans.append((mention.start, mention.end))
        found.append(mention)

    for rx in P.FULL_DATE_RES:
        for m in rx.finditer(norm, start, end):
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if _valid(y, mo, d):
                add(DateMention(m.start(), m.end(), y, mo, d))
    for m in P.MONTH_DAY_RE.finditer(norm, start, end):
        mo, d = int(m["m"]), int(m["d"])
        if _valid(None, mo, d):
            add(DateMention(m.start(), m.end(), None, mo, d))
    for m in P.CN_MONTH_DAY_RE.finditer(norm, start, end):
        mo, d = parse_cn_integer(m["m"]), parse_cn_integer(m["d"])
        if mo and d and _valid(None, mo, d):
            add(DateMention(m.start(), m.end(), None, mo, d))
    for rx in P.EN_DATE_RES:
        for m in rx.finditer(norm, start, end):
            mo = P.EN_MONTHS.get(m["mon"].lower().rstrip("."))
            d = int(m["d"])
            if mo and _valid(None, mo, d):
                add(DateMention(m.start(), m.end(), int(m["y"]) if m["y"] else None, mo, d))
    for m in P.RELATIVE_MONTH_RE.finditer(norm, start, end):
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        add(DateMention(m.start(), m.end(), None, None, int(m["d"]) if m["d"] else None,
                        relative_months=P.RELATIVE_MONTHS.get(rel, 0)))
    for m in P.RELATIVE_DAY_RE.finditer(norm, start, end):
        add(DateMention(m.start(), m.end(), None, None, None,
                        relative_days=P.RELATIVE_DAYS.get(m.group(0).lower(), 0)))
    for rx in P.WEEKDAY_RES:
        for m in rx.finditer(norm, start, end):
            rel = m["rel"] or ""
            add(DateMention(m.start(), m.end(), None, None, None,
                            weekday=P.WEEKDAY_INDEX[m["wd"].lower()],
                            previous_week=rel.lower() in P.PREVIOUS_WEEK_WORDS))
    for m in P.DAY_ONLY_RE.finditer(norm, start, end):
        d = int(m["d"])
        if 1 <= d <= MAX_DAY:
            add(DateMention(m.start(), m.end(), None, None, d))
    for m in P.VAGUE_DATE_RE.finditer(norm, start, end):
        add(DateMention(m.start(), m.end(), None, None, None, vague=True))
    found.sort(key=lambda x: x.start)
    return found


def resolve_date(mention: DateMention, published: dt.date | None,
                 text_year: int | None = None) -> str | None:
    """Resolve a mention to ISO 'YYYY-MM-DD', '--MM-DD' when the year is unknowable, or None.

    The year comes from the mention, else from the text (text_year), else from the publish
    date; a date that would fall after the publish date moves back one year.
    """
    if mention.vague:
        return None
    if mention.relative_days is not None:
        if published is None:
            return None
        return (published + dt.timedelta(days=mention.relative_days)).isoformat()
    if mention.weekday is not None:
        if published is None:
            return None
        if mention.previous_week:
            monday = published - dt.timedelta(days=published.weekday() + DAYS_PER_WEEK)
            return (monday + dt.timedelta(days=mention.weekday)).isoformat()
        back = (published.weekday() - mention.weekday) % DAYS_PER_WEEK
        return (published - dt.timedelta(days=back)).isoformat()
    if mention.relative_months is not None:
        if published is None or mention.day is None:
            return None
        month_index = published.year * MONTHS + published.month - 1 + mention.relative_months
        year, month = divmod(month_index, MONTHS)
        return _iso(year, month + 1, mention.day)
    month = mention.month
    if month is None:  # day only: the publish month (or the one before it)
        if published is None or mention.day is None:
            return None
        month, year = published.month, published.year
        if mention.day > published.day:
            month_index = year * MONTHS + month - 2  # the month before, zero-based
            year, month0 = divmod(month_index, MONTHS)
            month = month0 + 1
        return _iso(year, month, mention.day)
    assert mention.day is not None
    year = mention.year or text_year
    if year is None and published is not None:
        year = published.year
        if (month, mention.day) > (published.month, published.day):
            year -= 1
    if year is None:
        return f"--{month:02d}-{mention.day:02d}"
    return _iso(year, month, mention.day)


def _iso(year: int, month: int, day: int) -> str | None:
    """ISO date or None when the date does not exist."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_event_year(norm: str, start: int = 0, end: int | None = None) -> int | None:
    """A year the text gives for the event ('2021年开工的首个项目'), or None."""
    m = P.EVENT_YEAR_RE.search(norm, start, len(norm) if end is None else end)
    return int(m["y"]) if m else None


def year_after(norm: str, pos: int) -> int | None:
    """A year written right after a month-day ('10月18日2021年度…'), or None."""
    m = P.YEAR_AFTER_DATE_RE.match(norm[pos:pos + P.YEAR_AFTER_DATE_CHARS])
    return int(m["y"]) if m else None


def find_published(norm: str) -> dt.date | None:
    """Publish date from the page head (时间:2022-11-04, '2020年11月20日 11:18', '(2022-05-25)')."""
    head = norm[:P.PUBLISHED_HEAD_CHARS]
    for rx in P.PUBLISHED_RES:
        m = rx.search(head)
        if m and _valid(int(m["y"]), int(m["m"]), int(m["d"])):
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return None
