"""Source definitions: one YAML file per source in seeds/sources/, validated on load."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

logger = logging.getLogger(__name__)

# What `{demo}` in a demo source's URLs stands for in stored (canonical) URLs, so
# the demo site served on any free port is still one site across runs.
DEMO_PLACEHOLDER = "{demo}"
DEMO_CANONICAL_BASE = "http://demo.parkwatch.invalid"


class SourceError(ValueError):
    """A source file that cannot be used; the message names file, field and fix."""


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid")
    province: str | None = None
    city: str | None = None
    district: str | None = None
    park: str | None = None


class Pagination(BaseModel):
    model_config = ConfigDict(extra="forbid")
    next_selector: str | None = Field(None, description="CSS selector (Scrapy syntax) of the next-page link")
    max_pages: int = Field(5, ge=1, le=1000)


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    interval_minutes: int | None = Field(None, ge=1)
    interval_seconds: int | None = Field(None, ge=1, description="for fast feeds and tests")
    cron: str | None = None
    jitter_seconds: int = Field(60, ge=0)

    @model_validator(mode="after")
    def _one_of(self) -> Schedule:
        given = [v for v in (self.interval_minutes, self.interval_seconds, self.cron) if v is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of interval_minutes, interval_seconds or cron")
        if self.cron is not None:
            from apscheduler.triggers.cron import CronTrigger

            try:
                CronTrigger.from_crontab(self.cron)
            except ValueError as exc:
                raise ValueError(f"cron {self.cron!r} is not a crontab expression ({exc})") from exc
        return self

    @property
    def period_seconds(self) -> int | None:
        if self.interval_minutes is not None:
            return self.interval_minutes * 60
        return self.interval_seconds


class Politeness(BaseModel):
    """How hard a source's site may be crawled; an unset field keeps the polite default of
    crawler/settings.py. Raise it for a big portal or an intranet mirror."""

    model_config = ConfigDict(extra="forbid")
    delay_seconds: float | None = Field(None, ge=0, le=60, description="DOWNLOAD_DELAY")
    per_domain: int | None = Field(None, ge=1, le=16, description="CONCURRENT_REQUESTS_PER_DOMAIN")
    autothrottle: bool | None = Field(None, description="AUTOTHROTTLE_ENABLED")


class CleanConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    content_xpath: str | None = None
    prune_xpaths: list[str] = Field(default_factory=list)
    include_tables: bool = True


class SourceConfig(BaseModel):
    """What a source file may say; unknown fields are errors (typos must not pass)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    name: str
    language: Literal["zh-Hans", "zh-Hant", "ja", "en"]
    kind: Literal["html", "rss", "sitemap"] = "html"
    region: Region = Field(default_factory=Region)
    start_urls: list[str] = Field(min_length=1)
    article_allow: list[str] = Field(min_length=1)
    article_deny: list[str] = Field(default_factory=list)
    pagination: Pagination = Field(default_factory=Pagination)
    schedule: Schedule = Field(default_factory=lambda: Schedule(interval_minutes=120))
    enabled: bool = True
    allow_private: bool = False
    clean: CleanConfig = Field(default_factory=CleanConfig)
    politeness: Politeness = Field(default_factory=Politeness)
    demo: bool = False

    @field_validator("article_allow", "article_deny")
    @classmethod
    def _regexes_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a valid regular expression ({exc})") from exc
        return patterns

    @field_validator("start_urls")
    @classmethod
    def _urls_are_http(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not (url.startswith(("http://", "https://")) or url.startswith(DEMO_PLACEHOLDER)):
                raise ValueError(f"{url!r} must start with http://, https:// or {DEMO_PLACEHOLDER}")
        return urls

    def own_hosts(self) -> frozenset[str]:
        """The hosts this source declares (its start URLs): the only ones `allow_private` admits."""
        return frozenset(h for h in (urlsplit(u).hostname for u in self.start_urls) if h)

    def resolved(self, demo_base: str | None) -> SourceConfig:
        """A copy whose `{demo}` URLs point at the running demo server."""
        if not self.demo:
            return self
        if demo_base is None:
            raise SourceError(f"source {self.id!r} is a demo source: it needs the demo server")
        urls = [u.replace(DEMO_PLACEHOLDER, demo_base.rstrip("/")) for u in self.start_urls]
        return self.model_copy(update={"start_urls": urls})


def _describe(exc: ValidationError, path: Path) -> str:
    lines = [f"{path}: invalid source definition"]
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "(file)"
        lines.append(f"  field {field}: {err['msg']}")
    lines.append("  fix: correct the field(s) above; see seeds/sources/README.md for the schema")
    return "\n".join(lines)


def load_source(path: Path) -> SourceConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the file ({exc.strerror}); fix its path or permissions") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: cannot read YAML ({yaml_problem(exc)}); fix the file's syntax") from None
    if not isinstance(data, dict):
        raise SourceError(f"{path}: expected a mapping of fields, got {type(data).__name__}")
    try:
        source = SourceConfig.model_validate(data)
    except ValidationError as exc:
        raise SourceError(_describe(exc, path)) from None
    if source.id != path.stem:
        raise SourceError(f"{path}: field id is {source.id!r} but the file is named {path.name!r}; "
                          f"rename the file to {source.id}.yaml or change the id")
    return source


def yaml_problem(exc: yaml.YAMLError) -> str:
    """Where and what the YAML error is, without the offending line (it may hold a secret)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or exc.__class__.__name__
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}" if mark else str(problem)


@dataclass
class SourceScan:
    """The usable sources of a directory and the errors of the files that are not."""

    sources: list[SourceConfig] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # file stem -> message


def scan_sources(directory: Path) -> SourceScan:
    """Every source file in `directory`: a bad file is reported and left out, never
    blocking the others. Only a missing directory raises SourceError."""
    if not directory.is_dir():
        raise SourceError(f"{directory}: sources directory not found; set sources_dir in parkwatch.toml")
    scan = SourceScan()
    for path in sorted(directory.glob("*.yaml")):
        try:
            scan.sources.append(load_source(path))
        except SourceError as exc:
            scan.problems[path.stem] = str(exc)
    return scan


def load_sources(directory: Path) -> list[SourceConfig]:
    """The valid sources in `directory`, sorted by id; each bad file is logged and skipped."""
    scan = scan_sources(directory)
    for message in scan.problems.values():
        logger.error("source skipped: %s", message)
    return scan.sources
