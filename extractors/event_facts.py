"""Which sentence reports the event, and the event's type and date.

An event sentence holds a signing / groundbreaking / production word about a project (or a
settlement word with an amount, a count or a plant); tallies, policy phrasing, forecasts and
background events do not count.  The date comes from the event sentence, the sentence before
it, or the dated lead, resolved against the publish date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractors import patterns as P
from extractors.candidates import Candidate, SentenceInfo
from extractors.dates import Anchor, find_dates, find_event_year, find_text_year, resolve_at, year_after


# A ceremony named in the sentence that dates the event tells the event's type, over a type
# read from another sentence ("项目一期2012年动工建设…" vs "4月2日，…工厂建成暨首车下线仪式").
CEREMONY_TYPE_RE = re.compile(
    r"(?:(?P<signing>签约|签订|签署)|(?P<groundbreaking>开工|奠基|动工|开建)|"
    r"(?P<production>投产|下线|试生产|点火|竣工))[^，,。]{0,6}?(?:仪式|典礼|庆典|活动)")
# A byline after a date makes it a dateline ("February 19th (Reporter: …)", "5月6日（记者 …）").
BYLINE_AFTER_RE = re.compile(r"\s*[(（]\s*(?:reporter|correspondent|记者|通讯员|采访人员)", re.I)
# The day of a press conference where the news was learned is no event date
# ("从14日召开的…成果新闻发布会上获悉，大会集中签约…").
LEARNED_AT_AFTER_RE = re.compile(r"[^，,。]{0,40}?(?:发布会|通气会|通报会)上?[^，,。]{0,4}(?:获悉|了解到|得知)")
# Projects that settle at a fair or a promotion conference were signed there ("经洽会…见证二十个
# 项目落户"): the event is a signing.
FAIR_RE = re.compile(r"洽谈会|洽会|博览会|博会|推介会|招商会|招商大会|投资大会|交易会")
# The title is looked for among this many first lines (a breadcrumb may come before it).
TITLE_SEARCH_LINES = 3
# An approval of an investment case (投资台湾事务所…通过5件投资案) is a settlement: approved to set up.
APPROVAL_RE = re.compile(r"(?:通过|核准|批准)[^，,。]{0,24}(?:投资(?:申请)?案|申请案|回台投资|扩大投资)|"
                         r"(?:核准|批准)[^，,。]{0,12}投资|获批(?:落地|设立|建设)")


def is_event_info(info: SentenceInfo) -> bool:
    """A sentence that reports an investment event (cached on the sentence)."""
    if info.reports_event is None:
        info.reports_event = _reports_event(info)
    return info.reports_event


def _reports_event(info: SentenceInfo) -> bool:
    """A sentence that reports an investment event: a signing / groundbreaking / production of
    a project, plant or investment; a settlement only with an amount or a project count too."""
    norm, s = info.norm, info.sentence
    if not (info.good_money or info.counts or P.EVENT_OBJECT_RE.search(norm, s.start, s.end)):
        return False
    if P.NEGOTIATING_RE.search(norm, s.start, s.end):
        return False
    for ev in info.events:
        if P.TALLY_RE.search(norm, s.start, ev.start) or P.TALLY_EN_RE.search(norm, s.start, s.end):
            continue
        if ev.event_type in P.STRONG_EVENT_TYPES or info.good_money or info.counts:
            return True
        lo, hi = _clause_bounds(norm, s.start, s.end, ev.start, ev.end)
        if P.STRONG_OBJECT_RE.search(norm, lo, hi):
            return True
    return False


def _clause_bounds(norm: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end) inside [lo, hi): between the nearest separators."""
    left = max((m.end() for m in P.CLAUSE_SEP_RE.finditer(norm, max(lo, start - P.CLAUSE_MAX_CHARS), start)),
               default=lo)
    right = P.CLAUSE_SEP_RE.search(norm, end, min(hi, end + P.CLAUSE_MAX_CHARS))
    return left, right.start() if right else min(hi, end + P.CLAUSE_MAX_CHARS)


def event_sentence(infos: list[SentenceInfo], headline: Candidate | None) -> SentenceInfo | None:
    """The sentence reporting the event: the headline's own, else the first event sentence."""
    if headline is not None and headline.info.events and is_event_info(headline.info):
        return headline.info
    body = [i for i in infos if not i.in_title and is_event_info(i)]
    strong = [i for i in body if any(e.event_type in P.STRONG_EVENT_TYPES for e in i.events)]
    titled = [i for i in infos if i.in_title and is_event_info(i)]
    found = (strong or body or titled or [None])[0]
    if found is None and headline is not None:
        found = _previous_event(infos, headline.info)
    return found


def neighbours(infos: list[SentenceInfo], info: SentenceInfo | None) -> list[SentenceInfo]:
    """The sentence before `info` in its paragraph, and the first event sentence of the body."""
    out: list[SentenceInfo] = []
    if info is not None and not info.in_title:
        pos = infos.index(info)
        prev = infos[pos - 1] if pos > 0 else None
        if prev is not None and not prev.in_title and "\n" not in info.norm[prev.sentence.end:info.sentence.start]:
            out.append(prev)
    first = next((i for i in infos if not i.in_title and is_event_info(i)), None)
    if first is not None:
        out.append(first)
    return out


def _previous_event(infos: list[SentenceInfo], info: SentenceInfo) -> SentenceInfo | None:
    """The sentence before the headline's, when it holds the event word ('…签署协议。根据协议…')."""
    pos = infos.index(info)
    if pos <= 0 or info.in_title:
        return None
    prev = infos[pos - 1]
    if prev.in_title or not prev.events:
        return None
    if any(P.TALLY_RE.search(prev.norm, prev.sentence.start, e.start) for e in prev.events):
        return None
    return prev


def main_event_type(info: SentenceInfo) -> str:
    """The sentence's event: its first signing, groundbreaking or production word, else its
    first word ("就项目落地签订协议": the signing; 落地 tells what the deal does)."""
    strong = next((e for e in info.events if e.event_type in P.STRONG_EVENT_TYPES), None)
    return (strong or info.events[0]).event_type


@dataclass
class EventFacts:
    """The event's type and date, with the sentences they came from."""

    event_type: str = "other"
    type_info: SentenceInfo | None = None
    event_date: str | None = None
    event_date_latest: str | None = None  # 日前 / 近日: on or before this day
    date_info: SentenceInfo | None = None


def resolve_event(event_info: SentenceInfo | None, headline: Candidate | None,
                  infos: list[SentenceInfo], norm: str, published: dt.date | None,
                  anchor: Anchor | None = None) -> EventFacts:
    """Event type and date from the event sentence, the headline's, or the dated lead;
    relative and year-less dates are resolved against the anchor (dateline, stamp). When the
    type's sentence names several kinds of event, the title's first one wins."""
    out = _resolve(event_info, headline, infos, norm, published, anchor)
    if out.type_info is not None:
        out.event_type = _title_first_type(out.type_info, infos) or out.event_type
        t = out.type_info
        if out.event_type == "settlement" and FAIR_RE.search(t.norm, t.sentence.start, t.sentence.end):
            out.event_type = "signing"
    return out


def _resolve(event_info: SentenceInfo | None, headline: Candidate | None,
             infos: list[SentenceInfo], norm: str, published: dt.date | None,
             anchor: Anchor | None) -> EventFacts:
    """resolve_event without the title's say."""
    out = EventFacts()
    source = event_info or (headline.info if headline else None)
    if source is not None and source.events:
        out.event_type, out.type_info = main_event_type(source), source
    elif source is not None and (P.SETTLEMENT_FALLBACK_RE.search(source.norm, source.sentence.start,
                                                                 source.sentence.end)
                                 or APPROVAL_RE.search(source.norm, source.sentence.start, source.sentence.end)):
        out.event_type, out.type_info = "settlement", source
    order = [i for i in (headline.info if headline else None, event_info) if i is not None]
    order += [i for i in infos if i.events and is_event_info(i) and i not in order]
    order += [i for i in infos[:P.DATE_LEAD_SENTENCES] if not i.in_title and i not in order
              and (P.CEREMONY_RE.search(i.norm, i.sentence.start, i.sentence.end)  # 16日举办招商会
                   or any(e.event_type in P.STRONG_EVENT_TYPES for e in i.events))]  # …signed on Thursday
    text_year = find_event_year(norm)
    vague_type: str | None = None  # after 日前/近日, only a later date of the same event counts
    for info in order:
        for cand in _date_sources(info, infos):
            if vague_type is not None and (not cand.events or cand.events[0].event_type != vague_type):
                continue
            found = _dates_of(cand)
            for k, d in enumerate(found):
                if _not_event_date(cand.norm, d.start, d.end):
                    continue
                if d.relative_days is not None and k + 1 < len(found) and found[k + 1].day is not None \
                        and found[k + 1].start - d.end <= P.RELATIVE_EXPLAINED_CHARS:
                    continue  # 昨天(28日): the day itself follows
                if d.vague:
                    if vague_type is None:
                        out.event_date_latest = published.isoformat() if published else None
                        out.date_info = cand
                        _type_from_ceremony(out, cand)
                        vague_type = cand.events[0].event_type if cand.events else out.event_type
                    break
                if any(v.vague and v.start > d.end for v in found[k + 1:]) and not any(
                        d.end <= e.start for e in cand.events if not any(
                            v.vague and d.end <= v.start < e.start for v in found)):
                    continue  # "1月12日晚间公告，近日…签订": the report's day, the event is undated
                year = text_year
                if d.year is None and d.month is not None:
                    year = year_after(cand.norm, d.end) or text_year
                    if year is None and (anchor is None or not anchor.year_known):
                        year = find_text_year(cand.norm, cand.sentence.start, cand.sentence.end)
                iso = resolve_at(d, anchor, year)
                latest = published or (anchor.day if anchor and anchor.year_known else None)
                if iso is None or (latest and not iso.startswith("--") and iso > latest.isoformat()):
                    continue  # unknowable, or a plan / deadline: the event cannot follow its report
                out.event_date, out.event_date_latest, out.date_info = iso, None, cand
                if cand.events and cand is not source and vague_type is None:  # the dated lead names it
                    out.event_type, out.type_info = main_event_type(cand), cand
                _type_from_ceremony(out, cand)
                return out
    return out


def _type_from_ceremony(out: EventFacts, dated: SentenceInfo) -> None:
    """The ceremony named in the dating sentence gives the type when the type was read from
    another sentence."""
    if dated is out.type_info:
        return
    m = CEREMONY_TYPE_RE.search(dated.norm, dated.sentence.start, dated.sentence.end)
    if m is not None and m.lastgroup:
        out.event_type, out.type_info = m.lastgroup, dated


def _title_first_type(info: SentenceInfo, infos: list[SentenceInfo]) -> str | None:
    """When the event sentence names several kinds of event (签约及集中开工), the one the title
    names first; None when the title names none of them."""
    kinds = {e.event_type for e in info.events if e.event_type in P.STRONG_EVENT_TYPES}
    if len(kinds) < 2:
        return None
    title = next((i for i in infos if i.in_title), None) or next(
        (i for i in infos[:TITLE_SEARCH_LINES] if i.sentence.title_like and i.events), None)
    if title is None or title is info:
        return None
    return next((e.event_type for e in title.events if e.event_type in kinds), None)


def _dates_of(info: SentenceInfo) -> list:
    """Dates of a sentence, with one that a hard line wrap splits from the line before
    ("于 2022 年 3 月\n2 日召开董事会", a notice copied from a PDF)."""
    norm, lo, hi = info.norm, info.sentence.start, info.sentence.end
    if lo >= 2 and norm[lo - 1] == "\n" and norm[lo - 2] not in P.SENTENCE_FINAL_CHARS:
        wrapped = [d for d in find_dates(norm, max(0, lo - P.WRAPPED_DATE_CHARS), hi) if d.start < lo < d.end]
        return wrapped + find_dates(norm, lo, hi)
    return find_dates(norm, lo, hi)


def _not_event_date(norm: str, start: int, end: int) -> bool:
    """True for a news dateline or a deadline / planned date."""
    return bool(P.DATELINE_RE.match(norm, start, start + P.DATELINE_MAX_CHARS)
                or P.DATELINE_STAMP_AFTER_RE.match(norm, end)
                or P.EN_DATELINE_AFTER_RE.match(norm, end) or P.REPORT_DATE_AFTER_RE.match(norm, end)
                or P.DATE_FUTURE_BEFORE_RE.search(norm[max(0, start - P.DATE_CONTEXT_CHARS):start])
                or P.DATE_STAMP_BEFORE_RE.search(norm[max(0, start - P.DATE_CONTEXT_CHARS):start])
                or P.DATE_FUTURE_AFTER_RE.match(norm, end)
                or BYLINE_AFTER_RE.match(norm, end) or LEARNED_AT_AFTER_RE.match(norm, end))


def _date_sources(info: SentenceInfo, infos: list[SentenceInfo]) -> list[SentenceInfo]:
    """The sentence itself, then the sentence before it in the same paragraph."""
    out = [info]
    if info.in_title or info.index <= 0:
        return out
    pos = infos.index(info)
    if pos > 0:
        prev = infos[pos - 1]
        same_paragraph = "\n" not in info.norm[prev.sentence.end:info.sentence.start]
        ceremony = bool(P.CEREMONY_RE.search(prev.norm, prev.sentence.start, prev.sentence.end))
        same_day = bool(P.SAME_DAY_OPENER_RE.match(info.norm, info.sentence.start))  # 当日,…开工
        if not prev.in_title and (same_day or not prev.sentence.title_like) and (
                same_paragraph or ceremony or same_day):
            out.append(prev)
    return out
