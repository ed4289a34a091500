"""The store: pages, articles, one deal per event, corrections, the outbox key."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, text

from alerts.outbox import queue_alerts
from alerts.subscriptions import Rule, Subscriber
from store.ingest import ensure_source, raw_body, store_analysis, store_page
from store.models import AlertOutbox, Deal, DealMention, Page
from store.session import Store

NOW = dt.datetime(2026, 11, 20, 8, 0)


def facts(amount: float | None = 156.3, qualifier: str = "exact", count: int | None = 18,
          city: str = "合肥", date: str | None = "2026-11-15", is_deal: bool = True) -> dict:
    return {
        "lang": "zh-Hans", "is_deal": is_deal, "event_type": "signing", "event_date": date,
        "amount": None if amount is None else {"value": amount, "currency": "CNY", "qualifier": qualifier,
                                               "value_cny": amount, "evidence": "……总投资156.3亿元。"},
        "project_count": count,
        "place": {"province": "安徽", "city": city, "district": None, "park": f"{city}高新区"},
        "parties": ["星河瑞达新材料有限公司"], "industries": ["新材料"], "deals": [],
    }


def add(store: Store, url: str, f: dict, body: bytes = b"<html>x</html>", hook=None):
    with store.session() as session:
        ensure_source(session, "src", "Source", "zh-Hans", "html", {})
        page = store_page(session, source_id="src", url=url, canonical_url=url, status=200,
                          body=body, http_charset="utf-8", etag=None, last_modified=None,
                          fetched_at=NOW)
        analysis = {"page": {"title": "合肥高新区集中签约", "published": "2026-11-16", "text": "正文",
                             "lang": "zh-Hans", "encoding": "utf-8", "site": "x"}, "facts": f}
        return store_analysis(session, page, analysis, hook)


def test_wal_mode_and_busy_timeout_or_a_utf8_postgresql(store: Store) -> None:
    with store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        else:
            assert conn.execute(text("SHOW server_encoding")).scalar() == "UTF8"
            assert conn.execute(text("SHOW lc_ctype")).scalar() == "C.UTF-8"


def test_raw_page_is_kept_compressed(store: Store) -> None:
    body = "<html><body>成都高新区集中签约</body></html>".encode("gb18030") * 50
    add(store, "http://a.example/1.html", facts(), body=body)
    with store.session() as session:
        page = session.scalar(select(Page))
        assert len(page.raw) < len(body)
        assert raw_body(page) == body


def test_two_outlets_one_event_make_one_deal_with_two_mentions(store: Store) -> None:
    first = add(store, "http://a.example/1.html", facts(amount=156.0, qualifier="over"))
    second = add(store, "http://b.example/2.html", facts(amount=156.3, date="2026-11-16"))
    assert first.deal_event == "new" and second.deal_event == "mention"
    assert first.deal_id == second.deal_id
    with store.session() as session:
        deal = session.get(Deal, first.deal_id)
        assert deal.amount_value == 156.3 and deal.amount_qualifier == "exact"  # exact figure wins
        assert session.scalar(select(func.count()).select_from(DealMention)) == 2


def test_different_amount_or_city_is_another_deal(store: Store) -> None:
    a = add(store, "http://a.example/1.html", facts())
    b = add(store, "http://a.example/2.html", facts(amount=40.0))
    c = add(store, "http://a.example/3.html", facts(city="芜湖"))
    assert len({a.deal_id, b.deal_id, c.deal_id}) == 3


def test_no_deal_article_is_stored_without_deal(store: Store) -> None:
    result = add(store, "http://a.example/1.html", facts(is_deal=False))
    assert result.new_article and result.deal_id is None


def test_reextract_with_changed_amount_is_a_correction(store: Store) -> None:
    events = []
    first = add(store, "http://a.example/1.html", facts(amount=15.0), hook=lambda s, d, k: events.append(k))
    again = add(store, "http://a.example/1.html", facts(amount=150.0), hook=lambda s, d, k: events.append(k))
    same = add(store, "http://a.example/1.html", facts(amount=150.0), hook=lambda s, d, k: events.append(k))
    assert (first.deal_event, again.deal_event, same.deal_event) == ("new", "correction", "unchanged")
    assert not again.new_article and again.deal_id == first.deal_id
    assert events == ["new", "correction"]
    with store.session() as session:
        assert session.get(Deal, first.deal_id).version == 2


def test_outbox_has_one_row_per_deal_and_subscriber(store: Store) -> None:
    subs = [Subscriber(name="big", rules=[Rule(min_amount_yi=100)]),
            Subscriber(name="hefei", rules=[Rule(regions=["合肥"])]),
            Subscriber(name="tiny", rules=[Rule(min_amount_yi=1000)])]
    hook = lambda session, deal, kind: queue_alerts(session, deal, kind, subs)  # noqa: E731
    add(store, "http://a.example/1.html", facts(), hook=hook)
    add(store, "http://b.example/2.html", facts(date="2026-11-16"), hook=hook)
    with store.session() as session:
        rows = session.execute(select(AlertOutbox.subscriber, AlertOutbox.kind)).all()
    assert sorted(rows) == [("big", "new"), ("hefei", "new")]
