"""Shell tests on a subset of real page shells (the full run is in bench/clean_eval.py), plus
the page-shell rules they led to, on invented pages and facts."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.page import layout
from extractors.page.clean import clean_html
from extractors.page.pubdate import parse_date_text
from tests import shells

# Shells from every corpus folder that pass today: each must keep passing every known text.
CI_SHELLS = (
    "trafilatura-eval/banyuetan.org.1000200033136171577956287380194268_1.html",
    "mozilla-readability/gmw",
    "mozilla-readability/qq",
    "chinese-web-content-extraction-dataset/33a95b71-b49b-42c1-9c0a-ab8e3feba3cf",
    "chinese-web-content-extraction-dataset/3832838a-d7ea-4da5-86ac-90de11124ab6",
    "gne-tests/tests/163/1.html",
    "gne-tests/tests/gzggw/1.html",
    "gne-tests/tests/sina/2.html",
    "gne-tests/tests/guancha/guancha.html",
    "gne-tests/tests/thepaper/5.html",
)
CRAWLED = dt.date(2025, 6, 30)


def _rows() -> dict[str, dict]:
    return {f"{row['corpus']}/{row['id']}": row for row in shells.manifest_rows()}


def test_dev_corpus_is_readable() -> None:
    """The shells come from ../shared/corpus: a missing corpus must fail, not skip."""
    rows = _rows()
    assert all(name in rows for name in CI_SHELLS)


@pytest.mark.parametrize("name", CI_SHELLS)
def test_shell_gives_back_every_known_text(name: str) -> None:
    result = shells.run_shell(_rows()[name])
    assert result.skipped is None
    assert result.variants == 2 * len(shells.KNOWN_TEXTS)
    assert not result.leaked, result.leaked[:5]
    assert not result.lost, result.lost[:5]
    assert result.titles_ok == result.titles


def _page(body: str, title: str = "园区新闻") -> bytes:
    head = f"<meta charset='utf-8'><title>{title}</title>"
    return f"<html><head>{head}</head><body>{body}</body></html>".encode("utf-8")


ARTICLE = (
    "<p>6月3日，云岭新区与两家企业签订合作协议，项目总投资约12亿元，将建设储能电池模组生产线和配套研发中心。</p>"
    "<p>新区表示，项目计划年内开工，建成后预计年产值20亿元，新增就业岗位约600个。</p>"
)


def test_data_table_rows_read_as_one_line_each() -> None:
    table = (
        "<table><tr><td>地块</td><td>面积</td><td>用途</td></tr>"
        "<tr><td>A-3</td><td>45亩</td><td>工业</td></tr></table>"
    )
    page = clean_html(_page(f"<div class='content'>{ARTICLE}{table}</div>"), crawled=CRAWLED)
    assert "地块 面积 用途" in page.text.splitlines()
    assert "A-3 45亩 工业" in page.text.splitlines()


def test_footer_link_bar_and_promotion_lines_are_dropped() -> None:
    footer = (
        "<div>关于我们 | 网站公告 | 联系方式 | 广告服务 | 友情链接</div>"
        "<p>（更多资讯请继续关注 园区在线 www.example-park.cn）</p>"
        "<div>http://news.example-park.cn 2024年03月02日 10:15 园区日报</div>"
    )
    page = clean_html(_page(f"<div class='content'>{ARTICLE}{footer}</div>"), crawled=CRAWLED)
    assert page.text.splitlines() == [
        "6月3日，云岭新区与两家企业签订合作协议，项目总投资约12亿元，将建设储能电池模组生产线和配套研发中心。",
        "新区表示，项目计划年内开工，建成后预计年产值20亿元，新增就业岗位约600个。",
    ]


def test_logo_heading_ending_the_title_is_the_site_not_the_headline() -> None:
    body = f"<h1 class='logo'>云岭在线</h1><div class='content'>{ARTICLE}</div>"
    page = clean_html(_page(body, title="云岭新区签约储能项目 云岭在线"), crawled=CRAWLED)
    assert page.title == "云岭新区签约储能项目"


def test_month_ranges_are_no_dates() -> None:
    assert parse_date_text("2024年1-9月，园区规上工业增加值增长8%", CRAWLED) is None
    assert parse_date_text("2024年1-9日举办", CRAWLED) == dt.date(2024, 1, 9)


def test_date_never_from_a_related_list_below_the_article() -> None:
    body = (
        "<h1>云岭新区签约储能项目</h1>"
        f"<div class='content'>{ARTICLE}</div>"
        "<div><h3>往期新闻</h3><p>新区召开招商推介会 2023-11-20</p></div>"
    )
    page = clean_html(_page(body, title="云岭新区签约储能项目"), crawled=CRAWLED)
    assert page.published is None


def test_sidebar_headings_are_no_title_and_menus_above_the_article_go() -> None:
    sidebar = "<h1>导航</h1><h1>站点统计</h1><h1>公告</h1>"
    menu = "".join(f"<div><a href='/c{i}'>{name}</a></div>" for i, name in enumerate(
        ["园区动态", "招商政策", "企业风采", "人才服务", "联系我们", "图片新闻"]))
    body = f"{sidebar}<div>{menu}</div><div class='content'>{ARTICLE}</div>"
    page = clean_html(_page(body, title=""), crawled=CRAWLED)
    assert page.title is None
    assert page.text.splitlines()[0].startswith("6月3日，云岭新区")


def test_trackback_counter_and_vertical_text_lines_are_dropped() -> None:
    extra = (
        "<p>今</p><p>日</p><p>推</p><p>荐</p>"
        "<p>(本文发表于园区博客, 已被阅读236次)</p>"
        "<p>Trackback: http://blog.example-park.cn/tb?id=42</p>"
    )
    page = clean_html(_page(f"<div class='content'>{ARTICLE}{extra}</div>"), crawled=CRAWLED)
    assert len(page.text.splitlines()) == 2


def test_headline_without_a_usable_title_is_not_body_text() -> None:
    """A page whose <title> is only a greeting: the bold or heading-class headline above the
    article's own block is not its first line."""
    for head in (
        "<table><tr><td><b><font size='3'>云岭新区签约储能项目</font></b></td></tr></table>",
        "<div class='Heading'>云岭新区签约储能项目</div>",
    ):
        page = clean_html(_page(f"{head}<div class='content'>{ARTICLE}</div>", title="欢迎访问本站"), crawled=CRAWLED)
        assert page.text.splitlines()[0].startswith("6月3日，云岭新区"), page.text


def test_bold_subheading_inside_the_article_stays() -> None:
    body = f"<div class='content'><p><strong>一、项目概况</strong></p>{ARTICLE}</div>"
    page = clean_html(_page(body, title="欢迎访问本站"), crawled=CRAWLED)
    assert page.text.splitlines()[0] == "一、项目概况"


def test_article_wrapped_in_a_small_form_is_kept() -> None:
    body = f"<form name='newscontent'><div>{ARTICLE}</div></form><form><input name='q'>搜索</form>"
    page = clean_html(_page(body), crawled=CRAWLED)
    assert "新增就业岗位约600个" in page.text


def test_next_story_block_and_copyright_clauses_are_dropped() -> None:
    short = "<p>受线路检修影响，云岭新区北片区将于5月9日9时至17时停电，请各企业提前安排生产。</p>"
    after = (
        "<div class='post_next_post'><div>阅读下一篇</div><p>据气象部门消息，本周末全省大部地区"
        "将迎来降温降雨天气，最高气温下降八到十度，请注意添衣保暖，出行注意安全。</p></div>"
        "<p>① 凡本网注明“来源：云岭在线”的所有作品，版权均属于云岭在线，未经本网授权不得转载。</p>"
        "<p>※ 联系电话：0871--65550123</p>"
    )
    page = clean_html(_page(f"<div class='content'>{short}</div>{after}"), crawled=CRAWLED)
    assert page.text.splitlines() == [
        "受线路检修影响，云岭新区北片区将于5月9日9时至17时停电，请各企业提前安排生产。"
    ]


def test_sidebar_cell_beside_the_article_and_blog_nav_lines_are_dropped() -> None:
    side = "<td><a href='/u/7'><u>山月</u></a> [作者简介]<p>[山月]文章分类</p></td>"
    body = (
        f"<table><tr><td class='main'>{ARTICLE}"
        "<p>上一篇的标题- -| 回首页 | 2024年索引 | - -下一篇的标题</p>"
        "<p>你可以使用这个链接引用该篇文章 http://blog.example-park.cn/tb?id=9</p></td>"
        f"{side}</tr></table>"
    )
    page = clean_html(_page(body), crawled=CRAWLED)
    assert len(page.text.splitlines()) == 2, page.text


def test_byline_pieces_in_the_head_are_dropped() -> None:
    head = "<p>云岭新区签约储能项目</p><p>李明</p><p>连载：</p><p>园区观察 出版社：云岭出版社 作者：李明</p>"
    page = clean_html(_page(f"<div class='content'>{head}{ARTICLE}</div>", title="云岭新区签约储能项目"), crawled=CRAWLED)
    assert page.text.splitlines()[0].startswith("6月3日，云岭新区"), page.text


def test_short_notice_without_headline_beats_a_comment_thread_below() -> None:
    """The density stage's longer block below a finished short notice is not the article when
    the page shows no headline to measure from."""
    notice = ["受线路检修影响，云岭新区北片区将于5月9日9时至17时停电，请各企业提前安排生产。"]
    thread = ["# re: 北片区停电 2024-05-01 10:11 用户1", "收到，我们公司已经提前安排好了生产计划，感谢园区及时通知，辛苦了。"]
    page_lines = ["园区首页", *notice, "网友留言", *thread]
    assert layout.starts_nearer_headline(notice, thread, page_lines, None)
    assert not layout.starts_nearer_headline(["受线路检修影响，云岭新区北片区将于5月9日停电，请各企业提前安排生产"],
                                             thread, page_lines, None)


def test_reader_comments_far_below_a_dropped_marker_are_not_the_article() -> None:
    boxes = "".join(f"<div><a href='/n{i}'>园区另一条新闻标题{i}</a></div><div>{i}</div>" for i in range(20))
    comments = (
        "<div class='hot'><h3>热门评论</h3><div><a href='/u/1'>网友甲</a></div>"
        "<div>1998年，园区第一家外资企业落户，比周边城市早了整整三年时间。</div></div>"
    )
    page = clean_html(_page(f"<div class='content'>{ARTICLE}</div><div>{boxes}</div>{comments}"), crawled=CRAWLED)
    assert len(page.text.splitlines()) == 2, page.text


def test_page_without_a_headline_keeps_no_short_head_lines_but_the_salutation() -> None:
    """When the page writes no headline the title names, short lines above the first sentence
    are its head (a slogan, a chapter label); a salutation ending in a colon is the text's."""
    body = (
        "<table><tr><td>敢为人先</td><td>实干兴园</td></tr></table>"
        "<div class='content'><p><b>*第二编 产业</b></p><p>各入园企业：</p>"
        "<p>一、项目概况</p>" + ARTICLE + "</div>"
    )
    page = clean_html(_page(body, title="园区史话<某某园区网"), crawled=CRAWLED)
    assert page.text.splitlines()[:2] == ["各入园企业：", "一、项目概况"], page.text
