"""Many sources at once, with production politeness (issue 16).

Serves 100 sources on distinct loopback hosts (127.0.0.2 ... 127.0.0.101), 30 real-page
articles each (bench/realsite.py), and crawls them all with `parkwatch crawl`, whose
sources keep the polite defaults: robots.txt, the download delay, AutoThrottle, 2
requests per domain. Reports the wall time and peak memory of the whole process tree of
  1. a single site with the same number of articles, `politeness` off (the reference);
  2. a first round over the 100 sources;
  3. a second round with nothing new.

    python bench/many_sources.py [--sources 100] [--per-source 30] [--workers 0]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.proctree import measure  # noqa: E402
from bench.realsite import POLITENESS_OFF, RealSite, source_yaml  # noqa: E402


def crawl(tmp: Path, name: str, sources_dir: Path, workers: int) -> dict[str, Any]:
    """`parkwatch crawl` of every source in `sources_dir` into database `name`."""
    db = tmp / f"{name}.db"
    env = {**os.environ, "PARKWATCH_DB_PATH": str(db), "PARKWATCH_SOURCES_DIR": str(sources_dir),
           "PARKWATCH_WORKERS": str(workers), "PARKWATCH_LOG_LEVEL": "INFO",
           "PARKWATCH_CRAWL_TIMEOUT_SECONDS": "3600"}
    result = measure([sys.executable, "-m", "parkwatch.cli", "crawl"], cwd=tmp, env=env)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        result["articles"] = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        result["statuses"] = dict(conn.execute("SELECT status, count(*) FROM crawl_runs GROUP BY status").fetchall())
    return result


def show(label: str, result: dict[str, Any], pages: int) -> float:
    rate = pages / result["wall"] if pages else 0.0
    print(f"{label}: {result['wall']:.1f} s, {pages} new articles"
          + (f" = {rate:.1f} pages/s" if pages else "")
          + f", CPU {result['cpu']:.1f} s, peak RSS {result['peak_rss'] / 2**20:.0f} MiB "
          f"(PSS {result['peak_pss'] / 2**20:.0f} MiB), log {result['log_bytes'] / 1024:.0f} KiB, "
          f"runs {result['statuses']}", flush=True)
    print(f"  per process peak RSS/PSS MiB: {result['sampler'].describe_peaks()}", flush=True)
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=100, help="at most 254 (one loopback host each)")
    parser.add_argument("--per-source", type=int, default=30)
    parser.add_argument("--workers", type=int, default=0, help="analysis processes (0 = one per core)")
    parser.add_argument("--reference-pages", type=int, default=0,
                        help="articles of the politeness-off single site (0: as many as all sources hold)")
    args = parser.parse_args()
    total = args.sources * args.per_source
    with tempfile.TemporaryDirectory(prefix="pw-many-") as name, contextlib.ExitStack() as stack:
        tmp = Path(name)
        single_dir, many_dir = tmp / "single", tmp / "many"
        single_dir.mkdir()
        many_dir.mkdir()
        single = stack.enter_context(RealSite(args.reference_pages or total))
        (single_dir / "single.yaml").write_text(source_yaml("single", single.base_url, POLITENESS_OFF),
                                                encoding="utf-8")
        for i in range(args.sources):
            site = stack.enter_context(RealSite(args.per_source, host=f"127.0.0.{i + 2}",
                                                offset=i * args.per_source))
            (many_dir / f"site-{i:03d}.yaml").write_text(source_yaml(f"site-{i:03d}", site.base_url, None, max_pages=5),
                                                         encoding="utf-8")
        print(f"{args.sources} sources x {args.per_source} real-page articles on 127.0.0.2..; "
              f"reference: one site of {args.reference_pages or total}; {os.cpu_count()} cores (shared with other work)")
        reference = crawl(tmp, "single", single_dir, args.workers)
        ref_rate = show("single site, politeness off", reference, reference["articles"])
        first = crawl(tmp, "many", many_dir, args.workers)
        first_rate = show(f"{args.sources} sources, production politeness, first round", first, first["articles"])
        second = crawl(tmp, "many", many_dir, args.workers)
        show(f"{args.sources} sources, second round (nothing new)", second, second["articles"] - first["articles"])
    print(f"first round / single site throughput = {first_rate / ref_rate:.2f}x (target >= 0.7)")
    print(f"second round wall = {second['wall']:.1f} s (target <= 30 s)")
    print(f"peak RSS, first round = {first['peak_rss'] / 2**20:.0f} MiB, second = {second['peak_rss'] / 2**20:.0f} MiB "
          f"(PSS {first['peak_pss'] / 2**20:.0f} / {second['peak_pss'] / 2**20:.0f}; target <= 600 MiB)")


if __name__ == "__main__":
    main()
