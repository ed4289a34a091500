"""Language of a text: zh-Hans, zh-Hant, ja, en (cheap script counts, no model)."""

from __future__ import annotations

import re
from functools import cache

from extractors.numbers import traditional_chars

# Kana are the decisive mark of Japanese; a few per thousand characters is enough.
KANA_RE = re.compile(r"[\u3040-\u30ff]")
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
LATIN_RE = re.compile(r"[A-Za-z]")
# Share of kana among Han+kana characters above which a text is Japanese.
KANA_SHARE_JA = 0.05
# Share of Han characters that change under traditional->simplified conversion above
# which a Chinese text is traditional.
TRADITIONAL_SHARE = 0.06
# How much of a text to look at: enough to decide, cheap on long articles.
SAMPLE_CHARS = 4000


def _runs(char_re: re.Pattern[str]) -> re.Pattern[str]:
    """Runs of the characters of a one-class pattern: counted run by run, not char by char."""
    return re.compile(f"(?:{char_re.pattern})+")


KANA_RUN_RE, HAN_RUN_RE, LATIN_RUN_RE = _runs(KANA_RE), _runs(HAN_RE), _runs(LATIN_RE)


def _count(run_re: re.Pattern[str], text: str) -> int:
    """How many characters of text run_re's class holds."""
    return sum(map(len, run_re.findall(text)))


@cache
def _traditional_runs() -> re.Pattern[str]:
    """Runs of Han characters (HAN_RE) that simplify to another one."""
    chars = sorted(ch for ch in traditional_chars() if HAN_RE.fullmatch(ch))
    return re.compile("[" + "".join(map(re.escape, chars)) + "]+")


def detect_lang(text: str) -> str:
    """Return a BCP-47-ish tag: 'ja', 'zh-Hant', 'zh-Hans' or 'en' ('und' when empty)."""
    sample = text[:SAMPLE_CHARS]
    kana = _count(KANA_RUN_RE, sample)
    han = _count(HAN_RUN_RE, sample)
    if kana + han == 0:
        return "en" if LATIN_RE.search(sample) else "und"
    if kana / (kana + han) >= KANA_SHARE_JA:
        return "ja"
    if han and LATIN_RE.search(sample) and han < _count(LATIN_RUN_RE, sample) / 20:
        return "en"
    changed = _count(_traditional_runs(), sample)
    return "zh-Hant" if changed / han >= TRADITIONAL_SHARE else "zh-Hans"
