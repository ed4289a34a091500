"""Regenerate seeds/gazetteer/divisions.tsv from cpca's adcodes table (MIT) plus our fixes.

Run: .venv/bin/pip install --no-deps cpca==0.5.5 && .venv/bin/python scripts/build_gazetteer.py
The product never imports cpca: it reads only the TSV written here. jieba's word list (MIT)
is used here only to spot short names that are also common words (凤凰, 白云, 大同).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "seeds" / "gazetteer" / "divisions.tsv"

# Codes renamed since cpca's snapshot: code -> (new name, old name kept as alias).
RENAMES = {
    "510124": ("郫都区", "郫县"),
    "500228": ("梁平区", "梁平县"),
    "500232": ("武隆区", "武隆县"),
    "350182": ("长乐区", "长乐市"),
    "370282": ("即墨区", "即墨市"),
    "610125": ("鄠邑区", "户县"),
    "371202": ("莱芜区", "莱城区"),
    "510132": ("新津区", "新津县"),
    "511521": ("叙州区", "宜宾县"),
    "330185": ("临安区", "临安市"),
    "370181": ("章丘区", "章丘市"),
    "430124": ("宁乡市", "宁乡县"),
    "330283": ("奉化区", "奉化市"),
    "320684": ("海门区", "海门市"),
    "360721": ("赣县区", "赣县"),
    "360727": ("龙南市", "龙南县"),
    "370125": ("济阳区", "济阳县"),
    "540126": ("达孜区", "达孜县"),
    "630122": ("湟中区", "湟中县"),
    # counties that became county-level cities (2017-2021)
    "513425": ("会理市", "会理县"), "510922": ("射洪市", "射洪县"),
    "511028": ("隆昌市", "隆昌县"), "320621": ("海安市", "海安县"),
    "331021": ("玉环市", "玉环县"), "341822": ("广德市", "广德县"),
    "340824": ("潜山市", "潜山县"), "340225": ("无为市", "无为县"),
    "420821": ("京山市", "京山县"), "430521": ("邵东市", "邵东县"),
    "450331": ("荔浦市", "荔浦县"), "451023": ("平果市", "平果县"),
    "450127": ("横州市", "横县"), "520222": ("盘州市", "盘县"),
    "522322": ("兴仁市", "兴仁县"), "530630": ("水富市", "水富县"),
    "530422": ("澄江市", "澄江县"), "610623": ("子长市", "子长县"),
    "610427": ("彬州市", "彬县"), "610821": ("神木市", "神木县"),
    "620824": ("华亭市", "华亭县"), "632321": ("同仁市", "同仁县"),
    "130823": ("平泉市", "平泉县"), "130223": ("滦州市", "滦县"),
    "140624": ("怀仁市", "怀仁县"), "232723": ("漠河市", "漠河县"),
    "231121": ("嫩江市", "嫩江县"),
}
# Units that moved to another parent: code -> new parent city code.
REPARENT = {"371202": "370100", "371203": "370100"}
DROP = {"371200"}  # 莱芜市, merged into 济南 in 2019
# Divisions missing from the snapshot: (code, name, parent city code or province code).
EXTRA = [
    ("330383", "龙港市", "330300"),
    ("440309", "龙华区", "440300"), ("440310", "坪山区", "440300"),
    ("440311", "光明区", "440300"), ("330113", "临平区", "330100"),
    ("330114", "钱塘区", "330100"),
    ("710100", "台北市", "710000"), ("710200", "新北市", "710000"),
    ("710300", "桃园市", "710000"), ("710400", "台中市", "710000"),
    ("710500", "台南市", "710000"), ("710600", "高雄市", "710000"),
    ("710700", "基隆市", "710000"), ("710800", "新竹市", "710000"),
    ("710900", "嘉义市", "710000"),
]
# Placeholder rows of the statistical code table that are not places.
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
MUNICIPALITIES = {"11", "12", "31", "50", "81", "82"}
PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "矿区", "新区", "区", "县", "市", "旗")
# Short forms kept although jieba lists them as common words: they are mostly places.
KEEP_SHORT = {"武昌", "江陵", "监利", "当阳", "石首", "应城", "竹溪", "赤壁", "大冶", "洪山"}
# Short forms that are ordinary words or collide with common names: never aliases.
SHORT_STOP = {
    "城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "新区", "长安", "和平", "新华",
    "城关", "开发", "高新", "中山", "白云", "南山", "新城", "青山", "红山", "东山", "西山",
    "城中", "城东", "城西", "城南", "城北", "市中", "新市", "永和", "和田县", "龙华", "建华",
    "铁西", "铁东", "红旗", "光明", "前进", "向阳", "胜利", "友好", "平安", "安定", "民主",
    "新兴", "兴安", "东方", "西安区", "金川", "江南", "江北", "河东", "河西", "山城", "海城",
    "宝山", "普陀", "长宁", "通州", "永定", "大方", "开阳", "正安", "上城", "下城", "中原",
    "全南", "龙湖", "金湾", "平原", "资源", "通道", "安远", "镇远", "合作", "都安", "泰和",
    "永新", "万安", "安福", "太和", "安仁", "新建", "榕江", "长城", "华容", "平江", "同心",
    "东兴", "兴业", "新兴县", "大同县", "清河", "清水", "共和", "德安", "宁安", "延寿",
    "富裕", "宝清", "友谊", "集贤", "林口", "金山", "明山", "安次", "和龙", "长海", "山海",
}


# A district short form that jieba knows as a non-place word at least this often (or any
# word very often) is "common" and not kept as an alias (凤凰 for 凤凰县, 白云 for 白云区).
COMMON_WORD_FREQ = 300
COMMON_ANY_TAG_FREQ = 3000
# jieba tags that may be place names (its tags call many places person names: 武昌 nr).
PLACE_LIKE_TAGS = frozenset({"ns", "nsf", "nr", "nrt", "nrfg", "j"})


def _common_words() -> tuple[set[str], set[str]]:
    """(frequent non-place words, very frequent words of any tag) from jieba's dictionary."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("jieba is not installed (it is a project dependency)")
    path = Path(list(spec.submodule_search_locations)[0]) / "dict.txt"
    nonplace, frequent = set(), set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) <= 3:
                freq, tag = int(parts[1]), parts[2]
                if tag not in PLACE_LIKE_TAGS and freq >= COMMON_WORD_FREQ:
                    nonplace.add(parts[0])
                if freq >= COMMON_ANY_TAG_FREQ:
                    frequent.add(parts[0])
    return nonplace, frequent


def _cpca_csv(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("cpca is not installed: pip install --no-deps cpca==0.5.5, or pass --adcodes")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _nations(csv_path: Path) -> list[str]:
    """Ethnic group names (with and without 族), longest first, for stripping 自治州 names."""
    path = csv_path.with_name("56_nations.csv")
    names = [n.strip() for n in path.read_text(encoding="utf-8").split() if n.strip()]
    forms = set(names) | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return sorted(forms, key=len, reverse=True)


def _strip(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _strip_nations(base: str, nations: list[str]) -> str:
    changed = True
    while changed:
        changed = False
        for nation in nations:
            if base.endswith(nation) and len(base) - len(nation) >= 2:
                base, changed = base[: -len(nation)], True
                break
    return base


def _aliases(name: str, level: str, nations: list[str],
             common: set[str] = frozenset()) -> tuple[str, list[str]]:
    """Return (canonical, aliases): provinces and cities lose suffixes, districts keep them."""
    if level == "province":
        short = _strip(name, PROVINCE_SUFFIXES)
        return short, sorted({name} - {short})
    if level == "city":
        short = _strip_nations(_strip(name, CITY_SUFFIXES), nations)
        extra = {name}
        if name.endswith("自治州"):
            extra.add(short + "州")
        if name.endswith("地区"):
            extra.add(short + "地区")
        return short, sorted(extra - {short})
    base = _strip(name, COUNTY_SUFFIXES)
    if name.endswith(("自治县", "自治旗")):
        base = _strip_nations(base, nations)
        extra = {base + name[-1]} if len(base) >= 2 else set()
    else:
        extra = set()
    if len(base) >= 2 and base not in SHORT_STOP and name not in SHORT_STOP and (
            len(base) > 2 or base not in common or base in KEEP_SHORT):
        extra.add(base)
    return name, sorted(extra - {name})


def build(csv_path: Path) -> list[list[str]]:
    nations = _nations(csv_path)
    nonplace, frequent = _common_words()
    names: dict[str, str] = {}
    with csv_path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["adcode"][:6]] = row["name"]
    old_alias: dict[str, str] = {}
    for code, (new, old) in RENAMES.items():
        names[code] = new
        old_alias[code] = old
    parents: dict[str, str] = {}
    for code, name, parent in EXTRA:
        names[code] = name
        parents[code] = parent
    for code in DROP:
        names.pop(code, None)
    rows: list[list[str]] = []
    canon: dict[str, str] = {}
    for code in sorted(names):
        name = names[code]
        if name in PLACEHOLDERS:
            continue
        prov_code = code[:2] + "0000"
        if code == prov_code:
            level = "province"
        elif code.endswith("00") and code[2:4] != "90":
            level = "city"
        elif code[2:4] == "90":  # county-level units run directly by the province
            level = "city"
        else:
            level = "district"
        canonical, aliases = _aliases(name, level, nations, nonplace | frequent)
        if code in old_alias:
            old = old_alias[code]
            aliases = sorted(set(aliases) | {old, _strip(old, COUNTY_SUFFIXES)})
        canon[code] = canonical
        rows.append([code, level, canonical, prov_code, "", "|".join(aliases)])
    for row in rows:
        code, level = row[0], row[1]
        province = canon.get(row[3], "")
        if level == "province":
            city = ""
        elif level == "city":
            city = row[2]
        else:
            parent = REPARENT.get(code) or parents.get(code) or code[:4] + "00"
            if code[:2] in MUNICIPALITIES:
                city = province
            else:
                city = canon.get(parent, "")
        row[3], row[4] = province, city
    return rows


def write(rows: list[list[str]], out: Path) -> None:
    """Write the TSV with its provenance header."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# generated by scripts/build_gazetteer.py from cpca 0.5.5 adcodes.csv (MIT);"
                 " do not edit\n")
        fh.write("code\tlevel\tname\tprovince\tcity\taliases\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--adcodes", help="path to cpca/resources/adcodes.csv")
    parser.add_argument("--out", type=Path, default=OUT, help="output TSV (default: the seed)")
    args = parser.parse_args()
    rows = build(_cpca_csv(args.adcodes))
    write(rows, args.out)
    levels = {lvl: sum(1 for r in rows if r[1] == lvl) for lvl in ("province", "city", "district")}
    print(f"wrote {args.out}: {levels}")


if __name__ == "__main__":
    main()
