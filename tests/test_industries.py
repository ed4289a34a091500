"""Industry taxonomy: keyword mapping across scripts, salience order, labels."""

from __future__ import annotations

from extractors.industries import find_industries, industry_labels, load_taxonomy


def test_taxonomy_shape() -> None:
    rows = load_taxonomy()
    assert 25 <= len(rows) <= 40
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    for row in rows:
        assert row["en"] and row["ja"] and row["keywords"]


def test_simplified_keywords() -> None:
    found = find_industries("园区重点发展生物医药和集成电路产业,兼顾现代农业。")
    assert found[:2] == ["生物医药", "集成电路"]
    assert "现代农业" in found


def test_traditional_and_japanese_keywords() -> None:
    assert "生物医药" in find_industries("重點發展生物醫藥產業")
    assert "新能源" in find_industries("製品は新エネルギーなどの分野に応用される")
    assert "人工智能" in find_industries("人工知能の研究開発拠点")
    assert "航空航天" in find_industries("航空エンジンの関連産業チェーン")


def test_english_keywords_as_words() -> None:
    assert "半导体" in find_industries("A new Semiconductor plant opens.")
    assert find_industries("evidence of growth") == []  # 'EV' only as a whole word


def test_longest_keyword_wins() -> None:
    found = find_industries("新能源汽车整车项目")
    assert found == ["新能源汽车"]


def test_salience_counts_and_position() -> None:
    text = "文旅项目开工。" + "本项目聚焦医疗器械研发,医疗器械产能将翻番,医疗器械出口增长。"
    assert find_industries(text)[0] == "医疗器械"
    assert find_industries("先说物流,再说金融。") == ["物流", "金融"]


def test_labels() -> None:
    assert industry_labels("生物医药") == {"zh": "生物医药", "en": "biomedicine", "ja": "バイオ医薬"}
    assert industry_labels("不存在") is None


def test_weak_keywords_count_less() -> None:
    text = "银行代表出席了仪式,项目聚焦新材料。"
    assert find_industries(text)[0] == "新材料"


def test_ignored_words() -> None:
    assert find_industries("某基金会理事长出席") == []
    assert find_industries("设立产业投资基金") == ["金融"]


def test_combined_budget_per_2000_chars() -> None:
    """places + parties + industries stay well inside the 5 ms extract budget."""
    import time

    from extractors.parties import find_parties
    from extractors.places import find_places

    text = ("成都高新区与世界500强美国通用电气公司签约,蓝海动力集团投资生物医药项目,"
            "落户成都天府国际生物城。重庆市巴南区、苏州工业园区的企业代表出席。" * 30)[:2000]
    find_places(text), find_parties(text), find_industries(text)
    runs = 20
    start = time.process_time()
    for i in range(runs):
        t = text + str(i)
        find_places(t), find_parties(t), find_industries(t)
    per_call = (time.process_time() - start) / runs
    print(f"places+parties+industries: {per_call * 1000:.2f} ms per 2,000 chars")
    assert per_call < 0.008  # ~1.5 ms of CPU here; loose for slow CI machines


def test_passing_mentions_are_left_out() -> None:
    text = "园区聚焦生物医药," + "生物医药企业集聚,生物医药创新药研发加快," * 5 + "另有一家物流企业。"
    assert find_industries(text) == ["生物医药"]
