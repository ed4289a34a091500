"""Writing outbox rows inside the deal's own transaction, and withdrawing them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from alerts.rules import Matcher
from alerts.schedule import next_slot
from alerts.subscriptions import Subscriber
from store.models import AlertOutbox, Deal, utcnow
from store.review import reviewed_record

# Matchers built for the subscriber lists seen lately (a crawl passes the same list for
# every deal): compiling 200 subscribers per deal would cost more than matching.
_MATCHERS: dict[int, tuple[list[Subscriber], Matcher]] = {}
MATCHER_CACHE_SIZE = 8
WRONG = "wrong"


def matcher_for(subscribers: list[Subscriber]) -> Matcher:
    hit = _MATCHERS.get(id(subscribers))
    if hit is not None and hit[0] is subscribers and len(hit[1].subscribers) == len(subscribers):
        return hit[1]
    if len(_MATCHERS) >= MATCHER_CACHE_SIZE:
        _MATCHERS.clear()
    matcher = Matcher(subscribers)
    _MATCHERS[id(subscribers)] = (subscribers, matcher)
    return matcher


def _row(deal: Deal, subscriber: Subscriber, kind: str, now: dt.datetime) -> AlertOutbox:
    return AlertOutbox(deal_id=deal.id, subscriber=subscriber.name, kind=kind, deal_version=deal.version,
                       status="pending", attempts=0, next_attempt_at=next_slot(subscriber, now),
                       created_at=now, delivered=[], channel_results={})


def queue_alerts(session: Session, deal: Deal, kind: str, subscribers: list[Subscriber], *,
                 now: dt.datetime | None = None, matcher: Matcher | None = None) -> int:
    """Add the deal's outbox rows in the caller's transaction; returns how many were added.

    "new": one row per matching subscriber that has no row for this deal yet (a second
    outlet never adds one). "correction": subscribers who were (or are being) told get
    one correction row per deal version; a still-pending row is left to carry the
    corrected facts, or withdrawn when the deal no longer matches; subscribers who now
    match for the first time get a "new" row.
    """
    if deal.review_state == WRONG:
        return 0
    now = now or utcnow()
    matched = {s.name for s in (matcher or matcher_for(subscribers)).match(reviewed_record(session, deal))}
    existing: dict[str, list[AlertOutbox]] = defaultdict(list)
    for row in session.scalars(select(AlertOutbox).where(AlertOutbox.deal_id == deal.id)):
        existing[row.subscriber].append(row)
    added = 0
    for subscriber in subscribers:
        mine = existing.get(subscriber.name, [])
        wanted = subscriber.name in matched
        if kind != "correction":
            if wanted and not mine:
                session.add(_row(deal, subscriber, "new", now))
                added += 1
            continue
        heard = any(r.status in ("sent", "sending") for r in mine)
        waiting = [r for r in mine if r.status == "pending"]
        if waiting:
            if wanted:
                continue  # rendered at send time, so the pending row already carries the fix
            for row in waiting:
                row.status, row.last_error = "withdrawn", f"no longer matches after correction (v{deal.version})"
        row_kind = "correction" if heard else ("new" if wanted else None)
        if row_kind is None or any(r.kind == row_kind and r.deal_version == deal.version for r in mine):
            continue
        session.add(_row(deal, subscriber, row_kind, now))
        added += 1
    session.flush()
    return added


def withdraw_pending(session: Session, deal_id: int) -> int:
    """Withdraw the deal's rows not yet sent (the deal was marked wrong); returns how many.

    Rows already being sent finish; the flusher also skips deals marked wrong.
    """
    result = session.execute(
        update(AlertOutbox)
        .where(AlertOutbox.deal_id == deal_id, AlertOutbox.status == "pending")
        .values(status="withdrawn", last_error="withdrawn: deal marked wrong", claimed_by=None,
                lease_until=None)
        .execution_options(synchronize_session="fetch"))
    return int(result.rowcount or 0)
