"""Configuration: parkwatch.toml (or --config / PARKWATCH_CONFIG), then PARKWATCH_* variables,
then embedded defaults. Validated once here; everything below gets plain arguments."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from store.session import sqlite_url

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_CONFIG_NAME = "parkwatch.toml"
ENV_PREFIX = "PARKWATCH_"
LIST_FIELDS = ("notify", "ops_notify", "scrapyd_urls")  # space-separated in the environment


class ConfigError(ValueError):
    """Bad configuration; the message names the file, the field and the fix."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    db_url: str | None = Field(None, description="SQLAlchemy URL; default: SQLite file db_path")
    db_path: Path = Path("parkwatch.db")
    sources_dir: Path = SEEDS_DIR / "sources"
    subscriptions: Path | None = None
    notify: list[str] = Field(default_factory=list, description="extra apprise URLs for every alert")
    ops_notify: list[str] = Field(default_factory=list, description="apprise URLs for operator alerts")
    user_agent: str = "ParkWatch/0.1 (+https://parkwatch.invalid/bot; ops@parkwatch.invalid)"
    workers: int = Field(0, ge=0, description="analysis processes; 0 = one per core")
    crawl_timeout_seconds: int = Field(1800, ge=10)
    log_level: str = "WARNING"
    timezone: str = Field("Asia/Shanghai", description="schedules and digests")
    max_parallel_crawls: int = Field(2, ge=1, le=64)
    delivery_interval_seconds: int = Field(60, ge=1)
    catch_up_stagger_seconds: int = Field(5, ge=0)
    ops_failure_threshold: int = Field(3, ge=1, description="bad runs in a row before an ops alert")
    max_crawls: int = Field(0, ge=0, description="stop `parkwatch run` after this many crawls (0: never)")
    scrapyd_urls: list[str] = Field(default_factory=list, description="Scrapyd nodes that run the "
                                    "crawls (http://host:6800); empty: local subprocesses")
    scrapyd_slots: int = Field(2, ge=1, le=256, description="crawls one Scrapyd node may run at once "
                               "(its scrapyd.conf max_proc)")
    scrapyd_poll_seconds: float = Field(1.0, gt=0, description="how often job states are polled")
    standby_poll_seconds: float = Field(5, gt=0, description="PostgreSQL: how often a standby "
                                        "`parkwatch run` checks whether it may schedule")

    @property
    def database_url(self) -> str:
        return self.db_url or sqlite_url(self.db_path)


def _env_overrides() -> dict[str, object]:
    values: dict[str, object] = {}
    for name in Config.model_fields:
        raw = os.environ.get(ENV_PREFIX + name.upper())
        if raw is None:
            continue
        values[name] = [u for u in raw.split() if u] if name in LIST_FIELDS else raw
    return values


def load_config(path: str | Path | None = None) -> Config:
    """Read the config file if there is one, apply environment overrides, validate."""
    explicit = path or os.environ.get(ENV_PREFIX + "CONFIG")
    file = Path(explicit) if explicit else Path.cwd() / DEFAULT_CONFIG_NAME
    data: dict[str, object] = {}
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{file}: cannot read configuration ({exc}); fix the TOML syntax") from exc
    elif explicit:
        raise ConfigError(f"{file}: configuration file not found; fix the path given by "
                          "--config or PARKWATCH_CONFIG")
    data.update(_env_overrides())
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        lines = [f"{file if file.is_file() else 'environment'}: invalid configuration"]
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"])
            lines.append(f"  field {field}: {err['msg']} (or set {ENV_PREFIX}{field.upper()})")
        raise ConfigError("\n".join(lines)) from exc
