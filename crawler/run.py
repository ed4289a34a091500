"""One crawl of some sources, meant to run in its own process:

    PARKWATCH_DB_URL=URL python -m crawler.run --sources-dir DIR [--source ID ...] [--demo-base URL]

The database URL comes from the environment, never argv (it may hold a password that `ps`
would show). Started with PARKWATCH_PARENT_PID set, the crawl dies with that parent.

Prints one JSON line per source with what the run fetched and stored. Every source runs in
a crawler of its own (its politeness, its per-domain download slots) in one reactor, and all
share one analysis pool. Scrapy's reactor cannot restart within a process, so the scheduler
starts this afresh for every batch of due sources (parkwatch.dispatch)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import signal
import sys
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crawler.lifeline import die_with_parent
from crawler.pool import shutdown_pool

# Scrapy, SQLAlchemy and the store are imported where they are used, not here: every
# analysis worker runs this module again as its main (multiprocessing does so for
# forkserver children), and importing them there cost each worker ~60 MiB of RSS.
if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings

    from crawler.sources import SourceConfig
    from crawler.spiders.source import SourceSpider
    from store.session import Store

logger = logging.getLogger(__name__)

# Bounds of one source's share of PARKWATCH_SCRAPE_MEMORY (Scrapy's default is the maximum).
# A share below one page still lets that source's pages through one at a time.
MIN_SCRAPE_SLOT_BYTES = 128 * 1024
MAX_SCRAPE_SLOT_BYTES = 5_000_000


def build_settings(args: argparse.Namespace) -> Settings:
    from scrapy.settings import Settings

    from crawler import settings as default_settings

    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("PARKWATCH_DB_URL", args.db, priority="cmdline")
    settings.set("PARKWATCH_WORKERS", args.workers, priority="cmdline")
    if args.hook:
        settings.set("PARKWATCH_DEAL_HOOK", args.hook, priority="cmdline")
    if args.subscriptions:
        settings.set("PARKWATCH_SUBSCRIPTIONS", args.subscriptions, priority="cmdline")
    if args.user_agent:
        settings.set("USER_AGENT", args.user_agent, priority="cmdline")
    settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    if args.fast:
        # Local sites only (demo, tests, benchmarks): no politeness delay is owed to ourselves.
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 16, priority="cmdline")
    return settings


Prepared = tuple[int, set[str], dict[str, tuple[str | None, str | None]], bool]


def local_worker() -> str:
    return f"local {os.uname().nodename}:{os.getpid()}"


def prepare_runs(store: Store, sources: list[SourceConfig], worker: str | None = None) -> dict[str, Prepared]:
    """Register sources, open a run row each (labelled with the worker that runs it), load
    the stored URLs and list validators."""
    from sqlalchemy import select, update

    from crawler.outcome import given_up_urls
    from store.ingest import ensure_source
    from store.models import CrawlRun, Page, utcnow

    prepared: dict[str, Prepared] = {}
    with store.session() as session:
        for source in sources:
            ensure_source(session, source.id, source.name, source.language, source.kind,
                          source.model_dump(mode="json"))
            session.flush()
            previous = session.scalar(select(CrawlRun).where(CrawlRun.source_id == source.id)
                                      .order_by(CrawlRun.id.desc()).limit(1))
            # After a run that was cut short or failed, seen links prove nothing about the
            # pages behind them: page through to max_pages instead of stopping early.
            resume = previous is not None and not (previous.status == "ok" and previous.errors == 0)
            # We hold the source's lease: a run still marked running was killed.
            session.execute(update(CrawlRun).where(CrawlRun.source_id == source.id,
                                                   CrawlRun.status == "running")
                            .values(status="failed", finished_at=utcnow(),
                                    message="interrupted (the crawl process died)"))
            run = CrawlRun(source_id=source.id, worker=worker or local_worker())
            session.add(run)
            session.flush()
            seen = set(session.scalars(select(Page.canonical_url).where(
                Page.source_id == source.id, Page.kind == "article")))
            seen |= given_up_urls(session, source.id)  # failed too often, or not HTML
            validators = {url: (etag, modified) for url, etag, modified in session.execute(
                select(Page.canonical_url, Page.etag, Page.last_modified).where(
                    Page.source_id == source.id, Page.kind == "list"))}
            prepared[source.id] = (run.id, seen, {} if resume else validators, resume)
    return prepared


def finish_runs(store: Store, spiders: list[SourceSpider]) -> list[dict[str, Any]]:
    from crawler.outcome import run_status, save_failures
    from store.models import CrawlRun, utcnow

    reports = []
    with store.session() as session:
        for spider in spiders:
            counts: dict[str, Any] = dict(spider.stats_counts)
            counts.update(getattr(spider, "pipeline_counts", {}))
            counts["timings"] = getattr(spider, "analysis_timings", {})
            run = session.get(CrawlRun, spider.run_id)
            if run is None:
                continue
            run.finished_at = utcnow()
            run.list_pages = counts.get("list_pages", 0)
            run.article_links = counts.get("article_links", 0)
            run.pages_fetched = counts.get("list_pages", 0) + counts.get("pages", 0)
            run.new_articles = counts.get("new_articles", 0)
            run.new_deals = counts.get("new_deals", 0)
            run.errors = counts.get("errors", 0) + counts.get("analysis_failed", 0)
            run.bytes_fetched = counts.get("bytes", 0)
            run.list_not_modified = counts.get("list_not_modified", 0)
            stopped = spider.close_reason not in (None, "finished") or stop_requested()
            reason = spider.close_reason if spider.close_reason not in (None, "finished") else "SIGTERM"
            run.status, run.message = run_status(counts, stopped, reason)
            failures = getattr(spider, "failures", None)
            if failures is not None:
                counts["failures"] = save_failures(session, run, failures.records)
            reports.append({"source": spider.source.id, "run_id": run.id, "status": run.status,
                            "message": run.message, **counts})
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__)
    parser.add_argument("--db", default=os.environ.get("PARKWATCH_DB_URL"),
                        help="database URL (default: $PARKWATCH_DB_URL; prefer the variable: "
                        "argv is visible to every user)")
    parser.add_argument("--sources-dir", required=True, type=Path)
    parser.add_argument("--source", action="append", default=[], help="source id (repeatable)")
    parser.add_argument("--demo-base", help="base URL of the running demo site")
    parser.add_argument("--demo", action="store_true", help="crawl the demo sources")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--hook", help="deal hook factory, dotted path")
    parser.add_argument("--subscriptions", help="subscriptions file for the hook")
    parser.add_argument("--user-agent")
    parser.add_argument("--fast", action="store_true", help="no delays (local sites only)")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.root.handlers:
        # Scrapy sets its own loggers to DEBUG: the handler must hold the level too.
        handler.setLevel(args.log_level)
    die_with_parent()
    if not args.db:
        print("error: no database: set PARKWATCH_DB_URL", file=sys.stderr)
        return 2

    from crawler.sources import SourceError, scan_sources
    from store.session import Store

    try:
        # Bad files are the parent's to report (parkwatch crawl, status): skipped silently here.
        sources = [s for s in scan_sources(args.sources_dir).sources if s.demo == args.demo]
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.source:
        unknown = set(args.source) - {s.id for s in sources}
        if unknown:
            print(f"error: unknown source(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        sources = [s for s in sources if s.id in args.source]
    else:
        sources = [s for s in sources if s.enabled]
    sources = [s.resolved(args.demo_base) for s in sources]

    store = Store(args.db, migrate=False)
    # Until Scrapy installs its own handlers, a SIGTERM ends the run before it begins.
    signal.signal(signal.SIGTERM, _on_sigterm)
    prepared: dict[str, Prepared] = {}
    try:
        prepared = prepare_runs(store, sources)
        return _crawl(args, store, sources, prepared)
    except StoppedBeforeStart:
        shutdown_pool()
        _close_runs(store, [run_id for run_id, *_ in prepared.values()],
                    "stopped before it began (SIGTERM)")
        return 0
    finally:
        store.close()


class StoppedBeforeStart(Exception):
    """SIGTERM arrived before the crawl started."""


_stop = {"requested": False, "crawl_begun": False}


def stop_requested() -> bool:
    """Whether this process was asked to stop before Scrapy took over its signals."""
    return _stop["requested"]


def _on_sigterm(signum: int, frame: object) -> None:
    """Before the crawl is set up, end at once; while Scrapy sets it up (an exception raised
    there would only fail the crawl silently), note it and stop once the reactor runs."""
    _stop["requested"] = True
    if not _stop["crawl_begun"]:
        raise StoppedBeforeStart


def _close_runs(store: Store, run_ids: list[int], message: str) -> None:
    from sqlalchemy import update

    from store.models import CrawlRun, utcnow

    with store.session() as session:
        session.execute(update(CrawlRun).where(CrawlRun.id.in_(run_ids), CrawlRun.status == "running")
                        .values(status="failed", finished_at=utcnow(), message=message))


def _stop_if_requested(crawler: Crawler) -> Callable[[], Any]:
    def on_engine_started() -> Any:
        if _stop["requested"]:
            return crawler.stop()
        return None

    return on_engine_started


def _crawl(args: argparse.Namespace, store: Store, sources: list[SourceConfig],
           prepared: dict[str, Prepared]) -> int:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.source import SourceSpider

    _stop["crawl_begun"] = True
    process = CrawlerProcess(build_settings(args), install_root_handler=False)
    # Sites answer far faster than pages are analysed: each source may keep only its share
    # of the process's budget of responses waiting for the pool.
    share = process.settings.getint("PARKWATCH_SCRAPE_MEMORY") // max(len(sources), 1)
    slot_size = min(max(share, MIN_SCRAPE_SLOT_BYTES), MAX_SCRAPE_SLOT_BYTES)
    crawlers = []
    for source in sources:
        run_id, seen, validators, resume = prepared[source.id]
        crawler = process.create_crawler(SourceSpider)
        crawler.settings.set("SCRAPER_SLOT_MAX_ACTIVE_SIZE", slot_size, priority="spider")
        # A SIGTERM noted while the crawls were set up: stop as Scrapy's own handler would.
        crawler.signals.connect(_stop_if_requested(crawler), signal=signals.engine_started)
        crawlers.append(crawler)
        process.crawl(crawler, source=source, demo_base=args.demo_base, seen_urls=seen,
                      run_id=run_id, list_validators=validators, resume=resume)
    if _stop["requested"]:
        raise StoppedBeforeStart
    process.start()
    shutdown_pool()
    reports = finish_runs(store, [c.spider for c in crawlers if c.spider is not None])
    usage = resource.getrusage(resource.RUSAGE_SELF)
    for report in reports:
        report["process_cpu_s"] = usage.ru_utime + usage.ru_stime
        line = json.dumps(report, ensure_ascii=False)
        print(line)
        logger.info("run report: %s", line)  # one line a source: the parent keeps no stdout
    return 0


if __name__ == "__main__":
    sys.exit(main())
