"""One process pool per crawl process: cleaning and extraction use every core."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

_pool: ProcessPoolExecutor | None = None


def _warm_up() -> None:
    """Load trafilatura, jieba and the gazetteer once per worker, before the first page."""
    from extractors.article import analyse_text

    analyse_text("成都高新区集中签约15个项目,总投资204.5亿元。")


def get_pool(workers: int | None = None) -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        count = workers or os.cpu_count() or 1
        # forkserver: the Twisted reactor's threads must not be forked into workers.
        _pool = ProcessPoolExecutor(max_workers=count, mp_context=get_context("forkserver"),
                                    initializer=_warm_up)
    return _pool


def shutdown_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
