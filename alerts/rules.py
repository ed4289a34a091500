"""Pure matching of a deal (as a plain dict) against subscriber rules."""

from __future__ import annotations

from typing import Any

from alerts.subscriptions import Rule, Subscriber
from extractors.places import place_contains


def _text_of(deal: dict[str, Any]) -> str:
    parts = [deal.get("title") or "", deal.get("evidence") or "", " ".join(deal.get("parties") or [])]
    return "\n".join(parts)


def rule_matches(rule: Rule, deal: dict[str, Any]) -> bool:
    amount = deal.get("amount_cny")
    if amount is None:
        if rule.min_amount_yi is not None and not rule.allow_no_amount:
            return False
    elif rule.min_amount_yi is not None and amount < rule.min_amount_yi:
        return False
    if rule.regions and not any(place_contains(r, deal.get("place") or {}) for r in rule.regions):
        return False
    if rule.industries and not set(rule.industries) & set(deal.get("industries") or []):
        return False
    if rule.event_types and deal.get("event_type") not in rule.event_types:
        return False
    if rule.keywords:
        text = _text_of(deal)
        if not any(k in text for k in rule.keywords):
            return False
    flags = deal.get("investor_flags") or {}
    if rule.fortune500 and not flags.get("fortune500"):
        return False
    if rule.foreign and not flags.get("foreign"):
        return False
    if rule.companies:
        parties = " ".join(deal.get("parties") or [])
        if not any(c in parties for c in rule.companies):
            return False
    return True


def subscriber_matches(subscriber: Subscriber, deal: dict[str, Any]) -> bool:
    """A subscriber wants the deal when any one of their rules matches it."""
    return any(rule_matches(rule, deal) for rule in subscriber.rules)


def matching_subscribers(subscribers: list[Subscriber], deal: dict[str, Any]) -> list[Subscriber]:
    return [s for s in subscribers if subscriber_matches(s, deal)]
