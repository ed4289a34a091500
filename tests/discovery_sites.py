"""Local sites in the list styles real sites use, for `parkwatch sources add` and `check`.

Each site is served over real HTTP on its own 127.0.15.x address and knows its truth: the
article paths a source for it must fetch (`articles`) and the pages it must never fetch
(`decoys`: channels, sidebars, topics, other channels' articles). Every article text is
invented for these tests."""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

BASE = "@@BASE@@"  # replaced by the site's base URL when a page is served
PARKS = ["成都高新区", "合肥高新区", "苏州工业园区", "武汉东湖高新区", "西安高新区", "长沙经开区", "芜湖经开区"]
FIRMS = ["星河", "远航", "明石", "青禾", "鼎新", "华岳", "博川", "云帆", "瑞丰", "启明", "澄江", "恒屹"]
PRODUCTS = ["动力电池隔膜", "车规级功率芯片", "光伏组件", "工业机器人减速器", "生物医药中试平台",
            "高端数控机床", "储能变流器", "半导体封装材料"]
EVENTS = ["签约", "开工", "投产", "落户"]


def article_title(n: int) -> str:
    return (f"{PARKS[n % len(PARKS)]}{FIRMS[n % len(FIRMS)]}{PRODUCTS[n % len(PRODUCTS)]}"
            f"项目{EVENTS[n % len(EVENTS)]}")


def article_page(n: int, site: str, charset: str = "utf-8") -> str:
    """An invented deal report: chrome around a headline, a date and three paragraphs."""
    park, firm, product = PARKS[n % len(PARKS)], FIRMS[n % len(FIRMS)], PRODUCTS[n % len(PRODUCTS)]
    amount, day = 5 + (n * 7) % 90, 1 + n % 27
    body = (f"<p>11月{day}日，{firm}新材料科技有限公司与{park}管委会签署投资协议，计划投资{amount}亿元"
            f"建设{product}生产基地，项目用地约{120 + n * 3}亩。</p>"
            f"<p>据介绍，项目分两期建设，一期预计明年年底建成，全部达产后年产值约{amount * 2}亿元，"
            f"可提供就业岗位{300 + n * 11}个。</p>"
            f"<p>园区相关负责人表示，这是今年引进的第{n}个重点项目，园区将在用地、用能和人才等方面"
            f"做好保障，推动项目早日建成。本文为{site}测试站点虚构稿件。</p>")
    return (f"<!DOCTYPE html><html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'>"
            f"<title>{article_title(n)}_{site}</title><meta name='PubDate' content='2026-11-{day:02d} 09:30'>"
            f"</head><body><div class='top'><a href='/'>首页</a> <a href='/about.html'>关于我们</a></div>"
            f"<div class='crumb'>当前位置：首页 &gt; 新闻</div><div class='article'><h1>{article_title(n)}</h1>"
            f"<div class='info'>发布时间：2026-11-{day:02d} 来源：{site}</div><div class='content'>{body}</div></div>"
            "<div class='footer'>版权所有 示例站点 联系电话：000-00000000</div></body></html>")


def page(title: str, body: str, charset: str = "utf-8", head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='{charset}'><title>{title}</title>{head}"
            f"</head><body>{body}</body></html>")


def short_id(n: int) -> str:
    return hashlib.md5(str(n).encode()).hexdigest()[:10]  # noqa: S324 - an invented page id


@dataclass
class Site:
    """Pages by path, as (text with BASE placeholders, Content-Type, codec of the bytes)."""

    name: str
    host: str
    start: str  # path given to `sources add`
    kind: str  # what `sources add` should choose
    pages: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    decoys: set[str] = field(default_factory=set)
    requests: Counter[str] = field(default_factory=Counter)

    def add(self, path: str, text: str, ctype: str = "text/html; charset=utf-8", codec: str = "utf-8") -> None:
        self.pages[path] = (text, ctype, codec)

    def serve(self) -> ServedSite:
        return ServedSite(self)


class ServedSite:
    def __init__(self, site: Site) -> None:
        self.site = site
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                with lock:
                    site.requests[path] += 1
                found = site.pages.get(path)
                if found is None:
                    status, body, ctype = 404, b"not found", "text/plain"
                else:
                    text, ctype, codec = found
                    status, body = 200, text.replace(BASE, outer.base_url).encode(codec)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        outer = self
        self.httpd = ThreadingHTTPServer((site.host, 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.site.host}:{self.httpd.server_address[1]}"

    @property
    def start_url(self) -> str:
        return self.base_url + self.site.start

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _robots(extra: str = "") -> str:
    return "User-agent: *\nDisallow: /admin/\n" + extra


def cms_site() -> Site:
    """A government CMS channel: 下一页 links to list_2.shtml, list_3.shtml; menus of
    channels, a hot-news sidebar of another channel's articles, footer links."""
    site = Site("cms", "127.0.15.1", "/zwgk/c1234/list.shtml", "html")
    site.add("/robots.txt", _robots(), "text/plain")
    arts = [f"/zwgk/c1234/2026-{10 + n % 2}/{1 + n % 27:02d}/content_{short_id(n)}.shtml" for n in range(20)]
    hot = [f"/zwgk/c5678/2026-11/{1 + k:02d}/content_{short_id(500 + k)}.shtml" for k in range(5)]
    menu = "".join(f"<li><a href='/zwgk/c{c}/list.shtml'>{t}</a></li>" for c, t in
                   [(1234, "园区动态"), (2345, "通知公告"), (3456, "政策文件"), (4567, "招商引资"), (5678, "媒体聚焦")])
    side = "".join(f"<li><a href='{u}'>{article_title(500 + k)}</a></li>" for k, u in enumerate(hot))
    pages = [arts[i:i + 8] for i in range(0, len(arts), 8)]
    for p, chunk in enumerate(pages, 1):
        items = "".join(f"<li><a href='{u}' target='_blank'>{article_title(arts.index(u))}</a>"
                        f"<span>2026-11-{1 + arts.index(u) % 27:02d}</span></li>" for u in chunk)
        name = lambda k: "list.shtml" if k == 1 else f"list_{k}.shtml"  # noqa: E731
        pager = f"共{len(pages)}页 <a href='{name(1)}'>首页</a> "
        pager += f"<a href='{name(p - 1)}'>上一页</a> " if p > 1 else "<span>上一页</span> "
        pager += f"<a href='{name(p + 1)}'>下一页</a> " if p < len(pages) else "<span>下一页</span> "
        pager += f"<a href='{name(len(pages))}'>尾页</a>"
        body = (f"<div class='head'><a href='/index.shtml'>网站首页</a></div><ul class='menu'>{menu}</ul>"
                f"<div class='main'><ul class='list'>{items}</ul><div class='page'>{pager}</div></div>"
                f"<div class='side'><h3>热点新闻</h3><ul>{side}</ul></div>"
                "<div class='foot'><a href='/about.shtml'>关于我们</a><a href='/contact.shtml'>联系我们</a>"
                "<a href='/map.shtml'>网站地图</a><a href='http://www.gov.cn/'>中国政府网</a></div>")
        site.add(f"/zwgk/c1234/{name(p)}", page("园区动态_成都高新区管委会", body))
    for n, u in enumerate(arts):
        site.add(u, article_page(n, "成都高新区管委会"))
    for k, u in enumerate(hot):
        site.add(u, article_page(500 + k, "成都高新区管委会"))
    site.articles = set(arts)
    site.decoys = set(hot) | {f"/zwgk/c{c}/list.shtml" for c in (2345, 3456, 4567, 5678)} | {
        "/index.shtml", "/about.shtml", "/contact.shtml", "/map.shtml"}
    return site


def dated_site() -> Site:
    """A blog with date-in-path URLs (/2026/11/20/slug/), /page/2/ paging via a.next, and
    widgets: recent posts, monthly archives (/2026/11/), categories and tags."""
    site = Site("dated", "127.0.15.2", "/", "html")
    site.add("/robots.txt", _robots(), "text/plain")
    words = ["battery", "chip", "solar", "robot", "pharma", "machine", "storage", "packaging"]
    arts = [f"/2026/{10 + n % 2}/{1 + n % 27:02d}/{words[n % 8]}-project-signed-{n}/" for n in range(14)]
    archives = ["/2026/11/", "/2026/10/", "/2026/09/"]
    cats = ["/category/signing/", "/category/groundbreaking/", "/tag/new-energy/", "/tag/chips/"]
    recent = "".join(f"<li><a href='{u}'>{article_title(n)}</a></li>" for n, u in enumerate(arts[:5]))
    widgets = (f"<aside class='widget'><h3>近期文章</h3><ul>{recent}</ul></aside><aside class='widget'><h3>归档</h3><ul>"
               + "".join(f"<li><a href='{u}'>2026年{u[6:8]}月</a></li>" for u in archives)
               + "</ul></aside><aside class='widget'><h3>分类目录</h3><ul>"
               + "".join(f"<li><a href='{u}'>{u.split('/')[2]}</a></li>" for u in cats) + "</ul></aside>")
    pages = [arts[i:i + 6] for i in range(0, len(arts), 6)]
    for p, chunk in enumerate(pages, 1):
        posts = "".join(f"<article class='post'><h2 class='entry-title'><a href='{u}'>{article_title(arts.index(u))}</a></h2>"
                        f"<div class='entry-meta'><time>2026年11月{1 + arts.index(u) % 27}日</time></div>"
                        f"<p>项目摘要……</p><a class='more-link' href='{u}'>阅读全文</a></article>" for u in chunk)
        url = lambda k: "/" if k == 1 else f"/page/{k}/"  # noqa: E731
        nav = "".join(f"<span class='page-numbers current'>{k}</span>" if k == p else
                      f"<a class='page-numbers' href='{url(k)}'>{k}</a>" for k in range(1, len(pages) + 1))
        if p < len(pages):
            nav += f"<a class='next page-numbers' href='{url(p + 1)}'>下一页 »</a>"
        body = (f"<header><a href='/'>园区招商观察</a><a href='/about/'>关于</a></header><main>{posts}"
                f"<nav class='navigation pagination'>{nav}</nav></main><div id='secondary'>{widgets}</div>")
        site.add(url(p), page("园区招商观察 – 项目动态", body))
    for n, u in enumerate(arts):
        site.add(u, article_page(n, "园区招商观察"))
    site.articles = set(arts)
    site.decoys = set(archives) | set(cats) | {"/about/"}
    return site


def _rss(items: list[tuple[str, str]], title: str) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{BASE}{u}</link><guid isPermaLink='true'>{BASE}{u}</guid>"
                      "<pubDate>Mon, 16 Nov 2026 09:30:00 +0800</pubDate></item>" for u, t in items)
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:atom='http://www.w3.org/2005/Atom'>"
            f"<channel><title>{title}</title><link>{BASE}/</link><atom:link href='{BASE}/feed.xml' rel='self'/>"
            f"<description>测试</description>{entries}</channel></rss>")


def rss_site() -> Site:
    """An app-shell home page whose only way to the articles is the RSS feed it declares."""
    site = Site("rss", "127.0.15.3", "/", "rss")
    site.add("/robots.txt", _robots(), "text/plain")
    arts = [f"/p/{1000 + n}.html" for n in range(12)]
    head = "<link rel='alternate' type='application/rss+xml' title='订阅' href='/feed.xml'>"
    body = ("<div class='nav'><a href='/'>首页</a><a href='/about.html'>关于</a><a href='/contact.html'>联系</a></div>"
            "<div id='root'></div><script src='/static/app.js'></script>")
    site.add("/", page("园区快讯", body, head=head))
    site.add("/feed.xml", _rss([(u, article_title(n)) for n, u in enumerate(arts)], "园区快讯"),
             "application/rss+xml; charset=utf-8")
    for n, u in enumerate(arts):
        site.add(u, article_page(n, "园区快讯"))
    site.articles, site.decoys = set(arts), {"/about.html", "/contact.html"}
    return site


def sitemap_site() -> Site:
    """No list and no feed: robots.txt names a sitemap index whose news sitemap lists the
    articles; a pages sitemap lists the home, about and topic pages."""
    site = Site("sitemap", "127.0.15.4", "/", "sitemap")
    site.add("/robots.txt", _robots(f"Sitemap: {BASE}/sitemap_index.xml\n"), "text/plain")
    arts = [f"/articles/2026/{88200 + n}.html" for n in range(10)]
    others = ["/", "/about.html", "/contact.html", "/topics/energy/"]
    ns = "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'"
    news = "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'"
    site.add("/", page("开发区观察", "<a href='/about.html'>关于</a><a href='/contact.html'>联系</a>"
                       "<a href='/topics/energy/'>能源专题</a><div id='app'></div>"))
    site.add("/sitemap_index.xml", f"<?xml version='1.0'?><sitemapindex {ns}>"
             f"<sitemap><loc>{BASE}/sitemap-pages.xml</loc></sitemap>"
             f"<sitemap><loc>{BASE}/sitemap-news.xml</loc></sitemap></sitemapindex>", "application/xml")
    site.add("/sitemap-pages.xml", f"<?xml version='1.0'?><urlset {ns}>"
             + "".join(f"<url><loc>{BASE}{u}</loc></url>" for u in others) + "</urlset>", "application/xml")
    site.add("/sitemap-news.xml", f"<?xml version='1.0'?><urlset {ns} {news}>" + "".join(
        f"<url><loc>{BASE}{u}</loc><news:news><news:publication><news:name>开发区观察</news:name>"
        f"<news:language>zh-cn</news:language></news:publication><news:publication_date>2026-11-16"
        f"</news:publication_date><news:title>{article_title(n)}</news:title></news:news></url>"
        for n, u in enumerate(arts)) + "</urlset>", "application/xml")
    for n, u in enumerate(arts):
        site.add(u, article_page(n, "开发区观察"))
    site.articles, site.decoys = set(arts), set(others[1:])
    return site


def js_site() -> Site:
    """A list rendered by JavaScript from a JSON API: no article link in the HTML; an
    undeclared feed at /feed (a usual path) lists the articles."""
    site = Site("js", "127.0.15.5", "/news/", "rss")
    site.add("/robots.txt", _robots(), "text/plain")
    arts = [f"/news/detail/{7000 + n}.html" for n in range(9)]
    body = ("<div class='nav'><a href='/'>首页</a><a href='/news/'>新闻</a><a href='/about.html'>关于</a></div>"
            "<div id='app'>加载中……</div><script src='/static/app.js'></script>")
    site.add("/news/", page("新闻中心_高新区门户", body))
    site.add("/static/app.js", "fetch('/api/news.json').then(r => r.json()).then(render);",
             "application/javascript")
    site.add("/api/news.json", "[" + ",".join(f'{{"url": "{u}"}}' for u in arts) + "]", "application/json")
    site.add("/feed", _rss([(u, article_title(n)) for n, u in enumerate(arts)], "高新区门户"),
             "application/rss+xml; charset=utf-8")
    for n, u in enumerate(arts):
        site.add(u, article_page(n, "高新区门户"))
    site.articles, site.decoys = set(arts), {"/about.html", "/api/news.json"}
    return site


def gbk_site() -> Site:
    """An old table-layout portal in GBK with no charset in the header (gb2312 in <meta>)."""
    site = Site("gbk", "127.0.15.6", "/jingji/index.htm", "html")
    site.add("/robots.txt", _robots(), "text/plain")
    ctype, codec = "text/html", "gbk"
    arts = [f"/jingji/2026-11/{1 + n % 27:02d}/content_{58000 + n}.htm" for n in range(18)]
    chans = "".join(f"<td><a href='/{c}/index.htm'>{t}</a></td>" for c, t in
                    [("jingji", "经济"), ("shehui", "社会"), ("wenhua", "文化"), ("tiyu", "体育")])
    pages = [arts[i:i + 7] for i in range(0, len(arts), 7)]
    name = lambda k: "index.htm" if k == 0 else f"index_{k}.htm"  # noqa: E731
    for p, chunk in enumerate(pages):
        rows = "".join(f"<tr><td class='bt'>·<a href='{u}'>{article_title(58000 + arts.index(u))}</a></td>"
                       f"<td class='rq'>(11-{1 + arts.index(u) % 27:02d})</td></tr>" for u in chunk)
        nxt = f"<a href='{name(p + 1)}'>下一页</a>" if p + 1 < len(pages) else "下一页"
        body = (f"<table class='nav'><tr>{chans}</tr></table><table width='760'><tr><td valign='top'>"
                f"<table class='list'>{rows}</table><p align='center'>{nxt}</p></td>"
                "<td width='200'><a href='/shehui/index.htm'>更多&gt;&gt;</a></td></tr></table>")
        site.add(f"/jingji/{name(p)}", page("经济频道_安徽财经网", body, charset="gb2312"), ctype, codec)
    for n, u in enumerate(arts):
        site.add(u, article_page(58000 + n, "安徽财经网", charset="gb2312"), ctype, codec)
    site.articles = set(arts)
    site.decoys = {f"/{c}/index.htm" for c in ("shehui", "wenhua", "tiyu")}
    return site


def sidebar_site() -> Site:
    """A news list of 6 a page whose sidebar has 30 links: channels, hot articles of
    another channel (same URL shape), topics and friend links; a numbered pager."""
    site = Site("sidebar", "127.0.15.7", "/news/ch12/index.html", "html")
    site.add("/robots.txt", _robots(), "text/plain")
    arts = [f"/news/ch12/202611{1 + n % 27:02d}/art_{4400 + n}.html" for n in range(16)]
    hot = [f"/news/ch88/202610{1 + k:02d}/art_{5500 + k}.html" for k in range(8)]
    chans = [f"/news/ch{c}/index.html" for c in (13, 14, 15, 16, 17, 18, 19, 20, 21, 22)]
    topics = [f"/zt/{t}/" for t in ("xny", "jcdl", "swyy", "zhzz", "szjj", "lsfz")]
    side = ("<div class='side'><div class='box'><h3>栏目导航</h3>"
            + "".join(f"<a href='{u}'>栏目{i}</a>" for i, u in enumerate(chans))
            + "</div><div class='box'><h3>热门文章</h3><ul>"
            + "".join(f"<li><a href='{u}'>{article_title(5500 + k)}</a></li>" for k, u in enumerate(hot))
            + "</ul></div><div class='box'><h3>专题</h3>"
            + "".join(f"<a href='{u}'>{u[4:-1]}专题</a>" for u in topics)
            + "</div><div class='box'><h3>友情链接</h3>"
            + "".join(f"<a href='http://127.0.15.99/partner{i}.html'>合作伙伴{i}</a>" for i in range(6))
            + "</div></div>")
    pages = [arts[i:i + 6] for i in range(0, len(arts), 6)]
    name = lambda k: "index.html" if k == 1 else f"index_{k}.html"  # noqa: E731
    for p, chunk in enumerate(pages, 1):
        items = "".join(f"<li><a href='{u}'>{article_title(4400 + arts.index(u))}</a>"
                        f"<em>2026-11-{1 + arts.index(u) % 27:02d}</em></li>" for u in chunk)
        pager = "".join(f"<span class='cur'>{k}</span>" if k == p else f"<a href='{name(k)}'>{k}</a>"
                        for k in range(1, len(pages) + 1))
        body = (f"<div class='main'><ul class='newslist'>{items}</ul><div class='pages'>{pager}</div></div>{side}")
        site.add(f"/news/ch12/{name(p)}", page("新闻中心_西安高新区", body))
    for n, u in enumerate(arts):
        site.add(u, article_page(4400 + n, "西安高新区"))
    for k, u in enumerate(hot):
        site.add(u, article_page(5500 + k, "西安高新区"))
    site.articles = set(arts)
    site.decoys = set(hot) | set(chans) | set(topics)
    return site


SITES = {"cms": cms_site, "dated": dated_site, "rss": rss_site, "sitemap": sitemap_site,
         "js": js_site, "gbk": gbk_site, "sidebar": sidebar_site}
