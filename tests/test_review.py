"""The review page over a real SQLite store: search, filters, escaping, CSRF, overrides, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select
from starlette.testclient import TestClient

from parkwatch.cli import main
from review.app import create_app
from review.security import UnsafeBindError, allowed_hosts_for, check_bind
from store.ingest import ensure_source, store_analysis, store_page
from store.models import AlertOutbox, Deal, DealOverride
from store.session import Store

NOW = dt.datetime(2026, 11, 20, 8, 0)
HEFEI_TEXT = ("11月15日,合肥高新区举行秋季重大项目集中签约仪式。\n"
              "本次共有18个项目现场签约,总投资156.3亿元,涉及量子信息、集成电路等领域。\n"
              "相关负责人表示,园区将做好服务保障。")
CHENGDU_TEXT = ("10月9日,成都高新区举行投资促进大会,12个重大项目落地,总投资97.6亿元。\n"
                "项目涵盖生物医药和电子信息。")
JA_TEXT = ("精密部品メーカーの葵精密工業株式会社は11月3日、四川省成都市の成都高新技術産業開発区に"
           "新工場を設立すると発表した。\n投資額は約1.5億ドル(約230億円)。")
WUHU_TEXT = "芜湖经开区12个新能源汽车零部件项目集中开工,总投资48亿元。"


def make_facts(text: str, *, amount: float | None, evidence: str, province: str | None, city: str,
               park: str | None, event_type: str = "signing", date: str | None = "2026-11-15",
               count: int | None = None, lang: str = "zh-Hans", is_deal: bool = True,
               parties: list[str] | None = None, industries: list[str] | None = None) -> dict:
    offset = text.index(evidence)
    amount_fact = None if amount is None else {
        "value": amount, "currency": "CNY", "qualifier": "exact", "value_cny": amount,
        "evidence": evidence, "offset": offset}
    return {
        "lang": lang, "is_deal": is_deal, "event_type": event_type, "event_date": date,
        "amount": amount_fact, "project_count": count,
        "place": {"province": province, "city": city, "district": None, "park": park},
        "parties": parties or [], "industries": industries or [], "deals": [],
        "evidence": {"amount": {"evidence": evidence, "offset": offset}},
    }


def add(store: Store, url: str, title: str, text: str, facts: dict, *, source: str = "src",
        body: bytes | None = None, hook=None):  # type: ignore[no-untyped-def]
    with store.session() as session:
        ensure_source(session, source, source.upper(), facts["lang"], "html", {})
        page = store_page(session, source_id=source, url=url, canonical_url=url, status=200,
                          body=body if body is not None else f"<html><body><h1>{title}</h1><p>{text}</p></body></html>".encode(),
                          http_charset="utf-8", etag=None, last_modified=None, fetched_at=NOW)
        analysis = {"page": {"title": title, "published": "2026-11-16", "text": text,
                             "lang": facts["lang"], "encoding": "utf-8", "site": source}, "facts": facts}
        return store_analysis(session, page, analysis, hook)


def hefei_facts(amount: float = 156.3) -> dict:
    return make_facts(HEFEI_TEXT, amount=amount, evidence="本次共有18个项目现场签约,总投资156.3亿元,涉及量子信息、集成电路等领域。",
                      province="安徽", city="合肥", park="合肥高新区", count=18, industries=["集成电路"])


def fill(store: Store) -> dict[str, int]:
    """Four deals: Hefei (zh, signing), Chengdu (zh + ja report), Wuhu (groundbreaking)."""
    ids = {}
    ids["hefei"] = add(store, "http://a.example/hefei.html", "合肥高新区集中签约18个项目 总投资156.3亿元",
                       HEFEI_TEXT, hefei_facts()).deal_id
    ids["chengdu"] = add(store, "http://a.example/chengdu.html", "成都高新区12个重大项目落地",
                         CHENGDU_TEXT, make_facts(CHENGDU_TEXT, amount=97.6, evidence="12个重大项目落地,总投资97.6亿元。",
                                                  province="四川", city="成都", park="成都高新区", date="2026-10-09",
                                                  industries=["生物医药"])).deal_id
    ids["ja"] = add(store, "http://jp.example/news/1.html", "日系精密部品メーカー、成都高新区に新工場",
                    JA_TEXT, make_facts(JA_TEXT, amount=10.6, evidence="投資額は約1.5億ドル(約230億円)。",
                                        province="四川", city="成都", park="成都高新区", date="2026-11-03",
                                        event_type="settlement", lang="ja"), source="jp").deal_id
    ids["wuhu"] = add(store, "http://b.example/wuhu.html", "芜湖经开区12个项目集中开工", WUHU_TEXT,
                      make_facts(WUHU_TEXT, amount=48.0, evidence=WUHU_TEXT, province="安徽", city="芜湖",
                                 park="芜湖经开区", event_type="groundbreaking", date="2026-09-01"),
                      source="other").deal_id
    return ids


@pytest.fixture
def filled(store: Store) -> tuple[Store, dict[str, int]]:
    return store, fill(store)


@pytest.fixture
def client(filled) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(create_app(filled[0]))


def deal_ids(html: str) -> set[int]:
    return {int(m) for m in re.findall(r'href="/deals/(\d+)"', html)}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def test_chinese_two_character_word_matches(client: TestClient, filled) -> None:  # type: ignore[no-untyped-def]
    ids = filled[1]
    found = deal_ids(client.get("/deals", params={"search": "签约"}).text)
    assert found == {ids["hefei"]}
    assert deal_ids(client.get("/deals", params={"search": "开工"}).text) == {ids["wuhu"]}
    assert deal_ids(client.get("/deals", params={"search": "量子信息 签约"}).text) == {ids["hefei"]}
    assert deal_ids(client.get("/deals", params={"search": "量子信息 开工"}).text) == set()
    page = client.get("/articles", params={"search": "签约"}).text
    assert "合肥高新区集中签约18个项目" in page and "芜湖经开区" not in page


def test_japanese_search_without_posseg(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import jieba.posseg

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("posseg must never run on Japanese text")

    monkeypatch.setattr(jieba.posseg, "cut", refuse)
    monkeypatch.setattr(jieba.posseg, "lcut", refuse)
    ids = fill(store)
    client = TestClient(create_app(store))
    assert deal_ids(client.get("/deals", params={"search": "工場"}).text) == {ids["ja"]}
    assert deal_ids(client.get("/deals", params={"search": "新工場を設立"}).text) == {ids["ja"]}
    assert deal_ids(client.get("/deals", params={"search": "葵精密"}).text) == {ids["ja"]}
    # jieba keeps 株式会社 and 四川省 whole: only the bigram column finds these words.
    assert deal_ids(client.get("/deals", params={"search": "会社"}).text) == {ids["ja"]}
    assert deal_ids(client.get("/deals", params={"search": "四川"}).text) == {ids["ja"]}
    assert deal_ids(client.get("/deals", params={"search": "工場 签约"}).text) == set()


def test_index_follows_a_changed_article(filled) -> None:  # type: ignore[no-untyped-def]
    store, ids = filled
    changed = HEFEI_TEXT.replace("签约", "洽谈")
    add(store, "http://a.example/hefei.html", "合肥高新区重大项目洽谈", changed,
        make_facts(changed, amount=156.3, evidence="本次共有18个项目现场洽谈,总投资156.3亿元,涉及量子信息、集成电路等领域。",
                   province="安徽", city="合肥", park="合肥高新区", count=18))
    client = TestClient(create_app(store))
    assert deal_ids(client.get("/deals", params={"search": "签约"}).text) == set()
    assert deal_ids(client.get("/deals", params={"search": "洽谈"}).text) == {ids["hefei"]}


def test_region_is_hierarchical_and_filters_combine(filled) -> None:  # type: ignore[no-untyped-def]
    store, ids = filled
    for name, city in (("mianyang", "绵阳"), ("hefei2", "合肥")):  # no province: the gazetteer knows it
        text = f"{city}市20个项目签约,总投资30亿元。"
        ids[name] = add(store, f"http://c.example/{name}.html", text, text, make_facts(
            text, amount=30.0, evidence=text, province=None, city=city, park=None, date="2026-08-01")).deal_id
    client = TestClient(create_app(store))
    assert deal_ids(client.get("/deals", params={"region": "四川"}).text) == {ids["chengdu"], ids["ja"], ids["mianyang"]}
    assert deal_ids(client.get("/deals", params={"region": "成都高新区"}).text) == {ids["chengdu"], ids["ja"]}
    assert deal_ids(client.get("/deals", params={"region": "安徽"}).text) == {ids["hefei"], ids["wuhu"], ids["hefei2"]}
    assert deal_ids(client.get("/deals", params={"region": "安徽", "min_amount": "100"}).text) == {ids["hefei"]}
    assert deal_ids(client.get("/deals", params={"event_type": "groundbreaking"}).text) == {ids["wuhu"]}
    assert deal_ids(client.get("/deals", params={"source": "jp"}).text) == {ids["ja"]}
    assert deal_ids(client.get("/deals", params={"industry": "生物"}).text) == {ids["chengdu"]}
    assert deal_ids(client.get("/deals", params={"province": "四川", "city": "成都", "park": "高新区"}).text) == {
        ids["chengdu"], ids["ja"]}
    assert deal_ids(client.get("/deals", params={"since": "2026-10-01", "until": "2026-11-05"}).text) == {
        ids["chengdu"], ids["ja"]}
    assert deal_ids(client.get("/deals", params={"until": "2026-08-31"}).text) == {ids["mianyang"], ids["hefei2"]}
    assert deal_ids(client.get("/deals", params={"until": "2026-09-01"}).text) == {
        ids["wuhu"], ids["mianyang"], ids["hefei2"]}
    assert client.get("/deals", params={"since": "yesterday"}).status_code == 400
    assert client.get("/deals", params={"offset": "-1"}).status_code == 400


def test_sort_by_amount_and_date(client: TestClient, filled) -> None:  # type: ignore[no-untyped-def]
    ids = filled[1]

    def order(**params: str) -> list[int]:
        return [int(m) for m in re.findall(r'class="deal-link" href="/deals/(\d+)"', client.get("/deals", params=params).text)]

    assert order(sort="amount") == [ids["hefei"], ids["chengdu"], ids["wuhu"], ids["ja"]]
    assert order(sort="amount-asc") == [ids["ja"], ids["wuhu"], ids["chengdu"], ids["hefei"]]
    assert order() == [ids["hefei"], ids["ja"], ids["chengdu"], ids["wuhu"]]
    assert order(sort="date-asc") == [ids["wuhu"], ids["chengdu"], ids["ja"], ids["hefei"]]


def test_deal_page_marks_evidence_and_links_originals(client: TestClient, filled) -> None:  # type: ignore[no-untyped-def]
    html = client.get(f"/deals/{filled[1]['hefei']}").text
    assert re.search(r'<mark data-facts="amount"[^>]*>本次共有18个项目现场签约,总投资156.3亿元', html)
    assert 'href="http://a.example/hefei.html"' in html
    assert "相关负责人表示" in html and "<mark data-facts=\"amount\" title=\"evidence: amount\">相关" not in html


def test_scraped_script_is_shown_as_text(store: Store) -> None:
    evil = '<script>alert("x")</script> 苏州工业园区签约 <img src=x onerror=alert(1)>'
    text = f"{evil}\n总投资20亿元。"
    result = add(store, "javascript:alert(1)", evil, text,
                 make_facts(text, amount=20.0, evidence="总投资20亿元。", province="江苏", city="苏州",
                            park="苏州工业园区<script>"),
                 body=b"<html><head><script>document.title='pwned'</script></head><body>raw</body></html>")
    client = TestClient(create_app(store))
    for url in ("/deals", f"/deals/{result.deal_id}", f"/articles/{result.article_id}", "/articles?search=签约", "/charts"):
        response = client.get(url)
        assert response.status_code == 200
        assert "<script>" not in response.text and "<img src=x" not in response.text, url
        assert "script-src" not in response.headers["content-security-policy"]
        assert "default-src 'none'" in response.headers["content-security-policy"]
    article = client.get(f"/articles/{result.article_id}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in article
    assert re.search(r'<iframe id="raw" sandbox="" [^>]*srcdoc="&lt;html&gt;&lt;head&gt;&lt;script&gt;document.title', article)
    assert 'href="javascript:' not in article


def _post(client: TestClient, url: str, data: dict) -> int:
    return client.post(url, data=data, follow_redirects=False).status_code


def test_every_post_needs_the_sessions_csrf_token(client: TestClient, filled) -> None:  # type: ignore[no-untyped-def]
    deal_id = filled[1]["hefei"]
    token = csrf_of(client.get(f"/deals/{deal_id}").text)
    posts = [r.path.replace("{deal_id:int}", str(deal_id)) for r in client.app.routes
             if "POST" in (getattr(r, "methods", None) or ())]
    assert len(posts) >= 4
    for url in posts:
        assert _post(client, url, {"state": "confirmed"}) == 403, url
        assert _post(client, url, {"state": "confirmed", "csrf": "forged"}) == 403, url
    other = TestClient(client.app)
    other_token = csrf_of(other.get(f"/deals/{deal_id}").text)
    assert _post(client, f"/deals/{deal_id}/state", {"state": "confirmed", "csrf": other_token}) == 403
    assert client.post(f"/deals/{deal_id}/state", data={"state": "confirmed", "csrf": token},
                       headers={"Origin": "http://evil.example"}, follow_redirects=False).status_code == 403
    with filled[0].session() as session:
        assert session.get(Deal, deal_id).review_state == "new"
    assert _post(client, f"/deals/{deal_id}/state", {"state": "confirmed", "csrf": token}) == 303
    with filled[0].session() as session:
        assert session.get(Deal, deal_id).review_state == "confirmed"
    cookie = client.get("/deals").headers.get("set-cookie") or ""
    first = TestClient(client.app).get("/deals").headers["set-cookie"].lower()
    assert "samesite=strict" in first and "httponly" in first and cookie == ""


def test_override_survives_reingest_and_is_exported(client: TestClient, filled) -> None:  # type: ignore[no-untyped-def]
    store, ids = filled
    deal_id = ids["hefei"]
    token = csrf_of(client.get(f"/deals/{deal_id}").text)
    assert _post(client, f"/deals/{deal_id}/overrides", {
        "csrf": token, "amount_cny": "160", "city": "合肥", "industries": "集成电路、量子信息",
        "note": "checked"}) == 303
    with store.session() as session:
        override = session.get(DealOverride, deal_id)
        assert override.amount_cny == 160.0 and override.city is None  # same as extracted: no override
        assert override.industries == ["集成电路", "量子信息"]
    again = add(store, "http://a.example/hefei.html", "合肥高新区集中签约", HEFEI_TEXT, hefei_facts(amount=150.0))
    assert again.deal_id == deal_id and again.deal_event == "correction"
    with store.session() as session:
        assert session.get(Deal, deal_id).amount_cny == 150.0
        assert session.get(DealOverride, deal_id).amount_cny == 160.0
    page = client.get(f"/deals/{deal_id}").text
    assert 'name="amount_cny" value="160.0"' in page and "(corrected)" in page
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv", params={"region": "合肥"}).content.decode("utf-8-sig"))))
    assert [(r["id"], r["amount_yi_cny"], r["corrected"]) for r in rows] == [(str(deal_id), "160.0", "amount_cny, industries")]
    assert deal_ids(client.get("/deals", params={"min_amount": "155"}).text) == {deal_id}
    assert deal_ids(client.get("/deals", params={"min_amount": "159", "region": "安徽"}).text) == {deal_id}
    bad = client.post(f"/deals/{deal_id}/overrides", data={"csrf": token, "amount_cny": "lots"})
    assert "amount_cny" in bad.text and "not a number" in bad.text
    assert _post(client, f"/deals/{deal_id}/overrides", {"csrf": token, "amount_cny": "", "industries": "",
                                                         "note": ""}) == 303
    with store.session() as session:
        assert session.get(DealOverride, deal_id) is None


@pytest.mark.parametrize("wiring", ["alerts.outbox", "store fallback"])
def test_marking_wrong_withdraws_pending_alerts(filled, wiring: str) -> None:  # type: ignore[no-untyped-def]
    from parkwatch.commands_review import _withdraw
    from store.review import withdraw_pending_alerts

    withdraw = _withdraw() if wiring == "alerts.outbox" else withdraw_pending_alerts
    store, ids = filled
    with store.session() as session:
        for deal_id, subscriber, status in ((ids["hefei"], "a", "pending"), (ids["hefei"], "b", "sent"),
                                            (ids["wuhu"], "a", "pending")):
            session.add(AlertOutbox(deal_id=deal_id, subscriber=subscriber, status=status))
    client = TestClient(create_app(store, withdraw=withdraw))
    token = csrf_of(client.get(f"/deals/{ids['hefei']}").text)
    assert _post(client, f"/deals/{ids['hefei']}/state", {"state": "wrong", "csrf": token}) == 303
    with store.session() as session:
        rows = session.execute(select(AlertOutbox.deal_id, AlertOutbox.subscriber, AlertOutbox.status)
                               .order_by(AlertOutbox.id)).all()
        assert session.get(Deal, ids["hefei"]).review_state == "wrong"
    assert rows == [(ids["hefei"], "a", "withdrawn"), (ids["hefei"], "b", "sent"), (ids["wuhu"], "a", "pending")]
    assert deal_ids(client.get("/deals", params={"state": "wrong"}).text) == {ids["hefei"]}
    assert _post(client, f"/deals/{ids['hefei']}/state", {"state": "bogus", "csrf": token}) == 400


def test_csv_and_xlsx_export_the_filtered_view(client: TestClient, filled, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = filled[1]
    add(store, "http://c.example/x.html", "=HYPERLINK(\"http://evil\")", "总投资5亿元。",
        make_facts("总投资5亿元。", amount=5.0, evidence="总投资5亿元。", province="浙江", city="杭州", park=None))
    response = client.get("/export.csv", params={"region": "四川", "sort": "amount"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [int(r["id"]) for r in rows] == [ids["chengdu"], ids["ja"]]
    assert rows[0]["park"] == "成都高新区" and rows[0]["amount_yi_cny"] == "97.6"
    assert rows[1]["articles"] == "http://jp.example/news/1.html"
    book = load_workbook(io.BytesIO(client.get("/export.xlsx", params={"province": "浙江"}).content))
    sheet = book["deals"]
    header, *data = [list(r) for r in sheet.iter_rows(values_only=True)]
    title = data[0][header.index("title")]
    assert len(data) == 1 and data[0][header.index("amount_yi_cny")] == 5.0
    assert title == "'=HYPERLINK(\"http://evil\")"
    assert client.get("/export.exe").status_code == 404


def test_charts_are_server_side_svg(client: TestClient) -> None:
    html = client.get("/charts").text
    assert html.count("<svg") == 3 and "<script" not in html
    assert ">四川</text>" in html and ">安徽</text>" in html and ">2026-11</text>" in html
    assert ">成都高新区</text>" in html
    assert client.get("/charts", params={"region": "四川"}).text.count(">安徽</text>") == 0


def test_token_guards_the_page(filled) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnsafeBindError):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", "a-strong-review-token-2026")  # off loopback: 16+ characters (issue 13)
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    client = TestClient(create_app(filled[0], token="s3cret"))
    first = client.get("/deals", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"].startswith("/login")
    assert client.get("/export.csv").status_code == 200 and "<form" in client.get("/export.csv").text
    assert TestClient(client.app).get("/deals", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert TestClient(client.app).get("/deals", headers={"Authorization": "Bearer nope"},
                                      follow_redirects=False).status_code == 303
    token = csrf_of(client.get("/login").text)
    assert client.post("/login", data={"csrf": token, "token": "wrong"}).status_code == 401
    assert client.post("/login", data={"token": "s3cret"}).status_code == 403
    assert _post(client, "/login", {"csrf": token, "token": "s3cret", "next": "//evil.example/"}) == 303
    assert client.get("/deals").status_code == 200 and "芜湖经开区" in client.get("/deals").text


def test_cli_review_refuses_open_bind_and_deals_take_filters(filled, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store, ids = filled
    monkeypatch.delenv("PARKWATCH_REVIEW_TOKEN", raising=False)
    monkeypatch.setenv("PARKWATCH_DB_URL", store.url)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    refused = runner.invoke(main, ["review", "--host", "0.0.0.0"])
    assert refused.exit_code != 0 and "PARKWATCH_REVIEW_TOKEN" in refused.output
    out = runner.invoke(main, ["deals", "--region", "四川", "--search", "工場", "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    assert [line.split(",")[0] for line in out.output.splitlines()] == [f'{{"id": {ids["ja"]}']
    out = runner.invoke(main, ["deals", "--province", "安徽", "--sort", "amount", "--format", "csv"])
    assert [r["id"] for r in csv.DictReader(io.StringIO(out.output))] == [str(ids["hefei"]), str(ids["wuhu"])]
    out = runner.invoke(main, ["deals", "--since", "2026-10-01", "--until", "2026-10-31", "--min-amount", "50",
                               "--event-type", "signing", "--source", "src", "--state", "new", "--format", "csv"])
    assert [r["id"] for r in csv.DictReader(io.StringIO(out.output))] == [str(ids["chengdu"])]
    out = runner.invoke(main, ["articles", "--search", "签约", "--format", "csv"])
    assert [r["url"] for r in csv.DictReader(io.StringIO(out.output))] == ["http://a.example/hefei.html"]


def test_loopback_page_refuses_foreign_host_names(filled) -> None:  # type: ignore[no-untyped-def]
    app = create_app(filled[0], allowed_hosts=allowed_hosts_for("127.0.0.1"))
    assert allowed_hosts_for("0.0.0.0") is None
    assert TestClient(app, base_url="http://127.0.0.1:8765").get("/deals").status_code == 200
    assert TestClient(app, base_url="http://localhost:8765").get("/deals").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example:8765")
    assert rebound.get("/deals").status_code == 400
    assert rebound.get("/export.csv").status_code == 400
