"""Is the article a report of a *new* investment event? A document-level decision.

The sentence-level cascade (event_facts.py) finds event words and amounts; this module
vetoes articles whose title or lead shows one of the contract's negative classes (period
tallies, work reports, statistics, policies, financing, previews, offering lists,
construction progress, prizes, fiction and templates), unless the text reports a concrete
event: a held ceremony, or a dated signing / groundbreaking / production not governed by a
period word ("a ceremony reported inside a tally is a deal"). Cues live in
seeds/newness.yaml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from extractors import patterns as P
from extractors.candidates import SentenceInfo
from extractors.dates import Anchor, DateMention, find_anchor, find_dates, resolve_at
from extractors.event_facts import is_event_info

NEWNESS_FILE = Path(__file__).resolve().parents[1] / "seeds" / "newness.yaml"

# The negative classes of the contract's Conventions, in the order they are tested.
FICTION = "fiction"
PRIZE = "prize"
WORK_REPORT = "work_report"
POLICY = "policy"
FINANCING = "financing"
RESULTS = "results"  # a period's results conference: labelled as a tally
TALLY = "tally"
STATISTICS = "statistics"
PREVIEW = "preview"
OFFERING_LIST = "offering_list"
CONSTRUCTION_PROGRESS = "construction_progress"
OTHER_NEWS = "other_news"  # operations news, recognitions, visits: the labels' residual class
NEGATIVE_CLASSES = (FICTION, PRIZE, WORK_REPORT, POLICY, FINANCING, RESULTS, TALLY, STATISTICS,
                    OTHER_NEWS, PREVIEW, OFFERING_LIST, CONSTRUCTION_PROGRESS)
# The class reported for each rule (a results conference is a tally in the contract).
REPORTED_CLASS = {RESULTS: TALLY}
# A menu line: at least three short words separated by spaces or bars ("首 页 区县招商 优惠政策").
NAV_LINE_RE = re.compile(r"^(?:\S{1,6}[ |\u3000]+){3,}\S{1,6}$")
# Clause separators inside a sentence.
CLAUSE_SEP_RE = re.compile(r"[，,；;]")
# The object of an event told in a clause of its own: projects or firms, not the ceremony.
PROJECT_WORD_RE = re.compile(r"项目|企业|工厂|基地|projects?|plants?", re.I)
# Characters that open quoted speech.
QUOTE_OPENERS = frozenset("“「『\"")
# A lead sentence has at least this many characters (shorter lines are headlines, menus).
LEAD_PROSE_MIN_CHARS = 30
# Characters before a ceremony word searched for a future marker.
FUTURE_WINDOW = 12
# Event types that make a dated sentence a concrete event.
CONCRETE_TYPES = frozenset({"signing", "groundbreaking", "production"})
# Marks of a done deed after a future word: "将…已签约" is no plan any more.
DONE_RE = re.compile(r"已|了")
# A date dates an event word that follows it within this many characters.
DATE_EVENT_MAX_CHARS = 80
# A dated event this many days before the article's own date is its history ("该项目2月19日
# 开工" in an August progress report), not the news it reports.
HISTORY_DAYS = 90


@dataclass(frozen=True)
class NegativeRule:
    """One negative class: where its cue is looked for, and whether an event overrides it."""

    name: str
    where: str
    strong: bool
    cue: re.Pattern[str]
    override_head_only: bool = False  # only an event in the title or lead overrides it
    override_outside_cue: bool = False  # only an event told without the cue overrides it
    override_leading: bool = False  # with override_head_only: an event told before the cue too


@dataclass(frozen=True)
class NewnessRules:
    """The loaded seeds/newness.yaml."""

    head_sentences: int
    rules: tuple[NegativeRule, ...]
    ceremony: re.Pattern[str]
    preview: re.Pattern[str]
    day_words: re.Pattern[str]
    future_in_sentence: re.Pattern[str]
    dialogue_lines: int
    dialogue_window: int
    future_before: re.Pattern[str]
    narrative: re.Pattern[str]
    narrative_min: int
    narrative_per_1000: float
    placeholder: re.Pattern[str]
    placeholder_min: int
    anchor: Anchor | None = None  # the article's own day, for telling news from history


def _specs(entry: dict | list[dict]) -> list[dict]:
    """A class's cue specs: one mapping, or a list of them (a title cue and a lead cue)."""
    return entry if isinstance(entry, list) else [entry]


@functools.lru_cache(maxsize=1)
def load_rules(path: Path = NEWNESS_FILE) -> NewnessRules:
    """Load and compile the cues once per process; a broken file names itself."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        rules = tuple(NegativeRule(name, spec["where"], bool(spec["strong"]),
                                   re.compile(spec["cue"], re.IGNORECASE),
                                   spec.get("override", "any") in ("head", "head_or_leading"),
                                   spec.get("override", "any") == "outside_cue",
                                   spec.get("override", "any") == "head_or_leading")
                      for name in NEGATIVE_CLASSES for spec in _specs(data["classes"][name]))
        return NewnessRules(int(data["head_sentences"]), rules,
                            re.compile(data["ceremony"], re.IGNORECASE),
                            re.compile("|".join(spec["cue"] for spec in _specs(data["classes"][PREVIEW])),
                                       re.IGNORECASE),
                            re.compile(data["day_words"]),
                            re.compile(data["future_in_sentence"], re.IGNORECASE),
                            int(data["dialogue_lines"]), int(data["dialogue_window"]),
                            re.compile(f"(?:{data['future_before']})[^，,。]{{0,{FUTURE_WINDOW}}}$",
                                       re.IGNORECASE),
                            re.compile(data["narrative"]), int(data["narrative_min"]),
                            float(data["narrative_per_1000"]), re.compile(data["placeholder"]),
                            int(data["placeholder_min"]))
    except (KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{path}: needs head_sentences, classes.<name>.where/strong/cue for "
                         f"{', '.join(NEGATIVE_CLASSES)}, ceremony and future_before ({exc})") from exc


def negative_class(infos: list[SentenceInfo], title: str | None,
                   published: dt.date | None = None) -> str | None:
    """The negative class the article belongs to, or None when it may report a new event."""
    rules = load_rules()
    body_norm = next((i.norm for i in infos if not i.in_title), None)
    if body_norm is not None:
        rules = dataclasses.replace(rules, anchor=find_anchor(body_norm, published))
    body = [i for i in infos if not i.in_title]
    head = [i for i in infos if i.in_title] + _lead(body, rules.head_sentences)
    title_text = title or next((i.sentence.text for i in body if i.sentence.title_like), "")
    if NAV_LINE_RE.search(title_text):  # a guessed title that is the site's menu
        title_text = next((i.sentence.text for i in body if i.sentence.title_like
                           and not NAV_LINE_RE.search(i.sentence.text)), "")
    head_texts = ["" if NAV_LINE_RE.search(i.sentence.text) else i.norm[i.sentence.start:i.sentence.end]
                  for i in head]
    if _is_dialogue(body, head, rules) or _is_narrative(body, rules):
        return FICTION
    concrete: dict[str, bool] = {}
    body_texts: list[str] | None = None
    for rule in rules.rules:
        if rule.where == "body" and body_texts is None:
            body_texts = [title_text] + ["" if NAV_LINE_RE.search(i.sentence.text) else
                                         i.norm[i.sentence.start:i.sentence.end] for i in body]
        texts = ([title_text] if rule.where == "title" else body_texts if rule.where == "body"
                 else [title_text, *head_texts])
        hits = [k for k, t in enumerate(texts) if t and rule.cue.search(t)]
        if not hits:
            continue
        if not rule.strong:
            if rule.override_head_only:  # a dated event told after the progress is its history
                first_cue = next(i for i in head if rule.cue.search(i.norm, i.sentence.start, i.sentence.end)
                                 or (i.in_title and rule.cue.search(title_text)))
                before = [i for i in head if not i.in_title and i.index < first_cue.index]
                held = any(_held_ceremony(i, rules) for i in head) or (
                    not first_cue.in_title and (reports_concrete_event(before, rules)
                                                or _dated_event_before_cue(first_cue, rule.cue, rules)))
            elif rule.override_outside_cue:
                cued = [i for i in infos if rule.cue.search(i.norm, i.sentence.start, i.sentence.end)]
                held = reports_concrete_event([i for i in infos if i not in cued], rules) or any(
                    _event_outside_cue(i, rule.cue, rules) for i in cued if not i.in_title)
            else:
                if "any" not in concrete:
                    concrete["any"] = reports_concrete_event(infos, rules)
                held = concrete["any"]
            if held or (hits[0] > 0 and (rule.override_leading or not rule.override_head_only)
                        and _event_leads((body if rule.where == "body" else head)[hits[0] - 1],
                                         rule.cue, infos, rules)):
                continue
        return REPORTED_CLASS.get(rule.name, rule.name)
    return None


def _is_dialogue(body: list[SentenceInfo], head: list[SentenceInfo], rules: NewnessRules) -> bool:
    """A story told in quoted speech, with no date in its lead and no amount among its first
    sentences: fiction, not a report."""
    window = body[:rules.dialogue_window]
    quoted = sum(1 for i in window if i.sentence.text[:1] in QUOTE_OPENERS)
    if quoted < rules.dialogue_lines or any(i.money for i in window):
        return False  # a report quotes its speakers beside its figures
    return not any(d.day is not None or d.relative_days is not None
                   for i in head for d in find_dates(i.norm, i.sentence.start, i.sentence.end))


def _is_narrative(body: list[SentenceInfo], rules: NewnessRules) -> bool:
    """A story told in narrative prose (pronouns and body language well above a report's), or a
    text whose names are placeholders."""
    if not body:
        return False
    norm, lo, hi = body[0].norm, body[0].sentence.start, body[-1].sentence.end
    if sum(1 for _ in rules.placeholder.finditer(norm, lo, hi)) >= rules.placeholder_min:
        return True  # a template or a masked teaser
    hits = sum(1 for _ in rules.narrative.finditer(norm, lo, hi))
    return hits >= rules.narrative_min and hits * 1000 >= rules.narrative_per_1000 * max(hi - lo, 1)


def _lead(body: list[SentenceInfo], sentences: int) -> list[SentenceInfo]:
    """The article's lead: the headline-like lines before it and its first `sentences` prose
    sentences (menus, stamps and bylines at the top do not use up the count)."""
    out: list[SentenceInfo] = []
    prose = 0
    for info in body:
        if prose >= sentences:
            break
        out.append(info)
        if len(info.sentence.text) >= LEAD_PROSE_MIN_CHARS and not NAV_LINE_RE.search(info.sentence.text):
            prose += 1
    return out


def _event_leads(cue_info: SentenceInfo, cue: re.Pattern[str], infos: list[SentenceInfo],
                 rules: NewnessRules) -> bool:
    """True when the title, or a body sentence before the cue (or the cue's own sentence
    before the cue word), reports an event of its own ("X与Y签约，建设…基地。截至目前，园区
    累计引进…": the tally is background)."""
    if cue_info.in_title:
        return False
    m = cue.search(cue_info.norm, cue_info.sentence.start, cue_info.sentence.end)
    cue_pos = m.start() if m else cue_info.sentence.start
    for info in infos:
        if not info.in_title and info.index > cue_info.index:
            return False
        if not is_event_info(info):
            continue
        s = info.sentence
        if any((info is not cue_info or ev.end <= cue_pos) and _held(info.norm, s.start, ev.start, rules)
               for ev in info.events):
            return True
    return False


def reports_concrete_event(infos: list[SentenceInfo], rules: NewnessRules | None = None) -> bool:
    """True when some sentence reports a held ceremony or a dated event of its own."""
    rules = rules or load_rules()
    for info in infos:
        norm, s = info.norm, info.sentence
        if _held_ceremony(info, rules):
            return True
        if info.in_title:
            continue
        for ev in info.events:
            if ev.event_type in CONCRETE_TYPES and _held(norm, s.start, ev.start, rules) and _dated(info, rules):
                return True
    return False


def _dated_event_before_cue(info: SentenceInfo, cue: re.Pattern[str], rules: NewnessRules) -> bool:
    """The cue's own sentence reports a dated event before the cue word ("5日…签订合作协议，
    …意向签约14亿美元")."""
    m = cue.search(info.norm, info.sentence.start, info.sentence.end)
    if m is None or not _dated(info, rules):
        return False
    return any(ev.event_type in CONCRETE_TYPES and ev.end <= m.start()
               and _held(info.norm, info.sentence.start, ev.start, rules) for ev in info.events)


def _event_outside_cue(info: SentenceInfo, cue: re.Pattern[str], rules: NewnessRules) -> bool:
    """A dated or ceremonial sentence that names the cue (a fund's signing) but also a strong
    event of projects in a clause of its own ("…基金签约暨重点项目签约仪式举行，…11个重点项目
    签约入驻")."""
    norm, s = info.norm, info.sentence
    if not (_dated(info, rules) or _held_ceremony(info, rules)):
        return False
    for ev in info.events:
        if ev.event_type not in CONCRETE_TYPES or not _held(norm, s.start, ev.start, rules):
            continue
        left = max((m.end() for m in CLAUSE_SEP_RE.finditer(norm, s.start, ev.start)), default=s.start)
        right = CLAUSE_SEP_RE.search(norm, ev.end, s.end)
        stop = right.start() if right else s.end
        if not cue.search(norm, left, stop) and PROJECT_WORD_RE.search(norm, left, stop):
            return True
    return False


def _held_ceremony(info: SentenceInfo, rules: NewnessRules) -> bool:
    """The sentence reports a ceremony of an investment event that took place."""
    norm, s = info.norm, info.sentence
    return any(_held(norm, s.start, m.start(), rules) and not rules.future_in_sentence.search(m.group())
               for m in rules.ceremony.finditer(norm, s.start, s.end))


def _held(norm: str, sent_start: int, pos: int, rules: NewnessRules) -> bool:
    """The word at pos is no plan and no part of a period tally."""
    before = norm[max(sent_start, pos - FUTURE_WINDOW):pos]
    if rules.future_before.search(before) or rules.preview.search(norm, sent_start, pos):
        return False
    plan = None
    for plan in rules.future_in_sentence.finditer(norm, sent_start, pos):
        pass
    if plan is not None and not DONE_RE.search(norm, plan.end(), pos):
        return False
    return not (P.TALLY_RE.search(norm, sent_start, pos) or P.TALLY_EN_RE.search(norm, sent_start, pos))


def _history(d: DateMention, anchor: Anchor | None) -> bool:
    """The date lies HISTORY_DAYS or more before the article's own day."""
    if anchor is None or not anchor.year_known or d.month is None or d.day is None:
        return False
    iso = resolve_at(d, anchor)
    if iso is None or iso.startswith("--"):
        return False
    return (anchor.day - dt.date.fromisoformat(iso)).days >= HISTORY_DAYS


def _dated(info: SentenceInfo, rules: NewnessRules) -> bool:
    """The sentence gives a day for its event (not the day a reporter learned of it)."""
    norm, s = info.norm, info.sentence
    for m in rules.day_words.finditer(norm, s.start, s.end):
        if any(0 <= ev.start - m.end() <= DATE_EVENT_MAX_CHARS for ev in info.events):
            return True
    for d in find_dates(norm, s.start, s.end):
        if (P.REPORT_DATE_AFTER_RE.match(norm, d.end) or P.DATELINE_RE.match(norm, d.start)
                or P.DATE_FUTURE_BEFORE_RE.search(norm[max(s.start, d.start - P.DATE_CONTEXT_CHARS):d.start])
                or P.DATE_FUTURE_AFTER_RE.match(norm, d.end)):
            continue
        if not any(0 <= ev.start - d.end <= DATE_EVENT_MAX_CHARS for ev in info.events):
            continue
        if _history(d, rules.anchor):
            continue
        if d.vague and norm[d.end:d.end + 1] == "从":  # 记者日前从…获悉
            continue
        if d.day is not None or d.relative_days is not None or d.vague or d.weekday is not None:
            return True
    return False
