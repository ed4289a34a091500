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
from typing import Any, Self

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


class LocalSite:
    """A threaded HTTP server on 127.0.0.1 that counts requests; subclasses answer GETs."""

    def __init__(self) -> None:
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
                site.get(self, path)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def get(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        raise NotImplementedError

    def send(self, handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
             headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
        with self.lock:
            self.bytes_sent += len(body)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class ChangingSite(LocalSite):
    def __init__(self, articles: int = 25) -> None:
        super().__init__()
        self.articles = articles
        self.broken = False
        self.no_links = False
        self.article_delay = 0.0
        self.list_gate = threading.Event()  # cleared: list pages wait until it is set
        self.list_gate.set()
        self.article_gate = threading.Event()  # cleared: article pages wait until it is set
        self.article_gate.set()

    def get(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        if path.startswith("/news/index"):
            self.list_gate.wait(timeout=60)
        status, body, ctype = self.respond(path)
        headers = {}
        if status == 200 and path.startswith("/news/index"):
            etag = '"' + hashlib.md5(body).hexdigest() + '"'  # noqa: S324
            headers["ETag"] = etag
            if handler.headers.get("If-None-Match") == etag:
                self.send(handler, 304, b"", ctype, headers)
                return
        if path.startswith("/news/2026/"):
            self.article_gate.wait(timeout=60)
            if self.article_delay:
                time.sleep(self.article_delay)  # a slow server, not a timing assert
        self.send(handler, status, body, ctype, headers)

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


def source_yaml(source_id: str, base_url: str, *, max_pages: int = 50, interval_seconds: int = 3600,
                allow_private: bool = True) -> str:
    return (f"id: {source_id}\nname: 示例园区新闻 {source_id}\nlanguage: zh-Hans\n"
            f"start_urls: ['{base_url}/news/index.html']\n"
            "article_allow: ['/news/2026/a\\d+\\.html$']\n"
            f"pagination: {{next_selector: 'a.next::attr(href)', max_pages: {max_pages}}}\n"
            f"schedule: {{interval_seconds: {interval_seconds}, jitter_seconds: 0}}\n"
            f"allow_private: {'true' if allow_private else 'false'}\n")


# Prefecture-level cities the gazetteer resolves; deals are spread over them.
CITIES = ["合肥", "苏州", "无锡", "常州", "南通", "杭州", "宁波", "嘉兴", "绍兴", "温州",
          "成都", "绵阳", "德阳", "重庆", "西安", "郑州", "洛阳", "武汉", "襄阳", "长沙",
          "株洲", "南昌", "赣州", "福州", "厦门", "泉州", "济南", "青岛", "烟台", "潍坊"]
FIRMS = ["星河", "远航", "明石", "青禾", "鼎新", "华岳", "博川", "云帆", "瑞丰", "启明"]


class Deal:
    """Invented deal number k: its city, date and amount never make it look like another's."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.city = CITIES[k % len(CITIES)]
        self.day = 1 + 8 * ((k // len(CITIES)) % 3)  # 8 days apart: outside the dedup window
        self.amount = round(10 * 1.05 ** (k // (3 * len(CITIES))), 1)  # 5% apart: beyond tolerance
        self.firm = f"{FIRMS[k % len(FIRMS)]}{k}号智能装备有限公司"

    def original(self) -> str:
        return (f"<html><head><meta charset='utf-8'><title>{self.city}签约{self.firm}项目_园区动态</title>"
                f"<meta name='PubDate' content='2026-11-{self.day + 1:02d} 10:00'></head><body>"
                f"<div class='nav'>首页 &gt; 园区动态</div><h1>{self.city}签约{self.firm}项目</h1>"
                f"<div class='content'><p>11月{self.day}日,{self.city}市人民政府与{self.firm}正式签约,"
                f"项目总投资{self.amount}亿元,主要建设智能装备生产基地。</p>"
                f"<p>项目达产后预计年产值{round(self.amount * 2, 1)}亿元。</p></div>"
                "<div class='footer'>版权所有 示例园区网 皖ICP备00000000号</div></body></html>")

    def repost(self) -> str:
        return (f"<html><head><meta charset='utf-8'><title>{self.firm}{self.amount}亿元项目落户{self.city}</title>"
                f"<meta name='PubDate' content='2026-11-{self.day + 2:02d} 08:30'></head><body>"
                f"<h1>{self.firm}{self.amount}亿元项目落户{self.city}</h1>"
                f"<div class='content'><p>记者获悉,{self.firm}投资{self.amount}亿元的智能装备生产基地项目"
                f"于11月{self.day}日在{self.city}市签约。</p><p>本文转载自{self.city}发布。</p></div>"
                "<div class='footer'>版权所有 示例新闻网</div></body></html>")


class ManySourcesSite(LocalSite):
    """`sources` sections /s<i>/, each a source of its own: `per_source` original deal
    articles /s<i>/a<k>.html, plus reposts /s<i>/r<k>.html of every `repost_every`-th deal
    of the next section (one event, two outlets). List pages /s<i>/index.html, index_<p>.html."""

    def __init__(self, sources: int = 20, per_source: int = 6, repost_every: int = 3) -> None:
        super().__init__()
        self.sources, self.per_source, self.repost_every = sources, per_source, repost_every

    def get(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        status, body = self.respond(path)
        self.send(handler, status, body, "text/html; charset=utf-8" if status == 200 else "text/plain")

    def originals(self, section: int) -> list[int]:
        return [section * self.per_source + j for j in range(self.per_source)]

    def reposts(self, section: int) -> list[int]:
        return self.originals((section + 1) % self.sources)[::self.repost_every]

    def links(self, section: int) -> list[str]:
        return ([f"/s{section}/a{k}.html" for k in self.originals(section)]
                + [f"/s{section}/r{k}.html" for k in self.reposts(section)])

    @property
    def total_articles(self) -> int:
        return sum(len(self.links(i)) for i in range(self.sources))

    @property
    def total_deals(self) -> int:
        return self.sources * self.per_source

    @property
    def reposted(self) -> int:
        return sum(len(self.reposts(i)) for i in range(self.sources))

    def respond(self, path: str) -> tuple[int, bytes]:
        if path == "/robots.txt":
            return 200, b"User-agent: *\nAllow: /\n"
        parts = path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("s") or not parts[0][1:].isdigit():
            return 404, b"not found"
        section, name = int(parts[0][1:]), parts[1]
        if section >= self.sources:
            return 404, b"not found"
        if name.startswith("index"):
            page = 0 if name == "index.html" else int(name[6:].split(".")[0])
            links = self.links(section)
            chunk = links[page * PER_PAGE:(page + 1) * PER_PAGE]
            items = "".join(f"<li><a href='{u}'>项目动态 {u.rsplit('/', 1)[1]}</a></li>" for u in chunk)
            more = (f"<a class='next' href='/s{section}/index_{page + 1}.html'>下一页</a>"
                    if (page + 1) * PER_PAGE < len(links) else "")
            return 200, f"<html><head><meta charset='utf-8'></head><body><ul>{items}</ul>{more}</body></html>".encode()
        kind, k = name[:1], int(name[1:].split(".")[0]) if name[1:].split(".")[0].isdigit() else -1
        if kind == "a" and k in self.originals(section):
            return 200, Deal(k).original().encode()
        if kind == "r" and k in self.reposts(section):
            return 200, Deal(k).repost().encode()
        return 404, b"not found"

def section_source_yaml(section: int, base_url: str) -> str:
    return (f"id: park-{section:03d}\nname: 示例园区 {section}\nlanguage: zh-Hans\n"
            f"start_urls: ['{base_url}/s{section}/index.html']\n"
            f"article_allow: ['/s{section}/[ar]\\d+\\.html$']\n"
            "pagination: {next_selector: 'a.next::attr(href)', max_pages: 100}\n"
            "schedule: {interval_seconds: 3600, jitter_seconds: 0}\nallow_private: true\n")
