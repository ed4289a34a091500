"""Log lines about items that never carry the item: a page item holds the whole page body,
and Scrapy's default formatter writes it out on every scraped, dropped or failed item."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


def describe(item: Any) -> str:
    """What identifies an item in a log line: its class and URL, never its body."""
    return f"{type(item).__name__} {getattr(item, 'url', '?')}"


class PageLogFormatter(LogFormatter):
    """Scraped items are not logged here (StorePipeline logs one line per stored page)."""

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult | None:  # type: ignore[override]
        return None

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        return {"level": logging.WARNING, "msg": "Dropped %(item)s: %(exception)s",
                "args": {"item": describe(item), "exception": exception}}

    def item_error(self, item: Any, exception: BaseException, response: Response | Failure | None,
                   spider: Spider) -> LogFormatterResult:
        return {"level": logging.ERROR, "msg": "Error processing %(item)s",
                "args": {"item": describe(item)}}
