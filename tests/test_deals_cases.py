"""Walk the deal dev set (tests/fixtures/deals/cases.yaml) and pin accuracy floors."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bench.accuracy import check_case, load_cases, run_case, score_demo, score_dev

CASES = load_cases()
# No input, however odd (long digit runs, one huge sentence), may take longer than this.
PATHOLOGICAL_SECONDS = 0.5

# Floors on the dev set: raise them when the extractor improves, never lower them.
FLOORS: dict[str, float] = {
    "deal_f1": 0.99,
    "is_deal": 0.99,
    "amount": 0.98,
    "project_count": 0.98,
    "city": 0.98,
    "event_date": 0.97,
    "event_type": 0.97,
    "qualifier": 0.98,
    "components": 0.95,
}
# Floors on the bundled demo site (HTML through the cleaner, expected.yaml written by others).
DEMO_FLOORS: dict[str, float] = {
    "deal_f1": 0.99,
    "amount": 0.97,
    "currency": 0.97,
    "qualifier": 0.97,
    "project_count": 0.97,
    "city": 0.94,
    "event_type": 0.97,
    "event_date": 0.97,
}


def test_dev_set_is_large_and_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 150
    assert len(set(ids)) == len(ids)
    assert {c["lang"] for c in CASES} >= {"zh-Hans", "zh-Hant", "ja", "en"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    result = check_case(run_case(case), case)
    if case.get("known_failure"):
        if not all(result.values()):
            pytest.xfail(case["known_failure"])
    wrong = sorted(k for k, ok in result.items() if not ok)
    assert not wrong, f"{case['id']}: wrong {wrong} ({case.get('note', '')})"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_evidence_is_verbatim(case: dict[str, Any]) -> None:
    facts = run_case(case)
    text = case["text"]
    for deal in facts.deals:
        if deal.offset is not None:
            assert text[deal.offset:deal.offset + len(deal.evidence)] == deal.evidence
        if deal.amount is not None and deal.amount.span is not None:
            start, end = deal.amount.span
            assert text[start:end] == deal.amount.surface
    for fact, ev in facts.evidence.items():
        assert set(ev) <= {"evidence", "offset", "why"}, fact
        if ev["offset"] is not None:
            assert text[ev["offset"]:ev["offset"] + len(ev["evidence"])] == ev["evidence"], fact
        else:
            assert ev["evidence"] == case.get("title"), fact


@pytest.mark.parametrize("text", [
    "１２３４５６７８９０" * 500, "一二三四五六七八九十" * 300 + "亿元", "1" * 3000 + "亿元",
    "1," * 3000, "总投资1亿元，" * 1000, "签约" * 3000, "a1" * 3000,
])
def test_pathological_inputs_stay_fast(text: str) -> None:
    run_case({"text": "总投资1亿元", "expect": {}})  # warm the process-wide caches first
    started = time.process_time()
    run_case({"text": text, "expect": {}})
    assert time.process_time() - started < PATHOLOGICAL_SECONDS


def test_accuracy_floors() -> None:
    report = score_dev(CASES)
    measured = dict(report["fields"], deal_f1=report["deal_f1"])
    below = {k: round(measured[k], 3) for k, floor in FLOORS.items() if measured.get(k, 1.0) < floor}
    assert not below, f"below floor: {below}"


def test_demo_site_floors() -> None:
    report = score_demo()
    if report is None:
        pytest.fail("seeds/demo-site/expected.yaml is missing")
    measured = dict(report["fields"], deal_f1=report["deal_f1"])
    below = {k: round(measured[k], 3) for k, floor in DEMO_FLOORS.items() if measured.get(k, 1.0) < floor}
    assert not below, f"below floor: {below}; failures: {report['failures']}"
