"""Patterns and thresholds of the headline amount's choice (candidates.py, money.py).

The older amount patterns live in patterns.py; the ones added from realdev failure classes
(issue 12) live here, each named and commented.
"""

from __future__ import annotations

import re

# An amount within this share of the sum of the amounts listed just before it in its
# sentence is their stated total (46.2亿 + 30亿 -> "两个项目总投资达76.2亿元").
SUM_TOLERANCE = 0.005

# Component markers that scope over their own clause only: "A、B分别与企业签署协议，涉及8个项目，
# 协议总投资582亿元" (the total is not a part), "项目包括年产60万吨…，一期投资205亿元".
CLAUSE_MARK_RE = re.compile(r"分别|包括|including", re.IGNORECASE)
# An amount followed at once by 其中 / このうち is the whole its parts are listed of
# ("一期投资205亿元，其中MDI项目132亿元"), never a part itself.
WHOLE_BEFORE_PARTS_RE = re.compile(
    r"\s?(?:人民币|元)?\s?[，,。；;：:、]?\s?(?:其中|このうち|うち|among them|of which)", re.IGNORECASE)
# A 其中 at most PARTS_MARK_WINDOW characters after an amount (same paragraph) lists parts;
# when MIN_PARTS or more consecutive amounts after it (at most MAX_PARTS looked at) add up to
# the amount within SUM_TOLERANCE, the amount is their whole.
PARTS_MARK_RE = re.compile(r"其中|このうち|among them|of which", re.IGNORECASE)
PARTS_MARK_WINDOW = 30
MIN_PARTS = 2
MAX_PARTS = 10
# The whole's bonus: more than the event word its parts' sentences often hold and it lacks.
SCORE_SUM_OF_PARTS = 3.0
# Separators between the parts listed after 其中: a part's amount belongs to the part in its
# own segment ("…签约项目8个；产业投资签约项目21个，涉及投资约350亿元").
PART_SEP_RE = re.compile(r"[；;。]")

# The source's own conversion: an amount in another currency right after an amount, in
# brackets or after 约合 / 折合 / 相当于 ("217亿元(约3440亿円)", "5亿美元，约合人民币35亿元",
# "$1.2 billion (about 8.6 billion yuan)").  Never the headline.
# A rate note the source prints in the bracket before its conversion: "217亿元(1元は約15.8円、
# 約3400億円)", "200億元(1元=約16円)"; its own tiny amounts are skipped.
RATE_NOTE = r"1\s?(?:元|人民元|人民币|ドル|米ドル|美元|円|ユーロ|yuan|dollars?)\s?(?:は|=|＝|≈|兑)\s?约?\s?[\d.]+\s?(?:円|元|ドル|美元|yen|yuan)"
CONVERSION_GAP_RE = re.compile(
    rf"\s?(?:[(（]\s?(?:{RATE_NOTE}\s?[、,，;；]\s?)?(?:约合?|大约|折合|合|相当于|约为|approximately|approx\.?|about|around|roughly|or)?\s?|"
    r"[，,]?\s?(?:约合|折合|相当于|合计约?)\s?)", re.IGNORECASE)
CONVERSION_GAP_CHARS = 24

# Japanese totals with a particle or 计 between the word and the amount (on normalised text:
# "投資総額は計22億元", "総額で217億元").
INVEST_NEAR_JA_RE = re.compile(r"(?:总额|投资额|投资总额|总投资额)\s?(?:で|は|が|の)?\s?(?:计|合计|约)?\s?$")
# A Japanese size class: "投資額50億人民元規模が2件" (projects of that size), never an amount.
CLASS_AFTER_JA_RE = re.compile(r"\s?(?:规模|以上|クラス)\s?(?:が|の(?:案件|プロジェクト|项目)\s?が?)\s?\d+\s?件")

# More distractors in the amount's clause: registered capital in Japanese and older Chinese
# (資本金, 注册资金) is never an investment amount.
DISTRACTOR_MORE_RE = re.compile(r"资本金|注册资金|登记资本")
# The old figure of a change ("投資額を5億元から8.9億元に増額", "由30亿元增至50亿元"): the
# figure before から / 增至 is superseded, never the amount.
FROM_FIGURE_AFTER_RE = re.compile(r"\s?(?:から|增加到|增加至|增至|提高到|提高至|上调至|调增至|扩大到|扩大至)")

# Taiwan-internal deals: Taiwanese text naming Taiwan's own agencies and reshoring schemes
# (经济部, 行政院, 投资台湾事务所, 台商回台投资, 根留台湾) counts a bare 元 in TWD, as when it
# names the New Taiwan dollar (bench/realdev README: Taiwan-internal deals are TWD).
TWD_INTERNAL_RE = re.compile(r"经济部|行政院|立法院|投资台湾|回台投资|根留台湾|国发会")

# The funds an investment is paid from ("拟使用自筹资金及银行贷款投资扩建…"): a loan named
# as the source earlier in the sentence does not make the investment's amount a distractor.
FUNDING_SOURCE_RE = re.compile(r"(?:自筹资金|自有资金|银行贷款|贷款|募集资金)[^，,。；]{0,6}?(?:投资|建设|扩建|新建)")

# A parent's capital increase into a subsidiary building capacity is its investment
# ("母公司将向某芯片公司增资35亿元"); 增资扩股 (new shareholders buying in) is financing.
INVEST_NEAR_MORE_RE = re.compile(r"增资(?!扩股)\s?(?:约|达|共)?\s?$")

# A sentence that is only the amount of the sentence before ("…昨年、計40件の契約を結んだ。総投資額は
# 30億ドル。"): it inherits that sentence's tally or plan.
ELLIPTIC_AMOUNT_RE = re.compile(
    r"\W{0,2}(?:总投资额|投资总额|总投资|投资额|投资金额|总额|总金额)\s?(?:は|が|为|达|:|：)?\s?(?:约|计|合计|共)?\s?")
# Japanese yearly investment plans: "21年は88億元の投資が計画されている" (a plan, not the deal).
PLAN_AFTER_JA_RE = re.compile(r"\s?の投资(?:が|を)计画")
# Four digits after 亿 with no unit ("23億7600元") leave the 万 out: 23亿7600万.
MISSING_WAN_RE = re.compile(r"亿\d{4}$")
