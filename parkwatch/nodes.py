"""Crawls on Scrapyd nodes: pick a node with a free slot, schedule the job, wait for it,
read what it did from the shared store.

Each node runs the `parkwatch` spider (crawler/spiders/node.py) of the project `parkwatch`,
which its scrapyd.conf names in a `[settings]` section (no egg to deploy: the node has
ParkWatch installed, see deploy/scrapyd.conf). A node writes to the database named by its
own PARKWATCH_DB_URL, which must be the scheduler's: the database password never travels in
Scrapyd's job arguments, which Scrapyd logs. Every run row is labelled with the node and
job, so the scheduler finds the run of each job it dispatched."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import select
from urllib3.util.retry import Retry

from store.models import CrawlRun
from store.session import Store

logger = logging.getLogger(__name__)

PROJECT = "parkwatch"
SPIDER = "parkwatch"
HTTP_TIMEOUT = 10
# A node's first schedule.json runs `scrapy list` in a subprocess before it answers.
SCHEDULE_TIMEOUT = 90


class NodeError(RuntimeError):
    """No node could take the crawl, or a node refused it."""


@dataclass
class Job:
    node: str
    job: str
    source: str
    started: float = field(default_factory=time.monotonic)
    cancelled_at: float | None = None
    timed_out: bool = False
    done: bool = False

    @property
    def worker(self) -> str:
        return f"scrapyd {self.node} {self.job}"


_active: dict[str, tuple[ScrapydNodes, Job]] = {}
_active_lock = threading.Lock()
# Free slots are counted and claimed under this lock, so threads of one scheduler never
# both take a node's last slot.
_dispatch_lock = threading.Lock()


class ScrapydNodes:
    def __init__(self, urls: list[str], slots: int, poll_seconds: float) -> None:
        if not urls:
            raise NodeError("no Scrapyd node configured (scrapyd_urls is empty)")
        self.urls = [u.rstrip("/") for u in urls]
        self.slots = slots
        self.poll_seconds = poll_seconds
        self.http = requests.Session()
        # Reads are retried on connection errors and 502/503/504; a schedule is never
        # retried blindly (it could start the same crawl twice).
        retry = Retry(total=3, backoff_factor=0.3, status_forcelist=(502, 503, 504),
                      allowed_methods=frozenset({"GET"}))
        self.http.mount("http://", HTTPAdapter(max_retries=retry))
        self.http.mount("https://", HTTPAdapter(max_retries=retry))

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, node: str, endpoint: str, **kwargs: Any) -> dict[str, Any]:
        url = f"{node}/{endpoint}"
        try:
            timeout = SCHEDULE_TIMEOUT if endpoint == "schedule.json" else HTTP_TIMEOUT
            response = self.http.request(method, url, timeout=timeout, **kwargs)
            response.raise_for_status()
            data = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise NodeError(f"Scrapyd node {node}: {endpoint} failed ({exc})") from exc
        if data.get("status") != "ok":
            raise NodeError(f"Scrapyd node {node}: {endpoint} answered {data.get('message') or data}; "
                            f"is the project {PROJECT!r} in the node's scrapyd.conf [settings]?")
        return data

    def free_slots(self) -> tuple[dict[str, int], list[str]]:
        """Free slots per reachable node (slots minus running and pending jobs), and the
        errors of the nodes that did not answer."""
        free, errors = {}, []
        for node in self.urls:
            try:
                status = self._call("GET", node, "daemonstatus.json")
            except NodeError as exc:
                errors.append(str(exc))
                continue
            free[node] = self.slots - int(status.get("running", 0)) - int(status.get("pending", 0))
        return free, errors

    def schedule(self, source: str, args: dict[str, str], settings: dict[str, str],
                 give_up_at: float, stopping: Callable[[], bool]) -> Job:
        """Start the source's crawl on the node with the most free slots, waiting for one."""
        while True:
            if stopping():
                raise NodeError("stopping: the crawl was not dispatched")
            with _dispatch_lock:
                free, errors = self.free_slots()
                if not free:
                    raise NodeError("no Scrapyd node answered: " + "; ".join(errors))
                for error in errors:  # the others carry on meanwhile
                    logger.warning("%s", error)
                node = max(free, key=lambda n: (free[n], -self.urls.index(n)))
                if free[node] > 0:
                    job = Job(node=node, job=uuid.uuid4().hex, source=source)
                    data = [("project", PROJECT), ("spider", SPIDER), ("jobid", job.job),
                            ("worker", job.worker), ("source", source), *args.items(),
                            *(("setting", f"{k}={v}") for k, v in settings.items())]
                    self._call("POST", node, "schedule.json", data=data)
                    with _active_lock:
                        _active[job.job] = (self, job)
                    logger.info("%s: scheduled on %s as job %s", source, node, job.job)
                    return job
            if time.monotonic() >= give_up_at:
                raise NodeError(f"no Scrapyd node had a free slot for {source} "
                                f"(slots per node: {self.slots})")
            time.sleep(self.poll_seconds)

    def state(self, job: Job) -> str:
        """pending, running or finished (a job the node no longer lists has finished)."""
        data = self._call("GET", job.node, "status.json", params={"job": job.job, "project": PROJECT})
        return data.get("currstate") or "finished"

    def cancel(self, job: Job) -> None:
        """SIGINT to a running job (Scrapy then stops cleanly), or drop a pending one."""
        if job.cancelled_at is not None:
            return  # once: a second signal makes Scrapy stop uncleanly
        job.cancelled_at = time.monotonic()
        try:
            self._call("POST", job.node, "cancel.json", data={"project": PROJECT, "job": job.job})
        except NodeError as exc:
            logger.warning("%s", exc)


def cancel_all() -> None:
    """Ask every dispatched job to stop (the service is stopping)."""
    with _active_lock:
        jobs = list(_active.values())
    for nodes, job in jobs:
        nodes.cancel(job)


def wait(nodes: ScrapydNodes, jobs: list[Job], timeout: float, grace: float,
         stopping: Callable[[], bool]) -> None:
    """Until every job has finished; a job over its timeout, or any job once the service
    is stopping, is cancelled, and one that does not stop within `grace` seconds after
    that is given up on."""
    try:
        while not all(j.done for j in jobs):
            now = time.monotonic()
            for job in (j for j in jobs if not j.done):
                try:
                    job.done = nodes.state(job) == "finished"
                except NodeError as exc:
                    logger.warning("%s", exc)  # a node restarting; its job's row will tell
                if job.done:
                    continue
                if job.cancelled_at is None and now - job.started > timeout:
                    job.timed_out = True
                    nodes.cancel(job)
                elif job.cancelled_at is None and stopping():
                    nodes.cancel(job)
                elif job.cancelled_at is not None and now - job.cancelled_at > grace:
                    logger.error("%s: job %s on %s did not stop; giving up on it",
                                 job.source, job.job, job.node)
                    job.done = True
            if not all(j.done for j in jobs):
                time.sleep(nodes.poll_seconds)
    finally:
        with _active_lock:
            for job in jobs:
                _active.pop(job.job, None)


def reports(store: Store, jobs: list[Job]) -> list[dict[str, Any]]:
    """One report per job, from the run row the job wrote (the same keys as a local run's)."""
    out = []
    with store.session() as session:
        for job in jobs:
            run = session.scalar(select(CrawlRun).where(CrawlRun.worker == job.worker))
            if run is None:
                out.append({"source": job.source, "status": "failed", "worker": job.worker,
                            "message": f"job {job.job} on {job.node} left no run row: see the node's "
                                       "log, and check its PARKWATCH_DB_URL is the scheduler's"})
                continue
            out.append({"source": run.source_id, "run_id": run.id, "status": run.status,
                        "message": run.message, "worker": job.worker, "list_pages": run.list_pages,
                        "article_links": run.article_links,
                        "pages": run.pages_fetched - run.list_pages, "new_articles": run.new_articles,
                        "new_deals": run.new_deals, "errors": run.errors, "bytes": run.bytes_fetched,
                        "list_not_modified": run.list_not_modified})
    return out
