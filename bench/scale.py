"""Scale-out benchmark (issue: PostgreSQL and Scrapyd nodes).

N sources x M article pages on a local site (tests.sites.ManySourcesSite: every third deal
of a source is also reported by the next one), crawled into a fresh database:
  - by local crawl subprocesses (the default without scrapyd_urls), as a baseline;
  - through one Scrapyd node, then through two, each with `--slots` crawls at once.
Prints pages per second end to end (list and article pages fetched, cleaned, extracted,
stored) and the database's write rate: on PostgreSQL rows inserted/updated and commits per
second from pg_stat_database, on SQLite stored rows per second. Last, the store alone:
pre-analysed pages written by one and by two processes, the rate the database sustains.

    python bench/scale.py [--sources 20] [--pages 50] [--slots 2] [--db-url postgresql+psycopg://...]

Without --db-url it uses PARKWATCH_TEST_PG_URL (a role that may create databases) when set,
else a SQLite file. On a 2-core machine two nodes share the same two cores: the figure
shows what the dispatch costs and whether the store keeps up, not a second machine's gain.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from parkwatch.config import Config  # noqa: E402
from parkwatch.crawl import run_crawl  # noqa: E402
from store.models import Article, CrawlRun, Deal, DealMention, Page  # noqa: E402
from store.session import Store, sqlite_url  # noqa: E402
from tests.servers import ScrapydNode  # noqa: E402
from tests.sites import ManySourcesSite, section_source_yaml  # noqa: E402


class Database:
    """A fresh database per round: a new PostgreSQL database, or a new SQLite file."""

    def __init__(self, admin_url: str | None, tmp: Path) -> None:
        self.admin_url, self.tmp = admin_url, tmp
        self.created: list[str] = []

    def fresh(self, name: str) -> str:
        if not self.admin_url:
            return sqlite_url(self.tmp / f"{name}.db")
        db = f"pw_bench_{name}_{uuid.uuid4().hex[:8]}"
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {db} TEMPLATE template0 ENCODING 'UTF8' "
                                 "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
        engine.dispose()
        self.created.append(db)
        return make_url(self.admin_url).set(database=db).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self.admin_url:
            return
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for db in self.created:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        engine.dispose()


def _pg_stats(url: str) -> tuple[int, int]:
    """(rows inserted + updated, commits) of this database so far."""
    engine = create_engine(url)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT tup_inserted + tup_updated, xact_commit FROM pg_stat_database "
                                "WHERE datname = current_database()")).one()
    engine.dispose()
    return int(row[0]), int(row[1])


def _counts(url: str) -> dict[str, int]:
    store = Store(url, migrate=False)
    with store.session() as session:
        out = {name: int(session.scalar(select(func.count()).select_from(model)) or 0)
               for name, model in (("pages", Page), ("articles", Article), ("deals", Deal),
                                   ("mentions", DealMention), ("runs", CrawlRun))}
        out["pages_fetched"] = int(session.scalar(select(func.sum(CrawlRun.pages_fetched))) or 0)
        out["failed_runs"] = int(session.scalar(select(func.count()).select_from(CrawlRun)
                                                .where(CrawlRun.status != "ok")) or 0)
    store.close()
    return out


def one_round(label: str, db_url: str, site: ManySourcesSite, sources_dir: Path, tmp: Path,
              node_count: int, slots: int) -> None:
    Store(db_url).close()  # migrate before any worker writes
    ids = [f"park-{i:03d}" for i in range(site.sources)]
    nodes = [ScrapydNode(tmp / f"{label.replace(' ', '-')}-node-{i + 1}", db_url, max_proc=slots) for i in range(node_count)]
    for node in nodes:
        node.__enter__()
    try:
        config = Config(db_url=db_url, sources_dir=sources_dir, workers=1,
                        scrapyd_urls=[n.url for n in nodes], scrapyd_slots=slots, scrapyd_poll_seconds=0.2)
        parallel = slots * node_count if nodes else slots
        pg = db_url.startswith("postgresql")
        before = _pg_stats(db_url) if pg else (0, 0)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            list(pool.map(lambda s: run_crawl(config, sources=[s], fast=True, timeout=3600), ids))
        wall = time.perf_counter() - started
        after = _pg_stats(db_url) if pg else (0, 0)
    finally:
        for node in nodes:
            node.__exit__()
    counts = _counts(db_url)
    assert counts["articles"] == site.total_articles and counts["deals"] == site.total_deals, counts
    rate = counts["pages_fetched"] / wall
    if pg:
        writes = (f"{(after[0] - before[0]) / wall:,.0f} rows written/s, "
                  f"{(after[1] - before[1]) / wall:,.1f} commits/s")
    else:
        stored = counts["pages"] + counts["articles"] + counts["deals"] + counts["mentions"]
        writes = f"{stored / wall:,.0f} stored rows/s (pages, articles, deals, mentions)"
    print(f"{label:<18} {counts['pages_fetched']:>6} pages in {wall:6.1f} s = {rate:6.1f} pages/s; "
          f"{counts['articles']} articles, {counts['deals']} deals, {counts['failed_runs']} runs not ok; "
          f"database: {writes}", flush=True)


def _store_share(db_url: str, share: list[tuple[str, bytes, dict]]) -> None:
    """One writer: pages with their analyses, in transactions of 32 as the crawl stores them."""
    from store.dedup import lock_deals
    from store.ingest import store_analysis, store_page
    from store.models import utcnow

    store = Store(db_url, migrate=False)
    for start in range(0, len(share), 32):
        with store.session() as session:
            batch = share[start:start + 32]
            lock_deals(session, [analysis["facts"] for _, _, analysis in batch])  # as the pipeline does
            for url, body, analysis in batch:
                page = store_page(session, source_id="bench", url=url, canonical_url=url, status=200,
                                  body=body, http_charset="utf-8", etag=None, last_modified=None,
                                  fetched_at=utcnow())
                store_analysis(session, page, analysis)
    store.close()


def write_rate(db: Database, pages: int) -> None:
    """What the store itself sustains, crawling aside: pre-analysed pages written by one and
    by two processes at once (as two nodes' pipelines do)."""
    from concurrent.futures import ProcessPoolExecutor

    from extractors.article import analyse_page
    from store.ingest import ensure_source
    from tests.sites import Deal

    work = []
    for k in range(pages):
        body = Deal(k).original().encode()
        url = f"http://bench.example/a{k}.html"
        work.append((url, body, analyse_page(body, url=url)))
    # Park sources are regional: writers (nodes) mostly store different provinces' deals, and
    # the deal-matching locks are per province. "mixed" is the worst case: every batch of 32
    # spans a dozen provinces, so the two writers queue on each other's locks.
    provinces = sorted({(w[2]["facts"].get("place") or {}).get("province") or "" for w in work})
    regional = [[w for w in work if provinces.index((w[2]["facts"].get("place") or {}).get("province") or "") % 2 == i]
                for i in range(2)]
    for label, shares in (("1 writer", [work]), ("2 writers, by region", regional),
                          ("2 writers, mixed", [work[0::2], work[1::2]])):
        url = db.fresh(f"w{len(shares)}")
        store = Store(url)
        with store.session() as session:
            ensure_source(session, "bench", "bench", "zh-Hans", "html", {})
        store.close()
        pg = url.startswith("postgresql")
        before = _pg_stats(url) if pg else (0, 0)
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=len(shares)) as pool:
            list(pool.map(_store_share, [url] * len(shares), shares))
        wall = time.perf_counter() - started
        after = _pg_stats(url) if pg else (0, 0)
        rows = (f", {(after[0] - before[0]) / wall:,.0f} rows written/s, "
                f"{(after[1] - before[1]) / wall:,.1f} commits/s" if pg else "")
        print(f"store only, {label:<21} {pages} pages in {wall:5.1f} s = {pages / wall:6.1f} pages/s{rows}",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--pages", type=int, default=50, help="original articles per source")
    parser.add_argument("--slots", type=int, default=2, help="crawls at once per node (max_proc)")
    parser.add_argument("--db-url", help="admin URL of a PostgreSQL server (a role with CREATEDB)")
    parser.add_argument("--skip-local", action="store_true")
    parser.add_argument("--only-store", action="store_true", help="only the store write-rate part")
    parser.add_argument("--store-pages", type=int, default=2000)
    args = parser.parse_args()
    admin = args.db_url or os.environ.get("PARKWATCH_TEST_PG_URL")
    print(f"{os.cpu_count()} cores; {args.sources} sources x {args.pages} articles (+ reposts); "
          f"database: {'PostgreSQL' if admin else 'SQLite'}; {args.slots} slots per node", flush=True)
    with tempfile.TemporaryDirectory(prefix="pw-scale-") as tmpdir:
        tmp = Path(tmpdir)
        sources_dir = tmp / "sources"
        sources_dir.mkdir()
        db = Database(admin, tmp)
        try:
            with ManySourcesSite(sources=args.sources, per_source=args.pages) as site:
                for i in range(args.sources):
                    (sources_dir / f"park-{i:03d}.yaml").write_text(section_source_yaml(i, site.base_url),
                                                                    encoding="utf-8")
                rounds = [("local subprocesses", 0), ("1 Scrapyd node", 1), ("2 Scrapyd nodes", 2)]
                for label, count in [] if args.only_store else rounds[1 if args.skip_local else 0:]:
                    one_round(label, db.fresh(label.split()[0]), site, sources_dir, tmp, count, args.slots)
            write_rate(db, args.store_pages)
        finally:
            db.drop_all()


if __name__ == "__main__":
    main()
