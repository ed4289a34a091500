"""What the spider hands to the pipelines: one fetched article page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    source_id: str
    url: str
    canonical_url: str
    status: int
    body: bytes
    http_charset: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime
    analysis: dict[str, Any] | None = field(default=None)  # filled by AnalysePipeline


@dataclass
class ListPageItem:
    """A list page, feed or sitemap fetched in full: its validators allow a 304 next time."""

    source_id: str
    url: str
    canonical_url: str
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime
