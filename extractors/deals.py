"""Deal facts of one article: headline amount, components, count, event, date, place, parties.

Cascade: normalise (offsets kept) -> cut page debris -> split sentences -> find money,
events, counts -> score amounts (candidates.py) -> choose the headline and components ->
the event sentence, type and date (event_facts.py) -> place, parties and industries around
them (deal_places.py).

Public API: extract(text, title=, published=, options=) -> ArticleFacts (.to_dict()).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from extractors import patterns as P
from extractors.candidates import (Candidate, SentenceInfo, analyse_sentences, choose_components,
                                   choose_headline, score_mention)
from extractors.dates import find_anchor, find_published
from extractors.deal_places import (Mentions, Place, choose_deal_place, choose_parties, choose_place, find_mentions,
                                   industries_of, parties_of_component)
from extractors.event_facts import event_sentence, is_event_info, neighbours, resolve_event
from extractors.events import find_company_count, sum_listed_counts
from extractors.glosses import Unglossed, strip_glosses
from extractors.lang import detect_lang
from extractors.money import Money, find_money, make_money
from extractors.newness import negative_class
from extractors.numbers import normalise
from extractors.sentences import (Sentence, find_body_end, is_head_debris, mark_title_like,
                                  split_sentences)


@dataclass(frozen=True)
class ExtractOptions:
    """Knobs of one extraction run (defaults suit news pages)."""

    cut_debris: bool = True          # stop at 相关阅读 / 免责声明 / ... lines
    guess_title: bool = True         # without a title, use the longest headline-like head line
    max_components: int = 20


@dataclass
class Deal:
    """One deal: the headline event or a component (a sub-batch or a single project)."""

    role: str
    amount: Money | None
    project_count: int | None
    place: Place
    parties: list[str]
    evidence: str | None
    offset: int | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the contract's shape."""
        return {"role": self.role, "amount": self.amount.to_dict() if self.amount else None,
                "project_count": self.project_count, "place": self.place.to_dict(),
                "parties": list(self.parties), "evidence": self.evidence, "offset": self.offset}


@dataclass
class ArticleFacts:
    """Everything extracted from one article; to_dict() gives the contract's fields."""

    lang: str
    title: str | None
    published: dt.date | None
    is_deal: bool = False
    event_type: str | None = None
    event_date: str | None = None
    amount: Money | None = None
    project_count: int | None = None
    place: Place = field(default_factory=Place)
    parties: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    investor_flags: dict[str, bool] = field(default_factory=lambda: {"fortune500": False, "foreign": False})
    event_date_latest: str | None = None  # for 日前 / 近日: the event happened by this date
    negative_class: str | None = None  # why an article with event words is no new deal

    def to_dict(self) -> dict[str, Any]:
        """Contract fields (without `path`) plus per-fact evidence."""
        return {
            "lang": self.lang, "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "is_deal": self.is_deal, "event_type": self.event_type, "event_date": self.event_date,
            "event_date_latest": self.event_date_latest,
            "amount": self.amount.to_dict() if self.amount else None,
            "project_count": self.project_count, "place": self.place.to_dict(),
            "parties": list(self.parties), "industries": list(self.industries),
            "deals": [d.to_dict() for d in self.deals], "evidence": dict(self.evidence),
            "investor_flags": dict(self.investor_flags), "negative_class": self.negative_class,
        }


@dataclass
class _Article:
    """One article prepared for the cascade: normalised text, sentences, scored amounts."""

    text: str
    norm: str
    lang: str
    title: str | None
    published: dt.date | None
    body_end: int
    infos: list[SentenceInfo]
    cands: list[Candidate]

    @property
    def separate_title(self) -> str | None:
        """The title when it is not already the first line of the body."""
        return self.title if self.title and self.title not in self.text[:self.body_end] else None


def extract(text: str, *, title: str | None = None, published: dt.date | None = None,
            options: ExtractOptions | None = None) -> ArticleFacts:
    """Extract the deal facts of one article (pure: no I/O beyond cached seed data)."""
    opts = options or ExtractOptions()
    plain = strip_glosses(text)
    if title is not None:
        title = strip_glosses(title).text
    art = _read(plain.text, title, published, opts)
    facts = ArticleFacts(lang=art.lang, title=art.title, published=art.published)
    headline = choose_headline(art.cands)
    event_info = event_sentence(art.infos, headline)
    facts.is_deal = event_info is not None or (headline is not None and _standalone(headline))
    if facts.is_deal:
        facts.negative_class = negative_class(art.infos, art.title)
        facts.is_deal = facts.negative_class is None
    if facts.is_deal:
        _assemble(facts, art, headline, event_info, opts)
        if plain.starts is not None:
            _cite_input(facts, plain, text)
    return facts


def _cite_input(facts: ArticleFacts, plain: Unglossed, text: str) -> None:
    """Map evidence found in the unglossed text back to the verbatim input."""
    def verbatim(evidence: str | None, offset: int | None) -> tuple[str | None, int | None]:
        if evidence is None or offset is None:
            return evidence, offset
        start, end = plain.span(offset, offset + len(evidence))
        return text[start:end], start

    for ev in facts.evidence.values():
        ev["evidence"], ev["offset"] = verbatim(ev.get("evidence"), ev.get("offset"))
    seen: set[int] = set()
    for deal in facts.deals:
        deal.evidence, deal.offset = verbatim(deal.evidence, deal.offset)
        money = deal.amount
        if money is None or id(money) in seen:
            continue
        seen.add(id(money))
        money.evidence, money.offset = verbatim(money.evidence, money.offset)
        if money.span is not None:
            money.span = plain.span(*money.span)
            money.surface = text[money.span[0]:money.span[1]]


def _read(text: str, title: str | None, published: dt.date | None, opts: ExtractOptions) -> _Article:
    """Normalise, cut debris, split sentences, find and score money, events and counts."""
    norm = normalise(text)
    lang = detect_lang((title or "") + "\n" + text)
    if isinstance(published, dt.datetime):  # a timestamp anchors by its calendar day
        published = published.date()
    published = published or find_published(norm)
    body_end = find_body_end(norm) if opts.cut_debris else len(norm)
    sentences = [s for s in mark_title_like(split_sentences(text, 0, body_end), text, body_end)
                 if not is_head_debris(norm[s.start:s.end])]
    if title is None and opts.guess_title:  # the longest headline-like line of the head
        title = max((s.text for s in sentences if s.title_like), key=len, default=None)
    infos = analyse_sentences(norm, sentences, lang, money=find_money(text, lang=lang, norm=norm))
    if title and title not in text[:body_end]:
        tnorm = normalise(title)
        infos[:0] = analyse_sentences(tnorm, [Sentence(0, len(title), title, title_like=True)], lang,
                                      in_title=True, money=find_money(title, lang=lang, norm=tnorm))
    cands = [score_mention(info, k, lang) for info in infos for k in range(len(info.money))]
    for c in cands:
        if not c.distractor and c.score >= P.MIN_HEADLINE_SCORE:
            c.info.good_money = True
    return _Article(text, norm, lang, title, published, body_end, infos, cands)


def _assemble(facts: ArticleFacts, art: _Article, headline: Candidate | None,
              event_info: SentenceInfo | None, opts: ExtractOptions) -> None:
    """Fill the facts of a deal article: event, count, place, parties, amount, components."""
    infos = art.infos
    anchor = find_anchor(art.norm, art.published, art.body_end)
    ev = resolve_event(event_info, headline, infos, art.norm, art.published, anchor)
    facts.event_type, facts.event_date, facts.event_date_latest = ev.event_type, ev.event_date, ev.event_date_latest
    if ev.type_info is not None:
        facts.evidence["event_type"] = _evidence(ev.type_info)
    if ev.date_info is not None:
        facts.evidence["event_date"] = _evidence(ev.date_info)
    facts.project_count = _headline_count(headline, event_info, infos) or None  # 0: approximate
    anchor = headline.info if headline else event_info
    context = [i for i in infos if i.in_title or i.sentence.title_like]
    context += [i for i in (anchor, event_info) if i is not None] + neighbours(infos, anchor)
    found = find_mentions(art.text[:art.body_end], art.separate_title)
    facts.place, place_info = choose_deal_place(found, context, infos, headline)
    components = choose_components(art.cands, headline)[:opts.max_components] if headline else []
    reports = [i for i in infos if not i.in_title and is_event_info(i)]
    facts.parties, facts.investor_flags = choose_parties(found, infos, headline, event_info, components,
                                                         reports)
    facts.industries = industries_of(art.text[:art.body_end])
    if headline is not None:
        facts.amount = _money(headline)
        facts.evidence["amount"] = dict(_evidence(headline.info), why=list(headline.reasons))
    if facts.project_count is not None and anchor is not None:
        facts.evidence["project_count"] = _evidence(anchor)
    if place_info is not None:
        facts.evidence["place"] = _evidence(place_info)
    facts.deals = [Deal("headline", facts.amount, facts.project_count, facts.place, facts.parties,
                        *_ev_pair(anchor))]
    facts.deals += [_component(comp, found) for comp in components]


def _money(c: Candidate) -> Money:
    """Money fact of a candidate; evidence is its sentence, offset the sentence start."""
    ev, off = _ev_pair(c.info)
    return make_money(c.mention, ev, off)


def _ev_pair(info: SentenceInfo | None) -> tuple[str | None, int | None]:
    """(sentence text, offset in the input or None for the separate title)."""
    if info is None:
        return None, None
    return info.sentence.text, None if info.in_title else info.sentence.start


def _evidence(info: SentenceInfo) -> dict[str, Any]:
    """Evidence dict of one sentence."""
    ev, off = _ev_pair(info)
    return {"evidence": ev, "offset": off}


def _standalone(headline: Candidate) -> bool:
    """An investment amount reported without an event verb ('X投资20亿元建设…基地')."""
    info = headline.info
    return max(headline.score, headline.group_score) >= P.MIN_STANDALONE_HEADLINE_SCORE and bool(
        P.EVENT_OBJECT_RE.search(info.norm, info.sentence.start, info.sentence.end))


def _count_before(info: SentenceInfo, pos: int) -> int | None:
    """Project count stated before pos in the sentence (after any 其中), list-summed."""
    norm, s = info.norm, info.sentence
    lo = s.start
    for m in P.COMPONENT_MARK_RE.finditer(norm, s.start, pos):
        lo = m.end()
    counts = [c for c in info.counts if lo <= c.start < pos]
    if not counts:
        return None
    return sum_listed_counts(norm, counts) if lo > s.start else counts[-1].value


def _headline_count(headline: Candidate | None, event_info: SentenceInfo | None,
                    infos: list[SentenceInfo]) -> int | None:
    """Projects in the headline event: the count before the headline amount, else nearby."""
    if headline is not None and headline.whole_count:  # "10个项目开工。其中，A 5个、B 5个，总投资63.3亿元"
        return headline.whole_count
    if headline is not None and headline.component_marked:  # "签约项目61项,其中…48项,111亿元"
        whole = _count_of_whole(headline.info, infos)
        if whole is not None:
            return whole
    if headline is not None:
        n = _count_before(headline.info, headline.mention.start)
        if n is None and headline.info.counts:
            marks = [m.start() for m in P.COMPONENT_MARK_RE.finditer(
                headline.info.norm, headline.info.sentence.start, headline.info.sentence.end)]
            first = headline.info.counts[0]
            if not marks or first.start < marks[0]:
                n = first.value
        if n is not None:
            return n
    anchor = headline.info if headline else event_info
    if headline is None:  # no amount: a count the title states is the headline's
        for info in infos:
            if (info.in_title or info.sentence.title_like) and info.counts and not P.TALLY_RE.search(
                    info.norm, info.sentence.start, info.counts[0].start):
                return info.counts[0].value
    nearby = [event_info] + neighbours(infos, anchor) + [i for i in infos if i.in_title or i.sentence.title_like]
    for info in nearby:
        if info is not None and info.counts and info.events:
            before_mark = [c for c in info.counts if info.first_mark < 0 or c.start < info.first_mark]
            if before_mark:
                return before_mark[0].value
    scope = [i for i in (event_info, headline.info if headline else None) if i is not None]
    batch = any(P.BATCH_RE.search(i.norm, i.sentence.start, i.sentence.end) for i in scope)
    if headline is None or batch:  # a batch (or no amount): its count may stand in the lead
        lead = _lead_count(infos)
        if lead is not None:
            return lead
    titles = [i for i in infos if i.in_title or i.sentence.title_like]
    for info in [i for i in (event_info, headline.info if headline else None) if i is not None] + titles:
        firms = find_company_count(info.norm, info.sentence.start, info.sentence.end)
        if firms is not None:  # no project count anywhere: each signing firm brings one
            return firms
    return None if batch else 1


def _count_of_whole(info: SentenceInfo, infos: list[SentenceInfo]) -> int | None:
    """The batch's own count when the amount follows 其中: the count before the mark in the
    sentence, or in the sentence before when the sentence opens with the mark."""
    norm, start = info.norm, info.sentence.start
    before = [c for c in info.counts if c.start < info.first_mark]
    if before:
        return before[-1].value
    if info.in_title or norm[start:info.first_mark].strip(P.COUNT_MARK_LEAD_CHARS):
        return None
    pos = infos.index(info)
    prev = infos[pos - 1] if pos > 0 else None
    if prev is None or prev.in_title or not prev.counts or P.TALLY_RE.search(
            prev.norm, prev.sentence.start, prev.counts[-1].start):
        return None
    return prev.counts[-1].value


def _lead_count(infos: list[SentenceInfo]) -> int | None:
    """A count stated in one of the first event sentences of the body, before any 其中 and
    after no tally word ("…等11个重点项目签约入驻" when the title is the event sentence)."""
    body = [i for i in infos if not i.in_title][:P.COUNT_LEAD_SENTENCES]
    for info in body:
        if not info.counts or not is_event_info(info):
            continue
        s = info.sentence
        for c in info.counts:
            if 0 <= info.first_mark < c.start:
                break
            if not P.TALLY_RE.search(info.norm, s.start, c.start):
                return c.value
    return None


def _component(c: Candidate, found: Mentions) -> Deal:
    """A component deal: its own amount, count, place and parties from its sentence."""
    info = c.info
    place, _ = choose_place(found, [info], c)
    parties = parties_of_component(found, c)
    ev, off = _ev_pair(info)
    count = _count_before(info, c.mention.start)
    if count is None:  # "某电池项目投资40亿元": one named project
        prev = max([m.end for m in info.money if m.end <= c.mention.start] + [info.sentence.start])
        if P.SINGLE_PROJECT_RE.search(info.norm, prev, c.mention.start):
            count = 1
    return Deal("component", _money(c), count or None, place, parties, ev, off)


__all__ = ["ArticleFacts", "Deal", "ExtractOptions", "Money", "Place", "extract"]
