"""Choosing the deal's place, parties and industries among the mentions that
extractors.places, extractors.parties and extractors.industries find (the party choice
itself lives in extractors.deal_parties).

The place of a deal is where the money goes, not the ceremony's venue: mentions in the
headline sentence, the title and after 落户/位于/に score up, 在…举行 / において開催 down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors import patterns as P
from extractors.deal_parties import choose_parties, dedupe_names, parties_of_component
from extractors.industries import find_industries
from extractors.parties import PartyMention, find_parties, is_brand_with_place
from extractors.places import PlaceMention, TownMention, find_places, find_towns, written_county_city

if TYPE_CHECKING:
    from extractors.candidates import Candidate, SentenceInfo

PLACE_FIELDS = ("province", "city", "district", "park")
# Japanese venue: a place, an optional bracketed gloss, then で and the clause's holding verb
# (西安で開幕し; 南寧市(Nanning)で6月28日、…調印式が行われた) in a sentence about a fair or a
# signing; a groundbreaking or a plant held at a place is held on its site.
JA_VENUE_AFTER_RE = re.compile(r"(?:[)）]|[(（][^)）]{0,30}[)）])?で(?!は|も)[^。]{0,60}?(?:开幕|开催|行われ|行い|举行|开か)")
JA_VENUE_EVENT_RE = re.compile(r"商谈|商談|说明会|説明会|博览|洽谈|交易会|フェア|フォーラム")
# A signing held at a place is its venue only when the sentence names another city after it
# (南寧市で…東興…調印式が行われた); a zone's or city's own signing is held at home.
JA_SIGNING_RE = re.compile(r"调印|签约|署名|契约")
JA_SITE_EVENT_RE = re.compile(r"起工|着工|开工|竣工|投产|生产|稼働|落成|开业")
# A single project's groundbreaking or opening is held on its site: where it is held is where
# the money goes (a batch's ceremony has a main venue, 集中开工仪式在某区举行).
SITE_EVENT_RE = re.compile(r"起工|着工|开工|动工|奠基|竣工|投产|落成|开业|稼働")
BATCH_RE = re.compile(r"集中|一批|批次|等\d*个?项目|项目\d+个|\d+个项目|\d+件")
# A title-like line that is only a place name is a weather box or menu item, not a title.
BARE_PLACE_LINE_MAX = 4
# A town named alone (三乡镇, not 中山市三乡镇) is the deal's district only when the article
# names it at least this often (one passing mention may be a party's address).
TOWN_ALONE_MIN_MENTIONS = 2


@dataclass(frozen=True)
class Place:
    """Where a deal's money goes; names simplified, without optional suffixes."""

    province: str | None = None
    city: str | None = None
    district: str | None = None
    park: str | None = None
    prefecture: str | None = None  # set when `city` is a county-level city (昆山 -> 苏州)

    def to_dict(self) -> dict[str, str | None]:
        """Contract's place object."""
        return {"province": self.province, "prefecture": self.prefecture, "city": self.city,
                "district": self.district, "park": self.park}


@dataclass(frozen=True)
class Mentions:
    """Place and party mentions of one article, found once per extraction."""

    places: tuple[PlaceMention, ...]
    title_places: tuple[PlaceMention, ...]
    parties: tuple[PartyMention, ...]
    towns: tuple[TownMention, ...] = ()


def find_mentions(text: str, title: str | None) -> Mentions:
    """Run the gazetteer and the party finder once on the article (and the separate title)."""
    parties = tuple(find_parties(text))
    title_parties = tuple(find_parties(title)) if title else ()
    return Mentions(places=_outside_brands(find_places(text), parties, text),
                    title_places=_outside_brands(find_places(title), title_parties, title) if title else (),
                    parties=parties, towns=tuple(find_towns(text)))


def _outside_brands(places: list[PlaceMention], parties: tuple[PartyMention, ...],
                    text: str) -> tuple[PlaceMention, ...]:
    """Drop place mentions that are part of a listed company's name (宁德 in 宁德时代)."""
    if not parties or not places:
        return tuple(places)

    def in_brand(m: PlaceMention) -> bool:
        around = [p for p in parties if p.start <= m.start and m.end <= p.end]
        if not around:
            return False
        names = {n for n in (text[m.start:m.end], m.city, m.province) if n}
        return any(is_brand_with_place(p.name, n) for p in around for n in names)
    return tuple(m for m in places if not in_brand(m))


def industries_of(text: str) -> list[str]:
    """Canonical industries of the article, most salient first."""
    return list(find_industries(text))


def _places_of(info: SentenceInfo, mentions: Mentions) -> list[PlaceMention]:
    """The place mentions inside a sentence (or the separate title)."""
    s = info.sentence
    if info.in_title:
        return list(mentions.title_places)
    return [m for m in mentions.places if s.start <= m.start < s.end]


def _depth(m: PlaceMention) -> int:
    """How specific a mention is: number of filled levels."""
    return sum(1 for f in PLACE_FIELDS if getattr(m, f))


def _paired(m: PlaceMention, others: list[PlaceMention], norm: str) -> bool:
    """A place joined by a middle dot to a place of another province: one side of a pairing
    (北京·香港洽谈会, 上海・広州・福州の3拠点), not where the money goes (四川省・成都市 is not)."""
    for o in others:
        gap = norm[o.end:m.start] if o.end <= m.start else norm[m.end:o.start]
        if o is not m and len(gap) == 1 and gap in P.PLACE_PAIR_DOTS and o.province != m.province:
            return True
    return False


def _score_place(m: PlaceMention, norm: str, info: SentenceInfo, anchor: Candidate | None,
                 fallback: bool = False, paired: bool = False, brand: bool = True,
                 others: list[PlaceMention] | None = None) -> float:
    """Score a place mention as the destination of the deal's money (in fallback mode, over
    the whole body: every sentence weighs as a neighbour, an event sentence more)."""
    if fallback:
        score = P.SCORE_PLACE_EVENT if info.events else P.SCORE_PLACE_NEIGHBOUR
    elif anchor is not None and info is anchor.info:
        score = P.SCORE_PLACE_HEADLINE
    elif info.in_title or info.sentence.title_like:
        score = P.SCORE_PLACE_TITLE
    elif info.events:
        score = P.SCORE_PLACE_EVENT
    else:
        score = P.SCORE_PLACE_NEIGHBOUR
    if info.sentence.title_like and len(info.sentence.text.strip()) <= BARE_PLACE_LINE_MAX and (
            info.sentence.text.strip() == m.surface):
        return 0.0  # a line that is only a place name (a weather box): no title
    before = norm[max(0, m.start - 4):m.start]
    venue = _ja_venue(m, norm, info, others or []) or bool(P.VENUE_BEFORE_RE.search(before) and P.VENUE_AFTER_RE.match(norm, m.end)) or bool(
        P.VENUE_LOCATIVE_AFTER_RE.match(norm, m.end, m.end + P.VENUE_LOCATIVE_CHARS)) or bool(
        P.VENUE_EN_BEFORE_RE.search(norm[max(0, m.start - P.VENUE_EN_BEFORE_CHARS):m.start]))
    if venue and _single_site_event(norm, info):
        venue = False
    destination = bool(P.DESTINATION_BEFORE_RE.search(before) or P.DESTINATION_AFTER_RE.match(norm, m.end))
    if destination and not venue:
        score += P.SCORE_PLACE_DESTINATION
    if anchor is not None and info is anchor.info and m.end <= anchor.mention.start:
        between = [x for x in info.money if m.end <= x.start < anchor.mention.start]
        if not between:
            score += P.SCORE_PLACE_NEAR_AMOUNT
    if venue:
        score -= P.PENALTY_PLACE_VENUE
    if m.level in ("city", "province") and (
            P.ORIGIN_AFTER_RE.match(norm, m.end) or P.ORIGIN_BEFORE_RE.search(before)):
        score -= P.PENALTY_PLACE_ORIGIN
    if m.level in ("city", "province") and brand and (P.SHORT_BRAND_AFTER_RE.match(norm, m.end) or (
            before.endswith("、") and P.SHORT_BRAND_LAST_RE.match(norm, m.end))):
        score -= P.PENALTY_PLACE_BRAND
    if P.DATELINE_PLACE_AFTER_RE.match(norm, m.end):
        score -= P.PENALTY_PLACE_DATELINE
    if paired:
        score -= P.PENALTY_PLACE_PAIRED
    if m.province in P.PARTNER_REGIONS:
        score -= P.PENALTY_PLACE_PARTNER
    return score


def _single_site_event(norm: str, info: SentenceInfo) -> bool:
    """The sentence holds one project's groundbreaking or opening ceremony, not a batch's."""
    sentence = norm[info.sentence.start:info.sentence.end]
    return bool(SITE_EVENT_RE.search(sentence)) and not info.counts and not BATCH_RE.search(sentence)


def _ja_venue(m: PlaceMention, norm: str, info: SentenceInfo, others: list[PlaceMention]) -> bool:
    """A Japanese fair's venue (…西安で開幕し), or a signing's held for another city named
    after it; not a site's groundbreaking."""
    venue = JA_VENUE_AFTER_RE.match(norm, m.end)
    if not venue:
        return False
    sentence = norm[info.sentence.start:info.sentence.end]
    if JA_SITE_EVENT_RE.search(sentence):
        return False
    if JA_VENUE_EVENT_RE.search(sentence):
        return True
    return bool(JA_SIGNING_RE.search(sentence)) and any(
        o.start > m.end and o.city and o.city != m.city for o in others)


def _provinces(scored: list[tuple[float, PlaceMention]]) -> set[str]:
    """Province names among the keys (a province-only mention is keyed by its province)."""
    return {m.province for _, m in scored if m.city is None and m.province}


def _province_of(scored: list[tuple[float, PlaceMention]], city: str | None) -> str | None:
    """Province of a city key, from the mentions."""
    return next((m.province for _, m in scored if m.city == city), None)


def choose_place(mentions: Mentions, infos: list[SentenceInfo], anchor: Candidate | None,
                 fallback: bool = False) -> tuple[Place, SentenceInfo | None]:
    """Merge the best-scoring consistent mentions of the given sentences into one Place;
    also return the sentence of the most specific mention (the place's evidence)."""
    scored: list[tuple[float, PlaceMention]] = []
    where: dict[int, SentenceInfo] = {}
    seen: set[int] = set()
    for info in infos:
        if id(info) in seen:
            continue
        seen.add(id(info))
        here = _places_of(info, mentions)
        starts = {x.start for x in here}
        for m in here:
            scored.append((_score_place(m, info.norm, info, anchor, fallback, _paired(m, here, info.norm),
                                        brand=m.end not in starts, others=here), m))
            where.setdefault(id(m), info)
    scored = [(s, m) for s, m in scored if s > 0]
    if not scored:
        return Place(), None
    by_city: dict[str | None, float] = {}
    for s, m in scored:
        key = m.city or m.province
        by_city[key] = by_city.get(key, 0.0) + s
    for s, m in scored:  # a province-only mention backs every city of that province
        if m.city is None:
            for other in {x.city for _, x in scored if x.city and x.province == m.province}:
                by_city[other] += s
    city = max(by_city, key=lambda k: (by_city[k], k is not None and k not in _provinces(scored)))
    if fallback and by_city[city] < P.PLACE_FALLBACK_MIN_SHARE * sum(s for s, _ in scored):
        return Place(), None  # the body names many places and none stands out
    same = [(s, m) for s, m in scored
            if (m.city or m.province) == city or (m.city is None and _province_of(scored, city) == m.province)]
    parks = {m.park for _, m in same if m.park}

    def rank(item: tuple[float, PlaceMention]) -> tuple[int, int, float]:
        """Deeper first, then a park nested in another mention's park, then score."""
        s, m = item
        nested = int(bool(m.district) and m.district in parks and m.park != m.district)
        return (_depth(m), nested, s)

    best = max(same, key=rank)[1]
    values = {f: getattr(best, f) for f in PLACE_FIELDS}
    written = {written_county_city(m) for _, m in same if m.district and m.district == best.district} - {None}
    if len(written) == 1:
        values["district"] = written.pop()  # 长乐市, now 长乐区: named as a county-level city
    for _, m in sorted(same, key=lambda x: -x[0]):
        for f in ("province", "city", "district"):
            if values[f] is None and getattr(m, f):
                values[f] = getattr(m, f)
    for f in _spread_levels(mentions, anchor):
        values[f] = None
    return _county_city(Place(**values)), where.get(id(best))


def _spread_levels(mentions: Mentions, anchor: Candidate | None) -> set[str]:
    """Levels the headline's event spans: those its sentence names several of
    (_listed_levels), and city and below when it or the sentence before it in the paragraph
    lists three or more cities ("江门、中山、阳江、湛江、茂名先后作推介。12个项目现场签约")."""
    if anchor is None:
        return set()
    out = _listed_levels(_places_of(anchor.info, mentions), anchor.info.norm)
    run = _listed_run(mentions, anchor)
    if len({m.city for m in run}) >= P.PLACE_LIST_MIN_CITIES:
        out |= {"city", "district", "park"}
        if len({m.province for m in run}) > 1:
            out.add("province")
    return out


def _listed_run(mentions: Mentions, anchor: Candidate) -> list[PlaceMention]:
    """The longest list of places (江门、中山、阳江) in the headline sentence or the one before
    it in the same paragraph."""
    info, prev = anchor.info, anchor.info.prev
    runs = [_place_run(_places_of(info, mentions), info.norm)]
    if prev is not None and not prev.in_title and not info.in_title and (
            "\n" not in info.norm[prev.sentence.end:info.sentence.start]):
        runs.append(_place_run(_places_of(prev, mentions), prev.norm))
    return max(runs, key=lambda r: len({m.city for m in r}))


def _place_run(places: list[PlaceMention], norm: str) -> list[PlaceMention]:
    """The longest run of mainland places joined by list separators (江门、中山、阳江;
    两江新区、天府新区、福州新区), unless introduced as where the parties come from (来自…)."""
    best: list[PlaceMention] = []
    run: list[PlaceMention] = []
    for m in places:
        if not m.city or m.province in P.PARTNER_REGIONS:
            run = []
            continue
        if run and not P.PARTY_LIST_GAP_RE.fullmatch(norm[run[-1].end:m.start]):
            run = []
        if not run and P.ORIGIN_BEFORE_RE.search(norm[max(0, m.start - 4):m.start]):
            continue
        run.append(m)
        best = max(best, run, key=len)
    return list(best)


def choose_deal_place(mentions: Mentions, context: list[SentenceInfo], infos: list[SentenceInfo],
                      anchor: Candidate | None) -> tuple[Place, SentenceInfo | None]:
    """The headline deal's place: from the context sentences (title, headline, event and
    their neighbours); when they name no place, from the whole body (a company notice names
    the zone in its first paragraph, the amount three sentences later)."""
    place, info = choose_place(mentions, context, anchor)
    if anchor is not None and len({m.city for m in _listed_run(mentions, anchor)}) >= P.PLACE_LIST_MIN_CITIES:
        return place, info  # the event spans the cities it lists: nothing to narrow down
    if place.city and not (place.district or place.park):
        return _with_town(_from_lead(place, mentions, infos, context), mentions, context), info
    if place.city or place.park:
        return _with_town(place, mentions, context), info
    body = [i for i in infos if not i.in_title]
    if place.province:
        return _with_town(_deepen_province(place, mentions, body, anchor), mentions, context), info
    wider, wider_info = choose_place(mentions, body, anchor, fallback=True)
    return (wider, wider_info) if wider.province or wider.city or wider.park else (place, info)


def _from_lead(place: Place, mentions: Mentions, infos: list[SentenceInfo],
               context: list[SentenceInfo]) -> Place:
    """A city-only place from a titled event takes the district or park that the lead's first
    event sentence names in that city ("…常州市新北区に…起工式を行った"), when it names one."""
    lead = next((i for i in infos if not i.in_title and not i.sentence.title_like and i.events), None)
    if lead is None or lead in context:
        return place
    deeper = {(m.district, m.park) for m in _places_of(lead, mentions)
              if (m.district or m.park) and m.city == (place.prefecture or place.city)}
    if len(deeper) != 1:
        return place
    district, park = next(iter(deeper))
    if place.prefecture:  # a county-level city keeps its own name as the city
        return Place(place.province, place.city, None, park, place.prefecture)
    return _county_city(Place(province=place.province, city=place.city, district=district, park=park))


def _with_town(place: Place, mentions: Mentions, context: list[SentenceInfo]) -> Place:
    """A place with a city and no district takes the one town (镇) the context sentences name
    in it: written right after the city or county-level city (义乌市大陈镇), or alone but
    named again elsewhere in the article (在月山镇举行 ... 月山镇党委)."""
    if not place.city or place.district or not mentions.towns:
        return place
    spans = [(i.sentence.start, i.sentence.end) for i in context if not i.in_title]
    named = [t.name for t in mentions.towns]
    found = set()
    for t in mentions.towns:
        if not any(a <= t.start < b for a, b in spans):
            continue
        if t.under is None:
            if named.count(t.name) >= TOWN_ALONE_MIN_MENTIONS:
                found.add(t.name)
        elif t.under.city == (place.prefecture or place.city) and t.under.district in (
                None, place.district, place.city + P.COUNTY_CITY_SUFFIX):
            found.add(t.name)
    if len(found) != 1:
        return place
    return Place(place.province, place.city, found.pop(), place.park, place.prefecture)


def _deepen_province(place: Place, mentions: Mentions, body: list[SentenceInfo],
                     anchor: Candidate | None) -> Place:
    """A province-only place takes the one city of that province the body keeps naming (a
    company notice: "项目位于浙江省舟山市定海区"; a city's delegation named by its districts);
    a body that names several of its cities alike leaves the province alone."""
    scored: dict[str, list[tuple[float, PlaceMention]]] = {}
    for info in body:
        for m in _places_of(info, mentions):
            if m.province == place.province and m.city and m.city != m.province:
                s = _score_place(m, info.norm, info, anchor, fallback=True)
                if s > 0:
                    scored.setdefault(m.city, []).append((s, m))
    if not scored:
        return place
    total = sum(s for group in scored.values() for s, _ in group)
    city, group = max(scored.items(), key=lambda kv: sum(s for s, _ in kv[1]))
    enough = len(group) >= P.PLACE_DEEPEN_MIN_MENTIONS or all(m.district for _, m in group)
    if not enough or sum(s for s, _ in group) < P.PLACE_FALLBACK_MIN_SHARE * total:
        return place
    districts = {m.district for _, m in group if m.district}
    parks = {m.park for _, m in group if m.park}
    return _county_city(Place(province=place.province, city=city,
                              district=next(iter(districts)) if len(districts) == 1 else None,
                              park=next(iter(parks)) if len(parks) == 1 else None))


def _county_city(place: Place) -> Place:
    """A county-level city (县级市) is the city, its prefecture the prefecture: the gazetteer
    files 昆山市 as a district of 苏州; the Conventions write city 昆山, prefecture 苏州."""
    district = place.district
    if not district or not district.endswith(P.COUNTY_CITY_SUFFIX) or place.city is None:
        return place
    return Place(province=place.province, city=district[:-len(P.COUNTY_CITY_SUFFIX)], district=None,
                 park=place.park, prefecture=place.city)


def _listed_levels(places: list[PlaceMention], norm: str) -> set[str]:
    """Levels at which the headline sentence lists several places as one subject
    ("两江新区、重庆高新区等区县集中签约"): the event spans them, so that level stays empty."""
    out: set[str] = set()
    for a, b in zip(places, places[1:]):
        if b.start < a.end or not P.PLACE_LIST_GAP_RE.fullmatch(norm[a.end:b.start]):
            continue
        for f in ("park", "district"):
            if getattr(a, f) and getattr(b, f) and getattr(a, f) != getattr(b, f):
                out.add(f)
    if len({m.city for m in places if m.city and m.province not in P.PARTNER_REGIONS}) >= P.PLACE_LIST_MIN_CITIES:
        out |= {"city", "district", "park"}  # "广州某园、湛江某校区及清远某园等1075个项目"
    return out


__all__ = ["Mentions", "Place", "choose_deal_place", "choose_parties", "choose_place", "dedupe_names",
           "find_mentions", "industries_of", "parties_of_component"]
