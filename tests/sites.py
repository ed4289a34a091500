"""A local news site whose content the test changes between crawls; it counts requests.

List pages /news/index.html, /news/index_1.html ... (10 links each, newest first) link to
/news/2026/a<N>.html. It answers conditional GETs with 304, can be broken (500) or
re-laid out (no article links), and can delay article responses."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PER_PAGE = 10


def article_html(n: int) -> str:
    amount = 10 + n % 50
    return (f"<html><head><meta charset='utf-8'><title>示例园区签约第{n}号项目_园区新闻</title>"
            f"<meta name='PubDate' content='2026-11-{1 + n % 20:02d} 09:00'></head><body>"
            f"<div class='nav'>首页 | 新闻 | 政务</div><h1>示例园区签约第{n}号项目</h1>"
            f"<div class='content'><p>11月{1 + n % 20}日,合肥高新区与星河{n}号科技有限公司签约,"
            f"项目总投资{amount}亿元,主要建设新能源电池材料生产线。</p>"
            f"<p>项目投产后预计年产值{amount * 2}亿元,新增就业岗位{n * 3 % 500 + 100}个。</p>"
            f"<p>这是示例站点第{n}篇文章,内容为测试虚构。</p></div>"
            "<div class='footer'>版权所有 示例园区 皖ICP备00000000号</div></body></html>")


class ChangingSite:
    def __init__(self, articles: int = 25) -> None:
        self.articles = articles
        self.broken = False
        self.no_links = False
        self.article_delay = 0.0
        self.list_gate = threading.Event()  # cleared: list pages wait until it is set
        self.list_gate.set()
        self.requests: Counter[str] = Counter()
        self.bytes_sent = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                with site.lock:
                    site.requests[path] += 1
                if path.startswith("/news/index"):
                    site.list_gate.wait(timeout=60)
                status, body, ctype = site.respond(path)
                if status == 200 and path.startswith("/news/index"):
                    etag = '"' + hashlib.md5(body).hexdigest() + '"'  # noqa: S324
                    if self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                else:
                    etag = None
                if status == 200 and path.startswith("/news/2026/") and site.article_delay:
                    time.sleep(site.article_delay)  # a slow server, not a timing assert
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)
                with site.lock:
                    site.bytes_sent += len(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def list_page(self, page: int) -> str:
        newest = self.articles - page * PER_PAGE
        numbers = range(newest, max(newest - PER_PAGE, 0), -1)
        pages = (self.articles + PER_PAGE - 1) // PER_PAGE
        if self.no_links:
            links = "".join(f"<li><span>第{n}号项目</span></li>" for n in numbers)
        else:
            links = "".join(f"<li><a href='/news/2026/a{n}.html'>第{n}号项目</a></li>" for n in numbers)
        nxt = f"<a class='next' href='/news/index_{page + 1}.html'>下一页</a>" if page + 1 < pages else ""
        return f"<html><head><meta charset='utf-8'></head><body><ul>{links}</ul>{nxt}</body></html>"

    def respond(self, path: str) -> tuple[int, bytes, str]:
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return 200, b"User-agent: *\nAllow: /\n", "text/plain"
        if self.broken:
            return 500, b"server error", "text/plain"
        if path == "/news/index.html" or path.startswith("/news/index_"):
            page = 0 if path == "/news/index.html" else int(path.rsplit("_", 1)[1].split(".")[0])
            return 200, self.list_page(page).encode(), html
        if path.startswith("/news/2026/a"):
            n = int(path.rsplit("a", 1)[1].split(".")[0])
            if 1 <= n <= self.articles:
                return 200, article_html(n).encode(), html
        return 404, b"not found", "text/plain"

    def article_requests(self) -> int:
        return sum(v for k, v in self.requests.items() if k.startswith("/news/2026/"))

    def __enter__(self) -> ChangingSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def source_yaml(source_id: str, base_url: str, *, max_pages: int = 50, interval_seconds: int = 3600,
                allow_private: bool = True) -> str:
    return (f"id: {source_id}\nname: 示例园区新闻 {source_id}\nlanguage: zh-Hans\n"
            f"start_urls: ['{base_url}/news/index.html']\n"
            "article_allow: ['/news/2026/a\\d+\\.html$']\n"
            f"pagination: {{next_selector: 'a.next::attr(href)', max_pages: {max_pages}}}\n"
            f"schedule: {{interval_seconds: {interval_seconds}, jitter_seconds: 0}}\n"
            f"allow_private: {'true' if allow_private else 'false'}\n")
