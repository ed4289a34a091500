"""Cleaner rules for listing pages, forum threads, lead blocks and year-less bylines
(invented pages and facts)."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml.html import HtmlElement, document_fromstring

from extractors.page.clean import clean_html, node_lines
from extractors.page.lead import find_lead_lines
from extractors.page.textfilter import filter_text, find_entry_break, is_entry_header, is_post_stamp

CRAWLED = dt.date(2025, 6, 30)

POST_ONE = (
    "今天陪客户参观了南渡工业园的二期标准厂房，园区道路已经全部贯通，配套的职工公寓也在装修，"
    "招商中心的同事说年底前还会引进三家新材料企业，整个园区看起来比去年热闹多了。"
)
POST_TWO = (
    "上周去滨河物流园谈仓储合作，对方的冷链仓库刚刚投用，温控系统全部自动化，"
    "负责人介绍说明年还要扩建一座两万平方米的分拣中心，欢迎周边企业入驻。"
)
POST_THREE = (
    "整理了一下今年走访过的开发区，发现各地对研发型企业的租金补贴力度都不小，"
    "有的园区前三年免租，有的按营收返还，选址之前一定要把政策细则问清楚。"
)


def _page(body: str, head: str = "<title>园区笔记 | 某某博客</title>") -> bytes:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode("utf-8")


def _blog_post(title: str, stamp: str, text: str) -> str:
    return (
        f"<table class='entry'><tr><td class='post-title'>{title}</td><td>{stamp}</td></tr>"
        f"<tr><td class='post-body'>{text}</td></tr>"
        f"<tr><td><a href='/print?id=1'>[打印]</a></td></tr></table>"
    )


BLOG_ARCHIVE = _page(
    "<div class='side'><a href='/shelf'>博客书架</a></div><div class='posts'>"
    + _blog_post("二期厂房参观记 (图)", "2024-03-21 09:20:44", POST_ONE)
    + _blog_post("物流园见闻", "2024-03-18 16:05:10", POST_TWO)
    + _blog_post("开发区政策随笔", "2024-03-15 08:47:37", POST_THREE)
    + "</div>"
)


def test_blog_archive_keeps_the_first_post_only() -> None:
    page = clean_html(BLOG_ARCHIVE, crawled=CRAWLED)
    assert page.text.splitlines() == [POST_ONE]
    assert page.published == dt.date(2024, 3, 21)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("物流园见闻 2024-03-18 16:05:10", True),
        ("二期厂房参观记 (图) (2024年3月21日 09:20)", True),
        ("发布时间：2024-03-18 16:05", False),  # a byline label, not a post title
        ("2024-03-18 16:05:10", False),  # no title
        ("物流园见闻 2024-03-18", False),  # no clock time
        ("园区于2024年3月18日 16:05正式开园。", False),  # a sentence
    ],
)
def test_entry_headers(line: str, expected: bool) -> None:
    assert is_entry_header(line) is expected


def test_single_header_does_not_cut_an_article() -> None:
    lines = [POST_ONE, "物流园见闻 2024-03-18 16:05:10", POST_TWO]
    assert find_entry_break(lines) is None
    assert filter_text("\n".join(lines)).splitlines() == lines


FORUM_THREAD = "\n".join(
    [
        POST_ONE,
        POST_THREE,
        "------------------------------",
        "我的主页 http://home.example.cn/u/park2024",
        "〓 园区论坛 招商交流 发布时间 2024/03/15 22:36:13 by 南渡招商 〓",
        "顶一下",
        "二期厂房的租金是多少？有没有针对小微企业的优惠政策，麻烦楼主再详细说说，谢谢了。",
        "------------------------------",
        "〓 园区论坛 招商交流 发布时间 2024/03/16 01:08:28 by 路过 〓",
        "同问",
    ]
)


def test_forum_thread_keeps_the_first_post_without_signature() -> None:
    assert filter_text(FORUM_THREAD).splitlines() == [POST_ONE, POST_THREE]


def test_byline_under_a_lead_is_no_post_boundary() -> None:
    lines = [POST_ONE, "发布时间：2024-03-15 10:30", POST_TWO, POST_THREE, POST_TWO + POST_THREE, "更新时间：2024-03-16 09:00"]
    assert filter_text("\n".join(lines)).splitlines() == [POST_ONE, POST_TWO, POST_THREE, POST_TWO + POST_THREE]


def test_post_stamps() -> None:
    assert is_post_stamp("〓 园区论坛 发布时间 2024/03/15 22:36:13 by 南渡招商 〓")
    assert is_post_stamp("发表于 2024-3-15 22:36")
    assert not is_post_stamp("发布时间：2024-03-15")  # no clock time
    assert not is_post_stamp("南渡招商 2024-03-15 22:36")  # no publish label


def test_forum_widgets_and_topic_label_dropped() -> None:
    text = "\n".join(["主题： 二期厂房参观记", POST_ONE, "| 回复线索：", "| 主题已经关闭，停止回复．"])
    assert filter_text(text).splitlines() == [POST_ONE]


@pytest.mark.parametrize("marker", ["■相关链接", "★相关文章", "南渡产业网版权与免责声明："])
def test_decorated_and_site_led_tail_markers_cut(marker: str) -> None:
    text = "\n".join([POST_ONE, POST_TWO, marker, "园区二期项目开工(10/15 08:01)", "工作动态"])
    assert filter_text(text).splitlines() == [POST_ONE, POST_TWO]


def test_orphan_list_items_are_read_as_paragraphs() -> None:
    html = _page(
        "<table><tr><th>园区论坛-错误信息</th></tr>"
        "<tr><td><b>您在访问帖子的时候发生错误，共有2项，下面是错误的详细信息：</b></td></tr>"
        "<tr><td><li>错误的版面参数！请确认您是从有效的连接进入。</li></td></tr>"
        "<tr><td><li>请仔细阅读论坛帮助文件，确保您有相应的操作权限。</li></td></tr></table>",
        head="<title>园区论坛-错误信息</title>",
    )
    text = clean_html(html, crawled=CRAWLED).text
    assert "错误的版面参数！请确认您是从有效的连接进入。" in text.splitlines()
    assert "请仔细阅读论坛帮助文件，确保您有相应的操作权限。" in text.splitlines()


LEAD = "南渡工业园（Nandu Park），2009年3月18日设立，位于临江县东部，规划面积12平方公里，以新材料和装备制造为主导产业。"
BODY = [
    "园区设立之初以承接沿海产业转移为主，先后引进了一批金属加工和包装材料企业，逐步形成了上下游配套的产业链条。",
    "近年来园区加快转型，新建了研发孵化中心和标准厂房，重点招引锂电材料、智能装备等项目，入驻企业超过一百家。",
]


def _lead_tree(lead_attr: str, lead_text: str = LEAD, after: bool = False) -> HtmlElement:
    lead = f"<div {lead_attr}><div class='para'>{lead_text}</div></div>"
    body = "<div class='main-content'>" + "".join(f"<p>{x}</p>" for x in BODY) + "</div>"
    return document_fromstring(_page(body + lead if after else lead + body).decode("utf-8"))


def test_lead_block_above_the_article_is_restored() -> None:
    tree = _lead_tree("class='lemma-summary'")
    assert find_lead_lines(tree, BODY, None, node_lines) == [LEAD]


@pytest.mark.parametrize(
    ("attr", "after", "text"),
    [
        ("class='lemma-summary'", True, LEAD),  # below the article: not a lead
        ("class='sidebar-box'", False, LEAD),  # no lead class
        ("class='abstract'", False, BODY[0]),  # already in the text
        ("class='summary'", False, "".join(f"<a href='/{n}'>南渡工业园第{n}批签约项目集中开工仪式举行</a>" for n in range(3)) + "园区。"),
    ],
)
def test_lead_block_not_restored(attr: str, after: bool, text: str) -> None:
    assert find_lead_lines(_lead_tree(attr, text, after), BODY, None, node_lines) == []


def _yearless(body_id: str, links: str = "") -> bytes:
    return _page(
        f"<div id='{body_id}'><h1>南渡工业园二期厂房开工</h1><p>[06月24日 11時30分]</p>"
        + "".join(f"<p>{x}</p>" for x in BODY)
        + links
        + "</div>",
        head="<title>南渡工业园二期厂房开工</title>",
    )


def test_yearless_byline_dated_by_markup() -> None:
    assert clean_html(_yearless("news20230624_k100"), crawled=CRAWLED).published == dt.date(2023, 6, 24)


def test_yearless_byline_with_two_candidate_years_stays_undated() -> None:
    links = "<a href='/news/20220624/x.html'>往年今日</a>"
    assert clean_html(_yearless("news20230624_k100", links), crawled=CRAWLED).published is None


def test_yearless_byline_without_markup_year_stays_undated() -> None:
    assert clean_html(_yearless("article"), crawled=CRAWLED).published is None


def test_us_byline_is_read_month_first() -> None:
    html = _page(
        "<h1>南渡工业园二期厂房开工</h1><p>发布日期： 7/5/2024 9:23:57 PM</p>" + "".join(f"<p>{x}</p>" for x in BODY),
        head="<title>南渡工业园二期厂房开工</title>",
    )
    assert clean_html(html, crawled=CRAWLED).published == dt.date(2024, 7, 5)
