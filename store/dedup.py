"""When two articles report one event: the rules that make them one deal."""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from store.models import Deal

# Two amounts are the same event's when they differ by at most this share (a title's
# "逾156亿" against the body's "156.3亿").
AMOUNT_TOLERANCE = 0.03
# Outlets report an event within days of it; a later match is a different event.
EVENT_DATE_WINDOW_DAYS = 7
# Without an event date, compare first-seen times within this window.
FIRST_SEEN_WINDOW_DAYS = 14
# How many recent deals of the same city to compare against.
CANDIDATES = 200
# Without a place on one side, this many shared facts (agreeing amount, same count, same
# event date, a shared party) make two reports one event; the same evidence sentence alone
# does (a mirror or repost of the article).
PLACELESS_SHARED_FACTS = 2
# The lock region of facts that name no place: all such reports share one lock.
PLACELESS_LOCK_REGION = "(no place)"
# PostgreSQL advisory lock key (a constant of ours) that serialises "find the deal, else
# create it" across crawl processes and Scrapyd nodes.
DEDUP_LOCK_KEY = 0x5057_4444  # "PWDD"
_HELD = "parkwatch_deal_locks"  # session.info: keys this transaction holds


def _parse_iso(value: str | None) -> dt.date | None:
    if not value or value.startswith("--"):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _amounts_agree(a: float | None, b: float | None) -> bool | None:
    """True/False when both are known, None when either is missing."""
    if a is None or b is None:
        return None
    top = max(abs(a), abs(b))
    return top == 0 or abs(a - b) / top <= AMOUNT_TOLERANCE


def _same_place(deal: Deal, place: dict[str, Any]) -> bool | None:
    """True/False at the most specific level both name; None when they share no level
    (one side names no place, or they name different levels)."""
    for level in ("park", "district", "city", "province"):
        ours, theirs = getattr(deal, level), place.get(level)
        if ours and theirs:
            return ours == theirs or ours in theirs or theirs in ours
    return None


def _squeeze(text: str | None) -> str:
    """An evidence sentence without white space, for comparing copies of one article."""
    return "".join((text or "").split())


def _same_without_place(deal: Deal, facts: dict[str, Any]) -> bool:
    """Reports that cannot be compared by place: the same evidence sentence, or enough
    shared facts (amount, count, event date, parties) of the same event type."""
    if deal.event_type and facts.get("event_type") and deal.event_type != facts.get("event_type"):
        return False
    amount = facts.get("amount") or {}
    agree = _amounts_agree(deal.amount_cny, amount.get("value_cny"))
    if agree is False or (deal.amount_cny is None) != (amount.get("value_cny") is None):
        return False
    evidence = _squeeze(amount.get("evidence"))
    if evidence and evidence == _squeeze(deal.amount_evidence):
        return True
    count = facts.get("project_count")
    shared = [
        bool(agree),
        bool(deal.project_count and count and deal.project_count == count),
        bool(deal.event_date and deal.event_date == facts.get("event_date")),
        bool(set(deal.parties or []) & set(facts.get("parties") or [])),
    ]
    return sum(shared) >= PLACELESS_SHARED_FACTS


def _dates_close(deal: Deal, event_date: str | None, now: dt.datetime) -> bool:
    a, b = _parse_iso(deal.event_date), _parse_iso(event_date)
    if a and b:
        return abs((a - b).days) <= EVENT_DATE_WINDOW_DAYS
    if deal.event_date and event_date:
        return deal.event_date[-5:] == event_date[-5:]
    return now - deal.first_seen <= dt.timedelta(days=FIRST_SEEN_WINDOW_DAYS)


def is_same_event(deal: Deal, facts: dict[str, Any], now: dt.datetime) -> bool:
    """Same place, close dates, agreeing amount and count (missing values don't veto)."""
    place = facts.get("place") or {}
    if not _dates_close(deal, facts.get("event_date"), now):
        return False
    placed = _same_place(deal, place)
    if placed is None:
        return _same_without_place(deal, facts)
    if not placed:
        return False
    amount = facts.get("amount") or {}
    agree = _amounts_agree(deal.amount_cny, amount.get("value_cny"))
    if agree is False:
        return False
    count = facts.get("project_count")
    if deal.project_count and count and deal.project_count != count:
        return False
    if agree is None:
        # No amount on one side: need the same event type and a shared party or count.
        same_type = deal.event_type == facts.get("event_type")
        shared = bool(set(deal.parties or []) & set(facts.get("parties") or []))
        same_count = bool(deal.project_count and deal.project_count == count)
        return same_type and (shared or same_count)
    return True


def _lock_key(facts: dict[str, Any]) -> int:
    """The advisory-lock key of the facts' region: the province (else the city), which both
    reports of one event name even when only one of them knows the city; one shared key for
    facts without a place."""
    place = facts.get("place") or {}
    region = place.get("province") or place.get("city") or PLACELESS_LOCK_REGION
    return zlib.crc32(region.encode("utf-8")) - 2**31  # a stable signed 32-bit int


def lock_deals(session: Session, facts_list: list[dict[str, Any]]) -> None:
    """Until this transaction ends, no other process may match or create deals in the
    regions of these facts.

    Without it, two workers storing reports of one event at the same moment would each
    find nothing and create two deals. One lock per province lets writers in different
    provinces go on in parallel; a batch takes all its keys at once, in sorted order, so
    two batches never wait on each other in a cycle (keys already held are skipped).
    SQLite needs nothing: the batch already holds the database's single write lock by the
    time it looks for deals."""
    if session.get_bind().dialect.name != "postgresql":
        return
    held: set[int] = session.info.setdefault(_HELD, set())
    wanted = sorted(set(map(_lock_key, facts_list)) - held)
    for key in wanted:
        session.execute(select(func.pg_advisory_xact_lock(DEDUP_LOCK_KEY, key)))
        held.add(key)


@event.listens_for(Session, "after_transaction_end")
def _forget_locks(session: Session, transaction: Any) -> None:
    """Transaction-level advisory locks end with the outermost transaction."""
    if transaction.parent is None:
        session.info.pop(_HELD, None)


def find_same_event(session: Session, facts: dict[str, Any], now: dt.datetime) -> Deal | None:
    """The stored deal this article's headline event already is, if any: among the recent
    deals of its city (else province); then among the recent deals that share its amount
    (else its event date and count) and name no place, or any place when the facts name none."""
    place = facts.get("place") or {}
    keys = [(lvl, place.get(lvl)) for lvl in ("city", "province") if place.get(lvl)]
    queries = []
    if keys:
        level, value = keys[0]
        queries.append(select(Deal).where(getattr(Deal, level) == value))
    placeless = _placeless_candidates(facts)
    if placeless is not None:  # a copy that named no place may be stored already
        queries.append(placeless.where(Deal.province.is_(None), Deal.city.is_(None)) if keys else placeless)
    for query in queries:
        for deal in session.scalars(query.order_by(Deal.first_seen.desc()).limit(CANDIDATES)):
            if is_same_event(deal, facts, now):
                return deal
    return None


def _placeless_candidates(facts: dict[str, Any]) -> Any:
    """Deals that could be the same event as place-less facts, or None when the facts hold
    too little to match on (no amount, and not both a full date and a count)."""
    amount = (facts.get("amount") or {}).get("value_cny")
    if amount is not None:
        return select(Deal).where(Deal.amount_cny.between(amount * (1 - AMOUNT_TOLERANCE),
                                                          amount * (1 + AMOUNT_TOLERANCE)))
    date, count = facts.get("event_date"), facts.get("project_count")
    if _parse_iso(date) and count:
        return select(Deal).where(Deal.event_date == date, Deal.project_count == count)
    return None
