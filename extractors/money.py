"""Money mentions: value in 亿 of the currency, ISO currency, qualifier, CNY value."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from extractors import amount_patterns as A
from extractors import patterns as P
from extractors.numbers import normalise, parse_amount_core

YI = 1e8
FX_RATES_PATH = Path(__file__).resolve().parents[1] / "seeds" / "fx_rates.yaml"


@dataclass(frozen=True)
class MoneyMention:
    """One amount found in the text; start/end are offsets into the verbatim input."""

    start: int
    end: int
    surface: str
    value: float  # in 亿 (1e8) of `currency`
    currency: str
    qualifier: str
    explicit_currency: bool


@dataclass
class Money:
    """An amount as a fact: value in 亿 of currency, CNY equivalent, and its evidence."""

    value: float
    currency: str
    qualifier: str
    value_cny: float | None
    evidence: str | None = None
    offset: int | None = None  # of the evidence sentence in the input (None: separate title)
    span: tuple[int, int] | None = None  # the amount's own characters in the input
    surface: str | None = None  # the amount as written ("逾200亿", "522億人民元")

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's amount object (plus offset, span and surface)."""
        return {
            "value": self.value,
            "currency": self.currency,
            "qualifier": self.qualifier,
            "value_cny": self.value_cny,
            "evidence": self.evidence,
            "offset": self.offset,
            "span": list(self.span) if self.span else None,
            "surface": self.surface,
        }


@dataclass(frozen=True)
class FxTable:
    """CNY per one unit of each currency, as of one date."""

    as_of: dt.date
    source: str
    cny_per_unit: dict[str, float]


@functools.lru_cache(maxsize=1)
def load_fx_table(path: Path = FX_RATES_PATH) -> FxTable:
    """Load the shipped rate table once per process; a broken file raises with its path."""
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    try:
        rates = {str(k).upper(): float(v) for k, v in data["cny_per_unit"].items()}
        as_of = data["as_of"]
        if isinstance(as_of, str):
            as_of = dt.date.fromisoformat(as_of)
        return FxTable(as_of=as_of, source=str(data["source"]), cny_per_unit=rates)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: needs as_of, source and cny_per_unit {{CODE: rate}} ({exc})") from exc


def to_cny(value: float, currency: str, fx: FxTable | None = None) -> float | None:
    """Convert 亿 of `currency` to 亿 of CNY with the rate table; None without a rate."""
    table = fx or load_fx_table()
    rate = table.cny_per_unit.get(currency.upper())
    if rate is None:
        return None
    return round(value * rate, P.CNY_DECIMALS)


def _currency_code(word: str | None, lang: str) -> str | None:
    """Map a currency word or sign to ISO 4217 (¥ is yen in Japanese text)."""
    if not word:
        return None
    if lang == "ja" and word in P.JA_YEN_SIGNS:
        return "JPY"
    key = word.lower().replace("  ", " ")
    return P.CURRENCY_CODES.get(key) or P.CURRENCY_CODES.get(word)


def _qualifier(pre: str | None, post: str | None) -> str:
    """Qualifier from the words before or after the amount ('exact' when none)."""
    for word in (pre, post):
        if word:
            q = P.QUALIFIERS.get(word.strip().lower())
            if q:
                return q
    return "exact"


def _rejected(norm: str, start: int, end: int) -> bool:
    """True when the match is part of a longer token or a class/unit price (50亿元级)."""
    if P.MONEY_REJECT_BEFORE_RE.search(norm[max(0, start - P.MONEY_REJECT_BEFORE_CHARS):start]):
        return True
    return bool(P.MONEY_REJECT_AFTER_RE.match(norm[end:end + P.MONEY_REJECT_AFTER_CHARS]))


def find_money(text: str, *, lang: str = "zh-Hans", norm: str | None = None,
               default_currency: str = "CNY") -> list[MoneyMention]:
    """Return every money amount in `text`, in order of position."""
    norm = norm if norm is not None else normalise(text)
    if default_currency == "CNY" and lang == "zh-Hant" and (
            P.TWD_CONTEXT_RE.search(norm) or A.TWD_INTERNAL_RE.search(norm)):
        default_currency = "TWD"
    found: list[MoneyMention] = []
    taken: list[tuple[int, int]] = []
    for m in P.CJK_MONEY_RE.finditer(norm):
        mention = _cjk_mention(text, norm, m, lang, default_currency)
        if mention is not None:
            found.append(mention)
            taken.append((mention.start, mention.end))
    for m in P.EN_MONEY_RE.finditer(norm):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        mention = _en_mention(text, norm, m, lang)
        if mention is not None:
            found.append(mention)
    found.sort(key=lambda x: x.start)
    return found


def _cjk_mention(text: str, norm: str, m: Any, lang: str, default_currency: str) -> MoneyMention | None:
    """Build a mention from a CJK money match, or None when it is not money."""
    core: str = m.group("core")
    has_big = any(u in core for u in ("亿", "兆")) or (
        "万" in core and (m.group("cur") or m.group("cpre")))
    currency_word = m.group("cur") or m.group("cpre")
    if not has_big and not currency_word:
        return None
    if (core[0] in P.CORE_BAD_START and not P.CORE_BAD_START_OK_RE.match(core)) or core[-1] in "多余":
        return None
    if P.EN_MAGNITUDE_AHEAD_RE.match(norm, m.end("core")):
        return None
    if not any(c.isdigit() for c in core) and not any(u in core for u in ("万", "亿", "兆")):
        return None  # "三元" style phrases
    start, end = _trim(norm, m.start(), m.end())
    qpost = m.group("qpost")
    low = None
    if not m.group("qpre") and not m.group("cpre"):
        rng = P.RANGE_BEFORE_RE.search(norm[max(0, start - P.RANGE_BEFORE_CHARS):start])
        if rng:
            low = float(rng["low"])
            start -= len(rng.group(0))
    if qpost and qpost in ("多", "余") and currency_word is None:
        return None
    if _rejected(norm, m.start("core") if not m.group("qpre") and not m.group("cpre") else start, end):
        return None
    if low is not None:  # "10-15亿元": the range's lower bound in the upper bound's unit
        lead = next((c for c in core if not (c.isdigit() or c in ".,")), "")
        core = f"{low}{core[core.index(lead):]}" if lead else str(low)
    if A.MISSING_WAN_RE.search(core):  # "23億7600元": the 万 left out after 亿
        core += "万"
    number = parse_amount_core(core)
    if number is None or number <= 0:
        return None
    codes = [default_currency if w == "元" else _currency_code(w, lang)
             for w in (m.group("cpre"), m.group("cur")) if w]
    currency = next((c for c in codes if c and c != "CNY"), None) or (
        "CNY" if any(codes) else default_currency)
    if not qpost and not m.group("qpre"):
        bracket = P.QUAL_AFTER_BRACKET_RE.match(norm, m.end())
        qpost = bracket["q"] if bracket else None
    qual = _qualifier(m.group("qpre"), qpost)
    if qual == "exact" and any(c in core for c in "多余"):
        qual = "over"
    if low is not None:
        qual = "at_least"
    return MoneyMention(start, end, text[start:end], number / YI, currency, qual,
                        explicit_currency=currency_word is not None)


def _en_mention(text: str, norm: str, m: Any, lang: str) -> MoneyMention | None:
    """Build a mention from an English money match, or None without a currency."""
    currency_word = m.group("cpre") or m.group("cur")
    if not currency_word:
        return None
    try:
        number = float(m.group("core").replace(",", ""))
    except ValueError:
        return None
    mag = m.group("mag")
    if mag:
        number *= P.EN_MAGNITUDES[mag.lower()]
    start, end = _trim(norm, m.start(), m.end())
    if _rejected(norm, m.start("core") if not m.group("cpre") else start, end):
        return None
    currency = _currency_code(currency_word, lang) or "CNY"
    qual = _qualifier(m.group("qpre"), None)
    return MoneyMention(start, end, text[start:end], number / YI, currency, qual, True)



def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    """Drop the white space the optional groups may have taken at either end."""
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return start, end


def make_money(mention: MoneyMention, evidence: str | None, offset: int | None) -> Money:
    """Turn a mention into a fact with its CNY value and evidence."""
    value = round(mention.value, P.VALUE_DECIMALS)
    span = (mention.start, mention.end) if offset is not None else None
    return Money(value=value, currency=mention.currency, qualifier=mention.qualifier,
                 value_cny=to_cny(value, mention.currency), evidence=evidence, offset=offset,
                 span=span, surface=mention.surface)
