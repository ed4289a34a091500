"""Subscribers and their rules, from a YAML file validated on load."""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

logger = logging.getLogger(__name__)

# Rates that turn a rule's minimum in another currency into 亿元 CNY (same table as the
# extractor uses for `value_cny`).
FX_RATES_PATH = Path(__file__).resolve().parents[1] / "seeds" / "fx_rates.yaml"
DEFAULT_TIMEZONE = "Asia/Shanghai"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EventType = Literal["signing", "groundbreaking", "settlement", "production", "other"]


class SubscriptionError(ValueError):
    """A subscriptions file that cannot be used; the message names file, field and fix."""


class Rule(BaseModel):
    """All given conditions must hold (an empty list means 'any')."""

    model_config = ConfigDict(extra="forbid")
    min_amount_yi: float | None = Field(None, ge=0, description="minimum amount, 亿 of min_amount_currency")
    min_amount_currency: str = Field("CNY", pattern=r"^[A-Za-z]{3}$")
    allow_no_amount: bool = Field(False, description="also match deals whose amount is unknown")
    regions: list[str] = Field(default_factory=list, description="province, city, district or park")
    industries: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    event_types: list[EventType] = Field(default_factory=list)
    fortune500: bool = False
    foreign: bool = False
    companies: list[str] = Field(default_factory=list)
    # Filled on load from min_amount_yi and the rate table; what matching compares.
    min_cny: float | None = Field(None, exclude=True)

    @model_validator(mode="after")
    def _default_min_cny(self) -> Rule:
        if self.min_cny is None and self.min_amount_yi is not None and self.min_amount_currency.upper() == "CNY":
            self.min_cny = self.min_amount_yi
        return self


class Subscriber(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Za-z0-9_.@-]{1,100}$")
    language: Literal["zh", "ja", "en"] = "zh"
    urls: list[str] = Field(default_factory=list, description="apprise URLs")
    apprise_config: Path | None = Field(None, description="apprise config file (YAML or text) with tagged URLs")
    tags: list[str] = Field(default_factory=list, description="tags selecting services of apprise_config")
    rules: list[Rule] = Field(default_factory=lambda: [Rule()])
    mode: Literal["instant", "daily", "weekly"] = "instant"
    digest_time: str = Field("08:00", description="HH:MM in `timezone`, for daily and weekly modes")
    digest_weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    timezone: str = DEFAULT_TIMEZONE

    @field_validator("digest_time")
    @classmethod
    def _check_time(cls, value: str) -> str:
        try:
            dt.time.fromisoformat(value)
        except ValueError as exc:
            raise ValueError("must be HH:MM, e.g. 08:00") from exc
        return value

    @field_validator("timezone")
    @classmethod
    def _check_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("unknown time zone; use an IANA name such as Asia/Shanghai") from exc
        return value

    @model_validator(mode="after")
    def _check_channels(self) -> Subscriber:
        if self.apprise_config is not None and not self.tags:
            raise ValueError("apprise_config needs `tags` to select this subscriber's services "
                             "(an untagged notify would reach every service in the file)")
        return self


class SubscriptionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subscribers: list[Subscriber] = Field(default_factory=list)


def _load_rates(path: Path) -> dict[str, float]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return {str(k).upper(): float(v) for k, v in (data.get("cny_per_unit") or {}).items()}
    except (OSError, yaml.YAMLError, AttributeError, TypeError, ValueError) as exc:
        raise SubscriptionError(f"{path}: cannot read the rate table ({exc}); fix cny_per_unit") from exc


def _problems(subscriber: Subscriber, index: int, base: Path, rates: dict[str, float]) -> list[str]:
    """Checks that need the outside world: URLs apprise knows, config files, currencies."""
    from alerts.channels import config_services, url_problem

    where = f"subscribers.{index}"
    problems = []
    if not subscriber.urls and subscriber.apprise_config is None:
        problems.append(f"  field {where}: no channel; fix: add `urls` or `apprise_config` with `tags`")
    for n, url in enumerate(subscriber.urls):
        problem = url_problem(url)
        if problem:
            problems.append(f"  field {where}.urls.{n}: {problem}")
    if subscriber.apprise_config is not None:
        path = subscriber.apprise_config if subscriber.apprise_config.is_absolute() else base / subscriber.apprise_config
        subscriber.apprise_config = path
        if not path.is_file():
            problems.append(f"  field {where}.apprise_config: {path} not found; fix the path "
                            "(relative paths start at the subscriptions file)")
        elif not config_services(path, subscriber.tags):
            problems.append(f"  field {where}.tags: no service in {path} has tag(s) {subscriber.tags}; "
                            "fix the tags or the config file")
    for r, rule in enumerate(subscriber.rules):
        if rule.min_amount_yi is None:
            continue
        rate = rates.get(rule.min_amount_currency.upper())
        if rate is None:
            problems.append(f"  field {where}.rules.{r}.min_amount_currency: no rate for "
                            f"{rule.min_amount_currency}; fix: use one of {', '.join(sorted(rates))}")
        else:
            rule.min_cny = rule.min_amount_yi * rate
    return problems


def load_subscriptions(path: Path, *, fx_rates: Path = FX_RATES_PATH) -> list[Subscriber]:
    """Parse and check the file; any problem raises one error listing every bad field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise SubscriptionError(f"{path}: cannot read subscriptions ({exc.strerror}); fix the path") from None
    except yaml.YAMLError as exc:
        # Only where and what: PyYAML's own message quotes the line, apprise password and all.
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise SubscriptionError(f"{path}: cannot read subscriptions ({problem}{where}); "
                                "fix the YAML syntax there") from None
    if not isinstance(data, dict):
        raise SubscriptionError(f"{path}: expected a mapping with `subscribers:`, got "
                                f"{type(data).__name__}; fix the file's top level")
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
        raise SubscriptionError(f"{path}: subscriber names must be unique: {sorted(duplicates)}; "
                                "fix: rename the repeated subscriber(s)")
    rates = _load_rates(fx_rates)
    problems: list[str] = []
    for index, subscriber in enumerate(parsed.subscribers):
        problems.extend(_problems(subscriber, index, path.parent, rates))
    if problems:
        raise SubscriptionError("\n".join([f"{path}: invalid subscriptions", *problems]))
    _warn_unknown_regions(path, parsed.subscribers)
    return parsed.subscribers


def _warn_unknown_regions(path: Path, subscribers: list[Subscriber]) -> None:
    """A region the gazetteer does not know still matches by exact name only: say so."""
    from extractors.places import resolve_place

    for subscriber in subscribers:
        for rule in subscriber.rules:
            for region in rule.regions:
                if resolve_place(region) is None:
                    logger.warning("%s: subscriber %s: region %r is not in the gazetteer; "
                                   "it matches only deals naming exactly that place", path,
                                   subscriber.name, region)
