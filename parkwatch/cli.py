"""The `parkwatch` command."""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import sys
from pathlib import Path
from typing import Any

import click

from parkwatch import commands_sources, commands_store
from parkwatch.config import ConfigError, load_config
from parkwatch.output import FORMATS, default_format, emit

logger = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def format_option(func: Any) -> Any:
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                        help="Output format (default: table on a terminal, jsonl otherwise).")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: ./parkwatch.toml or $PARKWATCH_CONFIG).")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """ParkWatch: watches industrial-park and news sites for investment deals."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        ctx.obj = load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    if verbose:
        ctx.obj.log_level = logging.getLevelName(level)


def _read_input(path: str) -> tuple[bytes | str, bool]:
    """(content, is_html): HTML as raw bytes, anything else as UTF-8 text."""
    if path == "-":
        return sys.stdin.read(), False
    file = Path(path)
    is_html = file.name.lower().endswith(HTML_SUFFIXES)
    data = file.read_bytes()
    if is_html:
        return (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data), True
    return data.decode("utf-8"), False


def _analyse_paths(paths: tuple[str, ...], url: str | None, published: dt.date | None):
    from extractors.article import analyse_page, analyse_text

    for path in paths:
        try:
            content, is_html = _read_input(path)
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"parkwatch: cannot read {path}: {exc}", err=True)
            yield path, None
            continue
        if is_html:
            yield path, analyse_page(content, url=url, published=published)  # type: ignore[arg-type]
        else:
            yield path, analyse_text(content, url=url, published=published)  # type: ignore[arg-type]


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Publish date when the input has none; anchors relative dates.")
@click.option("--url", default=None, help="The page's address, when known.")
@format_option
def extract(paths: tuple[str, ...], published: dt.datetime | None, url: str | None,
            fmt: str | None) -> None:
    """Extract deal facts from saved pages (.html) or texts (anything else, '-' for stdin)."""
    fmt = fmt or default_format()
    failed = False
    records, rows = [], []
    for path, result in _analyse_paths(paths, url, published.date() if published else None):
        if result is None:
            failed = True
            continue
        facts, page = result["facts"], result["page"]
        record = {"path": path, **facts}
        record["title"] = page.get("title") or facts.get("title")
        record["published"] = page.get("published") or facts.get("published")
        records.append(record)
        rows.append(commands_store.facts_row(record))
        if fmt == "jsonl":
            emit([record], fmt)
            records, rows = [], []
    if fmt != "jsonl":
        emit(records, fmt, table_rows=rows, columns=commands_store.FACT_COLUMNS)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--url", default=None, help="The page's address, when known (dates, per-source rules).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default=None,
              help="jsonl (default when not a terminal) or the plain text.")
def clean(paths: tuple[str, ...], url: str | None, fmt: str | None) -> None:
    """Show what the cleaner keeps of pages (.html) or texts with page debris."""
    from extractors.page.clean import clean_html, clean_text

    fmt = fmt or ("text" if sys.stdout.isatty() else "jsonl")
    failed = False
    for path in paths:
        try:
            content, is_html = _read_input(path)
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"parkwatch: cannot read {path}: {exc}", err=True)
            failed = True
            continue
        page = clean_html(content, url=url) if is_html else clean_text(content, url=url)  # type: ignore[arg-type]
        record = {"path": path, **page.to_dict()}
        if fmt == "jsonl":
            emit([record], "jsonl")
        else:
            click.echo(f"== {path}\n{record.get('title') or ''}\n{record.get('published') or ''}\n\n{record['text']}\n")
    sys.exit(1 if failed else 0)


commands_store.register(main, format_option)
commands_sources.register(main, format_option)  # sources add|check|list|enable|disable

if __name__ == "__main__":
    main()
