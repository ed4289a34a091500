"""The `parkwatch sources` group: add a source from a URL, check it with a dry run, list,
enable and disable sources (files in seeds/sources/, or sources_dir of the config)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from parkwatch.config import REPO_ROOT, Config
from parkwatch.output import default_format, emit

LANGUAGES = ("zh-Hans", "zh-Hant", "ja", "en")
LIST_COLUMNS = ("id", "name", "kind", "enabled", "schedule", "last_run", "result", "new_7d", "failures")
EXAMPLES = 5
ENABLED_RE = re.compile(r"^enabled:\s*(true|false)\s*$", re.MULTILINE)


def _sources_dir(config: Config) -> Path:
    return Path(config.sources_dir)


def _scan(config: Config) -> tuple[list[Any], dict[str, str]]:
    """(valid sources, file stem -> error of each invalid file); a bad file blocks nothing."""
    from crawler.sources import SourceError, load_source

    directory = _sources_dir(config)
    if not directory.is_dir():
        raise click.ClickException(f"{directory}: sources directory not found; set sources_dir in parkwatch.toml")
    sources, problems = [], {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            sources.append(load_source(path))
        except SourceError as exc:
            problems[path.stem] = str(exc)
    return sources, problems


def _find(config: Config, source_id: str) -> tuple[Any, Path]:
    from crawler.sources import SourceError, load_source

    path = _sources_dir(config) / f"{source_id}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in _sources_dir(config).glob("*.yaml")))
        raise click.ClickException(f"no source {source_id!r} in {_sources_dir(config)} (known: {known})")
    try:
        return load_source(path), path
    except SourceError as exc:
        raise click.ClickException(str(exc)) from exc


def _read_store(config: Config):  # type: ignore[no-untyped-def]
    """The store if it exists already (a SQLite file is never created just to be read)."""
    from store.session import Store

    if config.db_url is None and not Path(config.db_path).is_file():
        return None
    try:
        return Store(config.database_url, migrate=False)
    except Exception as exc:  # noqa: BLE001 - any driver error: the listing goes on without the store
        click.echo(f"parkwatch: store not read ({exc.__class__.__name__}); run columns left empty", err=True)
        return None


def _schedule_text(source: Any) -> str:
    s = source.schedule
    if s.cron:
        return f"cron {s.cron}"
    if s.interval_minutes:
        return f"every {s.interval_minutes} min"
    return f"every {s.interval_seconds} s"


def _loopback(urls: list[str]) -> bool:
    for url in urls:
        host = urlsplit(url).hostname or ""
        try:
            if not ipaddress.ip_address(host).is_loopback:
                return False
        except ValueError:
            if host != "localhost":
                return False
    return True


def register(main: click.Group, format_option: Any) -> None:
    """Attach the `sources` group to the root group."""

    @main.group()
    def sources() -> None:
        """Add a source from a URL, check it with a dry run, list, enable or disable sources."""

    @sources.command("add")
    @click.argument("url")
    @click.option("--id", "source_id", help="Source id (default: from the host name).")
    @click.option("--name", help="Display name (default: from the page title).")
    @click.option("--language", type=click.Choice(LANGUAGES), help="Language (default: detected).")
    @click.option("--kind", type=click.Choice(("html", "rss", "sitemap")),
                  help="Force how to follow the site (default: detected).")
    @click.option("--dry-run", is_flag=True, help="Print the source file instead of writing it.")
    @click.option("--allow-private", is_flag=True,
                  help="The site is on loopback or a private network (sets allow_private).")
    @click.pass_obj
    def sources_add(config: Config, url: str, source_id: str | None, name: str | None,
                    language: str | None, kind: str | None, dry_run: bool, allow_private: bool) -> None:
        """Fetch URL (robots.txt, address guard, size limit, User-Agent), find its articles
        and pagination, or its feed or sitemap, and write seeds/sources/<id>.yaml."""
        from crawler.discovery.fetch import FetchError, Fetcher
        from crawler.discovery.propose import DiscoveryError, propose

        if not url.startswith(("http://", "https://")):
            raise click.ClickException(f"{url!r} is not an http:// or https:// URL")
        directory = _sources_dir(config)
        existing = _scan(config)[0] if directory.is_dir() else []
        same = [s.id for s in existing if url in s.start_urls]
        if same and not dry_run:
            raise click.ClickException(f"{url} is already the start URL of source {same[0]}")
        if source_id and (directory / f"{source_id}.yaml").exists() and not dry_run:
            raise click.ClickException(f"{directory / (source_id + '.yaml')} exists; choose another --id")
        host = urlsplit(url).hostname or ""
        fetcher = Fetcher(user_agent=config.user_agent, private_hosts=(host,) if allow_private else ())
        if _loopback([url]):
            fetcher.delay = 0  # a local site: no politeness delay is owed to ourselves
        try:
            proposal = propose(url, fetcher, source_id=source_id, name=name, language=language, kind=kind,
                               allow_private=allow_private,
                               taken_ids={p.stem for p in directory.glob("*.yaml")})
        except (FetchError, DiscoveryError) as exc:
            raise click.ClickException(str(exc)) from exc
        except ValueError as exc:  # the proposal failed validation: a bug, said plainly
            raise click.ClickException(f"the proposed source is not valid: {exc}") from exc
        text = proposal.yaml_text()
        for note in proposal.notes + [c.split("note: ", 1)[1] for c in proposal.comments if "note: " in c]:
            click.echo(f"note: {note}", err=True)
        found = proposal.articles
        click.echo(f"{proposal.fields['kind']} source, {proposal.confidence}: {len(found)} article links found "
                   f"over {len(fetcher.fetched)} requests; examples:", err=True)
        for item in found[:EXAMPLES]:
            click.echo(f"  {item.url}  {item.title[:40]}", err=True)
        if dry_run:
            click.echo(text, nl=False)
            return
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{proposal.fields['id']}.yaml"
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path}; next: parkwatch sources check {proposal.fields['id']}", err=True)
        click.echo(proposal.fields["id"])

    @sources.command("check")
    @click.argument("source_id", metavar="ID")
    @click.option("--samples", type=click.IntRange(0, 20), default=3, show_default=True,
                  help="Articles fetched, cleaned and extracted.")
    @click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
                  help="text (default) or the whole report as JSON.")
    @click.pass_obj
    def sources_check(config: Config, source_id: str, samples: int, fmt: str) -> None:
        """Dry run of one source through the real spider; stores nothing. Exits 1 when the
        source would fetch no article."""
        from crawler.urls import canonical_url  # noqa: F401 - the report carries canonical URLs

        source, path = _find(config, source_id)
        report = _run_check(config, source, path, samples)
        known = _stored_urls(config, source.id)
        for link in report["links"]:
            link["new"] = link["canonical_url"] not in known
        if fmt == "json":
            click.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        else:
            _print_check(report)
        fetched = [a for a in report["articles"] if "text_chars" in a]
        sys.exit(0 if report["links"] and (fetched or samples == 0) else 1)

    @sources.command("list")
    @format_option
    @click.pass_obj
    def sources_list(config: Config, fmt: str | None) -> None:
        """Every source: id, name, kind, enabled, schedule, last run, result, new articles in
        the last 7 days, consecutive failures."""
        valid, problems = _scan(config)
        rows = [{"id": s.id, "name": s.name, "kind": s.kind, "enabled": s.enabled,
                 "schedule": _schedule_text(s), "last_run": None, "result": None, "new_7d": None,
                 "failures": None} for s in valid]
        rows += [{"id": stem, "name": "(invalid file)", "kind": None, "enabled": False, "schedule": None,
                  "last_run": None, "result": "invalid", "new_7d": None, "failures": None} for stem in problems]
        rows.sort(key=lambda r: r["id"])
        for message in problems.values():
            click.echo(f"parkwatch: {message.splitlines()[0]} (see `parkwatch sources check`)", err=True)
        store = _read_store(config)
        if store is not None:
            try:
                _fill_runs(store, rows)
            finally:
                store.close()
        emit(rows, fmt or default_format(), columns=LIST_COLUMNS)

    @sources.command("enable")
    @click.argument("source_id", metavar="ID")
    @click.pass_obj
    def sources_enable(config: Config, source_id: str) -> None:
        """Enable a source: `parkwatch crawl` includes it again, `parkwatch run` from its next start."""
        _set_enabled(config, source_id, True)

    @sources.command("disable")
    @click.argument("source_id", metavar="ID")
    @click.pass_obj
    def sources_disable(config: Config, source_id: str) -> None:
        """Disable a source: left out of `parkwatch crawl` (without --source), and of
        `parkwatch run` from its next start."""
        _set_enabled(config, source_id, False)


def _run_check(config: Config, source: Any, path: Path, samples: int) -> dict[str, Any]:
    from contextlib import ExitStack

    cmd = [sys.executable, "-m", "crawler.discovery.dryrun", "--source-file", str(path.resolve()),
           "--samples", str(samples), "--user-agent", config.user_agent]
    with ExitStack() as stack:
        if source.demo:
            from parkwatch.demosite import DemoServer

            server = stack.enter_context(DemoServer())
            cmd += ["--demo-base", server.base_url, "--fast"]
        elif _loopback(source.start_urls):
            cmd.append("--fast")  # a local site: no politeness delay is owed to ourselves
        try:
            proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True,
                                  timeout=config.crawl_timeout_seconds)
        except subprocess.TimeoutExpired:
            raise click.ClickException(f"check of {source.id} timed out after "
                                       f"{config.crawl_timeout_seconds} s") from None
    line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith("{")), None)
    if proc.returncode != 0 or line is None:
        tail = "\n".join(proc.stderr.strip().splitlines()[-10:])
        raise click.ClickException(f"check of {source.id} failed (exit {proc.returncode}):\n{tail}")
    return json.loads(line)


def _stored_urls(config: Config, source_id: str) -> set[str]:
    from sqlalchemy import select

    from store.models import Page

    store = _read_store(config)
    if store is None:
        return set()
    try:
        with store.session() as session:
            return set(session.scalars(select(Page.canonical_url).where(
                Page.source_id == source_id, Page.kind == "article")))
    except Exception as exc:  # noqa: BLE001 - an unmigrated or foreign database: everything is new
        click.echo(f"parkwatch: stored pages not read ({exc.__class__.__name__}); every link counts as new", err=True)
        return set()
    finally:
        store.close()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _deal_text(article: dict[str, Any]) -> str:
    from parkwatch.commands_store import amount_text

    if not article.get("is_deal"):
        return "no deal"
    place = article.get("place") or {}
    where = place.get("park") or place.get("district") or place.get("city") or place.get("province") or "?"
    return (f"{amount_text(article.get('amount')) or 'no amount'}, {where}, {article.get('event_type') or '?'}"
            + (f", {_count(article['project_count'], 'project')}" if article.get("project_count") else ""))


def _print_check(report: dict[str, Any]) -> None:
    echo = click.echo
    links = report["links"]
    new = sum(1 for link in links if link["new"])
    echo(f"source {report['source']} ({report['kind']}): dry run, nothing stored")
    echo(f"list pages fetched: {len(report['list_pages'])}")
    for page in report["list_pages"]:
        echo(f"  {page['status']} {page['url']}  {_count(page.get('article_links', 0), 'article link')}"
             + (f", next {page['next']}" if page.get("next") else ""))
    echo(f"article links found: {len(links)}, new: {new}")
    for link in links[:EXAMPLES]:
        echo(f"  {link['url']}  {link['text'][:40]}")
    echo(f"articles sampled: {len(report['articles'])}")
    for article in report["articles"]:
        if "text_chars" not in article:
            echo(f"  {article['url']}: {article.get('error', 'not analysed')}")
            continue
        echo(f"  {article['url']}\n    title: {article.get('title')}\n    published: {article.get('published')}"
             f"\n    text: {article['text_chars']} characters ({article.get('encoding')}, {article.get('lang')})"
             f"\n    deal: {_deal_text(article)}")
    warnings = report["warnings"] + ([] if links else ["no article link found: this source would fetch nothing"])
    echo(f"warnings: {len(warnings)}" + ("" if warnings else " (none)"))
    for warning in warnings:
        echo(f"  - {warning}")


def _fill_runs(store: Any, rows: list[dict[str, Any]]) -> None:
    from sqlalchemy import func, select

    from parkwatch.health import failure_streak
    from store.models import Article, CrawlRun

    since = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=7)
    try:
        with store.session() as session:
            for row in rows:
                last = session.scalar(select(CrawlRun).where(CrawlRun.source_id == row["id"])
                                      .order_by(CrawlRun.id.desc()).limit(1))
                if last is None:
                    continue
                row["last_run"] = last.started_at.isoformat(timespec="seconds") + "Z"
                row["result"] = last.status
                row["new_7d"] = session.scalar(select(func.count(Article.id)).where(
                    Article.source_id == row["id"], Article.created_at >= since))
                row["failures"] = failure_streak(session, row["id"])[0]
    except Exception as exc:  # noqa: BLE001 - an unmigrated database: the listing goes on without runs
        click.echo(f"parkwatch: runs not read ({exc.__class__.__name__})", err=True)


def _set_enabled(config: Config, source_id: str, enabled: bool) -> None:
    from crawler.sources import SourceError, load_source

    source, path = _find(config, source_id)
    text = path.read_text(encoding="utf-8")
    value = "true" if enabled else "false"
    if source.enabled == enabled:
        click.echo(f"{source_id} is already {'enabled' if enabled else 'disabled'}")
        return
    new_text, count = ENABLED_RE.subn(f"enabled: {value}", text)
    if count != 1:
        new_text = text.rstrip("\n") + f"\nenabled: {value}\n"
    path.write_text(new_text, encoding="utf-8")
    try:
        load_source(path)
    except SourceError as exc:  # never leave a file the crawler cannot read
        path.write_text(text, encoding="utf-8")
        raise click.ClickException(f"{path} not changed: {exc}") from exc
    store = _read_store(config)
    if store is not None:
        from store.models import Source

        try:
            with store.session() as session:
                row = session.get(Source, source_id)
                if row is not None:
                    row.enabled = enabled
        except Exception as exc:  # noqa: BLE001 - the file is what counts; the row follows on the next run
            click.echo(f"parkwatch: stored source row not updated ({exc.__class__.__name__})", err=True)
        finally:
            store.close()
    click.echo(f"{source_id} {'enabled' if enabled else 'disabled'} ({path}); `parkwatch crawl` follows it "
               "now, a running `parkwatch run` at its next start")
