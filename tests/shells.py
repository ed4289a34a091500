"""Shell tests: real page shells around known article texts.

For a real page (read from ../shared/corpus at run time, never copied), the article
container is the deepest block element holding most of the page's article text (the gold
text where the corpus has one, else the cleaner's own output). All its children are
replaced by a known text written for these tests (invented facts), so share bars, related
lists or a forum post's stamp inside the container go with them (not tested here); the rest
of the page stays. The cleaner must give the
known text back exactly (white space aside): every shell line that survives is a leak,
every known line missing is a loss.

Pieces of the original article outside the container (a summary box, a lede or caption
above it) are removed too: a real crawl would rightly keep them, so a shell holding them
has no single right answer. Only prose pieces go (PIECE_MIN_CHARS, punctuated); the
original headline stays where the page has it. In the untitled variants it is the only
headline of the page, and it is not body text (the human gold texts of the dev corpus leave
it out), so the cleaner must drop it like any other line of the page head. In the titled
variants it is replaced by the known title wherever the page writes it whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml.html import HtmlElement, fragment_fromstring, tostring

from extractors.page import metadata
from extractors.page.clean import clean_html, parse_html
from extractors.page.encoding import decode_html, maybe_gunzip

# The dev corpus beside the repository (../shared), read at run time and never copied.
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "html-dev"

# Tags that can hold an article's paragraphs (a <p> or <table> container is widened to these).
CONTAINER_TAGS = frozenset({"div", "td", "article", "section", "main", "dd", "li", "center", "blockquote", "form"})
# A container holds at least this share of the located article text.
CONTAINER_SHARE = 0.8
# Article lines shorter than this (white space excluded) do not vote for the container.
ANCHOR_MIN = 8
# Characters of a line used to find it in the page.
ANCHOR_CHARS = 24
# Original article lines outside the container this long, with sentence punctuation, are
# pieces of the article (summary, lede), removed with it; shorter ones (headline) stay.
PIECE_MIN_CHARS = 30
PIECE_PUNCT_RE = re.compile(r"[，。；！？,.;!?、]")
WS_RE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without white space."""
    return WS_RE.sub("", text or "")


# ---------------------------------------------------------------------------
# Known texts (written for these tests; every fact invented)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownText:
    """An article as HTML blocks plus the lines the cleaner must return."""

    name: str
    title: str
    blocks: tuple[str, ...]  # HTML of each block, in order
    lines: tuple[str, ...]  # expected text lines

    @classmethod
    def of(cls, name: str, title: str, parts: list[str | tuple[str, list[list[str]]]]) -> KnownText:
        """Paragraph strings become <p>; ("table", rows) becomes a <table>, one line a row."""
        blocks: list[str] = []
        lines: list[str] = []
        for part in parts:
            if isinstance(part, tuple):
                rows = part[1]
                cells = "".join(
                    "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows
                )
                blocks.append(f"<table border='1'><tbody>{cells}</tbody></table>")
                lines.extend(" ".join(row) for row in rows)
            else:
                blocks.append(f"<p>{part}</p>")
                lines.append(part)
        return cls(name, title, tuple(blocks), tuple(lines))


SHORT = KnownText.of("short", "南湖科创园东区临时停水通知", [
    "因园区供水主管道改造施工，南湖科创园东区将于7月16日8时至19时暂停供水。"
    "请区内各企业和商户提前做好储水准备，合理安排生产经营，停水给大家带来的不便，敬请谅解。",
])

MEDIUM = KnownText.of("medium", "青禾新区与三家企业签约智能装备项目", [
    "5月22日上午，青禾新区举行智能装备产业项目集中签约仪式，三家企业与新区管委会签订投资协议，"
    "总投资约28亿元，将建设伺服电机、工业视觉和协作机器人生产基地。",
    "根据协议，伺服电机项目计划占地约120亩，分两期建设，一期预计明年第三季度投产，"
    "达产后年产值可达15亿元；工业视觉项目将设立区域研发中心，首批引进研发人员约80名。",
    "新区相关负责人表示，近年来新区围绕高端装备产业链持续招商，已集聚上下游企业40余家，"
    "此次签约将进一步补齐核心零部件环节。",
    "签约仪式后，企业代表实地察看了项目选址，并与新区企业服务局就用地报批、人才公寓配套等事项进行了对接。",
])

LONG = KnownText.of("long", "临川经开区关于开展2023年度企业技术改造项目申报工作的通知", [
    "各有关企业、各园区服务中心：",
    "为推动制造业高端化、智能化、绿色化发展，加快企业技术改造步伐，经研究，决定开展2023年度企业技术改造项目申报工作。现将有关事项通知如下：",
    "一、申报范围",
    "（一）在经开区内依法注册、具有独立法人资格的规模以上工业企业；",
    "（二）项目于2022年1月1日以后开工，且截至申报日设备投资不低于300万元；",
    "（三）同一项目已获得其他同类财政资金支持的，不得重复申报。",
    "二、支持标准",
    "1.设备购置类项目，按设备投资额的8%给予补助，单个项目最高不超过200万元；",
    "2.智能化改造类项目，按软硬件投资额的10%给予补助，单个项目最高不超过300万元；",
    "3.绿色化改造类项目，节能量经第三方核定后，按每吨标准煤600元给予奖励。",
    "各类项目补助标准如下表：",
    ("table", [
        ["项目类别", "补助比例", "单项上限"],
        ["设备购置", "8%", "200万元"],
        ["智能化改造", "10%", "300万元"],
        ["绿色化改造", "每吨标煤600元", "150万元"],
    ]),
    "三、申报材料",
    "申报企业须提交项目申报书、设备购置发票复印件、项目备案证明及近两年财务审计报告，材料一式三份，并附电子版。",
    "四、申报时间",
    "申报截止时间为2023年8月31日，逾期不予受理。各园区服务中心应于9月15日前完成初审，并将初审意见汇总报送经开区经济发展局。",
    "五、其他事项",
    "申报企业对所提交材料的真实性负责，对弄虚作假骗取补助资金的，一经查实，全额收回补助资金，并按有关规定处理。",
    "临川经济技术开发区经济发展局",
    "2023年7月3日",
])

PAPER = KnownText.of("sections", "沿海城市产业园区转型路径的几点观察", [
    "过去十年，沿海城市的产业园区普遍经历了从要素驱动到创新驱动的转变。本文结合对六个园区的调研，"
    "从空间、产业和服务三个方面梳理其转型路径，并提出若干建议。",
    "第一部分 空间：从成片开发到存量更新",
    "早期园区以成片征地、标准厂房建设为主，土地利用较为粗放。调研的六个园区中，有四个已经启动低效用地再开发，"
    "通过“工业上楼”、厂房加层和地块整合，容积率平均提高了0.6左右。",
    "存量更新的难点在于产权分散。部分园区采用政府收储与企业自主改造相结合的方式，"
    "对改造后亩均税收达到一定标准的企业给予容积率奖励，取得了较好效果。",
    "第二部分 产业：从单一集聚到链群协同",
    "转型较快的园区大多围绕一至两条主导产业链布局，引进龙头企业后再招引配套企业。"
    "例如，某园区以动力电池企业为核心，两年内吸引了正极材料、隔膜和回收利用企业二十余家。",
    "与此同时，产业链的协同也带来了新的问题，如同质化竞争和对单一龙头的依赖，需要通过多元化招商加以缓解。",
    "第三部分 服务：从管理者到运营者",
    "园区管理机构的角色正在从审批管理转向运营服务。多数园区设立了企业服务专员，"
    "提供政策申报、融资对接和人才招聘等一站式服务，部分园区还引入了专业运营公司。",
    "第四部分 几点建议",
    "一是坚持规划引领，防止园区之间盲目竞争；二是完善存量用地退出机制，提高土地节约集约利用水平；"
    "三是加强公共技术平台建设，降低中小企业创新成本；四是建立以亩均效益为核心的评价体系，引导资源向优质企业集中。",
    "总体来看，园区转型不是一蹴而就的过程，需要在政策、资本和人才等方面持续投入，形成稳定的制度安排。",
])

KNOWN_TEXTS = (SHORT, MEDIUM, LONG, PAPER)
# The dateline put under the title in the titled variants (a byline of the page head).
DATELINE = "发布时间：2023-07-03 09:30 来源：园区管委会办公室"


# ---------------------------------------------------------------------------
# Shells
# ---------------------------------------------------------------------------


@dataclass
class Shell:
    """A real page with its article container located."""

    corpus: str
    page_id: str
    url: str | None
    html: str
    gold_lines: list[str]


@dataclass
class ShellResult:
    """Outcome of one shell over every variant."""

    shell: str
    variants: int = 0
    passed: int = 0
    leaked: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    titles_ok: int = 0
    titles: int = 0
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return self.skipped is None and self.passed == self.variants


def manifest_rows(corpus: Path = CORPUS) -> list[dict]:
    """Rows of the dev corpus manifest."""
    text = (corpus / "manifest.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def gold_lines(row: dict, corpus: Path = CORPUS) -> list[str] | None:
    """Lines of the page's human gold text, when the corpus has one."""
    kind = row["corpus"]
    if kind == "chinese-web-content-extraction-dataset":
        path = corpus / kind / "cleaned" / f"{row['id']}.txt"
        return path.read_bytes().decode("utf-8", "replace").splitlines()
    if kind == "scrapinghub-aeb":
        truth = json.loads((corpus / kind / "ground-truth.ja.json").read_text("utf-8"))
        body = truth.get(row["id"], {}).get("articleBody")
        return body.splitlines() if body else None
    return None


def load_shell(row: dict, corpus: Path = CORPUS) -> Shell:
    """Decode a corpus page; its article lines come from the gold text or the cleaner."""
    raw = maybe_gunzip((corpus / row["html"]).read_bytes())
    html, _ = decode_html(raw)
    lines = gold_lines(row, corpus)
    if not lines:
        lines = clean_html(raw, url=row.get("url")).text.splitlines()
    return Shell(row["corpus"], row["id"], row.get("url"), html, lines)


def find_container(tree: HtmlElement, lines: list[str]) -> tuple[HtmlElement | None, list[HtmlElement]]:
    """(container, article pieces outside it): the deepest block element holding at least
    CONTAINER_SHARE of the article text, found through the smallest element holding each
    line's head; the pieces are the elements outside it holding prose lines of the article."""
    holders: list[tuple[HtmlElement, str]] = []
    texts = {el: squash(el.text_content()) for el in tree.iter() if isinstance(el.tag, str)}
    for line in lines:
        key = squash(line)
        if len(key) < ANCHOR_MIN:
            continue
        anchor = key[:ANCHOR_CHARS]
        best = None
        for element, text in texts.items():
            if anchor in text and (best is None or len(text) < len(texts[best])):
                best = element
        if best is not None:
            holders.append((best, key))
    total = sum(len(key) for _, key in holders)
    if not total:
        return None, []
    weight: dict[HtmlElement, int] = {}
    for element, key in holders:
        size = len(key)
        node = element
        while node is not None:
            weight[node] = weight.get(node, 0) + size
            node = node.getparent()
    candidates = [
        el for el, w in weight.items()
        if w >= CONTAINER_SHARE * total and el.tag in CONTAINER_TAGS
    ]
    if not candidates:
        return None, []
    container = max(candidates, key=lambda el: len(list(el.iterancestors())))
    return container, _outside_pieces(container, holders, texts)


def _outside_pieces(container: HtmlElement, holders: list[tuple[HtmlElement, str]],
                    texts: dict[HtmlElement, str]) -> list[HtmlElement]:
    """Elements outside the container holding a prose line of the article (its smallest
    holder, or a lede box repeating the line's head), the container's ancestors aside."""
    around = {container, *container.iterancestors()}
    inside = set(container.iter())
    anchors = [key[:ANCHOR_CHARS] for _, key in holders
               if len(key) >= PIECE_MIN_CHARS and PIECE_PUNCT_RE.search(key)]
    pieces = []
    for element, text in texts.items():
        if element in around or element in inside or element.tag in ("head", "title", "meta"):
            continue
        for anchor in anchors:
            if anchor in text and not any(anchor in texts.get(child, "") for child in element):
                pieces.append(element)
                break
    return pieces


def fill(shell: Shell, known: KnownText, titled: bool) -> tuple[bytes, str | None]:
    """Page bytes with the container's content replaced by `known`;
    the expected title (titled variants) or None."""
    tree = parse_html(shell.html)
    if tree is None:
        raise ValueError("unparsable")
    # The original headline, read before our own <h1> joins the page.
    headline = metadata.find_title(tree, lambda: []) if titled else None
    container, pieces = find_container(tree, shell.gold_lines)
    if container is None or container.tag == "body":
        raise LookupError("no article container")
    for piece in pieces:
        if piece.getparent() is not None:
            piece.drop_tree()
    for child in list(container):
        container.remove(child)
    container.text = None
    blocks = list(known.blocks)
    if titled:
        blocks = [f"<h1>{known.title}</h1>", f"<p>{DATELINE}</p>", *blocks]
    for block in blocks:
        container.append(fragment_fromstring(block))
    if titled:
        _retitle(tree, headline, known.title)
    page = "<!DOCTYPE html>\n" + tostring(tree, encoding="unicode")
    return page.encode("utf-8"), (known.title if titled else None)


def _retitle(tree: HtmlElement, old: str | None, title: str) -> None:
    """The page's headline `old` becomes `title`: in <title> (site suffix kept) and any element
    whose whole text was the old headline; headline metas are removed."""
    title_el = tree.find(".//title")
    if title_el is not None:
        parts = metadata.split_title(title_el.text_content())
        site = parts[-1] if len(parts) > 1 else None
        for child in list(title_el):
            title_el.remove(child)
        title_el.text = f"{title}_{site}" if site else title
    # Headline metas go: the title must come from the page's <h1> and <title>.
    for meta in list(tree.iter("meta")):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in {"articletitle", "og:title", "twitter:title", "title"} and meta.getparent() is not None:
            meta.getparent().remove(meta)
    if old:
        key = squash(old)
        for element in tree.iter():
            if isinstance(element.tag, str) and element.tag != "title" and squash(element.text_content()) == key:
                for child in list(element):
                    element.remove(child)
                element.text = title


def variants() -> Iterator[tuple[KnownText, bool]]:
    """Every known text, with and without a title and dateline."""
    for known in KNOWN_TEXTS:
        for titled in (False, True):
            yield known, titled


def compare(text: str, known: KnownText) -> tuple[list[str], list[str]]:
    """(leaked lines, lost lines) of a cleaned text against a known text, white space aside."""
    expected = [squash(line) for line in known.lines]
    got = [line for line in text.splitlines() if squash(line)]
    pool = "".join(expected)
    leaked = [line for line in got if squash(line) not in pool]
    flat = squash(text)
    lost = [line for line in known.lines if squash(line) not in flat]
    if not leaked and not lost and squash(text) != pool:
        leaked = ["(order or duplicates differ)"]
    return leaked, lost


def run_shell(row: dict, corpus: Path = CORPUS) -> ShellResult:
    """Every variant of one page's shell through clean_html."""
    result = ShellResult(f"{row['corpus']}/{row['id']}")
    shell = load_shell(row, corpus)
    for known, titled in variants():
        try:
            page_bytes, title = fill(shell, known, titled)
        except (LookupError, ValueError) as err:
            result.skipped = str(err)
            return result
        page = clean_html(page_bytes, url=shell.url)
        leaked, lost = compare(page.text, known)
        result.variants += 1
        result.passed += not leaked and not lost
        result.leaked.extend(f"{known.name}{'+t' if titled else ''}: {line}" for line in leaked)
        result.lost.extend(f"{known.name}{'+t' if titled else ''}: {line}" for line in lost)
        if title is not None:
            result.titles += 1
            result.titles_ok += page.title == title
    return result


def leaked_line_count(result: ShellResult) -> int:
    """Distinct shell lines leaked by a shell over its variants."""
    return len({line.split(": ", 1)[1] for line in result.leaked})


_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("copyright/contact", re.compile(r"版权|©|(?i:copyright)|ICP|备案|电话|传真|邮箱|地址|邮编|联系我们|举报|公网安备|主办|承办")),
    ("login/app dialog", re.compile(r"登录|注册|密码|账号|下载|APP|App|客户端|打开")),
    ("promotion", re.compile(r"关注|扫码|扫一扫|订阅|微信|微博|公众号|投稿|广告|合作|推广")),
    ("next/related story", re.compile(r"上一篇|下一篇|相关|推荐|热门|阅读|更多|排行")),
    ("date/byline", re.compile(r"(?:19|20)\d\d[-年/.]\d|来源|作者|编辑|记者|发布")),
    ("site identity", re.compile(r"(?i:https?://|www\.|\.com|\.cn)|网$|网站|首页|频道")),
)


def leak_kind(line: str) -> str:
    """A rough kind for a leaked line, for the report."""
    for name, regex in _KINDS:
        if regex.search(line):
            return name
    if len(line) >= 40:
        return "other prose (second story?)"
    return "other short line (link bar, heading?)"


__all__ = ["KNOWN_TEXTS", "ShellResult", "compare", "fill", "leak_kind", "leaked_line_count",
           "load_shell", "manifest_rows", "run_shell", "squash"]
