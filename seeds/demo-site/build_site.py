#!/usr/bin/env python3
"""Generator for the ParkWatch offline demo site (seeds/demo-site/).

Every sentence, company, person and number in this file is INVENTED for the
demo; only province / city / park names are real so that a gazetteer can
resolve them.  Nothing here is copied from third-party pages.

Sites (folder = URL prefix):
  gaoxin/    modern zh-Hans portal of 合肥高新区 news (UTF-8)
  provnews/  old table-layout provincial portal, files in GBK on disk
  jpbiz/     Japanese China-business site (UTF-8, two pages Shift_JIS)
  parkblog/  industrial-park investment blog (zh-Hans, UTF-8)

Public API (importable by path with importlib, used by the benchmark):
  render_article(site, article) -> bytes
  render_list(site, items, page, pages) -> bytes
  render_page(site, title, paragraphs) -> bytes      (about/contact pages)
  list_url(site, page) -> str                        (URL path of list page)
  SITES                                              (per-site settings)
  ARTICLES                                           (the demo articles)

`article` dict keys: path (URL path, starts with "/<site>/"), title,
published (date / datetime / ISO string), body_paragraphs (list[str]);
optional extras: source, author, editor, date_style, meta_pubdate (bool),
meta_charset (provnews: bool), encoding (jpbiz: "shift_jis"), br_body
(bool: body as <br>-separated lines), related (list of {title, path}),
hot (list of {title, path}), prev / next ({title, path}), tags (list[str]),
summary (list pages).

Run `python build_site.py` to (re)write all pages, sites.yaml and
expected.yaml next to this file.
"""
from __future__ import annotations

import datetime as _dt
import html
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# --------------------------------------------------------------------------
# per-site settings
# --------------------------------------------------------------------------
SITES = {
    "gaoxin": {
        "name": "合肥高新区新闻中心",
        "lang": "zh-CN",
        "encoding": "utf-8",
        "list_dir": "/gaoxin/news/",
        "channel": "园区动态",
        "charset_header": "utf-8",
    },
    "provnews": {
        "name": "江淮在线",
        "lang": "zh-CN",
        "encoding": "gbk",
        "list_dir": "/provnews/jingji/",
        "channel": "经济频道",
        "charset_header": "utf-8",  # WRONG on purpose: files are GBK
    },
    "jpbiz": {
        "name": "チャイナ・ビズ・ウォッチ",
        "lang": "ja",
        "encoding": "utf-8",
        "list_dir": "/jpbiz/news/",
        "channel": "投資・進出ニュース",
        "charset_header": None,  # "text/html" without charset
    },
    "parkblog": {
        "name": "园区招商笔记",
        "lang": "zh-CN",
        "encoding": "utf-8",
        "list_dir": "/parkblog/",
        "channel": "招商观察",
        "charset_header": "utf-8",
    },
}

e = html.escape


def list_url(site: str, page: int) -> str:
    d = SITES[site]["list_dir"]
    return d + ("index.html" if page == 0 else f"index_{page}.html")


def _dt_of(v) -> _dt.datetime:
    if isinstance(v, _dt.datetime):
        return v
    if isinstance(v, _dt.date):
        return _dt.datetime(v.year, v.month, v.day, 9, 0)
    s = str(v).strip().replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return _dt.datetime.strptime(s[:19] if len(s) > 16 else s, fmt)
        except ValueError:
            pass
    raise ValueError(f"bad published value: {v!r}")


def _encode(text: str, enc: str) -> bytes:
    try:
        return text.encode(enc)
    except UnicodeEncodeError:
        return text.encode(enc, errors="xmlcharrefreplace")


def _links(items, cls="") -> str:
    out = []
    for it in items or []:
        out.append(f'<li{cls}><a href="{e(it["path"])}" target="_blank">{e(it["title"])}</a></li>')
    return "\n".join(out)


def _paras(article, indent="") -> str:
    ps = article["body_paragraphs"]
    if article.get("br_body"):
        return "<p>" + "<br>\n".join(f"{indent}{e(p)}" for p in ps) + "</p>"
    return "\n".join(f"<p>{indent}{e(p)}</p>" for p in ps)


def _desc(article) -> str:
    t = article["body_paragraphs"][0] if article["body_paragraphs"] else article["title"]
    return e(t[:70])


# --------------------------------------------------------------------------
# gaoxin: modern zh-Hans portal
# --------------------------------------------------------------------------
GX_NAV = """<ul class="nav">
<li><a href="/gaoxin/index.html">首页</a></li>
<li class="on"><a href="/gaoxin/news/index.html">新闻中心</a></li>
<li><a href="/gaoxin/zwgk.html">政务公开</a></li>
<li><a href="/gaoxin/touzi.html">投资高新</a></li>
<li><a href="/gaoxin/about.html">走进高新</a></li>
<li><a href="/gaoxin/contact.html">联系我们</a></li>
</ul>"""

GX_FOOT = """<div class="footer">
<p><a href="/gaoxin/about.html">关于本站</a> | <a href="/gaoxin/contact.html">联系我们</a> | <a href="/gaoxin/sitemap.html">网站地图</a></p>
<p>主办单位:合肥高新区新闻中心(演示站点) 承办:高新区融媒体工作室 技术支持:示例网络科技有限公司</p>
<p>版权所有 &copy; 2026 合肥高新区新闻中心 未经授权禁止复制或建立镜像</p>
<p>皖ICP备20260417号-2 皖公网安备 34019202000917号 网站标识码:demo000001</p>
</div>"""


def _gx_head(title: str, desc: str, extra_meta: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<meta name="keywords" content="合肥高新区,招商引资,项目签约,产业发展">
<meta name="description" content="{desc}">
<meta name="SiteName" content="合肥高新区新闻中心">
{extra_meta}<link rel="stylesheet" href="/gaoxin/css/main.css">
<script src="/gaoxin/js/jquery.min.js"></script>
</head>
<body>
<div class="topbar"><div class="w1200"><span>欢迎访问合肥高新区新闻中心</span><a href="#">无障碍</a> <a href="#">长者模式</a> <a href="#">English</a></div></div>
<div class="header"><div class="w1200"><div class="logo"><a href="/gaoxin/index.html">合肥高新区新闻中心</a></div>
<form class="search" action="/gaoxin/search.html"><input name="q" placeholder="请输入关键词"><button>搜索</button></form>
{GX_NAV}
</div></div>
"""


def _gx_article(a) -> str:
    site = SITES["gaoxin"]
    dt = _dt_of(a["published"])
    style = a.get("date_style", "dash")
    if style == "slash":
        shown = dt.strftime("%Y/%m/%d")
    elif style == "cn":
        shown = f"{dt.year}年{dt.month:02d}月{dt.day:02d}日 {dt:%H:%M}"
    else:
        shown = dt.strftime("%Y-%m-%d %H:%M")
    meta = ""
    if a.get("meta_pubdate", False):
        meta = f'<meta name="PubDate" content="{dt:%Y-%m-%d %H:%M}">\n<meta name="ContentSource" content="{e(a.get("source", "合肥高新区"))}">\n'
    meta += f'<meta name="ArticleTitle" content="{e(a["title"])}">\n<meta name="ColumnName" content="{site["channel"]}">\n'
    prev = a.get("prev")
    nxt = a.get("next")
    pn = '<div class="prevnext">'
    pn += f'<p>上一篇:<a href="{e(prev["path"])}">{e(prev["title"])}</a></p>' if prev else "<p>上一篇:没有了</p>"
    pn += f'<p>下一篇:<a href="{e(nxt["path"])}">{e(nxt["title"])}</a></p>' if nxt else "<p>下一篇:没有了</p>"
    pn += "</div>"
    return _gx_head(f'{a["title"]}_{site["channel"]}_{site["name"]}', _desc(a), meta) + f"""
<div class="crumbs w1200">您的位置:<a href="/gaoxin/index.html">首页</a> &gt; <a href="/gaoxin/news/index.html">新闻中心</a> &gt; <span>{site["channel"]}</span></div>
<div class="main w1200">
<div class="left">
<div class="article">
<h1 class="article-title">{e(a["title"])}</h1>
<div class="article-info"><span>发布时间:{shown}</span><span>来源:{e(a.get("source", "高新区融媒体中心"))}</span><span>作者:{e(a.get("author", "本站记者"))}</span><span>浏览次数:<em id="hits">--</em></span><span>字号:<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
<div class="share">分享到:<a class="wx" href="#">微信</a> <a class="wb" href="#">微博</a> <a class="qz" href="#">QQ空间</a> <a class="print" href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="article-content">
{_paras(a, "")}
</div>
<div class="editor">【责任编辑:{e(a.get("editor", "陈一凡"))}】</div>
<div class="disclaimer">声明:本站所发布的内容仅供信息交流,文中数据以各相关部门正式发布为准;如需转载,请注明出处并保留原文链接。</div>
<div class="mood"><p>请选择您浏览此资讯时的心情</p><ul><li>点赞</li><li>开心</li><li>期待</li><li>惊讶</li><li>无感</li></ul></div>
{pn}
</div>
<div class="related"><h3>相关资讯</h3><ul>
{_links(a.get("related"))}
</ul></div>
<div class="comment"><h3>网友评论</h3><p>已有<em>0</em>人参与评论,文明上网,理性发言。</p>
<form action="/gaoxin/comment.html" method="post"><label>用户名:<input name="user"></label> <label>密码:<input type="password" name="pwd"></label> <label>验证码:<input name="code"></label><img src="/gaoxin/captcha.png" alt="验证码"> <label><input type="checkbox" name="anon">匿名发表</label><textarea name="body"></textarea><button>提交评论</button></form></div>
</div>
<div class="right">
<div class="box"><h3>热点新闻</h3><ul class="hot">
{_links(a.get("hot"))}
</ul></div>
<div class="box"><h3>投资服务热线</h3><p>招商服务中心:0551-6555 0101</p><p>企业服务专线:0551-6555 0102</p><p>工作时间:周一至周五 9:00-17:30</p></div>
<div class="box qrcode"><img src="/gaoxin/img/qrcode.png" alt="扫码关注"><p>扫码关注高新发布</p></div>
</div>
</div>
{GX_FOOT}
</body>
</html>
"""


def _gx_list(items, page, pages) -> str:
    site = SITES["gaoxin"]
    lis = []
    for it in items:
        d = _dt_of(it["published"]).strftime("%Y-%m-%d")
        lis.append(f'<li><a href="{e(it["path"])}" title="{e(it["title"])}">{e(it["title"])}</a><span class="date">{d}</span></li>')
    return _gx_head(f'{site["channel"]}_{site["name"]}' + (f"_第{page + 1}页" if page else ""), "合肥高新区新闻中心园区动态栏目") + f"""
<div class="crumbs w1200">您的位置:<a href="/gaoxin/index.html">首页</a> &gt; <a href="/gaoxin/news/index.html">新闻中心</a> &gt; <span>{site["channel"]}</span></div>
<div class="main w1200">
<div class="left">
<div class="sidenav"><a class="on" href="/gaoxin/news/index.html">园区动态</a><a href="/gaoxin/notice.html">通知公告</a><a href="/gaoxin/about.html">走进高新</a><a href="/gaoxin/contact.html">联系我们</a></div>
<ul class="news-list">
{chr(10).join(lis)}
</ul>
{_pager(site, "gaoxin", page, pages, "下一页", "上一页", "首页", "尾页")}
</div>
</div>
{GX_FOOT}
</body>
</html>
"""


def _pager(site, key, page, pages, nxt="下一页", prv="上一页", first="首页", last="尾页") -> str:
    parts = [f'<div class="pagination"><span>共{pages}页</span>']
    parts.append(f'<a href="{list_url(key, 0)}">{first}</a>')
    if page > 0:
        parts.append(f'<a class="prev" rel="prev" href="{list_url(key, page - 1)}">{prv}</a>')
    for i in range(pages):
        if i == page:
            parts.append(f'<span class="current">{i + 1}</span>')
        else:
            parts.append(f'<a href="{list_url(key, i)}">{i + 1}</a>')
    if page < pages - 1:
        parts.append(f'<a class="next" rel="next" href="{list_url(key, page + 1)}">{nxt}</a>')
    else:
        parts.append(f'<span class="disabled">{nxt}</span>')
    parts.append(f'<a href="{list_url(key, pages - 1)}">{last}</a></div>')
    return " ".join(parts)


# --------------------------------------------------------------------------
# provnews: old table-layout portal, GBK
# --------------------------------------------------------------------------
def _pv_head(title: str, desc: str, meta_charset: bool) -> str:
    mc = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n' if meta_charset else ""
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
{mc}<title>{e(title)}</title>
<meta name="keywords" content="江淮在线,经济,安徽,开发区,招商">
<meta name="description" content="{desc}">
<link href="/provnews/css/style.css" rel="stylesheet" type="text/css">
</head>
<body topmargin="0" leftmargin="0">
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="top">
<tr><td height="28" class="toplink"><a href="/provnews/index.html">江淮在线首页</a> | <a href="/provnews/jingji/index.html">经济</a> | <a href="/provnews/shehui.html">社会</a> | <a href="/provnews/about.html">关于我们</a> | <a href="/provnews/contact.html">联系我们</a> | <a href="/provnews/ad.html">广告服务</a></td>
<td align="right"><form action="/provnews/search.html" method="get"><input name="kw" size="16"><input type="submit" value="站内搜索"></form></td></tr>
<tr><td colspan="2" height="90" class="logo"><img src="/provnews/images/logo.gif" width="300" height="80" alt="江淮在线"></td></tr>
<tr><td colspan="2" class="menu"><a href="/provnews/jingji/index.html">经济频道</a> &middot; <a href="/provnews/jingji/index.html">开发区</a> &middot; <a href="/provnews/jingji/index.html">招商引资</a> &middot; <a href="/provnews/fangchan.html">房产</a> &middot; <a href="/provnews/qiche.html">汽车</a></td></tr>
</table>
"""


PV_FOOT = """<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="foot">
<tr><td align="center" height="80">
<a href="/provnews/about.html">关于我们</a> | <a href="/provnews/contact.html">联系方式</a> | <a href="/provnews/ad.html">广告服务</a> | <a href="/provnews/jubao.html">违法和不良信息举报</a><br>
江淮在线(演示站点) 版权所有 未经书面授权不得转载、摘编<br>
新闻热线:0551-6300 0000 &nbsp; 皖ICP备20269966号 &nbsp; 互联网新闻信息服务许可证编号:演示000000
</td></tr></table>
</body>
</html>
"""

PV_AGENT = """<table width="100%" border="0" cellspacing="0" cellpadding="6" class="agent">
<tr><td bgcolor="#FFF6E5"><b>【园区招商】</b>合肥、滁州、芜湖多个开发区标准厂房出租出售,单层钢结构厂房层高9米,可分割,可办环评,配套宿舍食堂,手续齐全,欢迎实地考察。<br>
招商热线:0551-6888 1234 &nbsp; 手机:138 0000 5678(王经理,微信同号) &nbsp; 本信息由广告主提供</td></tr></table>
"""


def _pv_article(a) -> str:
    site = SITES["provnews"]
    dt = _dt_of(a["published"])
    if a.get("date_style") == "dash":
        shown = dt.strftime("%Y-%m-%d %H:%M:%S")
    else:
        shown = f"{dt.year}年{dt.month:02d}月{dt.day:02d}日 {dt:%H:%M}"
    body = _paras(a, "&nbsp;&nbsp;&nbsp;&nbsp;" if a.get("br_body") else "")
    if a.get("br_body"):
        # _paras escaped the &nbsp; prefix -- undo that for the old-style indent
        body = body.replace("&amp;nbsp;", "&nbsp;")
    return _pv_head(f'{a["title"]}_{site["channel"]}_{site["name"]}', _desc(a), a.get("meta_charset", True)) + f"""<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="weizhi" height="30">当前位置:<a href="/provnews/index.html">江淮在线</a> &gt;&gt; <a href="/provnews/jingji/index.html">经济频道</a> &gt;&gt; 正文</td></tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="660" valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td align="center" class="biaoti"><font size="5"><b>{e(a["title"])}</b></font></td></tr>
<tr><td align="center" class="laiyuan" height="30">{shown} &nbsp; 来源:{e(a.get("source", "江淮在线"))} &nbsp; 作者:{e(a.get("author", "记者 周岩"))} &nbsp; [<a href="#">我要打印</a>] [<a href="javascript:window.close()">关闭</a>]</td></tr>
<tr><td class="zhengwen" style="font-size:14px;line-height:26px">
{body}
</td></tr>
<tr><td align="right" class="bianji">(责任编辑:{e(a.get("editor", "刘晓晴"))})</td></tr>
<tr><td class="mianze"><font color="#999999">免责声明:本网转载的稿件只为传递更多信息,不代表本网赞同其观点或证实其内容的真实性;如有版权问题请与本网联系。</font></td></tr>
<tr><td>{PV_AGENT}</td></tr>
<tr><td class="xgxw"><b>相关新闻:</b><br>
{"<br>".join(f'&middot; <a href="{e(r["path"])}">{e(r["title"])}</a>' for r in a.get("related") or [])}
</td></tr>
<tr><td class="pinglun"><b>网友评论</b> 用户名:<input name="u" size="10"> 密码:<input type="password" name="p" size="10"> 验证码:<input name="c" size="4"> <input type="submit" value="发表评论"></td></tr>
</table>
</td>
<td width="20">&nbsp;</td>
<td width="280" valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="4" class="side">
<tr><td class="sidetitle">本周热点</td></tr>
<tr><td>{"<br>".join(f'&middot; <a href="{e(r["path"])}">{e(r["title"])}</a>' for r in a.get("hot") or [])}</td></tr>
<tr><td class="sidetitle">图片新闻</td></tr>
<tr><td><img src="/provnews/images/pic1.jpg" width="260" height="160" alt=""></td></tr>
</table>
</td>
</tr>
</table>
""" + PV_FOOT


def _pv_list(items, page, pages) -> str:
    site = SITES["provnews"]
    rows = []
    for it in items:
        d = _dt_of(it["published"]).strftime("%Y-%m-%d")
        rows.append(f'<tr><td width="20">&middot;</td><td><a href="{e(it["path"])}" target="_blank">{e(it["title"])}</a></td><td width="90" align="right"><font color="#888888">{d}</font></td></tr>')
    pager = _pager(site, "provnews", page, pages, "下一页", "上一页", "首页", "末页")
    return _pv_head(f'{site["channel"]}_{site["name"]}', "江淮在线经济频道", page % 2 == 0) + f"""<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="weizhi" height="30">当前位置:<a href="/provnews/index.html">江淮在线</a> &gt;&gt; 经济频道</td></tr>
<tr><td>
<table width="100%" border="0" cellspacing="0" cellpadding="5" class="list">
{chr(10).join(rows)}
</table>
</td></tr>
<tr><td align="center" height="40">{pager}</td></tr>
</table>
""" + PV_FOOT


# --------------------------------------------------------------------------
# jpbiz: Japanese China-business site
# --------------------------------------------------------------------------
def _jp_head(title: str, desc: str, enc: str, extra_meta: str = "") -> str:
    cs = "Shift_JIS" if enc.lower().replace("-", "_") in ("shift_jis", "sjis", "cp932") else "utf-8"
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="{cs}">
<title>{e(title)}</title>
<meta name="description" content="{desc}">
<meta property="og:site_name" content="チャイナ・ビズ・ウォッチ">
<meta property="og:type" content="article">
{extra_meta}<link rel="stylesheet" href="/jpbiz/assets/site.css">
</head>
<body>
<header class="site-header"><div class="inner"><a class="logo" href="/jpbiz/index.html">チャイナ・ビズ・ウォッチ</a><span class="tagline">中国ビジネスの今を日本語で</span>
<nav class="gnav"><ul><li><a href="/jpbiz/index.html">トップ</a></li><li><a href="/jpbiz/news/index.html">ニュース</a></li><li><a href="/jpbiz/report.html">レポート</a></li><li><a href="/jpbiz/about.html">会社概要</a></li><li><a href="/jpbiz/contact.html">お問い合わせ</a></li></ul></nav></div></header>
"""


JP_FOOT = """<footer class="site-footer"><div class="inner">
<ul><li><a href="/jpbiz/about.html">会社概要</a></li><li><a href="/jpbiz/contact.html">お問い合わせ</a></li><li><a href="/jpbiz/privacy.html">プライバシーポリシー</a></li><li><a href="/jpbiz/terms.html">利用規約</a></li></ul>
<p>掲載記事・写真の無断転載を禁じます。すべての内容は日本の著作権法並びに国際条約により保護されています。</p>
<p class="copy">Copyright &copy; 2026 チャイナ・ビズ・ウォッチ(デモサイト) All Rights Reserved.</p>
</div></footer>
</body>
</html>
"""


def _jp_article(a) -> str:
    site = SITES["jpbiz"]
    enc = a.get("encoding", "utf-8")
    dt = _dt_of(a["published"])
    if a.get("date_style") == "slash":
        shown = f"公開日:{dt:%Y/%m/%d %H:%M}"
    else:
        shown = f"{dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M} 配信"
    meta = f'<meta property="article:published_time" content="{dt:%Y-%m-%dT%H:%M:%S}+09:00">\n' if a.get("meta_pubdate", True) else ""
    tags = "".join(f'<a class="tag" href="/jpbiz/news/index.html">{e(t)}</a>' for t in a.get("tags", []))
    return _jp_head(f'{a["title"]}|{site["channel"]}|{site["name"]}', _desc(a), enc, meta) + f"""<div class="breadcrumb"><a href="/jpbiz/index.html">ホーム</a> &gt; <a href="/jpbiz/news/index.html">ニュース</a> &gt; <span>{site["channel"]}</span></div>
<main class="container">
<article class="post">
<h1 class="post-title">{e(a["title"])}</h1>
<div class="post-meta"><time>{shown}</time> <span class="cat">{e(a.get("category", "投資・進出"))}</span> <span class="author">{e(a.get("author", "編集部"))}</span></div>
<div class="sns">この記事をシェア:<a href="#">X</a> <a href="#">Facebook</a> <a href="#">LINE</a> <a href="#">はてブ</a></div>
<div class="article-content">
{_paras(a)}
</div>
<div class="tags">{tags}</div>
<p class="note">※本記事は公開情報をもとに編集部が作成したものです。為替換算は記事作成時点の概算です。</p>
<section class="related"><h2>関連記事</h2><ul>
{_links(a.get("related"))}
</ul></section>
<section class="inquiry"><h2>お問い合わせ</h2><p>中国進出・現地法人設立のご相談はこちら。<br>チャイナ・ビズ・ウォッチ 調査サービス部<br>TEL:03-0000-1234(平日10:00-18:00)<br>E-mail:info@jpbiz.example</p></section>
</article>
<aside class="sidebar"><h3>アクセスランキング</h3><ol>
{_links(a.get("hot"))}
</ol><h3>メールマガジン</h3><p>毎週月曜日に中国の最新投資情報をお届けします。<a href="/jpbiz/contact.html">登録はこちら</a></p></aside>
</main>
""" + JP_FOOT


def _jp_list(items, page, pages) -> str:
    site = SITES["jpbiz"]
    dls = []
    for it in items:
        dt = _dt_of(it["published"])
        summ = e(it.get("summary", ""))
        dls.append(f'<dl class="news-item"><dt><time datetime="{dt:%Y-%m-%d}">{dt:%Y.%m.%d}</time></dt><dd><a href="{e(it["path"])}">{e(it["title"])}</a><p>{summ}</p></dd></dl>')
    return _jp_head(f'{site["channel"]}|{site["name"]}', "中国の開発区・産業園区への投資ニュース一覧", "utf-8") + f"""<div class="breadcrumb"><a href="/jpbiz/index.html">ホーム</a> &gt; <span>ニュース</span></div>
<main class="container"><section class="news-list"><h1>{site["channel"]}</h1>
{chr(10).join(dls)}
{_pager(site, "jpbiz", page, pages, "次へ", "前へ", "最初", "最後")}
</section>
<aside class="sidebar"><h3>カテゴリー</h3><ul><li><a href="/jpbiz/news/index.html">投資・進出</a></li><li><a href="/jpbiz/report.html">マクロ経済</a></li><li><a href="/jpbiz/about.html">会社概要</a></li><li><a href="/jpbiz/contact.html">お問い合わせ</a></li></ul></aside>
</main>
""" + JP_FOOT


# --------------------------------------------------------------------------
# parkblog: industrial-park investment blog
# --------------------------------------------------------------------------
def _pb_head(title, desc, extra_meta=""):
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<meta name="description" content="{desc}">
{extra_meta}<link rel="stylesheet" href="/parkblog/wp-content/themes/park/style.css">
</head>
<body class="blog">
<header id="masthead"><div class="site-branding"><a href="/parkblog/index.html" class="site-title">园区招商笔记</a><p class="site-description">一个招商老兵的园区观察 · 厂房选址 · 项目动态</p></div>
<nav id="site-navigation"><a href="/parkblog/index.html">首页</a> <a href="/parkblog/index.html">项目动态</a> <a href="/parkblog/changfang.html">厂房出售</a> <a href="/parkblog/about.html">关于博主</a> <a href="/parkblog/contact.html">联系合作</a></nav></header>
"""


PB_AGENT = """<div class="ad-box">
<p><strong>【厂房出售招商】</strong>成都、重庆、西安、武汉周边产业园区独栋及分层标准厂房出售/出租,首层承重3吨/平方米,可办理产权证,适合智能制造、电子信息、生物医药企业。</p>
<p>联系人:张先生 联系电话:028-8000 6789 手机:139 0000 2468(微信同号) 免费代办工商注册与政策申报。</p>
</div>"""

PB_FOOT = """<footer id="colophon"><p>&copy; 2026 园区招商笔记(演示站点) 版权所有 · 转载请注明出处</p>
<p>文章观点仅代表博主个人,不构成投资建议 · <a href="/parkblog/about.html">关于</a> · <a href="/parkblog/contact.html">联系</a></p>
<p>蜀ICP备20265555号-1 · Powered by WordPress</p></footer>
</body>
</html>
"""


def _pb_sidebar(a) -> str:
    return f"""<aside id="secondary"><section class="widget"><h2 class="widget-title">热门文章</h2><ul>
{_links(a.get("hot") if a else [])}
</ul></section><section class="widget"><h2 class="widget-title">分类目录</h2><ul><li><a href="/parkblog/index.html">项目动态</a></li><li><a href="/parkblog/changfang.html">厂房出售</a></li><li><a href="/parkblog/about.html">关于博主</a></li></ul></section></aside>"""


def _pb_article(a) -> str:
    site = SITES["parkblog"]
    dt = _dt_of(a["published"])
    meta = f'<meta property="article:published_time" content="{dt:%Y-%m-%dT%H:%M:%S}+08:00">\n' if a.get("meta_pubdate", True) else ""
    tags = " ".join(f'<a href="/parkblog/index.html" rel="tag">{e(t)}</a>' for t in a.get("tags", []))
    return _pb_head(f'{a["title"]} - {site["name"]}', _desc(a), meta) + f"""<div id="content" class="site-content"><main id="primary">
<article class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{e(a["title"])}</h1>
<div class="entry-meta">发表于 <time class="entry-date published" datetime="{dt:%Y-%m-%dT%H:%M:%S}+08:00">{dt:%Y-%m-%d}</time> · 作者 <span class="author">{e(a.get("author", "园区老张"))}</span> · 分类 <a href="/parkblog/index.html">{site["channel"]}</a> · 阅读 --</div></header>
<div class="entry-content article-content">
{_paras(a)}
</div>
{PB_AGENT}
<footer class="entry-footer">标签:{tags}</footer>
</article>
<nav class="post-navigation">{f'<a rel="prev" href="{e(a["prev"]["path"])}">上一篇:{e(a["prev"]["title"])}</a>' if a.get("prev") else ""} {f'<a rel="next" href="{e(a["next"]["path"])}">下一篇:{e(a["next"]["title"])}</a>' if a.get("next") else ""}</nav>
<section class="related-posts"><h3>相关文章</h3><ul>
{_links(a.get("related"))}
</ul></section>
<div id="comments"><h3>发表评论</h3><p>您的电子邮箱地址不会被公开。必填项已用*标注</p><form><p>评论 <textarea name="comment"></textarea></p><p>昵称* <input name="author"></p><p>邮箱* <input name="email"></p><p><input type="submit" value="发表评论"></p></form></div>
</main>
{_pb_sidebar(a)}
</div>
""" + PB_FOOT


def _pb_list(items, page, pages) -> str:
    site = SITES["parkblog"]
    arts = []
    for it in items:
        dt = _dt_of(it["published"])
        arts.append(f"""<article class="post"><h2 class="entry-title"><a href="{e(it["path"])}" rel="bookmark">{e(it["title"])}</a></h2>
<div class="entry-meta"><time datetime="{dt:%Y-%m-%dT%H:%M:%S}+08:00">{dt.year}年{dt.month}月{dt.day}日</time></div>
<div class="entry-summary"><p>{e(it.get("summary", ""))}</p><a class="more-link" href="{e(it["path"])}">继续阅读 &raquo;</a></div></article>""")
    return _pb_head(f'{site["name"]}' + (f" - 第{page + 1}页" if page else ""), "园区招商笔记:项目动态与厂房选址") + f"""<div id="content" class="site-content"><main id="primary">
{chr(10).join(arts)}
<nav class="navigation pagination">{_pager(site, "parkblog", page, pages, "下一页", "上一页", "首页", "尾页")}</nav>
</main>
{_pb_sidebar(None)}
</div>
""" + PB_FOOT


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------
_ART = {"gaoxin": _gx_article, "provnews": _pv_article, "jpbiz": _jp_article, "parkblog": _pb_article}
_LIST = {"gaoxin": _gx_list, "provnews": _pv_list, "jpbiz": _jp_list, "parkblog": _pb_list}


def render_article(site: str, article: dict) -> bytes:
    """Render one article page of `site`; returns the bytes as they go on disk."""
    enc = article.get("encoding") or SITES[site]["encoding"]
    return _encode(_ART[site](article), enc)


def render_list(site: str, items: list[dict], page: int, pages: int) -> bytes:
    """Render list page `page` (0-based; 0 -> index.html) of `pages` pages."""
    return _encode(_LIST[site](items, page, pages), SITES[site]["encoding"])


_PAGE_TEXT = {
    "gaoxin": ("关于本站", ["合肥高新区新闻中心是本演示系统虚构的园区新闻门户,用于展示园区动态、政策发布和企业服务信息。", "本页面不包含任何新闻稿件。"]),
    "provnews": ("关于我们", ["江淮在线是本演示系统虚构的省级新闻网站,设有经济、社会、房产、汽车等频道。", "广告合作及新闻线索请拨打新闻热线。"]),
    "jpbiz": ("会社概要", ["チャイナ・ビズ・ウォッチはデモ用に作られた架空のニュースサイトです。", "中国の開発区や産業園区に関する投資情報を日本語で配信しています。"]),
    "parkblog": ("关于博主", ["博主做了十多年园区招商,这里记录看到的项目动态和厂房选址经验。", "本博客为演示用途虚构。"]),
}
_CONTACT_TEXT = {
    "gaoxin": ("联系我们", ["地址:安徽省合肥市高新区示例路1号(演示地址)", "电话:0551-6555 0100 邮箱:news@gaoxin.example"]),
    "provnews": ("联系我们", ["新闻热线:0551-6300 0000", "广告热线:0551-6300 0001 传真:0551-6300 0002"]),
    "jpbiz": ("お問い合わせ", ["TEL:03-0000-1234(平日10:00-18:00)", "E-mail:info@jpbiz.example"]),
    "parkblog": ("联系合作", ["厂房咨询:139 0000 2468(张先生)", "合作投稿:blog@parkblog.example"]),
}


def render_page(site: str, title: str, paragraphs: list[str]) -> bytes:
    """A non-article page (about/contact) in the site's layout."""
    a = {"path": f"/{site}/x.html", "title": title, "published": "2026-01-01", "body_paragraphs": paragraphs}
    if site == "gaoxin":
        h = _gx_head(f"{title}_{SITES[site]['name']}", e(paragraphs[0][:60])) + f'<div class="crumbs w1200">您的位置:<a href="/gaoxin/index.html">首页</a> &gt; {e(title)}</div><div class="main w1200"><h2>{e(title)}</h2>{_paras(a)}</div>' + GX_FOOT + "</body></html>\n"
    elif site == "provnews":
        h = _pv_head(f"{title}_{SITES[site]['name']}", e(paragraphs[0][:60]), True) + f'<table width="960" align="center"><tr><td><b>{e(title)}</b><br>{"<br>".join(e(p) for p in paragraphs)}</td></tr></table>' + PV_FOOT
    elif site == "jpbiz":
        h = _jp_head(f"{title}|{SITES[site]['name']}", e(paragraphs[0][:60]), "utf-8") + f'<div class="breadcrumb"><a href="/jpbiz/index.html">ホーム</a> &gt; {e(title)}</div><main class="container"><h1>{e(title)}</h1>{_paras(a)}</main>' + JP_FOOT
    else:
        h = _pb_head(f"{title} - {SITES[site]['name']}", e(paragraphs[0][:60])) + f'<div id="content"><main id="primary"><h1>{e(title)}</h1>{_paras(a)}</main></div>' + PB_FOOT
    return _encode(h, SITES[site]["encoding"])



# --------------------------------------------------------------------------
# the demo articles (ALL TEXT INVENTED)
# --------------------------------------------------------------------------
def _path(site: str, published: str, num: int) -> str:
    d = _dt_of(published)
    if site == "gaoxin":
        return f"/gaoxin/news/{d:%Y%m}/t{d:%Y%m%d}_{num}.html"
    if site == "provnews":
        return f"/provnews/jingji/{d:%Y-%m}/{d:%d}/content_{num}.html"
    if site == "jpbiz":
        return f"/jpbiz/news/{d:%Y%m%d}/a{num}.html"
    return f"/parkblog/archives/{d:%Y/%m/%d}/{num}.html"


def _exp(is_deal=True, amount=None, currency="CNY", qualifier="exact", count=None,
         province=None, city=None, park=None, etype=None, edate=None, key=None,
         distractors=(), note="", accept=None):
    if not is_deal:
        amount = currency = qualifier = count = etype = edate = None
    return {
        "is_deal": is_deal, "amount_yi": amount, "currency": currency if amount is not None else None,
        "qualifier": qualifier if amount is not None else None, "project_count": count,
        "province": province, "city": city, "park": PARK_CANONICAL.get(park, park), "park_surface": park,
        "event_type": etype,
        "event_date": edate, "event_key": key,
        "event_type_accept": list(accept) if accept else ([etype] if etype else []), "distractors_yi": list(distractors), "note": note,
    }


ARTICLES: list[dict] = []

# expected.yaml uses the canonical zone names of seeds/gazetteer/zones.yaml; the text
# uses the long official forms (kept as park_surface).
PARK_CANONICAL = {
    "合肥经济技术开发区": "合肥经开区", "芜湖经济技术开发区": "芜湖经开区", "滁州经济技术开发区": "滁州经开区",
    "蚌埠高新技术产业开发区": "蚌埠高新区", "安庆高新技术产业开发区": "安庆高新区",
    "杭州经济技术开发区": "杭州经开区", "大连经济技术开发区": "大连经开区", "广州经济技术开发区": "广州经开区",
    "长沙经济技术开发区": "长沙经开区", "江宁经济技术开发区": "南京江宁开发区",
    "武汉东湖新技术开发区": "武汉东湖高新区", "重庆两江新区": "两江新区", "青岛西海岸新区": "西海岸新区",
}


def A(site, num, published, title, paras, exp, **extra):
    a = {"site": site, "path": _path(site, published, num), "title": title,
         "published": published, "body_paragraphs": paras, "expected": exp}
    if exp["is_deal"] and not exp.get("event_key"):
        exp["event_key"] = f"{site}-{num}-{exp['event_type']}"
    a.update(extra)
    ARTICLES.append(a)


HEFEI_KEY = "hefei-gaoxin-2026-11-15-signing-18"

# ---------------------------------------------------------------- gaoxin ---
A("gaoxin", 1046, "2026-11-16 09:30",
  "合肥高新区集中签约18个项目 总投资156.3亿元",
  ["11月15日下午,合肥高新区2026年第四季度重大项目集中签约活动在区政务服务中心举行。本次共有18个项目现场签约,总投资156.3亿元,涉及量子信息、集成电路、新能源汽车关键零部件和工业软件等方向。",
   "签约项目中,投资超过10亿元的项目有6个。其中,星河瑞达新材料有限公司拟投资32亿元建设高端电子级光刻胶材料基地,建成后预计年产值不低于40亿元;合肥澜芯微电子科技有限公司将建设车规级功率芯片封测产线,计划投资18.5亿元。",
   "区招商局负责人介绍,今年以来高新区累计签约亿元以上项目126个,协议总投资超860亿元,项目平均单体规模较去年同期明显提升。",
   "活动现场,高新区还与三家投资机构签署了产业基金合作备忘录。下一步,园区将实行“一个项目、一名专员、一套方案”的服务机制,推动签约项目早落地、早开工、早投产。"],
  _exp(True, 156.3, "CNY", "exact", 18, "安徽", "合肥", "合肥高新区", "signing", "2026-11-15", HEFEI_KEY, [32, 40, 18.5, 860],
       "Same event as provnews content_58213 (title there says 逾156亿). 860 is the cumulative year-to-date total; 32/18.5 are component projects; 40 is output."),
  meta_pubdate=True, source="高新区融媒体中心", author="记者 程思远", editor="陈一凡")

A("gaoxin", 1031, "2026-11-10 16:05",
  "总投资30亿8000万元 晶澜光电新型显示材料项目开工",
  ["昨天上午,合肥晶澜光电材料有限公司新型显示材料产业化项目在合肥高新区南岗片区开工建设。项目总投资30亿8000万元,规划用地约210亩,主要建设OLED发光材料和量子点膜生产线。",
   "据介绍,项目分两期实施,一期计划于2028年上半年建成投产,全部达产后年营收约45亿元,可带动上下游配套企业20余家集聚。",
   "晶澜光电成立于2019年,目前已在长三角布局两个研发中心。公司负责人表示,选择合肥高新区,看中的是这里完整的显示产业链和高效的审批服务:从签约到取得施工许可,仅用了不到四个月。"],
  _exp(True, 30.8, "CNY", "exact", 1, "安徽", "合肥", "合肥高新区", "groundbreaking", "2026-11-09", None, [45],
       "Mixed unit 30亿8000万元 = 30.8. 昨天 relative to published 2026-11-10. 年营收约45亿元 is revenue."),
  source="合肥高新区管委会", author="通讯员 宋佳")

A("gaoxin", 1018, "2026-11-03 10:12",
  "量子测控企业芯衡科技落户合肥高新区",
  ["日前,专注于量子测控系统研发的芯衡量子科技(合肥)有限公司正式落户合肥高新区,拟投资约8000万元建设研发中心及小批量试制线。",
   "芯衡量子由多名海外归国博士创办,今年上半年刚完成3亿元B轮融资,本次落户后将把总部及核心研发团队迁至合肥。",
   "高新区相关负责人表示,园区已集聚量子产业链企业七十余家,此次引进将进一步补齐测控环节短板。"],
  _exp(True, 0.8, "CNY", "about", 1, "安徽", "合肥", "合肥高新区", "settlement", None, None, [3],
       "约8000万元 = 0.8亿, qualifier about. 3亿元 B轮融资 is financing, not investment. 日前: event date unknown."),
  date_style="slash", source="高新区招商局")

A("gaoxin", 1009, "2026-10-27 15:40",
  "合肥高新区发布“高新英才计划”升级版 顶尖人才团队最高支持1000万元",
  ["10月26日,合肥高新区发布新版“高新英才计划”实施细则,从项目资助、住房保障、子女入学等方面对各类人才给予支持。",
   "细则明确,对引进的顶尖人才团队,经评审最高给予1000万元项目资助;对新认定的博士后工作站给予50万元建站补贴;对青年人才提供最长三年的免租人才公寓。",
   "据统计,近三年园区累计引进各类高层次人才1.2万余人。相关负责人表示,新政策将于12月1日起施行。"],
  _exp(False, note="Talent policy. 1000万元 subsidy cap and cumulative talent counts are not a deal."),
  meta_pubdate=True, date_style="cn", source="高新区人才办")

A("gaoxin", 992, "2026-10-20 11:20",
  "年产20GWh储能电池项目在高新区投产",
  ["10月18日,远拓储能科技(合肥)有限公司年产20GWh储能电池项目在合肥高新区正式投产,首批电芯下线。",
   "该项目总投资约62亿元,2025年3月开工,历时19个月建成。项目满产后预计年营业收入超过120亿元,新增就业岗位约2000个。",
   "当天,远拓储能还与园区内三家企业签订了电池管理系统供货协议。"],
  _exp(True, 62, "CNY", "about", 1, "安徽", "合肥", "合肥高新区", "production", "2026-10-18", None, [120],
       "Production start; 营业收入超过120亿元 is revenue. The 2025年3月 groundbreaking date is history, not the event."),
  meta_pubdate=True, source="高新区经贸局", author="记者 程思远")

A("gaoxin", 975, "2026-10-12 09:00",
  "前三季度合肥高新区主要经济指标稳中有进",
  ["记者从区经济运行分析会获悉,今年前三季度,合肥高新区实现地区生产总值1486.2亿元,同比增长7.9%;规模以上工业增加值增长10.4%。",
   "外贸方面,前三季度全区实现进出口总额702亿元,其中出口413亿元。固定资产投资同比增长12.1%,其中工业投资增长18.6%。",
   "截至9月底,园区累计引进项目超过2300个,高新技术企业总数突破2600家,上市企业总数达到41家。"],
  _exp(False, note="GDP / trade report: 地区生产总值, 进出口总额 and cumulative project counts are not deals."),
  source="高新区统计局")

A("gaoxin", 961, "2026-09-28 18:45",
  "合肥高新区赴沪招商 现场签约9个项目总投资逾45亿元",
  ["9月27日,合肥高新区2026年(上海)产业招商推介会在上海浦东举行,百余家企业和投资机构代表参会。",
   "推介会现场,高新区与9个项目签约,总投资逾45亿元,涵盖智能网联汽车软件、生物医药CRO、工业机器人等领域,项目将全部落地合肥高新区。",
   "据了解,这是高新区今年在上海举办的第二场专题推介会。上海某产业联盟负责人在会上表示,长三角一体化让企业在两地之间的布局更加灵活。"],
  _exp(True, 45, "CNY", "over", 9, "安徽", "合肥", "合肥高新区", "signing", "2026-09-27", None, [],
       "Venue is Shanghai (上海浦东) but the projects land in Hefei: city must be 合肥."),
  source="高新区招商局", author="记者 宋佳")

A("gaoxin", 948, "2026-09-15 14:30",
  "德企范特瑞传感器中国总部及生产基地落户合肥高新区 总投资1.2亿美元",
  ["9月14日,德国范特瑞传感器集团与合肥高新区签署投资协议,在园区设立范特瑞传感器(合肥)有限公司,建设中国区总部及汽车传感器生产基地,总投资1.2亿美元。",
   "范特瑞集团成立于1958年,全球年营收约18亿欧元,在12个国家设有工厂。这是该集团在亚洲设立的第三个生产基地。",
   "项目计划明年一季度开工,投产后主要面向国内新能源整车企业配套。"],
  _exp(True, 1.2, "USD", "exact", 1, "安徽", "合肥", "合肥高新区", "settlement", "2026-09-14", None, [18],
       "Currency USD (1.2亿美元). 18亿欧元 is the group's revenue.", accept=["settlement", "signing"]),
  meta_pubdate=True, date_style="cn", source="合肥高新区")

A("gaoxin", 930, "2026-09-03 08:50",
  "2026中国声谷人工智能产业峰会将于9月下旬举办",
  ["记者9月2日从合肥高新区获悉,2026中国声谷人工智能产业峰会将于9月24日至25日在高新区举行,主题为“智能语音与大模型应用”。",
   "峰会期间将举办主论坛、六场专题论坛和一场产品发布会,并安排重点项目签约环节,具体签约项目和金额将在会上发布。",
   "主办方介绍,本届峰会预计吸引国内外嘉宾800余人。目前中国声谷入驻企业已超过2000家,去年实现营收2000亿元以上。"],
  _exp(False, note="Conference preview: a future signing is announced but no deal has happened; 营收 is revenue."),
  source="高新区融媒体中心")

# -------------------------------------------------------------- provnews ---
A("provnews", 58213, "2026-11-16 08:12",
  "逾156亿元!合肥高新区一次签下18个项目",
  ["本网讯(记者 周岩)15日下午,合肥高新区举行重大项目集中签约仪式,现场签约项目18个,协议总投资156.3亿元。",
   "从产业分布看,集成电路和新型显示类项目7个,量子信息类项目4个,汽车电子和工业软件类项目7个。",
   "其中单体投资最大的是一个光刻胶材料基地项目,投资额32亿元。",
   "高新区有关负责人在仪式上表示,全区今年以来已累计签约亿元以上项目126个,将继续盯紧龙头企业开展产业链招商。"],
  _exp(True, 156.3, "CNY", "exact", 18, "安徽", "合肥", "合肥高新区", "signing", "2026-11-15", HEFEI_KEY, [156, 32],
       "Same event as gaoxin t20261116_1046. Title says 逾156亿元 (over), body gives the exact 156.3. 15日 = 2026-11-15."),
  meta_charset=True, br_body=True, author="记者 周岩", editor="刘晓晴")

A("provnews", 58177, "2026-11-13 17:26",
  "芜湖经开区12个新能源汽车零部件项目集中开工",
  ["11月12日,芜湖经济技术开发区举行四季度重大项目集中开工活动,12个新能源汽车零部件项目同时开工,总投资86.4亿元。",
   "开工项目包括一体化压铸车身件、热管理系统和智能座舱模组等。其中投资最大的压铸件项目由芜湖恒铸汽车零部件有限公司建设,投资额为十二亿元。",
   "今年以来,芜湖经开区已累计开工亿元以上项目58个。全部项目达产后,预计新增年产值210亿元。"],
  _exp(True, 86.4, "CNY", "exact", 12, "安徽", "芜湖", "芜湖经济技术开发区", "groundbreaking", "2026-11-12", None, [12, 210],
       "十二亿元 (Chinese numerals) is one component; 210亿 is expected output."),
  meta_charset=False, date_style="dash", author="通讯员 徐可 记者 周岩")

A("provnews", 58120, "2026-11-06 10:03",
  "前三季度我省进出口总额同比增长9.3%",
  ["记者从合肥海关获悉,前三季度,全省进出口总额6135.8亿元,同比增长9.3%,增速高于全国平均水平。",
   "其中,出口3912.4亿元,增长11.6%;进口2223.4亿元,增长5.5%。“新三样”产品出口表现亮眼,电动汽车出口额同比增长超过三成。",
   "从贸易方式看,一般贸易进出口占比提升至七成以上;民营企业进出口增长12.8%。"],
  _exp(False, province="安徽", note="Trade report: 进出口总额 is trade volume, not a deal."),
  meta_charset=True, author="记者 黄蕾")

A("provnews", 58064, "2026-10-30 09:48",
  "滁州经开区光伏玻璃项目投产 总投资近50亿元",
  ["10月29日,位于滁州经济技术开发区的皖东晶耀新能源材料有限公司光伏玻璃项目正式点火投产。",
   "该项目总投资近50亿元,建设4条日熔量1200吨的光伏压延玻璃生产线,全部达产后年产值不低于60亿元。",
   "晶耀新能源负责人介绍,项目首条产线从点火到出合格品用时不到一个月。"],
  _exp(True, 50, "CNY", "nearly", 1, "安徽", "滁州", "滁州经济技术开发区", "production", "2026-10-29", None, [60],
       "近50亿元 → nearly; 年产值不低于60亿元 is output (at_least applies to the distractor, not the deal)."),
  meta_charset=False, br_body=True, author="记者 孙晨")

A("provnews", 58001, "2026-10-22 15:15",
  "堃元生物基材料项目落户蚌埠高新区",
  ["10月21日,安徽堃元生物材料有限公司与蚌埠高新技术产业开发区签订投资协议,生物基可降解材料项目正式落户。",
   "项目总投资二十三亿元,分三期建设,主要生产聚乳酸及其改性材料。堃元生物董事长表示,公司去年营收约9亿元,此次在蚌埠建设的将是公司最大的生产基地。",
   "蚌埠高新区近年来持续打造生物基材料产业集群,目前已集聚相关企业40余家。"],
  _exp(True, 23, "CNY", "exact", 1, "安徽", "蚌埠", "蚌埠高新技术产业开发区", "settlement", "2026-10-21", None, [9],
       "二十三亿元 in Chinese numerals. Page declares gb2312 in meta but contains the GBK-only character 堃: a strict gb2312 decode fails.", accept=["settlement", "signing"]),
  meta_charset=True, author="记者 孙晨")

A("provnews", 57942, "2026-10-15 11:30",
  "安庆高新区集中签约16个项目 总投资约115亿元",
  ["14日,安庆高新技术产业开发区举行秋季招商引资项目集中签约活动,16个项目集中签约,总投资约115亿元。",
   "签约项目以化工新材料和高端装备为主,其中外资项目2个。一家签约企业负责人透露,公司刚刚完成的新一轮融资将全部投向安庆基地建设,融资规模为6亿元。",
   "今年1至9月,安庆高新区规上工业总产值增长14%。"],
  _exp(True, 115, "CNY", "about", 16, "安徽", "安庆", "安庆高新技术产业开发区", "signing", "2026-10-14", None, [6],
       "14日 without month: month from publish date (October). 融资6亿元 is financing."),
  meta_charset=False, date_style="dash", author="记者 王珂")

A("provnews", 57880, "2026-10-08 16:20",
  "我省出台措施支持开发区高质量发展",
  ["日前,省政府办公厅印发《关于支持开发区高质量发展的若干措施》,从扩区调区、要素保障、考核评价等方面提出20条措施。",
   "措施提出,省级财政每年安排专项资金10亿元,对综合排名靠前的开发区给予奖励;支持符合条件的省级开发区申报国家级开发区。",
   "据统计,全省现有省级以上开发区120余家,贡献了全省约六成的工业增加值。"],
  _exp(False, province="安徽", note="Policy news. 专项资金10亿元 is a budget, not a deal."),
  meta_charset=True, author="记者 黄蕾")

A("provnews", 57813, "2026-09-24 10:10",
  "合肥经开区智能装备产业园项目开工 总投资9800万元",
  ["9月23日,合肥经济技术开发区智能装备产业园项目开工奠基。项目总投资9800万元,建设标准化厂房和研发楼约4.2万平方米。",
   "项目建成后,将重点引进工业机器人零部件及检测设备企业,预计可容纳企业30家左右。",
   "经开区相关负责人表示,园区今年将新建标准化厂房超过50万平方米。"],
  _exp(True, 0.98, "CNY", "exact", 1, "安徽", "合肥", "合肥经济技术开发区", "groundbreaking", "2026-09-23", None, [],
       "Amount in 万元: 9800万元 = 0.98亿."),
  meta_charset=False, br_body=True, author="记者 王珂")

A("provnews", 57761, "2026-09-05 09:00",
  "2026世界制造业大会将于9月下旬在合肥举办",
  ["记者从4日召开的新闻发布会上获悉,2026世界制造业大会将于9月20日至23日在合肥举办。",
   "本届大会设置开幕式、主题论坛、专题展览等板块,展览面积约8万平方米,预计有1000余家企业参展。",
   "大会组委会表示,大会期间将集中发布一批制造业重大成果,并安排项目对接活动。"],
  _exp(False, province="安徽", note="Conference announcement, no deal."),
  meta_charset=True, author="记者 周岩")

# ----------------------------------------------------------------- jpbiz ---
A("jpbiz", 4471, "2026-11-18 10:05",
  "蘇州工業園区で42件のプロジェクトが調印、総投資額は310億元",
  ["江蘇省蘇州市の蘇州工業園区は11月17日、上海市内で投資説明会を開き、42件のプロジェクトと投資契約を結んだ。総投資額は310億元に上る。",
   "調印式は上海で行われたが、契約したプロジェクトはすべて蘇州工業園区内に立地する。分野は半導体装置、医療機器、ナノ材料などで、うち外資系企業は11社。",
   "同園区の今年1〜10月の実際使用外資額は約21億ドルで、前年同期比8%増となった。",
   "園区管理委員会の担当者は「来年も日本企業を含む外資の誘致に力を入れる」と話した。"],
  _exp(True, 310, "CNY", "exact", 42, "江苏", "苏州", "苏州工业园区", "signing", "2026-11-17", None, [21],
       "Venue is Shanghai, deal city is Suzhou. 実際使用外資額 約21億ドル is utilized FDI (a distractor)."),
  tags=["江蘇省", "蘇州", "投資契約"], summary="上海で開いた投資説明会で42件が調印。")

A("jpbiz", 4463, "2026-11-11 13:20",
  "武漢東湖高新区で光電子プロジェクトが着工、総投資額は約78億元",
  ["湖北省武漢市の武漢東湖新技術開発区(通称・光谷)で11月10日、光通信用チップの生産拠点プロジェクトが着工した。総投資額は約78億元。",
   "事業主体は地元の光電子メーカー、武漢瀾光通信技術有限公司。2029年の全面稼働を目指しており、稼働後の年間売上高は100億元を見込む。",
   "同開発区では今年、光電子関連の大型着工が相次いでいる。"],
  _exp(True, 78, "CNY", "about", 1, "湖北", "武汉", "武汉东湖新技术开发区", "groundbreaking", "2026-11-10", None, [100],
       "Shift_JIS page (meta charset=Shift_JIS, server sends no charset). 年間売上高100億元 is revenue."),
  encoding="shift_jis", tags=["湖北省", "武漢", "着工"], summary="光通信用チップの拠点、約78億元。")

A("jpbiz", 4450, "2026-11-04 09:40",
  "日系精密部品メーカー、成都高新区に新工場 投資額約1.5億ドル",
  ["精密部品メーカーの葵精密工業株式会社(本社・名古屋市)は11月3日、四川省成都市の成都高新技術産業開発区に新工場を設立すると発表した。投資額は約1.5億ドル(約230億円)。",
   "新工場では電気自動車向けのモーター部品を生産する。2028年春の稼働を予定し、約600人を現地で採用する計画だ。",
   "同社の2025年度の連結売上高は約1,900億円。中国での生産拠点は蘇州、天津に続き3カ所目となる。"],
  _exp(True, 1.5, "USD", "about", 1, "四川", "成都", "成都高新区", "settlement", "2026-11-03", None, [230, 1900],
       "Headline currency USD (約1.5億ドル); 約230億円 is the same amount converted; 連結売上高 1,900億円 is revenue."),
  date_style="slash", tags=["四川省", "成都", "日系企業"], summary="EV向けモーター部品の新工場。")

A("jpbiz", 4432, "2026-10-28 11:00",
  "西安高新区の半導体材料工場が生産開始、投資総額45億元",
  ["陝西省西安市の西安高新技術産業開発区で10月27日、半導体用シリコンウエハー材料の工場が生産を開始した。投資総額は45億元。",
   "運営する西安秦晶半導体材料有限公司は、今年前半に総額15億元の資金調達を実施しており、その一部を第2期の拡張に充てる。",
   "同社によると、フル稼働時の年間生産額は約70億元となる見込みだ。"],
  _exp(True, 45, "CNY", "exact", 1, "陕西", "西安", "西安高新区", "production", "2026-10-27", None, [15, 70],
       "資金調達15億元 is financing; 年間生産額 70億元 is output."),
  tags=["陝西省", "西安", "半導体"], summary="シリコンウエハー材料工場が稼働。")

A("jpbiz", 4418, "2026-10-21 18:00",
  "中国の1〜9月GDP、前年同期比4.9%増",
  ["中国国家統計局が10月20日に発表した1〜9月の国内総生産(GDP)は、物価変動の影響を除いた実質で前年同期比4.9%増だった。",
   "同期間の固定資産投資は3.1%増、社会消費品小売総額は4.4%増。製造業投資は8%を超える伸びを維持した。",
   "市場関係者の間では、第4四半期も緩やかな回復が続くとの見方が多い。"],
  _exp(False, note="Macro report, no deal."),
  date_style="slash", category="マクロ経済", tags=["マクロ経済"], summary="1〜9月の主要経済指標まとめ。")

A("jpbiz", 4401, "2026-10-14 10:30",
  "杭州経済技術開発区で25件が調印、総投資額200億元超",
  ["浙江省杭州市の杭州経済技術開発区は10月13日、重点プロジェクトの集中調印式を開き、25件の契約を交わした。総投資額は200億元を超える。",
   "契約案件はバイオ医薬、スマート製造、デジタル経済の3分野が中心。最大案件は創新薬の研究開発・生産拠点で、投資額は36億元。",
   "同開発区では今年に入ってから調印した案件が累計で140件、総投資額は900億元に達した。"],
  _exp(True, 200, "CNY", "over", 25, "浙江", "杭州", "杭州经济技术开发区", "signing", "2026-10-13", None, [36, 900],
       "200億元超 → over 200. 36 is a component; 900 is the year-to-date cumulative total."),
  tags=["浙江省", "杭州", "調印"], summary="25件が調印、バイオ医薬など。")

A("jpbiz", 4388, "2026-10-02 09:15",
  "大連経済技術開発区に日系化学メーカーが進出、投資額120億円",
  ["化学メーカーの北陽ケミカル株式会社(本社・大阪市)は10月1日、遼寧省大連市の大連経済技術開発区に電子材料の新工場を建設すると発表した。投資額は120億円。",
   "新工場は2028年の稼働を予定しており、半導体製造向けの高純度薬液を生産する。同社の連結売上高は約3,800億円で、海外売上高比率は4割を超える。",
   "大連には日系企業が多く集まっており、同社も既存の物流拠点を活用する。"],
  _exp(True, 120, "JPY", "exact", 1, "辽宁", "大连", "大连经济技术开发区", "settlement", "2026-10-01", None, [3800],
       "Currency JPY (120億円). 連結売上高 3,800億円 is revenue."),
  tags=["遼寧省", "大連", "日系企業"], summary="電子材料の新工場、120億円。")

A("jpbiz", 4370, "2026-09-22 14:45",
  "重慶両江新区で15件のプロジェクトが一斉着工、総投資額は約180億元",
  ["重慶市の両江新区で9月21日、15件の重点プロジェクトが一斉に着工した。総投資額は約180億元。",
   "新エネルギー車の部品、産業用ロボット、データセンターなどが含まれる。両江新区の担当者によると、今年に入ってからの着工プロジェクトは累計で230件、総投資額は2,100億元に上る。",
   "このうち最大の案件は自動車用電池部材の工場で、投資額は42億元。"],
  _exp(True, 180, "CNY", "about", 15, "重庆", "重庆", "重庆两江新区", "groundbreaking", "2026-09-21", None, [2100, 42],
       "Shift_JIS page. 2,100億元 is the cumulative year-to-date total; 42 is a component."),
  encoding="shift_jis", tags=["重慶", "着工"], summary="新エネ車部品など15件が着工。")

A("jpbiz", 4352, "2026-09-08 12:00",
  "広州開発区にバイオ企業が本部設立、投資額8億元",
  ["広東省広州市の広州経済技術開発区に9月7日、バイオ医薬品ベンチャーの広州康瑞生物科技有限公司が本部と研究開発センターを設立すると発表した。投資額は8億元。",
   "同社は今年、シリーズCで5億元を調達したばかり。新本部には約300人の研究者が入居する予定。",
   "広州開発区はバイオ医薬を重点産業に掲げ、関連企業の誘致を進めている。"],
  _exp(True, 8, "CNY", "exact", 1, "广东", "广州", "广州经济技术开发区", "settlement", "2026-09-07", None, [5],
       "シリーズC 5億元 is financing, not the deal."),
  date_style="slash", tags=["広東省", "広州", "バイオ"], summary="バイオベンチャーが本部設立。")

# -------------------------------------------------------------- parkblog ---
A("parkblog", 861, "2026-11-20 08:00",
  "长沙经开区集中签约20个项目,总投资约168亿元",
  ["昨天下午,长沙经济技术开发区举行重大项目集中签约活动,20个项目集中签约,总投资约168亿元。",
   "从我拿到的项目清单看,工程机械配套和新能源装备占了一多半,还有两个是软件和数据服务类的总部项目。其中投资最大的一个液压件项目,单体投资25亿元。",
   "长沙经开区这几年一直在做工程机械产业链的补链,今年以来已累计签约项目63个、总投资超过500亿元。对做配套的中小企业来说,这里的厂房需求还会持续一段时间。"],
  _exp(True, 168, "CNY", "about", 20, "湖南", "长沙", "长沙经济技术开发区", "signing", "2026-11-19", None, [25, 500],
       "昨天 → 2026-11-19. 25 is a component, 500 cumulative."),
  tags=["长沙", "集中签约"], summary="工程机械配套和新能源装备占了一多半。")

A("parkblog", 847, "2026-11-12 20:30",
  "【旧文重发】西永微电园芯片封测项目开工,总投资约26亿元",
  ["编者按:本文首发于2025年12月,近期有不少读者问起这个项目的进展,故重新整理发布,文中数据均为当时情况。",
   "12月8日,重庆西永微电子产业园区一个芯片封装测试项目开工,总投资约26亿元,由重庆渝芯封测科技有限公司投资建设。",
   "按照规划,项目分两期建设,全部达产后年产值不低于35亿元。厂房采用多层框架结构,一楼承重按照每平方米2吨设计。",
   "补充一句:项目一期目前已经封顶,具体进展我后面再单独写一篇。"],
  _exp(True, 26, "CNY", "about", 1, "重庆", "重庆", "重庆西永微电子产业园区", "groundbreaking", "2025-12-08", None, [35],
       "REPOST: published 2026-11-12 but the groundbreaking (12月8日) was in 2025, stated in the editor's note. 年产值不低于35亿元 is output."),
  tags=["重庆", "封测", "旧文"], summary="本文首发于2025年12月。")

A("parkblog", 832, "2026-11-05 09:10",
  "园区画像:西安高新区凭什么吸引半导体企业?",
  ["这篇不讲具体项目,聊聊西安高新区的整体情况,供正在选址的朋友参考。",
   "据园区公开介绍,西安高新区累计引进项目300个以上,总投资超1500亿元,已形成半导体、光子、智能终端等几个成规模的产业集群。",
   "从我们服务过的客户反馈看,这里的优势主要是高校资源和人才供给,短板是部分片区的标准厂房供应偏紧,租金这两年涨了一些。",
   "如果你的企业在考虑西北布局,欢迎找我聊聊具体的厂房和政策。"],
  _exp(False, province="陕西", city="西安", park="西安高新区",
       note="Park profile with only cumulative totals (累计引进项目300个 总投资超1500亿元): no deal."),
  tags=["西安", "园区画像"], summary="累计引进项目300个以上。")

A("parkblog", 818, "2026-10-29 07:45",
  "郑州航空港智能终端项目投产,总投资近40亿元",
  ["10月28日,郑州航空港经济综合实验区一个智能终端整机项目正式投产,总投资近40亿元。",
   "项目由豫航智能科技有限公司建设,主要生产平板电脑和智能穿戴设备,满产后年营收预计达到80亿元。",
   "航空港区这两年智能终端的配套越来越全,结构件、显示模组在园区内基本都能找到供应商。"],
  _exp(True, 40, "CNY", "nearly", 1, "河南", "郑州", "郑州航空港经济综合实验区", "production", "2026-10-28", None, [80],
       "近40亿元 → nearly; 年营收80亿元 is revenue."),
  tags=["郑州", "投产"], summary="满产后年营收预计80亿元。")

A("parkblog", 803, "2026-10-18 10:00",
  "南京江宁开发区迎来储能总部项目,投资不低于10亿元",
  ["10月16日,储能系统集成商宁储能源科技有限公司与南京江宁经济技术开发区签订协议,公司华东总部及研发中心项目落户江宁,投资不低于10亿元。",
   "宁储能源去年出货量位居行业前列,公司总资产约60亿元。这次落户的总部项目将包括研发中心、检测实验室和一条中试线。",
   "江宁开发区的储能产业这两年发展很快,我手上也有几个客户在看这边的厂房。"],
  _exp(True, 10, "CNY", "at_least", 1, "江苏", "南京", "江宁经济技术开发区", "settlement", "2026-10-16", None, [60],
       "不低于10亿元 → at_least. 总资产约60亿元 is total assets.", accept=["settlement", "signing"]),
  tags=["南京", "江宁", "储能"], summary="投资不低于10亿元。")

A("parkblog", 789, "2026-10-09 21:00",
  "近百亿!成都高新区签下12个项目",
  ["10月9日,成都高新区举行秋季重大项目集中签约仪式,当天共签署合作协议31项,其中集中签约项目12个,总投资97.6亿元。",
   "12个项目主要集中在生物医药和电子信息,其中有3个是世界500强企业的区域总部项目。剩下的19项协议主要是高校、医院和园区之间的合作协议,不涉及具体投资额。",
   "成都高新区今年以来在电子信息领域的进出口总额已经超过3000亿元,这个体量在中西部园区里是独一份的。"],
  _exp(True, 97.6, "CNY", "exact", 12, "四川", "成都", "成都高新区", "signing", "2026-10-09", None, [100, 3000],
       "Title 近百亿 vs exact 97.6 in the body. 31项协议 is not the project count (12). 进出口总额 is trade volume."),
  tags=["成都", "集中签约"], summary="31项协议,其中集中签约项目12个。")

A("parkblog", 774, "2026-09-26 15:00",
  "厂房选址避坑指南:看清这五项再签合同",
  ["最近不少客户在问买厂房要注意什么,总结五点经验:",
   "第一,看产权,确认是否能办独立产权证;第二,看承重和层高,设备进场前一定要核对;第三,看环评,有些园区对行业有限制;第四,看配套,电力容量和污水处理要提前问清楚;第五,看政策兑现,招商时承诺的补贴要写进合同。",
   "有具体需求的朋友可以直接联系我,成渝、西安、武汉几个园区的厂房资料都比较全。"],
  _exp(False, note="Agent blog post, no deal."),
  tags=["厂房", "选址"], summary="买厂房要注意的五点经验。")

A("parkblog", 760, "2026-09-17 11:30",
  "青岛西海岸新区海洋装备项目开工,总投资52亿元",
  ["9月16日,青岛西海岸新区海洋工程装备产业园项目开工,总投资52亿元,其中利用外资1.5亿美元。",
   "项目由青岛蓝海重工装备有限公司联合一家新加坡企业共同投资,主要建设海上风电安装平台和海工模块生产基地。",
   "据新区介绍,今年前8个月西海岸新区进出口总额超过1500亿元。"],
  _exp(True, 52, "CNY", "exact", 1, "山东", "青岛", "青岛西海岸新区", "groundbreaking", "2026-09-16", None, [1.5, 1500],
       "Headline 52亿元; 1.5亿美元 is the foreign-capital part; 进出口总额 is trade volume."),
  tags=["青岛", "开工"], summary="其中利用外资1.5亿美元。")

A("parkblog", 745, "2026-09-02 09:20",
  "光谷再落一个激光项目,总投资约十二亿元",
  ["9月1日,武汉华镭激光装备有限公司与武汉东湖新技术开发区签约,高功率激光器生产基地项目正式落户光谷,总投资约十二亿元。",
   "华镭激光总资产逾80亿元,此次落户的项目计划于明年开工。光谷的激光产业在全国有一定知名度,上下游配套比较齐全。",
   "对做激光配套的企业来说,光谷周边的厂房这两年还是比较抢手的。"],
  _exp(True, 12, "CNY", "about", 1, "湖北", "武汉", "武汉东湖新技术开发区", "settlement", "2026-09-01", None, [80],
       "约十二亿元 (Chinese numerals, about). 总资产逾80亿元 is total assets.", accept=["settlement", "signing"]),
  tags=["武汉", "光谷", "激光"], summary="总投资约十二亿元。")


# --------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------
PER_PAGE = 4


def _site_articles(site):
    arts = [a for a in ARTICLES if a["site"] == site]
    arts.sort(key=lambda a: _dt_of(a["published"]), reverse=True)
    return arts


def build(out: Path = ROOT) -> dict:
    import yaml

    counts = {}
    expected = {}
    for site in SITES:
        arts = _site_articles(site)
        counts[site] = len(arts)
        refs = [{"title": a["title"], "path": a["path"]} for a in arts]
        for i, a in enumerate(arts):
            a = dict(a)
            a["related"] = [r for r in refs if r["path"] != a["path"]][i % 3: i % 3 + 4]
            a["hot"] = refs[:5] if i >= 5 else refs[-5:]
            a["prev"] = refs[i + 1] if i + 1 < len(refs) else None
            a["next"] = refs[i - 1] if i > 0 else None
            data = render_article(site, a)
            enc = a.get("encoding") or SITES[site]["encoding"]
            data.decode(enc)  # must round-trip
            assert b"&#" not in data or enc == "utf-8", (a["path"], "unencodable char")
            p = out / a["path"].lstrip("/")
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            pdt = _dt_of(a["published"])
            ex = {"site": site, "title": a["title"], "published": pdt.strftime("%Y-%m-%d"),
                  "published_at": pdt.strftime("%Y-%m-%dT%H:%M:00"), "encoding": enc, **a["expected"]}
            expected[a["path"]] = ex
        pages = (len(arts) + PER_PAGE - 1) // PER_PAGE
        for pg in range(pages):
            items = arts[pg * PER_PAGE:(pg + 1) * PER_PAGE]
            p = out / list_url(site, pg).lstrip("/")
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(render_list(site, items, pg, pages))
        for fname, (title, paras) in (("about.html", _PAGE_TEXT[site]), ("contact.html", _CONTACT_TEXT[site])):
            (out / site / fname).write_bytes(render_page(site, title, paras))

    sites_yaml = {
        "sites": [
            {"prefix": "/gaoxin/", "charset_header": "utf-8", "file_encoding": "utf-8",
             "note": "modern portal, correct header"},
            {"prefix": "/provnews/", "charset_header": "utf-8", "file_encoding": "gbk",
             "note": "WRONG header: files are GBK. meta charset=gb2312 on index.html, index_2.html, about/contact and the articles listed in meta_gb2312; index_1.html and the other articles have no meta. content_58001 declares gb2312 but contains the GBK-only char 堃",
             "meta_gb2312": [a["path"] for a in ARTICLES if a["site"] == "provnews" and a.get("meta_charset", True)]},
            {"prefix": "/jpbiz/", "charset_header": None, "file_encoding": "utf-8",
             "file_encoding_exceptions": {a["path"]: "shift_jis" for a in ARTICLES if a.get("encoding") == "shift_jis"},
             "note": "no charset in header; every page has <meta charset>; two articles are Shift_JIS"},
            {"prefix": "/parkblog/", "charset_header": "utf-8", "file_encoding": "utf-8",
             "note": "agent blog, correct header"},
        ],
    }
    (out / "sites.yaml").write_text(
        "# How the demo server serves each folder of seeds/demo-site/ (generated by build_site.py).\n"
        "# charset_header: charset sent in Content-Type (null = plain \"text/html\"); file_encoding: real bytes on disk.\n"
        "robots: \"User-agent: *\\nAllow: /\\n\"\n"
        + yaml.safe_dump(sites_yaml, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / "expected.yaml").write_text(
        "# Ground truth for the demo articles, keyed by URL path (generated by build_site.py; all text invented).\n"
        "# amount_yi is in units of 1e8 of `currency`; qualifier in exact/over/about/nearly/at_least;\n"
        "# event_date null = not determinable (日前); event_key is shared by outlets reporting the same event.\n"
        + yaml.safe_dump(expected, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return counts


if __name__ == "__main__":
    print(build())
