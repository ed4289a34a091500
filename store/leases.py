"""Crawl leases: never two crawls of one source at once, across processes and machines."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import CrawlLease, utcnow


def acquire_lease(session: Session, source_id: str, holder: str, ttl: dt.timedelta,
                  now: dt.datetime | None = None) -> bool:
    """Take the source's lease if it is free or expired; True when `holder` now has it."""
    now = now or utcnow()
    taken = session.execute(
        update(CrawlLease)
        .where(CrawlLease.source_id == source_id, CrawlLease.expires_at < now)
        .values(holder=holder, acquired_at=now, expires_at=now + ttl)
    ).rowcount
    if taken:
        session.commit()
        return True
    try:
        with session.begin_nested():
            session.execute(insert(CrawlLease).values(source_id=source_id, holder=holder,
                                                      acquired_at=now, expires_at=now + ttl))
    except IntegrityError:
        session.rollback()
        return False
    session.commit()
    return True


def release_lease(session: Session, source_id: str, holder: str) -> None:
    session.execute(delete(CrawlLease).where(CrawlLease.source_id == source_id,
                                             CrawlLease.holder == holder))
    session.commit()
