"""Choosing a deal's main investors among the party mentions of an article: the parties of
the headline and event sentences, of each component's amount, and the companies whose
representatives speak at the event (quoted speech names no investor).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors import patterns as P

if TYPE_CHECKING:
    from extractors.candidates import Candidate, SentenceInfo
    from extractors.deal_places import Mentions
    from extractors.parties import PartyMention


def _in_sentence(mentions: tuple[PartyMention, ...], info: SentenceInfo, lo: int | None = None,
                 hi: int | None = None) -> list[PartyMention]:
    """Party mentions inside a body sentence (optionally inside [lo, hi))."""
    if info.in_title:
        return []
    s = info.sentence
    lo = s.start if lo is None else lo
    hi = s.end if hi is None else hi
    return [m for m in mentions if lo <= m.start < hi]


def _is_quote(info: SentenceInfo) -> bool:
    """Quoted speech reports opinions and plans, not the event: its names are not investors."""
    return info.sentence.text[:1] in P.QUOTE_OPENERS


def _cluster_before(mentions: tuple[PartyMention, ...], info: SentenceInfo, lo: int, pos: int) -> list[PartyMention]:
    """The party named last before pos (after lo), with the ones listed together with it."""
    found = _in_sentence(mentions, info, lo, pos)
    if not found:
        return []
    cluster = [found[-1]]
    for m in reversed(found[:-1]):
        if not P.PARTY_LIST_GAP_RE.fullmatch(info.norm[m.end:cluster[0].start]):
            break
        cluster.insert(0, m)
    return cluster


def _investors_of(mentions: tuple[PartyMention, ...], cand: Candidate) -> list[PartyMention]:
    """Parties that invest the candidate's amount: named in its clause run before the amount."""
    info = cand.info
    prev = max([m.end for m in info.money if m.end <= cand.mention.start] + [info.sentence.start])
    return _cluster_before(mentions, info, prev, cand.mention.start) or _in_sentence(mentions, info)


def _reporters_of(mentions: tuple[PartyMention, ...], info: SentenceInfo) -> list[PartyMention]:
    """Parties of an event sentence: the investor before each amount, else all named."""
    if not info.money:
        return _in_sentence(mentions, info)
    out: list[PartyMention] = []
    prev = info.sentence.start
    for money in info.money:
        out += _cluster_before(mentions, info, prev, money.start)
        prev = money.end
    return out


def _subject_before(mentions: tuple[PartyMention, ...], infos: list[SentenceInfo],
                    info: SentenceInfo) -> list[PartyMention]:
    """Parties of the sentence before the headline's in its paragraph, when the amount's own
    sentence names none ("トヨタは…新工場を建設すると発表した。投資額は約200億円で…")."""
    if info.in_title or info not in infos:
        return []
    pos = infos.index(info)
    prev = infos[pos - 1] if pos > 0 else None
    if prev is None or prev.in_title or _is_quote(prev) or "\n" in info.norm[prev.sentence.end:info.sentence.start]:
        return []
    return _in_sentence(mentions, prev)


def _speakers_of(mentions: tuple[PartyMention, ...], info: SentenceInfo) -> list[PartyMention]:
    """Companies whose representative speaks at the event: named before the speech, followed by
    a role word (总裁, 总代表, 副総裁) and a speech cue or an opening quote."""
    norm = info.norm
    end = info.sentence.end
    out = []
    for m in _in_sentence(mentions, info):
        quote = next((i for i in range(info.sentence.start, m.start) if norm[i] in P.QUOTE_OPENERS), None)
        if quote is not None:
            break  # names inside the quoted speech itself are not speakers
        if P.ORGANISER_BEFORE_RE.search(norm[max(0, m.start - P.ORGANISER_BEFORE_CHARS):m.start]):
            continue
        role = P.SPEAKER_ROLE_RE.match(norm, m.end, end)
        if role and P.SPEAKER_CUE_RE.search(norm, role.end(), min(end, role.end() + P.SPEAKER_CUE_CHARS)):
            out.append(m)
    return out


def dedupe_names(names: list[str]) -> list[str]:
    """Drop a name whose core is inside a longer chosen name (创诺集团 vs 上海创诺医药集团)."""
    def core(name: str) -> str:
        """The name without its legal / group suffix."""
        return P.COMPANY_SUFFIX_RE.sub("", name) or name
    out: list[str] = []
    for name in names:
        if name in out:
            continue
        if any(core(name) in other and name != other for other in names if len(other) > len(name)):
            continue
        out.append(name)
    return out


def choose_parties(found: Mentions, infos: list[SentenceInfo], headline: Candidate | None,
                   event_info: SentenceInfo | None, components: list[Candidate] | None = None,
                   event_infos: list[SentenceInfo] | None = None,
                   ) -> tuple[list[str], dict[str, bool]]:
    """Main investors and flags: parties of the headline and event sentences, of each
    component's amount, and of the other (unquoted) sentences reporting an event."""
    mentions = found.parties
    if not mentions:
        return [], {"fortune500": False, "foreign": False}
    chosen: list[PartyMention] = []
    for info in (headline.info if headline else None, event_info):
        if info is not None and not _is_quote(info):
            chosen += _in_sentence(mentions, info)
    for comp in components or []:
        chosen += _investors_of(mentions, comp)
    for info in event_infos if event_infos is not None else infos:
        if _is_quote(info) or not info.events:
            continue
        chosen += _reporters_of(mentions, info)
    for info in infos:
        if not info.in_title and not _is_quote(info) and P.SPEAKER_CUE_RE.search(
                info.norm, info.sentence.start, info.sentence.end):
            chosen += _speakers_of(mentions, info)
    if not chosen and headline is not None:
        chosen += _subject_before(mentions, infos, headline.info)
    chosen.sort(key=lambda m: m.start)
    names = dedupe_names([m.name for m in chosen])
    kept = [m for m in chosen if m.name in names]
    flags = {"fortune500": any(m.fortune500 for m in kept), "foreign": any(m.foreign for m in kept)}
    return names, flags


def parties_of_component(found: Mentions, cand: Candidate) -> list[str]:
    """Investors of one component amount."""
    return dedupe_names([m.name for m in _investors_of(found.parties, cand)])
