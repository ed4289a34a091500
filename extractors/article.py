"""One page or text in, cleaned article plus deal facts out: the unit of work the
crawler farms out to worker processes (plain data in and out, so it pickles)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from extractors.page.clean import CleanOptions, CleanedPage, clean_html, clean_text
from extractors.deals import extract


def _facts(page: CleanedPage, published: dt.date | None) -> dict[str, Any]:
    when = page.published or published
    return extract(page.text, title=page.title, published=when).to_dict()


def analyse_page(
    raw: bytes,
    *,
    url: str | None = None,
    http_charset: str | None = None,
    crawled: dt.date | None = None,
    clean_options: dict[str, Any] | None = None,
    published: dt.date | None = None,
) -> dict[str, Any]:
    """Clean raw page bytes and extract facts; returns {'page': {...}, 'facts': {...}}."""
    options = CleanOptions(
        content_xpath=(clean_options or {}).get("content_xpath"),
        prune_xpaths=tuple((clean_options or {}).get("prune_xpaths") or ()),
        include_tables=(clean_options or {}).get("include_tables", True),
    )
    started = time.process_time()
    page = clean_html(raw, url=url, http_charset=http_charset, crawled=crawled, options=options)
    cleaned = time.process_time()
    facts = _facts(page, published)
    timings = {"clean_s": cleaned - started, "extract_s": time.process_time() - cleaned}
    return {"page": page.to_dict(), "facts": facts, "timings": timings}


def analyse_text(
    text: str, *, url: str | None = None, published: dt.date | None = None
) -> dict[str, Any]:
    """The same for text that may carry page debris (the seed files, pasted articles)."""
    page = clean_text(text, url=url)
    return {"page": page.to_dict(), "facts": _facts(page, published)}
