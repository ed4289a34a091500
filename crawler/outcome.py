"""A finished run's result: its status and message, and its per-URL failure records.

Statuses: ok; partial (stopped early: SIGTERM, timeout); failed (no list page, or most
article fetches failed: counts towards ops_failure_threshold); empty (lists without links)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from crawler.failures import MAX_ATTEMPTS, SKIP_KINDS, Failure
from store.models import CrawlRun, CrawlRunError

# A run whose article fetches failed more often than this share is a failed run.
MOSTLY_FAILED_SHARE = 0.5
# How many failures a run message quotes.
MESSAGE_SAMPLES = 1


def run_status(counts: dict[str, Any], stopped: bool, stop_reason: str) -> tuple[str, str | None]:
    """(status, message) of a run from its counters; `stopped` means cut short from outside."""
    list_pages = counts.get("list_pages", 0)
    fetched_lists = list_pages - counts.get("list_not_modified", 0)
    pages, new_links = counts.get("pages", 0), counts.get("new_links", 0)
    article_errors = counts.get("article_errors", 0)
    skipped = counts.get("skipped", 0)
    if list_pages == 0 and stopped:
        return "failed", f"stopped ({stop_reason}) before a list page was fetched"
    if list_pages == 0:
        return "failed", "no list page could be fetched"
    if fetched_lists > 0 and counts.get("article_links", 0) == 0:
        return "empty", "list pages yielded no article links (layout changed?)"
    attempted = pages + article_errors + skipped + counts.get("refused", 0)
    if stopped and attempted < new_links:
        # The next run pages through everything (see crawler.run.prepare_runs).
        return "partial", f"stopped after {attempted} of {new_links} new articles ({stop_reason})"
    if article_errors and article_errors > MOSTLY_FAILED_SHARE * (pages + article_errors):
        return "failed", f"{article_errors} of {pages + article_errors} article fetches failed"
    notes = []
    if article_errors:
        notes.append(f"{article_errors} of {pages + article_errors} article fetches failed")
    if skipped:
        notes.append(f"{skipped} skipped (not HTML)")
    if counts.get("refused"):
        notes.append(f"{counts['refused']} link(s) refused")
    return "ok", "; ".join(notes) or None


def save_failures(session: Session, run: CrawlRun, failures: Iterable[Failure]) -> list[dict[str, str]]:
    """Store a run's failure records; returns them as dicts for the run report."""
    saved = []
    for failure in failures:
        session.add(CrawlRunError(run_id=run.id, source_id=run.source_id, url=failure.url,
                                  target=failure.target, kind=failure.kind, reason=failure.reason))
        saved.append(failure.as_dict())
    return saved


def given_up_urls(session: Session, source_id: str) -> set[str]:
    """Article URLs not to fetch again: skipped once (not HTML), or failed MAX_ATTEMPTS times."""
    rows = session.execute(
        select(CrawlRunError.url)
        .where(CrawlRunError.source_id == source_id, CrawlRunError.target == "article")
        .group_by(CrawlRunError.url)
        .having(or_(func.count() >= MAX_ATTEMPTS,
                    func.sum(case((CrawlRunError.kind.in_(SKIP_KINDS), 1), else_=0)) > 0)))
    return {url for (url,) in rows}

