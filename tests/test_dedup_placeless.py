"""One event, one deal, even without a place: mirrors and reposts of an article that names
no province or city join the deal they report (matched by amount, count, date, parties and
the evidence sentence), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from store.dedup import is_same_event
from store.ingest import ensure_source, store_analysis, store_page
from store.models import Deal, DealMention
from store.session import Store

NOW = dt.datetime(2026, 11, 20, 8, 0)
EVIDENCE = "本次活动现场签约项目9个，总投资47.6亿元。"


def facts(amount: float | None = 47.6, count: int | None = 9, date: str | None = "2026-11-14",
          city: str | None = None, province: str | None = None, evidence: str = EVIDENCE,
          parties: list[str] | None = None, event_type: str = "signing") -> dict:
    return {
        "lang": "zh-Hans", "is_deal": True, "event_type": event_type, "event_date": date,
        "amount": None if amount is None else {"value": amount, "currency": "CNY", "qualifier": "exact",
                                               "value_cny": amount, "evidence": evidence},
        "project_count": count,
        "place": {"province": province, "city": city, "district": None, "park": None},
        "parties": parties or [], "industries": [], "deals": [],
    }


def add(store: Store, url: str, f: dict) -> None:
    with store.session() as session:
        ensure_source(session, "src", "Source", "zh-Hans", "html", {})
        page = store_page(session, source_id="src", url=url, canonical_url=url, status=200,
                          body=b"<html>x</html>", http_charset="utf-8", etag=None, last_modified=None,
                          fetched_at=NOW)
        analysis = {"page": {"title": "集中签约", "published": "2026-11-15", "text": "正文",
                             "lang": "zh-Hans", "encoding": "utf-8", "site": "x"}, "facts": f}
        store_analysis(session, page, analysis)


def counts(store: Store) -> tuple[int, int]:
    with store.session() as session:
        return session.scalar(select(func.count(Deal.id))), session.scalar(select(func.count(DealMention.id)))


def test_mirrors_without_a_place_make_one_deal(store: Store) -> None:
    add(store, "http://a.example/n/1.html", facts())
    add(store, "http://mirror.example/copy/1.html", facts())
    add(store, "http://b.example/repost.html", facts(evidence="现场签约9个项目，总投资47.6亿元。"))
    assert counts(store) == (1, 3)


def test_a_copy_that_names_the_place_joins_the_placeless_deal(store: Store) -> None:
    add(store, "http://a.example/n/2.html", facts())
    add(store, "http://c.example/n/2.html", facts(city="漳州", province="福建"))
    assert counts(store) == (1, 2)


def test_placeless_reports_of_different_events_stay_apart(store: Store) -> None:
    add(store, "http://a.example/n/3.html", facts())
    add(store, "http://a.example/n/4.html", facts(amount=12.0, count=3,
                                                  evidence="签约项目3个，总投资12亿元。"))
    add(store, "http://a.example/n/5.html", facts(count=5, date="2026-11-02",
                                                  evidence="5个项目集中开工，总投资47.6亿元。",
                                                  event_type="groundbreaking"))
    assert counts(store) == (3, 3)


def test_one_shared_fact_is_not_enough_without_a_place() -> None:
    deal = Deal(amount_cny=47.6, amount_evidence="甲园区签约项目9个，总投资47.6亿元。", project_count=9,
                event_type="signing", event_date="2026-11-14", parties=[], first_seen=NOW)
    other = facts(count=4, date="2026-11-12", evidence="乙园区签约项目4个，总投资47.6亿元。")
    assert not is_same_event(deal, other, NOW)
    assert is_same_event(deal, facts(evidence="另一写法。", parties=[]), NOW)
    assert is_same_event(deal, facts(count=None, date=None, evidence="甲园区签约项目9个， 总投资47.6亿元。"), NOW)
