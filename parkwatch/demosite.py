"""The bundled offline demo site, served over real HTTP on 127.0.0.1 (a free port).

Each folder of seeds/demo-site/ is one mock site; sites.yaml says which charset each
sends in its Content-Type header (deliberately wrong for the GBK site)."""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from parkwatch.config import SEEDS_DIR

DEMO_SITE_DIR = SEEDS_DIR / "demo-site"
DEFAULT_ROBOTS = "User-agent: *\nAllow: /\n"


def load_site_rules(root: Path) -> dict[str, Any]:
    path = root / "sites.yaml"
    if not path.is_file():
        return {"sites": [], "robots": DEFAULT_ROBOTS}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data.setdefault("sites", [])
    data.setdefault("robots", DEFAULT_ROBOTS)
    return data


class DemoHandler(SimpleHTTPRequestHandler):
    """Static files with per-site charset headers, ETag/Last-Modified and 304s."""

    rules: dict[str, Any] = {}
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the crawl logs what matters."""

    def _charset_for(self, path: str) -> str | None:
        for site in self.rules.get("sites", []):
            if path.startswith(site.get("prefix", "/")):
                return site.get("charset_header")
        return "utf-8"

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        if url_path == "/robots.txt":
            self._send(self.rules.get("robots", DEFAULT_ROBOTS).encode(), "text/plain; charset=utf-8")
            return
        file = Path(self.translate_path(url_path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body = file.read_bytes()
        ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if ctype == "text/html":
            charset = self._charset_for(url_path)
            ctype = f"text/html; charset={charset}" if charset else "text/html"
        etag = '"' + hashlib.md5(body).hexdigest() + '"'  # noqa: S324 - a cache validator, not security
        modified = email.utils.formatdate(file.stat().st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(body, ctype, {"ETag": etag, "Last-Modified": modified})

    def _send(self, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


class DemoServer:
    """A static site on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, root: Path = DEMO_SITE_DIR, port: int = 0) -> None:
        self.root = root
        handler = type("BoundDemoHandler", (DemoHandler,), {"rules": load_site_rules(root)})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> DemoServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
