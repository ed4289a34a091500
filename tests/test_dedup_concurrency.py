"""Two workers storing reports of one event at the same moment make one deal (PostgreSQL:
the advisory lock around "find the deal, else create it")."""

from __future__ import annotations

import datetime as dt
import threading
import time

from sqlalchemy import func, select, text

from extractors.article import analyse_page
from store.ingest import ensure_source, store_analysis, store_page
from store.models import Deal
from store.session import Store
from tests.sites import Deal as InventedDeal


def _store(session, source: str, url: str, html: str):  # type: ignore[no-untyped-def]
    body = html.encode()
    page = store_page(session, source_id=source, url=url, canonical_url=url, status=200, body=body,
                      http_charset="utf-8", etag=None, last_modified=None,
                      fetched_at=dt.datetime(2026, 11, 20, 8, 0))
    return store_analysis(session, page, analyse_page(body, url=url))


def test_simultaneous_reports_of_one_event_join_one_deal(fresh_pg_url: str) -> None:
    store = Store(fresh_pg_url)
    event = InventedDeal(42)
    with store.session() as session:
        for source in ("outlet-a", "outlet-b"):
            ensure_source(session, source, source, "zh-Hans", "html", {})
    second: dict[str, object] = {}

    def other_worker() -> None:
        with store.session() as session:
            second["result"] = _store(session, "outlet-b", "http://b.example/r42.html", event.repost())

    with store.session() as session:
        first = _store(session, "outlet-a", "http://a.example/a42.html", event.original())
        assert first.deal_event == "new"  # created, not yet committed: we hold the lock
        worker = threading.Thread(target=other_worker)
        worker.start()
        deadline = time.monotonic() + 60
        with store.session() as probe:  # wait until the other worker queues on the lock
            while not probe.scalar(text("SELECT count(*) FROM pg_locks "
                                        "WHERE locktype = 'advisory' AND NOT granted")):
                assert worker.is_alive() and time.monotonic() < deadline, second
                time.sleep(0.05)
                probe.rollback()
    worker.join(timeout=60)
    result = second["result"]
    assert result.deal_event == "mention" and result.deal_id == first.deal_id  # type: ignore[attr-defined]
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Deal)) == 1
    store.close()


def test_deals_of_another_province_are_not_held_up(fresh_pg_url: str) -> None:
    """The matching lock is per province: a writer in Sichuan does not wait for one in Anhui."""
    store = Store(fresh_pg_url)
    anhui, sichuan = InventedDeal(0), InventedDeal(10)  # 合肥, 成都
    with store.session() as session:
        ensure_source(session, "outlet", "outlet", "zh-Hans", "html", {})
    other: dict[str, object] = {}

    def other_worker() -> None:
        with store.session() as session:
            other["result"] = _store(session, "outlet", "http://b.example/a10.html", sichuan.original())

    with store.session() as session:
        assert _store(session, "outlet", "http://a.example/a0.html", anhui.original()).deal_event == "new"
        worker = threading.Thread(target=other_worker)
        worker.start()
        worker.join(timeout=60)  # returns at once unless it queues behind our open transaction
        assert not worker.is_alive(), "a deal in another province waited for this transaction"
    assert other["result"].deal_event == "new"  # type: ignore[attr-defined]
    store.close()
