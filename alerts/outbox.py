"""The durable alert queue: rows are claimed, delivered channel by channel, retried, or dead.

Delivery guarantee (see README, Alerts): a row is claimed by one flusher at a time
(atomic UPDATE ... WHERE status='pending', with a lease); each channel's acceptance is
committed right after apprise reports it, and a retry only goes to the channels that
have not accepted. A message is repeated only when the process dies (or the lease runs
out) between a channel accepting it and that commit.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from alerts.channels import Channel, ChannelError, resolve_channels
from alerts.intake import matcher_for, queue_alerts, withdraw_pending
from alerts.redaction import protect, redact
from alerts.render import Item, render_alert, render_digest, snapshot
from alerts.send import Delivery, send_message
from alerts.subscriptions import Subscriber
from store.models import AlertOutbox, utcnow
from store.queries import load_deal
from store.review import reviewed_record
from store.session import Store

__all__ = ["FlushReport", "dead_letters", "flush_due", "matcher_for", "outbox_counts", "queue_alerts",
           "release_expired", "withdraw_pending"]

logger = protect(logging.getLogger(__name__))

# Retry schedule: first retry after BACKOFF_BASE, doubling up to BACKOFF_CAP; a row goes
# dead only once it has kept failing for GIVE_UP_AFTER (so at least 24 hours of retries).
BACKOFF_BASE = dt.timedelta(minutes=1)
BACKOFF_CAP = dt.timedelta(hours=2)
GIVE_UP_AFTER = dt.timedelta(hours=30)
# A claimed row goes back to pending when its flusher has not finished within this.
LEASE = dt.timedelta(minutes=15)
STATUSES = ("pending", "sending", "sent", "failed", "dead", "withdrawn")

Sender = Callable[..., Delivery]  # (channel, title, body, *, html) -> Delivery


@dataclass
class FlushReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    withdrawn: int = 0
    messages: int = 0
    details: list[str] = field(default_factory=list)


@dataclass
class _Job:
    """A claimed row as the sending loop sees it (no session is held while sending)."""

    row_id: int
    item: Item
    delivered: set[str]
    errors: list[str] = field(default_factory=list)


def _backoff(attempts: int) -> dt.timedelta:
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def release_expired(session: Session, now: dt.datetime) -> int:
    """Rows whose flusher vanished (lease over) go back to pending; returns how many."""
    result = session.execute(
        update(AlertOutbox).where(AlertOutbox.status == "sending", AlertOutbox.lease_until < now)
        .values(status="pending", claimed_by=None, lease_until=None)
        .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


def _claim(session: Session, subscriber: str, token: str, now: dt.datetime) -> list[int]:
    """Atomically take the subscriber's due rows; a concurrent flusher gets none of them."""
    session.execute(
        update(AlertOutbox)
        .where(AlertOutbox.subscriber == subscriber, AlertOutbox.status == "pending",
               AlertOutbox.next_attempt_at <= now)
        .values(status="sending", claimed_by=token, lease_until=now + LEASE)
        .execution_options(synchronize_session=False))
    return list(session.scalars(select(AlertOutbox.id).where(
        AlertOutbox.claimed_by == token, AlertOutbox.status == "sending",
        AlertOutbox.subscriber == subscriber).order_by(AlertOutbox.id)))


def _previous_facts(session: Session, row: AlertOutbox) -> dict[str, Any] | None:
    return session.scalar(select(AlertOutbox.sent_facts).where(
        AlertOutbox.deal_id == row.deal_id, AlertOutbox.subscriber == row.subscriber,
        AlertOutbox.status == "sent", AlertOutbox.sent_facts.is_not(None))
        .order_by(AlertOutbox.sent_at.desc(), AlertOutbox.id.desc()).limit(1))


def _finish(row: AlertOutbox, status: str, error: str | None, report: FlushReport) -> None:
    row.status, row.last_error, row.claimed_by, row.lease_until = status, error, None, None
    setattr(report, status, getattr(report, status) + 1)
    if error:
        report.details.append(f"{row.subscriber}: deal {row.deal_id}: {error}")


def _load_jobs(store: Store, subscriber: Subscriber | None, ids: list[int],
               report: FlushReport) -> list[_Job]:
    """Claimed rows with their deals; rows that cannot or must not be sent end here."""
    jobs = []
    with store.session() as session:
        for row in session.scalars(select(AlertOutbox).where(AlertOutbox.id.in_(ids)).order_by(AlertOutbox.id)):
            deal = load_deal(session, row.deal_id)
            if subscriber is None:
                _finish(row, "dead", f"subscriber {row.subscriber} is not in the subscriptions file", report)
            elif deal is None:
                _finish(row, "dead", "deal no longer exists", report)
            elif deal.review_state == "wrong":
                _finish(row, "withdrawn", "withdrawn: deal marked wrong", report)
            else:
                previous = _previous_facts(session, row) if row.kind == "correction" else None
                item = Item(reviewed_record(session, deal), row.kind, previous, ref=f"pw-{row.deal_id}-v{row.deal_version}")
                jobs.append(_Job(row.id, item, set(row.delivered or [])))
    return jobs


def _messages(subscriber: Subscriber, channel: Channel, jobs: list[_Job]) -> list[tuple[str, str, list[_Job]]]:
    """What `channel` still has to get: one message per row, or digest messages."""
    todo = [job for job in jobs if channel.key not in job.delivered]
    if not todo:
        return []
    options = {"email": channel.email, "limit": channel.body_limit, "title_in_body": channel.title_in_body,
               "limit_in_bytes": channel.limit_in_bytes}
    if subscriber.mode == "instant":
        return [(*render_alert(job.item, subscriber.language, **options), [job]) for job in todo]
    parts = render_digest([job.item for job in todo], subscriber.language, mode=subscriber.mode, **options)
    return [(title, body, [todo[i] for i in indexes]) for title, body, indexes in parts]


def _record_delivery(store: Store, channel: Channel, jobs: list[_Job], delivery: Delivery,
                     now: dt.datetime) -> None:
    """Commit one channel's answer for these rows at once, before anything else is sent."""
    result = {"channel": channel.label, "ok": delivery.ok, "detail": redact(delivery.detail),
              "services": delivery.results, "at": now.isoformat(timespec="seconds") + "Z"}
    with store.session() as session:
        for job in jobs:
            row = session.get(AlertOutbox, job.row_id)
            if row is None:
                continue
            row.channel_results = {**(row.channel_results or {}), channel.key: result}
            if delivery.ok:
                job.delivered.add(channel.key)
                row.delivered = sorted(set(row.delivered or []) | {channel.key})


def _settle(store: Store, jobs: list[_Job], channels: list[Channel], token: str, now: dt.datetime,
            report: FlushReport) -> None:
    """Sent when every channel has accepted; otherwise back to pending with backoff, or dead."""
    keys = {c.key for c in channels}
    with store.session() as session:
        for job in jobs:
            row = session.get(AlertOutbox, job.row_id)
            if row is None or row.status != "sending" or row.claimed_by != token:
                continue  # withdrawn or re-claimed meanwhile: leave it to its new owner
            if keys and keys <= set(row.delivered or []):
                row.sent_at, row.sent_facts = now, snapshot(job.item.deal)
                row.attempts += 1
                _finish(row, "sent", None, report)
                continue
            row.attempts += 1
            row.first_failed_at = row.first_failed_at or now
            error = redact("; ".join(dict.fromkeys(job.errors)) or "not delivered")
            if now - row.first_failed_at >= GIVE_UP_AFTER:
                _finish(row, "dead", error, report)
            else:
                row.next_attempt_at = now + _backoff(row.attempts)
                row.status, row.last_error, row.claimed_by, row.lease_until = "pending", error, None, None
                report.failed += 1
                report.details.append(f"{row.subscriber}: deal {row.deal_id}: {error}")


def _deliver(store: Store, subscriber: Subscriber | None, ids: list[int], token: str, now: dt.datetime,
             sender: Sender, extra_urls: list[str], report: FlushReport) -> None:
    jobs = _load_jobs(store, subscriber, ids, report)
    if not jobs or subscriber is None:
        return
    try:
        channels = resolve_channels([*subscriber.urls, *extra_urls], subscriber.apprise_config, subscriber.tags)
        if not channels:
            raise ChannelError("no channel configured")
    except (ChannelError, OSError) as exc:
        channels = []
        for job in jobs:
            job.errors.append(redact(str(exc)))
    for channel in channels:
        broken: str | None = None  # after one failure, spare the channel the rest of this flush
        for title, body, batch in _messages(subscriber, channel, jobs):
            if broken is None:
                delivery = sender(channel, title, body, html=channel.email)
                report.messages += int(delivery.ok)
                _record_delivery(store, channel, batch, delivery, now)
                if not delivery.ok:
                    broken = f"{channel.label}: {delivery.detail}"
            if broken is not None:
                for job in batch:
                    job.errors.append(broken)
    _settle(store, jobs, channels, token, now, report)


def flush_due(store: Store, subscribers: list[Subscriber], *, now: dt.datetime | None = None,
              sender: Sender = send_message, extra_urls: list[str] | None = None) -> FlushReport:
    """Deliver every row due at `now` (naive UTC); safe to run from two processes at once."""
    now = now or utcnow()
    token = uuid.uuid4().hex
    by_name = {s.name: s for s in subscribers}
    report = FlushReport()
    with store.session() as session:
        released = release_expired(session, now)
        names = list(session.scalars(select(AlertOutbox.subscriber).where(
            AlertOutbox.status == "pending", AlertOutbox.next_attempt_at <= now).distinct()))
    if released:
        logger.warning("%d outbox rows were left in 'sending' by a stopped flusher; retrying them", released)
    for name in sorted(names):
        with store.session() as session:
            ids = _claim(session, name, token, now)
        if not ids:
            continue
        try:
            _deliver(store, by_name.get(name), ids, token, now, sender, list(extra_urls or []), report)
        except Exception as exc:  # noqa: BLE001 - one subscriber's bug must not stop the others
            logger.exception("delivery to subscriber %s failed; its rows go back to pending", name)
            _release(store, token, ids, redact(f"{type(exc).__name__}: {exc}"), now, report)
    return report


def _release(store: Store, token: str, ids: list[int], error: str, now: dt.datetime,
             report: FlushReport) -> None:
    """Hand still-claimed rows back after an unexpected error, counted as a failed attempt."""
    with store.session() as session:
        for row in session.scalars(select(AlertOutbox).where(
                AlertOutbox.id.in_(ids), AlertOutbox.claimed_by == token, AlertOutbox.status == "sending")):
            row.attempts += 1
            row.first_failed_at = row.first_failed_at or now
            row.next_attempt_at = now + _backoff(row.attempts)
            row.status, row.last_error, row.claimed_by, row.lease_until = "pending", error, None, None
            report.failed += 1
            report.details.append(f"{row.subscriber}: deal {row.deal_id}: {error}")


def outbox_counts(session: Session) -> dict[str, int]:
    """Rows per status; `failed` counts pending rows that have failed at least once."""
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: n for status, n in session.execute(
        select(AlertOutbox.status, func.count()).group_by(AlertOutbox.status))})
    counts["failed"] = session.scalar(select(func.count()).select_from(AlertOutbox).where(
        AlertOutbox.status == "pending", AlertOutbox.attempts > 0)) or 0
    return counts


def dead_letters(session: Session, limit: int | None = None) -> list[dict[str, Any]]:
    """Dead rows, newest first, with their last (redacted) error and per-channel results."""
    query = select(AlertOutbox).where(AlertOutbox.status == "dead").order_by(AlertOutbox.id.desc())
    if limit:
        query = query.limit(limit)
    return [{"id": row.id, "deal_id": row.deal_id, "subscriber": row.subscriber, "kind": row.kind,
             "deal_version": row.deal_version, "attempts": row.attempts,
             "created_at": row.created_at.isoformat(timespec="seconds") + "Z",
             "first_failed_at": row.first_failed_at.isoformat(timespec="seconds") + "Z" if row.first_failed_at else None,
             "last_error": redact(row.last_error or ""),
             "channels": {v.get("channel"): ("ok" if v.get("ok") else redact(str(v.get("detail"))))
                          for v in (row.channel_results or {}).values()}}
            for row in session.scalars(query)]
