"""The realdev scorer of bench/accuracy.py, on labels and texts written here (no real text)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.realdev_score import load_labels, norm_place, run_realdev

DEAL_TEXT = "5月6日，某县举行重点项目集中签约仪式，现场签约项目12个，总投资58.6亿元。"
TALLY_TEXT = "一季度，某县新签约项目30个，协议投资96亿元，同比增长15%。"


def label(aid: str, split: str, is_deal: bool, **kw: object) -> dict:
    base = {"id": aid, "url": f"http://example.test/{aid}", "query": "q", "rank": 1, "split": split,
            "lang": "zh-Hans", "published": "2024-05-07", "is_deal": is_deal,
            "negative_class": None if is_deal else "tally", "event_type": None, "event_date": None,
            "amount": None, "project_count": None,
            "place": {"province": None, "prefecture": None, "city": None, "district": None, "park": None}}
    base.update(kw)
    return base


def test_scores_per_split_counts_missing_texts_and_lists_only_tune_failures(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "rd-a.txt").write_text(DEAL_TEXT, encoding="utf-8")
    (texts / "rd-b.txt").write_text(TALLY_TEXT, encoding="utf-8")
    (texts / "rd-c.txt").write_text(DEAL_TEXT, encoding="utf-8")
    labels = [
        label("rd-a", "tune", True, event_type="signing", event_date="2024-05-06", project_count=12,
              amount={"value": 58.6, "currency": "CNY", "qualifier": "exact"}),
        label("rd-b", "tune", False),
        label("rd-c", "check", True, event_type="groundbreaking", project_count=12,
              amount={"value": 58.6, "currency": "CNY", "qualifier": "exact"}),
        label("rd-missing", "check", True),
    ]
    report = run_realdev(labels, texts_dir=texts)
    assert report["missing_texts"] == 1
    tune = report["splits"]["tune"]["all"]
    assert (tune["deals"], tune["non_deals"], tune["deal"]["f1"]) == (1, 1, 1.0)
    assert tune["fields"]["amount"] == 1.0 and tune["fields"]["event_date"] == 1.0
    check = report["splits"]["check"]["all"]
    assert check["fields"]["event_type"] == 0.0 and check["fields"]["amount"] == 1.0
    assert report["splits"]["check"]["zh-Hans"]["n"] == 1
    failures = json.dumps(report["tune_failures"])
    assert "rd-c" not in failures  # check failures are never listed


def test_labels_come_from_parts_deduplicated_when_no_merged_file(tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / "a.jsonl").write_text(json.dumps(label("rd-a", "tune", True)) + "\n", encoding="utf-8")
    (parts / "b.jsonl").write_text(json.dumps(label("rd-a", "tune", False)) + "\n"
                                   + json.dumps(label("rd-b", "check", False)) + "\n", encoding="utf-8")
    got = load_labels(tmp_path / "labels.jsonl", parts)
    assert [(x["id"], x["is_deal"]) for x in got] == [("rd-a", True), ("rd-b", False)]


def test_place_names_compare_without_optional_suffixes() -> None:
    assert norm_place("龙文区") == norm_place("龙文")
    assert norm_place("盐城经济技术开发区") == norm_place("盐城经开区")
    assert norm_place("成都") != norm_place("成都高新区")
