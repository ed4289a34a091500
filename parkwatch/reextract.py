"""Re-run cleaning and extraction over stored raw pages after an upgrade."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sqlalchemy import select

from alerts.outbox import queue_alerts
from alerts.subscriptions import load_subscriptions
from extractors.article import analyse_page
from parkwatch.config import Config
from store.ingest import raw_body, store_analysis
from store.models import Page, Source
from store.session import Store

# Pages handed to each worker at once: large enough to amortise pickling.
CHUNK_SIZE = 16


def _analyse(job: tuple[int, bytes, str, str | None, dict[str, Any], dt.date]) -> tuple[int, dict[str, Any] | None]:
    page_id, raw, url, charset, options, crawled = job
    try:
        return page_id, analyse_page(raw, url=url, http_charset=charset, crawled=crawled,
                                     clean_options=options)
    except Exception:  # noqa: BLE001 - one broken page must not stop the re-run; counted as failed
        return page_id, None


def reextract_all(store: Store, config: Config, *, since: dt.datetime | None = None) -> dict[str, int]:
    """Counts of what changed: articles updated, deals corrected, failures."""
    subscribers = load_subscriptions(config.subscriptions) if config.subscriptions else []

    def hook(session, deal, kind):  # type: ignore[no-untyped-def]
        session.refresh(deal, ["mentions"])
        queue_alerts(session, deal, kind, subscribers)

    with store.session() as session:
        options = {s.id: (s.config or {}).get("clean") or {} for s in session.scalars(select(Source))}
        query = select(Page.id, Page.url, Page.http_charset, Page.source_id, Page.fetched_at).where(
            Page.kind == "article")
        if since:
            query = query.where(Page.fetched_at >= since)
        pages = session.execute(query.order_by(Page.id)).all()

    def jobs():  # type: ignore[no-untyped-def]
        for page_id, url, charset, source_id, fetched in pages:
            with store.session() as session:
                page = session.get(Page, page_id)
                raw = raw_body(page) if page else b""
            yield page_id, raw, url, charset, options.get(source_id, {}), fetched.date()

    counts: Counter[str] = Counter()
    with ProcessPoolExecutor(max_workers=config.workers or None) as pool:
        for page_id, analysis in pool.map(_analyse, jobs(), chunksize=CHUNK_SIZE):
            if analysis is None:
                counts["failed"] += 1
                continue
            with store.session() as session:
                page = session.get(Page, page_id)
                result = store_analysis(session, page, analysis, hook)
            counts["pages"] += 1
            counts[f"deal_{result.deal_event or 'none'}"] += 1
    return dict(counts)
