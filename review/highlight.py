"""Where each fact's evidence sits in an article's cleaned text, as markable segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Facts whose evidence sentence is shown highlighted, in display order.
EVIDENCE_FACTS = ("amount", "project_count", "event_type", "event_date", "place", "parties",
                  "industries")


@dataclass
class Segment:
    text: str
    facts: list[str] = field(default_factory=list)  # empty: plain text


def evidence_spans(text: str, facts: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, fact) for every evidence sentence found in `text`.

    The stored offset is trusted when the text there is the sentence; otherwise (text
    re-cleaned since) the sentence is searched for, and dropped if absent.
    """
    found: list[tuple[int, int, str]] = []
    evidence = dict(facts.get("evidence") or {})
    amount = facts.get("amount") or {}
    if amount.get("evidence") and "amount" not in evidence:
        evidence["amount"] = {"evidence": amount["evidence"], "offset": amount.get("offset")}
    for name, item in evidence.items():
        if not isinstance(item, dict) or not item.get("evidence"):
            continue
        sentence, offset = str(item["evidence"]), item.get("offset")
        if not (isinstance(offset, int) and text[offset:offset + len(sentence)] == sentence):
            offset = text.find(sentence)
        if offset >= 0:
            found.append((offset, offset + len(sentence), name))
    return found


def segments(text: str, facts: dict[str, Any]) -> list[Segment]:
    """The text cut at every evidence boundary; each piece lists the facts it supports."""
    spans = evidence_spans(text, facts)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:]):
        names = [n for s, e, n in spans if s <= start and end <= e]
        ordered = sorted(set(names), key=lambda n: EVIDENCE_FACTS.index(n) if n in EVIDENCE_FACTS else 99)
        out.append(Segment(text[start:end], ordered))
    return out
