"""The durable alert queue: rows written with the deal, delivered and retried from here."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerts.render import render
from alerts.rules import matching_subscribers
from alerts.send import Delivery, send
from alerts.subscriptions import Subscriber
from store.models import AlertOutbox, Deal, utcnow
from store.queries import deal_to_dict, load_deal
from store.session import Store

logger = logging.getLogger(__name__)

# Retry schedule: first retry after BACKOFF_BASE, doubling up to BACKOFF_CAP, and the
# row goes dead only once it has been failing for longer than GIVE_UP_AFTER.
BACKOFF_BASE = dt.timedelta(minutes=1)
BACKOFF_CAP = dt.timedelta(hours=2)
GIVE_UP_AFTER = dt.timedelta(hours=30)

Sender = Callable[[list[str], str, str, str], Delivery]


def queue_alerts(session: Session, deal: Deal, kind: str, subscribers: list[Subscriber]) -> int:
    """Add one outbox row per matching subscriber; duplicates are impossible by key."""
    record = deal_to_dict(deal)
    added = 0
    for subscriber in matching_subscribers(subscribers, record):
        exists = session.scalar(select(AlertOutbox.id).where(
            AlertOutbox.deal_id == deal.id, AlertOutbox.subscriber == subscriber.name,
            AlertOutbox.kind == kind, AlertOutbox.deal_version == deal.version))
        if exists:
            continue
        if kind == "correction" and not session.scalar(select(AlertOutbox.id).where(
                AlertOutbox.deal_id == deal.id, AlertOutbox.subscriber == subscriber.name)):
            kind_for_row = "new"  # they never heard of it: the corrected deal is news to them
        else:
            kind_for_row = kind
        session.add(AlertOutbox(deal_id=deal.id, subscriber=subscriber.name, kind=kind_for_row,
                                deal_version=deal.version))
        added += 1
    session.flush()
    return added


@dataclass
class FlushReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    details: list[str] = field(default_factory=list)


def _backoff(attempts: int) -> dt.timedelta:
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def flush_due(store: Store, subscribers: list[Subscriber], *, now: dt.datetime | None = None,
              sender: Sender = send, extra_urls: list[str] | None = None) -> FlushReport:
    """Deliver every due row once; a row is marked sent only after its channel said yes."""
    now = now or utcnow()
    by_name = {s.name: s for s in subscribers}
    report = FlushReport()
    with store.session() as session:
        due = session.scalars(select(AlertOutbox).where(
            AlertOutbox.status == "pending", AlertOutbox.next_attempt_at <= now)
            .order_by(AlertOutbox.id)).all()
        due_ids = [row.id for row in due]
    for row_id in due_ids:
        with store.session() as session:
            row = session.get(AlertOutbox, row_id)
            if row is None or row.status != "pending":
                continue
            subscriber = by_name.get(row.subscriber)
            deal = load_deal(session, row.deal_id)
            if subscriber is None or deal is None:
                row.status, row.last_error = "dead", "subscriber or deal no longer exists"
                report.dead += 1
                continue
            title, body = render(deal_to_dict(deal), subscriber.language, row.kind)
            urls = list(subscriber.urls) + list(extra_urls or [])
            delivery = sender(urls, title, body, f"pw-{subscriber.name}")
            row.attempts += 1
            if delivery.ok:
                row.status, row.sent_at, row.last_error = "sent", now, None
                report.sent += 1
                continue
            row.last_error = delivery.detail
            if now - row.created_at >= GIVE_UP_AFTER:
                row.status = "dead"
                report.dead += 1
            else:
                row.next_attempt_at = now + _backoff(row.attempts)
                report.failed += 1
            report.details.append(f"{row.subscriber}: deal {row.deal_id}: {delivery.detail}")
    return report


def outbox_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(AlertOutbox.status, func.count()).group_by(AlertOutbox.status))
    counts = {"pending": 0, "sent": 0, "dead": 0, "withdrawn": 0}
    counts.update({status: n for status, n in rows})
    counts["failed"] = session.scalar(select(func.count()).select_from(AlertOutbox).where(
        AlertOutbox.status == "pending", AlertOutbox.attempts > 0)) or 0
    return counts

