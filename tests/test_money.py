"""Money parsing: numerals, units, currencies, qualifiers, rejects, CNY conversion."""

from __future__ import annotations

import pytest

from extractors.money import find_money, load_fx_table, to_cny
from extractors.numbers import normalise, parse_amount_core, parse_cn_integer

# (text, lang, [(value in 亿, currency, qualifier), ...]) — invented sentences.
MONEY_CASES: list[tuple[str, str, list[tuple[float, str, str]]]] = [
    ("总投资35亿元", "zh-Hans", [(35, "CNY", "exact")]),
    ("投资三百万元建设车间", "zh-Hans", [(0.03, "CNY", "exact")]),
    ("计划投资两亿元", "zh-Hans", [(2, "CNY", "exact")]),
    ("总投资十二亿元", "zh-Hans", [(12, "CNY", "exact")]),
    ("项目总投资３６．５亿元", "zh-Hans", [(36.5, "CNY", "exact")]),
    ("签约金额1,250亿元", "zh-Hans", [(1250, "CNY", "exact")]),
    ("总投资30亿8000万元", "zh-Hans", [(30.8, "CNY", "exact")]),
    ("投资1亿8千万元", "zh-Hans", [(1.8, "CNY", "exact")]),
    ("投資額は4831億9100万円", "ja", [(4831.91, "JPY", "exact")]),
    ("总投资1.8万亿元", "zh-Hans", [(18000, "CNY", "exact")]),
    ("投资5000万元", "zh-Hans", [(0.5, "CNY", "exact")]),
    ("总投资超60亿元", "zh-Hans", [(60, "CNY", "over")]),
    ("总投资逾80亿", "zh-Hans", [(80, "CNY", "over")]),
    ("总投资超过15亿元", "zh-Hans", [(15, "CNY", "over")]),
    ("投资10亿元以上", "zh-Hans", [(10, "CNY", "over")]),
    ("投资100多亿元", "zh-Hans", [(100, "CNY", "over")]),
    ("投资30余亿元", "zh-Hans", [(30, "CNY", "over")]),
    ("总投资约12亿元", "zh-Hans", [(12, "CNY", "about")]),
    ("总投资45亿元左右", "zh-Hans", [(45, "CNY", "about")]),
    ("总投资近9亿元", "zh-Hans", [(9, "CNY", "nearly")]),
    ("总投资将近7亿元", "zh-Hans", [(7, "CNY", "nearly")]),
    ("投资额不低于20亿元", "zh-Hans", [(20, "CNY", "at_least")]),
    ("投资不少于5亿元", "zh-Hans", [(5, "CNY", "at_least")]),
    ("投资3亿美元", "zh-Hans", [(3, "USD", "exact")]),
    ("投资2.5亿欧元", "zh-Hans", [(2.5, "EUR", "exact")]),
    ("投资8亿港元", "zh-Hans", [(8, "HKD", "exact")]),
    ("人民币40亿元", "zh-Hans", [(40, "CNY", "exact")]),
    ("投资60亿日元", "zh-Hans", [(60, "JPY", "exact")]),
    ("契約金額は合計310億人民元", "ja", [(310, "CNY", "exact")]),
    ("総投資額は120億元", "ja", [(120, "CNY", "exact")]),
    ("5億ドルを投資する", "ja", [(5, "USD", "exact")]),
    ("300億円を投じる", "ja", [(300, "JPY", "exact")]),
    ("約50億円", "ja", [(50, "JPY", "about")]),
    ("總投資約新台幣45億元", "zh-Hant", [(45, "TWD", "about")]),
    ("總投資額達十二億元", "zh-Hant", [(12, "CNY", "exact")]),
    ("投資逾3億美元", "zh-Hant", [(3, "USD", "over")]),
    ("a RMB 1.2 billion plant", "en", [(12, "CNY", "exact")]),
    ("worth 82.6 billion yuan", "en", [(826, "CNY", "exact")]),
    ("a $500 million factory", "en", [(5, "USD", "exact")]),
    ("more than US$1.5 billion", "en", [(15, "USD", "over")]),
    ("about 300 million euros", "en", [(3, "EUR", "about")]),
    ("nearly 2 billion yuan", "en", [(20, "CNY", "nearly")]),
    ("at least RMB 500 million", "en", [(5, "CNY", "at_least")]),
    ("投资10-15亿元", "zh-Hans", [(10, "CNY", "at_least")]),
    ("投资10至15亿元", "zh-Hans", [(10, "CNY", "at_least")]),
    ("总投资上百亿元", "zh-Hans", [(100, "CNY", "over")]),
    ("总投资近百亿元", "zh-Hans", [(100, "CNY", "nearly")]),
    ("台湾某公司宣布投资新台币300亿元，另投资50亿元", "zh-Hant", [(300, "TWD", "exact"), (50, "TWD", "exact")]),
    ("投资3000亿ウォン", "ja", [(3000, "KRW", "exact")]),
    ("総投資額は4831億9100万元", "ja", [(4831.91, "CNY", "exact")]),
    ("EUR 300 million", "en", [(3, "EUR", "exact")]),
    ("HK$2 billion", "en", [(20, "HKD", "exact")]),
    ("CNY 5bn", "en", [(50, "CNY", "exact")]),
    ("a 5.5-billion-yuan project", "en", [(55, "CNY", "exact")]),
    ("总投资2万亿元", "zh-Hans", [(20000, "CNY", "exact")]),
    ("1兆2000億円", "ja", [(12000, "JPY", "exact")]),
]

# Texts holding no money amount.
NOT_MONEY: list[str] = [
    "包括2个50亿元级项目", "聚集企业资源超22万家", "专业人才超过7000人", "生产消毒用品5100余吨",
    "千万不要错过", "第3亿个用户", "投资数十亿元", "售价每平方米1.2万元/平方米", "15 projects in 2024",
]


@pytest.mark.parametrize(("text", "lang", "expected"), MONEY_CASES, ids=[c[0] for c in MONEY_CASES])
def test_money_values(text: str, lang: str, expected: list[tuple[float, str, str]]) -> None:
    found = [(round(m.value, 4), m.currency, m.qualifier) for m in find_money(text, lang=lang)]
    assert found == [(float(v), c, q) for v, c, q in expected]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert [m.surface for m in find_money(text) if m.value >= 0.01] == []


def test_surface_is_verbatim() -> None:
    text = "項目總投資約１２億元，"
    (m,) = find_money(text, lang="zh-Hant")
    assert text[m.start:m.end] == m.surface == "約１２億元"


@pytest.mark.parametrize(("core", "value"), [
    ("三百万", 3e6), ("两亿", 2e8), ("十二亿", 1.2e9), ("一亿八千万", 1.8e8),
    ("4831亿9100万", 4.831910e11), ("1,200亿", 1.2e11), ("一千零五", 1005.0),
])
def test_parse_amount_core(core: str, value: float) -> None:
    assert parse_amount_core(core) == pytest.approx(value)


def test_parse_cn_integer_and_normalise_keep_length() -> None:
    assert parse_cn_integer("十五") == 15
    text = "總投資１２億元，蘇州"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "总投资12亿元，苏州"


def test_fx_table_is_dated_and_converts() -> None:
    table = load_fx_table()
    assert table.as_of.year >= 2024 and table.source
    assert to_cny(1.0, "CNY") == 1.0
    assert 6 < to_cny(1.0, "USD") < 8
    assert to_cny(1.0, "XXX") is None


def test_newspaper_numerals_with_decimal_point_and_tens() -> None:
    found = find_money("台資五點三億元，增資卅二億元，總額一百零六點八億元")
    assert [m.value for m in found] == [5.3, 32.0, 106.8]
    assert [m.value for m in find_money("总投资 842 亿元")] == [842.0]
