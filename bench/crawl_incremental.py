"""Incremental crawling and service benchmark (issue: unattended crawling).

1. A 2,000-article local site crawled twice: the second crawl's article requests and bytes
   as a share of the first's (targets <= 2% and <= 10%).
2. `parkwatch run` over 50 scheduled crawls of a growing site: resident memory of the
   service process after the 2nd and after the 50th crawl (target: growth <= 20 MB).
3. SIGKILL of a crawl mid-run: stored articles lost or duplicated, and whether the next
   run finishes the rest.

    python bench/crawl_incremental.py [--pages 2000] [--crawls 50]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from sqlalchemy import func, select

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from parkwatch.config import Config  # noqa: E402
from parkwatch.crawl import run_crawl  # noqa: E402
from store.models import Article, CrawlRun  # noqa: E402
from store.session import Store  # noqa: E402
from tests.sites import ChangingSite, source_yaml  # noqa: E402


def _config(tmp: Path, name: str, site: ChangingSite, max_pages: int, interval: int = 3600) -> Config:
    sources = tmp / f"{name}-sources"
    sources.mkdir()
    (sources / f"{name}.yaml").write_text(source_yaml(name, site.base_url, max_pages=max_pages,
                                                      interval_seconds=interval), encoding="utf-8")
    config = Config(db_path=tmp / f"{name}.db", sources_dir=sources)
    Store(config.database_url).close()
    return config


def _count(config: Config, query) -> int:  # type: ignore[no-untyped-def]
    store = Store(config.database_url, migrate=False)
    with store.session() as session:
        value = session.scalar(query)
    store.close()
    return int(value or 0)


def second_crawl(tmp: Path, pages: int) -> None:
    with ChangingSite(articles=pages) as site:
        config = _config(tmp, "incr", site, max_pages=pages // 10 + 10)
        started = time.perf_counter()
        first = run_crawl(config, fast=True, timeout=3600)
        first_s = time.perf_counter() - started
        first_requests, first_bytes = site.article_requests(), site.bytes_sent
        site.requests.clear()
        site.bytes_sent = 0
        second = run_crawl(config, fast=True, timeout=3600)
        second_requests, second_bytes = site.article_requests(), site.bytes_sent
    print(f"first crawl : {first.total('new_articles')} articles, {first_requests} article requests, "
          f"{first_bytes / 2**20:.1f} MiB in {first_s:.0f} s")
    print(f"second crawl: {second.total('new_articles')} new articles, {second_requests} article requests "
          f"({100 * second_requests / first_requests:.2f}% of the first; target <= 2%), "
          f"{second_bytes / 1024:.1f} KiB ({100 * second_bytes / first_bytes:.3f}% of the bytes; target <= 10%), "
          f"{second.total('list_not_modified')} list page(s) answered 304")


def service_memory(tmp: Path, crawls: int) -> None:
    with ChangingSite(articles=30) as site:
        config = _config(tmp, "svc", site, max_pages=5, interval=1)
        env = {**os.environ, "PARKWATCH_DB_PATH": str(config.db_path),
               "PARKWATCH_SOURCES_DIR": str(config.sources_dir), "PARKWATCH_MAX_CRAWLS": str(crawls),
               "PARKWATCH_CATCH_UP_STAGGER_SECONDS": "0", "PARKWATCH_DELIVERY_INTERVAL_SECONDS": "1"}
        grow = threading.Event()

        def add_articles() -> None:  # new articles keep arriving, as on a live site
            while not grow.wait(1.0):
                site.articles += 1

        threading.Thread(target=add_articles, daemon=True).start()
        proc = subprocess.Popen([sys.executable, "-m", "parkwatch.cli", "run"], cwd=tmp, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        service = psutil.Process(proc.pid)
        rss: dict[int, int] = {}
        while proc.poll() is None:
            done = _count(config, select(func.count()).select_from(CrawlRun).where(CrawlRun.finished_at.is_not(None)))
            try:
                rss.setdefault(done, service.memory_info().rss)
            except psutil.Error:
                break
            time.sleep(0.2)
        grow.set()
        proc.wait()
    done = max(rss)
    base = rss.get(2) or rss[min(k for k in rss if k >= 1)]
    print(f"parkwatch run: {done} crawls; RSS after crawl 2 {base / 2**20:.1f} MiB, after crawl {done} "
          f"{rss[done] / 2**20:.1f} MiB: growth {(rss[done] - base) / 2**20:+.1f} MiB (target <= 20 MB)")


def sigkill(tmp: Path, total: int = 300) -> None:
    with ChangingSite(articles=total) as site:
        config = _config(tmp, "kill", site, max_pages=total // 10 + 5)
        site.article_delay = 0.1
        cmd = [sys.executable, "-m", "crawler.run", "--db", config.database_url,
               "--sources-dir", str(config.sources_dir), "--fast"]
        proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while _count(config, select(func.count()).select_from(Article)) < total // 5:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        before = _count(config, select(func.count()).select_from(Article))
        site.article_delay = 0
        run_crawl(config, fast=True, timeout=3600)
        after = _count(config, select(func.count()).select_from(Article))
        distinct = _count(config, select(func.count(func.distinct(Article.url))))
    print(f"SIGKILL mid-crawl: {before} of {total} articles stored at the kill; after the next run "
          f"{after} stored, {total - after} lost, {after - distinct} duplicated; "
          f"next run finished the rest: {'yes' if after == total else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--crawls", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pw-incr-") as name:
        tmp = Path(name)
        second_crawl(tmp, args.pages)
        sigkill(tmp)
        service_memory(tmp, args.crawls)


if __name__ == "__main__":
    main()
