"""Deal facts of one article: headline amount, components, count, event, date, place, parties.

Cascade: normalise (offsets kept) -> cut page debris -> split sentences -> find money,
events, counts -> score amounts (candidates.py) -> choose the headline and components ->
event type, date, place (deal_places.py), parties and industries around them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from extractors import patterns as P
from extractors.candidates import (Candidate, SentenceInfo, analyse_sentences, choose_components,
                                   choose_headline, score_mention)
from extractors.dates import find_dates, find_event_year, find_published, resolve_date, year_after
from extractors.deal_places import (Mentions, Place, choose_parties, choose_place, find_mentions,
                                   industries_of, parties_of_component)
from extractors.events import sum_listed_counts
from extractors.lang import detect_lang
from extractors.money import Money, find_money, make_money
from extractors.numbers import normalise
from extractors.sentences import (Sentence, find_body_end, is_head_debris, mark_title_like,
                                  split_sentences)


@dataclass(frozen=True)
class ExtractOptions:
    """Knobs of one extraction run (defaults suit news pages)."""

    cut_debris: bool = True          # stop at 相关阅读 / 免责声明 / ... lines
    guess_title: bool = True         # without a title, use the first headline-like line
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

    def to_dict(self) -> dict[str, Any]:
        """Contract fields (without `path`) plus per-fact evidence."""
        return {
            "lang": self.lang, "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "is_deal": self.is_deal, "event_type": self.event_type, "event_date": self.event_date,
            "amount": self.amount.to_dict() if self.amount else None,
            "project_count": self.project_count, "place": self.place.to_dict(),
            "parties": list(self.parties), "industries": list(self.industries),
            "deals": [d.to_dict() for d in self.deals], "evidence": dict(self.evidence),
            "investor_flags": dict(self.investor_flags),
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
    art = _read(text, title, published, opts)
    facts = ArticleFacts(lang=art.lang, title=art.title, published=art.published)
    headline = choose_headline(art.cands)
    event_info = _event_sentence(art.infos, headline)
    facts.is_deal = event_info is not None or (headline is not None and _standalone(headline))
    if facts.is_deal:
        _assemble(facts, art, headline, event_info, opts)
    return facts


def _read(text: str, title: str | None, published: dt.date | None, opts: ExtractOptions) -> _Article:
    """Normalise, cut debris, split sentences, find and score money, events and counts."""
    norm = normalise(text)
    lang = detect_lang((title or "") + "\n" + text)
    published = published or find_published(norm)
    body_end = find_body_end(norm) if opts.cut_debris else len(norm)
    sentences = [s for s in mark_title_like(split_sentences(text, 0, body_end), text, body_end)
                 if not is_head_debris(s.text)]
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
    _fill_event(facts, event_info, headline, infos, art.norm, art.published)
    facts.project_count = _headline_count(headline, event_info, infos)
    anchor = headline.info if headline else event_info
    context = [i for i in infos if i.in_title or i.sentence.title_like]
    context += [i for i in (anchor, event_info) if i is not None] + _neighbours(infos, anchor)
    found = find_mentions(art.text[:art.body_end], art.separate_title)
    facts.place, place_info = choose_place(found, context, headline)
    components = choose_components(art.cands, headline)[:opts.max_components] if headline else []
    facts.parties, facts.investor_flags = choose_parties(found, infos, headline, event_info, components)
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


def _is_event_info(info: SentenceInfo) -> bool:
    """A sentence that reports an investment event: a signing / groundbreaking / production of
    a project, plant or investment; a settlement only with an amount or a project count too."""
    norm, s = info.norm, info.sentence
    if not (info.good_money or info.counts or P.EVENT_OBJECT_RE.search(norm, s.start, s.end)):
        return False
    for ev in info.events:
        if P.TALLY_RE.search(norm, s.start, ev.start):
            continue
        if ev.event_type in P.STRONG_EVENT_TYPES or info.good_money or info.counts:
            return True
        if P.STRONG_OBJECT_RE.search(norm, ev.end, s.end) or P.STRONG_OBJECT_RE.search(norm, s.start, ev.start):
            return True
    return False


def _standalone(headline: Candidate) -> bool:
    """An investment amount reported without an event verb ('X投资20亿元建设…基地')."""
    info = headline.info
    return headline.score >= P.MIN_STANDALONE_HEADLINE_SCORE and bool(
        P.EVENT_OBJECT_RE.search(info.norm, info.sentence.start, info.sentence.end))


def _event_sentence(infos: list[SentenceInfo], headline: Candidate | None) -> SentenceInfo | None:
    """The sentence reporting the event: the headline's own, else the first event sentence."""
    if headline is not None and headline.info.events and _is_event_info(headline.info):
        return headline.info
    body = [i for i in infos if not i.in_title and _is_event_info(i)]
    strong = [i for i in body if any(e.event_type in P.STRONG_EVENT_TYPES for e in i.events)]
    titled = [i for i in infos if i.in_title and _is_event_info(i)]
    found = (strong or body or titled or [None])[0]
    if found is None and headline is not None:
        found = _previous_event(infos, headline.info)
    return found


def _neighbours(infos: list[SentenceInfo], info: SentenceInfo | None) -> list[SentenceInfo]:
    """The sentence before `info` in its paragraph, and the first event sentence of the body."""
    out: list[SentenceInfo] = []
    if info is not None and not info.in_title:
        pos = infos.index(info)
        prev = infos[pos - 1] if pos > 0 else None
        if prev is not None and not prev.in_title and "\n" not in info.norm[prev.sentence.end:info.sentence.start]:
            out.append(prev)
    first = next((i for i in infos if not i.in_title and _is_event_info(i)), None)
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


def _fill_event(facts: ArticleFacts, event_info: SentenceInfo | None, headline: Candidate | None,
                infos: list[SentenceInfo], norm: str, published: dt.date | None) -> None:
    """Event type and date from the event sentence (or the headline's sentence)."""
    source = event_info or (headline.info if headline else None)
    if source is not None and source.events:
        facts.event_type = source.events[0].event_type
        facts.evidence["event_type"] = _evidence(source)
    else:
        facts.event_type = "other"
    order = [i for i in (headline.info if headline else None, event_info) if i is not None]
    order += [i for i in infos if i.events and _is_event_info(i) and i not in order]
    text_year = find_event_year(norm)
    for info in order:
        for cand in _date_sources(info, infos):
            for d in find_dates(cand.norm, cand.sentence.start, cand.sentence.end):
                if _not_event_date(cand.norm, d.start, d.end):
                    continue
                year = text_year
                if d.year is None and d.month is not None:
                    year = year_after(cand.norm, d.end) or text_year
                iso = resolve_date(d, published, year)
                if iso and published and not iso.startswith("--") and iso > published.isoformat():
                    continue  # a plan or deadline: the event cannot follow its report
                facts.event_date = iso
                facts.evidence["event_date"] = _evidence(cand)
                if cand.events and cand is not source:  # the dated lead names the event
                    facts.event_type = cand.events[0].event_type
                    facts.evidence["event_type"] = _evidence(cand)
                return


def _not_event_date(norm: str, start: int, end: int) -> bool:
    """True for a news dateline or a deadline / planned date."""
    return bool(P.DATELINE_RE.match(norm, start, start + P.DATELINE_MAX_CHARS)
                or P.DATE_FUTURE_BEFORE_RE.search(norm[max(0, start - P.DATE_CONTEXT_CHARS):start])
                or P.DATE_FUTURE_AFTER_RE.match(norm, end))


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
        if not prev.in_title and not prev.sentence.title_like and (same_paragraph or ceremony):
            out.append(prev)
    return out


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
    nearby = [event_info] + _neighbours(infos, anchor) + [i for i in infos if i.in_title or i.sentence.title_like]
    for info in nearby:
        if info is not None and info.counts and info.events:
            before_mark = [c for c in info.counts if info.first_mark < 0 or c.start < info.first_mark]
            if before_mark:
                return before_mark[0].value
    scope = [i for i in (event_info, headline.info if headline else None) if i is not None]
    if any(P.BATCH_RE.search(i.norm, i.sentence.start, i.sentence.end) for i in scope):
        return None
    return 1


def _component(c: Candidate, found: Mentions) -> Deal:
    """A component deal: its own amount, count, place and parties from its sentence."""
    info = c.info
    place, _ = choose_place(found, [info], c)
    parties = parties_of_component(found, c)
    ev, off = _ev_pair(info)
    return Deal("component", _money(c), _count_before(info, c.mention.start), place, parties, ev, off)


__all__ = ["ArticleFacts", "Deal", "ExtractOptions", "Money", "Place", "extract"]
