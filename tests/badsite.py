"""A local site of bad pages and hostile links, for the crawler's safety and failure tests.

/news/index.html (HTML) and /feed.xml (RSS) link to good articles, to pages that fail in
every way we know (empty, PNG as text/html, too large, 500, redirect loop, deep nesting),
and to places a crawler must never go: file:// paths, 100.64.0.0/10, IPv6 forms of
loopback and another loopback host (127.0.0.2, where a second server counts any visit)."""

from __future__ import annotations

import struct
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.sites import LocalSite, article_html

DEEP_LEVELS = 400
DEEP_SENTENCE = "3月5日,苏州工业园区与明光深层科技有限公司签约,项目总投资31亿元,建设半导体封装基地。"
# Larger than the crawler's DOWNLOAD_MAXSIZE (8 MiB).
TOO_LARGE_BYTES = 9 * 1024 * 1024


def png_bytes() -> bytes:
    """A real 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def deep_html() -> str:
    return ("<html><head><meta charset='utf-8'><title>明光深层科技项目签约_园区新闻</title>"
            "<meta name='PubDate' content='2026-03-06 09:00'></head><body>"
            + "<div>" * DEEP_LEVELS + f"<p>{DEEP_SENTENCE}</p><p>项目投产后预计年产值62亿元。</p>"
            + "</div>" * DEEP_LEVELS + "</body></html>")


class Bystander:
    """A server on 127.0.0.2 at the bad site's port: any request reaching it is a hole."""

    def __init__(self, port: int) -> None:
        self.hits: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802
                outer.hits.append(self.path)
                body = article_html(999).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.2", port), Handler)
        self.httpd.daemon_threads = True

    def __enter__(self) -> Bystander:
        import threading

        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class BadSite(LocalSite):
    def __init__(self, secret_file: Path) -> None:
        super().__init__()
        self.secret_file = secret_file

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def hostile_links(self) -> list[str]:
        p = self.port
        return [f"file://{self.secret_file}", "file:///etc/hostname",
                f"http://100.64.0.1:{p}/news/metadata.html",
                f"http://[::ffff:127.0.0.2]:{p}/news/mapped.html",
                f"http://[::ffff:100.64.0.1]:{p}/news/mapped-cgnat.html",
                f"http://127.0.0.2:{p}/news/neighbour.html"]

    def article_links(self) -> list[str]:
        return ["/news/good1.html", "/news/good2.html", "/news/deep.html", "/news/png.html",
                "/news/empty.html", "/news/large.html", "/news/e500.html", "/news/loop.html",
                "/news/to-file.html", "/news/to-neighbour.html"]

    def list_html(self) -> str:
        links = [*self.article_links(), *self.hostile_links()]
        items = "".join(f"<li><a href='{u}'>项目 {n}</a></li>" for n, u in enumerate(links))
        return f"<html><head><meta charset='utf-8'></head><body><ul>{items}</ul></body></html>"

    def feed_xml(self) -> str:
        base = f"http://127.0.0.1:{self.port}"
        links = [f"{base}/news/good1.html", *self.hostile_links()]
        items = "".join(f"<item><title>项目{n}</title><link>{u}</link></item>" for n, u in enumerate(links))
        return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>{items}</channel></rss>"

    def get(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        html = "text/html; charset=utf-8"
        port = self.port
        if path == "/robots.txt":
            self.send(handler, 200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif path == "/news/index.html":
            self.send(handler, 200, self.list_html().encode(), html)
        elif path == "/feed.xml":
            self.send(handler, 200, self.feed_xml().encode(), "application/rss+xml")
        elif path in ("/news/good1.html", "/news/good2.html"):
            self.send(handler, 200, article_html(int(path[-6])).encode(), html)
        elif path == "/news/deep.html":
            self.send(handler, 200, deep_html().encode(), html)
        elif path == "/news/png.html":
            self.send(handler, 200, png_bytes(), html)
        elif path == "/news/empty.html":
            self.send(handler, 200, b"", html)
        elif path == "/news/large.html":
            self.send(handler, 200, b"<p>" + b"x" * TOO_LARGE_BYTES + b"</p>", html)
        elif path == "/news/e500.html":
            self.send(handler, 500, b"server error", "text/plain")
        elif path == "/news/loop.html":
            hop = int(handler.path.partition("?n=")[2] or 0)
            self.send(handler, 302, b"", html, {"Location": f"/news/loop.html?n={hop + 1}"})
        elif path == "/news/to-file.html":
            self.send(handler, 302, b"", html, {"Location": f"file://{self.secret_file}"})
        elif path == "/news/to-neighbour.html":
            self.send(handler, 302, b"", html, {"Location": f"http://127.0.0.2:{port}/news/redirected.html"})
        else:
            self.send(handler, 404, b"not found", "text/plain")


def bad_source_yaml(source_id: str, site: BadSite, *, kind: str = "html") -> str:
    start = f"{site.base_url}/feed.xml" if kind == "rss" else f"{site.base_url}/news/index.html"
    return (f"id: {source_id}\nname: 坏页面站点 {source_id}\nlanguage: zh-Hans\nkind: {kind}\n"
            f"start_urls: ['{start}']\n"
            "article_allow: ['/news/(?!index)', '^file:']\n"
            "pagination: {max_pages: 1}\n"
            "schedule: {interval_seconds: 3600, jitter_seconds: 0}\n"
            "allow_private: true\n")
