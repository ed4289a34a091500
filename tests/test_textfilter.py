"""Line-level CJK debris filter, on invented debris text and on the shared seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractors.page.clean import clean_text
from extractors.page.textfilter import filter_text, is_tail_marker

SEEDS = Path("/work/shared/seeds")

ARTICLE = [
    "6月17日，临江县人民政府与恒泰新材料科技股份有限公司举行锂电池隔膜生产基地项目签约仪式。",
    "该项目落户云溪经济开发区，总投资12亿元，用地约260亩，建设8条湿法隔膜生产线及配套涂覆车间。",
    "县委书记表示，将全力做好要素保障，推动项目早开工、早投产、早见效，相关新闻发布会将于下周举行。",
]

DEBRIS_TEXT = "\n".join(
    [
        "当前位置：首页 > 招商引资 > 招商动态",
        "网站首页 | 政务公开 | 招商引资 | 办事服务",
        "临江县与恒泰新材料签约12亿元锂电隔膜项目",
        "发布时间：2021-06-18 09:32 来源：县招商服务中心 浏览次数：256",
        "分享到：微信 微博 QQ空间",
        *ARTICLE,
        "（责任编辑：周宁）",
        "相关阅读",
        "南湖新区签约9个项目总投资516亿元",
        "北塘产业园30亿元芯片封测项目开工",
        "网友评论",
        "用户名：",
        "验证码：",
        "版权所有：临江县人民政府 皖ICP备05012345号-1",
    ]
)


def test_invented_debris_text() -> None:
    page = clean_text(DEBRIS_TEXT, crawled=dt.date(2025, 1, 1))
    assert page.title == "临江县与恒泰新材料签约12亿元锂电隔膜项目"
    assert page.published == dt.date(2021, 6, 18)
    assert page.text.splitlines() == ARTICLE
    assert page.encoding is None and page.lang == "zh-Hans"


def test_mid_paragraph_mention_does_not_truncate() -> None:
    text = "\n".join(ARTICLE + ["相关新闻报道称，园区二期工程将于明年开工，计划再引进一批上下游配套企业。"])
    assert filter_text(text).splitlines()[-1].startswith("相关新闻报道称")


def test_marker_near_top_only_drops_the_line() -> None:
    text = "\n".join(["相关阅读", *ARTICLE])
    assert filter_text(text).splitlines() == ARTICLE


@pytest.mark.parametrize("line", ["相关新闻", "【相关阅读】", "免责声明：本网站所刊登的稿件均有来源。", "网友评论", "产业招商/厂房租售：400 0123 021"])
def test_tail_markers(line: str) -> None:
    assert is_tail_marker(line)


def test_agent_contact_block_dropped() -> None:
    text = "\n".join(ARTICLE + ["李经理微信号", "产业招商/厂房土地租售：400 8888 6666", "或微信/手机：13912345678", "扫一扫关注公众号"])
    assert filter_text(text).splitlines() == ARTICLE


def _seed(prefix: str) -> str:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.fail(f"seed {prefix} missing from {SEEDS}: the tests need ../shared/seeds")
    return matches[0].read_text("utf-8")


def test_seed_001_debris() -> None:
    page = clean_text(_seed("001"))
    for debris in ("免责声明", "网友评论", "用户名", "密码", "验证码", "请选择您浏览此资讯时的心情", "相关资讯", "主办单位", "您的位置", "我来说两句"):
        assert debris not in page.text, debris
    assert "成都高新区日前与世界500强美国通用电气公司正式签约" in page.text
    assert "累计引进各类功能性平台109个" in page.text
    assert page.published == dt.date(2022, 11, 4)
    assert page.title == "成都高新区坚持把科技创新作为大健康产业高质量发展的核心推动力"


def test_seed_003_related_list_and_agent_block() -> None:
    page = clean_text(_seed("003"))
    for debris in ("516亿", "180.4亿", "标准厂房出售", "135246785", "400 0123 021", "扫一扫", "相关文章", "版权声明", "分享给朋友", "勋章级别"):
        assert debris not in page.text, debris
    assert "总投资约20亿元" in page.text
    assert "重庆国际生物城相关负责人表示" in page.text
    assert page.published == dt.date(2022, 5, 25)


def test_seed_004_footer_and_byline() -> None:
    page = clean_text(_seed("004"))
    for debris in ("责任编辑", "版权所有", "ICP备", "设为首页", "举报电话", "来源:华西都市报", "Copyright"):
        assert debris not in page.text, debris
    assert "计划投资总额204.5亿元" in page.text
    assert "其中38家是世界500强企业" in page.text
    assert page.published == dt.date(2020, 11, 20)


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_clean_japanese_seeds_keep_everything(prefix: str) -> None:
    raw = _seed(prefix)
    page = clean_text(raw)
    assert page.lang == "ja"
    kept = "".join(page.text.split())
    body = [ln.strip() for ln in raw.splitlines() if len(ln.strip()) > 60]
    assert all("".join(ln.split()) in kept for ln in body)


def test_gov_portal_ending_is_cut() -> None:
    text = "\n".join(
        ARTICLE
        + ["扫一扫在手机打开当前页", "【打印本页】 【关闭窗口】", "上一篇：南湖新区签约9个项目总投资516亿元", "下一篇：北塘产业园开工"]
    )
    assert filter_text(text).splitlines() == ARTICLE


def test_project_facts_with_labels_survive() -> None:
    line = "项目来源：招商局；对接时间：4月"
    assert filter_text("\n".join(ARTICLE + [line])).splitlines()[-1] == line


def test_wechat_promotions_and_end_bylines_dropped() -> None:
    text = "\n".join(
        ARTICLE + ["新京报记者 陆一夫", "编辑 刘晓阳 校对 李铭", "点击菜单栏【便民服务】解锁更多服务！", "看都看完了，点【在看】试试", "关注该公众号"]
    )
    assert filter_text(text).splitlines() == ARTICLE


def test_event_date_in_first_sentence_is_not_the_publish_date() -> None:
    page = clean_text("2021年6月17日，临江县与恒泰新材料签约\n" + "\n".join(ARTICLE), crawled=dt.date(2025, 1, 1))
    assert page.published is None
    assert page.text.startswith("2021年6月17日，临江县与恒泰新材料签约")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.example.gov.cn/zsdt/202106/t20210618_3456789.html", dt.date(2021, 6, 18)),
        ("http://www.example.com/local/2020-02/19/c_1125597921.htm", dt.date(2020, 2, 19)),
        ("http://www.example.org/detail/20200102/10002.html", dt.date(2020, 1, 2)),
        ("http://www.example.cn/news/2020/1120/88.html", dt.date(2020, 11, 20)),
        ("http://www.example.cn/a/12345678.html", None),
        ("http://www.example.cn/2099-01/01/x.html", None),
    ],
)
def test_dates_from_urls(url: str, expected: dt.date | None) -> None:
    assert clean_text("\n".join(ARTICLE), url=url, crawled=dt.date(2025, 1, 1)).published == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("発行日：令和4年9月14日", dt.date(2022, 9, 14)),
        ("公開日　２０２２年９月１４日", dt.date(2022, 9, 14)),
        ("平成30年4月1日", dt.date(2018, 4, 1)),
        ("令和元年5月1日更新", dt.date(2019, 5, 1)),
        ("2020年11月20日11:18 来源：华西都市报", dt.date(2020, 11, 20)),
        ("9/17/2004 5:54:13 AM", dt.date(2004, 9, 17)),
    ],
)
def test_byline_dates(line: str, expected: dt.date) -> None:
    page = clean_text("某某产业园新签约三个项目\n" + line + "\n" + "\n".join(ARTICLE), crawled=dt.date(2025, 1, 1))
    assert page.published == expected
    assert line not in page.text
