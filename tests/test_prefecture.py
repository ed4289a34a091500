"""County-level cities in the store (issue 12): a deal in 昆山 keeps its prefecture 苏州, and
every region filter (CLI, review page, corrections) finds it by either name."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from alembic import command
from click.testing import CliRunner
from sqlalchemy import text
from starlette.testclient import TestClient

from parkwatch.cli import main
from review.app import create_app
from store.ingest import ensure_source, store_analysis, store_page
from store.models import Deal, DealOverride
from store.places import county_prefecture
from store.queries import deal_to_dict, list_deals, load_deal
from store.review import DealFilter, deal_record, matching_ids, save_overrides
from store.session import Store, alembic_config, make_engine

NOW = dt.datetime(2026, 11, 20, 8, 0)


def facts(city: str, *, province: str | None, prefecture: str | None = None, amount: float = 30.0,
          district: str | None = None, date: str = "2026-11-15") -> dict:
    evidence = f"{city}签约项目总投资{amount:g}亿元。"
    return {
        "lang": "zh-Hans", "is_deal": True, "event_type": "signing", "event_date": date,
        "amount": {"value": amount, "currency": "CNY", "qualifier": "exact", "value_cny": amount,
                   "evidence": evidence},
        "project_count": None,
        "place": {"province": province, "prefecture": prefecture, "city": city, "district": district,
                  "park": None},
        "parties": [], "industries": [], "deals": [],
    }


def add(store: Store, url: str, f: dict) -> int:
    with store.session() as session:
        ensure_source(session, "src", "Source", "zh-Hans", "html", {})
        page = store_page(session, source_id="src", url=url, canonical_url=url, status=200,
                          body=b"<html>x</html>", http_charset="utf-8", etag=None, last_modified=None,
                          fetched_at=NOW)
        analysis = {"page": {"title": f"{f['place']['city']}项目签约", "published": "2026-11-16",
                             "text": f["amount"]["evidence"], "lang": "zh-Hans", "encoding": "utf-8",
                             "site": "x"}, "facts": f}
        return store_analysis(session, page, analysis).deal_id


def fill(store: Store) -> dict[str, int]:
    return {
        "kunshan": add(store, "http://a.example/ks.html", facts("昆山", province="江苏", prefecture="苏州")),
        "suzhou": add(store, "http://a.example/sz.html", facts("苏州", province="江苏", amount=55.0)),
        "yiwu": add(store, "http://a.example/yw.html", facts("义乌", province="浙江", prefecture="金华", amount=12.0)),
        "hefei": add(store, "http://a.example/hf.html", facts("合肥", province="安徽", amount=80.0)),
    }


def region_ids(store: Store, region: str) -> set[int]:
    with store.session() as session:
        return {d.id for d in list_deals(session, region=region)}


def review_ids(store: Store, **filters: str) -> set[int]:
    with store.session() as session:
        return set(matching_ids(session, DealFilter(**filters))[1])


def test_county_level_city_helper() -> None:
    assert county_prefecture("昆山") == "苏州" and county_prefecture("昆山市", "江苏") == "苏州"
    assert county_prefecture("江阴", "江苏省") == "无锡" and county_prefecture("义乌") == "金华"
    assert county_prefecture("昆山", "浙江") is None  # the province disagrees: no guess
    for name in ("苏州", "成都", "双流", "", None, "不存在的地方"):
        assert county_prefecture(name) is None


def test_deal_keeps_prefecture_and_cli_region_finds_it(store: Store) -> None:
    ids = fill(store)
    with store.session() as session:
        record = deal_to_dict(load_deal(session, ids["kunshan"]))
        assert record["place"] == {"province": "江苏", "prefecture": "苏州", "city": "昆山",
                                   "district": None, "park": None}
        assert session.get(Deal, ids["suzhou"]).prefecture is None
    assert region_ids(store, "苏州") == {ids["kunshan"], ids["suzhou"]}
    assert region_ids(store, "昆山") == {ids["kunshan"]}
    assert region_ids(store, "金华") == region_ids(store, "义乌") == {ids["yiwu"]}
    assert region_ids(store, "合肥") == {ids["hefei"]}


def test_cli_deals_region_and_jsonl_prefecture(store: Store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ids = fill(store)
    monkeypatch.setenv("PARKWATCH_DB_URL", store.url)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for region, expected in (("苏州", {ids["kunshan"], ids["suzhou"]}), ("昆山", {ids["kunshan"]}),
                             ("江苏", {ids["kunshan"], ids["suzhou"]})):
        out = runner.invoke(main, ["deals", "--region", region, "--format", "jsonl"])
        assert out.exit_code == 0, out.output
        records = [json.loads(line) for line in out.output.splitlines()]
        assert {r["id"] for r in records} == expected, region
        kunshan = next(r for r in records if r["id"] == ids["kunshan"])
        assert kunshan["place"]["prefecture"] == "苏州" and kunshan["place"]["city"] == "昆山"
    out = runner.invoke(main, ["deals", "--city", "苏州", "--format", "jsonl"])
    assert {json.loads(line)["id"] for line in out.output.splitlines()} == {ids["kunshan"], ids["suzhou"]}


def test_review_filters_match_the_prefecture(store: Store) -> None:
    ids = fill(store)
    # A county-level city the gazetteer does not know still lies in its prefecture.
    ids["unknown"] = add(store, "http://a.example/xx.html", facts("某某", province="江苏", prefecture="苏州", amount=7.0))
    both = {ids["kunshan"], ids["suzhou"], ids["unknown"]}
    assert review_ids(store, region="苏州") == both
    assert review_ids(store, region="江苏") == both
    assert review_ids(store, region="昆山") == {ids["kunshan"]}
    assert review_ids(store, region="苏州工业园区") == set()
    assert review_ids(store, city="苏州") == both
    assert review_ids(store, city="昆山") == {ids["kunshan"]}
    assert review_ids(store, region="金华") == {ids["yiwu"]}


def test_review_page_shows_prefecture(store: Store) -> None:
    ids = fill(store)
    client = TestClient(create_app(store))
    listing = client.get("/deals", params={"region": "苏州"}).text
    assert {int(m) for m in re.findall(r'class="deal-link" href="/deals/(\d+)"', listing)} == {
        ids["kunshan"], ids["suzhou"]}
    assert "(苏州)" in listing
    page = client.get(f"/deals/{ids['kunshan']}").text
    assert re.search(r'name="prefecture" value="苏州"', page)
    assert 'name="city" value="昆山"' in page
    export = client.get("/export.csv", params={"region": "昆山"}).content.decode("utf-8-sig")
    assert "prefecture" in export.splitlines()[0] and ",苏州,昆山," in export


def form(record: dict, **changes: str) -> dict[str, str]:
    """What the deal page's form sends: every place field as shown, with the changes."""
    values = {k: v or "" for k, v in record["place"].items()}
    values.update(changes)
    return values


def test_corrections_carry_the_prefecture(store: Store) -> None:
    ids = fill(store)
    kunshan, suzhou = ids["kunshan"], ids["suzhou"]
    with store.session() as session:
        # A county-level city moved elsewhere loses its extracted prefecture.
        save_overrides(session, kunshan, form(deal_record(session, kunshan), province="四川", city="成都"))
        record = deal_record(session, kunshan)
        assert record["place"]["city"] == "成都" and record["place"]["prefecture"] is None
        assert record["extracted"]["prefecture"] == "苏州"
        assert session.get(DealOverride, kunshan).prefecture == ""
    assert review_ids(store, region="苏州") == {suzhou}
    assert review_ids(store, city="苏州") == {suzhou}
    assert kunshan in review_ids(store, region="成都")
    with store.session() as session:
        # Corrected to another county-level city: its prefecture comes along.
        save_overrides(session, suzhou, form(deal_record(session, suzhou), city="江阴"))
        assert deal_record(session, suzhou)["place"]["prefecture"] == "无锡"
        # Saving the form again unchanged keeps it.
        save_overrides(session, suzhou, form(deal_record(session, suzhou)))
        assert deal_record(session, suzhou)["place"]["prefecture"] == "无锡"
        # The reviewer may set the prefecture itself.
        save_overrides(session, kunshan, form(deal_record(session, kunshan), province="江苏", city="某某",
                                              prefecture="苏州"))
        record = deal_record(session, kunshan)
        assert (record["place"]["city"], record["place"]["prefecture"]) == ("某某", "苏州")
        assert session.get(DealOverride, kunshan).prefecture is None  # same as extracted
    assert review_ids(store, region="无锡") == {suzhou}
    assert review_ids(store, city="无锡") == {suzhou}
    assert review_ids(store, region="苏州") == {kunshan}
    with store.session() as session:
        # Back to the extracted city: no correction left.
        save_overrides(session, kunshan, form(deal_record(session, kunshan), city="昆山"))
        assert session.get(DealOverride, kunshan) is None
        assert deal_record(session, kunshan)["place"]["prefecture"] == "苏州"


def test_reextraction_updates_the_prefecture(store: Store) -> None:
    url = "http://a.example/ks.html"
    deal_id = add(store, url, facts("苏州", province="江苏", district="昆山市"))
    assert add(store, url, facts("昆山", province="江苏", prefecture="苏州")) == deal_id
    with store.session() as session:
        deal = session.get(Deal, deal_id)
        assert (deal.city, deal.prefecture, deal.district) == ("昆山", "苏州", None)


def test_migration_backfills_county_level_cities(db_url: str) -> None:
    cfg = alembic_config(db_url)
    command.upgrade(cfg, "0006")
    engine = make_engine(db_url)
    rows = [(1, "江苏", "昆山"), (2, "四川", "成都"), (3, None, "义乌"), (4, "浙江", "昆山"),
            (5, None, None), (6, "江苏", "苏州")]
    with engine.begin() as conn:
        for deal_id, province, city in rows:
            conn.execute(text(
                "INSERT INTO deals (id, province, city, parties, industries, components, version, "
                "review_state, first_seen, updated_at) VALUES (:id, :province, :city, '[]', '[]', '[]', "
                "1, 'new', :now, :now)"), {"id": deal_id, "province": province, "city": city, "now": NOW})
        # Reviewers' corrections: 苏州 corrected to 江阴; 昆山 corrected to 成都.
        for deal_id, province, city in ((6, None, "江阴"), (1, "四川", "成都")):
            conn.execute(text("INSERT INTO deal_overrides (deal_id, province, city, updated_at) "
                              "VALUES (:id, :province, :city, :now)"),
                         {"id": deal_id, "province": province, "city": city, "now": NOW})
    engine.dispose()
    command.upgrade(cfg, "head")
    engine = make_engine(db_url)
    with engine.connect() as conn:
        found = dict(conn.execute(text("SELECT id, prefecture FROM deals")).all())
        overrides = dict(conn.execute(text("SELECT deal_id, prefecture FROM deal_overrides")).all())
    engine.dispose()
    assert found == {1: "苏州", 2: None, 3: "金华", 4: None, 5: None, 6: None}
    assert overrides == {6: "无锡", 1: ""}
    store = Store(db_url)
    try:
        with store.session() as session:
            assert {d.id for d in list_deals(session, region="苏州")} == {1, 6}
            assert set(matching_ids(session, DealFilter(region="无锡"))[1]) == {6}
            assert set(matching_ids(session, DealFilter(region="苏州"))[1]) == set()
            assert deal_record(session, 1)["place"]["prefecture"] is None
    finally:
        store.close()
