"""CLI commands for reviewing the store: `deals` (filtered), `articles`, `review` (web page)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from parkwatch.config import Config
from parkwatch.output import default_format, emit

DEFAULT_PORT = 8765
ARTICLE_COLUMNS = ("id", "published", "source", "lang", "deal", "title", "url")


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _withdraw():  # type: ignore[no-untyped-def]
    """Withdrawal of a wrong deal's pending alerts, as the alerts package does it."""
    from alerts.outbox import withdraw_pending

    return withdraw_pending


def deal_records(session, f) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The contract's deal records of the filtered view, corrections applied."""
    from store.queries import deal_to_dict, load_deal
    from store.review import apply_overrides, get_override, matching_ids

    records = []
    for deal_id in matching_ids(session, f)[1]:
        deal = load_deal(session, deal_id)
        if deal is not None:
            records.append(apply_overrides(deal_to_dict(deal), get_override(session, deal_id)))
    return records


def register(main: click.Group, format_option: Any) -> None:
    """Attach `deals`, `articles` and `review` to the root group."""

    @main.command()
    @click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only deals on or after DATE.")
    @click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only deals on or before DATE.")
    @click.option("--min-amount", type=float, default=None, help="Minimum amount in 亿元 CNY.")
    @click.option("--region", default=None, help="Province, city, district or park, hierarchical (四川 holds 成都高新区).")
    @click.option("--province", default=None, help="Exact province (四川).")
    @click.option("--city", default=None, help="Exact city (成都).")
    @click.option("--park", default=None, help="Park or district name (part of it is enough).")
    @click.option("--industry", default=None, help="Industry (part of its name is enough).")
    @click.option("--event-type", default=None, help="signing, groundbreaking, production, settlement, other.")
    @click.option("--source", default=None, help="Source id: deals reported by it.")
    @click.option("--state", type=click.Choice(["new", "confirmed", "wrong"]), default=None, help="Review state.")
    @click.option("--search", default=None, help="Full-text search in the reporting articles (Chinese or Japanese).")
    @click.option("--sort", type=click.Choice(["date", "date-asc", "amount", "amount-asc"]), default="date",
                  show_default=True, help="Newest or oldest first; largest or smallest amount first.")
    @format_option
    @click.pass_obj
    def deals(config: Config, since: dt.datetime | None, until: dt.datetime | None,
              min_amount: float | None, region: str | None, province: str | None, city: str | None,
              park: str | None, industry: str | None, event_type: str | None, source: str | None,
              state: str | None, search: str | None, sort: str, fmt: str | None) -> None:
        """Stored deals, newest first, with reviewers' corrections applied."""
        from parkwatch.commands_store import DEAL_COLUMNS, deal_row, open_store
        from store.review import DealFilter

        f = DealFilter(since=_date(since), until=_date(until), region=region, province=province,
                       city=city, park=park, min_amount=min_amount, industry=industry,
                       event_type=event_type, source=source, state=state, search=search, sort=sort)
        store = open_store(config)
        with store.session() as session:
            records = deal_records(session, f)
        store.close()
        emit(records, fmt or default_format(), table_rows=[deal_row(r) for r in records],
             columns=DEAL_COLUMNS)

    @main.command()
    @click.option("--search", default=None, help="Full-text search (Chinese or Japanese); best match first.")
    @click.option("--limit", type=int, default=50, show_default=True, help="At most this many articles.")
    @format_option
    @click.pass_obj
    def articles(config: Config, search: str | None, limit: int, fmt: str | None) -> None:
        """Stored articles matching a search (newest first without one)."""
        from parkwatch.commands_store import open_store
        from store.review import search_articles

        store = open_store(config)
        with store.session() as session:
            _, found = search_articles(session, search, limit=limit)
            records = [{"id": a.id, "published": a.published.isoformat() if a.published else None,
                        "source": a.source_id, "lang": a.lang, "deal": deal_id, "title": a.title,
                        "url": a.url} for a, deal_id in found]
        store.close()
        emit(records, fmt or default_format(), columns=ARTICLE_COLUMNS)

    @main.command()
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to bind; anything but loopback needs a token.")
    @click.option("--port", type=int, default=DEFAULT_PORT, show_default=True, help="Port to listen on.")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
                  help="SQLite file (default: the configured database).")
    @click.option("--token", envvar="PARKWATCH_REVIEW_TOKEN", default=None,
                  help="Password for the page (or $PARKWATCH_REVIEW_TOKEN); required off loopback.")
    @click.pass_obj
    def review(config: Config, host: str, port: int, db_path: str | None, token: str | None) -> None:
        """The review web page: browse, search, confirm or correct, export the deals."""
        import uvicorn

        from parkwatch.commands_store import open_store
        from review.app import create_app
        from review.security import UnsafeBindError, allowed_hosts_for, check_bind

        try:
            check_bind(host, token)
        except UnsafeBindError as exc:
            raise click.ClickException(str(exc)) from exc
        if db_path:
            config = config.model_copy(update={"db_path": Path(db_path), "db_url": None})
        store = open_store(config)
        from sqlalchemy import make_url

        shown_url = make_url(config.database_url).render_as_string(hide_password=True)
        click.echo(f"Review page: http://{host}:{port}/ (database {shown_url})", err=True)
        try:
            uvicorn.run(create_app(store, token=token or None, withdraw=_withdraw(),
                                   allowed_hosts=allowed_hosts_for(host)),
                        host=host, port=port, log_level="warning")
        finally:
            store.close()
