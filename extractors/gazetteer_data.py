"""Shared seed-data loading and text normalisation for places, parties and industries.

Normalisation maps traditional Chinese and Japanese forms to simplified Chinese while
keeping a map back to offsets in the original text, so matches can cite the source.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml
import zhconv.zhconv as _zhconv

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
GAZETTEER_DIR = SEEDS_DIR / "gazetteer"
DIVISIONS_FILE = GAZETTEER_DIR / "divisions.tsv"
ZONES_FILE = GAZETTEER_DIR / "zones.yaml"
NORMALIZE_FILE = GAZETTEER_DIR / "normalize.yaml"
EN_NAMES_FILE = GAZETTEER_DIR / "en_names.yaml"
EN_CITIES_FILE = GAZETTEER_DIR / "en_cities.yaml"  # generated pinyin city names
EN_DISTRICTS_FILE = GAZETTEER_DIR / "en_districts.yaml"  # generated "<Pinyin> District" names
COMPANIES_FILE = SEEDS_DIR / "parties" / "companies.yaml"
# Latin company aliases this short (GE, LG, UPS) match only in the case the list writes.
SHORT_LATIN_ALIAS = 3
FORTUNE500_FILE = SEEDS_DIR / "parties" / "fortune500.yaml"

log = logging.getLogger(__name__)

# Provinces that are also their own city (a district there has city = province).
CITY_PROVINCES = frozenset({"北京", "天津", "上海", "重庆", "香港", "澳门"})
# Short names that are also ordinary words or famous non-place uses: only kept when their
# own province is mentioned in the text or the surface carries 市.
CONTEXT_ONLY_NAMES = frozenset({
    "东方", "中山", "安康", "阿里", "海西", "红河", "怒江", "普洱", "吉安", "白银", "三明",
    "大同", "海东", "玉树", "兴安", "通化", "山南", "长治", "永安", "吉首", "南平", "江门",
})
# Two-character district short forms (巴南 for 巴南区) count only if their city is named.
SHORT_DISTRICT_MAX_LEN = 2
LEVEL_RANK = {"province": 0, "city": 1, "park": 2, "district": 3}
# Official district names that are also plain words (城区 exists in five cities): gated.
GENERIC_DISTRICT_NAMES = frozenset({
    "城区", "郊区", "矿区", "东区", "西区", "新区", "南区", "北区", "市中区", "城中区", "城东区",
    "城西区", "城北区", "城南区", "新城区", "老城区", "开发区", "高新区", "中心区", "市辖区",
})
# Kana mark a Japanese text: only then are the Japanese tables applied.
KANA_RE = re.compile(r"[\u3040-\u30ff]")
# Full-width ASCII block (（）Ａ１...) folds to ASCII; same length, so offsets stay.
FULLWIDTH_START, FULLWIDTH_END, FULLWIDTH_SHIFT = 0xFF01, 0xFF5E, 0xFEE0


@dataclass(frozen=True)
class Division:
    """One row of divisions.tsv: canonical name, level, parents and alternative surfaces."""

    code: str
    level: str
    name: str
    province: str
    city: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Normalized:
    """Simplified-Chinese view of a text; offsets[i] is the original index of char i."""

    text: str
    offsets: tuple[int, ...] | None  # None when the mapping is the identity
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original text."""
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end]


@cache
def load_yaml(path: Path) -> Any:
    """Parse a seed YAML file once per process."""
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def load_divisions() -> tuple[Division, ...]:
    """All provinces, cities and districts from the generated divisions.tsv."""
    rows: list[Division] = []
    with DIVISIONS_FILE.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "code\t")) or not line.strip():
                continue
            code, level, name, province, city, aliases = line.rstrip("\n").split("\t")
            rows.append(Division(code, level, name, province, city or None,
                                 tuple(a for a in aliases.split("|") if a)))
    return tuple(rows)


@cache
def _protected_chars() -> frozenset[str]:
    """Characters of official place names: never rewritten (乾县 must not become 干县)."""
    chars: set[str] = set()
    for div in load_divisions():
        chars.update(div.name)
        for alias in div.aliases:
            chars.update(alias)
    return frozenset(chars)


@cache
def _char_tables() -> tuple[dict[int, str], dict[int, str]]:
    """(zh table, ja table) for str.translate: traditional->simplified, plus ja shinjitai."""
    protected = _protected_chars()
    table: dict[int, str] = {}
    for src, dst in _zhconv.getdict("zh-cn").items():
        if len(src) == 1 and len(dst) == 1 and src != dst and src not in protected:
            table[ord(src)] = dst
    for code in range(FULLWIDTH_START, FULLWIDTH_END + 1):
        table[code] = chr(code - FULLWIDTH_SHIFT)
    table[0x3000] = " "
    ja_table = dict(table)
    for src, dst in (load_yaml(NORMALIZE_FILE).get("ja_chars") or {}).items():
        if src != dst:
            ja_table[ord(src)] = dst
    return table, ja_table


@cache
def _ja_phrase_re() -> tuple[re.Pattern[str], dict[str, str]]:
    phrases: dict[str, str] = load_yaml(NORMALIZE_FILE).get("ja_phrases") or {}
    keys = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))), phrases


@lru_cache(maxsize=32)
def normalize(text: str) -> Normalized:
    """Simplified-Chinese form of text with offsets back into it (Japanese words rewritten).

    Cached: places, parties and industries all normalise the same article."""
    return _normalize(text)


def _normalize(text: str) -> Normalized:
    """normalize() without the cache (for short names: they would push articles out of it)."""
    zh_table, ja_table = _char_tables()
    if not KANA_RE.search(text):
        return Normalized(text.translate(zh_table), None, len(text))
    pattern, phrases = _ja_phrase_re()
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for match in pattern.finditer(text):
        chunk = text[pos:match.start()]
        pieces.append(chunk)
        offsets.extend(range(pos, match.start()))
        repl = phrases[match.group()]
        pieces.append(repl)
        offsets.extend([match.start()] * len(repl))
        pos = match.end()
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return Normalized("".join(pieces).translate(ja_table), tuple(offsets), len(text))


def normalize_name(name: str) -> str:
    """Normalised form of a single name (seed surfaces are normalised the same way as text)."""
    return _normalize(name).text


def name_forms(name: str) -> set[str]:
    """A seed surface as it reads after normalising a Chinese and a Japanese text: a
    kanji-only Japanese keyword (知恵医療) must match both ways."""
    zh_table, ja_table = _char_tables()
    return {normalize_name(name), name.translate(ja_table)}


@cache
def load_zones() -> dict[str, Any]:
    """The hand-written zone table (zones.yaml)."""
    return load_yaml(ZONES_FILE)


@dataclass(frozen=True)
class PrefixIndex:
    """Dictionary matcher: longest key at each position, found by a two-character prefix."""

    keys: frozenset[str]
    lengths: dict[str, tuple[int, ...]]
    # A key's first character followed by a second character of some key: the regex engine
    # skips most of a text, Python checks the exact two-character prefix only where it stops.
    start_re: re.Pattern[str]

    @classmethod
    def build(cls, keys) -> "PrefixIndex":
        keys = frozenset(k for k in keys if len(k) >= 2)
        lengths: dict[str, set[int]] = {}
        for key in keys:
            lengths.setdefault(key[:2], set()).add(len(key))
        firsts = "".join(sorted({k[0] for k in keys}))
        seconds = "".join(sorted({k[1] for k in keys}))
        start_re = (re.compile("[" + re.escape(firsts) + "](?=[" + re.escape(seconds) + "])")
                    if firsts else re.compile(r"(?!)"))
        return cls(keys, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
                   start_re)

    def scan(self, text: str,
             reject: Callable[[str, int, int], bool] | None = None) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) of the longest keys, left to right."""
        out: list[tuple[int, int]] = []
        keys, lengths, n = self.keys, self.lengths, len(text)
        pos = 0
        for m in self.start_re.finditer(text):
            i = m.start()
            if i < pos:
                continue
            for length in lengths.get(text[i:i + 2], ()):
                j = i + length
                if j <= n and text[i:j] in keys and not (reject and reject(text, i, j)):
                    out.append((i, j))
                    pos = j
                    break
        return out


@dataclass(frozen=True)
class PlaceEntry:
    """One reading of a place name: the hierarchy it stands for."""

    province: str | None
    city: str | None
    district: str | None
    park: str | None
    level: str
    gated: bool = False  # needs its city/province elsewhere in the text


@dataclass(frozen=True)
class Gazetteer:
    """All place names (normalised) -> readings, their prefix index, and the zone table."""

    names: dict[str, tuple[PlaceEntry, ...]]
    index: PrefixIndex
    zones: dict[str, PlaceEntry]


def _division_entry(div: Division, gated: bool = False) -> PlaceEntry:
    if div.level == "province":
        city = div.name if div.name in CITY_PROVINCES else None
        return PlaceEntry(div.name, city, None, None, "province", gated)
    if div.level == "city":
        return PlaceEntry(div.province, div.name, None, None, "city", gated)
    return PlaceEntry(div.province, div.city, div.name, None, "district", gated)


def _zone_records() -> list[tuple[str, str, str | None, list[str], bool]]:
    """(name, at, district, aliases, has_district_key): named zones first, then prefixes."""
    data = load_zones()
    out = []
    for z in data.get("zones") or []:
        out.append((z["name"], z["at"], z.get("district"), list(z.get("aliases") or []),
                    "district" in z))
    for p in data.get("ftz_provinces") or []:
        out.append((f"{p}自贸试验区", p, None, [f"中国({p})自由贸易试验区", f"{p}自由贸易试验区",
                                               f"{p}自贸区"], False))
    for p in data.get("hitech_prefixes") or []:
        out.append((f"{p}高新区", p, None, [f"{p}高新技术产业开发区", f"{p}国家高新区",
                                             f"{p}国家高新技术产业开发区", f"{p}市高新区"], False))
    for p in data.get("etdz_prefixes") or []:
        out.append((f"{p}经开区", p, None, [f"{p}经济技术开发区", f"{p}国家经开区", f"{p}开发区",
                                             f"{p}市经开区", f"{p}国家级经济技术开发区"], False))
    return out


@cache
def load_gazetteer() -> Gazetteer:
    """Build the name index once per process from the shipped seed files."""
    names: dict[str, list[PlaceEntry]] = {}
    for div in load_divisions():
        gated = div.name in CONTEXT_ONLY_NAMES or div.name in GENERIC_DISTRICT_NAMES
        names.setdefault(div.name, []).append(_division_entry(div, gated))
        for alias in div.aliases:
            short = div.level == "district" and len(alias) <= SHORT_DISTRICT_MAX_LEN
            gated = short or alias in CONTEXT_ONLY_NAMES
            names.setdefault(normalize_name(alias), []).append(_division_entry(div, gated))
    zones: dict[str, PlaceEntry] = {}
    for name, at, district, aliases, explicit in _zone_records():
        anchors = names.get(normalize_name(at)) or []
        anchors = sorted(anchors, key=lambda e: (e.gated, LEVEL_RANK[e.level]))
        if not anchors:
            log.warning("zone %s: unknown place %s in zones.yaml", name, at)
            continue
        base = anchors[0]
        if not explicit:
            district = base.district
        entry = PlaceEntry(base.province, base.city, district, normalize_name(name), "park")
        # a prefix expansion of a zone already named (江宁经开区) only adds aliases to it
        entry = zones.get(normalize_name(name), entry)
        for surface in [name, *aliases]:
            key = normalize_name(surface)
            if key in zones:
                continue  # named zones come first and win over prefix expansions
            zones[key] = entry
    for key, entry in zones.items():
        names[key] = [entry]  # a zone name is never also a division
    return Gazetteer({k: tuple(v) for k, v in names.items()}, PrefixIndex.build(names), zones)


@cache
def load_english() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """(pattern, lower English place -> Chinese name, lower zone phrase -> Chinese suffix)."""
    data = load_yaml(EN_NAMES_FILE)
    generated = load_yaml(EN_CITIES_FILE).get("places") or {}
    places = {k.lower(): v for k, v in {**generated, **(data.get("places") or {})}.items()}
    suffixes = {k.lower(): v for k, v in (data.get("zone_suffixes") or {}).items()}

    def alternation(keys) -> str:
        ordered = sorted(keys, key=len, reverse=True)
        return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered)
    pattern = re.compile(rf"(?<![A-Za-z])({alternation(places)})(?:\s+({alternation(suffixes)}))?"
                         r"(?![A-Za-z])", re.IGNORECASE)
    return pattern, places, suffixes


@cache
def load_english_districts() -> dict[str, str]:
    """Lower-case "<pinyin> district|county|banner|city" -> district name (Kunshan City -> 昆山市)."""
    data = load_yaml(EN_DISTRICTS_FILE).get("districts") or {}
    return {k.lower(): v for k, v in data.items()}


@dataclass(frozen=True)
class Company:
    """A company of the shipped lists."""

    name: str
    country: str
    fortune500: bool


@dataclass(frozen=True)
class CompanyLists:
    """Known companies by normalised Han alias and lowercased Latin alias; stock codes."""

    han: dict[str, Company]
    han_index: PrefixIndex
    latin: dict[str, Company]  # lowercased
    latin_re: re.Pattern[str]
    codes: dict[str, str]
    # latin_re cut by a name's first word (lower-cased): where a text's word is one of these,
    # its own pattern finds what latin_re would find there. None when a name has no first word.
    latin_by_word: dict[str, re.Pattern[str]] | None = None


def _alternation(keys) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


# The first word of a lower-cased Latin company name (at&t -> at, 3m -> 3m).
LATIN_FIRST_WORD_RE = re.compile(r"[a-z0-9]+")


def _latin_pattern(any_case, as_written) -> re.Pattern[str]:
    """Whole-word pattern of Latin names: any_case (lower-cased keys) in any case first, then
    the short ones only as written (both longest first)."""
    alternatives = [f"(?i:{_alternation(any_case)})"] if any_case else []
    alternatives += [_alternation(as_written)] if as_written else []
    return re.compile(r"(?<![\w&])(?:" + "|".join(alternatives) + r")(?![\w&])")


def _latin_by_word(any_case: list[str], as_written: list[str]) -> dict[str, re.Pattern[str]] | None:
    """_latin_pattern per first word of the names; None if a name does not open with a word."""
    groups: dict[str, tuple[list[str], list[str]]] = {}
    for names, side in ((any_case, 0), (as_written, 1)):
        for name in names:
            first = LATIN_FIRST_WORD_RE.match(name.lower())
            if first is None:
                return None
            groups.setdefault(first.group(), ([], []))[side].append(name)
    return {word: _latin_pattern(*pair) for word, pair in groups.items()}


@cache
def load_companies() -> CompanyLists:
    """Known companies (fortune500.yaml + companies.yaml) indexed by normalised alias."""
    han: dict[str, Company] = {}
    latin: dict[str, Company] = {}
    exact: dict[str, str] = {}  # short Latin aliases (GE, LG, hp?) match only as written
    for path, f500 in ((FORTUNE500_FILE, True), (COMPANIES_FILE, False)):
        for row in load_yaml(path).get("companies") or []:
            company = Company(row["name"], row.get("country", "CN"), f500)
            for alias in [row["name"], *(row.get("aliases") or [])]:
                alias = str(alias)
                if re.fullmatch(r"[\x00-\x7f]+", alias):
                    latin.setdefault(alias.lower(), company)
                    if len(alias) <= SHORT_LATIN_ALIAS:
                        exact.setdefault(alias.lower(), alias)
                else:
                    for form in name_forms(alias):
                        han.setdefault(form, company)
    any_case = [k for k in latin if k not in exact]
    as_written = list(exact.values())
    codes = {str(k): v for k, v in (load_yaml(COMPANIES_FILE).get("stock_codes") or {}).items()}
    return CompanyLists(han, PrefixIndex.build(han), latin, _latin_pattern(any_case, as_written), codes,
                        _latin_by_word(any_case, as_written))


@cache
def load_jieba():
    """The jieba tokenizer with our parks (ns) and companies (nt) added; once per process."""
    import jieba  # heavy import (about 0.8 s with the dictionary): only when first needed

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    gaz = load_gazetteer()
    for name, entries in gaz.names.items():
        if len(name) >= 3 and not entries[0].gated:
            jieba.add_word(name, freq=2000, tag="ns")
    for name in load_companies().han:
        jieba.add_word(name, freq=2000, tag="nt")
    return jieba


@cache
def load_word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag per dictionary word (read once; posseg is never run)."""
    load_jieba()
    import jieba.posseg

    tags = dict(jieba.posseg.dt.word_tag_tab)
    tags.update(jieba.dt.user_word_tag_tab)
    return tags


def preload() -> None:
    """Load every table and jieba now (about 1.5 s), so the first article is not slow."""
    load_gazetteer()
    load_english()
    load_companies()
    load_word_tags()
