"""The `parkwatch alerts` group: test a subscriber, flush what is due, show the outbox."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from parkwatch.config import Config
from parkwatch.output import default_format, emit

DEAD_COLUMNS = ("id", "deal_id", "subscriber", "kind", "attempts", "first_failed_at", "last_error")
# Dead letters listed by `alerts status` unless --limit says otherwise.
DEAD_LIST_LIMIT = 50


def sample_deal() -> dict[str, Any]:
    """A made-up deal for `alerts test`, with markup in the title to show escaping."""
    return {"id": 0, "title": "ParkWatch test alert <b>not bold</b>",
            "amount": {"value": 12.5, "currency": "CNY", "qualifier": "exact", "value_cny": 12.5},
            "amount_cny": 12.5, "project_count": 3,
            "place": {"province": "四川", "city": "成都", "district": None, "park": "成都高新区"},
            "event_type": "signing", "event_date": dt.date.today().isoformat(),
            "parties": ["示例科技有限公司"], "industries": ["电子信息"],
            "evidence": "此次集中签约项目3个，总投资12.5亿元。",
            "articles": ["https://example.org/parkwatch-test.html"]}


def register(main: click.Group, format_option: Any) -> None:
    """Attach the `alerts` group to the root group."""
    from parkwatch.commands_store import load_subscribers, open_store

    @main.group()
    def alerts() -> None:
        """Alert delivery: test a subscriber, flush what is due, show the outbox."""

    @alerts.command("flush")
    @click.pass_obj
    def alerts_flush(config: Config) -> None:
        """Deliver every alert that is due now (safe next to the service's own delivery job)."""
        from alerts.outbox import flush_due
        from alerts.redaction import redact

        store = open_store(config)
        try:
            report = flush_due(store, load_subscribers(config.subscriptions, config.notify))
        finally:
            store.close()
        click.echo(f"sent {report.sent} ({report.messages} messages), to retry {report.failed}, "
                   f"dead {report.dead}, withdrawn {report.withdrawn}")
        for detail in report.details:
            click.echo(f"  {redact(detail)}")

    @alerts.command("status")
    @click.option("--limit", type=int, default=DEAD_LIST_LIMIT, show_default=True,
                  help="Dead letters to list (newest first); 0 for all.")
    @format_option
    @click.pass_obj
    def alerts_status(config: Config, limit: int, fmt: str | None) -> None:
        """Outbox rows by state (pending, sending, sent, failed, dead, withdrawn) and the dead letters.

        table: the counts, then the dead letters. jsonl: a {"counts": ...} line, then one
        dead letter per line. csv: the dead letters (the counts go to standard error).
        """
        from alerts.outbox import dead_letters, outbox_counts

        fmt = fmt or default_format()
        store = open_store(config)
        try:
            with store.session() as session:
                counts = outbox_counts(session)
                dead = dead_letters(session, limit or None)
        finally:
            store.close()
        summary = ", ".join(f"{k} {v}" for k, v in counts.items())
        if fmt == "jsonl":
            emit([{"counts": counts}, *dead], "jsonl")
        elif fmt == "csv":
            click.echo(summary, err=True)
            emit(dead, "csv", columns=DEAD_COLUMNS)
        else:
            click.echo(summary)
            if dead:
                click.echo("\ndead letters:")
                emit(dead, "table", columns=DEAD_COLUMNS[:-1])
                click.echo("\nlast errors:")
                for letter in dead:  # in full: a table cell would cut them
                    click.echo(f"  #{letter['id']}: {letter['last_error']}")

    @alerts.command("test")
    @click.argument("subscriber")
    @click.pass_obj
    def alerts_test(config: Config, subscriber: str) -> None:
        """Send a sample alert to each of SUBSCRIBER's channels, in their language and format."""
        from alerts.channels import ChannelError, resolve_channels
        from alerts.render import Item, render_alert
        from alerts.send import send_message

        subscribers = {s.name: s for s in load_subscribers(config.subscriptions, config.notify)}
        if subscriber not in subscribers:
            raise click.ClickException(f"no subscriber {subscriber!r} in {config.subscriptions}; "
                                       f"known: {', '.join(sorted(subscribers)) or 'none'}")
        sub = subscribers[subscriber]
        try:
            channels = resolve_channels(sub.urls, sub.apprise_config, sub.tags)
        except ChannelError as exc:
            raise click.ClickException(str(exc)) from exc
        if not channels:
            raise click.ClickException(f"subscriber {subscriber!r} has no channel")
        failed = False
        for channel in channels:
            title, body = render_alert(Item(sample_deal(), ref="test"), sub.language, email=channel.email,
                                       limit=channel.body_limit, title_in_body=channel.title_in_body,
                                       limit_in_bytes=channel.limit_in_bytes)
            delivery = send_message(channel, title, body, html=channel.email)
            failed = failed or not delivery.ok
            click.echo(f"{channel.label}: {'sent' if delivery.ok else 'failed: ' + delivery.detail}")
        sys.exit(1 if failed else 0)
