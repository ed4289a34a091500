"""Publish dates and titles of whole pages: invented pages, one for each failure class found on
real pages (a disclosure table's 成文日期, a publish-time meta of an unlisted name, an infobox
date, related lists and month ranges, site names in <title>)."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.page.clean import clean_html

CRAWLED = dt.date(2026, 1, 10)
PROSE = "园区管委会与企业签约，项目总投资十二亿元，建设新能源电池生产线，预计明年建成投产，年产值可达三十亿元。"


def page(head: str, body: str) -> bytes:
    """A small page: `head` inside <head>, `body` inside <body>."""
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode("utf-8")


def clean(html: bytes) -> tuple[str | None, dt.date | None]:
    """(title, publish date) of a page."""
    result = clean_html(html, crawled=CRAWLED)
    return result.title, result.published


def test_disclosure_table_document_date_beats_pubdate_meta() -> None:
    # A government information-disclosure page: the notice's own date (成文日期, also under
    # its signature) is the date; the posting meta and 发布日期 come a day later.
    html = page(
        "<title>某市人民政府关于划定产业园区范围的通知</title><meta name='PubDate' content='2023-03-09 00:00:00'>",
        "<table><tr><td>索 引 号：</td><td>0001/2023-00012</td></tr>"
        "<tr><td>发文机关：</td><td>某市人民政府</td><td>成文日期：</td><td>2023年03月08日</td></tr>"
        "<tr><td>发文字号：</td><td>某政发〔2023〕3号</td><td>发布日期：</td><td>2023年03月09日</td></tr></table>"
        f"<div class='content'><h2>某市人民政府关于划定产业园区范围的通知</h2><p>{PROSE}</p><p>{PROSE}</p>"
        "<p>某市人民政府</p><p>2023年3月8日</p></div>",
    )
    assert clean(html)[1] == dt.date(2023, 3, 8)


def test_page_without_disclosure_table_keeps_its_pubdate_meta() -> None:
    html = page(
        "<title>园区签约新能源项目</title><meta name='PubDate' content='2023-03-09 10:00:00'>",
        f"<h1>园区签约新能源项目</h1><p>发布日期：2023-03-09</p><p>{PROSE}</p>",
    )
    assert clean(html)[1] == dt.date(2023, 3, 9)


def test_publish_time_meta_of_an_unlisted_name() -> None:
    # A portal's own meta name (like apub:time) whose date is split over three spans on the page.
    html = page(
        "<title>园区签约新能源项目</title><meta name='xpub:time' content='2021-7-5 09:12:40'>",
        "<h1>园区签约新能源项目</h1><div><span>2021</span></div><div>07/05</div><div>09:12</div>"
        f"<p>{PROSE}</p><p>{PROSE}</p>",
    )
    assert clean(html)[1] == dt.date(2021, 7, 5)


def test_publisher_meta_is_no_date() -> None:
    html = page(
        "<title>园区签约新能源项目</title><meta name='publisher' content='某某日报 2019-01-01'>",
        f"<h1>园区签约新能源项目</h1><p>{PROSE}</p><p>{PROSE}</p>",
    )
    assert clean(html)[1] is None


def test_infobox_event_date_is_no_publish_date() -> None:
    # An encyclopedia-like page: the only dates are fields of a data box above the article
    # (founded, listed); they date events, not the page.
    html = page(
        "<title>某某新材料公司 - 百科</title>",
        "<h1>某某新材料公司</h1><table class='infobox'>"
        "<tr><td>成立</td><td>2003年6月18日，20年前（2003-06-18）</td></tr>"
        "<tr><td>上市</td><td>2010年11月2日，深交所</td></tr></table>"
        f"<p>某某新材料公司是一家位于高新区的企业。{PROSE}</p><p>{PROSE}</p>",
    )
    assert clean(html)[1] is None


def test_month_range_and_related_list_give_no_date() -> None:
    html = page(
        "<title>前三季度园区经济稳中向好</title>",
        "<h1>前三季度园区经济稳中向好</h1>"
        f"<p>2022年1-9月，园区规上工业增加值增长百分之八。{PROSE}</p><p>{PROSE}</p>"
        "<div class='related'><h3>相关新闻</h3><ul><li><a href='/a'>园区召开工作会议</a> 2022-10-08</li>"
        "<li><a href='/b'>园区举行招商推介会</a> 2022-10-06</li></ul></div>"
        "<div class='footer'>版权所有 某某园区管委会 更新时间：2022-10-12</div>",
    )
    assert clean(html)[1] is None


def test_date_line_closing_the_article_still_dates_it() -> None:
    # Some CMSs print 发布日期 under the article's last paragraph, above the footer.
    html = page(
        "<title>园区签约新能源项目</title>",
        "<div>现在位置：首页 >> 园区新闻</div><h3>园区签约新能源项目</h3><p>来源于：园区办公室</p>"
        f"<div class='text'><p>{PROSE}</p><p>{PROSE}</p></div>"
        "<p>发布日期：2020-05-14 责任编辑：王某</p><p>【打印本页】【关闭窗口】</p>"
        "<div class='footer'>版权所有 某某园区 更新时间：2020-06-01</div>",
    )
    assert clean(html)[1] == dt.date(2020, 5, 14)
