"""Every marker, selector and threshold of the page cleaner, named and commented in one place.

Chinese strings live here (a patterns module is data); the logic that uses them lives in
clean.py, encoding.py, layout.py, lines.py, mend.py, metadata.py, pubdate.py and textfilter.py.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------

# Declared charset names mapped to the codec that really decodes such pages: GBK/GB2312
# pages use GB18030 characters, Big5 pages use HKSCS extensions, Shift_JIS pages use
# Microsoft's cp932 extensions (circled numbers, NEC specials).
CHARSET_ALIASES: dict[str, str] = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gb231280": "gb18030",
    "euc-cn": "gb18030",
    "euccn": "gb18030",
    "x-euc-cn": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "hz-gb-2312": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big-5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "s_jis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "euc-jp": "euc_jp",
    "eucjp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "iso-2022-jp": "iso2022_jp",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode": "utf-8",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
}
# Codecs that decode any byte string: a success with them proves nothing about the page.
SINGLE_BYTE_CODECS = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii"})
# Codecs of CJK pages; a single-byte header loses to a declared one of these.
CJK_CODECS = frozenset({"gb18030", "big5hkscs", "cp932", "euc_jp", "iso2022_jp", "euc_kr", "cp949"})
# Bytes of the page head searched for <meta charset> / XML declaration / corpus wrapper.
META_SCAN_BYTES = 6000
# <meta charset=...>, <meta http-equiv content="...; charset=...">, <?xml encoding=...?>,
# and the dev corpus wrapper <text id=... encoding="...">.
META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
XML_DECL_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.IGNORECASE)
WRAPPER_CHARSET_RE = re.compile(rb"""^\s*<text\b[^>]*\bencoding\s*=\s*["']?([a-zA-Z0-9_\-.]+)""", re.IGNORECASE)
# A corpus wrapper around the whole page: <text id=URL title=... encoding=...> ... </text>.
WRAPPER_OPEN_RE = re.compile(r"^\s*<text\b[^>]*>", re.IGNORECASE)
WRAPPER_CLOSE_RE = re.compile(r"</text>\s*$", re.IGNORECASE)
# An XML declaration at the top of a decoded page (lxml refuses it in a str).
XML_DECL_TEXT_RE = re.compile(r"^\s*<\?xml[^>]*>")
# Closing </html> / </body> tags, removed before parsing (the parser closes them itself).
CLOSING_ROOT_RE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
GZIP_MAGIC = b"\x1f\x8b"
# Share of U+FFFD replacement characters up to which a decoding still counts as clean
# (old GB2312 pages carry a few broken bytes).
CLEAN_REPLACEMENT_SHARE = 0.002
# Share of Latin-1 supplement / C1 characters above which a single-byte decoding of a
# page is mojibake of a multi-byte encoding.
MOJIBAKE_HIGH_SHARE = 0.05
# Codecs charset-normalizer may answer with: those of our Chinese/Japanese sources plus
# Western pages (left free, it calls short GBK text Korean cp949).
DETECT_CODECS = ("utf_8", "gb18030", "big5hkscs", "cp932", "euc_jp", "cp1252")
# Private use area characters: a wrong multi-byte codec produces them, real text does not ...
PRIVATE_USE_RE = re.compile(r"[\ue000-\uf8ff]")
# ... beyond this share of the decoded characters.
PRIVATE_USE_MAX_SHARE = 0.001
# Bytes given to charset-normalizer when nothing declared decodes cleanly.
DETECT_SAMPLE_BYTES = 200_000
# The sample ends at the last ASCII byte within this many bytes of its end (else the whole
# page is used): a multi-byte character cut in two fails every codec.
DETECT_CUT_SCAN = 4096

# ---------------------------------------------------------------------------
# Extraction cascade
# ---------------------------------------------------------------------------

# Below this many characters (white space excluded, after the line filter) trafilatura's
# text fell short and the density stage (prose-richest node) is tried.
MIN_TEXT_CHARS = 120
# The density stage replaces trafilatura's text only when it holds this many times more.
FALLBACK_GAIN = 1.5
# The end of a finished short text (a notice's last sentence): on a page without a headline
# such a text above the density stage's block stays the article.
NOTICE_END_RE = re.compile(r"[。！？!?][”』」）)]?$")
# Elements pruned before extraction: comment forms, share bars, related lists, footers,
# breadcrumbs, copyright boxes (English and pinyin class/id names of Chinese CMSs).
BOILERPLATE_CLASS_WORDS = (
    "comment", "pinglun", "plbox", "share", "fenxiang", "bdshare", "jiathis",
    "related", "xgxw", "xgwz", "xgyd", "xgzx", "tuijian", "recommend", "hotnews",
    "breadcrumb", "crumb", "footer", "copyright", "banquan", "mianze", "disclaimer",
    "qrcode", "erweima", "ewm", "weixin", "wechat", "mood", "xinqing", "digg",
    "pagebreak", "prevnext", "sharebar", "toolbar", "login", "yzm",
    "next",  # "post_next_post", "next-article": the next story under the article
)
# Regex over class and id attribute values using the words above as separate tokens
# or prefixes (so "share-box", "bdshare_t", "xgxw_list" match, "sharepoint-article" too,
# which is acceptable).
BOILERPLATE_ATTR_RE = re.compile(
    r"(?:^|[\s_\-])(?:" + "|".join(BOILERPLATE_CLASS_WORDS) + r")", re.IGNORECASE
)
# Class/id words of article containers: never pruned by class name even when they also
# say "share" ("js_img_share_area artical_real").
CONTENT_ATTR_RE = re.compile(r"artic|artical|content|main|text|body|zhengwen|zw|detail|post", re.IGNORECASE)
# Element tags never holding article text.
PRUNE_TAGS = ("script", "style", "noscript", "textarea", "select", "button", "iframe")
# Forms (comment, login, search) are pruned when small: ASP.NET pages wrap the whole
# page in one <form>, and some CMSs (VSB: "_newscontent_fromname") wrap the article in one,
# so a form holding a run of prose (FORM_PROSE_MIN characters, two clauses) stays.
FORM_TAGS = ("form",)
FORM_PROSE_MIN = 40
FORM_PROSE_RE = re.compile(r"[，。；！？,.;!?][^，。；！？,.;!?]+[，。；！？]")
# Containers larger than this many characters are never pruned by class name alone
# (a page-wide wrapper called "share-page" must not take the article with it).
PRUNE_MAX_CHARS = 1500
# Block-level HTML tags: a new line starts before and after them when serialising.
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "tbody", "h1", "h2", "h3", "h4",
    "h5", "h6", "section", "article", "blockquote", "dd", "dt", "dl", "pre", "center",
    "form", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "hr",
    "td", "th", "caption", "address",
})
# Containers whose loose inline runs between block children are wrapped into paragraphs ...
LOOSE_TEXT_PARENTS = ("div", "td", "section", "article", "font", "span", "center", "blockquote")
# ... runs made of these inline elements ...
LOOSE_INLINE_TAGS = frozenset({"font", "span", "b", "strong", "i", "em", "u", "a", "sub", "sup"})
# ... holding at least this many characters with prose punctuation ...
LOOSE_TEXT_MIN_CHARS = 20
# ... and links for at most this share of them.
LOOSE_TEXT_MAX_LINK_SHARE = 0.3
# Parents of a proper list item; an <li> elsewhere is read as a paragraph.
LIST_TAGS = frozenset({"ul", "ol", "menu", "dir"})
# Elements whose own text counts as a paragraph in the fallback's density scoring.
TEXT_HOLDER_TAGS = ("p", "td", "pre", "div", "font", "span", "li", "dd", "blockquote", "section", "article")
# Inline children whose text counts as the parent's own text (links do not).
INLINE_TEXT_TAGS = frozenset({"b", "strong", "i", "em", "font", "span", "u", "sub", "sup", "br"})
# Paragraphs shorter than this do not vote in the fallback's density scoring.
MIN_BLOCK_CHARS = 20
# A text holder's vote for itself relative to its parent's (above 1: a <br>-separated
# body in one element wins over the wider parent holding its title and menus).
HOLDER_SELF_WEIGHT = 1.05
# A paragraph's length adds one point per this many characters to its score ...
DENSITY_LENGTH_UNIT = 100.0
# ... up to this many points.
DENSITY_LENGTH_CAP = 3.0
# Share of a paragraph's score that goes to its grandparent (the parent gets it whole).
GRANDPARENT_SHARE = 0.5
# Punctuation that marks prose (commas and full stops) in the fallback's scoring.
PROSE_PUNCT_RE = re.compile(r"[，。；！？、,.;!?]")
# Lines of trafilatura's text that are links for at least this share are link lists
# (menus, related articles, ads) ...
LINK_LINE_SHARE = 0.6
# ... unless they read as prose and are linked for less than this share.
LINK_PROSE_SHARE = 0.9
# How many top-scoring nodes the density stage weighs by link density.
DENSITY_CANDIDATES = 12
# Containers skipped inside the density stage's node when they are mostly links.
LINK_BLOCK_TAGS = frozenset({"div", "td", "table", "ul", "ol", "dl", "p", "span", "font", "tr", "li"})
# ... holding at least this many links ...
LINK_BLOCK_MIN_LINKS = 2
# ... whose link text is at least this share of their text.
LINK_BLOCK_DENSITY = 0.6
# Block content inside a table cell: its row is layout, not data (data rows print as one
# line, cells separated by spaces).
CELL_BLOCK_XPATH = ".//*[self::div or self::table or self::p or self::ul or self::ol or self::br or self::h1 or self::h2 or self::h3 or self::dl]"
# A short line after the article's last paragraph that the page separates from the
# article by more than this many page lines is another block (sidebar, link list) ...
TAIL_GAP_LINES = 4
# ... when at most this long.
TAIL_GAP_LINE_MAX = 40
# Lines below the article's first paragraph that the page separates from the kept line above
# by more than this many other lines, among them a tail marker (热门评论, 相关文章), are
# another block (reader comments); a related box inside an article is shorter.
FAR_GAP_LINES = 30
# Characters of the text before a data table that find its place among the lines.
TABLE_ANCHOR_CHARS = 12
# A line break of the HTML source inside a run of text (it renders as white space).
SOURCE_BREAK_RE = re.compile(r"[ \t\r\f\v\u3000\xa0]*[\r\n]\s*")
# Characters written without spaces between them (CJK ideographs, kana, full-width forms).
WIDE_CHAR_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
# Tags of trafilatura's XML output that form their own lines.
XML_BLOCK_TAGS = frozenset({"p", "head", "item", "row", "quote", "list", "table", "code", "lb"})

# Lead blocks: an encyclopedia summary or article abstract above the article body, which
# trafilatura often skips (class/id "lemma-summary", "art-lead", "abstract", "zhaiyao").
LEAD_ATTR_RE = re.compile(r"(?:^|[\s_\-])(?:summary|abstract|lead|zhaiyao|daoyu|digest)(?:$|[\s_\-])", re.IGNORECASE)
# Tags that can hold such a block.
LEAD_TAGS = ("div", "p", "section", "dd", "blockquote")
# A lead block holds this many characters (white space excluded) at least ...
LEAD_MIN_CHARS = 40
# ... and at most this many (a page-wide wrapper called "summary" is no lead).
LEAD_MAX_CHARS = 3000
# ... and its link text is below this share of its text.
LEAD_MAX_LINK_SHARE = 0.3

# ---------------------------------------------------------------------------
# Line-level text filter
# ---------------------------------------------------------------------------

# Lines up to this length can be debris by keyword alone (menus, labels, one-liners).
SHORT_LINE_MAX = 40
# Tail-marker headings up to this length count whatever follows the marker.
TAIL_MARKER_MAX = 16
# Sentence punctuation: a marker word followed by a sentence is article prose.
SENTENCE_PUNCT_RE = re.compile(r"[，。；！？]")
# Lines up to this length can be page-head meta lines (时间/来源/浏览次数...).
META_LINE_MAX = 120
# Head lines up to this length can be byline pieces (a bare label, an author's name).
HEAD_LABEL_MAX = 8
# How many kept lines at the top count as the page head (breadcrumbs, title, meta line).
HEAD_ZONE_LINES = 8
# A tail marker truncates the text only when at least this share of the characters
# lies before it; higher up it is dropped as a single line.
TAIL_MIN_SHARE = 0.2
# ... and at least this many characters of article precede it.
TAIL_MIN_CHARS = 80
# ... and at least this share of the prose (long punctuated lines) lies above it, so a
# footer that an extractor moved above the article does not cut the article off.
TAIL_MIN_PROSE_SHARE = 0.3
# A head line holding the title with at most this many more characters is its echo ...
TITLE_ECHO_SLACK = 10
# ... and so is a head line of at least this many characters found inside the title.
TITLE_ECHO_MIN = 6
# Title candidates: headline-like lines of this length range.
TITLE_MIN_CHARS = 4
TITLE_MAX_CHARS = 60

# A run of at least this many short lines (each at most HEAD_MENU_LINE_MAX characters, no
# sentence punctuation) above the article's first paragraph is a menu; a headline, kicker,
# subtitle and byline make fewer.
HEAD_MENU_MIN_LINES = 5
HEAD_MENU_LINE_MAX = 16
# The article's own headline above its first paragraph (a page without a usable <title>):
# a headline-like line whose element is a heading, or has a title class or id ...
HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})
HEADLINE_ATTR_RE = re.compile(r"(?:^|[\s_\-])(?:title|heading|headline|biaoti)(?:$|[\s_\-\d])", re.IGNORECASE)
# ... or is bold or large type (<font size="3"> and up) in a block of its own, apart from
# the block holding the article (a bold subheading inside the article stays).
BOLD_TAGS = frozenset({"b", "strong"})
HEADLINE_FONT_MIN = 3
# Characters of the line's head used to find its text in the page.
HEADLINE_PROBE_CHARS = 6
# A numbered section heading (一、 / 1、 / （一） / 第二部分): body text even above the first sentence.
SECTION_NUMBER_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十\d]+(?:部分|章|节))")
# A line counts as prose (for the truncation balance) from this length with punctuation.
PROSE_LINE_MIN = 40

# Breadcrumbs: "您的位置:首页 > 资讯", "当前位置：首页 - 新闻", "首页 > 新闻中心 > 正文".
BREADCRUMB_RE = re.compile(
    r"^(?:您的位置|您现在的位置|你现在的位置|您当前的位置|当前位置|所在位置|现在位置|位置)\s*[:：]"
    r"|^(?:首页|主页|网站首页)\s*(?:>|＞|»|›|→|/|-|—)"
    r"|^[^>＞»›→。，]{0,20}(?:\s*(?:>>|>|＞|»|›|→)\s*[^>＞»›→。，]{1,30}){2,}\s*$"
    r"|^\s*(?:>>|>|＞|»|›)\s*[^。，]{1,15}$"
)
# Bylines of the page head: 来源：/作者：/记者 with names, no sentence punctuation.
BYLINE_RE = re.compile(
    r"(?:来源|作者|编辑|责编|记者|通讯员|实习生|摄影|摄|撰文|文|图|校对|审核|审校|采写|供稿)\s*[:：/]"
    r"|(?:编辑|校对|审核|摄影|供稿)\s+[\u4e00-\u9fff]{2,4}|记者|通讯员|实习生"
)
# Head lines up to this length can be bylines.
BYLINE_MAX = 30
# A line that is only a web address.
URL_LINE_RE = re.compile(r"^(?:https?://)?(?:www\.)?[\w\-]+(?:\.[\w\-]+)+(?:/\S*)?$")
# Page-head meta labels: a short line led by or holding two of these is a byline/meta line
# (a forum's "主题：" only with its colon: the word is common in prose).
META_LABEL_RE = re.compile(
    r"(?:发布时间|发表时间|更新时间|发布日期|时间|日期|来源|作者|编辑|浏览次数|浏览量|阅读量|阅读数"
    r"|点击数|点击量|点击率|访问量|字号|字体|打印|分享|我来说两句|参与互动|评论|主题(?=\s*[:：]))\s*[:：(（]?"
)
# Labels that only ever introduce a page's own publish time: a short line with one of
# them and a date is a byline wherever it stands (forum post footers, reordered heads).
PUBLISH_LABEL_RE = re.compile(r"发布时间|发表时间|发布日期|更新时间|发表于|发布于|发帖时间|投稿时间")
# Page tools on byline lines (counters, font size, print, share, comments).
META_TOOL_RE = re.compile(r"浏览|阅读|点击|访问量|字号|字体|打印|分享|评论|我来说两句|参与互动")
# Lines that are pure page widgets or labels, dropped wherever they stand (short lines).
WIDGET_LINE_RE = re.compile(
    r"分享到|分享给朋友|分享至|一键分享|扫一扫|扫描二维码|二维码|关注公众号|微信公众号|微信号|长按识别|长按/扫一扫"
    r"|打印本页|打印此文|关闭窗口|【打印】|【关闭】|\[打印\]|\[关闭\]|返回顶部|回到顶部|收藏本页|加入收藏|设为首页"
    r"|字号[:：]?\s*(?:大|中|小|T)|【字体|字体[:：]\s*大|请选择您浏览此资讯时的心情|您看到此篇文章时的感受|本文共有.{0,3}人参与"
    r"|我来说两句|点击排行|上一篇|下一篇|上一条|下一条|编辑推荐|^收藏$|^举报$|^纠错$|^顶$|^踩$"
    r"|用户名[:：]?$|密\s*码[:：]?$|验证码[:：]?|匿名发表|^登录$|^注册$|^评论$|^发表$|^提交$"
    r"|关注.{0,4}公众号|点.{0,2}在看|在看.{0,4}点赞|点击菜单栏|^回复【|返回.{0,6}首页|^-*\s*THE END\s*-*$"
    r"|^关键词\s*[:：>]|^标签\s*[:：]|^Tags?\s*[:：]|下载.{0,10}(?:APP|App|客户端)|如有侵权|^本文来源[:：]"
    r"|^←?\s*返回$|^\d*[、.]?\s*回复【|(?:图片|信息|内容|资料)均?来(?:自|源于)网络"
    r"|阅览者|浏览次数|阅读次数|点击次数|人阅读|次阅读|次浏览|^欢迎(?:您|你)?(?:访问|光临|登录|来到)|欢迎你！|登录超时|快速登录|免注册"
    r"|回复线索|主题已经?关闭|停止回复|^快速回复|^发表回复"
    r"|公众号$|^\d*\s*人关注$|^\d*\s*篇文章$|^点击(?:此处|这里)|申请加入|投稿邮箱|^\d*\s*(?:人收藏|人点赞|人评论)$"
    r"|^(?:级别|积分|等级|经验|威望|金钱|帖子|精华|注册时间|在线时间|我收藏的)\s*[:：]|姊妹站|友情链接|邮件列表"
    r"|仅为个人意见|仅代表个人观点"
    r"|已输入\d*字|我要跟帖|^评论\s*[（(]\s*\d*\s*[)）]$|^加载更多|^新闻评论$|正在读取评论|^添加评论$"
    r"|^(?:大名|网址|昵称|邮箱|姓名)\s*[:：]?$|^查看更多$|^更多评论$|^跟帖$|^(?:ブログ|シェア|ツイート)$"
    r"|已被阅读\s*\d+\s*次|已有\s*\d+\s*(?:件|条|篇)评论"
)
# Platform notices under user-posted articles and the site's copyright clauses ("凡本网注明
# “来源：某某网”的所有作品，版权均属于…", "转载目的在于传递更多信息"), dropped at any length.
PLATFORM_NOTICE_RE = re.compile(
    r"(?i:the content above)|(?i:uploaded and posted by)|本文为.{0,10}(?:作者|用户)上传"
    r"|凡本(?:网|站)注明|未经本(?:网|站)(?:书面)?(?:授权|许可)|转载目的在于传递更多信息|不代表本(?:网|站)赞同"
    r"|如因作品内容、版权"
)
# Pagination bars ("共有帖子数1个 < 第一页 |上一页| 1 | 下一页 | 最末页>"): two of these words.
PAGER_WORD_RE = re.compile(r"第一页|首页|上一页|下一页|最末页|末页|尾页")
# A strong breadcrumb ("首页 > 央视社区 > 央视论坛 > 网闻贴吧"), dropped wherever it stands.
STRONG_BREADCRUMB_RE = re.compile(r"^(?:首页|主页|网站首页|当前位置|您的位置)\s*[:：]?\s*(?:>|＞|»|›|→)(?:[^>＞»›→]{1,20}(?:>|＞|»|›|→)){1,}")
# A head line that is only a news source: an outlet ("新华社", "中国青年报") or "name/outlet".
SOURCE_LINE_RE = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,4}\s*/\s*)?[\u4e00-\u9fff]{1,10}(?:社|报|网|台|新闻|日报|晚报|电视台)$"
)
# Lines dropped at any length: platform badges, copyright and licence footers, editor lines.
DEBRIS_LINE_RE = re.compile(
    r"勋章级别越高|版权所有|版权归.{0,12}所有|ICP备|ICP证|公网安备|网安备|主办单位[:：]|承办单位[:：]|技术支持[:：]"
    r"|技术支持单位|违法和不良信息举报|举报电话[:：]|举报邮箱|(?i:copyright)|(?i:all rights reserved)|©"
    r"|^[(（【\[]?\s*(?:责任编辑|责编|编辑|审核|校对|来源|作者)\s*[:：][^。]{0,20}[)）】\]]?$"
    r"|^本文链接[:：]|^原文链接[:：]|^文章来源[:：].{0,30}$|^未经授权禁止|(?:转载|转发)请注明|^原标题[:：]"
    r"|仅供其表达个人看法|并不表明.{0,8}立场|不代表本(?:站|网)(?:观点|立场)|文责自负"
    r"|^本文仅代表作者(?:个人|本人)?观点|(?i:the content above)|(?i:uploaded and posted by)|(?i:trackback)"
    r"|\d{1,2}[:：]\d{2}\s*(?:配信|掲載)$"  # a Japanese byline stamp: "某メディア 3/9(木) 18:45配信"
)
# Tail markers: the related-article list, comment area, disclaimer or editor line that
# ends an article; everything after such a line is debris (when far enough down). Old
# portals lead them with a decorative bullet ("■相关链接", "★相关文章").
TAIL_MARKER_RE = re.compile(
    r"^[\s【\[<《(（>\-■□●○◆◇▲△►▶▼▽★☆※·•]*(?:相关阅读|相关新闻|相关资讯|相关文章|相关链接|相关推荐|相关报道|相关稿件|相关专题"
    r"|推荐阅读|延伸阅读|扩展阅读|热门推荐|热点推荐|热门文章|热门阅读|精彩推荐|猜你喜欢|你可能感兴趣|您可能感兴趣"
    r"|更多精彩|更多阅读|今日推荐|精选推荐|往期回顾|大家都在看|网友评论|发表评论|我要评论|评论列表|最新评论|热门评论"
    r"|全部评论|查看评论|免责声明|版权声明|法律声明|特别声明|声明[:：]|责任编辑|责编[:：]|分享到|分享给朋友"
    r"|经济科技频道精选|频道精选|上一篇|下一篇|反侵权公告|侵权声明|版权公告|郑重声明"
    r"|往期新闻|更多新闻|最新新闻|热点新闻|推荐新闻|相关专题|関連記事|関連ニュース|おすすめ記事)"
)
# A notice heading led by the site's name ("某某网版权与免责声明：") ends the article too ...
TAIL_HEADING_END_RE = re.compile(r"(?:免责声明|版权声明|法律声明|版权说明|转载声明|传输内容声明|著作权声明|侵权公告)\s*[:：]?$")
# ... when the line is at most this long.
TAIL_HEADING_END_MAX = 24
# A colon or closing bracket right after a tail marker: a list heading, not a sentence.
MARKER_COLON_RE = re.compile(r"\s*[:：】\]>》]")
# A tail marker followed by a colon may lead a long line ("免责声明：本网站...").
TAIL_MARKER_LONG_RE = re.compile(
    r"^[\s【\[(（]*(?:免责声明|版权声明|法律声明|特别声明|风险提示|声明|责任编辑|责编)\s*[】\])）]?\s*[:：]?"
    r"(?=.{0,200}(?:本站|本网|本平台|用户上传|信息存储|作者|转载|观点|责任|仅供参考|不代表|不承担|来源|联系))"
)
# Listing pages (blog archives, forum boards): several posts, each under a header line
# holding its title and a full date with clock time at the end ("长发剪了 2005-03-18 01:58:01",
# "园区动态 (2020年1月2日 10:30)"). The text is the first post: it ends at the next header.
ENTRY_HEADER_RE = re.compile(
    r"^(?P<title>.*?\w.*?)\s*[(（\[【]?\s*(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}"
    r"(?:\s+|日\s*)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*[)）\]】]?$"
)
# Post headers are at most this long ...
ENTRY_HEADER_MAX = 80
# ... and a page needs at least this many of them to be a listing ...
ENTRY_MIN_HEADERS = 2
# ... and a header ends the first post only with this many prose characters above it.
ENTRY_MIN_PROSE = 80
# Forum threads stamp every post ("〓 发布时间 2005/03/15 22:36:13 by 某某 〓", "发表于
# 2020-1-2 10:30"): a publish label with a date and this clock time marks a post boundary.
CLOCK_TIME_RE = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?!\d)")
# A rule line ("-----", "=====") between a post and its signature block ...
SEPARATOR_LINE_RE = re.compile(r"^[-=_—─━*~·.]{5,}$")
# ... found at most this many lines above a post boundary ends the post there.
SIGNATURE_MAX_LINES = 3
# ... each at most this long and without sentence punctuation (links and names only).
SIGNATURE_LINE_MAX = 100
# Phone numbers: mobiles, 400 hotlines, landlines with area codes.
PHONE_RE = re.compile(
    r"(?<!\d)(?:1[3-9]\d{9}|400[\s-]?\d{3,4}[\s-]?\d{3,4}|0\d{2,3}(?:\s|-{1,2})?\d{7,8}|\(0\d{2,3}\)\s?\d{7,8})"
)
# Words of an agent's contact block (with a phone number on the same line).
CONTACT_WORD_RE = re.compile(
    r"招商|出售|租售|出租|联系人|联系电话|咨询电话|咨询热线|服务热线|热线|微信|手机|电话|联系方式|Tel|TEL"
)
# Dates in text: 2022-11-04, 2022/11/04, 2022.11.04, 2020年11月20日 (time optional).
TEXT_DATE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)(?!\s*月)"
)
# (The last lookahead: "2022年1-9月" is a range of months, not 9 January.)
# A line that is only a date (a newspaper edition's date in the page head, 2022年02月13日 星期日).
DATE_ONLY_LINE_RE = re.compile(
    r"^[\s(（\[]*(?:19|20)\d{2}\s*[年/.\-]\s*\d{1,2}\s*[月/.\-]\s*\d{1,2}\s*日?"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?[\s)）\]]*$"
)
# Japanese era dates: 令和4年9月14日 (元年 = year 1), with the first year of each era.
ERA_DATE_RE = re.compile(r"(令和|平成)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ERA_FIRST_YEAR = {"令和": 2019, "平成": 1989}
# Full-width digits (２０２２年９月) read as ASCII digits in dates.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")
# US-style dates of old ASP servers: 9/17/2004 5:54:13 AM (month first; day first when
# the first number cannot be a month).
US_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
# Labels introducing the publish date on a meta line.
DATE_LABEL_RE = re.compile(
    r"(?<!引用)(?<!访问)(?<!截止)(?<!报名)(?:发布时间|发表时间|发布日期|发文日期|成文日期|发表于|发布于|更新时间|来源|Posted|posted"
    r"|(?<![\u4e00-\u9fff])(?:时间|日期))"  # a bare 时间/日期, not 出道日期 or 开工时间
)
# Lines with no letters of any script (separators, counters) are dropped.
NO_WORD_RE = re.compile(r"^[\W\d_]*$")
# A nav line with at least this many parts is a link bar wherever it stands (footers).
NAV_ANYWHERE_PARTS = 4
# Promotion and site-identity lines: a web address with an invitation to follow, visit or
# download ("更多内容请继续关注 某某网 www.example.cn", "本站永久域名：").
PROMO_LINE_RE = re.compile(
    r"(?:关注|访问|登录|下载|收藏|订阅|永久域名|备用域名|本站域名|网址[:：]).{0,30}(?:https?://|www\.|\.com|\.cn|\.net)"
    r"|(?:https?://|www\.)\S+.{0,10}(?:关注|访问|收藏)|永久域名|备用域名"
)
# A site-identity byline: the site's address, then a date ("http://news.example.cn 2005年3月31日 某报").
SITE_DATE_LINE_RE = re.compile(r"^(?:https?://)?(?:www\.)?[\w\-]+(?:\.[\w\-]+)+/?\S*\s")
# Related-list entries: a short headline with a (MM/DD HH:MM) stamp or a numeric date at
# its end ("新区召开招商推介会 2023-11-20"; a notice's signature writes 2023年11月20日).
LIST_STAMP_RE = re.compile(
    r"[(（\[]\s*\d{1,2}[/-]\d{1,2}(?:\s+\d{1,2}:\d{2})?\s*[)）\]]$"
    r"|[\u4e00-\u9fff][^，。；！？]{3,}\s*[(（\[]?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[)）\]]?$"
)
# Nav lines: several menu words separated by | or spaces.
NAV_SEPARATOR_RE = re.compile(r"\s*[|｜·•]\s*")
# A line of at least NAV_MIN_PARTS parts one of which is a home link is a link bar whatever
# its other parts (a blog's "上一篇标题 | 回首页 | 2005年索引 | 下一篇标题").
NAV_HOME_PARTS = frozenset({"首页", "回首页", "返回首页", "网站首页", "返回列表", "返回目录", "回到首页"})
# "You can quote this post with this link": a blog's trackback/permalink line.
PERMALINK_RE = re.compile(r"引用(?:该|本|这)篇?(?:文章|日志|博文)|(?:本文|文章)(?:永久)?链接[:：]")
# A nav line has at least this many short parts.
NAV_MIN_PARTS = 3
# ... each part at most this long.
NAV_PART_MAX = 8
# Sentence-ending punctuation: headlines rarely end with it.
SENTENCE_END_RE = re.compile(r"[。！？!?；;，,：:]$")

# ---------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------

# Meta names/properties carrying the publish date, best first.
DATE_META_NAMES = (
    "article:published_time", "pubdate", "publishdate", "publish_date", "publishtime",
    "publish-date", "og:release_date", "datepublished", "dc.date.issued", "dc.date",
    "dcterms.created", "firstpublishedtime", "weibo: article:create_at", "sailthru.date",
    "parsely-pub-date", "date", "created", "releasedate",
)
# Meta names of the last update: used only when nothing tells the publish date.
MODIFIED_META_NAMES = ("article:modified_time", "datemodified", "dateupdate", "last-modified", "og:updated_time")
# Among several <h1>s of a page without <title>, a heading this short is a sidebar box's.
SIDEBAR_HEADING_MAX = 8
# A single <h1> is the title when this share of its characters occurs in <title>
# (a logo <h1> holding the site name does not).
H1_TITLE_OVERLAP = 0.5
# A page line holds a <title> part as its headline when it is at most this much longer.
HEADLINE_SLACK_RATIO = 1.3
HEADLINE_SLACK_CHARS = 4
# Meta names/properties carrying the site name.
SITE_META_NAMES = ("og:site_name", "sitename", "application-name", "site_name", "site")
# Separators between headline, channel and site name in <title>, tried in this order; a
# bare "-" splits only before a short site name ("标题-中国侨网").
TITLE_SEPARATORS = ("_", " | ", "｜", "|", " - ", " – ", " — ", "——", "—", "--", "::")
# Longest site name (last <title> part) in characters.
SITE_NAME_MAX = 20
# Dates in URLs: /2020-02/19/, /2020/02/19/, /20200102/, t20201120_, /202011/20/, /2020/1120/.
URL_DATE_RES = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(\d{2})[-/_](\d{2})(?!\d)"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})/(\d{2})/"),
    re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/"),
)
# A byline date without a year ("[06月24日 11時30分]", "6月24日 10:05"): dated only by the
# one year the page markup (element ids, links, image paths) writes with that month and day.
YEARLESS_DATE_RE = re.compile(r"(?<![\d年/.\-])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# The markup date for a month and day: 20190624, 2019-06-24, 2019/06/24, 2019_06_24.
MARKUP_DATE_PATTERN = r"(?<!\d)((?:19|20)\d{{2}})[-/_.]?{month:02d}[-/_.]?{day:02d}(?!\d)"
# A page line holds the headline when at most this many times as long as the title ...
TITLE_LINE_RATIO = 2
# ... plus this many characters.
TITLE_LINE_SLACK = 10
# A bare date label line ("发布日期：") is joined with the next line up to this length.
LABEL_ONLY_MAX = 16
# Below the article's first paragraph, only lines with these words date the page (a forum
# post's stamp at its end), never the entries of a related list.
POST_STAMP_WORD_RE = re.compile(r"发表|发布|发帖|贴于|(?i:posted)")
# How many page lines after the title are searched for the byline date.
DATE_SEARCH_LINES = 15
# Characters of the article's first prose line used to find it among the page lines.
ANCHOR_CHARS = 20
# Date lines this long at most are byline lines (longer ones are article sentences).
DATE_LINE_MAX = 100
# Earliest plausible publish year.
MIN_YEAR = 1994
