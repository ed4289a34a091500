"""Scoring money mentions as deal amounts: the headline, its components, the distractors."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors import amount_patterns as A
from extractors import patterns as P
from extractors.events import (CountMention, EventMention, find_counts, find_events, is_expected,
                              is_generic)
from extractors.money import MoneyMention, to_cny
from extractors.sentences import Sentence


@dataclass(eq=False)
class SentenceInfo:
    """What one sentence holds: money, events (non-generic), project counts."""

    sentence: Sentence
    index: int
    norm: str  # the normalised source string the offsets refer to
    in_title: bool = False  # from the separately given title (offsets into the title)
    money: list[MoneyMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    counts: list[CountMention] = field(default_factory=list)
    good_money: bool = False  # holds an amount scored as a plausible deal amount
    first_mark: int = -1  # offset of the first component marker (其中) or -1
    reports_event: bool | None = None  # cache of deals._is_event_info
    prev: SentenceInfo | None = None  # the sentence before, in the same text


@dataclass(eq=False)
class Candidate:
    """A money mention with its score and the reasons for it."""

    mention: MoneyMention
    info: SentenceInfo
    score: float
    component_marked: bool
    distractor: bool
    reasons: list[str] = field(default_factory=list)
    group_score: float = 0.0  # best score among the figures this one restates (set for the headline)
    whole_count: int | None = None  # the batch count its split counts add up to (其中，A 5个、B 5个，总投资…)

    @property
    def title_like(self) -> bool:
        """True for amounts in the title or a headline-like line (often rounded)."""
        return self.info.in_title or self.info.sentence.title_like


def analyse_sentences(norm: str, sentences: list[Sentence], lang: str, in_title: bool = False,
                      money: list[MoneyMention] | None = None) -> list[SentenceInfo]:
    """Collect money, non-generic event keywords and project counts sentence by sentence
    (each finder runs once over the whole text, its hits are then bucketed)."""
    if not sentences:
        return []
    lo, hi = sentences[0].start, sentences[-1].end
    events = find_events(norm, lo, hi)
    counts = find_counts(norm, lo, hi)
    money = money or []
    out: list[SentenceInfo] = []
    for i, sent in enumerate(sentences):
        s, e = sent.start, sent.end
        evs = [ev for ev in events if s <= ev.start < e
               and not is_generic(norm, s, ev) and not is_expected(norm, s, ev)
               and (lang == "ja" or norm[ev.start:ev.end] not in P.JA_ONLY_EVENT_WORDS)]
        mark = P.COMPONENT_MARK_RE.search(norm, s, e)
        out.append(SentenceInfo(sent, -1 if in_title else i, norm, in_title,
                                money=[m for m in money if s <= m.start < e], events=evs,
                                counts=[c for c in counts if s <= c.start and c.end <= e],
                                first_mark=mark.start() if mark else -1, prev=out[-1] if out else None))
    return out


def _clause_start(norm: str, lo: int, pos: int, lang: str) -> int:
    """Start of the clause holding pos (after the last clause separator), not before lo."""
    sep = P.CLAUSE_SEP_JA_RE if lang == "ja" else P.CLAUSE_SEP_RE
    start = lo
    for m in sep.finditer(norm, lo, pos):
        start = m.end()
    return start


def score_mention(info: SentenceInfo, index: int, lang: str) -> Candidate:
    """Score the sentence's index-th money mention as the amount of a new investment event."""
    norm, sent = info.norm, info.sentence
    mention = info.money[index]
    prev_end = info.money[index - 1].end if index else sent.start
    clause = _clause_start(norm, prev_end, mention.start, lang)
    near_lo = max(prev_end, mention.start - P.INVEST_NEAR_CHARS)
    score, reasons = 0.0, []

    def add(points: float, why: str) -> None:
        nonlocal score
        score += points
        reasons.append(f"{why}:{points:+g}")

    after = norm[mention.end:mention.end + P.INVEST_AFTER_CHARS]
    near_en = norm[max(prev_end, mention.start - P.INVEST_NEAR_EN_CHARS):mention.start]
    if (P.INVEST_NEAR_RE.search(norm[near_lo:mention.start]) or P.INVEST_AFTER_RE.match(after)
            or (lang == "ja" and A.INVEST_NEAR_JA_RE.search(norm[near_lo:mention.start]))
            or A.INVEST_NEAR_MORE_RE.search(norm[near_lo:mention.start])
            or (lang == "en" and P.INVEST_NEAR_EN_RE.search(near_en))):
        add(P.SCORE_INVEST_NEAR, "invest-near")
    elif P.INVEST_BEFORE_RE.search(norm, clause, mention.start):
        add(P.SCORE_INVEST_CLAUSE, "invest-clause")
    if info.events:
        add(P.SCORE_EVENT_SENTENCE, "event")
    if P.TOTAL_WORD_RE.search(norm, clause, mention.start):
        add(P.SCORE_TOTAL_WORD, "total")
    if _sums_before(info, index):
        add(P.SCORE_TOTAL_WORD, "sum")
    if info.counts:
        add(P.SCORE_COUNT_SENTENCE, "count")
    if info.in_title or sent.title_like:
        add(P.SCORE_TITLE_LIKE, "title")
    if info.index < P.EARLY_SENTENCES:
        add(P.SCORE_EARLY, "early")
    if not mention.explicit_currency:
        add(-P.PENALTY_NO_CURRENCY, "no-currency")
    distractor = bool(P.DISTRACTOR_RE.search(norm, clause, mention.start)
                      or P.DISTRACTOR_AFTER_RE.match(norm[mention.end:mention.end + P.DISTRACTOR_AFTER_CHARS]))
    if distractor:
        add(-P.PENALTY_DISTRACTOR, "distractor")
    elif P.DISTRACTOR_RE.search(norm, prev_end, clause) and not A.FUNDING_SOURCE_RE.search(norm, prev_end, clause):
        add(-P.PENALTY_DISTRACTOR_SENTENCE, "distractor-sentence")
    tally_after = lang == "en" and bool(
        P.TALLY_AFTER_RE.match(norm[mention.end:mention.end + P.TALLY_AFTER_CHARS])
        or P.TALLY_EN_RE.search(norm, clause, mention.start))
    if (P.TALLY_RE.search(norm, prev_end, mention.start) or P.PLAN_RE.search(norm, prev_end, mention.start)
            or tally_after or A.PLAN_AFTER_JA_RE.match(norm, mention.end) or _inherits_tally(info, index)):
        add(-P.PENALTY_TALLY, "tally-or-plan")
        distractor = True
    if P.CANCELLED_EVENT_RE.search(norm, max(sent.start, mention.start - P.CANCELLED_WINDOW),
                                   mention.start):
        add(-P.PENALTY_DISTRACTOR, "cancelled")
        distractor = True
    if P.NEGOTIATING_RE.search(norm, sent.start, sent.end):
        add(-P.PENALTY_DISTRACTOR, "negotiating")
        distractor = True
    if P.CLASS_AFTER_RE.match(norm, mention.end) or A.CLASS_AFTER_JA_RE.match(norm, mention.end):
        add(-P.PENALTY_DISTRACTOR, "size-class")
        distractor = True
    if A.DISTRACTOR_MORE_RE.search(norm, clause, mention.start) or A.FROM_FIGURE_AFTER_RE.match(norm, mention.end):
        add(-P.PENALTY_DISTRACTOR, "capital-or-old-figure")
        distractor = True
    if _is_conversion(info, index):
        add(-P.PENALTY_DISTRACTOR, "conversion")
        distractor = True
    marked = _marked(info, index, lang)
    if marked:
        add(-P.PENALTY_COMPONENT, "component")
    whole_count = None if marked else _count_split_sum(info, index)
    if whole_count:
        add(P.SCORE_TOTAL_WORD, "sum-of-counts")
    return Candidate(mention, info, score, marked, distractor, reasons, whole_count=whole_count)


def _inherits_tally(info: SentenceInfo, index: int) -> bool:
    """True for the first amount of a sentence that only states it ("総投資額は30億ドル。") after a
    sentence telling a tally or plan: the amount is that tally's."""
    prev, sent = info.prev, info.sentence
    if index or prev is None or info.in_title or prev.in_title:
        return False
    if not A.ELLIPTIC_AMOUNT_RE.fullmatch(info.norm, sent.start, info.money[0].start):
        return False
    ps = prev.sentence
    return bool(P.TALLY_RE.search(prev.norm, ps.start, ps.end) or P.PLAN_RE.search(prev.norm, ps.start, ps.end))


def _is_conversion(info: SentenceInfo, index: int) -> bool:
    """True for the source's own conversion of the amount just before it into another
    currency: "217亿元(约3440亿円)", "5亿美元（约合人民币35亿元）", "(about $140 million)"."""
    cur = info.money[index]
    before = [m for m in info.money[:index] if m.value >= P.MIN_DEAL_YI]  # not a rate note's "1元", "約15.8円"
    if not before:
        return False
    prev = before[-1]
    if prev.currency == cur.currency or cur.start - prev.end > A.CONVERSION_GAP_CHARS:
        return False
    return bool(A.CONVERSION_GAP_RE.fullmatch(info.norm, prev.end, cur.start))


def _drop_restated_conversions(cands: list[Candidate]) -> None:
    """A figure elsewhere (the title) equal to a conversion the source printed is that
    conversion too ("总额3440億円" in the title of "217.5亿元(约3440亿円)")."""
    conv = {(c.mention.currency, round(c.mention.value, 2)) for c in cands if "conversion:-10" in c.reasons}
    if not conv:
        return
    for c in cands:
        if not c.distractor and (c.mention.currency, round(c.mention.value, 2)) in conv:
            c.distractor = True
            c.reasons.append("restated-conversion")


def _marked(info: SentenceInfo, index: int, lang: str) -> bool:
    """True when a component marker before the amount makes it a part: 其中 / このうち for
    the rest of the sentence, 分别 / 包括 and English markers only in their own clause.  An amount
    right before 其中 is the whole; one that follows two or more counts after the marker,
    with no money between, is their sum ("其中，工业项目5个、社会类项目5个，总投资63.3亿元")."""
    if info.first_mark < 0:
        return False
    norm, s = info.norm, info.sentence
    mention = info.money[index]
    if A.WHOLE_BEFORE_PARTS_RE.match(norm, mention.end):
        return False
    sep = P.CLAUSE_SEP_JA_RE if lang == "ja" else P.CLAUSE_SEP_RE
    last = None
    for m in P.COMPONENT_MARK_RE.finditer(norm, info.first_mark, mention.start):
        if (lang == "en" or A.CLAUSE_MARK_RE.fullmatch(m.group(0))) and sep.search(norm, m.end(), mention.start):
            continue
        last = m
    if last is None:
        return False  # a text opening with 其中 (an excerpt) has no whole before it
    return _count_split_sum(info, index, last.end()) is None


def _count_split_sum(info: SentenceInfo, index: int, lo: int | None = None) -> int | None:
    """The batch count when the amount follows two or more counts listed after the sentence's
    last component marker (before lo), in its own part and with no money between, and those
    counts add up to the batch's count: the amount is their sum.  None otherwise."""
    norm, mention = info.norm, info.money[index]
    if not 0 <= info.first_mark < mention.start:
        return None
    if lo is None:
        marks = [m.end() for m in P.COMPONENT_MARK_RE.finditer(norm, info.sentence.start, mention.start)]
        if not marks:
            return None
        lo = marks[-1]
    seg = max([lo] + [m.end() for m in A.PART_SEP_RE.finditer(norm, lo, mention.start)])
    if any(seg <= m.start < mention.start for m in info.money):
        return None
    parts = [c.value for c in info.counts if seg <= c.start and c.end <= mention.start]
    if len(parts) < 2:
        return None
    wholes = [c.value for c in info.counts if c.end <= info.first_mark]
    if not wholes and info.prev is not None:  # the mark opens the sentence: "…10个项目开工。其中，…"
        wholes = [c.value for c in info.prev.counts]
    return sum(parts) if sum(parts) in wholes else None  # "2个…、1个…" of 20 are a sub-batch


def _sum_of_parts_bonus(cands: list[Candidate]) -> None:
    """An amount followed shortly by 其中 whose parts listed after it add up to it is the
    whole ("总投资120.14亿元，…。其中，产业项目…101.23亿元；…16.6亿元；…2.31亿元"): it
    scores SCORE_SUM_OF_PARTS more."""
    body = sorted((c for c in cands if not c.info.in_title), key=lambda c: c.mention.start)
    if len(body) < A.MIN_PARTS + 1:
        return
    norm = body[0].info.norm
    for i, c in enumerate(body):
        end = c.mention.end
        mark = A.PARTS_MARK_RE.search(norm, end, end + A.PARTS_MARK_WINDOW)
        if mark is None or "\n" in norm[end:mark.start()]:
            continue
        total, parts = 0.0, 0
        for p in body[i + 1:i + 1 + A.MAX_PARTS]:
            if p.mention.start < mark.end():
                continue
            if p.mention.currency != c.mention.currency:
                break
            total += p.mention.value
            parts += 1
            if parts >= A.MIN_PARTS and abs(total - c.mention.value) <= A.SUM_TOLERANCE * c.mention.value:
                c.score += A.SCORE_SUM_OF_PARTS
                c.reasons.append(f"sum-of-parts:{A.SCORE_SUM_OF_PARTS:+g}")
                break
            if total > c.mention.value:
                break


def _sums_before(info: SentenceInfo, index: int) -> bool:
    """True when the index-th amount is the sum of two or more amounts just before it in its
    sentence ("46.2亿元的A和30亿元的B…两个项目总投资达76.2亿元"): their stated total."""
    target = info.money[index]
    total, parts = 0.0, 0
    for m in reversed(info.money[:index]):
        if m.currency != target.currency:
            break
        total += m.value
        parts += 1
        if parts >= 2 and abs(total - target.value) <= A.SUM_TOLERANCE * target.value:
            return True
        if total > target.value:
            break
    return False


def _same_amount(rounded: Candidate, exact: Candidate) -> bool:
    """True when `exact` may be the precise figure behind `rounded` (逾200亿 vs 204.5亿)."""
    a, b = rounded.mention, exact.mention
    if a.currency != b.currency or a.value <= 0:
        return False
    lo, hi = P.ROUNDED_MATCH_BOUNDS[a.qualifier]
    return lo * a.value <= b.value <= hi * a.value


def _only_split_parts(best: Candidate, ok: list[Candidate]) -> bool:
    """True when the best figure is one of several parts listed after 其中 in one sentence
    (by currency, by kind, or parts given by their counts) and no figure states their total."""
    if not best.component_marked or any(not c.component_marked for c in ok):
        return False
    parts = [c for c in ok if c.info is best.info and c.component_marked]
    if len(parts) >= 2:
        return True
    info, start = best.info, best.mention.start  # parts by counts: "其中A类3个，…；B类21个，投资约350亿元"
    seps = [m.end() for m in A.PART_SEP_RE.finditer(info.norm, info.first_mark, start)]
    return bool(seps) and any(info.first_mark < n.start < seps[-1] for n in info.counts) and any(
        seps[-1] <= n.start < start for n in info.counts)


def _restates(a: Candidate, b: Candidate) -> bool:
    """True when one figure may be the other rounded (逾200亿 / 204.5亿): the rounder one,
    read with its qualifier, must admit the precise one; figures of batches of different
    sizes (59个项目超千亿 / 30个项目1158.91亿) are different totals."""
    rounded, exact = (a, b) if (_precision(a), a.mention.qualifier == "exact") < (
        _precision(b), b.mention.qualifier == "exact") else (b, a)
    if not _same_amount(rounded, exact):
        return False
    ca, cb = _count_before(a), _count_before(b)
    return ca is None or cb is None or ca == cb


def _count_before(c: Candidate) -> int | None:
    """The project count closest before the amount in its sentence, if any."""
    counts = [n for n in c.info.counts if n.start < c.mention.start]
    return counts[-1].value if counts else None


def _precision(c: Candidate) -> int:
    """Significant digits of an amount: 204.5 -> 4, 86.3 -> 3, 200 -> 1 (rounded figures)."""
    digits = f"{c.mention.value:.6f}".replace(".", "").strip("0")
    return len(digits)


def choose_headline(cands: list[Candidate]) -> Candidate | None:
    """Best-scoring candidate; among figures for the same amount (逾200亿 / 204.5亿) the most
    precise one, the body's before the title's, the exact before the qualified."""
    _sum_of_parts_bonus(cands)
    _drop_restated_conversions(cands)
    ok = [c for c in cands if c.score >= P.MIN_HEADLINE_SCORE and not c.distractor
          and c.mention.value >= P.MIN_DEAL_YI]
    if not ok:
        return None
    ok.sort(key=lambda c: (-c.score, c.info.index, c.mention.start))  # ties: the first named
    best = ok[0]
    if _only_split_parts(best, ok):
        return None  # "其中外资项目…6亿美元；内资项目…111亿元": parts without their total
    titled = [c for c in ok if c.title_like and c.info.events and c.score >= best.score - P.TITLE_TOTAL_MARGIN
              and c.mention.currency == best.mention.currency and c.mention.value > best.mention.value]
    if titled and not best.title_like:  # the title reports the whole event; the body a part
        best = titled[0]
    elif not best.title_like:
        best = _title_named_part(best, ok) or best
    same = [c for c in ok if c is best or _restates(best, c)]
    chosen = min(same, key=lambda c: (-_precision(c), c.title_like, c.mention.qualifier != "exact",
                                      -c.score, c.mention.start))
    chosen.group_score = max(c.score for c in same)
    return chosen


def _title_named_part(best: Candidate, ok: list[Candidate]) -> Candidate | None:
    """The body's part that the title names as the event's figure: "大会召开 签约项目总投资超400亿元"
    over "共招引项目64个，总投资710亿元，其中现场签约32个、总投资超400亿元".  The title figure
    must report an event and be restated word for word (value, currency, qualifier) by a
    marked part of the body; that part is then the headline, no longer a part."""
    for t in ok:
        if not (t.title_like and t.info.events and t.score >= best.score - P.TITLE_TOTAL_MARGIN):
            continue
        for c in ok:
            m, n = c.mention, t.mention
            if (c.component_marked and not c.title_like and c.info is best.info
                    and (m.value, m.currency, m.qualifier) == (n.value, n.currency, n.qualifier)):
                c.component_marked = False
                c.reasons.append("named-by-title")
                return c
    return None


def choose_components(cands: list[Candidate], headline: Candidate) -> list[Candidate]:
    """Other investment amounts in the body that are parts of the headline event."""
    out: list[Candidate] = []
    for c in cands:
        m = c.mention
        bonus = P.PENALTY_COMPONENT + P.SCORE_COMPONENT_MARK if c.component_marked else 0.0
        if c is headline or c.distractor or c.title_like or c.score + bonus < P.MIN_COMPONENT_SCORE:
            continue
        if m.currency == headline.mention.currency and (
                _same_amount(c, headline) or _same_amount(headline, c)):
            continue  # the headline again, rounded or restated
        if m.value >= headline.mention.value * P.COMPONENT_MAX_SHARE and m.currency == headline.mention.currency:
            continue
        a, b = to_cny(m.value, m.currency), to_cny(headline.mention.value, headline.mention.currency)
        if a is not None and b and abs(a - b) <= P.SAME_VALUE_CNY_TOLERANCE * b:
            continue  # the headline converted to another currency
        if a is not None and b and a >= b * P.COMPONENT_MAX_SHARE:
            continue  # a part cannot exceed the whole
        if any(o.mention.value == m.value and o.mention.currency == m.currency for o in out):
            continue
        out.append(c)
    return out
