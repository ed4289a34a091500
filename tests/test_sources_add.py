"""`parkwatch sources add`, `check`, `list`, `enable`, `disable` on local sites over real HTTP
(tests/discovery_sites.py, each on its own 127.0.15.x address), then a real crawl."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from crawler.discovery.shapes import group_by_shape, group_regex
from crawler.sources import load_source
from parkwatch.cli import main as cli
from parkwatch.config import load_config
from parkwatch.crawl import run_crawl
from store.models import Page
from store.session import Store
from tests.discovery_sites import SITES, ServedSite, Site, article_page, page

pytestmark = pytest.mark.timeout(300)


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "parkwatch.toml"
    path.write_text(f"db_path = '{tmp_path / 'pw.db'}'\nsources_dir = '{tmp_path / 'sources'}'\nworkers = 1\n",
                    encoding="utf-8")
    return path


def _run(config: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--config", str(config), *args])


def _paths(urls: list[str]) -> set[str]:
    return {urlsplit(u).path for u in urls}


@pytest.mark.parametrize("name", sorted(SITES))
def test_add_check_crawl_fetch_exactly_the_articles(tmp_path: Path, name: str) -> None:
    site = SITES[name]()
    config = _config(tmp_path)
    with site.serve() as served:
        added = _run(config, "sources", "add", served.start_url, "--id", f"t-{name}", "--allow-private")
        assert added.exit_code == 0, added.output
        path = tmp_path / "sources" / f"t-{name}.yaml"
        source = load_source(path)
        assert source.kind == site.kind
        assert source.allow_private
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Added by `parkwatch sources add")
        assert "# detected: " in text

        checked = _run(config, "sources", "check", f"t-{name}", "--format", "json")
        assert checked.exit_code == 0, checked.output
        report = json.loads(checked.output[checked.output.index("{"):])
        assert _paths([link["url"] for link in report["links"]]) == site.articles
        assert all(link["new"] for link in report["links"])
        assert len(report["articles"]) == 3
        assert all(a["text_chars"] > 120 and a["title"] for a in report["articles"])
        assert not (tmp_path / "pw.db").exists()  # a dry run stores nothing

        cfg = load_config(config)
        Store(cfg.database_url).close()
        outcome = run_crawl(cfg, sources=[f"t-{name}"], fast=True)
        assert outcome.reports and outcome.reports[0]["status"] == "ok", outcome.reports
        store = Store(cfg.database_url, migrate=False)
        with store.session() as session:
            stored = list(session.scalars(select(Page.url).where(Page.kind == "article")))
        store.close()
        assert _paths(stored) == site.articles
        assert not [p for p in site.decoys if site.requests[p]], "a channel/sidebar page was fetched"


def test_check_text_output_and_list_after_a_crawl(tmp_path: Path) -> None:
    site = SITES["gbk"]()
    config = _config(tmp_path)
    with site.serve() as served:
        assert _run(config, "sources", "add", served.start_url, "--id", "gbk", "--allow-private").exit_code == 0
        cfg = load_config(config)
        Store(cfg.database_url).close()
        run_crawl(cfg, sources=["gbk"], fast=True)
        checked = _run(config, "sources", "check", "gbk")
    out = checked.output
    assert checked.exit_code == 0, out
    assert "list pages fetched: 3" in out
    assert "article links found: 18, new: 0" in out  # the crawl stored them all
    assert "项目签约" in out and "\ufffd" not in out  # anchors decoded from GBK
    assert out.count("    deal: ") == 3 and "warnings: 0 (none)" in out
    listed = _run(config, "sources", "list", "--format", "jsonl")
    row = json.loads(listed.output.strip().splitlines()[0])
    assert row["id"] == "gbk" and row["result"] == "ok" and row["new_7d"] == 18 and row["failures"] == 0
    csv = _run(config, "sources", "list", "--format", "csv").output.splitlines()
    assert csv[0] == "id,name,kind,enabled,schedule,last_run,result,new_7d,failures"


def test_enable_disable_rewrite_the_file(tmp_path: Path) -> None:
    config = _config(tmp_path)
    (tmp_path / "sources").mkdir()
    path = tmp_path / "sources" / "one.yaml"
    path.write_text("# keep me\nid: one\nname: 一\nlanguage: zh-Hans\nstart_urls: ['http://example.org/']\n"
                    "article_allow: ['/a/']\nenabled: true\n", encoding="utf-8")
    assert _run(config, "sources", "disable", "one").exit_code == 0
    assert not load_source(path).enabled and path.read_text().startswith("# keep me")
    row = json.loads(_run(config, "sources", "list", "--format", "jsonl").output)
    assert row["enabled"] is False and row["last_run"] is None
    assert _run(config, "sources", "enable", "one").exit_code == 0
    assert load_source(path).enabled
    missing = _run(config, "sources", "disable", "nope")
    assert missing.exit_code != 0 and "no source 'nope'" in missing.output


def test_dry_run_prints_and_writes_nothing_and_js_list_is_explained(tmp_path: Path) -> None:
    config = _config(tmp_path)
    with SITES["js"]().serve() as served:
        result = _run(config, "sources", "add", served.start_url, "--allow-private", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "rendered by JavaScript" in result.output and "using the feed" in result.output
    assert "kind: rss" in result.output and "id: site-127-0-15-5" in result.output
    assert not (tmp_path / "sources").exists()


def _small_site(extra: dict[str, tuple[str, str]]) -> Site:
    site = Site("small", "127.0.15.20", "/", "html")
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    for path, (text, ctype) in extra.items():
        site.add(path, text, ctype)
    return site


def test_bad_input_gets_a_clear_error(tmp_path: Path) -> None:
    config = _config(tmp_path)
    site = _small_site({"/data.json": ('{"a": 1}', "application/json"),
                        "/private/list.html": (page("x", "<a href='/a/1.html'>一</a>"), "text/html"),
                        "/empty.html": (page("空", "<p>没有链接</p>"), "text/html")})
    with site.serve() as served:
        base = served.base_url
        refused = _run(config, "sources", "add", base + "/empty.html")  # loopback without --allow-private
        assert refused.exit_code != 0 and "non-public address" in refused.output
        robots = _run(config, "sources", "add", base + "/private/list.html", "--allow-private")
        assert robots.exit_code != 0 and "robots.txt" in robots.output and "disallows" in robots.output
        not_html = _run(config, "sources", "add", base + "/data.json", "--allow-private")
        assert not_html.exit_code != 0 and "not HTML, a feed or a sitemap" in not_html.output
        nothing = _run(config, "sources", "add", base + "/empty.html", "--allow-private")
        assert nothing.exit_code != 0 and "no feed or sitemap was found" in nothing.output
        missing = _run(config, "sources", "add", base + "/gone.html", "--allow-private")
        assert missing.exit_code != 0 and "HTTP 404" in missing.output
    with ServedSite(Site("down", "127.0.15.21", "/", "html")) as down:
        url = down.base_url + "/"
    unreachable = _run(config, "sources", "add", url, "--allow-private")  # the server is gone
    assert unreachable.exit_code != 0 and "cannot fetch" in unreachable.output
    assert _run(config, "sources", "add", "ftp://example.org/").exit_code != 0
    assert not list((tmp_path / "sources").glob("*.yaml")) if (tmp_path / "sources").exists() else True


def test_check_fails_when_the_source_would_fetch_nothing(tmp_path: Path) -> None:
    config = _config(tmp_path)
    site = SITES["cms"]()
    with site.serve() as served:
        assert _run(config, "sources", "add", served.start_url, "--id", "cms", "--allow-private").exit_code == 0
        path = tmp_path / "sources" / "cms.yaml"
        path.write_text(re.sub(r"content_", "story_", path.read_text(encoding="utf-8")), encoding="utf-8")
        checked = _run(config, "sources", "check", "cms")
    assert checked.exit_code == 1
    assert "article links found: 0" in checked.output
    assert "no article link found: this source would fetch nothing" in checked.output


def test_identical_articles_and_short_text_are_warned(tmp_path: Path) -> None:
    config = _config(tmp_path)
    same = article_page(1, "同一页")
    links = "".join(f"<li><a href='/news/2026/a{n}.html'>第{n}号项目签约仪式在园区举行</a><span>2026-11-0{n}</span></li>"
                    for n in range(1, 7))
    pages = {"/news/index.html": (page("新闻_测试园区", f"<ul>{links}</ul>"), "text/html; charset=utf-8")}
    pages.update({f"/news/2026/a{n}.html": (same, "text/html; charset=utf-8") for n in range(1, 7)})
    site = _small_site(pages)
    site.start = "/news/index.html"
    with site.serve() as served:
        assert _run(config, "sources", "add", served.start_url, "--id", "same", "--allow-private").exit_code == 0
        checked = _run(config, "sources", "check", "same")
    assert checked.exit_code == 0, checked.output
    assert "every sampled article has the same text" in checked.output
    assert "pagination not found" not in checked.output  # max_pages 1: no pager was promised


def test_regex_generalises_dates_and_keeps_the_channel() -> None:
    urls = ["http://h/cdht/c132333/2026-11/21/content_58213.shtml",
            "http://h/cdht/c132333/2026-11/22/content_3fa9c2e1.shtml",
            "http://h/cdht/c132333/2026-11/23/content_99.shtml"]
    (group,) = group_by_shape(urls).values()
    regex = group_regex(group)
    assert re.search(regex, "http://h/cdht/c132333/2027-01/05/content_abc123.shtml")  # next year's
    assert not re.search(regex, "http://h/cdht/c999/2026-11/21/content_1.shtml")  # another channel
    assert not re.search(regex, "http://h/cdht/c132333/list_2.shtml")


def test_script_pager_pages_become_start_urls(tmp_path: Path) -> None:
    """A TRS-style list paged by createPageHTML(3, 0, "index", "html"): no link to follow,
    so pages 1-3 are listed as start URLs, checked first."""
    config = _config(tmp_path)
    site = _small_site({})
    site.start = "/xwzx/index.html"
    arts = [f"/xwzx/202611/t202611{10 + n:02d}_{900 + n}.html" for n in range(12)]
    for p in range(3):
        items = "".join(f"<li><a href='{u}'>第{900 + n}号重点项目集中签约活动举行</a><span>2026-11-{10 + n}</span></li>"
                        for n, u in enumerate(arts) if n // 4 == p)
        script = f"<script>createPageHTML(3, {p}, \"index\", \"html\");</script>"
        site.add(f"/xwzx/index{'' if p == 0 else f'_{p}'}.html", page("新闻中心_测试园区", f"<ul>{items}</ul>{script}"),
                 "text/html; charset=utf-8")
    for n, u in enumerate(arts):
        site.add(u, article_page(n, "测试园区"), "text/html; charset=utf-8")
    with site.serve() as served:
        assert _run(config, "sources", "add", served.start_url, "--id", "trs", "--allow-private").exit_code == 0
        source = load_source(tmp_path / "sources" / "trs.yaml")
        assert [urlsplit(u).path for u in source.start_urls] == [
            "/xwzx/index.html", "/xwzx/index_1.html", "/xwzx/index_2.html"]
        report = json.loads(_run(config, "sources", "check", "trs", "--format", "json").output)
    assert _paths([link["url"] for link in report["links"]]) == set(arts)


def test_next_page_words_and_markup() -> None:
    from crawler.discovery.page import read_list_page

    items = "".join(f"<li><a href='/jp/news/20261118/a{44 + n}.html'>蘇州で第{n}期プロジェクトが調印された</a></li>"
                    for n in range(5))
    for pager, selector in [("<a href='index_1.html'>次へ ›</a>", 'a:contains("次へ")::attr(href)'),
                            ("<a rel='next' href='index_1.html'>2</a>", 'a[rel~="next"]::attr(href)'),
                            ("<p class='pg'><b>1</b><a href='index_1.html'>2</a><a href='index_2.html'>3</a></p>",
                             "p.pg > b + a::attr(href)")]:
        listed = read_list_page(page("ニュース", f"<ul>{items}</ul>{pager}"), "http://h.example/jp/news/index.html")
        assert listed.pagination.selector == selector
        assert listed.pagination.next_url == "http://h.example/jp/news/index_1.html"
        assert listed.lang == "ja" and len(listed.matched) == 5


def test_a_sidebar_that_outscores_the_list_on_page_one_is_dropped_on_page_two(tmp_path: Path) -> None:
    """Undated list of 4 against a sidebar of 7 same-shaped links: page 2 shows which changes."""
    config = _config(tmp_path)
    site = _small_site({})
    site.start = "/list/index.html"
    arts = [f"/x/{100 + n}.html" for n in range(8)]
    side = "".join(f"<li><a href='/b/{900 + k}.html'>热门：第{900 + k}号项目签约仪式举行</a></li>" for k in range(7))
    for p in range(2):
        items = "".join(f"<p><a href='{u}'>第{100 + n}号项目集中签约仪式在园区举行</a></p>"
                        for n, u in enumerate(arts) if n // 4 == p)
        nxt = "<a href='index_2.html'>下一页</a>" if p == 0 else ""
        site.add(f"/list/index{'' if p == 0 else '_2'}.html",
                 page("新闻_测试", f"<div class='list'>{items}{nxt}</div><div class='hot'><ul>{side}</ul></div>"),
                 "text/html; charset=utf-8")
    with site.serve() as served:
        result = _run(config, "sources", "add", served.start_url, "--id", "side", "--allow-private")
        assert result.exit_code == 0, result.output
    (allow,) = load_source(tmp_path / "sources" / "side.yaml").article_allow
    assert re.search(r"/x/\\d\+", allow) and "/b/" not in allow
    text = (tmp_path / "sources" / "side.yaml").read_text(encoding="utf-8")
    assert "repeats unchanged on page 2" in text


def test_check_warns_about_robots_pagination_and_short_text(tmp_path: Path) -> None:
    config = _config(tmp_path)
    links = "".join(f"<li><a href='/news/2026/s{n}.html'>第{n}条园区短讯</a></li>" for n in range(1, 5))
    short = "<html><head><meta charset='utf-8'><title>短讯{n}</title></head><body><p>第{n}条短讯。</p></body></html>"
    pages = {"/news/index.html": (page("短讯", f"<ul>{links}</ul>"), "text/html; charset=utf-8"),
             "/private/list.html": (page("内部", f"<ul>{links}</ul>"), "text/html; charset=utf-8")}
    pages.update({f"/news/2026/s{n}.html": (short.format(n=n), "text/html; charset=utf-8") for n in range(1, 5)})
    site = _small_site(pages)
    (tmp_path / "sources").mkdir()
    with site.serve() as served:
        for sid, start in (("short", "/news/index.html"), ("robots", "/private/list.html")):
            (tmp_path / "sources" / f"{sid}.yaml").write_text(
                f"id: {sid}\nname: 测试\nlanguage: zh-Hans\nstart_urls: ['{served.base_url}{start}']\n"
                "article_allow: ['/news/2026/s\\d+\\.html$']\n"
                "pagination: {next_selector: 'a.nope::attr(href)', max_pages: 5}\nallow_private: true\n",
                encoding="utf-8")
        short_check = _run(config, "sources", "check", "short")
        robots_check = _run(config, "sources", "check", "robots")
    assert short_check.exit_code == 0, short_check.output
    assert "pagination not found: next_selector 'a.nope::attr(href)' matched nothing" in short_check.output
    assert "text too short" in short_check.output and "set clean.content_xpath" in short_check.output
    assert robots_check.exit_code == 1
    assert "robots.txt disallows 1 request(s)" in robots_check.output


def test_list_shows_an_invalid_file_without_hiding_the_others(tmp_path: Path) -> None:
    config = _config(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "good.yaml").write_text(
        "id: good\nname: 好\nlanguage: zh-Hans\nstart_urls: ['http://example.org/']\narticle_allow: ['/a/']\n",
        encoding="utf-8")
    (tmp_path / "sources" / "bad.yaml").write_text("id: bad\nname: 坏\nlanguage: klingon\n", encoding="utf-8")
    result = _run(config, "sources", "list", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [(r["id"], r["result"]) for r in rows] == [("bad", "invalid"), ("good", None)]
    assert "bad.yaml" in result.output  # the file's problem, on stderr


def test_a_feed_url_is_taken_as_a_feed_named_by_its_title(tmp_path: Path) -> None:
    config = _config(tmp_path)
    site = SITES["rss"]()
    with site.serve() as served:
        result = _run(config, "sources", "add", served.base_url + "/feed.xml", "--allow-private")
    assert result.exit_code == 0, result.output
    source = load_source(tmp_path / "sources" / "site-127-0-15-3.yaml")
    assert source.kind == "rss" and source.name == "园区快讯" and source.start_urls[0].endswith("/feed.xml")
    assert len(site.requests) == 2  # robots.txt and the feed: nothing else was probed


def test_list_pages_that_look_like_articles_are_flagged(tmp_path: Path) -> None:
    """Articles /news/101.html and the next page /news/2.html share a shape: said, not hidden."""
    config = _config(tmp_path)
    links = "".join(f"<li><a href='/news/{100 + n}.html'>第{100 + n}号项目签约仪式在园区举行</a></li>" for n in range(6))
    site = _small_site({"/news/index.html": (page("新闻", f"<ul>{links}</ul><a href='/news/2.html'>下一页</a>"),
                                             "text/html; charset=utf-8")})
    site.start = "/news/index.html"
    with site.serve() as served:
        result = _run(config, "sources", "add", served.start_url, "--allow-private", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "html source, unsure" in result.output
    assert "note: article_allow also matches the list page" in result.output
