"""Company mentions: suffix rules, known lists, stock codes, flags, jieba loading, seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.parties import PartyMention, find_parties, load_jieba

SHARED_SEEDS = Path("/work/shared/seeds")


def _names(text: str) -> list[str]:
    return [p.name for p in find_parties(text)]


def _by_name(text: str, name: str) -> PartyMention:
    hits = [p for p in find_parties(text) if p.name == name]
    assert hits, f"{name!r} not in {_names(text)}"
    return hits[0]


def test_chinese_legal_suffixes() -> None:
    text = "市政府与四川蓝星光电科技股份有限公司签约,并引进成都云帆智能有限责任公司。"
    names = _names(text)
    assert "四川蓝星光电科技" in names
    assert "成都云帆智能" in names
    m = _by_name(text, "四川蓝星光电科技")
    assert text[m.start:m.end] == "四川蓝星光电科技股份有限公司"


def test_group_suffix_kept_and_left_edge_stops_at_verbs() -> None:
    names = _names("区政府今天与华岳新材集团签署协议,整合天泽资本集团的资源。")
    assert "华岳新材集团" in names and "天泽资本集团" in names


def test_generic_company_words_are_not_names() -> None:
    assert _names("全区累计有12家上市公司,该公司表示将扩产,一家科技公司落户。") == []


def test_known_short_names_and_descriptors() -> None:
    text = "该区日前与世界500强美国通用电气公司签约,华为和宁德时代也参加了活动。"
    ge = _by_name(text, "通用电气")
    assert ge.fortune500 and ge.foreign
    assert text[ge.start:ge.end].endswith("通用电气公司")
    assert "华为" in _names(text) and "宁德时代" in _names(text)
    assert not _by_name(text, "华为").foreign


def test_unknown_company_with_country_cue_is_foreign() -> None:
    m = _by_name("德国克劳斯精工有限公司将在园区设厂", "德国克劳斯精工")
    assert m.foreign and not m.fortune500


def test_fortune_cue_propagates_to_all_mentions() -> None:
    text = "作为世界500强企业,蓝海动力集团将建设总部。蓝海动力集团负责人表示满意。"
    flags = [p.fortune500 for p in find_parties(text) if p.name == "蓝海动力集团"]
    assert flags == [True, True]


def test_china_500_is_not_global_500() -> None:
    m = _by_name("中国500强企业星河控股集团投资建厂", "星河控股集团")
    assert not m.fortune500


def test_japanese_company_forms() -> None:
    text = "高峰精機グループは成都ハイテク区に投資し、北斗創薬グループ有限会社も進出する。"
    names = _names(text)
    assert "高峰精机集团" in names
    assert "北斗创药集团" in names
    text2 = "日本三起商行株式会社将在成都高新区设立中国区总部"
    m = _by_name(text2, "三起商行")
    assert m.foreign


def test_katakana_alias_not_inside_longer_word() -> None:
    assert "戴尔" not in _names("新しいビジネスモデルを構築する")
    assert "腾讯" in _names("テンセントグループ副総裁が挨拶した")


def test_stock_codes() -> None:
    text = "中国电信(601728)与 China Telecom Corporation Limited(601728) 是同一家公司"
    parties = find_parties(text)
    assert [p.name for p in parties] == ["中国电信", "中国电信"]
    assert {p.stock_code for p in parties} == {"601728"}
    m = _by_name("Byd Company Limited(002594) の製品", "比亚迪")
    assert m.stock_code == "002594"
    unknown = _by_name("合作方天穹导航(688999)介绍", "天穹导航")
    assert unknown.stock_code == "688999"
    hk = _by_name("腾讯控股(00700.HK)宣布", "腾讯")
    assert hk.stock_code == "00700"


def test_latin_company_suffixes() -> None:
    names = _names("Partners include Nordwind Systems GmbH and Bluefield Robotics Inc. this year.")
    assert "Nordwind Systems" in names and "Bluefield Robotics" in names
    assert all(p.foreign for p in find_parties("Nordwind Systems GmbH"))


def test_traditional_names_are_simplified() -> None:
    assert "华为" in _names("華為公司宣佈在當地設廠")


def test_company_inside_place_is_not_matched() -> None:
    assert "京东" not in _names("北京东城区发布规划")


def test_jieba_loaded_once() -> None:
    first = load_jieba()
    assert load_jieba() is first
    assert load_jieba.cache_info().currsize == 1
    assert "成都天府国际生物城" in first.lcut("落户成都天府国际生物城")


def _expected() -> list[dict]:
    path = SHARED_SEEDS / "expected.jsonl"
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests need ../shared/seeds")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_seed_parties_are_found() -> None:
    for row in _expected():
        text = (SHARED_SEEDS / row["seed"]).read_text(encoding="utf-8")
        found = {p.name for p in find_parties(text)}
        for party in row.get("parties", []):
            assert party in found, f"{row['seed']}: {party} not in {found}"
        for comp in row.get("components", []):
            if comp.get("party"):
                assert comp["party"] in found


def test_seed_fortune_500_investor_flagged() -> None:
    for row in _expected():
        if "Fortune Global 500" not in row.get("note", ""):
            continue
        text = (SHARED_SEEDS / row["seed"]).read_text(encoding="utf-8")
        flagged = {p.name for p in find_parties(text) if p.fortune500}
        assert set(row["parties"]) <= flagged


def test_left_edge_uses_word_classes() -> None:
    names = _names("他一直未见蓝盾公司的人,需要公司支持。")
    assert names == ["蓝盾"]
    assert "广州青禾再造医学科技" in _names("承包广州青禾再造医学科技有限公司的工程")


def test_country_only_is_not_a_name() -> None:
    assert _names("一家日本公司和多家日资公司") == []


def test_known_company_with_place_tail() -> None:
    assert _names("宁德时代四川公司开工") == ["宁德时代"]


def test_bare_stem_mentions_of_suffix_company() -> None:
    text = "蓝海动力集团将在园区建设基地。蓝海动力还计划建设研发中心。"
    spans = [(p.name, text[p.start:p.end]) for p in find_parties(text)]
    assert spans == [("蓝海动力集团", "蓝海动力集团"), ("蓝海动力集团", "蓝海动力")]


def test_japanese_ordinary_word_before_group_is_not_a_name() -> None:
    assert _names("「自建グループ本部+産業生態の育成」方式で") == []


def test_short_latin_aliases_need_exact_case() -> None:
    assert _names("ups and downs of an hp engine") == []
    assert _names("GE and UPS signed") == ["通用电气", "UPS"]


def test_known_name_after_stray_prefix() -> None:
    m = _by_name("那时通用汽车公司宣布扩产", "通用汽车")
    assert m.fortune500 and m.foreign


def test_taiwan_and_hong_kong_firms_are_not_foreign() -> None:
    m = _by_name("台积电将在南京扩产", "台积电")
    assert m.fortune500 and not m.foreign


def test_short_and_long_names_of_one_company_are_unified() -> None:
    text = "星澜集团西部总部落户。上海星澜医药集团投资30亿元。"
    assert _names(text) == ["上海星澜医药集团", "上海星澜医药集团"]


def test_stock_code_forms_and_implausible_codes() -> None:
    assert [(p.name, p.stock_code) for p in find_parties("比亚迪(SZ002594)公告")] == [
        ("比亚迪", "002594")]
    assert find_parties("面积(123456)平方米") == []
