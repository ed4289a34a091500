"""Source health: failure streaks and operator alerts (apprise, tag `ops`)."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.redaction import redact
from store.models import CrawlRun
from store.session import Store

logger = logging.getLogger(__name__)

# Run results that count against a source's health.
BAD_RESULTS = ("failed", "empty")
# How far back a streak is counted.
STREAK_WINDOW = 50


def failure_streak(session: Session, source_id: str) -> tuple[int, str | None]:
    """(consecutive bad runs, the result that started the streak) for a source."""
    runs = session.scalars(select(CrawlRun).where(
        CrawlRun.source_id == source_id, CrawlRun.status != "running")
        .order_by(CrawlRun.id.desc()).limit(STREAK_WINDOW)).all()
    streak = 0
    for run in runs:
        if run.status not in BAD_RESULTS:
            break
        streak += 1
    return streak, (runs[0].status if streak else None)


def ops_message(session: Session, source_id: str, threshold: int) -> tuple[str, str] | None:
    """(title, body) of the operator alert this source owes now, once per streak."""
    streak, kind = failure_streak(session, source_id)
    if streak == 0:
        return None
    last = session.scalar(select(CrawlRun).where(CrawlRun.source_id == source_id)
                          .order_by(CrawlRun.id.desc()).limit(1))
    layout_changed = last is not None and last.status == "empty"
    if not ((layout_changed and streak == 1) or streak == threshold):
        return None
    reason = last.message if last and last.message else "crawl failed"
    title = f"ParkWatch: source {source_id} needs attention"
    body = (f"{source_id}: {streak} bad run(s) in a row; last: {reason}.\n"
            "Check the source's start URLs and article_allow patterns "
            "(`parkwatch status` shows every source).")
    return title, body


def send_ops_alert(urls: list[str], title: str, body: str) -> bool:
    if not urls:
        logger.warning("operator alert not sent (no ops_notify configured): %s", title)
        return False
    # apprise costs ~30 MiB and a second of import: only a process that sends pays for it
    # (`parkwatch crawl` imports this module and holds its memory for the whole crawl).
    from alerts.send import send

    delivery = send(urls, title, body, "ops")
    if not delivery.ok:
        logger.warning("operator alert failed: %s", redact(delivery.detail))
    return delivery.ok


def check_sources(store: Store, source_ids: list[str], threshold: int, ops_urls: list[str]) -> int:
    """After a crawl: send the operator alerts the sources owe; returns how many were sent."""
    sent = 0
    for source_id in source_ids:
        with store.session() as session:
            message = ops_message(session, source_id, threshold)
        if message and send_ops_alert(ops_urls, *message):
            sent += 1
    return sent
