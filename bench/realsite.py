"""Real portal pages served locally for the benchmarks (bench/pipeline.py, bench/many_sources.py).

The pages of ../shared/corpus/html-dev are read at run time and served with their bytes
unchanged, except for one short deal sentence of ours written into the body, so that N
copies at N distinct URLs are N distinct articles. List pages (20 links each, a "next"
link) lead to them; lists answer conditional GETs with 304, robots.txt allows all.

    site = RealSite(articles=2000)              # one site on 127.0.0.1
    sites = [RealSite(30, host=f"127.0.0.{i}", offset=30 * i) for i in range(2, 102)]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Iterator
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

from extractors.page.encoding import decode_html

CORPUS = Path(os.environ.get("PARKWATCH_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html-dev"))
LIST_PAGE_SIZE = 20
ARTICLE_RE = r"/a/\d+\.html$"
NEXT_SELECTOR = "a.next::attr(href)"
# A prime stride through the gazetteer's parks: the deals of neighbouring articles lie in
# different cities, as they do across many sources.
PARK_STRIDE = 7919
INDUSTRIES = ("新能源电池材料", "集成电路封装测试", "生物医药", "智能网联汽车零部件", "高端装备制造")
# Where the sentence goes: at the end of the page's longest paragraph (the article's, most
# likely), else right after <body>.
PARAGRAPH = re.compile(rb"<p[\s>](.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(rb"<[^>]*>")
BODY_OPEN = re.compile(rb"<body[^>]*>", re.IGNORECASE)
ROBOTS = b"User-agent: *\nAllow: /\n"


@cache
def corpus_pages() -> tuple[tuple[bytes, str], ...]:
    """(raw bytes, encoding) of every page of the dev corpus, in manifest order."""
    pages = []
    with open(CORPUS / "manifest.jsonl", encoding="utf-8") as manifest:
        for line in manifest:
            entry = json.loads(line)
            raw = (CORPUS / entry["html"]).read_bytes()
            _, encoding = decode_html(raw, None)
            pages.append((raw, encoding or "utf-8"))
    return tuple(pages)


@cache
def parks() -> tuple[str, ...]:
    """Named parks of the gazetteer that lie in a known city."""
    from extractors.gazetteer_data import load_gazetteer

    return tuple(sorted(name for name, entries in load_gazetteer().names.items()
                        if entries[0].level == "park" and entries[0].city and not entries[0].gated
                        and len(name) >= 5))


def deal_sentence(n: int) -> str:
    names = parks()
    park = names[n * PARK_STRIDE % len(names)]
    return (f"11月{1 + n % 28}日,{park}与星河{n}号科技有限公司签约,项目总投资{10 + n % 90}亿元,"
            f"主要建设{INDUSTRIES[n % len(INDUSTRIES)]}项目。")


def article_bytes(n: int) -> bytes:
    """Corpus page n (modulo the corpus) with deal sentence n written into its body."""
    pages = corpus_pages()
    raw, encoding = pages[n % len(pages)]
    codec = "cp932" if encoding.lower().replace("-", "_") in ("shift_jis", "sjis") else encoding
    try:
        sentence = deal_sentence(n).encode(codec, errors="xmlcharrefreplace")
    except LookupError:
        sentence = deal_sentence(n).encode("utf-8")
    longest = max(PARAGRAPH.finditer(raw), key=lambda m: len(TAG.sub(b"", m.group(1))), default=None)
    if longest is not None:
        at = longest.end(1)
        return raw[:at] + sentence + raw[at:]
    match = BODY_OPEN.search(raw)
    at = match.end() if match else 0
    return raw[:at] + b"<p>" + sentence + b"</p>" + raw[at:]


def iter_articles(count: int, offset: int = 0) -> Iterator[bytes]:
    for n in range(offset, offset + count):
        yield article_bytes(n)


class RealSite:
    """`articles` article pages numbered offset..offset+articles-1, on host:port (0: free)."""

    def __init__(self, articles: int, host: str = "127.0.0.1", port: int = 0, offset: int = 0) -> None:
        self.articles, self.offset = articles, offset
        self.requests = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802
                with site.lock:
                    site.requests += 1
                status, body, headers = site.respond(self.path.split("?", 1)[0], self.headers)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def list_page(self, number: int) -> bytes:
        pages = (self.articles + LIST_PAGE_SIZE - 1) // LIST_PAGE_SIZE
        first = self.offset + self.articles - 1 - number * LIST_PAGE_SIZE  # newest first
        items = "".join(f'<li><a href="/a/{n}.html">园区动态 第{n}期</a></li>'
                        for n in range(first, max(first - LIST_PAGE_SIZE, self.offset - 1), -1))
        more = f'<a class="next" href="/list/index_{number + 1}.html">下一页</a>' if number + 1 < pages else ""
        return (f"<html><head><meta charset='utf-8'><title>园区动态</title></head><body>"
                f"<ul>{items}</ul>{more}</body></html>").encode()

    def respond(self, path: str, headers: Any) -> tuple[int, bytes, dict[str, str]]:
        if path == "/robots.txt":
            return 200, ROBOTS, {"Content-Type": "text/plain"}
        match = re.fullmatch(r"/a/(\d+)\.html", path)
        if match and self.offset <= int(match.group(1)) < self.offset + self.articles:
            return 200, article_bytes(int(match.group(1))), {"Content-Type": "text/html"}
        match = re.fullmatch(r"/list/index(?:_(\d+))?\.html", path)
        if match:
            body = self.list_page(int(match.group(1) or 0))
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if headers.get("If-None-Match") == etag:
                return 304, b"", {"ETag": etag}
            return 200, body, {"Content-Type": "text/html; charset=utf-8", "ETag": etag}
        return 404, b"not found", {"Content-Type": "text/plain"}

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


POLITENESS_OFF = {"delay_seconds": 0, "per_domain": 16, "autothrottle": False}


def source_yaml(source_id: str, base_url: str, politeness: dict[str, Any] | None = None,
                max_pages: int = 1000) -> str:
    """A source over a RealSite; `politeness` None keeps the production defaults."""
    import yaml

    data: dict[str, Any] = {
        "id": source_id, "name": f"Real pages {source_id}", "language": "zh-Hans",
        "start_urls": [f"{base_url}/list/index.html"], "article_allow": [ARTICLE_RE],
        "pagination": {"next_selector": NEXT_SELECTOR, "max_pages": max_pages},
        "schedule": {"interval_minutes": 60}, "allow_private": True}
    if politeness is not None:
        data["politeness"] = politeness
    return yaml.safe_dump(data, allow_unicode=True)
