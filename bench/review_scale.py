"""Review page at scale: fill SQLite with 100,000 articles and 20,000 deals, time the pages.

    .venv/bin/python bench/review_scale.py [--db bench/out/review_scale.db] [--reuse]

Text is invented from phrase lists (no network, no data set). Rows go in with Core
executemany; the FTS columns are built with store.search's own functions, jieba-segmenting
each phrase once (memoised) instead of each whole article, which keeps generation within
minutes on two cores. Then the list, search and deal pages are served by uvicorn on
127.0.0.1 and the median of each is printed (target: <= 200 ms), and screenshots of the
deals page and one deal page are saved to bench/out/ when Chromium is installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import socket
import statistics
import sys
import threading
import time
import zlib
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert  # noqa: E402

from store.models import Article, Deal, DealMention, Page, Source  # noqa: E402
from store.search import FTS_TABLE, bigrams, segment_words  # noqa: E402
from store.session import Store, sqlite_url  # noqa: E402

OUT = REPO / "bench" / "out"
TARGET_MS = 200
REPEATS = 25
SEED = 7
PARKS = [("四川", "成都", "成都高新区"), ("四川", "绵阳", "绵阳经开区"), ("安徽", "合肥", "合肥高新区"),
         ("安徽", "芜湖", "芜湖经开区"), ("江苏", "苏州", "苏州工业园区"), ("江苏", "无锡", "无锡高新区"),
         ("浙江", "杭州", "杭州高新区"), ("浙江", "宁波", "宁波经开区"), ("广东", "广州", "广州开发区"),
         ("广东", "深圳", "深圳高新区"), ("湖北", "武汉", "武汉东湖高新区"), ("湖南", "长沙", "长沙经开区"),
         ("陕西", "西安", "西安高新区"), ("河南", "郑州", "郑州经开区"), ("山东", "青岛", "青岛高新区"),
         ("重庆", "重庆", "两江新区"), ("辽宁", "大连", "大连经开区"), ("天津", "天津", "天津经开区"),
         ("上海", "上海", "张江科学城"), ("福建", "厦门", "厦门火炬高新区")]
INDUSTRIES = ["集成电路", "新能源汽车", "生物医药", "新材料", "人工智能", "高端装备", "光伏", "储能",
              "量子信息", "低空经济", "工业机器人", "新型显示"]
EVENTS = [("signing", "集中签约", "签約"), ("groundbreaking", "集中开工", "着工"),
          ("production", "竣工投产", "稼働"), ("settlement", "正式落户", "進出")]
NAME_HEADS = ["星河", "瑞达", "华创", "芯衡", "晶澜", "恒铸", "天擎", "中科", "博远", "新源", "领航", "海纳"]
NAME_TAILS = ["科技有限公司", "新材料有限公司", "智能装备有限公司", "生物科技有限公司", "集团"]
ZH_FILLERS = ["相关负责人表示,园区将全力做好项目服务保障。", "据介绍,项目建成后预计年产值可观。",
              "近年来,园区持续优化营商环境,招商引资成效明显。", "活动现场还发布了产业扶持政策。",
              "下一步,园区将聚焦主导产业延链补链强链。", "与会企业代表对园区发展前景充满信心。"]
JA_FILLERS = ["同社は現地で約600人を採用する計画だ。", "中国での生産拠点は3カ所目となる。",
              "※本記事は公開情報をもとに編集部が作成したものです。", "為替換算は記事作成時点の概算です。"]
STATES = ["new"] * 8 + ["confirmed", "wrong"]


@cache
def words(piece: str) -> str:
    return " ".join(segment_words(piece))


def company(rng: random.Random) -> str:
    return rng.choice(NAME_HEADS) + rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)


def make_deal(rng: random.Random, deal_id: int) -> dict:
    province, city, park = rng.choice(PARKS)
    amount = round(min(2000.0, rng.lognormvariate(3.0, 1.1)), 1)
    event, verb, ja_verb = rng.choice(EVENTS)
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1055))
    count = rng.randint(1, 30)
    industries = rng.sample(INDUSTRIES, rng.randint(1, 2))
    return {"id": deal_id, "province": province, "city": city, "park": park, "amount": amount,
            "event": event, "verb": verb, "ja_verb": ja_verb, "date": day, "count": count,
            "industries": industries, "parties": [company(rng) for _ in range(rng.randint(0, 3))]}


def article_pieces(rng: random.Random, deal: dict | None, ja: bool) -> tuple[str, list[str], str | None]:
    """(title, text pieces, evidence sentence) of one invented article."""
    if deal is None:
        park = rng.choice(PARKS)[2]
        title = f"{park}召开{rng.choice(INDUSTRIES)}产业发展座谈会"
        return title, [f"{park}近日召开座谈会,", rng.choice(INDUSTRIES), "企业代表参加。",
                       *rng.sample(ZH_FILLERS, 3)], None
    d = deal
    amount = f"{d['amount']:g}亿元"
    if ja:
        title = f"{d['parties'][0] if d['parties'] else '日系メーカー'}、{d['park']}に新工場"
        evidence = f"投資額は約{d['amount']:g}億元。"
        return title, [f"{d['date'].month}月{d['date'].day}日、", f"{d['province']}省{d['city']}市の",
                       d["park"], "に新工場を設立すると発表した。", evidence, *rng.sample(JA_FILLERS, 2)], evidence
    title = f"{d['park']}{d['count']}个{d['industries'][0]}项目{d['verb']} 总投资{amount}"
    evidence = f"本次共有{d['count']}个项目现场{d['verb'][-2:]},总投资{amount}。"
    return title, [f"{d['date'].month}月{d['date'].day}日,", d["park"], "举行", d["industries"][0],
                   f"重大项目{d['verb']}活动。", evidence, "项目涉及", "、".join(d["industries"]), "等领域。",
                   *rng.sample(ZH_FILLERS, 3)], evidence


def generate(store: Store, n_articles: int, n_deals: int) -> None:
    rng = random.Random(SEED)
    now = dt.datetime(2026, 11, 21, 8, 0)
    sources = [{"id": f"zh{i}", "name": f"园区新闻{i}", "language": "zh-Hans", "kind": "html", "enabled": True,
                "config": {}, "created_at": now} for i in range(6)]
    sources += [{"id": f"ja{i}", "name": f"ビズ{i}", "language": "ja", "kind": "html", "enabled": True,
                 "config": {}, "created_at": now} for i in range(2)]
    deals = [make_deal(rng, i + 1) for i in range(n_deals)]
    deal_rows = [{
        "id": d["id"], "amount_value": d["amount"], "amount_currency": "CNY", "amount_qualifier": "exact",
        "amount_cny": d["amount"], "amount_evidence": None, "project_count": d["count"],
        "province": d["province"], "city": d["city"], "district": None, "park": d["park"],
        "event_type": d["event"], "event_date": d["date"].isoformat(), "parties": d["parties"],
        "industries": d["industries"], "components": [], "title": None, "version": 1,
        "review_state": rng.choice(STATES), "first_seen": now - dt.timedelta(days=rng.randrange(0, 600)),
        "updated_at": now} for d in deals]
    pages, articles, mentions, fts = [], [], [], []
    deal_articles = int(n_articles * 0.8)
    for i in range(1, n_articles + 1):
        deal = deals[(i - 1) % n_deals] if i <= n_deals else (rng.choice(deals) if i <= deal_articles else None)
        ja = deal is not None and rng.random() < 0.15
        title, pieces, evidence = article_pieces(rng, deal, ja)
        body = "".join(pieces)
        source = f"ja{rng.randrange(2)}" if ja else f"zh{rng.randrange(6)}"
        url = f"http://{source}.example/news/{i}.html"
        html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>"
        pages.append({"id": i, "source_id": source, "url": url, "canonical_url": url, "kind": "article",
                      "status": 200, "http_charset": "utf-8", "content_hash": None,
                      "raw": zlib.compress(html.encode(), 1), "fetched_at": now, "first_seen_at": now})
        facts: dict = {"lang": "ja" if ja else "zh-Hans", "is_deal": deal is not None}
        if deal is not None and evidence:
            offset = body.index(evidence)
            facts["amount"] = {"value": deal["amount"], "currency": "CNY", "qualifier": "exact",
                               "value_cny": deal["amount"], "evidence": evidence, "offset": offset}
            facts["evidence"] = {"amount": {"evidence": evidence, "offset": offset}}
            if deal_rows[deal["id"] - 1]["title"] is None:
                deal_rows[deal["id"] - 1]["title"] = title
                deal_rows[deal["id"] - 1]["amount_evidence"] = evidence
            mentions.append({"deal_id": deal["id"], "article_id": i, "created_at": now})
        published = (deal["date"] if deal else dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(320)))
        articles.append({"id": i, "page_id": i, "source_id": source, "url": url, "title": title,
                         "published": published, "lang": facts["lang"], "encoding": "utf-8", "site": source,
                         "text": body, "is_deal": deal is not None, "facts": facts, "created_at": now,
                         "extracted_at": now})
        content = f"{title}\n{body}"
        fts.append((i, " ".join([words(title), *(words(p) for p in pieces)]), " ".join(bigrams(content))))
    with store.engine.begin() as conn:
        conn.execute(insert(Source), sources)
        conn.execute(insert(Deal), deal_rows)
        for table, rows in ((Page, pages), (Article, articles), (DealMention, mentions)):
            for start in range(0, len(rows), 20_000):
                conn.execute(insert(table), rows[start:start + 20_000])
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}(rowid, words, grams) VALUES (?, ?, ?)", fts)
        conn.exec_driver_sql("ANALYZE")


def serve(store: Store):  # type: ignore[no-untyped-def]
    import uvicorn

    from review.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(store), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    ready = threading.Event()
    while not server.started:
        ready.wait(0.05)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def fetch(base: str, path: str) -> float:
    """Milliseconds for one GET on a fresh connection (like a browser's first hit); raises on errors."""
    from urllib.parse import quote
    from urllib.request import urlopen

    start = time.perf_counter()
    with urlopen(base + quote(path, safe="/?=&-"), timeout=60) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def measure(base: str, n_deals: int) -> dict[str, tuple[float, float]]:
    rng = random.Random(SEED + 1)
    pages = {
        "list": ["/deals", "/deals?sort=amount", "/deals?region=四川", "/deals?province=安徽&min_amount=50",
                 "/deals?event_type=signing&since=2025-01-01&until=2025-12-31", "/deals?state=new&offset=5000",
                 "/deals?industry=光伏&sort=amount-asc", "/deals?source=ja0"],
        "search": ["/deals?search=签约", "/deals?search=工場", "/deals?search=量子信息&region=安徽",
                   "/articles?search=新工場", "/articles?search=签约", "/deals?search=储能 开工",
                   "/articles?search=座谈会"],
        "deal": [f"/deals/{rng.randint(1, n_deals)}" for _ in range(REPEATS)],
    }
    results = {}
    for name, urls in pages.items():
        for url in urls[:3]:
            fetch(base, url)  # warm caches (jieba, SQLite pages)
        times = [fetch(base, urls[i % len(urls)]) for i in range(REPEATS)]
        results[name] = (statistics.median(times), max(times))
    return results


def screenshots(base: str) -> list[Path]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        print("screenshots skipped: apt-get install -y chromium chromium-driver")
        return []
    import tempfile

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000", f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    saved = []
    try:
        driver.get(f"{base}/deals?region=四川&sort=amount")
        saved.append(OUT / "review_scale_deals.png")
        driver.save_screenshot(str(saved[-1]))
        driver.find_element(By.CSS_SELECTOR, "a.deal-link").click()
        saved.append(OUT / "review_scale_deal.png")
        driver.save_screenshot(str(saved[-1]))
        driver.get(f"{base}/charts?region=四川")
        saved.append(OUT / "review_scale_charts.png")
        driver.save_screenshot(str(saved[-1]))
    finally:
        driver.quit()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=OUT / "review_scale.db")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--deals", type=int, default=20_000)
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    parser.add_argument("--no-screenshots", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    fresh = not args.db.exists()
    store = Store(sqlite_url(args.db))
    if fresh:
        start = time.perf_counter()
        generate(store, args.articles, args.deals)
        print(f"generated {args.articles:,} articles, {args.deals:,} deals in {time.perf_counter() - start:.1f} s "
              f"({args.db.stat().st_size / 1e6:.0f} MB)")
    server, thread, base = serve(store)
    try:
        results = measure(base, args.deals)
        ok = True
        for name, (median, worst) in results.items():
            ok &= median <= TARGET_MS
            print(f"{name:7s} median {median:6.1f} ms   max {worst:6.1f} ms   "
                  f"{'ok' if median <= TARGET_MS else 'OVER'} (target <= {TARGET_MS} ms, {REPEATS} requests)")
        if not args.no_screenshots:
            for path in screenshots(base):
                print(f"screenshot {path.relative_to(REPO)}")
    finally:
        server.should_exit = True
        thread.join(30)
        store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
