"""Starts one crawl in a subprocess (Scrapy's reactor runs once per process)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parkwatch.config import REPO_ROOT, Config


class CrawlError(RuntimeError):
    """The crawl process failed or timed out."""


@dataclass
class CrawlOutcome:
    reports: list[dict[str, Any]] = field(default_factory=list)

    def total(self, key: str) -> int:
        return sum(int(r.get(key) or 0) for r in self.reports)


def run_crawl(config: Config, *, sources: list[str] | None = None, demo_base: str | None = None,
              subscriptions: Path | None = None, fast: bool = False,
              timeout: float | None = None) -> CrawlOutcome:
    """Crawl the named (default: all enabled) sources; demo sources when demo_base is set."""
    cmd = [sys.executable, "-m", "crawler.run", "--db", config.database_url,
           "--sources-dir", str(Path(config.sources_dir).resolve()), "--workers", str(config.workers),
           "--user-agent", config.user_agent, "--log-level", config.log_level,
           "--hook", "parkwatch.hooks.make_deal_hook"]
    for source in sources or []:
        cmd += ["--source", source]
    if demo_base:
        cmd += ["--demo", "--demo-base", demo_base]
    if subscriptions:
        cmd += ["--subscriptions", str(subscriptions)]
    if fast:
        cmd.append("--fast")
    try:
        proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True,
                              timeout=timeout or config.crawl_timeout_seconds, check=False)
    except subprocess.TimeoutExpired as exc:
        raise CrawlError(f"crawl timed out after {exc.timeout:.0f} s") from exc
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise CrawlError(f"crawl process exited with {proc.returncode}:\n{tail}")
    reports = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return CrawlOutcome(reports)
