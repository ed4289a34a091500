"""Outbox delivery through apprise to real servers on loopback (an HTTP webhook, an SMTP server)."""

from __future__ import annotations

import datetime as dt
import email.message
import logging
from pathlib import Path

from sqlalchemy import select

from alerts.outbox import (
    GIVE_UP_AFTER,
    LEASE,
    _claim,
    dead_letters,
    flush_due,
    outbox_counts,
    queue_alerts,
    withdraw_pending,
)
from alerts.send import redact, send, send_message
from alerts.subscriptions import Rule, Subscriber
from store.models import AlertOutbox, Deal, utcnow
from store.session import Store
from tests.servers import SmtpServer, Webhook
from tests.test_store import add, facts

T0 = dt.datetime(2026, 11, 20, 1, 0)  # naive UTC: 09:00 in Shanghai


def _hook(subscribers: list[Subscriber], now: dt.datetime | None = None):  # type: ignore[no-untyped-def]
    return lambda session, deal, kind: queue_alerts(session, deal, kind, subscribers, now=now)


def _queue(store: Store, subscriber: Subscriber, url: str = "http://a.example/1.html", **kw: object) -> int:
    return add(store, url, facts(**kw), hook=_hook([subscriber], now=T0)).deal_id


def _rows(store: Store) -> list[AlertOutbox]:
    with store.session() as session:
        return list(session.scalars(select(AlertOutbox).order_by(AlertOutbox.id)))


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
        assert "15.63" in hook.received[0]["title"]
    with store.session() as session:
        row = session.scalar(select(AlertOutbox))
        assert row.status == "sent" and row.attempts == 4 and row.sent_facts
        assert outbox_counts(session)["sent"] == 1


def test_backoff_holds_the_row_until_it_is_due(store: Store) -> None:
    with Webhook(fail_first=1) as hook:
        sub = Subscriber(name="team", urls=[hook.url], rules=[Rule()])
        _queue(store, sub)
        assert flush_due(store, [sub], now=T0).failed == 1
        assert flush_due(store, [sub], now=T0 + dt.timedelta(seconds=30)).sent == 0  # backoff: 1 minute
        assert hook.attempts == 1
        assert flush_due(store, [sub], now=T0 + dt.timedelta(minutes=1)).sent == 1
        assert len(hook.received) == 1


def test_channel_down_keeps_row_pending(store: Store) -> None:
    sub = Subscriber(name="down", urls=["json://127.0.0.1:9/hook"], rules=[Rule()])
    _queue(store, sub)
    report = flush_due(store, [sub])
    assert report.sent == 0 and report.failed == 1
    row = _rows(store)[0]
    assert row.status == "pending" and row.attempts == 1 and row.last_error


def test_pending_rows_survive_a_restart(db_url: str) -> None:
    url = db_url
    with Webhook() as hook:
        sub = Subscriber(name="team", urls=[hook.url], rules=[Rule()])
        first = Store(url)
        _queue(first, sub)
        _queue(first, sub, "http://a.example/2.html", amount=40.0)
        first.close()  # the process stops before any flush
        second = Store(url)
        report = flush_due(second, [sub])
        second.close()
        assert report.sent == 2 and len(hook.received) == 2


def test_two_outlets_reporting_one_deal_give_one_alert(store: Store) -> None:
    with Webhook() as hook:
        sub = Subscriber(name="team", urls=[hook.url], rules=[Rule()])
        first = _queue(store, sub, "http://a.example/1.html")
        second = _queue(store, sub, "http://b.example/2.html", date="2026-11-16")
        assert first == second
        flush_due(store, [sub])
        _queue(store, sub, "http://c.example/3.html")  # a third outlet after the alert went out
        flush_due(store, [sub], now=utcnow() + dt.timedelta(days=1))
        assert len(hook.received) == 1
        assert len(_rows(store)) == 1


def test_a_correction_gives_one_correction_message(store: Store) -> None:
    with Webhook() as hook:
        sub = Subscriber(name="team", language="en", urls=[hook.url], rules=[Rule()])
        _queue(store, sub, amount=15.0)
        flush_due(store, [sub], now=T0)
        _queue(store, sub, amount=150.0)  # re-extraction of the same page: amount corrected
        _queue(store, sub, amount=150.0)  # seen again unchanged: nothing new
        flush_due(store, [sub], now=T0 + dt.timedelta(minutes=1))
        flush_due(store, [sub], now=T0 + dt.timedelta(days=2))
        assert [m["title"].split("]")[0] for m in hook.received] == ["[New deal", "[Correction"]
        assert "CNY 1.5 billion → CNY 15 billion" in hook.received[1]["message"]
    assert [(r.kind, r.deal_version, r.status) for r in _rows(store)] == [
        ("new", 1, "sent"), ("correction", 2, "sent")]


def test_a_correction_before_the_first_alert_went_out_sends_one_message(store: Store) -> None:
    with Webhook() as hook:
        sub = Subscriber(name="team", language="en", urls=[hook.url], rules=[Rule()])
        _queue(store, sub, amount=15.0)
        _queue(store, sub, amount=150.0)
        flush_due(store, [sub])
        assert len(hook.received) == 1
        assert "CNY 15 billion" in hook.received[0]["title"]


def test_a_correction_out_of_a_subscribers_range_withdraws_the_pending_row(store: Store) -> None:
    sub = Subscriber(name="big", rules=[Rule(min_amount_yi=100)], urls=["json://127.0.0.1:9/x"])
    _queue(store, sub, amount=150.0)
    _queue(store, sub, amount=15.0)
    assert [(r.kind, r.status) for r in _rows(store)] == [("new", "withdrawn")]


def test_digest_mode_sends_one_combined_message_at_the_digest_time(store: Store) -> None:
    with Webhook() as hook:
        sub = Subscriber(name="daily", language="en", urls=[hook.url], rules=[Rule()], mode="daily",
                         digest_time="08:00")
        for n, amount in enumerate((156.3, 40.0, 7.5)):
            add(store, f"http://a.example/{n}.html", facts(amount=amount), hook=_hook([sub], now=T0))
        assert flush_due(store, [sub], now=T0 + dt.timedelta(hours=1)).sent == 0
        slot = dt.datetime(2026, 11, 21, 0, 0)  # 08:00 Asia/Shanghai on the next day
        assert {r.next_attempt_at for r in _rows(store)} == {slot}
        assert flush_due(store, [sub], now=slot - dt.timedelta(seconds=1)).sent == 0
        report = flush_due(store, [sub], now=slot)
        assert report.sent == 3 and report.messages == 1
        assert len(hook.received) == 1
        message = hook.received[0]
        assert "3 deals" in message["title"]
        for amount in ("15.63", "4", "0.75"):
            assert f"CNY {amount} billion" in message["message"]


def test_html_email_escapes_scraped_markup(store: Store) -> None:
    with SmtpServer() as smtp:
        sub = Subscriber(name="mail", language="zh", urls=[smtp.url()], rules=[Rule()])
        deal_id = _queue(store, sub)
        with store.session() as session:
            session.get(Deal, deal_id).title = "合肥<script>alert('x')</script>签约"
        report = flush_due(store, [sub])
        assert report.sent == 1, report.details
        assert len(smtp.messages) == 1
        message: email.message.Message = smtp.messages[0]
        parts = {p.get_content_type(): p.get_payload(decode=True).decode("utf-8") for p in message.walk()
                 if not p.is_multipart()}
        assert set(parts) == {"text/plain", "text/html"}
        html = parts["text/html"]
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
        assert '<a href="http://a.example/1.html">' in html
        assert "156.3亿元" in parts["text/plain"]


def test_a_retry_goes_only_to_the_channels_that_failed(store: Store) -> None:
    with Webhook() as good, Webhook(fail_first=1) as flaky:
        sub = Subscriber(name="two", urls=[good.url, flaky.url], rules=[Rule()])
        _queue(store, sub)
        assert flush_due(store, [sub], now=T0).failed == 1
        assert flush_due(store, [sub], now=T0 + dt.timedelta(minutes=5)).sent == 1
        assert (len(good.received), len(flaky.received)) == (1, 1)
        row = _rows(store)[0]
        assert len(row.delivered) == 2 and row.status == "sent"
        assert all(result["ok"] for result in row.channel_results.values())


def test_two_flushers_never_send_one_row_twice(store: Store) -> None:
    with Webhook() as hook:
        sub = Subscriber(name="team", urls=[hook.url], rules=[Rule()])
        _queue(store, sub)
        _queue(store, sub, "http://a.example/2.html", amount=40.0)
        inner_reports = []

        def racing_sender(channel, title, body, *, html=False):  # type: ignore[no-untyped-def]
            inner_reports.append(flush_due(store, [sub]))  # a second flusher runs meanwhile
            return send_message(channel, title, body, html=html)

        outer = flush_due(store, [sub], sender=racing_sender)
        assert outer.sent == 2
        assert [r.sent + r.failed for r in inner_reports] == [0, 0]
        assert len(hook.received) == 2


def test_rows_of_a_vanished_flusher_go_back_to_pending_after_the_lease(store: Store) -> None:
    with Webhook() as hook:
        sub = Subscriber(name="team", urls=[hook.url], rules=[Rule()])
        _queue(store, sub)
        with store.session() as session:
            assert _claim(session, "team", "crashed-flusher", T0)
        assert flush_due(store, [sub], now=T0 + LEASE - dt.timedelta(seconds=1)).sent == 0
        assert flush_due(store, [sub], now=T0 + LEASE + dt.timedelta(seconds=1)).sent == 1
        assert len(hook.received) == 1


def test_a_row_goes_dead_only_after_a_day_of_retries(store: Store) -> None:
    secret_url = "json://user:hunter2@127.0.0.1:9/hook"
    sub = Subscriber(name="down", urls=[secret_url], rules=[Rule()])
    _queue(store, sub)
    now, statuses = T0, []
    while now <= T0 + GIVE_UP_AFTER + dt.timedelta(hours=3):
        flush_due(store, [sub], now=now)
        statuses.append((now - T0, _rows(store)[0].status))
        now += dt.timedelta(minutes=30)
    first_dead = next(offset for offset, status in statuses if status == "dead")
    assert dt.timedelta(hours=24) <= first_dead <= GIVE_UP_AFTER + dt.timedelta(hours=2)
    with store.session() as session:
        assert outbox_counts(session)["dead"] == 1
        letters = dead_letters(session)
    assert letters[0]["attempts"] > 10 and letters[0]["last_error"]
    assert "hunter2" not in repr(letters)


def test_a_deal_marked_wrong_is_withdrawn(store: Store) -> None:
    with Webhook() as hook:
        sub = Subscriber(name="team", urls=[hook.url], rules=[Rule()])
        wrong = _queue(store, sub)
        _queue(store, sub, "http://a.example/2.html", amount=40.0)
        with store.session() as session:
            session.get(Deal, wrong).review_state = "wrong"
            assert withdraw_pending(session, wrong) == 1
            assert withdraw_pending(session, wrong) == 0
        flush_due(store, [sub])
        assert len(hook.received) == 1 and "40" in hook.received[0]["title"]
    with store.session() as session:
        assert outbox_counts(session)["withdrawn"] == 1


def test_a_deal_marked_wrong_without_withdrawing_is_not_sent(store: Store) -> None:
    with Webhook() as hook:
        sub = Subscriber(name="team", urls=[hook.url], rules=[Rule()])
        wrong = _queue(store, sub)
        with store.session() as session:
            session.get(Deal, wrong).review_state = "wrong"
        report = flush_due(store, [sub])
        assert report.withdrawn == 1 and hook.attempts == 0


def test_apprise_config_tags_select_the_subscribers_services(store: Store, tmp_path: Path) -> None:
    with Webhook() as mine, Webhook() as theirs:
        config = tmp_path / "apprise.yml"
        config.write_text(f"urls:\n  - {mine.url}:\n      tag: sales\n  - {theirs.url}:\n      tag: ops\n")
        sub = Subscriber(name="sales", urls=[], apprise_config=config, tags=["sales"], rules=[Rule()])
        _queue(store, sub)
        assert flush_due(store, [sub]).sent == 1
        assert (len(mine.received), len(theirs.received)) == (1, 0)


def test_secrets_stay_out_of_logs_and_errors(store: Store, caplog) -> None:  # type: ignore[no-untyped-def]
    sub = Subscriber(name="down", urls=["json://admin:hunter2@127.0.0.1:9/hook"], rules=[Rule()])
    _queue(store, sub)
    with caplog.at_level(logging.DEBUG):
        report = flush_due(store, [sub])
        logging.getLogger("alerts.send").warning("boom at %s", "json://admin:hunter2@127.0.0.1:9/hook")
    assert report.failed == 1
    assert "hunter2" not in caplog.text and "hunter2" not in repr(report.details)
    assert "hunter2" not in (_rows(store)[0].last_error or "")
    assert "127.0.0.1:9" in caplog.text  # the redacted URL still says where


def test_console_channel_prints(capsys) -> None:  # type: ignore[no-untyped-def]
    assert send(["console://"], "Title", "Body text", "pw-x").ok
    assert "Body text" in capsys.readouterr().out


def test_secrets_are_redacted() -> None:
    line = "failed: mailto://user:hunter2@mail.example.com and tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/"
    out = redact(line)
    assert "hunter2" not in out and "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in out
    assert "mail.example.com" in out


def test_an_unexpected_error_returns_rows_to_pending_and_spares_other_subscribers(store: Store, caplog) -> None:  # type: ignore[no-untyped-def]
    with Webhook() as hook:
        broken = Subscriber(name="a-broken", urls=["json://admin:hunter2@127.0.0.1:9/x"], rules=[Rule()])
        fine = Subscriber(name="b-fine", urls=[hook.url], rules=[Rule()])
        add(store, "http://a.example/1.html", facts(), hook=_hook([broken, fine], now=T0))

        def sender(channel, title, body, *, html=False):  # type: ignore[no-untyped-def]
            if channel.url.startswith("json://admin"):
                raise RuntimeError(f"plugin bug while posting to {channel.url}")
            return send_message(channel, title, body, html=html)

        with caplog.at_level(logging.WARNING):
            report = flush_due(store, [broken, fine], sender=sender)
        assert (report.sent, report.failed) == (1, 1) and len(hook.received) == 1
        row = next(r for r in _rows(store) if r.subscriber == "a-broken")
        assert row.status == "pending" and row.claimed_by is None and "plugin bug" in row.last_error
        assert "hunter2" not in caplog.text and "hunter2" not in row.last_error
        assert "RuntimeError" in caplog.text  # the traceback is logged, redacted


def test_alerts_carry_the_reviewers_corrections(store: Store) -> None:
    """A pending alert goes out with the reviewed amount and place, and later corrections
    are matched against the reviewed deal, not the extraction the reviewer overruled."""
    from store.review import save_overrides

    with Webhook() as hook:
        everyone = Subscriber(name="team", language="en", urls=[hook.url], rules=[Rule()])
        big = Subscriber(name="big-only", language="en", urls=[hook.url], rules=[Rule(min_amount_yi=100)])
        deal_id = _queue(store, everyone, amount=15.0)  # the extractor read 15亿
        with store.session() as session:
            save_overrides(session, deal_id, {"amount_cny": "150", "city": "芜湖"})
        flush_due(store, [everyone, big], now=T0)
        assert len(hook.received) == 1
        assert "CNY 15 billion" in hook.received[0]["title"] and "芜湖" in hook.received[0]["title"]
        # The same page extracted again: the 100亿 subscriber now matches the reviewed 150亿.
        add(store, "http://a.example/1.html", facts(amount=15.5),
            hook=_hook([everyone, big], now=T0 + dt.timedelta(minutes=1)))
        flush_due(store, [everyone, big], now=T0 + dt.timedelta(days=1))
    assert sorted((r.subscriber, r.kind) for r in _rows(store)) == [
        ("big-only", "new"), ("team", "correction"), ("team", "new")]
