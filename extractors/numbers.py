"""Numerals: length-preserving text normalisation and Chinese / mixed numeral parsing."""

from __future__ import annotations

import re
from functools import cache

import zhconv
import zhconv.zhconv

from extractors import patterns as P

_ARABIC_RE = re.compile(P.ARABIC_NUM)


def _fold_char(ch: str) -> str:
    """Fold one character to ASCII (full-width) or simplified Chinese, keeping length 1."""
    code = ord(ch)
    if P.FULLWIDTH_FIRST <= code <= P.FULLWIDTH_LAST and ch not in P.FULLWIDTH_KEEP:
        return chr(code - P.FULLWIDTH_SHIFT)
    if ch == P.IDEOGRAPHIC_SPACE:
        return " "
    if ch in P.JA_TO_SIMPLIFIED:
        return P.JA_TO_SIMPLIFIED[ch]
    if P.HAN_FIRST <= code <= P.HAN_LAST:
        folded = zhconv.convert(ch, "zh-cn")
        if len(folded) == 1:
            return folded
    return ch


@cache
def traditional_chars() -> frozenset[str]:
    """Characters that simplify to another single character: the one-character entries of
    zhconv's zh-cn table (what zhconv.convert does to a lone character)."""
    table = zhconv.zhconv.getdict("zh-cn")
    return frozenset(src for src, dst in table.items() if len(src) == 1 and len(dst) == 1 and src != dst)


def is_traditional_char(ch: str) -> bool:
    """True for a Han character that simplifies to another one."""
    return ch in traditional_chars()


def normalise(text: str) -> str:
    """Return text folded char by char (full-width -> ASCII, traditional -> simplified).

    The result has exactly the length of the input, so offsets carry over to the verbatim text.
    """
    return _fold_table()[1].sub(_fold_match, text)


@cache
def _fold_table() -> tuple[dict[int, str], re.Pattern[str]]:
    """Every character that _fold_char changes, with its fold, and runs of them: a text is
    folded where it needs it (most characters of a text stay as they are)."""
    zh_table = zhconv.zhconv.getdict("zh-cn")  # a lone Han character folds only if listed here
    candidates = {chr(code) for code in range(P.FULLWIDTH_FIRST, P.FULLWIDTH_LAST + 1)}
    candidates |= {P.IDEOGRAPHIC_SPACE, *P.JA_TO_SIMPLIFIED}
    candidates |= {src for src in zh_table if len(src) == 1 and P.HAN_FIRST <= ord(src) <= P.HAN_LAST}
    table = {ch: folded for ch in candidates if (folded := _fold_char(ch)) != ch}
    runs = re.compile("[" + "".join(map(re.escape, sorted(table))) + "]+")
    return {ord(ch): folded for ch, folded in table.items()}, runs


def _fold_match(m: re.Match[str]) -> str:
    """The fold of one run of characters to fold (each is in the table: no failed lookup)."""
    return m.group().translate(_fold_table()[0])


def parse_cn_integer(text: str) -> int | None:
    """Parse a numeral of Chinese digits and units (十二, 两百, 一千零五); None if not one."""
    value = _parse_tokens(_tokenise(text))
    return int(value) if value is not None else None


def parse_amount_core(core: str) -> float | None:
    """Parse a money core such as '30亿8000万', '1亿8千万', '三百万', '1,200' into a plain number."""
    return _parse_tokens(_tokenise(core))


def _tokenise(text: str) -> list[tuple[str, float]] | None:
    """Split a numeral into ('num', v), ('small', unit) and ('big', unit) tokens."""
    tokens: list[tuple[str, float]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isdigit():
            m = _ARABIC_RE.match(text, i)
            if m is None:
                return None
            tokens.append(("num", float(m.group(0).replace(",", ""))))
            i = m.end()
            continue
        if ch == P.CN_DECIMAL_POINT:  # 四点七: the digits after the point are a fraction
            j = i + 1
            while j < len(text) and text[j] in P.CN_DIGITS:
                j += 1
            if j == i + 1:
                return None
            digits = "".join(str(P.CN_DIGITS[c]) for c in text[i + 1:j])
            tokens.append(("frac", float("0." + digits)))
            i = j
            continue
        if ch in P.CN_TENS:
            tokens += [("num", float(P.CN_TENS[ch] // 10)), ("small", 10.0)]
        elif ch in P.CN_DIGITS:
            tokens.append(("num", float(P.CN_DIGITS[ch])))
        elif ch in P.CN_SMALL_UNITS:
            tokens.append(("small", float(P.CN_SMALL_UNITS[ch])))
        elif ch in P.CN_BIG_UNITS:
            tokens.append(("big", float(P.CN_BIG_UNITS[ch])))
        elif ch in "多余 ":
            pass  # "100多亿": the qualifier is read by the money module
        else:
            return None
        i += 1
    return tokens or None


def _parse_tokens(tokens: list[tuple[str, float]] | None) -> float | None:
    """Evaluate numeral tokens section by section (万 and 亿 close a section)."""
    if not tokens:
        return None
    total = 0.0
    section = 0.0
    number: float | None = None
    largest_big = 0.0
    for kind, val in tokens:
        if kind == "frac":
            number = (number or 0.0) + val
            continue
        if kind == "num":
            if number is not None:  # digit after digit: 二〇二一 style or 一二
                number = number * 10 + val
            else:
                number = val
        elif kind == "small":
            section += (number if number is not None else 1.0) * val
            number = None
        else:
            section += number if number is not None else 0.0
            if section == 0.0:
                section = 1.0 if total == 0.0 else 0.0
            number = None
            if val > largest_big:
                total = (total + section) * val
                largest_big = val
            else:
                total += section * val
            section = 0.0
    return total + section + (number or 0.0)
