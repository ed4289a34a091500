"""Pure matching of deals (plain dicts) against subscriber rules, compiled once for speed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alerts.subscriptions import Rule, Subscriber
from alerts.regions import RegionIndex



@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A Rule with its lists turned into sets and tuples; cheapest checks run first."""

    min_cny: float | None
    allow_no_amount: bool
    regions: frozenset[str]
    industries: frozenset[str]
    event_types: frozenset[str]
    keywords: tuple[str, ...]
    fortune500: bool
    foreign: bool
    companies: tuple[str, ...]

    @classmethod
    def of(cls, rule: Rule) -> CompiledRule:
        min_cny = rule.min_cny if rule.min_cny is not None else rule.min_amount_yi
        return cls(min_cny, rule.allow_no_amount, frozenset(r.strip() for r in rule.regions),
                   frozenset(rule.industries), frozenset(rule.event_types), tuple(rule.keywords),
                   rule.fortune500, rule.foreign, tuple(rule.companies))


@dataclass(slots=True)
class DealView:
    """What every rule asks of one deal, computed once per deal."""

    amount: float | None
    regions: frozenset[str]  # every rule region that contains the deal's place
    industries: frozenset[str]
    event_type: str | None
    text: str
    parties: str
    fortune500: bool
    foreign: bool


def _matches(rule: CompiledRule, view: DealView) -> bool:
    if view.amount is None:
        if not rule.allow_no_amount:
            return False
    elif rule.min_cny is not None and view.amount < rule.min_cny:
        return False
    if rule.event_types and view.event_type not in rule.event_types:
        return False
    if rule.fortune500 and not view.fortune500:
        return False
    if rule.foreign and not view.foreign:
        return False
    if rule.regions and rule.regions.isdisjoint(view.regions):
        return False
    if rule.industries and rule.industries.isdisjoint(view.industries):
        return False
    if rule.keywords and not any(k in view.text for k in rule.keywords):
        return False
    if rule.companies and not any(c in view.parties for c in rule.companies):
        return False
    return True


class Matcher:
    """Subscribers compiled once; `match(deal)` lists those with any rule the deal meets.

    A deal without an amount (or in a currency without a rate) matches only rules with
    `allow_no_amount`. Regions are hierarchical: 四川 contains 成都高新区.
    """

    def __init__(self, subscribers: list[Subscriber]) -> None:
        self.subscribers = list(subscribers)
        self._rules = [(s, tuple(CompiledRule.of(r) for r in s.rules)) for s in self.subscribers]
        self._regions = RegionIndex(r for _, rules in self._rules for rule in rules for r in rule.regions)

    def view(self, deal: dict[str, Any]) -> DealView:
        flags = deal.get("investor_flags") or {}
        parties = " ".join(deal.get("parties") or [])
        text = "\n".join([deal.get("title") or "", deal.get("evidence") or "", parties])
        regions = self._regions.containing(deal.get("place") or {}) if self._regions else frozenset()
        return DealView(deal.get("amount_cny"), regions,
                        frozenset(deal.get("industries") or []), deal.get("event_type"), text, parties,
                        bool(flags.get("fortune500")), bool(flags.get("foreign")))

    def match(self, deal: dict[str, Any]) -> list[Subscriber]:
        view = self.view(deal)
        return [s for s, rules in self._rules if any(_matches(rule, view) for rule in rules)]


def rule_matches(rule: Rule, deal: dict[str, Any]) -> bool:
    return bool(Matcher([Subscriber(name="rule", rules=[rule])]).match(deal))


def subscriber_matches(subscriber: Subscriber, deal: dict[str, Any]) -> bool:
    """A subscriber wants the deal when any one of their rules matches it."""
    return bool(Matcher([subscriber]).match(deal))


def matching_subscribers(subscribers: list[Subscriber], deal: dict[str, Any]) -> list[Subscriber]:
    return Matcher(subscribers).match(deal)
