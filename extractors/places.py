"""Place mentions (province, city, district, development zone) found by gazetteer lookup.

Cascade: normalise the text (traditional/Japanese -> simplified, offsets kept), longest
dictionary match by a two-character prefix index, extend a city/district match by a zone
suffix (成都+高新区), then resolve ambiguous names (朝阳区, 鼓楼区) from the other mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.gazetteer_data import (
    LEVEL_RANK, Normalized, PlaceEntry, load_english, load_english_districts, load_gazetteer, name_forms, normalize,
    normalize_name,
)

LEVELS = ("province", "city", "district", "park")
# Zone suffixes after a known city/district: "<name>[国家级]<suffix>" is a park. Catches
# 成都高新区, 绵阳经开区; not 宜宾临港经济技术开发区 (word between). 新城 is left out: too
# many housing estates are called "<city>新城".
ZONE_SUFFIXES = (
    "高新技术产业开发区", "经济技术开发区", "高新技术开发区", "综合保税区", "自由贸易试验区",
    "高新区", "经开区", "工业园区", "经济开发区", "开发区", "新区", "保税区", "自贸区",
    "自贸片区", "产业园区", "产业园", "生物城", "科学城", "科技城", "示范区", "合作区",
    "科技园", "工业园",
)
ZONE_SUFFIX_RE = re.compile(r"(?:国家级?|市)?(?:" + "|".join(ZONE_SUFFIXES) + ")")
# Long suffix forms folded to the short canonical one when looking up a known zone.
SUFFIX_CANON = {"高新技术产业开发区": "高新区", "高新技术开发区": "高新区",
                "经济技术开发区": "经开区"}
# Text right after / before a name that shows it is not a place (中山大学, 孙中山).
BLOCK_AFTER = {"中山": ("大学", "装", "路", "公园", "舰", "医院"), "南京": ("路",), "朝阳": ("行业", "产业"),
               "阿里": ("巴巴", "云", "健康"), "东方": ("电气", "财富", "证券", "航空", "明珠")}
BLOCK_BEFORE = {"中山": ("孙",), "东方": ("在",)}
# A name before one of these names a multi-city region, not the place itself (成都经济区,
# 长株潭都市圈, 珠三角城市群).
REGION_AFTER = ("经济区", "都市圈", "经济圈", "城市群", "平原经济")
BLOCK_FIRST_CHARS = frozenset(k[0] for k in (*BLOCK_AFTER, *BLOCK_BEFORE))
# A name ending in a direction before one of these is a bank or slope, not a place:
# 黄河南岸 (not 河南), 太湖北岸 (not 湖北), 太行山东麓 (not 山东).
DIRECTION_END = frozenset("东西南北")
SIDE_AFTER = frozenset("岸麓侧畔坡端沿缘")
# Institutions and streets named after a place: a short form before them is not a mention
# (南开大学, 海淀路); full names still are (四川大学 names 四川 as written).
INSTITUTION_AFTER = ("大学", "学院", "中学", "小学", "医院", "路", "街", "大道", "公园", "大桥")
# A bare zone word (高新区 alone) refers back to the zone of that kind named earlier in the
# same text (成都高新区 ... 高新区), or to the only one named anywhere in it.
BARE_ZONE_RE = re.compile(r"高新区|经开区|开发区|生物城|科学城|新区|自贸区|保税区|工业园区|示范区|合作区")
# Characters that may stand right before such a bare word (else it has an unknown prefix).
BARE_ZONE_BEFORE = frozenset("在与和的该本全入到至及于向户驻进、,,。;;:: 「“\"'(（・\n")
# A local outlet's name (平潭时报, 仪陇新闻网, 达州日报) names its place: a short form right
# before one of these needs no other context, and it supports the same name elsewhere.
MEDIA_AFTER = ("日报", "时报", "晚报", "新闻网", "新闻", "融媒", "电视台", "发布", "广播")
# A short district form (巴南) needs its city named within this many characters, or its
# full name (巴南区) anywhere in the text.
CONTEXT_WINDOW = 80
# A two-character county name right before one of its office words ("云霄全县", "公安县委").
COUNTY_OFFICE_RE = re.compile(r"([\u4e00-\u9fff]{2})(?=全县|县委|县政府|县人民政府|县长|县经济开发区|县工业园)")
# English (pinyin) names and zone phrases are matched only inside runs of Latin text.
LATIN_RUN_RE = re.compile(r"[A-Za-z][A-Za-z'\- ]*[A-Za-z]")
# An English district-level name with its type word: "Jinchengjiang district", "Kunshan City".
EN_DIVISION_RE = re.compile(r"\b([A-Z][a-z]+(?:'[a-z]+)*)\s+(?i:district|county|banner|city)\b")
# Towns (镇) are not in the gazetteer: "<2-3 Han>镇" right after a city or county mention
# (义乌市大陈镇), or "<2 Han>镇" standing alone after punctuation or a locative (在月山镇举行).
TOWN_AFTER_PLACE_RE = re.compile(r"[\u4e00-\u9fff]{2,3}镇")
TOWN_ALONE_RE = re.compile(r"(?:(?<=[在于到赴户])|(?<![\u4e00-\u9fff]))([\u4e00-\u9fff]{2})镇")
# First and last characters of words ending in 镇 that are no town's name (各乡镇, 城乡镇,
# 特色小镇, 古镇, 重镇).
TOWN_NOT_FIRST = frozenset("各全本该每城乡村")
TOWN_NOT_LAST = frozenset("城村集市重小古名强制")


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: offsets into the original text plus its resolved hierarchy."""

    start: int
    end: int
    surface: str
    province: str | None
    city: str | None
    district: str | None
    park: str | None
    level: str


# Zones the gazetteer does not know (东盟科技产业园, 莘庄商务区, 扬州生态科技新城): a name of
# 2-8 Han characters before one of these words. 新城 only right after a known place (many
# housing estates are "<X>新城"); 园区 only after a name of three or more characters.
UNKNOWN_ZONE_WORDS = (
    "循环经济园区", "高新技术产业开发区", "经济技术开发区", "经济开发区", "工业集中区", "产业集中区",
    "工业园区", "产业园区", "产业园", "工业园", "科技园", "物流园", "开发区", "高新区", "经开区",
    "商务区", "投资区", "产业区", "合作区", "示范区", "集中区", "新区", "新城", "园区",
)
UNKNOWN_ZONE_RE = re.compile("|".join(UNKNOWN_ZONE_WORDS))
UNKNOWN_ZONE_MAX_NAME = 8
# Characters that end a zone's name on its left: particles, verbs of settling, units, list
# marks, administrative words (落户县芙蓉山工业园 -> 芙蓉山工业园; 公司仪陇锂电产业园).
UNKNOWN_ZONE_STOP = frozenset("的在于与和及是为将把被由对向从到至入驻落户位县市省镇乡村各该本全我等了司团个项目年月日亿万元、")


@dataclass(frozen=True)
class ZoneMention:
    """A zone the gazetteer does not know; `under` is the place mention written right before
    it (扬州 in 扬州生态科技新城), if any."""

    start: int
    end: int
    name: str  # the zone's own name, without the place before it
    under: PlaceMention | None


@dataclass(frozen=True)
class TownMention:
    """A town (镇) named in a text; `under` is the place mention it follows directly, if any."""

    start: int
    end: int
    name: str
    under: PlaceMention | None


def _blocked(text: str, start: int, end: int) -> bool:
    if text[end - 1] in DIRECTION_END and end < len(text) and text[end] in SIDE_AFTER:
        return True
    if text.startswith(REGION_AFTER, end):
        return True
    if text[start] not in BLOCK_FIRST_CHARS:
        return False
    key = text[start:end]
    after = BLOCK_AFTER.get(key)
    if after and text.startswith(after, end):
        return True
    before = BLOCK_BEFORE.get(key)
    return bool(before and any(text.endswith(b, 0, start) for b in before))


def _scan(norm: str) -> list[tuple[int, int, str, tuple[PlaceEntry, ...]]]:
    """Longest dictionary matches, left to right, extended by a zone suffix when present."""
    gaz = load_gazetteer()
    found = []
    pos = 0
    for i, end in gaz.index.scan(norm, _blocked):
        if i < pos:
            continue  # swallowed by the zone suffix of the previous match
        entries = gaz.names[norm[i:end]]
        if entries[0].level != "park":
            suffix = ZONE_SUFFIX_RE.match(norm, end)
            if suffix:
                entries = _zone_entries(norm[i:end], suffix.group(), entries)
                end = suffix.end()
        found.append((i, end, norm[i:end], entries))
        pos = end
    return _county_by_office(norm, found)


def _county_by_office(norm: str, found: list) -> list[tuple[int, int, str, tuple[PlaceEntry, ...]]]:
    """A county's short name that is also a word (云霄, 公安) is left out of the dictionary or
    needs context; right before a county office word (云霄全县, 公安县委) it names the county."""
    names = load_gazetteer().names
    for m in COUNTY_OFFICE_RE.finditer(norm):
        entries = names.get(m.group(1) + "县")
        if not entries:
            continue
        span = (m.start(1), m.end(1))
        overlap = [f for f in found if f[0] < span[1] and span[0] < f[1]]
        if any(f[:2] != span for f in overlap):
            continue  # part of a longer name
        found = [f for f in found if f not in overlap] + [
            (m.start(1), m.end(1), m.group(1), tuple(replace(e, gated=False) for e in entries))]
    return sorted(found, key=lambda f: f[0])


def _scan_english(norm: str) -> list[tuple[int, int, str, tuple[PlaceEntry, ...]]]:
    """Places written in English (Chengdu High-tech Zone), same shape as _scan's output."""
    pattern, places, suffixes = load_english()
    names = load_gazetteer().names
    found = []
    for run in LATIN_RUN_RE.finditer(norm):
        for m in pattern.finditer(norm, run.start(), run.end()):
            zh = places[" ".join(m.group(1).lower().split())]
            entries = names.get(normalize_name(zh))
            if not entries:
                continue
            entries = tuple(replace(e, gated=False) for e in entries)
            if m.group(2):
                suffix = suffixes[" ".join(m.group(2).lower().split())]
                own = entries[0].district or entries[0].city or entries[0].province
                entries = _zone_entries(own, suffix, entries)
            found.append((m.start(), m.end(), m.group(), entries))
    districts = load_english_districts()
    for m in EN_DIVISION_RE.finditer(norm):
        zh = districts.get(" ".join(m.group().lower().split()))
        entries = names.get(normalize_name(zh)) if zh else None
        if not entries or any(s < m.end() and m.start() < e for s, e, _, _ in found):
            continue
        found.append((m.start(), m.end(), m.group(), tuple(replace(e, gated=False) for e in entries)))
    return found


def _zone_entries(place: str, suffix: str,
                  bases: tuple[PlaceEntry, ...]) -> tuple[PlaceEntry, ...]:
    """Entries for '<place><suffix>': a known zone if one matches, else a park named as
    written with the short suffix (安庆市高新技术产业开发区 -> 安庆高新区)."""
    zones = load_gazetteer().zones
    core = suffix.removeprefix("国家级").removeprefix("国家").removeprefix("市")
    core = SUFFIX_CANON.get(core, core)
    out = []
    for base in bases:
        own = base.district or base.city or base.province
        written = place[:-1] if base.level == "city" and place.endswith("市") else place
        known = zones.get(f"{own}{core}") or zones.get(f"{written}{core}")
        if known and known.province == base.province:
            out.append(known)
        elif base.level == "province" and base.city is None:  # 台湾工业园 in 衡阳: a theme
            out.append(PlaceEntry(None, None, None, f"{written}{core}", "park"))
        else:  # the suffix shows a place is meant: a short form needs no other context
            out.append(replace(base, park=f"{written}{core}", level="park", gated=False))
    return tuple(out)


def _resolve(found, norm_text: str) -> list[tuple[int, int, str, PlaceEntry]]:
    """Pick one entry per match: gated names need context; ambiguous ones use nearby places.

    Context is what other surfaces establish: a province or city named by a different
    surface (北京 for 朝阳) supports a candidate; a name never supports itself."""
    cities: dict[str, list[tuple]] = {}
    provinces: dict[str, set[tuple]] = {}
    districts: set[tuple[str, str]] = set()  # (district, surface) named without doubt
    for start, end, surface, entries in found:
        if norm_text.startswith(MEDIA_AFTER, end) and len({(e.province, e.city, e.district) for e in entries}) == 1:
            entries = tuple(replace(e, gated=False) for e in entries)
            districts.add((entries[0].district, MEDIA_AFTER[0]))  # backs the same name elsewhere
        solid = [e for e in entries if not e.gated]
        if solid and len({(e.province, e.city) for e in solid}) == 1:
            e = solid[0]
            provinces.setdefault(e.province, set()).add((surface, e.city))
            if e.city:
                cities.setdefault(e.city, []).append((start, surface, e.district))
            if e.district and len(solid) == 1:
                districts.add((e.district, surface))

    def supported(e: PlaceEntry, start: int, surface: str) -> bool:
        """Another surface names e's city (near e if e is a short form) or e itself."""
        if e.gated and any(d == e.district and s != surface for d, s in districts):
            return True  # 巴南区 ... 巴南
        near = CONTEXT_WINDOW if e.gated else None
        return any(s != surface and (inner is None or inner != e.district)
                   and (near is None or abs(pos - start) <= near)
                   for pos, s, inner in cities.get(e.city or "", ()))

    out = []
    prev_end, prev_entry = -1, None
    for start, end, surface, entries in found:
        if len(entries) == 1 and not entries[0].gated:  # the common case: nothing to decide
            out.append((start, end, surface, entries[0]))
            prev_end, prev_entry = end, entries[0]
            continue

        def score(e: PlaceEntry) -> tuple:
            adjacent = prev_entry is not None and prev_end == start and (
                e.province == prev_entry.province
                and (prev_entry.city is None or e.city == prev_entry.city))
            if e.level in ("district", "park"):
                context = supported(e, start, surface)
            elif e.level == "city":
                context = any(s != surface and c != e.city
                              for s, c in provinces.get(e.province or "", ()))
            else:
                context = False
            return (adjacent, context, not e.gated, -LEVEL_RANK[e.level])

        if norm_text.startswith(INSTITUTION_AFTER, end):
            entries = [e for e in entries if not e.gated]
        elif norm_text.startswith(MEDIA_AFTER, end) and len({(e.province, e.city, e.district) for e in entries}) == 1:
            entries = [replace(e, gated=False) for e in entries]
        # a short district form inside a city of the same name is that city (宜宾 -> 宜宾)
        own_cities = {e.city for e in entries if e.level == "city" and not e.gated}
        entries = [e for e in entries if not (e.gated and e.level == "district"
                                              and e.city in own_cities)]
        usable = [e for e in entries if not e.gated or score(e)[:2] != (False, False)]
        if not usable:
            continue
        scores = {e: score(e) for e in usable}
        usable.sort(key=scores.__getitem__, reverse=True)
        best = usable[0]
        ties = [e for e in usable[1:] if scores[e] == scores[best]]
        if ties:
            best = _merge([best, *ties])
            if best is None:
                continue
        out.append((start, end, surface, best))
        prev_end, prev_entry = end, best
    return out


def _bare_zones(norm: str, resolved: list) -> list[tuple[int, int, str, PlaceEntry]]:
    """Bare zone words (高新区) resolved to the zone of that kind named in the text."""
    parks = [(start, e) for start, _, _, e in resolved if e.park]
    if not parks:
        return []
    taken = [(s, e) for s, e, _, _ in resolved]
    out = []
    for m in BARE_ZONE_RE.finditer(norm):
        if m.start() > 0 and norm[m.start() - 1] not in BARE_ZONE_BEFORE and not (
                "\u3040" <= norm[m.start() - 1] <= "\u309f"):  # hiragana particles are fine
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        kind = [(start, e) for start, e in parks if e.park.endswith(m.group())]
        before = [e for start, e in kind if start < m.start()]
        pick = before[-1] if before else (kind[0][1] if len({e.park for _, e in kind}) == 1
                                          else None)
        if pick is not None:
            out.append((m.start(), m.end(), m.group(), pick))
    return out


def _join_adjacent(resolved: list, norm: str) -> list:
    """A zone named right after its city or district ("佛山三水乐平工业园区", "衡阳台湾工业园",
    "武汉江夏经济开发区") lies there: it takes that place's hierarchy, and a zone that is not
    a known one keeps the written prefix in its name (a province-named zone such as
    台湾工业园 is a theme, not its province)."""
    zones = load_gazetteer().zones
    out = list(resolved)
    for k in range(1, len(out)):
        p_start, p_end, p_surface, prev = out[k - 1]
        start, end, surface, entry = out[k]
        if (p_end != start and not norm[p_end:start].isspace()) or entry.level != "park" or (
                prev.level not in ("city", "district")):
            continue
        if LATIN_RUN_RE.match(p_surface):  # Ordos Jiangsu Industrial Park: the Chinese name
            prefix = (prev.district or prev.city or "").removesuffix("市")
        else:
            prefix = normalize_name(p_surface[:-1] if p_surface.endswith("市") else p_surface)
        if entry.province == prev.province and entry.city == prev.city:
            if entry.park in zones or entry.park.startswith(prefix):
                continue
            park = prefix + entry.park  # 武汉 + 江夏经济开发区, as the text names it
        elif entry.city is None:
            park = prefix + entry.park  # a theme named after a province: 衡阳 + 台湾工业园
        else:
            park = entry.park  # a same-named place elsewhere: 三水 + 乐平工业园区 (not 江西's 乐平)
        district = prev.district or (entry.district if entry.city == prev.city else None)
        out[k] = (start, end, surface, PlaceEntry(prev.province, prev.city, district, park, "park"))
    return out


def _merge(entries: list[PlaceEntry]) -> PlaceEntry | None:
    """Keep only what ambiguous candidates agree on (鼓楼区 -> district only)."""
    first = entries[0]
    if any(e.level != first.level for e in entries):
        return None
    same = lambda attr: getattr(first, attr) if all(  # noqa: E731
        getattr(e, attr) == getattr(first, attr) for e in entries) else None
    if first.gated:
        return None
    return PlaceEntry(same("province"), same("city"), same("district"), same("park"), first.level)


def find_places(text: str) -> list[PlaceMention]:
    """All place mentions in text order, longest match, offsets into the original text."""
    return list(_find(text))


@lru_cache(maxsize=16)
def _find(text: str) -> tuple[PlaceMention, ...]:
    """Cached: the deal extractor and the party finder both ask for the same article."""
    norm = normalize(text)
    found = _scan(norm.text)
    if LATIN_RUN_RE.search(norm.text):
        found = sorted(found + _scan_english(norm.text), key=lambda f: f[0])
    resolved = _join_adjacent(_resolve(found, norm.text), norm.text)
    resolved = sorted(resolved + _bare_zones(norm.text, resolved), key=lambda r: r[0])
    mentions = []
    for start, end, surface, entry in resolved:
        o_start, o_end = norm.span(start, end)
        mentions.append(PlaceMention(
            o_start, o_end, text[o_start:o_end], entry.province, entry.city,
            entry.district, entry.park, entry.level))
    return tuple(mentions)


def written_county_city(m: PlaceMention) -> str | None:
    """'长乐市' when a district mention is written as the county-level city it used to be
    (长乐市 before it became 长乐区): the text names a county-level city."""
    written = normalize_name(m.surface)
    if m.level != "district" or not m.district or m.district.endswith("市") or not written.endswith("市"):
        return None
    return written if len(written) >= 3 and not written.startswith(m.city or "\0") else None


def find_towns(text: str) -> list[TownMention]:
    """Towns (镇) in text order: those written right after a city or county (曲阜市防山镇),
    then those standing alone (三乡镇, 在月山镇举行); offsets into the original text."""
    norm = normalize(text)
    places = [m for m in _find(text) if m.level in ("city", "district")]
    out: dict[int, TownMention] = {}
    for m in places:
        start = _norm_index(norm, m.end)
        hit = TOWN_AFTER_PLACE_RE.match(norm.text, start) if start is not None else None
        if hit and _town_name(hit.group()[:-1]):
            o_start, o_end = norm.span(hit.start(), hit.end())
            out[hit.start()] = TownMention(o_start, o_end, normalize_name(hit.group()), m)
    for hit in TOWN_ALONE_RE.finditer(norm.text):
        if not _town_name(hit.group(1)) or any(s <= hit.start(1) < s + len(t.name) for s, t in out.items()):
            continue
        o_start, o_end = norm.span(hit.start(1), hit.end())
        out[hit.start(1)] = TownMention(o_start, o_end, hit.group(1) + "镇", None)
    return [out[k] for k in sorted(out)]


def find_unknown_zones(text: str) -> list[ZoneMention]:
    """Zones the gazetteer does not know, in text order, outside the known place mentions;
    offsets into the original text (normalised names)."""
    norm = normalize(text)
    ntext = norm.text
    places = list(_find(text))
    spans = [(_norm_index(norm, m.start), _norm_index(norm, m.end), m) for m in places]
    by_end = {e: m for _, e, m in spans if e is not None}
    out = []
    for hit in UNKNOWN_ZONE_RE.finditer(ntext):
        if any(a is not None and a < hit.end() and hit.start() < b for a, b, _ in spans):
            continue
        start = hit.start()
        while (start > 0 and hit.start() - start < UNKNOWN_ZONE_MAX_NAME and start not in by_end
               and "\u4e00" <= ntext[start - 1] <= "\u9fff" and ntext[start - 1] not in UNKNOWN_ZONE_STOP):
            start -= 1
        core = hit.start() - start
        under = by_end.get(start)
        if core < 2 or (hit.group() == "新城" and under is None) or (hit.group() == "园区" and core < 3):
            continue
        if start > 0 and under is None and "\u4e00" <= ntext[start - 1] <= "\u9fff" and (
                ntext[start - 1] not in UNKNOWN_ZONE_STOP):
            continue  # longer than a name: part of a phrase
        o_start, o_end = norm.span(start, hit.end())
        out.append(ZoneMention(o_start, o_end, ntext[start:hit.end()], under))
    return out


def _town_name(name: str) -> bool:
    """A town's name, not a word that ends in 镇 (乡镇, 小镇)."""
    return name[0] not in TOWN_NOT_FIRST and name[-1] not in TOWN_NOT_LAST


def _norm_index(norm: Normalized, original: int) -> int | None:
    """Index in the normalised text of an original offset (identity for Chinese texts)."""
    if norm.offsets is None:
        return original
    try:
        return norm.offsets.index(original)
    except ValueError:
        return None


def resolve_place(name: str) -> PlaceMention | None:
    """Resolve one name (e.g. from a subscription rule); None if it is not a known place.

    A chain such as 四川省成都市 gives its most specific part, spanning the whole name."""
    name = name.strip()
    found = find_places(name)
    if found and found[0].start == 0 and found[-1].end == len(name) and all(
            a.end == b.start for a, b in zip(found, found[1:])):
        last = found[-1]
        return replace(last, start=0, end=len(name), surface=name)
    names = load_gazetteer().names
    entries = next((names[f] for f in sorted(name_forms(name)) if f in names), None)
    if not entries:  # kanji-only Japanese (広州開発区) needs the Japanese table
        ja = next(iter(name_forms(name) - {normalize_name(name)}), None)
        return resolve_place(ja) if ja and ja != name else None
    e = min(entries, key=lambda x: LEVEL_RANK[x.level])  # gated short names: best guess
    return PlaceMention(0, len(name), name, e.province, e.city, e.district, e.park, e.level)


def complete_place(place: dict) -> dict[str, str | None]:
    """Normalised copy of a place dict, with missing parents filled from the gazetteer.

    A county-level city given as `city` (昆山, prefecture 苏州) is put back the gazetteer's
    way, city 苏州 and district 昆山市, so that both 苏州 and 昆山 contain it; a town the
    place named as its district is kept under `town`."""
    full = {k: normalize_name(v) if isinstance(v, str) and v else None
            for k in LEVELS for v in [place.get(k)]}
    county = resolve_place(full["city"]) if full["city"] else None
    if (county is not None and county.level == "district" and county.city and county.city != full["city"]
            and (county.district or "").endswith("市") and full["province"] in (None, county.province)):
        full["town"] = full["district"]
        full["city"], full["district"] = county.city, county.district
    for attr in ("park", "district", "city"):
        if full[attr] and not (full["province"] and full["city"] and full["district"]):
            known = resolve_place(full[attr])
            if known is not None:
                for parent in ("province", "city", "district"):
                    if full[parent] is None and parent != attr:
                        full[parent] = getattr(known, parent)
    return full


_complete = complete_place  # the name alerts/regions.py imports


def place_contains(outer: str, place: dict) -> bool:
    """True if the place dict (province/city/district/park) lies inside the named place."""
    target = resolve_place(outer)
    full = complete_place(place)
    if target is None:
        wanted = normalize_name(outer.strip())
        return wanted in {v for v in full.values() if v}
    for attr in ("province", "city"):
        want = getattr(target, attr)
        if want and full[attr] != want:
            return False
    if target.level in ("province", "city"):
        return True
    want = target.park if target.level == "park" else target.district
    return want in (full["district"], full["park"])
