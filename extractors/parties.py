"""Company mentions: known-company lists, stock codes and legal-form suffix rules.

Cascade: normalise (traditional/Japanese -> simplified, offsets kept); match the shipped
company lists; read stock-code mentions ("中国电信(601728)"); find names ending in a legal
form (有限公司, 集团, 株式会社, Inc.), their left edge found with jieba on Chinese text and
by script boundaries on Japanese text (jieba is never run on Japanese).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.gazetteer_data import (
    KANA_RE, SEEDS_DIR, Company, CompanyLists, load_companies, load_gazetteer, load_jieba, load_word_tags,
    load_yaml, normalize, normalize_name,
)

log = logging.getLogger(__name__)

# Chinese legal forms that end a company name (longest first; 集团 is kept in the name).
# A parenthetical before the legal form names a country, a city or 集团: 芯衡科技(合肥)有限公司.
PAREN_FORM = r"\((?:中国|China|[\u4e00-\u9fff]{2,4})\)"
PAREN_BEFORE_FORM = f"(?:{PAREN_FORM})?"
ZH_LEGAL_FORMS = (r"集团股份有限公司|集团有限责任公司|集团有限公司|股份有限公司|"
                  r"有限责任公司|有限公司|集团公司|控股集团|集团|株式会社|公司")
# Written as one flat alternation (with the parenthetical first, as PAREN_BEFORE_FORM + forms
# would try it), so that every branch opens with a literal and the regex engine skips ahead
# to the few characters that can start a match.
ZH_SUFFIX_RE = re.compile(f"{PAREN_FORM}(?:{ZH_LEGAL_FORMS})|{ZH_LEGAL_FORMS}")
# Legal forms dropped from the reported name (集团 stays: 高金富恒集团).
LEGAL_FORMS_RE = re.compile(
    PAREN_BEFORE_FORM + r"(?:股份有限公司|有限责任公司|有限公司|集团公司|株式会社|公司)$")
# Latin company names ending in a legal form: "Sichuan Em Technology Co.Ltd", "Foo GmbH".
# (The name is written capital-first, up to six more capitalised words after it, so that the
# regex engine skips to capitals; the same matches as (?:[A-Z]X*\.?\s+){0,6}[A-Z]X*.)
LATIN_COMPANY_RE = re.compile(
    r"([A-Z](?:[\w&'\-]*\.?\s+[A-Z]){0,6}[\w&'\-]*)\s*,?\s*"
    r"(Co\.?,?\s*Ltd\.?|Company Limited|Corporation Limited|Inc\.|Inc\b|Corporation|Corp\.|"
    r"GmbH|AG\b|S\.A\.|N\.V\.|plc\b|PLC\b|LLC\b|Limited\b|Ltd\.?)")
# What every LATIN_COMPANY_RE match contains (its legal form): without it, it is not run.
LATIN_FORM_HINT_RE = re.compile(r"Co|Inc|Corp|GmbH|AG|S\.A\.|N\.V\.|plc|PLC|LLC|Limited|Ltd")
# Stock codes after a name: 中国电信(601728), 腾讯(00700.HK), 比亚迪(SZ002594),
# Foo Co.Ltd(601208), 腾讯控股(HK:00700).
STOCK_CODE_RE = re.compile(
    r"[(]\s*(?:股票代码[:：]?\s*)?(?:S[HZ]|BJ|HK[:：]?\s*)?"
    r"(\d{6}|\d{4,5}(?=\.HK)|(?<=HK:)\d{4,5}|(?<=HK)\d{4,5})(?:\.(?:SH|SZ|BJ|HK))?\s*[)]")
# An unknown six-digit code counts only with an exchange prefix (沪 60/68/90, 深 00/30/20,
# 北 43/83/87/92) and a name of at least this many characters before it (面积(123456) is not).
A_SHARE_PREFIXES = ("60", "68", "90", "00", "30", "20", "43", "83", "87", "92")
MIN_STOCK_NAME_CHARS = 3
# Latin text immediately before a stock code that can be a name.
LATIN_NAME_BEFORE_RE = re.compile(r"([A-Z][\w&'.,\- ]{1,80}?)\s*$")
# Left edge: never cross these characters when looking for the start of a name.
BOUNDARY_RE = re.compile(r"[^\u4e00-\u9fff\u30a0-\u30ffA-Za-z·&()]")
JA_BOUNDARY_RE = re.compile(r"[^\u4e00-\u9fff\u30a0-\u30ffA-Za-z·&()]|[\u3040-\u309f]")
MAX_NAME_CHARS = 20
MIN_CORE_CHARS = 2
RULES_FILE = SEEDS_DIR / "parties" / "rules.yaml"
_RULES = load_yaml(RULES_FILE)
# Word lists (see rules.yaml for what each catches).
LEFT_STOP_TOKENS = frozenset(_RULES["left_stop_tokens"].split())
GENERIC_WORDS = tuple(sorted(_RULES["generic_words"].split(), key=len, reverse=True))
GENERIC_SET = frozenset(GENERIC_WORDS)
# Category words one after the other, each the longest that fits there (atomic: no other
# reading is tried), as when stripping them from the left one at a time.
GENERIC_RUN_RE = re.compile("(?:(?>" + "|".join(map(re.escape, GENERIC_WORDS)) + "))*")
CATEGORY_BEFORE_SUFFIX = tuple(_RULES["category_before_suffix"].split())
NO_BARE_MATCH = frozenset(_RULES["no_bare_match"].split())
FOREIGN_COUNTRIES = tuple(_RULES["foreign_countries"].split())
# Katakana run: a katakana alias must not sit inside a longer katakana word (デル in モデル).
KATAKANA_RE = re.compile(r"[\u30a0-\u30ff]")
# jieba tags (of words of 2+ characters) that end a name on its left: adverbs,
# prepositions, conjunctions, particles, pronouns, numerals, measure, time and direction
# words, idioms. A verb ends it too unless it is right before the suffix (天穹导航公司) or
# a place name further left opens the name (广州青春再造医学科技有限公司).
HARD_STOP_TAGS = ("d", "p", "c", "u", "r", "m", "q", "t", "f", "y", "e", "o", "l", "i")
# A known name followed by 业 is an industry word (中国银行业, 中国建筑业).
INDUSTRY_AFTER = "业"
# Cues before a name (within the same clause) that mark a Fortune Global 500 company.
FORTUNE_CUE_RE = re.compile(r"(?:世界|全球|财富世界)\s*500\s*强|Fortune Global 500")
FORTUNE_CUE_WINDOW = 14
# Countries whose firms are not foreign investors (港澳台资 are counted apart from 外资).
DOMESTIC_COUNTRIES = frozenset({"CN", "HK", "MO", "TW"})
# Legal forms that only foreign companies carry (Chinese firms' "Co., Ltd." does not count).
FOREIGN_FORMS_RE = re.compile(r"株式会社|GmbH|\bInc\b|\bAG\b|S\.A\.|N\.V\.|\bplc\b|\bLLC\b|K\.K\.")
# jieba tags a whole company core may carry (nouns, names, abbreviations, Latin words).
NAME_TAGS = ("n", "j", "x", "eng")
# A company found by its suffix is also named by its stem elsewhere (高金富恒集团 -> 高金富恒).
STEM_TAIL_RE = re.compile(r"(?:集团|控股|股份)$")
MIN_STEM_CHARS = 3
# A parenthesised part of a name, ignored for list lookups: 比亚迪(BYD)集团 -> 比亚迪.
PAREN_RE = re.compile(r"\([^)]*\)")
# Runs of Latin text: the only places the (slower) Latin alias pattern is run.
LATIN_RUN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'.,\- ]*[A-Za-z0-9.]|[A-Za-z]")
# Words of a Latin run (lower-cased, and as written): where listed Latin names can start.
LATIN_WORD_RE = re.compile(r"[a-z0-9]+")
LATIN_CASED_WORD_RE = re.compile(r"[A-Za-z0-9]+")
# A fortune cue counts only within the clause of the name.
CLAUSE_END_RE = re.compile(r"[。!?;!?;\n]")


@dataclass(frozen=True)
class PartyMention:
    """A company named in a text: offsets into the original text and its canonical name."""

    start: int
    end: int
    name: str
    stock_code: str | None
    fortune500: bool
    foreign: bool


def _reject_known(text: str, i: int, j: int) -> bool:
    """A katakana alias inside a longer katakana word (デル in モデル) is not a match."""
    return bool((KATAKANA_RE.match(text[i]) and i > 0 and KATAKANA_RE.match(text[i - 1])) or
                (KATAKANA_RE.match(text[j - 1]) and KATAKANA_RE.match(text, j)))


@lru_cache(maxsize=4096)
def _known(name: str) -> Company | None:
    """Look a name up in the lists, also without legal form, 集团, or a country prefix."""
    han = load_companies().han
    candidates = [name, LEGAL_FORMS_RE.sub("", name)]
    for base in list(candidates):
        for tail in ("集团", "控股", "股份", "(中国)"):
            if base.endswith(tail):
                candidates.append(base[: -len(tail)])
    for base in list(candidates):
        for country in FOREIGN_COUNTRIES:
            if base.startswith(country):
                candidates.append(base[len(country):])
    candidates += [PAREN_RE.sub("", c) for c in candidates if "(" in c]
    for cand in candidates:
        company = han.get(cand) or load_companies().latin.get(cand.lower())
        if company is not None:
            return company
    return _known_with_place(candidates[-1] if candidates else name)


def is_brand_with_place(name: str, place: str) -> bool:
    """A listed company whose own name holds the place (宁德时代, 北京汽车): the place is
    part of the brand there, not where anything is."""
    company = _known(name)
    return company is not None and place in company.name


def _known_with_place(name: str) -> Company | None:
    """A known company followed by a place: 中南高科重庆 (its Chongqing company)."""
    from extractors.places import resolve_place

    han = load_companies().han
    for cut in range(len(name) - 2, 1, -1):
        company = han.get(name[:cut])
        if company is not None and resolve_place(name[cut:]) is not None:
            return company
    return None


def _known_tail(core: str) -> tuple[int, Company] | None:
    """(offset, company) when the core ends in a known name after a stray prefix: 时|通用汽车,
    北京|京东方 (a country, a place, or one character)."""
    han = load_companies().han
    for cut in range(1, len(core) - 1):
        company = han.get(core[cut:])
        if company is not None:
            prefix = core[:cut]
            if cut == 1 or prefix in FOREIGN_COUNTRIES or prefix in load_gazetteer().names:
                return cut, company
            return None
    return None


@lru_cache(maxsize=4096)
def _is_generic(core: str) -> bool:
    """True if the core is only category words, a country or a place (上市, 日本, 四川)."""
    if core in FOREIGN_COUNTRIES or core in load_gazetteer().names:
        return True
    return GENERIC_RUN_RE.match(core).end() == len(core)


def _left_edge(norm: str, end: int, japanese: bool) -> int:
    """Start of the name that ends at `end` (exclusive of the legal-form suffix)."""
    lo = max(0, end - MAX_NAME_CHARS)
    boundary = JA_BOUNDARY_RE if japanese else BOUNDARY_RE
    window_start = lo
    for m in boundary.finditer(norm, lo, end):
        window_start = m.end()
    window = norm[window_start:end]
    if japanese or not window:
        return window_start
    places, tags = load_gazetteer().names, load_word_tags()
    tokens = load_jieba().lcut(window, HMM=True)
    pos, strict, place_start = end, None, None
    name_like = False
    for k, token in enumerate(reversed(tokens)):
        tag = "n" if token in GENERIC_SET else tags.get(token, "x") if len(token) > 1 else "x"
        if token in LEFT_STOP_TOKENS or token in "()" or tag.startswith(HARD_STOP_TAGS):
            break
        if tag[0] == "v" and k > 0 and strict is None:
            strict = pos  # a verb: the name probably starts after it ...
        pos -= len(token)
        if (token in places or tag == "ns") and token not in FOREIGN_COUNTRIES:
            place_start = pos  # ... unless a place name further left opens it (广州再造科技)
        elif tag[0] != "v" and token not in GENERIC_SET and token not in FOREIGN_COUNTRIES:
            name_like = name_like or strict is None
    if strict is None:
        return pos if name_like or place_start is not None else end
    if place_start is not None and place_start < strict:
        return place_start
    return strict


def _latin_known(norm: str, lists: CompanyLists) -> list[re.Match[str]]:
    """Listed Latin names, run by run. A name starts and ends at word boundaries, so it can
    only start at a word that is some name's first word: only that word's names are tried,
    only there (the matches of lists.latin_re over each whole run, at a fraction of the cost)."""
    by_word = lists.latin_by_word
    out: list[re.Match[str]] = []
    for run in LATIN_RUN_RE.finditer(norm):
        end = run.end()
        if by_word is None:
            out += lists.latin_re.finditer(norm, run.start(), end)
            continue
        if by_word.keys().isdisjoint(LATIN_WORD_RE.findall(run.group().lower())):
            continue
        pos = run.start()
        for word in LATIN_CASED_WORD_RE.finditer(norm, pos, end):
            pattern = by_word.get(word.group().lower()) if word.start() >= pos else None
            m = pattern.match(norm, word.start(), end) if pattern is not None else None
            if m is not None:
                out.append(m)
                pos = m.end()
    return out


def _candidates(text: str, norm: str,
                japanese: bool) -> list[tuple[int, int, str, str | None, int]]:
    """(start, end, name, stock_code, priority) in normalised offsets; may overlap."""
    lists = load_companies()
    out = []
    # 1. stock codes, named by the code table or by the name just before them
    for m in STOCK_CODE_RE.finditer(norm):
        code = m.group(1)
        before = norm[max(0, m.start() - 90):m.start()]
        name_m = LATIN_NAME_BEFORE_RE.search(before)
        if name_m:
            start = m.start() - (len(before) - name_m.start(1))
        else:
            start = _left_edge(norm, len(before.rstrip()) + m.start() - len(before), japanese)
        raw = norm[start:m.start()].strip()
        name = lists.codes.get(code)
        plausible = (len(code) < 6 or code.startswith(A_SHARE_PREFIXES)) and (
            raw.isascii() or len(raw) >= MIN_STOCK_NAME_CHARS)
        if name is None and plausible and not _is_generic(raw):
            company = _known(raw) or _known(LATIN_COMPANY_TAIL_RE.sub("", raw))
            name = company.name if company else LATIN_COMPANY_TAIL_RE.sub("", raw) or raw
        if name:
            out.append((start, m.end(), name, code, 3))
    # 2. known names (Han by prefix index, Latin by one regex)
    for i, j in lists.han_index.scan(norm, _reject_known):
        key = norm[i:j]
        if key not in NO_BARE_MATCH and not norm.startswith(INDUSTRY_AFTER, j):
            out.append((i, j, lists.han[key].name, None, 2))
    for m in _latin_known(norm, lists):
        out.append((m.start(), m.end(), lists.latin[m.group().lower()].name, None, 2))
    # 3. legal-form suffixes
    for m in ZH_SUFFIX_RE.finditer(norm):
        start = _left_edge(norm, m.start(), japanese)
        name = norm[start:m.end()]
        for lead in ("集团", "公司"):  # "…グループ中電…公司": a previous suffix is not a name
            name, start = (name[2:], start + 2) if name.startswith(lead) else (name, start)
        core = LEGAL_FORMS_RE.sub("", name)
        core = core[:-2] if core.endswith("集团") else core
        if len(core) < MIN_CORE_CHARS or _is_generic(core) or core.endswith(CATEGORY_BEFORE_SUFFIX):
            continue
        if japanese and not load_word_tags().get(core, "n").startswith(NAME_TAGS):
            continue  # a single ordinary word (自建グループ): no jieba cut needed to see it
        company = _known(name)
        if company is None:
            tail = _known_tail(core)
            if tail is not None:
                start, company = start + tail[0], tail[1]
        out.append((start, m.end(), company.name if company else LEGAL_FORMS_RE.sub("", name),
                    None, 2 if company else 1))
    for m in LATIN_COMPANY_RE.finditer(norm) if LATIN_FORM_HINT_RE.search(norm) else ():
        raw = m.group(1)
        company = _known(raw)
        out.append((m.start(), m.end(), company.name if company else raw, None,
                    2 if company else 1))
    return out


LATIN_COMPANY_TAIL_RE = re.compile(
    r"\s*,?\s*(Co\.?,?\s*Ltd\.?|Company Limited|Corporation Limited|Inc\.?|Corporation|Corp\."
    r"|GmbH|AG|Limited|Ltd\.?|Group)\s*$")


def _select(cands, place_spans: list[tuple[int, int]], length: int):
    """Longest non-overlapping candidates; higher priority breaks ties; no cut places."""
    chosen: list = []
    taken = bytearray(length + 1)
    place_at = [0] * (length + 1)  # 1 + index of the place covering each character
    for k, (ps, pe) in enumerate(place_spans, 1):
        place_at[ps:pe] = [k] * (pe - ps)
    for cand in sorted(cands, key=lambda c: (-(c[1] - c[0]) - 100 * (c[4] == 3), -c[4], c[0])):
        s, e = cand[0], cand[1]
        if 1 in taken[s:e]:
            continue
        cut = {place_at[s], place_at[e - 1]} - {0}
        if any(place_spans[k - 1][0] < s or place_spans[k - 1][1] > e for k in cut):
            continue  # 京东 inside 北京东城区: a place cut in two is not a company
        if cand[3] is None and any(place_spans[k - 1] == (s, e) for k in cut):
            continue  # 东丽 that the place finder read as 东丽区 (天津 nearby) is the place
        chosen.append(cand)
        taken[s:e] = b"\x01" * (e - s)
    return sorted(chosen)


def _stem_mentions(norm: str, chosen: list) -> list:
    """Later bare mentions of a company found by its suffix (高金富恒集团 ... 高金富恒は)."""
    taken = bytearray(len(norm) + 1)
    for c in chosen:
        taken[c[0]:c[1]] = b"\x01" * (c[1] - c[0])
    out = []
    for start, end, name, _, priority in chosen:
        stem = STEM_TAIL_RE.sub("", name)
        if priority != 1 or stem == name or len(stem) < MIN_STEM_CHARS or _is_generic(stem):
            continue
        pos = norm.find(stem)
        while pos != -1:
            stop = pos + len(stem)
            if 1 not in taken[pos:stop]:
                out.append((pos, stop, name, None, 1))
                taken[pos:stop] = b"\x01" * (stop - pos)
            pos = norm.find(stem, stop)
    return out


def _unify_short_names(chosen: list) -> list:
    """A suffix-found name whose core lies inside a longer one's takes the longer name:
    创诺集团 and 上海创诺医药集团 in one article are one company."""
    cores = {c[2]: STEM_TAIL_RE.sub("", c[2]) for c in chosen if c[4] == 1}
    rename = {}
    for short, core in cores.items():
        longer = [n for n, other in cores.items() if n != short and len(other) > len(core)
                  and len(core) >= MIN_CORE_CHARS and core in other]
        if len(longer) == 1:
            rename[short] = longer[0]
    return [(s, e, rename.get(name, name), code, prio) for s, e, name, code, prio in chosen]


def _flags(norm: str, start: int, end: int, name: str, japanese: bool) -> tuple[bool, bool]:
    lists = load_companies()
    company = lists.han.get(normalize_name(name)) or lists.latin.get(name.lower())
    fortune = bool(company and company.fortune500)
    foreign = bool(company and company.country not in DOMESTIC_COUNTRIES)
    before = norm[max(0, start - FORTUNE_CUE_WINDOW):start]
    clause = CLAUSE_END_RE.split(before)[-1]
    if FORTUNE_CUE_RE.search(clause):
        fortune = True
    span = norm[max(0, start - 2):end]
    if not foreign and company is None:
        foreign = any(c in span for c in FOREIGN_COUNTRIES) or bool(
            FOREIGN_FORMS_RE.search(span) and not (japanese and "株式会社" in span))
    return fortune, foreign


def _first_index(offsets: tuple[int, ...], original: int) -> int | None:
    """The first normalised index whose original offset is `original` (offsets never
    decrease), or None when no normalised character starts there."""
    i = bisect.bisect_left(offsets, original)
    return i if i < len(offsets) and offsets[i] == original else None


@lru_cache(maxsize=16)
def _find(text: str) -> tuple[PartyMention, ...]:
    from extractors.places import find_places

    japanese = bool(KANA_RE.search(text))
    norm = normalize(text)
    places = [(m.start, m.end) for m in find_places(text)]
    if norm.offsets is not None:  # places are in original offsets: map them to normalised
        mapped = [(_first_index(norm.offsets, s), _first_index(norm.offsets, e)) for s, e in places]
        places = [(s, e) for s, e in mapped if s is not None and e is not None]
    chosen = _select(_candidates(text, norm.text, japanese), places, len(norm.text))
    chosen = _unify_short_names(sorted(chosen + _stem_mentions(norm.text, chosen)))
    found = []
    for s, e, name, code, _ in chosen:
        fortune, foreign = _flags(norm.text, s, e, name, japanese)
        o_s, o_e = norm.span(s, e)
        name = name if name.isascii() else normalize_name(name)
        found.append((o_s, o_e, name, code, fortune, foreign))
    # a cue on one mention ("世界500强美国通用电气公司") holds for every mention of the name
    fortune_names = {f[2] for f in found if f[4]}
    foreign_names = {f[2] for f in found if f[5]}
    codes = {f[2]: f[3] for f in found if f[3]}
    return tuple(PartyMention(s, e, name, code or codes.get(name), name in fortune_names,
                              name in foreign_names) for s, e, name, code, _, _ in found)


def find_parties(text: str) -> list[PartyMention]:
    """Companies named in text, in text order, with canonical names and list/cue flags."""
    return list(_find(text))
