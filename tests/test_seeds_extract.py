"""The five real seed articles (read from ../shared/seeds, never copied) against expected.jsonl."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from extractors.deals import extract

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
EXPECTED: list[dict[str, Any]] = (
    [json.loads(line) for line in (SEEDS / "expected.jsonl").read_text(encoding="utf-8").splitlines()
     if line.strip()] if (SEEDS / "expected.jsonl").exists() else []
)



def test_seeds_are_present() -> None:
    assert EXPECTED, f"the real seeds are expected at {SEEDS}"


def _facts(exp: dict[str, Any]) -> Any:
    text = (SEEDS / exp["seed"]).read_text(encoding="utf-8")
    pub = dt.date.fromisoformat(exp["published"]) if exp.get("published") else None
    return text, extract(text, published=pub)


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["seed"] for e in EXPECTED])
def test_seed_headline(exp: dict[str, Any]) -> None:
    text, facts = _facts(exp)
    assert facts.is_deal == exp["is_deal"]
    assert facts.event_type == exp["event_type"]
    assert facts.event_date == exp["event_date"]
    assert facts.project_count == exp["project_count"]
    if exp["amount_yi"] is None:
        assert facts.amount is None
    else:
        assert facts.amount is not None
        assert facts.amount.value == pytest.approx(exp["amount_yi"])
        assert (facts.amount.currency, facts.amount.qualifier) == (exp["currency"], exp["qualifier"])
        # evidence is verbatim and its offset points at it
        ev, off = facts.amount.evidence, facts.amount.offset
        assert off is not None and text[off:off + len(ev)] == ev
        start, end = facts.amount.span
        assert text[start:end] == facts.amount.surface
    for key in ("province", "city", "district", "park"):
        assert getattr(facts.place, key) == exp[key], key
    assert sorted(facts.parties) == sorted(exp["parties"])


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["seed"] for e in EXPECTED])
def test_seed_distractors_and_components(exp: dict[str, Any]) -> None:
    _, facts = _facts(exp)
    got = sorted(d.amount.value for d in facts.deals[1:] if d.amount)
    assert got == sorted(float(c["amount_yi"]) for c in exp.get("components", []))
    chosen = {d.amount.value for d in facts.deals if d.amount}
    assert not chosen & {float(v) for v in exp.get("distractors_yi", [])}
    assert facts.deals[0].role == "headline"


@pytest.mark.parametrize("exp", EXPECTED, ids=[e["seed"] for e in EXPECTED])
def test_seed_to_dict_is_json(exp: dict[str, Any]) -> None:
    _, facts = _facts(exp)
    out = facts.to_dict()
    json.dumps(out, ensure_ascii=False)
    for key in ("lang", "title", "published", "is_deal", "event_type", "event_date", "amount",
                "project_count", "place", "parties", "industries", "deals"):
        assert key in out
    assert out["lang"] == exp["lang"]
