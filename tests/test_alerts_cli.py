"""`parkwatch alerts test|flush|status` against a real database and a loopback webhook."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from parkwatch.cli import main
from store.models import AlertOutbox
from store.session import Store
from tests.servers import Webhook
from tests.test_store import add, facts


@pytest.fixture
def env(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    return {"PARKWATCH_DB_URL": db_url, "PARKWATCH_SUBSCRIPTIONS": str(tmp_path / "subs.yaml")}


def _subscriptions(env: dict[str, str], url: str, language: str = "en") -> None:
    Path(env["PARKWATCH_SUBSCRIPTIONS"]).write_text(
        f"subscribers:\n  - name: team\n    language: {language}\n    urls: ['{url}']\n", encoding="utf-8")


def _run(env: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env)


def test_alerts_test_sends_a_sample_to_each_channel(env: dict[str, str]) -> None:
    with Webhook() as hook:
        _subscriptions(env, hook.url, "ja")
        result = _run(env, "alerts", "test", "team")
        assert result.exit_code == 0, result.output
        assert len(hook.received) == 1 and "[新規案件]" in hook.received[0]["title"]
        assert "127.0.0.1" in result.output and "sent" in result.output
    unknown = _run(env, "alerts", "test", "nobody")
    assert unknown.exit_code != 0 and "no subscriber 'nobody'" in unknown.output


def test_alerts_flush_delivers_what_is_due(env: dict[str, str]) -> None:
    with Webhook() as hook:
        _subscriptions(env, hook.url)
        store = Store(env["PARKWATCH_DB_URL"])
        with store.session() as session:
            add(store, "http://a.example/1.html", facts())
            session.add(AlertOutbox(deal_id=1, subscriber="team"))
        store.close()
        result = _run(env, "alerts", "flush")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("sent 1 ") and len(hook.received) == 1
        again = _run(env, "alerts", "flush")
        assert again.output.startswith("sent 0 ") and len(hook.received) == 1


def test_alerts_status_counts_and_lists_dead_letters_without_secrets(env: dict[str, str]) -> None:
    secret = "json://admin:hunter2@127.0.0.1:9/hook"
    _subscriptions(env, secret)
    store = Store(env["PARKWATCH_DB_URL"])
    add(store, "http://a.example/1.html", facts())
    with store.session() as session:
        session.add(AlertOutbox(deal_id=1, subscriber="team", status="dead", attempts=30,
                                last_error=f"{secret}: connection refused"))
        session.add(AlertOutbox(deal_id=1, subscriber="other", status="pending"))
    store.close()
    table = _run(env, "alerts", "status", "--format", "table")
    assert table.exit_code == 0, table.output
    assert "pending 1" in table.output and "dead 1" in table.output and "connection refused" in table.output
    lines = _run(env, "alerts", "status", "--format", "jsonl").output.splitlines()
    counts = json.loads(lines[0])["counts"]
    assert counts["dead"] == 1 and counts["pending"] == 1 and counts["sent"] == 0
    letter = json.loads(lines[1])
    assert letter["subscriber"] == "team" and "connection refused" in letter["last_error"]
    rows = list(csv.DictReader(io.StringIO(_run(env, "alerts", "status", "--format", "csv").stdout)))
    assert [r["subscriber"] for r in rows] == ["team"] and rows[0]["attempts"] == "30"
    for fmt in ("table", "jsonl", "csv"):
        assert "hunter2" not in _run(env, "alerts", "status", "--format", fmt).output
