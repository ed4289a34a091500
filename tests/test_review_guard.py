"""The review page off loopback: strong tokens only, wrong logins throttled per client,
corrections checked against the fields' types."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from starlette.testclient import TestClient

from parkwatch.cli import main
from review.app import create_app
from review.security import LOGIN_MAX_FAILURES, LOGIN_WINDOW_SECONDS, LoginThrottle, UnsafeBindError, check_bind
from store.models import Deal, DealOverride
from store.session import Store, sqlite_url

TOKEN = "a-strong-review-token-2026"


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


@pytest.mark.parametrize("token", [None, "", " ", "s3cret", "                ", "aaaaaaaaaaaaaaaaaaaa"])
def test_weak_tokens_are_refused_off_loopback(token: str | None) -> None:
    with pytest.raises(UnsafeBindError):
        check_bind("0.0.0.0", token)
    check_bind("127.0.0.1", token)  # loopback: the machine's users only


def test_cli_refuses_a_blank_token_on_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARKWATCH_DB_URL", sqlite_url(tmp_path / "t.db"))
    result = CliRunner().invoke(main, ["review", "--host", "0.0.0.0", "--token", " "])
    assert result.exit_code != 0 and "at least 16 characters" in result.output
    check_bind("0.0.0.0", TOKEN)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_logins_are_throttled_per_client(tmp_path: Path) -> None:
    store = Store(sqlite_url(tmp_path / "t.db"))
    clock = Clock()
    app = create_app(store, token=TOKEN, throttle=LoginThrottle(clock=clock))
    guesser = TestClient(app)
    csrf = _csrf(guesser.get("/login").text)
    codes = [guesser.post("/login", data={"csrf": csrf, "token": f"guess-{n}"}).status_code for n in range(10)]
    assert codes == [401] * LOGIN_MAX_FAILURES + [429] * (10 - LOGIN_MAX_FAILURES)
    locked = guesser.post("/login", data={"csrf": csrf, "token": TOKEN}, follow_redirects=False)
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0  # even the right token waits
    assert "Too many wrong tokens" in locked.text

    other = TestClient(app, client=("192.0.2.7", 50000))  # another client is not held up
    other_csrf = _csrf(other.get("/login").text)
    assert other.post("/login", data={"csrf": other_csrf, "token": TOKEN}, follow_redirects=False).status_code == 303

    clock.now += LOGIN_WINDOW_SECONDS + 1
    assert guesser.post("/login", data={"csrf": csrf, "token": TOKEN}, follow_redirects=False).status_code == 303
    store.close()


def test_corrections_must_fit_the_fields_types(tmp_path: Path) -> None:
    store = Store(sqlite_url(tmp_path / "t.db"))
    with store.session() as session:
        deal = Deal(amount_value=12.0, amount_currency="CNY", amount_cny=12.0, event_type="signing",
                    province="安徽", city="合肥", title="示例签约")
        session.add(deal)
        session.flush()
        deal_id = deal.id
    client = TestClient(create_app(store))
    csrf = _csrf(client.get(f"/deals/{deal_id}").text)
    for field, value in (("event_type", "<script>alert(1)</script>"), ("event_type", "merger"),
                         ("amount_cny", "lots"), ("project_count", "-3"), ("event_date", "soon")):
        response = client.post(f"/deals/{deal_id}/overrides", data={"csrf": csrf, field: value},
                               follow_redirects=False)
        assert response.status_code == 303 and "error=" in response.headers["location"], (field, value)
    with store.session() as session:
        assert session.scalar(select(DealOverride).where(DealOverride.deal_id == deal_id)) is None
    ok = client.post(f"/deals/{deal_id}/overrides", data={"csrf": csrf, "event_type": "groundbreaking"},
                     follow_redirects=False)
    assert "saved=facts" in ok.headers["location"]
    with store.session() as session:
        assert session.get(DealOverride, deal_id).event_type == "groundbreaking"
    store.close()
