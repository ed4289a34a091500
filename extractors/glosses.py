"""Pinyin glosses of machine-converted traditional text ("項(xiàng)目", "開(kāi)發(fā)區(qū)").

Some sites convert simplified articles to traditional characters with a converter that
writes a character's reading after it. The gloss splits words (项目, 开发区) that every
finder looks for, so it is taken out before extraction; evidence offsets are mapped back so
that facts still cite the verbatim input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A reading in brackets right after a Han character: with a tone mark ("(xiàng)"), or one
# whole toneless pinyin syllable ("(xiang)"; "(app)" or "(pdf)" are no syllable).
_TONED = r"(?=[a-zü]*[\u00e0-\u00fc\u0101-\u01dc])[a-z\u00e0-\u00fc\u0101-\u01dc]{1,7}"
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)")
GLOSS_RE = re.compile(rf"(?<=[\u3400-\u9fff])\((?:{_TONED}|{_SYLLABLE})\)")


@dataclass(frozen=True)
class Unglossed:
    """Text without glosses; starts[i] is the input offset of its character i."""

    text: str
    starts: tuple[int, ...] | None  # None: the text had no gloss

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Input offsets of [start, end) of the unglossed text."""
        if self.starts is None:
            return start, end
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.starts[end - 1] + 1


def strip_glosses(text: str) -> Unglossed:
    """Remove pinyin glosses, keeping a map back to the input's offsets."""
    if "(" not in text or not GLOSS_RE.search(text):
        return Unglossed(text, None)
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in GLOSS_RE.finditer(text):
        parts.append(text[pos:m.start()])
        starts.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    starts.extend(range(pos, len(text)))
    starts.append(len(text))  # the end, so that span() of a suffix is defined
    return Unglossed("".join(parts), tuple(starts))
