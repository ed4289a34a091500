"""Every regex, keyword list and threshold used by the deal extractor, named and commented.

All patterns run on the *normalised* text (see ``numbers.normalise``): full-width digits and
letters folded to ASCII, traditional Chinese and Japanese shinjitai folded character by
character to simplified Chinese.  Normalisation never changes the length, so offsets found
here are offsets in the verbatim input.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------
# Character normalisation (length-preserving)
# --------------------------------------------------------------------------------------

# Japanese shinjitai that zhconv leaves alone; folded so one keyword list serves zh and ja.
JA_TO_SIMPLIFIED: dict[str, str] = {
    "総": "总", "発": "发", "産": "产", "薬": "药", "楽": "乐", "県": "县", "広": "广",
    "関": "关", "済": "济", "転": "转", "団": "团", "図": "图", "辺": "边", "伝": "传",
    "売": "卖", "気": "气", "検": "检", "験": "验", "鉄": "铁", "営": "营", "単": "单",
    "拠": "据", "歳": "岁", "対": "对", "続": "续", "価": "价", "帯": "带", "様": "样",
    "縄": "绳", "恵": "惠", "沢": "泽", "覧": "览", "働": "动", "額": "额", "億": "亿",
    "剤": "剂", "圏": "圈", "雑": "杂", "択": "择",
}

# Full-width forms U+FF01..U+FF5E fold to ASCII (minus FULLWIDTH_SHIFT); but keep the CJK
# clause punctuation (，：；！？（）) as it is, because it separates clauses in Chinese text.
FULLWIDTH_FIRST, FULLWIDTH_LAST, FULLWIDTH_SHIFT = 0xFF01, 0xFF5E, 0xFEE0
FULLWIDTH_KEEP = set("，：；！？（）")
IDEOGRAPHIC_SPACE = "\u3000"
# Han blocks folded traditional -> simplified (CJK extension A and the unified block).
HAN_FIRST, HAN_LAST = 0x3400, 0x9FFF

# --------------------------------------------------------------------------------------
# Numerals
# --------------------------------------------------------------------------------------

# Chinese digits (incl. financial capitals) and their values.
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
    "柒": 7, "捌": 8, "玖": 9,
}
# Tens written as one character in newspapers: 廿五 is 25, 卅五 is 35.
CN_TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}
# Units below ten thousand: they multiply the digit before them inside one section.
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Section units: 兆 is 10^12 in Japanese and Taiwanese usage (the only usage in money).
CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8, "兆": 10**12}
CN_NUM_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_TENS)
# The decimal point inside a Chinese numeral (四点七).
CN_DECIMAL_POINT = "点"

# English number words for project counts ("fifteen projects").
EN_NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}

# --------------------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------------------

ARABIC_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# One numeral segment: number, optional 多/余 ("100多亿"), optional 千/百 ("8千万"),
# optional section unit.  Segments repeat for mixed units (30亿8000万, 1亿8千万); every
# segment but the last must end in a section unit, which keeps the regex linear (a long
# digit run cannot be split into segments in many ways).
# (Chinese numerals may carry a decimal point: 四点七亿 is 4.7亿; a space may stand before
# the unit in pages that pad numbers: "1035 亿元".)
_NUMBER = rf"(?:{ARABIC_NUM}|[{CN_NUM_CHARS}]+(?:点[{CN_NUM_CHARS}]+)?)[多余]?[千百十]?"
_SEGMENT = rf"(?:{_NUMBER}\s?(?:万亿|亿|万|兆))*{_NUMBER}(?:\s?(?:万亿|亿|万|兆))?"
# Currency words after the amount, longest first; mapped to ISO codes by CURRENCY_CODES.
_CJK_CURRENCY = (
    r"元人民币|人民币元|元美金|人民币|人民元|美元|美金|日元|日圆|円|欧元|ユーロ|港元|港币|英镑|"
    r"韩元|新台币|台币|米ドル|ドル|ウォン|ポンド|元"
)
# Currency words before the amount (人民币30亿元, RMB 1.2 billion, US$500 million).
_PREFIX_CURRENCY = r"人民币|新台币|台币|港币|美元|美金|日元|欧元|RMB|CNY|USD|US\$|HK\$|HKD|EUR|JPY|NT\$|CN¥|CN￥|\$|€|￥|¥"
# Qualifier words before / after an amount; mapped by QUALIFIERS.
# (约 after 签/合/条/契/节/预/邀 is part of a word: "签约1582亿元" is no "about".)
_CJK_QUAL_PRE = r"超过|超出|不低于|不少于|不下于|将近|接近|大约|约合|(?<![签合条契节预邀制])约|超|逾|近|至少|上(?=[百千])"
_CJK_QUAL_POST = r"以上|左右|上下|余り|を超える|を超え|を上回る|を上回った|を上回り|近く|程度|前後|多|余|超"

# First characters an amount can start with: lets the scanner skip other positions fast.
_CJK_MONEY_START = rf"(?=[\d{CN_NUM_CHARS}超不将接大约逾近至上人新台港美日欧RUHEJNC$€￥¥])"
CJK_MONEY_RE = re.compile(
    rf"{_CJK_MONEY_START}(?P<qpre>{_CJK_QUAL_PRE})?(?P<cpre>{_PREFIX_CURRENCY})?\s?"
    rf"(?P<core>{_SEGMENT})\s?(?P<cur>{_CJK_CURRENCY})?(?P<qpost>{_CJK_QUAL_POST})?"
)
EN_MONEY_RE = re.compile(
    r"(?=[\dOoMmAaIiAaRrSsNnCcUuHhEeJ$€￥¥])(?P<qpre>(?:over|more than|above|in excess of|about|approximately|around|roughly|"
    r"some|nearly|almost|close to|at least|up to)\s+)?"
    rf"(?P<cpre>{_PREFIX_CURRENCY})?\s?(?<![\d.,])(?P<core>(?>{ARABIC_NUM}))(?![\d.,]\d)[\s-]?"
    r"(?P<mag>trillion|billion|bn|million|mln|mn|thousand)?\b[\s-]?"
    r"(?P<cur>yuan|renminbi|RMB|U\.?S\.? dollars|dollars|euros?|yen|"
    r"HK dollars|Hong Kong dollars)?",
    re.IGNORECASE,
)
EN_MAGNITUDES: dict[str, float] = {
    "trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mln": 1e6, "mn": 1e6,
    "thousand": 1e3,
}

CURRENCY_CODES: dict[str, str] = {
    "元人民币": "CNY", "人民币元": "CNY", "人民币": "CNY", "人民元": "CNY", "元": "CNY",
    "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "cn¥": "CNY", "cn￥": "CNY", "renminbi": "CNY", "￥": "CNY", "¥": "CNY",
    "美元": "USD", "美金": "USD", "元美金": "USD", "ドル": "USD", "米ドル": "USD", "usd": "USD",
    "us$": "USD", "$": "USD", "dollars": "USD", "u.s. dollars": "USD", "us dollars": "USD",
    "日元": "JPY", "日圆": "JPY", "円": "JPY", "jpy": "JPY", "yen": "JPY",
    "欧元": "EUR", "ユーロ": "EUR", "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR",
    "港元": "HKD", "港币": "HKD", "nt$": "TWD", "hk$": "HKD", "hkd": "HKD", "hk dollars": "HKD",
    "hong kong dollars": "HKD", "英镑": "GBP", "ポンド": "GBP", "韩元": "KRW", "ウォン": "KRW", "新台币": "TWD", "台币": "TWD",
}
# Taiwanese text that names the New Taiwan dollar anywhere: a bare 元 there is TWD too.
TWD_CONTEXT_RE = re.compile(r"新台币|台币|NT\$")
# ¥ is yen in Japanese text.
JA_YEN_SIGNS = {"￥", "¥"}

QUALIFIERS: dict[str, str] = {
    "超过": "over", "超出": "over", "超": "over", "逾": "over", "多": "over", "余": "over",
    "以上": "over", "余り": "over", "を超える": "over", "を超え": "over",
    "を上回る": "over", "を上回った": "over", "を上回り": "over",
    "over": "over", "more than": "over", "above": "over", "in excess of": "over",
    "约": "about", "大约": "about", "约合": "about", "左右": "about", "上下": "about",
    "程度": "about", "前後": "about", "about": "about", "approximately": "about",
    "around": "about", "roughly": "about", "some": "about",
    "上": "over", "近": "nearly", "将近": "nearly", "接近": "nearly", "近く": "nearly",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "不低于": "at_least", "不少于": "at_least", "不下于": "at_least", "至少": "at_least",
    "at least": "at_least", "up to": "about",
}

# A qualifier after the source's own conversion in brackets: "38億元(約605億円)を超えた".
QUAL_AFTER_BRACKET_RE = re.compile(
    r"\s?[(（][^()（）]{1,24}[)）]\s?(?P<q>を超える|を超え|を上回る|を上回った|を上回り|以上|余り|近く|超)")
# The CJK pattern leaves amounts followed by an English magnitude to the English one.
EN_MAGNITUDE_AHEAD_RE = re.compile(r"\s?(?:trillion|billion|bn|million|mln|mn|thousand)\b", re.I)
# Numerals that open an amount only when a section unit follows at once (百亿, 千万元):
# "百" or "千" alone is not a number of money.
CORE_BAD_START = set("百千佰仟")
CORE_BAD_START_OK_RE = re.compile(r"[百千佰仟][万亿]")
# Characters looked at before / after a money match for MONEY_REJECT_*_RE.
MONEY_REJECT_BEFORE_CHARS = 3
MONEY_REJECT_AFTER_CHARS = 4
# Decimals kept in amounts (亿 units) and in CNY conversions.
VALUE_DECIMALS = 6
CNY_DECIMALS = 4
# A money match directly followed by one of these is not an amount (50亿元级项目: a class;
# 元/平方米: a unit price; 亿人: people).
MONEY_REJECT_AFTER_RE = re.compile(r"^\s?(?:级|級|量级|/|每|人|次|个|件|吨|台|辆|平方|千瓦|度|张|株|头|只|家|户|名|位|册|份|套|条|亩|kW|美元/)")
# ... or preceded by one of these (第3亿个; an ID or a year).
MONEY_REJECT_BEFORE_RE = re.compile(r"(?:第|数|几|No\.|[\dA-Za-z.])$")
# A range "10-15亿元", "10至15亿元": the amount is read as at least the lower bound.
RANGE_BEFORE_RE = re.compile(r"(?P<low>\d+(?:\.\d+)?)\s?(?:-|~|～|至|到|—|–)\s?$")
RANGE_BEFORE_CHARS = 12
# Amounts below this many 亿 are ignored as deal amounts (prices, fees, wages).
MIN_DEAL_YI = 0.01
# A component whose CNY value is within this share of the headline's is the headline
# restated in another currency ("5亿美元（约合人民币35亿元）").
SAME_VALUE_CNY_TOLERANCE = 0.12
# Share of the headline's value a component must stay below to count as a part of it.
COMPONENT_MAX_SHARE = 0.999
# A title/rounded figure and an exact body figure describe the same amount when the exact
# one lies within these bounds of the rounded one, by qualifier.
ROUNDED_MATCH_BOUNDS: dict[str, tuple[float, float]] = {
    "over": (1.0, 1.25), "about": (0.85, 1.15), "nearly": (0.8, 1.0),
    "at_least": (1.0, 1.25), "exact": (0.95, 1.05),
}

# --------------------------------------------------------------------------------------
# Amount context: what tells the event's own amount from distractors
# --------------------------------------------------------------------------------------

# Investment words near an amount (before it in the clause, or just after it in Japanese
# and English word order: "87億元を投資", "a $500 million investment").
INVEST_BEFORE_RE = re.compile(
    r"总投资|投资总额|计划投资|协议投资|投资额|投资|签约金额|签约总额|合同金额|契约金额|"
    r"协议金额|总额|总金额|拟投|投入|注资|斥资|出资|砸下|建设|invest|investment|worth|valued at|total of|"
    r"总投资额|投资契约金额",
    re.IGNORECASE,
)
# Strong investment words directly before the amount (within INVEST_NEAR_CHARS).
INVEST_NEAR_RE = re.compile(
    r"(?:总投资|投资总额|计划投资|协议投资|投资额|引资|协议引资|签约金额|签约总额|合同金额|契约金额|协议金额|签约|"
    r"拟投资|投资|投入|斥资|出资|总额|合计|total investment|invest(?:ing|ed|s)?|worth)"
    r"(?:额|规模|金额|达|为|约|超|逾|近|共|合计|总额|了|は|が|of|:|：|\s)*$",
    re.IGNORECASE,
)
INVEST_NEAR_CHARS = 12
# English puts a few words between the verb and the amount ("invest a total of $800 million").
INVEST_NEAR_EN_RE = re.compile(
    r"\b(?:invest(?:s|ed|ing|ment)?|worth|cost(?:s|ing)?|total(?:l)?ing|valued at|value of)\b"
    r"[\w ,.-]{0,24}$", re.IGNORECASE)
INVEST_NEAR_EN_CHARS = 40
INVEST_AFTER_RE = re.compile(
    r"^(?:を投资|の投资|を投じ|投资|investment|in investment|to invest|of investment|"
    r"を投入|の契约|的投资|的项目|的[^，,。]{0,16}?(?:项目|基地|工厂|产业园|生产线)|"
    r"[a-z -]{0,40}?\b(?:project|plant|factory|facility|production base|investment)s?\b)",
    re.IGNORECASE,
)
INVEST_AFTER_CHARS = 14

# Distractors: output, revenue, tax, GDP, trade, financing, funds, assets, subsidies,
# utilised foreign capital, annual plans.  (A project's own 固定资产投资, "该项目固定资产投资5亿元", is
# its investment; a place's is a statistic.)  Looked for in the amount's clause (before it)
# and right after it ("10亿元的产业基金").
# (Words that also name zones stay specific: 综合保税区, 出口加工区, 自由贸易试验区 and
# "free trade zone" are places, not distractors.)
DISTRACTOR_RE = re.compile(
    r"平均|产值|产出|营收|营业收入|销售额|销售收入|收入|利润|纳税|税收|税额|利税|税金|缴税|gdp|生产总值|"
    r"进出口|出口额|出口总额|出口值|进口额|进口总额|贸易额|贸易总额|贸易规模|"
    r"融资|资金调达|调达|授信|贷款|信贷|基金|总资产|净资产|资产规模|资产总额|补贴|补助|奖励|资助|利用外资|利用日资|利用内资|"
    r"到位|实到|注册资本|市值|估值|营业额|年计划|今年计划|年度计划|当年计划|工业投资|"
    r"(?<!项目)固定资产投资|完成投资|投资完成|完成了投资|研发投入|预算|财政(?!局|厅|部)|中标|订单|采购|招标|合同额|罚款|获利|赔偿|"
    r"票房|身价|奖金|扶持|奖补|最高给予|给予|revenue|sales|output|gdp|tax revenue|taxes|"
    r"exports|imports|export value|trade volume|trade value|financing|loans?\b|credit line|"
    r"\bfunds?\b|assets|subsid|market value|valuation|registered capital",
    re.IGNORECASE,
)
DISTRACTOR_AFTER_RE = re.compile(
    r"^[^，,。；;]{0,6}?(?:的)?(?:产值|营收|收入|销售|基金|融资|资金调达|调达|授信|贷款|资产|补贴|补助|资助|扶持|奖励|"
    r"税收|纳税|产出|利润|revenue|sales|fund|loan|in assets|of output)",
    re.IGNORECASE,
)
DISTRACTOR_AFTER_CHARS = 10
# English tallies often follow the amount: "…worth 120 billion yuan last year".
TALLY_AFTER_RE = re.compile(
    r"^[^.;]{0,25}?\b(?:last year|so far this year|this year|in the first (?:half|quarter|\w+ (?:months|quarters))|"
    r"in 20\d\d|since 20\d\d|year-on-year)\b", re.IGNORECASE)
TALLY_AFTER_CHARS = 40
# ... and before it within the clause ("plans signed last year to build a … plant").
TALLY_EN_RE = re.compile(
    r"\b(?:last year|so far this year|in the first (?:half|quarter|\w+ (?:months|quarters))|has attracted|have attracted|"
    r"(?:attracted|utili[sz]ed|used) (?:actual )?foreign (?:investment|capital)|"
    r"since 20\d\d|year-on-year|had been signed|by (?:the end of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b",
    re.IGNORECASE)
# Cumulative totals and period tallies: the amount sums many events ("今年以来…最大的项目"
# is a superlative about this event, not a tally).
TALLY_RE = re.compile(
    r"累计|累積|截至|截止|至今|迄今|先后|共引进|历年|"
    r"(?:今年以来|年初以来|以来|近年来)(?![^，,。]{0,20}?(?:最大|最高|最多|首个|首批|第一|单体))|"
    r"去年全年|去年同期|去年以来|上年度|上届|往届|昨年|今年に入って|年初から|これまでに|开幕式?前夕|会前|(?<!\d)(?:19|20)\d\d年(?:全年|度)?[，,]|"
    r"(?:全年|一季度|二季度|三季度|四季度|上半年|下半年|今年前半|上半期|下半期|前三季度|前\d+个月|前[一二三四五六七八九十]+个月|(?<!\d)\d+月份|当月|(?<!\d)\d+-\d+月|(?<!\d)\d+至\d+月|(?<!\d)\d+~\d+月)"
    r"(?![^，,。]{0,10}?(?:集中|招商项目|重大项目|重点项目|项目集中))|"
    r"(?<!\d)\d+年来|这些年|(?<![会节展动议坛])期间|目前[，,]?[^，,。]{0,12}?已[^，,。]{0,10}?\d+\s?[个家项]|so far|to date|cumulative|in total since|"
    r"year-to-date|first quarter|first half",
    re.IGNORECASE,
)
# Targets and plans: "到2025年…计划引进项目100个，总投资500亿元", "力争", "目标".
# (An investment horizon such as "计划5年内投资100亿元" is the deal's amount, not a plan.)
PLAN_RE = re.compile(
    r"到20\d\d年|至20\d\d年|力争|目标|规划期|十四五期间|十五五期间|"
    r"计划引进|计划招引|计划新签|原计划|追加投资|将追加|拟追加|到年底|年底前|尚未|(?<!现场)安排[^，,。]{0,6}?项目|列入[^，,。]{0,16}?项目|"
    r"by 20\d\d|target",
    re.IGNORECASE,
)
# A size class, not an amount: "投资超10亿元的项目8个", "亿元以上项目20个".
# ("投资额2000万元以上的正式合同项目692个": a threshold with a few words before 项目.)
CLASS_AFTER_RE = re.compile(
    r"(?:(?:以上|及以上)?(?:的)?(?:重大|重点|产业|工业|制造业|招商)?|(?:以上|及以上)?的[^，,。；;、\d]{1,8}?)项目\s?"
    r"(?:共|有|达)?(?:\d+|[一二三四五六七八九十两]+)\s?(?:个|项)"
)
# Markers of a part of the event ("其中", "このうち", "including").
COMPONENT_MARK_RE = re.compile(
    r"其中|このうち|うち|包括(?=[^，,。、]{0,6}\d)|分别|分会场|分会場|among them|of which|including|in which",
    re.IGNORECASE
)
# Clause separators: context windows stop here.  Japanese uses 、 as the clause comma.
# (A comma inside a number, "2,000", separates nothing.)
CLAUSE_SEP_RE = re.compile(r"[，；;：:]|,(?!\d{3})")
CLAUSE_SEP_JA_RE = re.compile(r"[，；;：:、]|,(?!\d{3})")
# A clause is looked for at most this many characters either side of a word.
CLAUSE_MAX_CHARS = 40

# Scores of a money candidate (sum of matching features).
SCORE_INVEST_NEAR = 4.0      # strong investment word right before / after the amount
SCORE_INVEST_CLAUSE = 2.0    # investment word somewhere earlier in the clause
SCORE_EVENT_SENTENCE = 2.0   # sentence reports a signing / groundbreaking / ...
SCORE_COUNT_SENTENCE = 1.5   # sentence gives a project count
SCORE_TITLE_LIKE = 1.0       # title or headline-like line near the top
SCORE_EARLY = 1.0            # among the first EARLY_SENTENCES body sentences
SCORE_TOTAL_WORD = 1.5       # "以上项目总投资", "合计", "共计": a sum over the event's projects
TOTAL_WORD_RE = re.compile(
    r"(?:以上|上述|这些|此次|本次|全部|所有)[^，,。]{0,6}?(?:项目)?[^，,。]{0,4}?(?:总投资|投资总额|合计|共计|总计)|"
    r"合计|共计|总计|累加|in total|combined|a total of", re.I)
EARLY_SENTENCES = 4
PENALTY_DISTRACTOR = 10.0    # output, revenue, financing ... in the amount's clause
PENALTY_DISTRACTOR_SENTENCE = 2.0  # distractor earlier in the same sentence
PENALTY_TALLY = 6.0          # cumulative / period tally before the amount
PENALTY_COMPONENT = 3.0      # "其中" before the amount: a part, not the whole
PENALTY_NO_CURRENCY = 0.5    # bare "200亿" without 元: slightly less trustworthy
# A title's event total larger than the best body figure wins when it scores at most
# this much lower (the body tells an on-stage subset in more detail).
TITLE_TOTAL_MARGIN = 1.0
# Minimum score for a money candidate to be the headline / a component.
MIN_HEADLINE_SCORE = 3.0
MIN_COMPONENT_SCORE = 3.5
# A component marker (其中) counts for a component instead of against it.
SCORE_COMPONENT_MARK = 3.0

# --------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------

# Event keywords by type, on normalised text (契約 -> 契约, 着工, 稼働 -> 稼动).  When one
# sentence holds several, the first by position names the event.
EVENT_KEYWORDS: dict[str, str] = {
    "signing": r"集中签约|签约|签署|签订|签下|缔结|缔约|契约|调印|締結|署名|signed|signing|signs|"
               r"inked|sign an? |agreement",
    "groundbreaking": r"集中开工|开竣工|开工|奠基|开建|动工|动土|破土|着工|起工|ground-?breaking|broke ground|"
                      r"commencement ceremony|projects? (?:were|was) launched|(?:were|was|are) launched (?:on|in|at)|"
                      r"break ground|construction (?:began|started|starts|of)|"
                      r"(?:started|starts|began|begins|commenced|kicked off) (?:construction|building|work on)|"
                      r"ground was broken|"
                      r"项目(?:正式)?启动(?![会大])|(?:产业园|工业园|基地|工厂|项目)(?:建设)?启动仪式|启动建设",  # 项目启动: a start
    "production": r"投产|试生产|量产|竣工|稼动|生产开始|生产を开始|稼动を开始|操业を开始|投入生产|正式启用|启用仪式|started production|"
                  r"commenced production|begins production|began production|production start|"
                  r"(?:began|begins|commenced|started|starts) operations?|went into operation|"
                  r"put into (?:operation|production)",
    "settlement": r"落户|落地|入驻|进驻|定着|定住|进出(?!口)|设立|设け|新设|设厂|揭牌|开园|开所|"
                  r"(?<=[据点场])を建设|settle|set up|establish|"
                  r"located in|move(?:s|d)? into",
}
# All event keywords in one pattern (one scan per text); the group name is the type.
EVENT_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in EVENT_KEYWORDS.items()), re.IGNORECASE)


def _top_level_alternatives(rx: str) -> list[str]:
    """Split a pattern on its top-level '|' (not inside groups or classes)."""
    parts, depth, in_class, cur, i = [], 0, False, "", 0
    while i < len(rx):
        ch = rx[i]
        if ch == "\\":
            cur += rx[i:i + 2]
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(cur)
            cur, i = "", i + 1
            continue
        cur += ch
        i += 1
    return parts + [cur]


def _event_re(latin: bool) -> re.Pattern[str]:
    """EVENT_RE's CJK keywords (case-sensitive, fast on Han text) or its Latin ones."""
    groups = []
    for kind, rx in EVENT_KEYWORDS.items():
        alts = [a for a in _top_level_alternatives(rx) if bool(re.search("[A-Za-z]", a)) == latin]
        if alts:
            groups.append(f"(?P<{kind}>{'|'.join(alts)})")
    return re.compile("|".join(groups), re.IGNORECASE if latin else 0)


# The same keywords in two scans: Han keywords without IGNORECASE (several times faster on
# Chinese text), Latin ones only over the Latin stretches of a text.
EVENT_CJK_RE = _event_re(latin=False)
EVENT_LATIN_RE = _event_re(latin=True)
# A stretch of Latin text: the Latin keywords are searched only inside these.
LATIN_SPAN_RE = re.compile(r"[A-Za-z][A-Za-z0-9\s,.;:'&/()\-]*")
# A deal sentence without an event word that builds something is a settlement
# ("拟投资10亿元建设…基地", "拟新建…扩建项目").
SETTLEMENT_FALLBACK_RE = re.compile(r"投资建设|投建|新建|扩建|建设|兴建|设立|新设|build|construct", re.I)
# Strong event verbs make an article a deal on their own (with an object); weak ones
# (落地, 入驻, 设立) only with an amount, a count or a STRONG_OBJECT in the same sentence.
STRONG_EVENT_TYPES = ("signing", "groundbreaking", "production")
# Generic / policy phrasing around an event verb: "推动项目落地", "吸引更多企业落户".
GENERIC_EVENT_RE = re.compile(
    r"推动|加快|加速|促进(?!局|会|中心|委)|助力|吸引|鼓励|争取|力争|推进(?!办|组)|确保|有利于|做好|引导|帮助|希望|欢迎|"
    r"for more|attract|encourage|promote",
    re.IGNORECASE,
)
# Attributive use of an event word: "对签约项目给予奖励" (projects that sign), not an event.
ATTRIBUTIVE_EVENT_BEFORE_RE = re.compile(r"(?:对|给予|为|向|按)$")
ATTRIBUTIVE_EVENT_AFTER_RE = re.compile(
    r"奖励|补贴|补助|政策|办法|条件|门槛|率|指标|任务|人|方|者|权|主体|时间|日期|流程|手续|车")
# Event words that mean an investment event only in Japanese (契约 is "covenant" in Chinese).
JA_ONLY_EVENT_WORDS = frozenset({"契约", "调印", "定着", "定住", "进出", "稼动", "生产开始", "设け", "开所", "新设",
                                 "署名"})
# Objects that make a settlement an event on their own ("…に新たな生産拠点を設ける"),
# when named in the same clause as the event word.
STRONG_OBJECT_RE = re.compile(
    r"总部|基地|工厂|工场|据点|生产线|研发中心|新厂|plant|factory|headquarters", re.I)
# A cancelled or suspended deal is not a new investment event.
CANCELLED_EVENT_RE = re.compile(
    r"终止|取消|解除|撤销|暂停|放弃|搁置|叫停|中止|解约|terminat|cancel|scrap|suspend|withdr|"
    r"打ち切|中止|撤回|白紙", re.I)
# A deal still being negotiated is not an event yet ("目前正在洽谈中").
NEGOTIATING_RE = re.compile(r"洽谈中|正在洽谈|正在商谈|在谈|商谈中|接洽中|交涉中|under negotiation|in talks", re.I)
# Characters before an event word or amount searched for a cancellation word.
CANCELLED_WINDOW = 40
# Only this many characters before the event keyword are checked for generic phrasing.
GENERIC_EVENT_WINDOW = 10
# Expected / conditional events are not the reported event: "预计投产后", "建成后".
FUTURE_EVENT_BEFORE_RE = re.compile(
    r"(?:预计|预期|有望|计划于|计划在|力争|达产|建成|expected to|scheduled to|slated to)[^，,。]{0,8}$", re.I)
# A signing, groundbreaking or production start still to come: "71个项目将签约", "定于…开工".
# (A settlement after 将 is what a signed deal will do: "将在高新区设立总部" stays an event.)
FUTURE_STRONG_EVENT_BEFORE_RE = re.compile(
    r"(?:即将|(?<![已并])将(?![近军来])|拟|定于|准备|计划|确保|到年底|年底前|年内|will)[^，,。]{0,8}$", re.I)
# An event word negated right before it is no event: "未开工", "尚未签约", "没有投产".
NEGATED_EVENT_BEFORE_RE = re.compile(r"(?:未|尚未|没有|并未|未能|暂未|not (?:yet )?)\s?$", re.I)
FUTURE_EVENT_AFTER_RE = re.compile(r"后|以后|之后|を?予定|する予定|の予定|见込み|する计画|を计画|を目指")
# A past event told as background: "2025年3月开工，历时19个月建成".
# A year or month without a day marks background; a full date ("2024年3月5日签约") does not.
HISTORY_EVENT_BEFORE_RE = re.compile(
    r"(?:(?:19|20)\d{2}\s?年|去年|前年)(?:\d{1,2}\s?月份?)?(?![^，,。\d日]{0,6}?(?:季度|批|集中))[^，,。\d日]{0,6}$")
# ("2024年三季度集中开工", "2020年第六批集中开工" name a batch, not a project's history.)
# What an event is about: projects, companies, plants (a signing of "合作" alone is weak).
EVENT_OBJECT_RE = re.compile(
    r"项目|投资|基地|总部|工厂|厂房|新厂|车间|生产线|产线|产业园|智造园|产业化|综合体|(?:研发|创新|运营|结算|数据|物流|制造)中心|"
    r"プロジェクト|工场|据点|"
    r"(?:新|封装|晶圆|组装|整车|电池|材料|制造|生产|加工|分)厂|projects?\b|invest|plant|factory|facility|headquarters|production base|production line",
    re.IGNORECASE,
)
# An amount alone makes a deal only with a project word and at least this score.
MIN_STANDALONE_HEADLINE_SCORE = 5.0
# A component naming one project before its amount ("某电池项目投资40亿元", "一期").
SINGLE_PROJECT_RE = re.compile(r"(?<![个项件])项目|首期|一期|二期|三期|(?<!\d)プロジェクト|\ba [a-z -]{0,40}project\b", re.I)
# Batch wording: a ceremony of several projects whose count we were not told.
BATCH_RE = re.compile(
    r"(?:一批|首批|批次|若干|一系列|系列|多个|一揽子|数个)[^，,。]{0,8}?(?:项目|企业|プロジェクト)|"
    r"集中(?:签约|开工|投产|竣工|落地)|涵盖|合计|共计|batch|several|a number of|\bprojects\b|"
    r"(?:大会|博览会|洽谈会|交易会|推介会|招商会|论坛|峰会)[^，,。]{0,6}?签约|"  # a fair's signed total
    r"(?:重点|重大)(?:合作|产业|招商)?项目(?:集中)?签约(?:仪式|活动)|"
    r"(?<!\d)\d+\s?(?:项|个|份|件)(?:[^，,。]{0,4}?)(?:协议|合同|契约)|"
    r"(?:(?<!\d)\d+|[两三四五六七八九十]+)\s?家(?:[^，,。]{0,4}?)(?:企业|公司|单位|机构)|"
    r"\b\d+ (?:[a-z-]+ ){0,2}(?:agreements|deals|contracts)\b", re.I)

# Project counts: "15个项目", "签约项目12个", "68件のプロジェクト", "20の…プロジェクト",
# "15 projects".  The noun must be a project: "28项合作协议" is not a project count.
# English count words (a date before one is no count: "2021-06-28 Fourteen … projects").
_EN_COUNT_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                   "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty")
_CN_COUNT_NUM = rf"(?<![\d数几])\d+|(?<![{CN_NUM_CHARS}数几上])[{CN_NUM_CHARS}]+"
COUNT_RES: tuple[re.Pattern[str], ...] = (
    # (Not a numeral inside a quoted name: "“三个一批”活动项目28个", "N个一批" campaigns.)
    re.compile(
        rf"(?<![“\"「『])(?P<num>{_CN_COUNT_NUM})\s?[余多]?(?:个|项|家|宗)(?!一批)"
        rf"(?:[^，,。；;、！？!?\n\d“”\"「」『』]{{0,10}}?)(?:项目|大项目)"
    ),
    re.compile(rf"项目(?:共计|合计|总计|总数|数量|共有|共|有|达到|达|为|计)?\s?(?P<num>{_CN_COUNT_NUM})\s?[余多]?(?:个|项|宗)"),
    # The noun left out after an event verb: "其中现场集中签约32个、总投资超400亿元".
    re.compile(rf"(?:签约|开工|投产|竣工|落地|落户)\s?(?P<num>{_CN_COUNT_NUM})\s?[个项](?=\s?[、，,。；;])"),
    re.compile(
        r"(?P<num>(?<!\d)\d+|(?<![一二三四五六七八九十百])[一二三四五六七八九十百]+)\s?(?:件|つ|個)?の[^。、「」]{0,14}?プロジェクト"
    ),
    re.compile(r"プロジェクト(?:は|が|の数は|数は)?(?:计|合计|全|総)?(?P<num>\d+)\s?(?:件|つ|個)"),
    re.compile(r"(?<!\d)(?P<num>\d+)\s?件(?:の|が|を)?[^。、]{0,6}?(?:契约|调印|缔结|着工|签约)"),
    # Taiwanese approvals count cases: "通过华泰等2件台商回台投资申请案", "五家台商回流投资案".
    re.compile(rf"(?P<num>{_CN_COUNT_NUM})\s?[件家][^，,。；;]{{0,12}}?投资(?:申请)?案"),
    re.compile(
        rf"(?<![$.,/-])\b(?P<num>\d+|{_EN_COUNT_WORDS})\s+(?:(?!(?:{_EN_COUNT_WORDS})\b)[a-z-]+\s+){{0,3}}?"
        r"(?:projects?|deals|facilities|factories|plants)\b",
        re.IGNORECASE,
    ),
)
# Companies moving in, counted where no project count is given ("两家企业签约入驻", "日系企業
# 4社が…開発区に入居"): one project each. A bare signing with N firms ("与5家企业集中签约")
# gives no project count.
COMPANY_COUNT_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?P<num>{_CN_COUNT_NUM})\s?家(?:企业|公司)[^，,。；;]{{0,4}}?(?:入驻|落户|入园)"),
    re.compile(r"企业(?P<num>\d+|[一二三四五六七八九十]+)社(?:は|が)[^。]{0,40}?(?:入居|进出)"),
    # Taiwan's approvals count firms, one case each: "再添五家企業擴大投資台灣".
    re.compile(rf"(?P<num>{_CN_COUNT_NUM})\s?家[^，,。；;]{{0,6}}?(?:企业|公司|厂商|业者|台商)[^，,。；;]{{0,4}}?"
               r"(?:扩大投资|回台投资|投资台湾)"),
)
# One of these must occur in the (lower-cased) text for the COUNT_RES pattern of the same
# position to run at all (None: always run): skips costly scans of text that cannot match.
COUNT_RE_NEEDS: tuple[tuple[str, ...] | None, ...] = (
    ("项目",), ("项目",), ("签约", "开工", "投产", "竣工", "落地", "落户"), ("プロジェクト",), ("プロジェクト",), ("件",), ("案",),
    ("project", "deal", "facilit", "plant", "factor"),
)
# A headline count is looked for in this many first body sentences when the headline's and
# the event's own sentences give none.
COUNT_LEAD_SENTENCES = 12
# Characters that may stand before a sentence-opening 其中 (its sentence is then a part of
# the previous sentence's batch).
COUNT_MARK_LEAD_CHARS = " \t\n,，:：;；"
# An approximate count ("九十多个项目", "20余个", "近百个", "约30个") is no number: null.
APPROX_COUNT_AFTER_RE = re.compile(r"\s?[余多]")
APPROX_COUNT_BEFORE_RE = re.compile(r"(?:近|(?<![签合公条契节])约|逾|超)\s?$")  # not 签约, 合约
# Counts joined by list separators are summed inside a component ("2つの…、1つの…").
COUNT_LIST_GAP_RE = re.compile(r"^[、，,和与及とand\s]*$")
# Maximum plausible project count in one event.
MAX_PROJECT_COUNT = 5000

# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

# Full dates: 2020年11月19日, 2020-11-19, 2020/11/19, 2020.11.19.
FULL_DATE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?P<y>(?:19|20)\d{2})\s{0,3}年\s{0,3}(?P<m>\d{1,2})\s{0,3}月\s{0,3}(?P<d>\d{1,2})\s{0,3}[日号]"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
)
# Month-day without a year: 3月31日, 11月19日.
MONTH_DAY_RE = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?[日号]")
# Chinese-numeral month-day: 三月三十一日.
CN_MONTH_DAY_RE = re.compile(r"(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})[日号]")
# Day only (18日上午, 5日，) resolved with the publish month.
DAY_ONLY_RE = re.compile(r"(?<![\d月年])(?P<d>\d{1,2})日(?=[上下中晚早，,、在与同向)）]|午|集中|举行|举办|召开|开幕|闭幕|落幕|签|"
                         r"开工|投产|正式|落户|宣布|发布)")
# English dates: "March 31, 2024", "31 March 2024", "on March 31".
EN_MONTHS: dict[str, int] = {
    m: i + 1 for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"])
}
EN_MONTHS.update({m[:3]: v for m, v in list(EN_MONTHS.items())})
EN_MONTHS["sept"] = 9  # "Sept. 29"
EN_DATE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>[A-Z][a-z]{2,8})\.?(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"),
)
# Relative days: offsets from the publish date.  日前/近日 ("recently") are not resolved.
RELATIVE_DAYS: dict[str, int] = {
    "前天": -2, "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1, "今天": 0, "今日": 0, "本日": 0,
    "yesterday": -1, "today": 0, "一昨日": -2, "前日": -2,
}
# (当天 "that day" refers to a date already given, so it is not resolved on its own.)
# 前日 is 前天 in Chinese ("前日上午"); in Japanese it is "the day before" (前日の, 前日に).
RELATIVE_DAY_RE = re.compile(
    r"一昨日|前天|昨天|昨日|昨晚|昨夜|今天|今日|本日|(?<!\w)前日(?=上午|下午|晚|[，,\s])|yesterday|today", re.I)
# 上月15日 / 本月15日 / 上个月: month offsets with a day.
RELATIVE_MONTH_RE = re.compile(r"(?P<rel>上个?月|本月|这个月|先月|今月|last month|this month)\s?(?P<d>\d{1,2})?\s?[日号]?", re.I)
RELATIVE_MONTHS: dict[str, int] = {
    "上月": -1, "上个月": -1, "先月": -1, "last month": -1, "本月": 0, "这个月": 0,
    "今月": 0, "this month": 0,
}
# Weekdays: "周一", "上周五", "星期天", "月曜日", "on Monday" -> the latest such day on or
# before the publish date (上周: the week before the publish date's week).
WEEKDAY_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?P<rel>上周|上星期|本周|这周|本星期)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"),
    re.compile(r"(?P<rel>先週|今週)?(?P<wd>[月火水木金土日])曜日?"),
    re.compile(r"\b(?P<rel>last |this )?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
)
WEEKDAY_INDEX: dict[str, int] = {
    "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
    "月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
PREVIOUS_WEEK_WORDS = frozenset({"上周", "上星期", "先週", "last "})
# Vague times: the event happened "recently"; no date can be given.
VAGUE_DATE_RE = re.compile(
    r"日前|近日|近期|前不久|不久前|先日|recently|earlier this|last week|this week", re.I)
# A date that is a deadline or plan, not the event: "预计12月31日前建成", "计划于6月30日投产".
# A page's own stamp labels its date: "date 2020-09-29", "发布时间：", "日期:" (no event date).
DATE_STAMP_BEFORE_RE = re.compile(
    r"(?:\bdate|\bposted|\bpublished|\bupdated|发布日期|发布时间|发布于|发表于|更新时间|更新于)\s?[:：]?\s{0,3}$", re.I)
DATE_FUTURE_BEFORE_RE = re.compile(r"(?:预计|计划|将于|将在|力争|争取|确保|预期|有望|拟于|拟在|by)\s?$", re.I)
DATE_FUTURE_AFTER_RE = re.compile(r"\s?(?:前|之前|以前|底前|before)")
# Characters looked at before a date for plan words, and matched for a dateline.
DATE_CONTEXT_CHARS = 6
DATELINE_MAX_CHARS = 20
# A ceremony sentence: may hold the date of the event reported in the next sentence.
# A line that does not end in one of these runs on into the next (a hard wrap): a date split
# across the break is read whole, looking back this many characters.
SENTENCE_FINAL_CHARS = "。！？!?；;】]"
WRAPPED_DATE_CHARS = 16
# A sentence opening with "that day" is dated by the sentence before it, in any paragraph.
SAME_DAY_OPENER_RE = re.compile(r"\W{0,2}(?:当日|当天|同日|同一天|on the same day)", re.I)
CEREMONY_RE = re.compile(r"举行|举办|召开|开幕|闭幕|落幕|开催|行われ|仪式|大会|活动|ceremony|conference|held", re.I)
# When no event sentence is dated, a ceremony sentence among this many first body sentences
# dates the event ("16日举办第十三届招商会", "9月18日,…大会闭幕").
DATE_LEAD_SENTENCES = 6
# A year stated next to the event date (10月18日2021年度…) within this many chars after it.
YEAR_AFTER_DATE_CHARS = 8
YEAR_AFTER_DATE_RE = re.compile(r"^[\s、，,]?(?P<y>(?:19|20)\d{2})\s?年")
# The text names the event's year: "生物城2021年开工的首个项目", "2021年签约的第一个".
EVENT_YEAR_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s?年(?:度)?(?:以来)?(?:[^，。,\d]{0,4}?)"
    r"(?:开工|签约|落地|落户|投产|开建|动工|引进)的(?:首个|首批|第一个|第一批|第[一二三四五六七八九十\d]+个)"
)
# A sentence that is a news dateline ("新华社北京3月5日电", "1月18日12时30分讯") is not the event.
# English news datelines: "BEIJING, Nov. 28 (Xinhua) --": the dispatch date, not the event's.
EN_DATELINE_AFTER_RE = re.compile(r"\s*(?:\(\s*[A-Z][\w .&/-]{1,30}\)\s*)?(?:--|—|–)")
# The day the reporter learned of it, not the event's: "11月28日，记者从高新区获悉，…日前签约".
REPORT_DATE_AFTER_RE = re.compile(r"[，,\s]*(?:上午|下午|晚间)?[，,\s]*记者(?:从[^，,。]{1,24})?(?:获悉|了解到|得知)")
DATELINE_RE = re.compile(r"(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?\d{1,2}日\s?(?:\d{1,2}时(?:\d{1,2}分)?)?\s?(?:电|讯)")
# A dateline or source stamp: a date followed by a wire or paper name, a bracket's end or
# 电/讯 ("新华社南京6月15日】", "晋江新闻网6月12日深圳专电", "Feb. 25, 2017 /PRNewswire/ --",
# "【2012年2月6日湖北日报より】"). Its day is not the event's, but anchors 昨晚, 14日 and the year.
DATELINE_STAMP_AFTER_RE = re.compile(
    r"\s?(?:\d{1,2}[时:]\d{0,2}分?\s?)?(?:[^\s，,。；;]{0,8}?(?:专电|电|讯)(?=[\s(（【】:：，,]|$)|\(?(?:PR ?Newswire|/PRNewswire/|Xinhua|新华社)|"
    r"[^】\]。，,]{0,24}[】\]]|[^。，,]{0,12}より)", re.I)
# A year the text names, for a year-less event date when nothing else gives one:
# "举行2021年第二批…", "2017中外知名企业…" (a year before a Han character needs no 年).
YEAR_MENTION_RE = re.compile(r"(?<![\d\-./])(?P<y>(?:19|20)\d{2})(?:\s?年(?!\d{1,2}月\d{1,2}日)|(?=[\u4e00-\u9fff]))")
# ... unless it is a plan's horizon ("到2025年", "2026年建成").
YEAR_PLAN_BEFORE_RE = re.compile(r"(?:到|至|预计|计划|力争|争取|目标|by)\s?$", re.I)
# A relative day followed this close by a day in brackets is explained by it: 昨天(28日).
RELATIVE_EXPLAINED_CHARS = 2
# Datelines are looked for in the first this many characters of the body.
DATELINE_SCAN_CHARS = 400
# Publish date read from the page head when none is given: a full date next to a time,
# inside brackets, or after a "time/source" label.
PUBLISHED_HEAD_CHARS = 400
PUBLISHED_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?:时间|日期|发布|发表|更新|公布|来源|投稿|発表|掲載|published|posted|date)[^\n\d]{0,6}?"
               r"(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})", re.I),
    re.compile(r"(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?\s*\d{1,2}:\d{2}"),
    re.compile(r"[(（\[](?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})[)）\]]"),
)

# --------------------------------------------------------------------------------------
# Sentences and page debris
# --------------------------------------------------------------------------------------

# Sentence ends: CJK terminators and line breaks (；joins parallel clauses of one sentence);
# Latin terminators need a space after them.
SENTENCE_END_RE = re.compile(r"[。！？!?\n]+|(?<=[a-z0-9)\"'][.])\s+(?=[A-Z\"'(])")
# Lines that end the article: everything after them is debris (related lists, comment
# forms, disclaimers, share bars, contact blocks).
ARTICLE_END_RE = re.compile(
    r"^\W{0,3}(?:相关阅读|相关资讯|相关文章|相关新闻|相关推荐|相关报道|延伸阅读|推荐阅读|热门推荐|"
    r"猜你喜欢|热点推荐|更多精彩|免责声明|版权声明|责任编辑|网友评论|我要评论|发表评论|分享到|"
    r"分享给朋友|本文链接|原文链接|上一篇|下一篇|扫一扫|扫描二维码|关注公众号|请选择您浏览|"
    r"相關閱讀|相關新聞|相關文章|免責聲明|版權聲明|責任編輯|"
    r"関连记事|関连ニュース|関連記事|関連ニュース|おすすめ記事|"
    r"related articles|related news|related stories|read more|you may also like)",
    re.IGNORECASE,
)
# The end marker counts only after this much article text (a breadcrumb or share bar at
# the very top must not swallow the article).
ARTICLE_END_MIN_CHARS = 40
# A trailing run of at least this many short unpunctuated lines after the last paragraph
# is a headline list (related articles without a heading), not article text.
TRAILING_LIST_MIN_LINES = 2
TRAILING_LIST_MAX_CHARS = 40
# Head debris lines: breadcrumbs and page meta ("您的位置:首页 > …", "时间: … 来源: …").
HEAD_DEBRIS_RE = re.compile(
    r"首页\s?>|>\s?正文|当前位置|您的位置|来源[:：]|浏览次数|字号|设为首页|参与互动|Home\s?>", re.I
)
# A title-like line: short, no sentence punctuation at its end.
TITLE_LINE_MAX_CHARS = 60
TITLE_LINE_END_RE = re.compile(r"[。！？!?.;；]\s*$")
# Share of the body (by characters) within which a title-like line counts as a headline.
TITLE_LIKE_HEAD_SHARE = 0.3
# Title-like lines count only before the lead: the first long or punctuated sentence;
# a line that says it is a title counts anywhere ("原标题：…").
TITLE_MARKER_RE = re.compile(r"^\W{0,2}(?:原标题|原標題|原題|标题|標題|題名|original title)\s?[:：]", re.I)
LEAD_SENTENCE_MIN_CHARS = 60

# --------------------------------------------------------------------------------------
# Places (choosing among the gazetteer's mentions)
# --------------------------------------------------------------------------------------

# Venue clauses: a place named here hosts the ceremony, the money goes elsewhere.
VENUE_AFTER_RE = re.compile(r"[^，,。；;]{0,16}?(?:举行|举办|召开|开幕|闭幕|会场)")
# Japanese / English locative venue phrases need no preposition before the place.
VENUE_LOCATIVE_AFTER_RE = re.compile(r"(?:において|にて|で)(?:开催|行われ|行い)|会场|,? (?:was|were) held|hosted", re.I)
# A news dateline names the reporter's city, not the deal's: "新华社北京5月8日电",
# "BEIJING, May 8 (Reuters) -".
DATELINE_PLACE_AFTER_RE = re.compile(
    r"\s?(?:\d{1,2}月\d{1,2}日\s?(?:\d{1,2}时(?:\d{1,2}分)?)?\s?(?:电|讯)|,\s?[A-Z][a-z]{2,8}\.? \d{1,2}\b|报道\)|专电|"
    r"\s?\((?:Reuters|Xinhua|AFP|Bloomberg)\))")
PENALTY_PLACE_DATELINE = 4.0
# The investor's home: "深圳一家电池企业", "上海某集团", "北京的公司".
ORIGIN_AFTER_RE = re.compile(
    r"(?:市|省)?(?:一家|某|的|本土|籍|系|资企业|资公司|知名|企业|公司|集团|の企业|の会社|-based|company)")
PENALTY_PLACE_ORIGIN = 2.5
# ... or named after 来自 ("项目来自深圳"), or the head of a company's short name in a list
# ("包括宁德博发、江苏嘉盛、宁德聚能"): a place, two characters, a list separator.
ORIGIN_BEFORE_RE = re.compile(r"(?:来自|来源于|源自|\bfrom)\s?$", re.I)
SHORT_BRAND_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{2}(?:、|和|及|等)")
SHORT_BRAND_LAST_RE = re.compile(r"[\u4e00-\u9fff]{2}[,，;；。]")  # the list's last item
PENALTY_PLACE_BRAND = 4.0  # part of a name, not a place
VENUE_BEFORE_RE = re.compile(r"(?:在|于|赴|at|in)\s?$", re.I)
# English puts the verb first: "held an investment conference in Shanghai".
VENUE_EN_BEFORE_RE = re.compile(
    r"\b(?:held|hosts?|hosted|took place|convened|organi[sz]ed)\b[^,.;]{0,40}\b(?:in|at)\s?$", re.I)
VENUE_EN_BEFORE_CHARS = 60
# Only this many characters after a place are searched for a locative venue phrase.
VENUE_LOCATIVE_CHARS = 8
# Destination words: the money goes to the place right after them.
DESTINATION_BEFORE_RE = re.compile(r"(?:落户|落地|入驻|进驻|投资于|位于|布局|建于|到|に|在)\s?$")
# Quoted speech opens with one of these: its company names are not taken as investors.
QUOTE_OPENERS = "“「『\"‘"
# A company's representative speaking at the event ("X集团总裁Y表示", "テンセントグループ副総裁・
# 道峰は、「…」"): a role word right after the name (a region such as 东亚区 may stand between),
# then a speech cue or an opening quote within SPEAKER_CUE_CHARS. Their company is a party.
SPEAKER_ROLE_RE = re.compile(
    r"[^，,。;；:：“「『\"\s]{0,6}?(?:副?董事长|副?总裁|副?总经理|首席执行官|执行董事|总代表|首席代表|代表|"
    r"负责人|副?社长|副?会长|创始人|合伙人|CEO|President|Chairman|Vice President|Managing Director)",
    re.I)
SPEAKER_CUE_RE = re.compile(r"表示|指出|致辞|讲话|发言|介绍|说|[はが][、,]?\s*[「“『]|[:：]\s*[“「『]|挨拶|述べ|"
                            r"语った|said|says|stated|noted", re.I)
SPEAKER_CUE_CHARS = 24
# ... unless the name is introduced as the event's organiser (大会主办方华大基因相关负责人表示).
ORGANISER_BEFORE_RE = re.compile(r"(?:主办|承办|协办|支持|指导)(?:方|单位)\s*$|主催\s*$|organi[sz]ers?\s*$", re.I)
ORGANISER_BEFORE_CHARS = 8
# Legal / group suffixes stripped when comparing company names for duplicates.
COMPANY_SUFFIX_RE = re.compile(r"(?:集团|股份有限公司|有限责任公司|有限公司|公司|股份|控股|株式会社)$")
# Text between two investors named as one list ("甲公司、乙集团和丙公司").
PARTY_LIST_GAP_RE = re.compile(r"\s*(?:[、，,/]|和|与|及|以及|と|and|&)\s*", re.I)
# Text between two places the headline lists as one subject ("两江新区、西部科学城重庆高新区等"):
# a list separator, and a short descriptor of the second one.
PLACE_LIST_GAP_RE = re.compile(r"\s*(?:[、，,/]|和|与|及|以及|と|and|&)\s*[\u4e00-\u9fff]{0,6}", re.I)
SCORE_PLACE_HEADLINE = 3.0    # mention in the headline amount's sentence
SCORE_PLACE_TITLE = 2.0       # mention in the title
SCORE_PLACE_EVENT = 1.5       # mention in the event sentence
SCORE_PLACE_NEIGHBOUR = 1.0   # mention in the sentence before the headline's (same paragraph)
SCORE_PLACE_DESTINATION = 1.5 # right after 落户/位于, or before に/へ in Japanese
DESTINATION_AFTER_RE = re.compile(r"(?:に|へ)(?!おいて|て)")
SCORE_PLACE_NEAR_AMOUNT = 1.0 # component: the mention closest before its amount
PENALTY_PLACE_VENUE = 4.0     # venue of the ceremony
# Hong Kong, Macau and Taiwan are mostly the partner side of a mainland deal (与香港合作的
#项目, 在港签约, 台商): their mentions score lower, so a mainland place named with them wins.
PARTNER_REGIONS = frozenset({"香港", "澳门", "台湾"})
PENALTY_PLACE_PARTNER = 2.5
# A headline sentence naming this many different cities lists the batch's places: the event
# has no one city.
PLACE_LIST_MIN_CITIES = 3
# Places of different provinces joined by a middle dot pair two sides of a cooperation
# (北京·香港洽谈会, 上海・広州・福州の3拠点), not where the money goes.
PLACE_PAIR_DOTS = "·•・"
PENALTY_PLACE_PAIRED = 4.0
# When the title, headline and event sentences name no place, the whole body is scored;
# its best place is kept only when it holds at least this share of all the body's place
# scores (a fair report naming six provinces has no place).
PLACE_FALLBACK_MIN_SHARE = 0.4
# A province-only place is narrowed to a city of it that the body names at least this often
# (and with the share above); one mention is enough when it names a district or county
# (公安县: a county is never a company's home town in passing).
PLACE_DEEPEN_MIN_MENTIONS = 2
# A district-level division whose name ends so is a county-level city (昆山市, 义乌市).
COUNTY_CITY_SUFFIX = "市"
