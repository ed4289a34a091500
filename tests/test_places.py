"""Place mentions: gazetteer coverage, zones, normalisation, ambiguity, offsets, seeds."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from extractors.gazetteer_data import load_divisions
from extractors.places import PlaceMention, find_places, find_towns, place_contains, resolve_place

SHARED_SEEDS = Path("/work/shared/seeds")


def _one(text: str, surface: str) -> PlaceMention:
    hits = [m for m in find_places(text) if m.surface == surface]
    assert hits, f"{surface!r} not found in {[m.surface for m in find_places(text)]}"
    return hits[0]


def _triple(m: PlaceMention | None) -> tuple:
    assert m is not None
    return (m.province, m.city, m.district, m.park, m.level)


def test_gazetteer_counts() -> None:
    levels = [d.level for d in load_divisions()]
    assert levels.count("province") == 34
    assert levels.count("city") >= 330
    assert levels.count("district") >= 2800


def test_high_tech_zone_resolves_to_city_and_province() -> None:
    m = _one("某光电公司在成都高新区建设新基地。", "成都高新区")
    assert (m.province, m.city, m.park, m.level) == ("四川", "成都", "成都高新区", "park")


def test_municipality_district() -> None:
    m = _one("项目位于巴南区,计划明年投产。", "巴南区")
    assert _triple(m) == ("重庆", "重庆", "巴南区", None, "district")


def test_short_district_needs_its_city() -> None:
    assert [m.surface for m in find_places("某企业在巴南建厂")] == []
    m = _one("重庆市某企业在巴南建厂", "巴南")
    assert m.district == "巴南区"


@pytest.mark.parametrize("text,surface", [
    ("蘇州高新区は新たに企業を誘致した。", "蘇州高新区"),
    ("苏州高新技术产业开发区举行签约仪式", "苏州高新技术产业开发区"),
    ("蘇州高新區舉行簽約儀式", "蘇州高新區"),
])
def test_suzhou_zone_forms(text: str, surface: str) -> None:
    m = _one(text, surface)
    assert (m.province, m.city, m.park) == ("江苏", "苏州", "苏州高新区")
    assert text[m.start:m.end] == surface


def test_japanese_high_tech_zone_keeps_original_offsets() -> None:
    text = "ある会社は成都ハイテク区に新工場を建設し、成都天府国際生物城にも進出する。"
    zone = _one(text, "成都ハイテク区")
    assert zone.park == "成都高新区" and zone.city == "成都"
    bio = _one(text, "成都天府国際生物城")
    assert bio.park == "成都天府国际生物城" and bio.province == "四川"
    for m in find_places(text):
        assert text[m.start:m.end] == m.surface


def test_named_parks() -> None:
    assert _one("入驻重庆国际生物城", "重庆国际生物城").district == "巴南区"
    m = _one("入驻中日（成都）地方发展合作示范区", "中日（成都）地方发展合作示范区")
    assert (m.city, m.park) == ("成都", "中日(成都)地方发展合作示范区")
    assert _one("落户张江高科技园区", "张江高科技园区").city == "上海"
    assert _one("苏州工业园区", "苏州工业园区").province == "江苏"
    assert _one("四川天府新区", "四川天府新区").park == "天府新区"
    assert _one("两江新区签约", "两江新区").city == "重庆"


def test_generic_zone_rule_keeps_surface() -> None:
    m = _one("项目落户遂宁高新区,后续入驻南充经济开发区。", "南充经济开发区")
    assert (m.province, m.city, m.park) == ("四川", "南充", "南充经济开发区")
    assert _one("项目落户遂宁高新区", "遂宁高新区").city == "遂宁"


def test_city_prefix_with_shi() -> None:
    m = _one("四川省成都市高新区发布消息", "成都市高新区")
    assert m.park == "成都高新区"


def test_ambiguous_district_uses_context() -> None:
    m = _one("北京市今年在朝阳区布局了一批项目", "朝阳区")
    assert (m.province, m.city) == ("北京", "北京")
    m = _one("长春市朝阳区举行签约", "朝阳区")
    assert (m.province, m.city) == ("吉林", "长春")
    alone = _one("朝阳区举行签约", "朝阳区")
    assert alone.city is None and alone.district == "朝阳区"
    assert _one("鼓楼区一项目开工", "鼓楼区").city is None


def test_venue_city_is_a_city_mention() -> None:
    m = _one("推介会在深圳举行", "深圳")
    assert (m.province, m.city, m.level) == ("广东", "深圳", "city")


def test_traditional_taipei() -> None:
    for surface in ("臺北", "台北"):
        m = _one(f"{surface}市一家企業來此投資", surface + "市")
        assert (m.province, m.city) == ("台湾", "台北")


def test_special_regions_and_autonomous_regions() -> None:
    assert _one("内蒙古自治区出台政策", "内蒙古自治区").province == "内蒙古"
    assert _one("广西壮族自治区南宁市", "广西壮族自治区").province == "广西"
    assert _one("香港特别行政区", "香港特别行政区").city == "香港"


def test_false_positives_avoided() -> None:
    assert find_places("中山大学的教授表示") == []
    assert find_places("孙中山先生") == []
    assert [m.surface for m in find_places("长安汽车发布新车型")] == []
    assert find_places("新区建设加快推进") == []


def test_longest_match_and_text_order() -> None:
    text = "成都天府国际生物城和成都都在四川"
    found = find_places(text)
    assert [m.surface for m in found] == ["成都天府国际生物城", "成都", "四川"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_resolve_place() -> None:
    assert _triple(resolve_place("成都高新区"))[:2] == ("四川", "成都")
    assert _triple(resolve_place("四川省")) == ("四川", None, None, None, "province")
    assert resolve_place("巴南区").city == "重庆"
    assert resolve_place("成都").level == "city"
    assert resolve_place("没有这个地方") is None
    m = resolve_place("成都ハイテク区")
    assert m is not None and (m.start, m.end) == (0, 7) and m.park == "成都高新区"
    m = resolve_place("広州開発区")  # kanji-only Japanese: no kana to tell, still resolved
    assert m is not None and (m.city, m.park) == ("广州", "广州经开区")


def test_place_contains() -> None:
    deal = {"province": "四川", "city": "成都", "district": None, "park": "成都高新区"}
    assert place_contains("四川", deal)
    assert place_contains("成都", deal)
    assert place_contains("成都高新区", deal)
    assert not place_contains("重庆", deal)
    assert not place_contains("江苏", deal)
    bio = {"province": None, "city": None, "district": None, "park": "成都天府国际生物城"}
    assert place_contains("四川", bio) and place_contains("成都高新区", bio)
    assert place_contains("重庆", {"district": "巴南区"})
    assert not place_contains("巴南区", {"city": "重庆"})


def test_speed_under_one_ms_per_2000_chars() -> None:
    filler = ("项目建成后将形成完整的产业链条,带动上下游配套企业集聚发展,预计年产值可观,"
              "同时新增就业岗位若干个,进一步提升区域产业竞争力和创新能力。")
    text = (("成都高新区与某公司签约,项目落户成都天府国际生物城。" + filler * 2
             + "重庆市巴南区、苏州工业园区和深圳的企业代表出席了活动。" + filler) * 10)[:2000]
    find_places(text + "x")
    runs, best = 20, float("inf")
    for attempt in range(3):  # best of three: other processes share the machine
        start = time.process_time()
        for i in range(runs):
            find_places(text + f"{attempt}-{i}")  # distinct texts: defeat the per-text cache
        best = min(best, (time.process_time() - start) / runs)
    assert best < 0.002  # ~0.5 ms here; loose bound for slow CI machines


def _expected() -> list[dict]:
    path = SHARED_SEEDS / "expected.jsonl"
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests need ../shared/seeds")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("key", ["province", "city", "district", "park"])
def test_seed_places_are_found(key: str) -> None:
    for row in _expected():
        want = row.get(key)
        text = (SHARED_SEEDS / row["seed"]).read_text(encoding="utf-8")
        got = {getattr(m, key) for m in find_places(text)}
        if key == "district":  # a zone may play the district (成都高新区)
            got |= {m.park for m in find_places(text)}
        if want:
            assert want in got, f"{row['seed']}: {key} {want} not in {got}"
        for comp in row.get("components", []):
            if comp.get("park"):
                parks = {m.park for m in find_places(text)}
                assert comp["park"] in parks, f"{row['seed']}: component park {comp['park']}"


def test_short_form_next_to_its_city_beats_same_named_city() -> None:
    m = _one("北京企业家在朝阳举办论坛", "朝阳")
    assert (m.city, m.district) == ("北京", "朝阳区")
    m = _one("辽宁朝阳新建一条产线", "朝阳")
    assert (m.province, m.city, m.district) == ("辽宁", "朝阳", None)


def test_name_does_not_support_itself() -> None:
    first = find_places("吉林的项目和吉林市的项目")[0]
    assert (first.surface, first.level) == ("吉林", "province")
    for m in find_places("宜宾的项目,宜宾市的项目"):
        assert (m.city, m.district) == ("宜宾", None)


def test_short_form_before_institution_is_not_a_place() -> None:
    assert [m.surface for m in find_places("天津的南开大学")] == ["天津"]
    assert _one("天津南开的项目", "南开").district == "南开区"


def test_zone_suffix_makes_short_form_a_place() -> None:
    m = _one("项目落户双流经开区", "双流经开区")
    assert (m.city, m.district, m.park) == ("成都", "双流区", "双流经开区")


def test_resolve_chain() -> None:
    m = resolve_place("四川省成都市")
    assert m is not None and (m.level, m.city, m.end) == ("city", "成都", 6)
    m = resolve_place("重庆巴南")
    assert m is not None and m.district == "巴南区"


def test_renamed_and_added_divisions() -> None:
    assert resolve_place("郫都区").city == "成都"
    assert resolve_place("郫县").district == "郫都区"
    assert resolve_place("莱芜区").city == "济南"
    assert resolve_place("高雄").province == "台湾"


def test_english_names() -> None:
    text = "Chengdu Hi-tech Zone and Suzhou Industrial Park signed deals; Hong Kong firms joined."
    found = {m.surface: m for m in find_places(text)}
    assert found["Chengdu Hi-tech Zone"].park == "成都高新区"
    assert found["Suzhou Industrial Park"].city == "苏州"
    assert found["Hong Kong"].province == "香港"
    m = _one("a plant in the Mianyang Economic and Technological Development Zone",
             "Mianyang Economic and Technological Development Zone")
    assert (m.city, m.park) == ("绵阳", "绵阳经开区")
    assert find_places("Shanghaied by a Chengduan") == []


def test_shipped_divisions_are_consistent() -> None:
    """divisions.tsv (built by scripts/build_gazetteer.py) has every level and sane parents."""
    root = Path(__file__).resolve().parents[1]
    lines = (root / "seeds" / "gazetteer" / "divisions.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert len(rows) > 3000
    widths = {len(r) for r in rows}
    assert len(widths) == 1, f"ragged rows: {widths}"


def test_recent_districts_and_free_trade_zones() -> None:
    assert resolve_place("光明区").city == "深圳"
    assert resolve_place("钱塘区").city == "杭州"
    m = _one("中国（四川）自由贸易试验区青白江片区", "中国（四川）自由贸易试验区")
    assert (m.province, m.city, m.park) == ("四川", None, "四川自贸试验区")


def test_bare_zone_word_refers_back() -> None:
    text = "蓝海动力落户成都高新区。高新区相关负责人表示,园区将继续招商。"
    bare = [m for m in find_places(text) if m.surface == "高新区"]
    assert len(bare) == 1 and bare[0].park == "成都高新区"
    assert find_places("高新区相关负责人表示") == []
    assert all(m.park != "成都高新区" for m in find_places("成都高新区和某某高新区")[1:])


def test_short_form_context_must_be_near_or_the_full_name() -> None:
    filler = "该项目建成后将进一步完善产业链条并带动就业增长。" * 5  # > CONTEXT_WINDOW chars
    far = "重庆市召开会议。" + filler + "企业在巴南建厂。"
    assert [m.surface for m in find_places(far)] == ["重庆市"]
    full = "巴南区召开会议。" + filler + "企业在巴南建厂。"
    assert [m.district for m in find_places(full)] == ["巴南区", "巴南区"]


def test_river_banks_are_not_provinces() -> None:
    assert find_places("项目位于黄河南岸,毗邻太湖北岸") == []
    assert [m.province for m in find_places("河南省与湖北省签约")] == ["河南", "湖北"]


def test_long_zone_suffixes_fold_to_one_park_name() -> None:
    text = "遂宁市高新技术产业开发区(遂宁高新区)与南京江宁经济技术开发区结对。"
    parks = [m.park for m in find_places(text) if m.park]
    assert parks == ["遂宁高新区", "遂宁高新区", "南京江宁开发区"]


def test_towns_after_a_place_or_alone() -> None:
    towns = find_towns("嘉兴市平湖市新埭镇举行签约。在新埭鎮舉行的儀式上，各乡镇和特色小镇代表出席。")
    assert [(t.name, t.under.surface if t.under else None) for t in towns] == [
        ("新埭镇", "平湖市"), ("新埭镇", None)]
    assert towns[1].start == "嘉兴市平湖市新埭镇举行签约。在新埭鎮舉行".index("新埭鎮")
