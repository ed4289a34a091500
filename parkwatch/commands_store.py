"""CLI commands over the store: demo, crawl, deals, status, alerts, reextract."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click
from sqlalchemy import select

from parkwatch import commands_review
from parkwatch.config import SEEDS_DIR, Config
from parkwatch.output import default_format, emit

DEMO_SUBSCRIPTIONS = SEEDS_DIR / "demo-subscriptions.yaml"
FACT_COLUMNS = ("path", "lang", "is_deal", "amount", "projects", "province", "city", "park",
                "event", "event_date")
DEAL_COLUMNS = ("id", "event_date", "amount", "projects", "province", "city", "park", "event",
                "parties", "articles")


def amount_text(amount: dict[str, Any] | None) -> str:
    if not amount:
        return ""
    marks = {"over": ">", "about": "~", "nearly": "<~", "at_least": ">=", "exact": ""}
    return f"{marks.get(amount.get('qualifier') or 'exact', '')}{amount['value']:g}亿 {amount.get('currency') or ''}".strip()


def facts_row(record: dict[str, Any]) -> dict[str, Any]:
    place = record.get("place") or {}
    return {"path": record.get("path"), "lang": record.get("lang"), "is_deal": record.get("is_deal"),
            "amount": amount_text(record.get("amount")), "projects": record.get("project_count"),
            "province": place.get("province"), "city": place.get("city"),
            "park": place.get("park") or place.get("district"), "event": record.get("event_type"),
            "event_date": record.get("event_date")}


def deal_row(record: dict[str, Any]) -> dict[str, Any]:
    place = record.get("place") or {}
    return {"id": record["id"], "event_date": record.get("event_date"),
            "amount": amount_text(record.get("amount")), "projects": record.get("project_count"),
            "province": place.get("province"), "city": place.get("city"),
            "park": place.get("park") or place.get("district"), "event": record.get("event_type"),
            "parties": record.get("parties"), "articles": len(record.get("articles") or [])}


def open_store(config: Config):  # type: ignore[no-untyped-def]
    from store.session import Store

    from alerts.redaction import redact

    try:
        return Store(config.database_url)
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear message
        # Neither the URL nor the driver's text may show the password.
        shown = shown_db_url(config.database_url)
        raise click.ClickException(redact(f"cannot open the database {shown}: {exc}")) from None


def shown_db_url(url: str) -> str:
    """The database URL with its password hidden, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown through the redactor only
        from alerts.redaction import redact

        return redact(url)


def print_deals(config: Config, fmt: str, *, since: dt.date | None = None,
                min_amount: float | None = None, region: str | None = None) -> int:
    from store.queries import deal_to_dict, list_deals

    store = open_store(config)
    with store.session() as session:
        records = [deal_to_dict(d) for d in list_deals(session, since=since, min_amount=min_amount,
                                                       region=region)]
    store.close()
    emit(records, fmt, table_rows=[deal_row(r) for r in records], columns=DEAL_COLUMNS)
    return len(records)


def load_subscribers(path: Path | None, extra_urls: list[str] | None = None):  # type: ignore[no-untyped-def]
    from alerts.subscriptions import SubscriptionError, load_subscriptions

    if path is None:
        return []
    try:
        subscribers = load_subscriptions(path)
    except SubscriptionError as exc:
        raise click.ClickException(str(exc)) from exc
    if extra_urls:
        subscribers = [s.model_copy(update={"urls": [*s.urls, *extra_urls]}) for s in subscribers]
    return subscribers


# How many of a run's failed URLs `crawl` and `status` print.
FAILURES_SHOWN = 5


# Failed fetches first, then skipped pages, then refused links (often many, and expected).
KIND_ORDER = {"refused": 2, "not-html": 1}


def shown_failures(failures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The few failures to print: fetch failures before skips and refusals, in run order."""
    return sorted(failures, key=lambda f: KIND_ORDER.get(f["kind"], 0))[:FAILURES_SHOWN]


def kind_counts(failures: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for failure in failures:
        counts[failure["kind"]] = counts.get(failure["kind"], 0) + 1
    return ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def failures_text(report: dict[str, Any]) -> str:
    """A run's failed and skipped URLs: the count by kind, then the first few."""
    failures = report.get("failures") or []
    if not failures:
        return ""
    lines = [f"  {len(failures)} URL(s) failed or skipped ({kind_counts(failures)}), first ones:"]
    lines += [f"    {f['kind']:<10} {f['url']}: {f['reason']}" for f in shown_failures(failures)]
    return "\n".join(lines)


def register(main: click.Group, format_option: Any) -> None:
    """Attach the store commands to the root group."""

    @main.command()
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
                  help="SQLite file for the demo (default: the configured database).")
    @click.option("--notify", "notify", multiple=True, help="Extra apprise URL for every demo alert.")
    @format_option
    @click.pass_obj
    def demo(config: Config, db_path: str | None, notify: tuple[str, ...], fmt: str | None) -> None:
        """Serve the offline demo site on 127.0.0.1, crawl it, store, alert to the console, list deals."""
        from alerts.outbox import flush_due
        from parkwatch.crawl import CrawlError, run_crawl
        from parkwatch.demosite import DemoServer

        if db_path:
            config = config.model_copy(update={"db_path": Path(db_path), "db_url": None})
        fmt = fmt or default_format()
        store = open_store(config)
        click.echo(f"Database: {shown_db_url(config.database_url)}", err=True)
        with DemoServer() as server:
            click.echo(f"Demo site: {server.base_url}/ (crawling the demo sources)", err=True)
            try:
                outcome = run_crawl(config, demo_base=server.base_url,
                                    subscriptions=DEMO_SUBSCRIPTIONS, fast=True)
            except CrawlError as exc:
                raise click.ClickException(str(exc)) from exc
        for report in outcome.reports:
            click.echo(f"  {report['source']}: {report.get('list_pages', 0)} list pages, "
                       f"{report.get('new_links', 0)} new article links, "
                       f"{report.get('new_articles', 0)} new articles, "
                       f"{report.get('new_deals', 0)} new deals"
                       + (f" ({report['message']})" if report.get("message") else ""), err=True)
        subscribers = load_subscribers(DEMO_SUBSCRIPTIONS, list(notify) + list(config.notify))
        report = flush_due(store, subscribers)
        store.close()
        new_articles, new_deals = outcome.total("new_articles"), outcome.total("new_deals")
        if new_articles == 0:
            click.echo("Nothing new: every article on the demo site is already stored; "
                       f"no new deals, {report.sent} alerts sent.", err=True)
        else:
            click.echo(f"Stored {new_articles} new articles, {new_deals} new deals; "
                       f"{report.sent} alerts sent, {report.failed} to retry.", err=True)
        for detail in report.details:
            click.echo(f"  alert not delivered: {detail}", err=True)
        click.echo("", err=True)
        print_deals(config, fmt)

    @main.command()
    @click.pass_obj
    def run(config: Config) -> None:
        """The unattended service: scheduled crawls, alert delivery, until SIGTERM or SIGINT."""
        from alerts.subscriptions import SubscriptionError
        from crawler.sources import SourceError
        from parkwatch.scheduler import run_service

        open_store(config).close()
        try:
            code = run_service(config)
        except (SourceError, SubscriptionError) as exc:
            raise click.ClickException(str(exc)) from None
        sys.exit(code)

    @main.command()
    @click.option("--source", "sources", multiple=True, help="Source id (repeatable; default: all enabled).")
    @click.pass_obj
    def crawl(config: Config, sources: tuple[str, ...]) -> None:
        """One crawl now of the named sources, then extract, store and queue alerts."""
        from parkwatch.crawl import CrawlError, run_crawl
        from parkwatch.health import check_sources

        open_store(config).close()
        try:
            outcome = run_crawl(config, sources=list(sources), subscriptions=config.subscriptions)
        except CrawlError as exc:
            raise click.ClickException(str(exc)) from exc
        for skipped in outcome.skipped:
            click.echo(f"{skipped}: skipped, another crawl of it is running")
        for message in outcome.invalid.values():
            click.echo(f"source file skipped:\n{message}", err=True)
        store = open_store(config)
        check_sources(store, [r["source"] for r in outcome.reports], config.ops_failure_threshold,
                      config.ops_notify)
        store.close()
        for report in outcome.reports:
            click.echo(f"{report['source']}: {report['status']}, {report.get('new_articles', 0)} new "
                       f"articles, {report.get('new_deals', 0)} new deals, {report.get('errors', 0)} errors"
                       + (f" ({report['message']})" if report.get("message") else ""))
            if report.get("failures"):
                click.echo(failures_text(report))
        if outcome.invalid:
            sys.exit(1)

    commands_review.register(main, format_option)  # deals (filtered), articles, review

    @main.command()
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
    @click.pass_obj
    def status(config: Config, fmt: str) -> None:
        """Per source: last run, result, new articles, consecutive failures; the alert outbox."""
        import json

        from alerts.outbox import outbox_counts
        from crawler.sources import SourceError, scan_sources
        from parkwatch.health import failure_streak
        from store.models import CrawlRun, CrawlRunError, Source

        try:
            invalid = scan_sources(Path(config.sources_dir)).problems
        except SourceError as exc:
            invalid = {"(sources_dir)": str(exc)}
        store = open_store(config)
        rows, failed_urls = [], {}
        with store.session() as session:
            for source in session.scalars(select(Source).order_by(Source.id)):
                runs = session.scalars(select(CrawlRun).where(CrawlRun.source_id == source.id)
                                       .order_by(CrawlRun.id.desc()).limit(50)).all()
                failures, _ = failure_streak(session, source.id)
                last = runs[0] if runs else None
                if last is not None:  # at most failures.MAX_RECORDS_PER_RUN rows
                    failed_urls[source.id] = [
                        {"kind": e.kind, "url": e.url, "reason": e.reason}
                        for e in session.scalars(select(CrawlRunError).where(CrawlRunError.run_id == last.id)
                                                 .order_by(CrawlRunError.id))]
                rows.append({"source": source.id, "enabled": source.enabled and source.id not in invalid,
                             "last_run": last.started_at.isoformat(timespec="seconds") + "Z" if last else None,
                             "result": "invalid" if source.id in invalid else (last.status if last else None),
                             "new_articles": last.new_articles if last else None,
                             "errors": last.errors if last else None,
                             "consecutive_failures": failures,
                             "next_run": source.next_run_at.isoformat(timespec="seconds") + "Z" if source.next_run_at else None,
                             "message": last.message if last else None,
                             "worker": last.worker if last else None})
            outbox = outbox_counts(session)
        store.close()
        known = {r["source"] for r in rows}
        rows += [{"source": stem, "enabled": False, "last_run": None, "result": "invalid",
                  "new_articles": None, "errors": None, "consecutive_failures": 0, "next_run": None,
                  "message": message.splitlines()[0], "worker": None}
                 for stem, message in invalid.items() if stem not in known]
        if fmt == "json":
            click.echo(json.dumps({"sources": rows, "invalid_sources": invalid,
                                   "failures": failed_urls, "outbox": outbox},
                                  ensure_ascii=False, indent=2))
            return
        emit(rows, "table", columns=("source", "last_run", "result", "new_articles", "errors",
                                     "consecutive_failures", "next_run", "message"))
        for source_id, failures in failed_urls.items():
            if failures:
                click.echo(f"\n{source_id}: last run's failed or skipped URLs: {len(failures)} "
                           f"({kind_counts(failures)}); first ones:")
                click.echo("\n".join(f"  {f['kind']:<10} {f['url']}: {f['reason']}"
                                      for f in shown_failures(failures)))
        for message in invalid.values():
            click.echo(f"\ninvalid source file (not crawled until fixed):\n{message}")
        click.echo("\noutbox: " + ", ".join(f"{k} {v}" for k, v in outbox.items()))

    from parkwatch import commands_alerts

    commands_alerts.register(main, format_option)

    @main.command()
    @click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
                  help="Only pages fetched since DATE.")
    @click.pass_obj
    def reextract(config: Config, since: dt.datetime | None) -> None:
        """Re-run cleaning and extraction over stored raw pages; changed deals become corrections."""
        from parkwatch.reextract import reextract_all

        store = open_store(config)
        counts = reextract_all(store, config, since=since)
        store.close()
        click.echo(", ".join(f"{k} {v}" for k, v in counts.items()))

