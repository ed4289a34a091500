"""Starts crawls in subprocesses (Scrapy's reactor runs once per process), one lease per
source so that no two crawls of a source ever overlap, whoever starts them."""

from __future__ import annotations

import collections
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import delete, select

from alerts.redaction import redact
from crawler.lifeline import PARENT_ENV, process_alive
from parkwatch import nodes
from parkwatch.config import REPO_ROOT, Config
from store.leases import acquire_lease, release_lease
from store.models import CrawlLease
from store.session import Store

logger = logging.getLogger(__name__)

# A lease outlives the crawl's timeout by this much, so a killed holder frees it soon.
LEASE_MARGIN_SECONDS = 120
# After SIGTERM, how long a crawl may take to finish its in-flight pages.
STOP_GRACE_SECONDS = 30
# Lines of the crawl's log kept for the message of a failed crawl.
LOG_TAIL_LINES = 15

_running: set[subprocess.Popen[str]] = set()
_signalled: set[int] = set()
_stops = 0  # how many times stop_all ran: a dispatch started before a stop stops dispatching
_running_lock = threading.Lock()


class CrawlError(RuntimeError):
    """The crawl process failed or timed out; `sources` are the ones it held leases for."""

    sources: list[str] | None = None


@dataclass
class CrawlOutcome:
    reports: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sources another crawl holds
    invalid: dict[str, str] = field(default_factory=dict)  # bad source files: id -> message

    def total(self, key: str) -> int:
        return sum(int(r.get(key) or 0) for r in self.reports)


def source_ids(config: Config, *, demo: bool = False, requested: list[str] | None = None,
               invalid: dict[str, str] | None = None) -> list[str]:
    """The ids to crawl: the requested ones (checked), else every enabled (demo) source.

    A bad source file leaves out only that source (noted in `invalid`); naming it fails."""
    from crawler.sources import SourceError, scan_sources

    try:
        scan = scan_sources(Path(config.sources_dir))
    except SourceError as exc:
        raise CrawlError(str(exc)) from None
    if invalid is not None and not requested:
        invalid.update(scan.problems)
    sources = [s for s in scan.sources if s.demo == demo]
    if requested:
        broken = [scan.problems[r] for r in requested if r in scan.problems]
        if broken:
            raise CrawlError("\n".join(broken))
        unknown = sorted(set(requested) - {s.id for s in sources})
        if unknown:
            raise CrawlError(f"unknown source(s): {', '.join(unknown)} (see {config.sources_dir})")
        return list(requested)
    return [s.id for s in sources if s.enabled]


def check_subscriptions(path: Path | None) -> None:
    """A bad subscriptions file stops the crawl before it starts, with the file's own message."""
    if path is None:
        return
    from alerts.subscriptions import SubscriptionError, load_subscriptions

    try:
        load_subscriptions(Path(path))
    except SubscriptionError as exc:
        raise CrawlError(redact(str(exc))) from None


def reclaim_dead_lease(session: Any, source_id: str) -> bool:
    """Free a lease whose holder was a process on this host that no longer exists."""
    holder = session.scalar(select(CrawlLease.holder).where(CrawlLease.source_id == source_id))
    if holder is None:
        return False
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != os.uname().nodename or not pid.isdigit() or process_alive(int(pid)):
        return False
    session.execute(delete(CrawlLease).where(CrawlLease.source_id == source_id,
                                             CrawlLease.holder == holder))
    session.commit()
    logger.warning("%s: lease of %s reclaimed (that process is gone)", source_id, holder)
    return True


def stop_all() -> None:
    """Ask every running crawl to stop: SIGTERM to its main process only, so Scrapy can
    finish in-flight pages while its analysis workers keep running; a cancel to every job
    dispatched to a Scrapyd node."""
    global _stops
    _stops += 1
    nodes.cancel_all()
    with _running_lock:
        for proc in _running:
            # Once only: Scrapy takes a second SIGTERM as "force an unclean shutdown".
            if proc.poll() is None and proc.pid not in _signalled:
                _signalled.add(proc.pid)
                proc.send_signal(signal.SIGTERM)


def _command(config: Config, sources: list[str], demo_base: str | None,
             subscriptions: Path | None, fast: bool) -> list[str]:
    # The database URL goes by environment (see _execute): argv is readable by every user.
    cmd = [sys.executable, "-m", "crawler.run",
           "--sources-dir", str(Path(config.sources_dir).resolve()), "--workers", str(config.workers),
           "--user-agent", config.user_agent, "--log-level", config.log_level,
           "--hook", "parkwatch.hooks.make_deal_hook"]
    for source in sources:
        cmd += ["--source", source]
    if demo_base:
        cmd += ["--demo", "--demo-base", demo_base]
    if subscriptions:
        cmd += ["--subscriptions", str(Path(subscriptions).resolve())]
    if fast:
        cmd.append("--fast")
    return cmd


def _node_settings(config: Config, subscriptions: Path | None, fast: bool) -> dict[str, str]:
    """Scrapy settings for a job on a node; never the database URL (see parkwatch.nodes)."""
    settings = {"PARKWATCH_WORKERS": str(config.workers), "USER_AGENT": config.user_agent,
                "LOG_LEVEL": config.log_level, "PARKWATCH_DEAL_HOOK": "parkwatch.hooks.make_deal_hook"}
    if subscriptions:
        settings["PARKWATCH_SUBSCRIPTIONS"] = str(Path(subscriptions).resolve())
    if fast:
        settings.update({"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
                         "CONCURRENT_REQUESTS_PER_DOMAIN": "16"})
    return settings


def _dispatch(config: Config, store: Store, sources: list[str], demo_base: str | None,
              subscriptions: Path | None, fast: bool, timeout: float) -> list[dict[str, Any]]:
    """Each source a job on a Scrapyd node with a free slot; wait for all, then read their runs."""
    cluster = nodes.ScrapydNodes(config.scrapyd_urls, config.scrapyd_slots, config.scrapyd_poll_seconds)
    args = {"sources_dir": str(Path(config.sources_dir).resolve())}
    if demo_base:
        args["demo_base"] = demo_base
    settings = _node_settings(config, subscriptions, fast)
    jobs: list[nodes.Job] = []
    stops_before = _stops

    def stopping() -> bool:
        return _stops != stops_before

    try:
        give_up_at = time.monotonic() + timeout
        for source in sources:
            try:
                jobs.append(cluster.schedule(source, args, settings, give_up_at, stopping))
            except nodes.NodeError as exc:
                if not jobs:
                    raise CrawlError(str(exc)) from exc
                logger.error("%s: %s", source, exc)  # the others already run: wait for them
                break
        nodes.wait(cluster, jobs, timeout, STOP_GRACE_SECONDS, stopping)
    finally:
        cluster.close()
    reports = nodes.reports(store, jobs)
    late = [j.source for j in jobs if j.timed_out]
    if late:
        raise CrawlError(f"crawl of {', '.join(late)} timed out after {timeout:.0f} s")
    return reports


class _Relay:
    """Reads one pipe of the crawl process to its end on a thread, line by line, holding
    only what is asked for: a long crawl logs far more than this process should keep."""

    def __init__(self, stream: IO[str], forward: IO[str] | None, keep: Callable[[str], bool],
                 tail: int | None) -> None:
        self.lines: collections.deque[str] = collections.deque(maxlen=tail)
        self.thread = threading.Thread(target=self._run, args=(stream, forward, keep), daemon=True)
        self.thread.start()

    def _run(self, stream: IO[str], forward: IO[str] | None, keep: Callable[[str], bool]) -> None:
        with stream:
            for line in stream:
                if forward is not None:
                    forward.write(redact(line))
                    forward.flush()
                if keep(line):
                    self.lines.append(line.rstrip("\n"))

    def text(self) -> str:
        # The pipe stays open while a leftover worker holds it: do not wait for that forever.
        self.thread.join(STOP_GRACE_SECONDS)
        return "\n".join(self.lines)


def _execute(cmd: list[str], timeout: float, db_url: str) -> subprocess.CompletedProcess[str]:
    """Run the crawl in a process group of its own that dies with this process. Its log
    goes on to this process's stderr (the last LOG_TAIL_LINES kept for an error message),
    its stdout is read for the JSON report lines only."""
    env = {**os.environ, "PARKWATCH_DB_URL": db_url, PARENT_ENV: str(os.getpid())}
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, errors="replace", start_new_session=True, env=env)
    with _running_lock:
        _running.add(proc)
    out = _Relay(proc.stdout, None, lambda line: line.startswith("{"), None)  # type: ignore[arg-type]
    err = _Relay(proc.stderr, sys.stderr, lambda line: True, LOG_TAIL_LINES)  # type: ignore[arg-type]
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        raise CrawlError(f"crawl timed out after {timeout:.0f} s") from None
    finally:
        with _running_lock:
            _running.discard(proc)
    return subprocess.CompletedProcess(cmd, proc.returncode, out.text(), err.text())


def run_crawl(config: Config, *, sources: list[str] | None = None, demo_base: str | None = None,
              subscriptions: Path | None = None, fast: bool = False,
              timeout: float | None = None) -> CrawlOutcome:
    """Crawl the named (default: every enabled) sources, each under its lease."""
    timeout = timeout or config.crawl_timeout_seconds
    holder = f"{os.uname().nodename}:{os.getpid()}:{threading.get_ident()}"
    import datetime as dt

    # On Scrapyd a crawl may first wait up to `timeout` for a free slot.
    ttl = dt.timedelta(seconds=timeout * (2 if config.scrapyd_urls else 1) + LEASE_MARGIN_SECONDS)
    outcome = CrawlOutcome()
    wanted = source_ids(config, demo=demo_base is not None, requested=sources, invalid=outcome.invalid)
    check_subscriptions(subscriptions)
    store = Store(config.database_url, migrate=False)
    leased: list[str] = []
    try:
        with store.sessions() as session:
            for source in wanted:
                reclaim_dead_lease(session, source)
                if acquire_lease(session, source, holder, ttl):
                    leased.append(source)
                else:
                    outcome.skipped.append(source)
        if wanted and not leased:
            return outcome
        try:
            if config.scrapyd_urls:
                outcome.reports = _dispatch(config, store, leased, demo_base, subscriptions, fast, timeout)
                return outcome
            proc = _execute(_command(config, leased, demo_base, subscriptions, fast), timeout,
                            config.database_url)
            if proc.returncode not in (0, -signal.SIGTERM):
                raise CrawlError(redact(f"crawl process exited with {proc.returncode}:\n{proc.stderr.strip()}"))
        except CrawlError as exc:
            exc.sources = list(leased)  # the others' run rows belong to whoever leased them
            raise
        outcome.reports = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        return outcome
    finally:
        with store.sessions() as session:
            for source in leased:
                release_lease(session, source, holder)
        store.close()
