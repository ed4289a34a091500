"""`parkwatch sources check`: one source through the real spider, storing nothing.

    python -m crawler.discovery.dryrun --sources-dir DIR --source ID [--demo-base URL] [--samples N]

The list pages are walked exactly as a crawl walks them (same spider, settings, robots.txt,
guard and pagination); of the article links found only the first N are fetched, and they
are cleaned and extracted in this process instead of being stored. Prints one JSON report."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.settings import Settings

from crawler import settings as default_settings
from crawler.discovery import feeds
from crawler.items import ListPageItem, PageItem
from crawler.sources import SourceError, load_source
from crawler.spiders.source import SourceSpider, http_charset
from extractors.page.encoding import declared_charsets, normalize_charset

logger = logging.getLogger(__name__)

# Cleaned text shorter than this (characters) suggests the wrong content container.
SHORT_TEXT_CHARS = 120
SAMPLES = 3


class CheckSpider(SourceSpider):
    """The source spider with list items dropped and only `samples` articles fetched."""

    def __init__(self, *args: Any, samples: int = SAMPLES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.samples = samples
        self.list_pages: list[dict[str, Any]] = []
        self.links: list[dict[str, str]] = []
        self.articles: list[dict[str, Any]] = []
        self.errors: list[dict[str, str]] = []

    def _anchors(self, response: Response) -> dict[str, str]:
        if self.source.kind == "rss":
            return {i.url: i.title for i in feeds.feed_items(response.body, response.url)}
        if self.source.kind == "sitemap":
            return {i.url: i.title for i in feeds.read_sitemap(response.body).items}
        if not hasattr(response, "text"):
            return {}
        return {link.url: " ".join(link.text.split()) for link in self.link_extractor.extract_links(response)}

    def parse_list(self, response: Response) -> Iterator[Any]:
        before = self.stats_counts["article_links"]
        page: dict[str, Any] = {"url": response.url, "status": response.status, "next": None,
                                "charset_header": http_charset(response),
                                "encoding": getattr(response, "encoding", None),
                                "charset_declared": bool(declared_charsets(response.body))}
        anchors = self._anchors(response) if response.status == 200 else {}
        for out in super().parse_list(response):
            if isinstance(out, ListPageItem):
                continue  # a dry run stores nothing
            if isinstance(out, scrapy.Request) and out.callback == self.parse_article:
                self.links.append({"url": out.url, "canonical_url": out.meta["canonical_url"],
                                   "text": anchors.get(out.url, "")})
                if len(self.links) <= self.samples:
                    yield out
                continue
            if isinstance(out, scrapy.Request):
                page["next"] = out.url
            yield out
        page["article_links"] = self.stats_counts["article_links"] - before
        self.list_pages.append(page)

    def parse_article(self, response: Response) -> Iterator[Any]:
        from extractors.article import analyse_page

        for item in super().parse_article(response):
            if not isinstance(item, PageItem):
                continue
            record: dict[str, Any] = {"url": item.url, "status": item.status,
                                      "charset_header": item.http_charset,
                                      "charset_declared": bool(declared_charsets(item.body))}
            try:
                result = analyse_page(item.body, url=item.url, http_charset=item.http_charset,
                                      crawled=dt.date.today(), clean_options=self.source.clean.model_dump())
            except Exception as exc:  # noqa: BLE001 - a page that breaks the cleaner is reported, not fatal
                record["error"] = f"analysis failed: {exc}"
            else:
                page, facts = result["page"], result["facts"]
                record.update({"title": page.get("title"), "published": page.get("published"),
                               "encoding": page.get("encoding"), "lang": page.get("lang"),
                               "text_chars": len(page.get("text") or ""),
                               "text_head": (page.get("text") or "")[:200],
                               "is_deal": facts.get("is_deal"), "amount": facts.get("amount"),
                               "place": facts.get("place"), "event_type": facts.get("event_type"),
                               "project_count": facts.get("project_count")})
            self.articles.append(record)
        return
        yield

    def on_error(self, failure: Any) -> None:
        self.errors.append({"url": failure.request.url, "error": failure.getErrorMessage()[:300]})
        super().on_error(failure)


def _encoding_problem(record: dict[str, Any]) -> str | None:
    """Why the encoding was guessed: nothing declared one, or the header names another."""
    header, used = record.get("charset_header"), record.get("encoding")
    if not header and not record.get("charset_declared"):
        return f"{used}; neither the header nor the page declares one"
    if header and used and normalize_charset(header) != normalize_charset(used):
        return f"{used}; the header says {header}, the bytes are not"
    return None


def _encoding_warnings(records: list[dict[str, Any]], what: str) -> list[str]:
    problems = [(r["url"], p) for r in records if (p := _encoding_problem(r))]
    if not problems:
        return []
    return [f"encoding guessed on {len(problems)} of {len(records)} {what} ({problems[0][1]}), "
            f"e.g. {problems[0][0]}"]


def warnings_for(report: dict[str, Any], kind: str, selector: str | None, max_pages: int) -> list[str]:
    """The problems a check shows: robots.txt, pagination, identical or short articles, encodings."""
    out = []
    if report["robots_forbidden"]:
        out.append(f"robots.txt disallows {report['robots_forbidden']} request(s) of this source")
    pages = report["list_pages"]
    if kind == "html" and max_pages > 1 and len(pages) == 1 and not pages[0].get("next"):
        out.append("pagination not found: " + (f"next_selector {selector!r} matched nothing on the first page"
                                               if selector else "no next_selector; only the first page is read"))
    texts = [a.get("text_head") for a in report["articles"] if a.get("text_head")]
    if len(texts) >= 2 and len(set(texts)) == 1:
        out.append("every sampled article has the same text: article_allow may match one page "
                   "under many URLs, or the cleaner keeps only the site's chrome")
    for article in report["articles"]:
        if "text_chars" in article and article["text_chars"] < SHORT_TEXT_CHARS:
            out.append(f"text too short ({article['text_chars']} characters) on {article['url']}: "
                       "wrong container? set clean.content_xpath")
    if kind == "html":
        out += _encoding_warnings([p for p in pages if p.get("status") == 200], "list pages")
    out += _encoding_warnings([a for a in report["articles"] if "text_chars" in a], "sampled articles")
    for error in report["errors"]:
        out.append(f"{error['url']}: {error['error']}")
    return out


def build_settings(user_agent: str | None, fast: bool) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    settings.set("LOG_LEVEL", "ERROR", priority="cmdline")
    if user_agent:
        settings.set("USER_AGENT", user_agent, priority="cmdline")
    if fast:  # local sites only, as `crawler.run --fast`
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 16, priority="cmdline")
    return settings


def run_check(source_path: Path, demo_base: str | None, samples: int, user_agent: str | None,
              fast: bool) -> dict[str, Any]:
    source = load_source(source_path).resolved(demo_base)
    process = CrawlerProcess(build_settings(user_agent, fast), install_root_handler=False)
    crawler = process.create_crawler(CheckSpider)
    process.crawl(crawler, source=source, demo_base=demo_base, seen_urls=set(), resume=True,
                  samples=samples)
    process.start()
    spider: CheckSpider = crawler.spider  # type: ignore[assignment]
    order = {link["url"]: i for i, link in enumerate(spider.links)}
    spider.articles.sort(key=lambda a: order.get(a["url"], len(order)))  # list order, not arrival
    stats = crawler.stats.get_stats() if crawler.stats else {}
    failures = getattr(spider, "failures", None)
    report = {"source": source.id, "kind": source.kind, "start_urls": source.start_urls,
              "list_pages": spider.list_pages, "links": spider.links, "articles": spider.articles,
              "errors": spider.errors, "robots_forbidden": int(stats.get("robotstxt/forbidden", 0)),
              "failures": [f.as_dict() for f in failures.records] if failures is not None else [],
              "counts": spider.stats_counts}
    report["warnings"] = warnings_for(report, source.kind, source.pagination.next_selector,
                                      source.pagination.max_pages)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.discovery.dryrun", description=__doc__)
    parser.add_argument("--source-file", required=True, type=Path)
    parser.add_argument("--demo-base")
    parser.add_argument("--samples", type=int, default=SAMPLES)
    parser.add_argument("--user-agent")
    parser.add_argument("--fast", action="store_true", help="no delays (local sites only)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("scrapy").setLevel(logging.ERROR)
    try:
        report = run_check(args.source_file, args.demo_base, args.samples, args.user_agent, args.fast)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
