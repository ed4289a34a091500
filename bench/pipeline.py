"""End-to-end pipeline benchmark.

Generates N article pages from the demo-site templates, serves them on 127.0.0.1, runs
the full ParkWatch pipeline (crawl -> clean -> extract -> store -> queue alerts), and
compares it with bare `trafilatura.extract` in one process and with a naive one-process
Scrapy + trafilatura + SQLite pipeline on the same pages.

    python bench/pipeline.py [--pages 2000] [--workers 0]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

import psutil
import trafilatura
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.sources import load_sources  # noqa: E402
from parkwatch.config import Config  # noqa: E402
from parkwatch.crawl import run_crawl  # noqa: E402
from parkwatch.demosite import DemoServer  # noqa: E402

DEMO = REPO / "seeds" / "demo-site"
# Items per generated list page (real portals show 15-40).
LIST_PAGE_SIZE = 20
# Real portal article pages weigh 32-124 KiB (medians of ../shared/corpus/html-dev folders);
# the demo templates weigh ~4 KiB. Pages are padded with portal chrome to this size.
DEFAULT_PAGE_KIB = 48
CHROME_WORDS = ("首页", "要闻", "经济", "园区", "招商", "政策", "视频", "专题", "图片", "评论",
                "财经", "科技", "教育", "文旅", "民生", "法治", "健康", "汽车", "房产", "数据")
AMOUNT_RE = re.compile(r"(\d+(?:\.\d+)?)(亿|億)")


def load_builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_site", DEMO / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader
    spec.loader.exec_module(module)
    return module


def variant(article: dict, i: int, builder) -> dict:  # type: ignore[no-untyped-def]
    """A copy of a demo article with its own URL and shifted amounts (another deal)."""
    shift = lambda text: AMOUNT_RE.sub(  # noqa: E731
        lambda m: f"{float(m.group(1)) + (i % 89) + 1:g}{m.group(2)}", text)
    copy = dict(article)
    num = 500000 + i
    copy["path"] = builder._path(article["site"], article["published"], num)
    copy["title"] = shift(article["title"])
    copy["body_paragraphs"] = [shift(p) for p in article["body_paragraphs"]]
    return copy


def chrome(kib: int, seed: int) -> str:
    """Portal chrome (menus, hot lists, scripts, styles) of about `kib` KiB, no article text."""
    parts = ['<style>' + "".join(f".c{seed}-{i}{{margin:{i}px;color:#{i:03x}}}" for i in range(60)) + '</style>',
             '<div class="topnav"><ul>']
    i = 0
    while sum(len(p) for p in parts) < kib * 1024 * 0.6:
        word = CHROME_WORDS[i % len(CHROME_WORDS)]
        parts.append(f'<li><a href="/channel/{seed % 7}/{i}.html">{word}{i % 13}</a></li>')
        i += 1
    parts.append('</ul></div><div class="hot"><h3>热点排行</h3><ol>')
    while sum(len(p) for p in parts) < kib * 1024 * 0.85:
        parts.append(f'<li><a href="/hot/{i}.html">{CHROME_WORDS[i % 20]}{CHROME_WORDS[(i * 7) % 20]}动态第{i}期</a></li>')
        i += 1
    parts.append('</ol></div><script>var _stat=_stat||[];(function(){')
    while sum(len(p) for p in parts) < kib * 1024:
        parts.append(f'_stat.push(["_trackEvent","nav",{i},"{CHROME_WORDS[i % 20]}"]);')
        i += 1
    parts.append('})();</script>')
    return "".join(parts)


def pad(page: bytes, kib: int, seed: int, encoding: str) -> bytes:
    """Insert portal chrome before </body> so the page weighs about `kib` KiB."""
    missing = kib - len(page) // 1024
    if kib <= 0 or missing <= 0:
        return page
    marker = b"</body>"
    at = page.rfind(marker)
    extra = chrome(missing, seed).encode(encoding, errors="xmlcharrefreplace")
    return page[:at] + extra + page[at:] if at >= 0 else page + extra


def generate(root: Path, pages: int, builder, page_kib: int = DEFAULT_PAGE_KIB) -> dict[str, list[bytes]]:  # type: ignore[no-untyped-def]
    """Write the bench site under root; returns the article bytes per site."""
    shutil.copy(DEMO / "sites.yaml", root / "sites.yaml")
    base = builder.ARTICLES
    articles = [variant(base[i % len(base)], i, builder) for i in range(pages)]
    by_site: dict[str, list[dict]] = {}
    for article in articles:
        by_site.setdefault(article["site"], []).append(article)
    bodies: dict[str, list[bytes]] = {}
    for site, items in by_site.items():
        items.sort(key=lambda a: a["published"], reverse=True)
        for article in items:
            encoding = article.get("encoding") or builder.SITES[site]["encoding"]
            data = pad(builder.render_article(site, article), page_kib, zlib.crc32(article["path"].encode()) % 1000,
                       "cp932" if encoding == "shift_jis" else encoding)
            target = root / article["path"].lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            bodies.setdefault(site, []).append(data)
        chunks = [items[i:i + LIST_PAGE_SIZE] for i in range(0, len(items), LIST_PAGE_SIZE)]
        for number, chunk in enumerate(chunks):
            target = root / builder.list_url(site, number).lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(builder.render_list(site, chunk, number, len(chunks)))
    return bodies


def bench_sources(tmp: Path) -> Path:
    """The demo sources, paging through every list page of the bench site."""
    out = tmp / "sources"
    out.mkdir()
    for source in load_sources(REPO / "seeds" / "sources"):
        if not source.demo:
            continue
        data = source.model_dump(mode="json")
        data["pagination"]["max_pages"] = 1000
        (out / f"{source.id}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


class PeakRss:
    """Samples the summed RSS of this process's children (crawl process + workers)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.1):
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_full(tmp: Path, site_root: Path, sources_dir: Path, workers: int) -> dict:
    config = Config(db_path=tmp / "full.db", sources_dir=sources_dir, workers=workers)
    from store.session import Store

    Store(config.database_url).close()
    with DemoServer(site_root) as server, PeakRss() as rss:
        started = time.perf_counter()
        outcome = run_crawl(config, demo_base=server.base_url, fast=True, timeout=3600,
                            subscriptions=REPO / "seeds" / "demo-subscriptions.yaml")
        wall = time.perf_counter() - started
    timings: dict[str, float] = {}
    for report in outcome.reports:
        for key, value in (report.get("timings") or {}).items():
            timings[key] = timings.get(key, 0.0) + value
    cpu_main = outcome.reports[0]["process_cpu_s"] if outcome.reports else 0.0
    return {"wall": wall, "pages": outcome.total("pages"), "new_deals": outcome.total("new_deals"),
            "timings": timings, "cpu_main": cpu_main, "peak_rss": rss.peak}


def run_naive(tmp: Path, site_root: Path, sources_dir: Path) -> tuple[float, int]:
    sources = [s for s in load_sources(sources_dir)]
    with DemoServer(site_root) as server:
        cmd = [sys.executable, str(REPO / "bench" / "naive_pipeline.py"), "--db", str(tmp / "naive.db")]
        for source in sources:
            cmd += [arg for u in source.start_urls for arg in ("--start", u.replace("{demo}", server.base_url))]
            cmd += [arg for p in source.article_allow for arg in ("--allow", p)]
        for selector in {s.pagination.next_selector for s in sources if s.pagination.next_selector}:
            cmd += ["--next", selector]
        started = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=REPO)
        wall = time.perf_counter() - started
    import sqlite3

    count = sqlite3.connect(tmp / "naive.db").execute("SELECT count(*) FROM pages").fetchone()[0]
    return wall, count


def run_bare(bodies: list[bytes]) -> float:
    trafilatura.extract(bodies[0])  # warm-up
    started = time.perf_counter()
    for body in bodies:
        trafilatura.extract(body)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=0, help="analysis processes (0 = one per core)")
    parser.add_argument("--page-kib", type=int, default=DEFAULT_PAGE_KIB,
                        help="pad article pages with portal chrome to this size (0: bare templates)")
    args = parser.parse_args()
    builder = load_builder()
    with tempfile.TemporaryDirectory(prefix="pw-bench-") as name:
        tmp = Path(name)
        site_root = tmp / "site"
        site_root.mkdir()
        bodies = generate(site_root, args.pages, builder, args.page_kib)
        sources_dir = bench_sources(tmp)
        all_bodies = [b for site in bodies.values() for b in site]
        n = len(all_bodies)
        print(f"generated {n} article pages ({sum(map(len, all_bodies)) / n / 1024:.1f} KiB avg) "
              f"on {len(bodies)} sites; {psutil.cpu_count()} cores")

        bare = run_bare(all_bodies)
        full = run_full(tmp, site_root, sources_dir, args.workers)
        naive_wall, naive_pages = run_naive(tmp, site_root, sources_dir)

    full_rate = full["pages"] / full["wall"]
    bare_rate = n / bare
    naive_rate = naive_pages / naive_wall
    t = full["timings"]
    per_page = lambda seconds: 1000 * seconds / max(full["pages"], 1)  # noqa: E731
    fetch = full["cpu_main"] - t.get("store_s", 0.0)
    print(f"full pipeline : {full['pages']} pages in {full['wall']:.1f} s = {full_rate:.1f} pages/s "
          f"({full['new_deals']} deals stored)")
    print(f"  CPU ms/page : fetch+crawl {per_page(fetch):.2f}, clean {per_page(t.get('clean_s', 0)):.2f}, "
          f"extract {per_page(t.get('extract_s', 0)):.2f}, store {per_page(t.get('store_s', 0)):.2f}")
    print(f"  peak RSS    : {full['peak_rss'] / 2**20:.0f} MiB (crawl process + workers)")
    print(f"bare trafilatura.extract, one process: {n} pages in {bare:.1f} s = {bare_rate:.1f} pages/s")
    print(f"naive Scrapy+trafilatura+SQLite, one process: {naive_pages} pages in {naive_wall:.1f} s "
          f"= {naive_rate:.1f} pages/s")
    print(f"ratio full/bare  = {full_rate / bare_rate:.2f}x (target >= 0.8)")
    print(f"ratio full/naive = {full_rate / naive_rate:.2f}x (target >= 1.5)")


if __name__ == "__main__":
    main()
