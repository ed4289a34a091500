"""Subscriptions: validation with file, field and fix; matching; digest slots."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from alerts.rules import Matcher, matching_subscribers
from alerts.schedule import next_slot
from alerts.subscriptions import Rule, Subscriber, SubscriptionError, load_subscriptions


def deal(amount: float | None = 20.0, **over: object) -> dict:
    record = {"id": 1, "title": "成都高新区集中签约", "amount_cny": amount,
              "amount": None if amount is None else {"value": amount, "currency": "CNY", "value_cny": amount},
              "place": {"province": None, "city": None, "district": None, "park": "成都高新区"},
              "event_type": "signing", "industries": ["电子信息"], "parties": ["京东方科技集团"],
              "evidence": "总投资20亿元的新型显示项目签约。", "investor_flags": {"fortune500": False, "foreign": False},
              "articles": ["http://a.example/1.html"]}
    record.update(over)
    return record


def names(rules: list[Rule], record: dict) -> bool:
    return bool(matching_subscribers([Subscriber(name="s", rules=rules)], record))


@pytest.mark.parametrize("region, expected", [("四川", True), ("成都", True), ("成都高新区", True),
                                              ("江苏", False), ("合肥", False)])
def test_regions_are_hierarchical(region: str, expected: bool) -> None:
    assert names([Rule(regions=[region])], deal()) is expected


def test_amount_threshold_and_deals_without_amount() -> None:
    assert names([Rule(min_amount_yi=20)], deal(20.0))
    assert not names([Rule(min_amount_yi=20.5)], deal(20.0))
    assert not names([Rule(min_amount_yi=5)], deal(None))
    assert not names([Rule(regions=["四川"])], deal(None))  # no amount: only rules that allow it
    assert names([Rule(min_amount_yi=5, allow_no_amount=True)], deal(None))


@pytest.mark.parametrize("rule, expected", [
    (Rule(industries=["电子信息"]), True), (Rule(industries=["生物医药"]), False),
    (Rule(keywords=["新型显示"]), True), (Rule(keywords=["锂电"]), False),
    (Rule(event_types=["signing"]), True), (Rule(event_types=["production"]), False),
    (Rule(companies=["京东方"]), True), (Rule(companies=["比亚迪"]), False),
    (Rule(fortune500=True), False), (Rule(foreign=True), False),
])
def test_each_condition_filters(rule: Rule, expected: bool) -> None:
    assert names([rule], deal()) is expected


def test_investor_flags_match_when_set() -> None:
    flagged = deal(investor_flags={"fortune500": True, "foreign": True})
    assert names([Rule(fortune500=True, foreign=True)], flagged)


def test_any_rule_of_a_subscriber_is_enough() -> None:
    assert names([Rule(min_amount_yi=1000), Rule(regions=["成都"])], deal())


def test_matcher_answers_many_deals_and_subscribers() -> None:
    subs = [Subscriber(name=f"s{i}", rules=[Rule(regions=[r], min_amount_yi=m)])
            for i, (r, m) in enumerate([("四川", 10), ("成都", 30), ("江苏", 1)])]
    matcher = Matcher(subs)
    assert [s.name for s in matcher.match(deal(20.0))] == ["s0"]
    assert [s.name for s in matcher.match(deal(40.0))] == ["s0", "s1"]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "subs.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_minimum_in_another_currency_is_converted_with_the_rate_table(tmp_path: Path) -> None:
    subs = load_subscriptions(_write(tmp_path, """
subscribers:
  - name: usd
    urls: ["json://127.0.0.1:9/h"]
    rules: [{min_amount_yi: 2, min_amount_currency: USD}]
"""))
    assert subs[0].rules[0].min_cny == pytest.approx(14.1)  # 7.05 CNY per USD
    assert names(subs[0].rules, deal(15.0)) and not names(subs[0].rules, deal(14.0))


@pytest.mark.parametrize("body, field, fix", [
    ("- name: a\n    urls: ['nosuchscheme://x']", "subscribers.0.urls.0", "fix the scheme"),
    ("- name: a\n    urls: []", "subscribers.0", "add `urls`"),
    ("- name: a\n    urls: ['json://127.0.0.1:9/h']\n    rules: [{min_amount_yi: 1, min_amount_currency: XXX}]",
     "subscribers.0.rules.0.min_amount_currency", "use one of"),
    ("- name: a\n    urls: ['json://127.0.0.1:9/h']\n    digest_time: '25:00'", "subscribers.0.digest_time", "HH:MM"),
    ("- name: a\n    urls: ['json://127.0.0.1:9/h']\n    language: fr", "subscribers.0.language", "fix"),
    ("- name: a\n    apprise_config: apprise.yml", "subscribers.0", "tags"),
    ("- name: a\n    apprise_config: missing.yml\n    tags: [x]", "subscribers.0.apprise_config", "fix the path"),
])
def test_errors_name_the_file_the_field_and_the_fix(tmp_path: Path, body: str, field: str, fix: str) -> None:
    path = _write(tmp_path, "subscribers:\n  " + body + "\n")
    with pytest.raises(SubscriptionError) as err:
        load_subscriptions(path)
    message = str(err.value)
    assert str(path) in message and f"field {field}" in message and fix in message


def test_apprise_config_tags_must_select_a_service(tmp_path: Path) -> None:
    (tmp_path / "apprise.yml").write_text("urls:\n  - json://127.0.0.1:9/a:\n      tag: ops\n")
    ok = _write(tmp_path, "subscribers:\n  - name: a\n    apprise_config: apprise.yml\n    tags: [ops]\n")
    assert load_subscriptions(ok)[0].apprise_config == tmp_path / "apprise.yml"
    bad = _write(tmp_path, "subscribers:\n  - name: a\n    apprise_config: apprise.yml\n    tags: [sales]\n")
    with pytest.raises(SubscriptionError, match="no service"):
        load_subscriptions(bad)


def test_the_demo_subscriptions_load() -> None:
    subs = load_subscriptions(Path(__file__).resolve().parents[1] / "seeds" / "demo-subscriptions.yaml")
    assert [s.name for s in subs] == ["demo-analyst", "demo-tokyo-office"]


def test_digest_slots_are_in_the_subscribers_time_zone() -> None:
    daily = Subscriber(name="d", mode="daily", digest_time="08:00")
    weekly = Subscriber(name="w", mode="weekly", digest_time="08:00", digest_weekday="mon")
    tokyo = Subscriber(name="t", mode="daily", digest_time="08:00", timezone="Asia/Tokyo")
    friday_0900_shanghai = dt.datetime(2026, 11, 20, 1, 0)
    assert next_slot(daily, friday_0900_shanghai) == dt.datetime(2026, 11, 21, 0, 0)
    assert next_slot(daily, dt.datetime(2026, 11, 19, 23, 0)) == dt.datetime(2026, 11, 20, 0, 0)
    assert next_slot(weekly, friday_0900_shanghai) == dt.datetime(2026, 11, 23, 0, 0)  # Monday
    assert next_slot(tokyo, friday_0900_shanghai) == dt.datetime(2026, 11, 20, 23, 0)
    instant = Subscriber(name="i")
    assert next_slot(instant, friday_0900_shanghai) == friday_0900_shanghai


def test_the_region_index_agrees_with_place_contains() -> None:
    import csv
    import random

    from alerts.regions import RegionIndex
    from extractors.places import place_contains

    rng = random.Random(3)
    divisions = Path(__file__).resolve().parents[1] / "seeds" / "gazetteer" / "divisions.tsv"
    with divisions.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    districts = rng.sample([r for r in rows if r["level"] == "district" and r["city"]], 40)
    places = [{"province": r["province"], "city": r["city"], "district": r["name"], "park": None} for r in districts]
    places += [{"park": f"{r['city']}高新区"} for r in districts[:15]]
    places += [{"city": r["city"]} for r in districts[15:25]]
    places += [{"province": "四川", "city": "成都", "district": None, "park": "成都高新区"}, {"park": "星河产业园"}, {}]
    regions = sorted({r["province"] for r in districts} | {r["city"] for r in districts[:20]}
                     | {r["name"] for r in districts[:10]} | {f"{r['city']}高新区" for r in districts[:10]}
                     | {"四川", "成都", "成都高新区", "星河产业园", "不存在的地方"})
    index = RegionIndex(regions)
    disagreements = [(region, place) for place in places for region in regions
                     if (region in index.containing(place)) != place_contains(region, place)]
    assert disagreements == []
    positives = sum(len(index.containing(place)) for place in places)
    assert positives > len(places)  # most places lie in a province and a city of the list
    assert "四川" in index.containing(places[-3]) and "星河产业园" in index.containing(places[-2])
