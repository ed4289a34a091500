"""End-to-end pipeline benchmark on real portal pages.

Serves N article pages made from ../shared/corpus/html-dev (bytes unchanged but for one
deal sentence each, see bench/realsite.py) on 127.0.0.1 and, in the same run, in
alternating rounds, measures:
  full  - `parkwatch crawl` of one source whose `politeness` is off (crawl -> clean ->
          extract -> store -> queue alerts), all analysis workers;
  naive - one process, Scrapy + trafilatura + SQLite (bench/naive_pipeline.py);
  bare  - `trafilatura.extract` over the same pages in one process, nothing else.
Each is a subprocess measured as a whole process tree (bench/proctree.py): pages/s,
CPU ms per page (per stage for the full pipeline), peak RSS, bytes logged per page.
Medians over the rounds; the machine's other load hits every variant alike.

    python bench/pipeline.py [--pages 2000] [--rounds 3] [--workers 0] [--log-level INFO]
    python bench/pipeline.py --bare-only N   # (internal) the bare variant's process
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.proctree import measure  # noqa: E402
from bench.realsite import ARTICLE_RE, NEXT_SELECTOR, POLITENESS_OFF, RealSite, iter_articles, source_yaml  # noqa: E402

SOURCE_ID = "real-pages"
REPORT_RE = re.compile(r"(\{\"source\".*\})\s*$")
VARIANTS = ("full", "naive", "bare")


def bare_only(pages: int) -> None:
    """The bare variant: extract every page in this one process; prints its own timing."""
    import trafilatura

    bodies = list(iter_articles(pages))
    trafilatura.extract(bodies[0])  # warm-up: imports and lazy tables
    started, cpu = time.perf_counter(), time.process_time()
    for body in bodies:
        trafilatura.extract(body)
    print(json.dumps({"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu,
                      "pages": len(bodies)}))


def run_bare(tmp: Path, pages: int) -> dict[str, Any]:
    result = measure([sys.executable, str(Path(__file__).resolve()), "--bare-only", str(pages)], cwd=REPO)
    own = json.loads(result["stdout"][-1])
    # Pages are built from the corpus in the same process first: count only the extraction.
    return {"pages": own["pages"], "wall": own["wall"], "cpu_ms": 1000 * own["cpu"] / own["pages"],
            "peak_rss": result["peak_rss"], "peak_pss": result["peak_pss"], "log_per_page": 0.0}


def run_naive(tmp: Path, site: RealSite, round_no: int) -> dict[str, Any]:
    db = tmp / f"naive-{round_no}.db"
    cmd = [sys.executable, str(REPO / "bench" / "naive_pipeline.py"), "--db", str(db),
           "--start", f"{site.base_url}/list/index.html", "--allow", ARTICLE_RE, "--next", NEXT_SELECTOR]
    result = measure(cmd, cwd=REPO)
    pages = sqlite3.connect(db).execute("SELECT count(*) FROM pages").fetchone()[0]
    return {"pages": pages, "wall": result["wall"], "cpu_ms": 1000 * result["cpu"] / max(pages, 1),
            "peak_rss": result["peak_rss"], "peak_pss": result["peak_pss"],
            "log_per_page": result["log_bytes"] / max(pages, 1)}


def run_full(tmp: Path, sources_dir: Path, round_no: int, workers: int, log_level: str) -> dict[str, Any]:
    """`parkwatch crawl` of the bench source into a fresh SQLite file."""
    env = {**os.environ, "PARKWATCH_DB_PATH": str(tmp / f"full-{round_no}.db"),
           "PARKWATCH_SOURCES_DIR": str(sources_dir), "PARKWATCH_WORKERS": str(workers),
           "PARKWATCH_LOG_LEVEL": log_level, "PARKWATCH_CRAWL_TIMEOUT_SECONDS": "3600"}
    cmd = [sys.executable, "-m", "parkwatch.cli", "crawl", "--source", SOURCE_ID]
    result = measure(cmd, cwd=tmp, env=env)
    reports = [json.loads(m.group(1)) for line in result["stdout"] + result["stderr"]
               if (m := REPORT_RE.search(line))]
    if not reports:
        raise RuntimeError("no run report in the crawl's output:\n" + "\n".join(result["stderr"][-20:]))
    report = reports[-1]
    pages = int(report.get("pages", 0))
    timings = report.get("timings") or {}
    per_page = lambda seconds: 1000 * seconds / max(pages, 1)  # noqa: E731
    sampler = result["sampler"]
    crawl_cpu = sampler.cpu_where("-m crawler.run")
    parent_cpu = sampler.cpu_where("-m parkwatch.cli")
    stages = {"parent (parkwatch crawl)": per_page(parent_cpu),
              "crawl process: fetch+parse": per_page(crawl_cpu - timings.get("store_s", 0.0)),
              "crawl process: store": per_page(timings.get("store_s", 0.0)),
              "workers: clean": per_page(timings.get("clean_s", 0.0)),
              "workers: extract": per_page(timings.get("extract_s", 0.0)),
              "workers: index+compress": per_page(timings.get("prepare_s", 0.0)),
              "workers: other (IPC, start-up)": per_page(result["cpu"] - crawl_cpu - parent_cpu
                                                         - timings.get("clean_s", 0.0)
                                                         - timings.get("extract_s", 0.0)
                                                         - timings.get("prepare_s", 0.0))}
    print(f"  per process peak RSS/PSS MiB: {sampler.describe_peaks()}")
    return {"pages": pages, "wall": result["wall"], "cpu_ms": per_page(result["cpu"]),
            "peak_rss": result["peak_rss"], "peak_pss": result["peak_pss"],
            "log_per_page": result["log_bytes"] / max(pages, 1), "new_deals": int(report.get("new_deals", 0)), "stages": stages}


def summarise(results: dict[str, list[dict[str, Any]]], cores: int) -> None:
    rate = {v: statistics.median(r["pages"] / r["wall"] for r in results[v]) for v in VARIANTS}
    print(f"\nmedians over {len(results['full'])} rounds ({cores} cores; other load on the machine "
          "hits every variant alike):")
    for variant in VARIANTS:
        rows = results[variant]
        print(f"  {variant:5} {rate[variant]:6.1f} pages/s | CPU {statistics.median(r['cpu_ms'] for r in rows):6.1f} "
              f"ms/page | peak RSS {statistics.median(r['peak_rss'] for r in rows) / 2**20:5.0f} MiB "
              f"(max {max(r['peak_rss'] for r in rows) / 2**20:.0f}), PSS "
              f"{statistics.median(r['peak_pss'] for r in rows) / 2**20:4.0f} MiB | log "
              f"{statistics.median(r['log_per_page'] for r in rows):7.1f} B/page | "
              + " ".join(f"{r['pages'] / r['wall']:.1f}" for r in rows) + " pages/s per round")
    print("  full pipeline CPU ms per page by stage (median):")
    for stage in results["full"][0]["stages"]:
        print(f"    {stage:32} {statistics.median(r['stages'][stage] for r in results['full']):6.2f}")
    per_round = lambda other: " ".join(  # noqa: E731
        f"{f['pages'] / f['wall'] / (o['pages'] / o['wall']):.2f}" for f, o in zip(results["full"], results[other]))
    print(f"ratio full/naive = {rate['full'] / rate['naive']:.2f}x (target >= 1.5; rounds: {per_round('naive')})")
    print(f"ratio full/bare  = {rate['full'] / rate['bare']:.2f}x (target >= 0.8; rounds: {per_round('bare')})")
    print(f"CPU full/naive   = {statistics.median(r['cpu_ms'] for r in results['full']) / statistics.median(r['cpu_ms'] for r in results['naive']):.2f}x "
          "(CPU per page, less sensitive to the machine's other load)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="analysis processes (0 = one per core)")
    parser.add_argument("--log-level", default="INFO", help="the crawl's log level (INFO: a line per page)")
    parser.add_argument("--bare-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_only:
        bare_only(args.bare_only)
        return
    cores = os.cpu_count() or 1
    results: dict[str, list[dict[str, Any]]] = {v: [] for v in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="pw-bench-") as name, RealSite(args.pages) as site:
        tmp = Path(name)
        sources_dir = tmp / "sources"
        sources_dir.mkdir()
        (sources_dir / f"{SOURCE_ID}.yaml").write_text(source_yaml(SOURCE_ID, site.base_url, POLITENESS_OFF),
                                                       encoding="utf-8")
        print(f"{args.pages} real-page articles on {site.base_url}; {cores} cores; {args.rounds} rounds")
        for round_no in range(args.rounds):
            order = VARIANTS[round_no % 3:] + VARIANTS[:round_no % 3]  # alternate who goes first
            for variant in order:
                if variant == "full":
                    result = run_full(tmp, sources_dir, round_no, args.workers, args.log_level)
                elif variant == "naive":
                    result = run_naive(tmp, site, round_no)
                else:
                    result = run_bare(tmp, args.pages)
                results[variant].append(result)
                print(f"round {round_no + 1} {variant:5}: {result['pages']} pages in {result['wall']:.1f} s "
                      f"= {result['pages'] / result['wall']:.1f} pages/s, CPU {result['cpu_ms']:.1f} ms/page, "
                      f"peak RSS {result['peak_rss'] / 2**20:.0f} MiB, PSS {result['peak_pss'] / 2**20:.0f} MiB", flush=True)
    summarise(results, cores)


if __name__ == "__main__":
    main()
