"""Outbox delivery through apprise to a real webhook on loopback."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from alerts.outbox import flush_due, outbox_counts
from alerts.send import redact, send
from alerts.subscriptions import Rule, Subscriber
from store.models import AlertOutbox, utcnow
from store.session import Store
from tests.servers import Webhook
from tests.test_store import add, facts
from alerts.outbox import queue_alerts


def _queue(store: Store, subscriber: Subscriber) -> None:
    hook = lambda session, deal, kind: queue_alerts(session, deal, kind, [subscriber])  # noqa: E731
    add(store, "http://a.example/1.html", facts(), hook=hook)


def test_webhook_gets_exactly_one_delivery_after_failures(store: Store) -> None:
    with Webhook(fail_first=3) as hook:
        sub = Subscriber(name="team", language="en", urls=[hook.url], rules=[Rule()])
        _queue(store, sub)
        now = utcnow()
        reports = []
        for step in range(6):  # each flush is later than the previous row's backoff
            reports.append(flush_due(store, [sub], now=now + dt.timedelta(hours=step)))
        assert [r.sent for r in reports] == [0, 0, 0, 1, 0, 0]
        assert len(hook.received) == 1
        assert hook.attempts == 4
        assert "156.3" in hook.received[0]["message"] or "15.63" in hook.received[0]["message"]
    with store.session() as session:
        row = session.scalar(select(AlertOutbox))
        assert row.status == "sent" and row.attempts == 4
        assert outbox_counts(session)["sent"] == 1


def test_channel_down_keeps_row_pending(store: Store) -> None:
    sub = Subscriber(name="down", urls=["json://127.0.0.1:9/hook"], rules=[Rule()])
    _queue(store, sub)
    report = flush_due(store, [sub])
    assert report.sent == 0 and report.failed == 1
    with store.session() as session:
        row = session.scalar(select(AlertOutbox))
        assert row.status == "pending" and row.attempts == 1 and row.last_error


def test_console_channel_prints(capsys) -> None:  # type: ignore[no-untyped-def]
    assert send(["console://"], "Title", "Body text", "pw-x").ok
    assert "Body text" in capsys.readouterr().out


def test_secrets_are_redacted() -> None:
    line = "failed: mailto://user:hunter2@mail.example.com and tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/"
    out = redact(line)
    assert "hunter2" not in out and "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in out
