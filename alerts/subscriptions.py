"""Subscribers and their rules, from a YAML file validated on load."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError


class SubscriptionError(ValueError):
    """A subscriptions file that cannot be used; the message names file, field and fix."""


class Rule(BaseModel):
    """All given conditions must hold (an empty list means 'any')."""

    model_config = ConfigDict(extra="forbid")
    min_amount_yi: float | None = Field(None, ge=0, description="minimum amount, 亿元 CNY")
    allow_no_amount: bool = False
    regions: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    event_types: list[Literal["signing", "groundbreaking", "settlement", "production", "other"]] = Field(
        default_factory=list)
    fortune500: bool = False
    foreign: bool = False
    companies: list[str] = Field(default_factory=list)


class Subscriber(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Za-z0-9_.@-]{1,100}$")
    language: Literal["zh", "ja", "en"] = "zh"
    urls: list[str] = Field(default_factory=list, description="apprise URLs")
    rules: list[Rule] = Field(default_factory=lambda: [Rule()])
    mode: Literal["instant", "daily", "weekly"] = "instant"
    digest_time: str = "08:00"


class SubscriptionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subscribers: list[Subscriber] = Field(default_factory=list)


def load_subscriptions(path: Path) -> list[Subscriber]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SubscriptionError(f"{path}: cannot read subscriptions ({exc}); fix the path or YAML") from exc
    try:
        parsed = SubscriptionsFile.model_validate(data)
    except ValidationError as exc:
        lines = [f"{path}: invalid subscriptions"]
        for err in exc.errors():
            lines.append(f"  field {'.'.join(str(p) for p in err['loc'])}: {err['msg']}")
        lines.append("  fix: correct the field(s) above (see README, section Alerts)")
        raise SubscriptionError("\n".join(lines)) from exc
    names = [s.name for s in parsed.subscribers]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SubscriptionError(f"{path}: subscriber names must be unique: {sorted(duplicates)}")
    return parsed.subscribers
