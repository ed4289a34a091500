#!/usr/bin/env python3
"""Self-check of the demo site: serves seeds/demo-site/ over HTTP the way sites.yaml says,
crawls every source's list pages with its pagination selector, and checks encodings,
article regexes and expected.yaml.  Run: .venv/bin/python seeds/demo-site/check_site.py"""
import http.server
import importlib.util
import re
import sys
import threading
import urllib.request
from pathlib import Path

import yaml
from parsel import Selector
from w3lib.encoding import html_to_unicode

ROOT = Path(__file__).resolve().parent
SRC = ROOT.parent / "sources"
CFG = yaml.safe_load((ROOT / "sites.yaml").read_text(encoding="utf-8"))
EXP = yaml.safe_load((ROOT / "expected.yaml").read_text(encoding="utf-8"))


class H(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k):
        super().__init__(*a, directory=str(ROOT), **k)

    def log_message(self, *a):
        pass

    def guess_type(self, path):
        t = super().guess_type(path)
        if t == "text/html":
            rel = "/" + Path(path).resolve().relative_to(ROOT).as_posix()
            for s in CFG["sites"]:
                if rel.startswith(s["prefix"]):
                    return f"text/html; charset={s['charset_header']}" if s["charset_header"] else "text/html"
        return t

    def do_GET(self):
        if self.path == "/robots.txt":
            b = CFG["robots"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(b)))
            self.end_headers()
            self.wfile.write(b)
            return
        super().do_GET()


def fetch(url):
    with urllib.request.urlopen(url) as r:
        return r.headers.get("Content-Type"), r.read()


def main():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_port}"
    errors = []
    ct, body = fetch(base + "/robots.txt")
    assert body == b"User-agent: *\nAllow: /\n", body
    found_all = set()
    for f in sorted(SRC.glob("demo-*.yaml")):
        src = yaml.safe_load(f.read_text(encoding="utf-8"))
        assert src["id"] == f.stem
        allow = [re.compile(r) for r in src["article_allow"]]
        url = src["start_urls"][0].replace("{demo}", base)
        seen_lists, arts, others = [], set(), set()
        while url and len(seen_lists) < src["pagination"]["max_pages"]:
            ct, body = fetch(url)
            seen_lists.append(url)
            hdr_enc = re.search(r"charset=([\w-]+)", ct or "")
            enc, text = html_to_unicode(ct, body)
            sel = Selector(text=text)
            for href in sel.css("a::attr(href)").getall():
                absu = urllib.parse.urljoin(url, href)
                if not absu.startswith(base):
                    continue
                (arts if any(r.search(absu) for r in allow) else others).add(absu[len(base):])
            nxt = sel.css(src["pagination"]["next_selector"]).get()
            url = urllib.parse.urljoin(url, nxt) if nxt else None
        site = f.stem.replace("demo-", "")
        want = {p for p, v in EXP.items() if v["site"] == site}
        if arts != want:
            errors.append((site, "articles mismatch", sorted(arts ^ want)))
        bad = [o for o in others if re.search(r"/\d{6}/t\d{8}_|content_\d+|/a\d+\.html|/archives/\d", o)]
        if bad:
            errors.append((site, "article-like links not matched", bad))
        if any(r.search(base + p) for r in allow for p in (f"/{site}/about.html", f"/{site}/contact.html")):
            errors.append((site, "allow matches about/contact"))
        print(f"{site}: {len(seen_lists)} list pages, {len(arts)} articles, header={ct!r}, w3lib-encoding={enc}")
        found_all |= arts
        # article decoding check
        for p in sorted(want):
            ct, body = fetch(base + p)
            real = EXP[p]["encoding"]
            text = body.decode(real)
            if EXP[p]["title"] not in text:
                errors.append((p, "title not in page"))
            enc, guess = html_to_unicode(ct, body)
            ok = EXP[p]["title"] in guess
            if not (3000 <= len(body) <= 12288):
                errors.append((p, "size", len(body)))
            if site in ("provnews", "jpbiz") and p.endswith(("58213.html", "58001.html", "58177.html", "a4463.html", "a4370.html", "a4471.html")):
                print(f"   {p}: {len(body)} B, real={real}, header={ct!r}, w3lib->{enc} title_ok={ok}")
    # expected.yaml sanity
    keys = {}
    for p, v in EXP.items():
        if v["is_deal"]:
            for k in ("amount_yi", "currency", "qualifier", "event_type", "province", "city"):
                if v[k] is None and k != "amount_yi":
                    errors.append((p, "missing", k))
            keys.setdefault(v["event_key"], []).append(p)
        assert "2026-09-01" <= v["published"] <= "2026-11-20", p
    shared = {k: v for k, v in keys.items() if len(v) > 1}
    print("deal/no-deal:", sum(v["is_deal"] for v in EXP.values()), "/", sum(not v["is_deal"] for v in EXP.values()))
    print("shared events:", shared)
    # importable API
    spec = importlib.util.spec_from_file_location("build_site", ROOT / "build_site.py")
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    for s in m.SITES:
        a = {"path": f"/{s}/x/t1.html", "title": "测试标题 テスト", "published": "2026-11-01", "body_paragraphs": ["第一段。", "第二段。"]}
        assert isinstance(m.render_article(s, a), bytes)
        assert b'rel="next"' in m.render_list(s, [a], 0, 3)
        assert b'rel="next"' not in m.render_list(s, [a], 2, 3)
    srv.shutdown()
    if errors:
        print("ERRORS:")
        for e in errors:
            print("  ", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    import urllib.parse  # noqa
    main()
