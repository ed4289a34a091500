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


@dataclass(frozen=True)
class Anchor:
    """The day the article is told from: its dateline or stamp, else the publish date.
    `year_known` is False for a dateline without a year and no other year to give it."""

    day: dt.date
    year_known: bool = True


# Year given to a dateline without one while its month-day is resolved (a leap year).
UNKNOWN_YEAR = 2000


def find_anchor(norm: str, published: dt.date | None, end: int | None = None) -> Anchor | None:
    """The article's own dateline (on or before the publish date), else the publish date,
    else the latest full date of the text (its stamp); None when the text gives none."""
    end = len(norm) if end is None else end
    for d in find_dates(norm, 0, min(end, P.DATELINE_SCAN_CHARS)):
        if d.month is None or d.day is None or not P.DATELINE_STAMP_AFTER_RE.match(norm, d.end):
            continue
        if d.year is not None:
            day = _date_or_none(d.year, d.month, d.day)
            if day is not None and (published is None or day <= published):
                return Anchor(day)
            continue
        if published is not None:
            iso = resolve_date(d, published)
            return Anchor(dt.date.fromisoformat(iso)) if iso else Anchor(published)
        day = _date_or_none(UNKNOWN_YEAR, d.month, d.day)
        if day is not None:
            stamp = _latest_full_date(norm, end)
            if stamp is not None:
                year = stamp.year - (1 if (d.month, d.day) > (stamp.month, stamp.day) else 0)
                return Anchor(_date_or_none(year, d.month, d.day) or stamp)
            return Anchor(day, year_known=False)
    if published is not None:
        return Anchor(published)
    stamp = _latest_full_date(norm, end)
    return Anchor(stamp) if stamp else None


def _latest_full_date(norm: str, end: int) -> dt.date | None:
    """The latest full date (year, month, day) of the text that is no plan or deadline."""
    days = []
    for rx in P.FULL_DATE_RES:
        for m in rx.finditer(norm, 0, end):
            if (P.DATE_FUTURE_BEFORE_RE.search(norm[max(0, m.start() - P.DATE_CONTEXT_CHARS):m.start()])
                    or P.DATE_FUTURE_AFTER_RE.match(norm, m.end())):
                continue
            day = _date_or_none(int(m["y"]), int(m["m"]), int(m["d"]))
            if day is not None:
                days.append(day)
    return max(days) if days else None


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_at(mention: DateMention, anchor: Anchor | None, text_year: int | None = None) -> str | None:
    """resolve_date against an anchor; '--MM-DD' when the anchor's year is unknown."""
    if anchor is None:
        return resolve_date(mention, None, text_year)
    iso = resolve_date(mention, anchor.day, text_year)
    if iso and not anchor.year_known and not iso.startswith("--") and mention.year is None and text_year is None:
        return "--" + iso[5:]
    return iso


def find_text_year(norm: str, sent_start: int, sent_end: int) -> int | None:
    """A year named in the date's own sentence ("3月23日，全县2020年第一季度项目集中签约"),
    not a plan's horizon; years elsewhere in the text may be anything (a company's history)."""
    for m in P.YEAR_MENTION_RE.finditer(norm, sent_start, sent_end):
        if not P.YEAR_PLAN_BEFORE_RE.search(norm[max(0, m.start() - P.DATE_CONTEXT_CHARS):m.start()]):
            return int(m["y"])
    return None
