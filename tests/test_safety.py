"""The crawler goes only where it may: http(s), public addresses, a source's own private
hosts when it allows them, and the address its check resolved (no DNS rebinding)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawler.netguard import Pins, UnsafeURL, address_is_public, check_url
from parkwatch.config import REPO_ROOT, Config
from parkwatch.crawl import run_crawl
from store.models import Article, CrawlRunError, Page
from store.session import Store, sqlite_url
from tests.badsite import BadSite, Bystander, bad_source_yaml
from tests.rebind_crawl import FIRST_ADDRESS, REBIND_NAME, SECOND_ADDRESS
from tests.sites import article_html

SECRET = "TOP-SECRET-本地文件-7731"


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "100.100.100.200", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.1",
    "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:100.64.0.1", "::ffff:169.254.169.254",
    "2002:7f00:1::1", "2002:a9fe:a9fe::1", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo whose client is 127.0.0.1
])
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not address_is_public(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888",
                                     "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_public_addresses_pass(address: str) -> None:
    assert address_is_public(address)


def test_check_url_refuses_other_schemes_no_host_and_names_that_do_not_resolve() -> None:
    def lookup(host: str) -> list[str]:
        if host == "nowhere.parkwatch.test":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return {"public.parkwatch.test": ["8.8.8.8"], "mixed.parkwatch.test": ["8.8.8.8", "10.0.0.5"],
                "own.parkwatch.test": ["10.0.0.7"]}[host]

    pins = Pins(lookup)
    for url in ("file:///etc/passwd", "ftp://public.parkwatch.test/x", "data:text/html,hi",
                "javascript:alert(1)", "http:///etc/passwd", "https://nowhere.parkwatch.test/",
                "http://mixed.parkwatch.test/", "http://own.parkwatch.test/"):
        with pytest.raises(UnsafeURL):
            check_url(url, pins=pins)
    assert check_url("https://public.parkwatch.test/a", pins=pins) == ["8.8.8.8"]
    assert check_url("http://own.parkwatch.test/a", private_hosts={"own.parkwatch.test"}, pins=pins) == ["10.0.0.7"]
    with pytest.raises(UnsafeURL):  # allow_private admits the declared host only
        check_url("http://10.0.0.7/a", private_hosts={"own.parkwatch.test"}, pins=pins)


def _crawl_bad_site(tmp_path: Path, kind: str) -> tuple[Store, BadSite, Bystander]:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"<p>{SECRET} 成都高新区签约100亿元</p>", encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    site, bystander = BadSite(secret), None
    site.__enter__()
    try:
        bystander = Bystander(site.port).__enter__()
        (sources / "bad.yaml").write_text(bad_source_yaml("bad", site, kind=kind), encoding="utf-8")
        config = Config(db_url=sqlite_url(tmp_path / "t.db"), sources_dir=sources, workers=1)
        store = Store(config.database_url)
        run_crawl(config, fast=True)
    finally:
        if bystander is not None:
            bystander.__exit__()
        site.__exit__()
    return store, site, bystander


@pytest.mark.parametrize("kind", ["html", "rss"])
def test_list_pages_and_feeds_cannot_steer_the_crawler(tmp_path: Path, kind: str) -> None:
    store, site, bystander = _crawl_bad_site(tmp_path, kind)
    with store.session() as session:
        urls = set(session.scalars(select(Page.url)))
        texts = list(session.scalars(select(Article.text)))
        refused = {e.url for e in session.scalars(select(CrawlRunError).where(CrawlRunError.kind == "refused"))}
    store.close()
    assert bystander.hits == []  # nothing reached 127.0.0.2, by link, IPv6 form or redirect
    assert not [u for u in urls if not u.startswith(site.base_url)]
    assert not [t for t in texts if SECRET in t or "localhost" in t]
    port = site.port
    expected = {f"file://{site.secret_file}", "file:///etc/hostname",
                f"http://100.64.0.1:{port}/news/metadata.html",
                f"http://127.0.0.2:{port}/news/neighbour.html"}
    assert expected <= refused
    assert {u for u in refused if "::ffff:" in u} or {u for u in refused if "[::ffff" in u}
    assert len([u for u in refused if u.startswith("http://[::ffff:")]) == 2
    if kind == "html":  # redirects to file:// and to another private host
        assert {f"{site.base_url}/news/to-file.html", f"{site.base_url}/news/to-neighbour.html"} <= refused


class AddressSite:
    """A news site on one loopback address; counts the requests it answers."""

    def __init__(self, address: str, port: int, host: str) -> None:
        self.hits: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802
                outer.hits.append(self.path)
                if self.path == "/news/index.html":
                    bound = self.server.server_address[1]
                    body = "".join(f"<a href='http://{host}:{bound}/news/a{n}.html'>{n}</a>" for n in (1, 2, 3))
                    data = f"<html><body>{body}</body></html>".encode()
                elif self.path.startswith("/news/a"):
                    data = article_html(int(self.path[7])).encode()
                else:
                    data = b"User-agent: *\nAllow: /\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer((address, port), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_rebinding_name_is_resolved_once_and_connected_to_as_checked(tmp_path: Path) -> None:
    checked = AddressSite(FIRST_ADDRESS, 0, REBIND_NAME)
    port = checked.httpd.server_address[1]
    rebound = AddressSite(SECOND_ADDRESS, port, REBIND_NAME)
    try:
        sources = tmp_path / "sources"
        sources.mkdir()
        (sources / "rebind.yaml").write_text(
            f"id: rebind\nname: rebinding\nlanguage: zh-Hans\n"
            f"start_urls: ['http://{REBIND_NAME}:{port}/news/index.html']\n"
            "article_allow: ['/news/a\\d']\nallow_private: false\n", encoding="utf-8")
        db_url = sqlite_url(tmp_path / "t.db")
        Store(db_url).close()
        env = {**os.environ, "PARKWATCH_DB_URL": db_url}
        proc = subprocess.run([sys.executable, "-m", "tests.rebind_crawl", "--sources-dir", str(sources),
                               "--workers", "1", "--fast"], cwd=REPO_ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
    finally:
        checked.close()
        rebound.close()
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    report, lookups = lines[0], lines[-1]["lookups"]
    assert lookups == 1
    assert rebound.hits == [], (report, checked.hits)
    assert sorted(h for h in checked.hits if h.startswith("/news/a")) == [f"/news/a{n}.html" for n in (1, 2, 3)], \
        (report, checked.hits, proc.stderr[-2000:])
    assert report["new_articles"] == 3 and report["status"] == "ok"
