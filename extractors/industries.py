"""Industries named in a text, mapped to the product taxonomy in seeds/industries.yaml.

Keywords (zh, ja, en) are matched longest-first on the normalised text; each industry is
scored by how often and how early its keywords occur, most salient first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractors.gazetteer_data import (
    SEEDS_DIR, PrefixIndex, load_yaml, name_forms, normalize,
)

TAXONOMY_FILE = SEEDS_DIR / "industries.yaml"
# Weight of an occurrence: 1 + EARLY_BONUS * (share of the text still to come), so a
# keyword in the title or lead counts up to twice one in the last paragraph.
EARLY_BONUS = 1.0
# Industries scoring below this share of the top one are passing mentions: left out.
MIN_SHARE_OF_TOP = 0.1
# Weight of a "weak" keyword (银行, 汽车, 设计: often named in passing) against 1 for others.
WEAK_WEIGHT = 0.4
# Keywords shorter than this (in characters) are ignored: single characters are noise.
MIN_HAN_KEYWORD = 2
# Latin keywords are matched as whole words, case-insensitively, inside Latin runs only.
LATIN_KEYWORD_RE = re.compile(r"[\x00-\x7f]+")
LATIN_RUN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'.\- ]*")
# First word of a (lower-cased) Latin keyword, and words of a text as written.
LATIN_WORD_RE = re.compile(r"[a-z0-9]+")
LATIN_CASED_WORD_RE = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class _Index:
    han: dict[str, str]
    index: PrefixIndex
    latin: dict[str, str]
    latin_re: re.Pattern[str] | None
    weights: dict[str, float]  # normalised keyword -> weight (only the weak ones)
    # latin_re cut by a keyword's first word: a keyword starts at a word of the text, so
    # only that word's keywords are tried, only there. None when a keyword opens with no word.
    latin_by_word: dict[str, re.Pattern[str]] | None = None


@cache
def load_taxonomy() -> list[dict[str, Any]]:
    """The taxonomy rows: name (canonical, simplified Chinese), en, ja, keywords, weak."""
    return list(load_yaml(TAXONOMY_FILE)["industries"])


@cache
def _index() -> _Index:
    han: dict[str, str] = {}
    latin: dict[str, str] = {}
    weights: dict[str, float] = {}
    for row in load_taxonomy():
        weak = [str(k) for k in row.get("weak") or []]
        for keyword in [row["name"], *map(str, row.get("keywords") or []), *weak]:
            if LATIN_KEYWORD_RE.fullmatch(keyword):
                keys, table = {keyword.lower()}, latin
            elif len(keyword) >= MIN_HAN_KEYWORD:
                keys, table = name_forms(keyword), han
            else:
                continue
            for key in keys:
                table.setdefault(key, row["name"])
                if keyword in weak:
                    weights[key] = WEAK_WEIGHT
    for word in load_yaml(TAXONOMY_FILE).get("ignore") or []:
        for key in name_forms(str(word)):
            han[key] = ""  # matched (hides the shorter keyword inside) but counts nothing
    latin_re = _latin_pattern(latin) if latin else None
    by_word: dict[str, list[str]] | None = {}
    for key in latin:
        first = LATIN_WORD_RE.match(key)
        if first is None:
            by_word = None
            break
        by_word.setdefault(first.group(), []).append(key)
    latin_by_word = {word: _latin_pattern(keys) for word, keys in by_word.items()} if by_word else None
    return _Index(han, PrefixIndex.build(han), latin, latin_re, weights, latin_by_word)


def _latin_pattern(keys) -> re.Pattern[str]:
    """Whole-word, case-blind pattern of Latin keywords, longest first."""
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) +
                      r")(?![A-Za-z0-9])", re.IGNORECASE)


def _matches(norm: str) -> list[tuple[int, str, float]]:
    """(position, industry, weight) of every keyword, longest match, left to right."""
    index = _index()
    out = [(i, index.han[norm[i:j]], index.weights.get(norm[i:j], 1.0))
           for i, j in index.index.scan(norm) if index.han[norm[i:j]]]
    if index.latin_re is not None:
        for run in LATIN_RUN_RE.finditer(norm):
            if run.end() - run.start() < 2:
                continue
            for m in _latin_in_run(index, norm, run.start(), run.end()):
                key = m.group().lower()
                out.append((m.start(), index.latin[key], index.weights.get(key, 1.0)))
    return out


def _latin_in_run(index: _Index, norm: str, start: int, end: int) -> list[re.Match[str]]:
    """What index.latin_re.finditer(norm, start, end) finds, trying only words that open a
    keyword, each with its own keywords."""
    by_word = index.latin_by_word
    if by_word is None or index.latin_re is None:
        return list(index.latin_re.finditer(norm, start, end)) if index.latin_re else []
    out: list[re.Match[str]] = []
    pos = start
    for word in LATIN_CASED_WORD_RE.finditer(norm, start, end):
        pattern = by_word.get(word.group().lower()) if word.start() >= pos else None
        m = pattern.match(norm, word.start(), end) if pattern is not None else None
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def find_industries(text: str) -> list[str]:
    """Canonical industry names found in text, most salient (frequent, early) first;
    industries named only in passing (under MIN_SHARE_OF_TOP of the top score) are left out."""
    norm = normalize(text).text
    n = max(len(norm), 1)
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for pos, industry, weight in _matches(norm):
        scores[industry] = scores.get(industry, 0.0) + weight * (1.0 + EARLY_BONUS * (1 - pos / n))
        first.setdefault(industry, pos)
    top = max(scores.values(), default=0.0)
    kept = [name for name, score in scores.items() if score >= MIN_SHARE_OF_TOP * top]
    return sorted(kept, key=lambda name: (-scores[name], first[name]))


def industry_labels(name: str) -> dict[str, str] | None:
    """The en / ja labels of a canonical industry name, or None if it is not in the taxonomy."""
    for row in load_taxonomy():
        if row["name"] == name:
            return {"zh": row["name"], "en": row.get("en", ""), "ja": row.get("ja", "")}
    return None
