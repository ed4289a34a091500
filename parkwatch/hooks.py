"""The deal hook the crawl process calls inside the deal's own transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from alerts.outbox import queue_alerts
from alerts.subscriptions import load_subscriptions
from store.ingest import DealHook
from store.models import Deal


def make_deal_hook(settings: Any) -> DealHook | None:
    """Scrapy passes its settings; PARKWATCH_SUBSCRIPTIONS names the subscriptions file."""
    path = settings.get("PARKWATCH_SUBSCRIPTIONS")
    if not path:
        return None
    subscribers = load_subscriptions(Path(path))

    def on_deal(session: Session, deal: Deal, kind: str) -> None:
        session.refresh(deal, ["mentions"])
        queue_alerts(session, deal, kind, subscribers)

    return on_deal
