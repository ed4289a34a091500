"""`parkwatch run`: the unattended service.

APScheduler 3 runs one job per source (interval or cron, Asia/Shanghai, jitter) and an
alert-delivery job. A source's job marks it due; due sources are crawled in batches, each
batch one crawl process (parkwatch.dispatch), every source under its own database lease, so
no two crawls of a source overlap, even across processes. Runs missed while the service
was down are caught up on start. SIGTERM / SIGINT stop it cleanly: running crawls are asked to stop
(they finish their in-flight pages) and the scheduler waits for them."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
import zoneinfo
from pathlib import Path
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func, select, update

from alerts.outbox import flush_due
from alerts.subscriptions import load_subscriptions
from crawler.sources import SourceConfig, load_sources
from parkwatch.config import Config
from parkwatch.crawl import CrawlError, run_crawl, stop_all
from parkwatch.dispatch import DueSources
from parkwatch.health import check_sources
from parkwatch.leader import SchedulerLock
from store.models import CrawlRun, Source, utcnow
from store.session import Store

logger = logging.getLogger(__name__)

SERVICE_TIMEZONE = "Asia/Shanghai"
DELIVERY_JOB_ID = "alerts:deliver"
# While stopping, how often running crawls are asked again to stop.
STOP_POLL_SECONDS = 1.0


class Service:
    """State shared by the jobs of one `parkwatch run` (jobs are module-level functions)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.store = Store(config.database_url)
        self.sources = {s.id: s for s in load_sources(Path(config.sources_dir)) if not s.demo and s.enabled}
        self.subscribers = load_subscriptions(config.subscriptions) if config.subscriptions else []
        self.crawls_done = 0
        self.stopping = threading.Event()
        self.scheduler: BlockingScheduler | None = None
        self.due = DueSources(lambda batch: _crawl(self, batch), config.max_parallel_crawls)


_service: Service | None = None


def crawl_job(source_id: str) -> None:
    """A source is due: it joins the next batch (not twice while due or being crawled)."""
    service = _require()
    if service.stopping.is_set():
        return
    if not service.due.submit(source_id):
        logger.info("%s: already due or being crawled", source_id)


def _crawl(service: Service, batch: list[str]) -> None:
    """One crawl process for a batch of due sources, then each one's health check."""
    if service.stopping.is_set():
        return
    try:
        outcome = run_crawl(service.config, sources=batch, subscriptions=service.config.subscriptions)
        for source_id in outcome.skipped:
            logger.info("%s: skipped, another crawl holds its lease", source_id)
        crawled = [s for s in batch if s not in outcome.skipped]
    except CrawlError as exc:
        logger.error("%s: %s", ", ".join(batch), exc)
        crawled = batch if exc.sources is None else exc.sources
        for source_id in crawled:
            _mark_unfinished_failed(service.store, source_id, str(exc))
    if not crawled:
        return
    service.crawls_done += len(crawled)
    check_sources(service.store, crawled, service.config.ops_failure_threshold,
                  service.config.ops_notify)
    # Done here, not in a scheduler event listener: listeners run under the scheduler's
    # locks, and asking it for its jobs there deadlocks against its main loop.
    if service.scheduler is not None and not service.stopping.is_set():
        _record_next_runs(service.scheduler, service.store)
        limit = service.config.max_crawls
        if limit and service.crawls_done >= limit:
            logger.warning("stopping after %d crawls (max_crawls)", service.crawls_done)
            threading.Thread(target=_shutdown, args=(service.scheduler, service), daemon=True).start()


def deliver_job() -> None:
    """Deliver the alerts that are due."""
    service = _require()
    report = flush_due(service.store, service.subscribers, extra_urls=service.config.notify)
    if report.sent or report.failed or report.dead:
        logger.info("alerts: sent %d, to retry %d, dead %d", report.sent, report.failed, report.dead)


def _require() -> Service:
    if _service is None:
        raise RuntimeError("the scheduler service is not running")
    return _service


def _mark_unfinished_failed(store: Store, source_id: str, message: str) -> None:
    """A crawl process that died leaves its run row 'running': close it as failed."""
    with store.session() as session:
        session.execute(update(CrawlRun).where(CrawlRun.source_id == source_id,
                                               CrawlRun.status == "running")
                        .values(status="failed", finished_at=utcnow(), message=message[:1000]))


def trigger_for(source: SourceConfig, tz: dt.tzinfo) -> BaseTrigger:
    schedule = source.schedule
    jitter = schedule.jitter_seconds or None
    if schedule.cron:
        trigger = CronTrigger.from_crontab(schedule.cron, timezone=tz)
        trigger.jitter = jitter
        return trigger
    return IntervalTrigger(seconds=schedule.period_seconds or 3600, timezone=tz, jitter=jitter)


def missed_run(source: SourceConfig, last_start: dt.datetime | None, now: dt.datetime,
               tz: dt.tzinfo) -> bool:
    """True when a run was due since the last one started (or there never was one)."""
    if last_start is None:
        return True
    if source.schedule.cron:
        trigger = CronTrigger.from_crontab(source.schedule.cron, timezone=tz)
        last = last_start.replace(tzinfo=dt.UTC)
        due = trigger.get_next_fire_time(None, last)
        return due is not None and due <= now.replace(tzinfo=dt.UTC)
    return now - last_start >= dt.timedelta(seconds=source.schedule.period_seconds or 3600)


def _record_next_runs(scheduler: BlockingScheduler, store: Store) -> None:
    with store.session() as session:
        for job in scheduler.get_jobs():
            if not job.id.startswith("crawl:"):
                continue
            # A job added before the scheduler starts has no next_run_time yet unless set.
            local = getattr(job, "next_run_time", None)
            when = local.astimezone(dt.UTC).replace(tzinfo=None) if local else None
            session.execute(update(Source).where(Source.id == job.id[len("crawl:"):])
                            .values(next_run_at=when))


def build_scheduler(service: Service) -> BlockingScheduler:
    config = service.config
    tz = zoneinfo.ZoneInfo(config.timezone)
    scheduler = BlockingScheduler(
        timezone=tz,
        executors={"default": ThreadPoolExecutor(config.max_parallel_crawls + 1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None})
    now = utcnow()
    with service.store.session() as session:
        from store.ingest import ensure_source

        for source in service.sources.values():
            ensure_source(session, source.id, source.name, source.language, source.kind,
                          source.model_dump(mode="json"))
        last_starts = dict(session.execute(select(CrawlRun.source_id, func.max(CrawlRun.started_at))
                                           .group_by(CrawlRun.source_id)).all())
    for index, source in enumerate(sorted(service.sources.values(), key=lambda s: s.id)):
        job = scheduler.add_job(crawl_job, trigger_for(source, tz), args=[source.id],
                                id=f"crawl:{source.id}", name=f"crawl {source.id}",
                                replace_existing=True)
        if missed_run(source, last_starts.get(source.id), now, tz):
            # Catch up now, a few seconds apart so sources do not all start at once.
            job.modify(next_run_time=dt.datetime.now(tz) + dt.timedelta(seconds=index * config.catch_up_stagger_seconds))
    scheduler.add_job(deliver_job, IntervalTrigger(seconds=config.delivery_interval_seconds, timezone=tz),
                      id=DELIVERY_JOB_ID, name="deliver alerts", replace_existing=True,
                      next_run_time=dt.datetime.now(tz))
    service.scheduler = scheduler
    return scheduler


def _shutdown(scheduler: BlockingScheduler, service: Service) -> None:
    """Stop scheduling and ask running crawls to stop; run_service waits for them.

    Not shutdown(wait=True): APScheduler holds its job-store lock while it waits, and a
    finishing job that asks for its next run time would deadlock against it."""
    if service.stopping.is_set():
        return
    service.stopping.set()
    service.due.stop()
    stop_all()
    if scheduler.running:
        scheduler.shutdown(wait=False)


def _wait_for_jobs(service: Service) -> None:
    """Block until every running crawl has finished, re-asking late-started ones to stop."""
    service.due.stop()
    service.due.wait_idle(STOP_POLL_SECONDS, stop_all)


def run_service(config: Config) -> int:
    """Run until SIGTERM / SIGINT (or max_crawls); returns the process exit code.

    On PostgreSQL only the holder of the scheduler lock schedules; others stand by."""
    standby_stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: standby_stop.set())
    leader = SchedulerLock(config.database_url)
    if not leader.acquire(standby_stop, config.standby_poll_seconds):
        return 0  # stopped while standing by
    try:
        return _run_as_leader(config, leader)
    finally:
        leader.release()


def _run_as_leader(config: Config, leader: SchedulerLock) -> int:
    global _service
    _service = Service(config)
    scheduler = build_scheduler(_service)
    _record_next_runs(scheduler, _service.store)

    def on_signal(signum: int, _frame: Any) -> None:
        logger.warning("received %s: stopping after running crawls finish", signal.Signals(signum).name)
        threading.Thread(target=_shutdown, args=(scheduler, _service), daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    service = _service
    leader.watch(lambda: _shutdown(scheduler, service), config.standby_poll_seconds)
    logger.warning("parkwatch run: %d sources scheduled (%s)", len(_service.sources), config.timezone)
    try:
        scheduler.start()
        _wait_for_jobs(_service)
    finally:
        _service.stopping.set()
        _service.store.close()
        _service = None
    return 0
