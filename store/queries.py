"""Read-side queries: deals as plain dicts for the CLI, alerts and review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from store.models import Article, Deal, DealMention


def amount_dict(deal: Deal) -> dict[str, Any] | None:
    if deal.amount_value is None:
        return None
    return {"value": deal.amount_value, "currency": deal.amount_currency,
            "qualifier": deal.amount_qualifier, "value_cny": deal.amount_cny,
            "evidence": deal.amount_evidence}


def deal_to_dict(deal: Deal) -> dict[str, Any]:
    """The contract's deal record (`parkwatch deals --format jsonl`) plus a few extras."""
    articles = sorted((m.article for m in deal.mentions), key=lambda a: a.id)
    flags: dict[str, bool] = {}
    for article in articles:
        for key, value in ((article.facts or {}).get("investor_flags") or {}).items():
            flags[key] = flags.get(key, False) or bool(value)
    return {
        "id": deal.id,
        "title": deal.title,
        "amount": amount_dict(deal),
        "amount_cny": deal.amount_cny,
        "project_count": deal.project_count,
        "place": {"province": deal.province, "prefecture": deal.prefecture, "city": deal.city,
                  "district": deal.district, "park": deal.park},
        "event_type": deal.event_type,
        "event_date": deal.event_date,
        "parties": list(deal.parties or []),
        "industries": list(deal.industries or []),
        "investor_flags": flags,
        "evidence": deal.amount_evidence,
        "articles": [a.url for a in articles],
        "components": list(deal.components or []),
        "review_state": deal.review_state,
        "version": deal.version,
        "first_seen": deal.first_seen.isoformat(timespec="seconds") + "Z",
    }


def list_deals(session: Session, *, since: dt.date | None = None,
               min_amount: float | None = None, region: str | None = None,
               limit: int | None = None) -> list[Deal]:
    """Stored deals, newest first (by event date, then first seen)."""
    query = select(Deal).options(selectinload(Deal.mentions).selectinload(DealMention.article))
    if since is not None:
        query = query.where(or_(Deal.event_date >= since.isoformat(),
                                Deal.first_seen >= dt.datetime.combine(since, dt.time())))
    if min_amount is not None:
        query = query.where(Deal.amount_cny >= min_amount)
    if region:
        # A county-level city's deal (city 昆山, prefecture 苏州) is found by either name.
        query = query.where(or_(Deal.province == region, Deal.city == region,
                                Deal.prefecture == region,
                                Deal.district == region, Deal.park == region,
                                Deal.park.contains(region)))
    query = query.order_by(Deal.event_date.desc().nulls_last(), Deal.first_seen.desc(), Deal.id.desc())
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def load_deal(session: Session, deal_id: int) -> Deal | None:
    query = (select(Deal).where(Deal.id == deal_id)
             .options(selectinload(Deal.mentions).selectinload(DealMention.article)))
    return session.scalar(query)


def articles_of(session: Session, deal_id: int) -> list[Article]:
    query = select(Article).join(DealMention).where(DealMention.deal_id == deal_id)
    return list(session.scalars(query))
