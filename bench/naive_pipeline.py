"""The naive baseline for bench/pipeline.py: one process, Scrapy + trafilatura + SQLite,
each page cleaned and committed inline in the spider callback.

    python bench/naive_pipeline.py --start URL... --allow REGEX --next CSS --db FILE
"""

from __future__ import annotations

import argparse
import sqlite3

import scrapy
import trafilatura
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor


class NaiveSpider(scrapy.Spider):
    name = "naive"

    def __init__(self, start: list[str], allow: list[str], next_css: list[str], db: str, **kw):  # type: ignore[no-untyped-def]
        super().__init__(**kw)
        self.start_list = start
        self.links = LinkExtractor(allow=allow)
        self.next_css = next_css
        self.conn = sqlite3.connect(db)
        self.conn.execute("CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, text TEXT)")

    async def start(self):  # type: ignore[no-untyped-def]
        for url in self.start_list:
            yield scrapy.Request(url, callback=self.parse_list)

    def parse_list(self, response):  # type: ignore[no-untyped-def]
        for link in self.links.extract_links(response):
            yield scrapy.Request(link.url, callback=self.parse_article)
        nxt = next(filter(None, (response.css(c).get() for c in self.next_css)), None)
        if nxt:
            yield scrapy.Request(response.urljoin(nxt), callback=self.parse_list)

    def parse_article(self, response):  # type: ignore[no-untyped-def]
        text = trafilatura.extract(response.body) or ""
        self.conn.execute("INSERT OR REPLACE INTO pages VALUES (?, ?)", (response.url, text))
        self.conn.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start", action="append", required=True)
    parser.add_argument("--allow", action="append", required=True)
    parser.add_argument("--next", action="append", required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    process = CrawlerProcess({"LOG_LEVEL": "WARNING", "CONCURRENT_REQUESTS": 16,
                              "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "ROBOTSTXT_OBEY": False,
                              "TELNETCONSOLE_ENABLED": False})
    process.crawl(NaiveSpider, start=args.start, allow=args.allow, next_css=args.next, db=args.db)
    process.start()


if __name__ == "__main__":
    main()
