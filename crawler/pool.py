"""One process pool per crawl process, shared by every spider (source) it runs.

Workers come from a forkserver that has loaded trafilatura, the gazetteer, jieba and the
extraction tables once (PARKWATCH_WORKER_PRELOAD, crawler.preload): each worker is a fork
of it and shares those pages instead of loading its own copy. A forkserver and not a plain
fork, because the Twisted reactor's threads must not be forked into workers."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

# Modules the forkserver imports before forking any worker (their import loads the tables).
PRELOAD_MODULES = ["crawler.preload"]

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_starting = False


def get_pool(workers: int | None = None, preload: bool = True) -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            count = workers or os.cpu_count() or 1
            context = get_context("forkserver")
            context.set_forkserver_preload(PRELOAD_MODULES if preload else [])
            _pool = ProcessPoolExecutor(max_workers=count, mp_context=context)
        return _pool


def _ready() -> None:
    """A task that only proves its worker is up."""


def start_pool_in_background(workers: int | None = None) -> None:
    """Start the forkserver and every worker on a thread: the preload takes seconds, and a
    first page submitted from the reactor thread would otherwise block it that long."""
    global _starting
    with _pool_lock:
        if _starting or _pool is not None:
            return  # once per process, however many spiders it runs
        _starting = True

    def start() -> None:
        pool = get_pool(workers)
        try:
            for _ in range(workers or os.cpu_count() or 1):
                pool.submit(_ready)
        except RuntimeError:  # the crawl ended (pool shut down) before the workers were up
            return

    threading.Thread(target=start, name="pool-start", daemon=True).start()


def shutdown_pool() -> None:
    global _pool, _starting
    with _pool_lock:
        pool, _pool, _starting = _pool, None, False
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def analyse_for_store(body: bytes, *, url: str, http_charset: str | None, crawled: dt.date,
                      clean_options: dict[str, Any], keep_raw: bool = True) -> dict[str, Any]:
    """Runs in a worker: clean and extract the page, then everything the writer would
    otherwise spend CPU on (hash, compression, search tokens), under analysis["stored"]."""
    from extractors.article import analyse_page
    from store.ingest import prepare_analysis

    analysis = analyse_page(body, url=url, http_charset=http_charset, crawled=crawled,
                            clean_options=clean_options)
    started = time.process_time()
    analysis["stored"] = prepare_analysis(analysis, body)
    if not keep_raw:
        analysis["stored"]["raw"] = None
    analysis["timings"]["prepare_s"] = time.process_time() - started
    return analysis
