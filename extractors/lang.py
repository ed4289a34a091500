"""Language of a text: zh-Hans, zh-Hant, ja, en (cheap script counts, no model)."""

from __future__ import annotations

import re

from extractors.numbers import is_traditional_char

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


def detect_lang(text: str) -> str:
    """Return a BCP-47-ish tag: 'ja', 'zh-Hant', 'zh-Hans' or 'en' ('und' when empty)."""
    sample = text[:SAMPLE_CHARS]
    kana = len(KANA_RE.findall(sample))
    han_chars = HAN_RE.findall(sample)
    han = len(han_chars)
    if kana + han == 0:
        return "en" if LATIN_RE.search(sample) else "und"
    if kana / (kana + han) >= KANA_SHARE_JA:
        return "ja"
    if han and LATIN_RE.search(sample) and han < len(LATIN_RE.findall(sample)) / 20:
        return "en"
    changed = sum(1 for ch in han_chars if is_traditional_char(ch))
    return "zh-Hant" if changed / han >= TRADITIONAL_SHARE else "zh-Hans"
