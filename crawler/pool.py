"""One process pool per crawl process, shared by every spider (source) it runs.

Workers come from a forkserver that has loaded trafilatura, the gazetteer, jieba and the
extraction tables once (PRELOAD_MODULES: crawler.preload): each worker is a fork
of it and shares those pages instead of loading its own copy. A forkserver and not a plain
fork, because the Twisted reactor's threads must not be forked into workers."""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

# Modules the forkserver imports before forking any worker (their import loads the tables).
PRELOAD_MODULES = ["crawler.preload"]

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_start_lock = threading.Lock()
_started = False


def preload_modules() -> list[str]:
    """PRELOAD_MODULES and this process's main module (`crawler.run`, Scrapyd's runner):
    multiprocessing runs the main module again in every worker, and with it loaded in the
    forkserver a worker shares its imports (Scrapy, SQLAlchemy) instead of importing them."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    name = getattr(spec, "name", None)
    main = [name] if name and not name.endswith("__main__") else []
    return [*PRELOAD_MODULES, *main]


def get_pool(workers: int | None = None, preload: bool = True) -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            count = workers or os.cpu_count() or 1
            context = get_context("forkserver")
            context.set_forkserver_preload(preload_modules() if preload else [])
            _pool = ProcessPoolExecutor(max_workers=count, mp_context=context)
        return _pool


def _ready() -> None:
    """A task that only proves its worker is up."""


def start_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """The pool with every worker up; blocks for the forkserver's preload (seconds) the
    first time, so call it off the reactor thread (asyncio.to_thread). A crawl that finds
    nothing new never starts the pool at all."""
    global _started
    with _start_lock:
        pool = get_pool(workers)
        if not _started:
            for future in [pool.submit(_ready) for _ in range(workers or os.cpu_count() or 1)]:
                future.result()
            _started = True
        return pool


def pool_started() -> bool:
    return _started


def shutdown_pool() -> None:
    global _pool, _started
    with _pool_lock:
        pool, _pool, _started = _pool, None, False
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
