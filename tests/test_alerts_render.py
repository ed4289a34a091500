"""Messages: every language, chat limits per channel, HTML escaping, digests that lose nothing."""

from __future__ import annotations

import pytest

from alerts.channels import CHAT_BODY_LIMIT, build_channel
from alerts.render import Item, render_alert, render_digest

DEAL = {"id": 7, "title": "成都高新区集中签约 <b>重大</b>",
        "amount": {"value": 156.3, "currency": "CNY", "qualifier": "over", "value_cny": 156.3},
        "amount_cny": 156.3, "project_count": 18,
        "place": {"province": "四川", "city": "成都", "district": None, "park": "成都高新区"},
        "event_type": "signing", "event_date": "2026-11-15", "parties": ["京东方科技集团", "Intel"],
        "industries": ["电子信息"], "evidence": "此次集中签约项目18个，总投资超156.3亿元。",
        "articles": ["http://a.example/1.html", "http://b.example/2.html"]}


@pytest.mark.parametrize("lang, words", [
    ("zh", ["[新项目]", "成都高新区", "签约", "18个项目", "超156.3亿元", "投资方: 京东方科技集团, Intel",
            "产业: 电子信息", "日期: 2026-11-15", "原文: 此次集中签约"]),
    ("ja", ["[新規案件]", "調印", "18件のプロジェクト", "超156.3億元", "投資者:", "出典:"]),
    ("en", ["[New deal]", "signing", "18 projects", "over CNY 15.63 billion", "Investors:", "Sources:"]),
])
def test_every_language_has_headline_parties_date_links_and_evidence(lang: str, words: list[str]) -> None:
    title, body = render_alert(Item(DEAL), lang)
    text = title + "\n" + body
    for word in words:
        assert word in text
    assert "http://a.example/1.html" in body and "http://b.example/2.html" in body


def test_a_deal_without_amount_says_so() -> None:
    title, _ = render_alert(Item({**DEAL, "amount": None, "amount_cny": None}), "en")
    assert "amount not disclosed" in title


def test_chat_limits_come_from_the_apprise_plugin() -> None:
    wecom = build_channel("wecombot://0123456789abcdef")
    assert (wecom.body_limit, wecom.title_in_body, wecom.email, wecom.limit_in_bytes) == (2048, True, False, True)
    webhook = build_channel("json://127.0.0.1:9/hook")
    assert webhook.body_limit == CHAT_BODY_LIMIT and not webhook.title_in_body
    assert build_channel("mailto://u:p@127.0.0.1:2525?from=pw@b.example&to=a@b.example&mode=insecure").email


def test_a_long_chat_alert_fits_its_channel_keeping_headline_and_first_link() -> None:
    wecom = build_channel("wecombot://0123456789abcdef")
    long = {**DEAL, "evidence": "很长的原文。" * 1000,
            "articles": [f"http://outlet{n}.example/article/{n}.html" for n in range(200)]}
    title, body = render_alert(Item(long), "zh", limit=wecom.body_limit, title_in_body=True, limit_in_bytes=True)
    assert len(f"{title}\r\n{body}".encode("utf-8")) <= 2048  # WeCom counts UTF-8 bytes
    assert "http://outlet0.example/article/0.html" in body
    assert "另有" in body  # says how many reports it left out
    assert "京东方科技集团" in body


def test_email_html_escapes_every_scraped_string() -> None:
    evil = {**DEAL, "title": "<script>alert(1)</script>", "parties": ['<img src=x onerror="x">'],
            "articles": ["javascript:alert(1)", "http://a.example/1.html"]}
    _, html = render_alert(Item(evil), "zh", email=True)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert '<a href="http://a.example/1.html">' in html


def test_a_correction_says_what_changed() -> None:
    previous = {"amount": {"value": 15.63, "currency": "CNY", "value_cny": 15.63}, "project_count": 18,
                "place": DEAL["place"], "event_type": "signing"}
    title, body = render_alert(Item(DEAL, "correction", previous), "zh")
    assert title.startswith("[更正]")
    assert "金额: 15.63亿元 → 超156.3亿元" in body
    assert "项目数" not in body  # unchanged facts are not listed as changes


def test_a_digest_is_one_message_listing_every_deal() -> None:
    items = [Item({**DEAL, "id": n, "title": f"项目{n}"}) for n in range(5)]
    parts = render_digest(items, "zh", mode="daily")
    assert len(parts) == 1
    title, body, indexes = parts[0]
    assert "每日汇总" in title and "5" in title and indexes == [0, 1, 2, 3, 4]
    assert all(f"项目{n}" in body for n in range(5))
    html_parts = render_digest(items, "en", mode="weekly", email=True)
    assert len(html_parts) == 1 and html_parts[0][1].count("<h3") == 5


def test_a_chat_digest_over_the_limit_splits_without_losing_a_deal() -> None:
    items = [Item({**DEAL, "id": n, "title": f"项目{n} " + "长" * 150}) for n in range(40)]
    parts = render_digest(items, "zh", limit=2048, title_in_body=True, limit_in_bytes=True)
    assert len(parts) > 1
    assert sorted(i for _, _, indexes in parts for i in indexes) == list(range(40))
    assert all(len(f"{title}\r\n{body}".encode("utf-8")) <= 2048 for title, body, _ in parts)
    assert parts[0][0].endswith(f"(1/{len(parts)})")
