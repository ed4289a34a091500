"""Writes a fetched page, its article and its deal in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.dedup import find_same_event, lock_deals
from store.models import Article, Deal, DealMention, Page, Source, utcnow
from store.search import index_article, index_articles, index_columns

# A change of the headline amount above this share is a correction subscribers hear of.
MATERIAL_AMOUNT_CHANGE = 0.01
# zlib level for raw pages: fast, and still ~4x on HTML.
RAW_COMPRESSION_LEVEL = 3

# session.info key: ids of the pages this session inserted (they have no article yet).
NEW_PAGES_KEY = "parkwatch_new_pages"

DealHook = Callable[[Session, Deal, str], None]  # (session, deal, "new" | "correction")


@dataclass
class IngestResult:
    article_id: int | None
    deal_id: int | None
    new_article: bool
    deal_event: str | None  # "new", "mention", "correction", "unchanged" or None


def ensure_source(session: Session, source_id: str, name: str, language: str, kind: str,
                  config: dict[str, Any]) -> None:
    """Insert or refresh a source row; safe when two processes register it at once."""
    source = session.get(Source, source_id)
    if source is None:
        try:
            with session.begin_nested():
                session.add(Source(id=source_id, name=name, language=language, kind=kind,
                                   config=config))
            return
        except IntegrityError:
            source = session.get(Source, source_id)
            if source is None:
                raise
    source.name, source.language, source.kind, source.config = name, language, kind, config


def article_fields(analysis: dict[str, Any]) -> tuple[str | None, str, str | None]:
    """(title, text, lang) of the article an analysis makes."""
    cleaned, facts = analysis["page"], analysis["facts"]
    return (cleaned.get("title") or facts.get("title"), cleaned.get("text") or "",
            facts.get("lang") or cleaned.get("lang"))


def prepare_analysis(analysis: dict[str, Any], body: bytes) -> dict[str, Any]:
    """The CPU-heavy part of storing a page, done where the page was analysed (a worker
    process) instead of in the writer: content hash, compressed raw bytes, search tokens.
    Returns {"content_hash", "raw", "index": (words, grams)} for store_page / store_analysis."""
    title, text, lang = article_fields(analysis)
    return {"content_hash": hashlib.sha256(body).hexdigest(),
            "raw": zlib.compress(body, RAW_COMPRESSION_LEVEL),
            "index": index_columns(title, text, lang)}


def store_page(session: Session, *, source_id: str, url: str, canonical_url: str, status: int,
               body: bytes, http_charset: str | None, etag: str | None,
               last_modified: str | None, fetched_at: dt.datetime, kind: str = "article",
               keep_raw: bool = True, prepared: dict[str, Any] | None = None) -> Page:
    """Insert or refresh the page row for `canonical_url` (raw bytes compressed); `prepared`
    (from prepare_analysis) holds the hash and compressed bytes when `body` is not at hand."""
    page = session.scalar(select(Page).where(Page.canonical_url == canonical_url))
    created = page is None
    if page is None:
        page = Page(source_id=source_id, canonical_url=canonical_url, first_seen_at=fetched_at)
        session.add(page)
    page.url, page.status, page.kind = url, status, kind
    page.http_charset, page.etag, page.last_modified = http_charset, etag, last_modified
    if prepared is not None:
        page.content_hash = prepared["content_hash"]
        page.raw = prepared["raw"] if keep_raw else None
    else:
        page.content_hash = hashlib.sha256(body).hexdigest()
        page.raw = zlib.compress(body, RAW_COMPRESSION_LEVEL) if keep_raw else None
    page.fetched_at = fetched_at
    session.flush()
    if created:  # store_analysis need not look for an article of this page
        session.info.setdefault(NEW_PAGES_KEY, set()).add(page.id)
    return page


def raw_body(page: Page) -> bytes:
    return zlib.decompress(page.raw) if page.raw else b""


def _published(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def apply_facts(deal: Deal, facts: dict[str, Any], title: str | None) -> bool:
    """Copy headline facts onto `deal`; True when the change is material."""
    amount = facts.get("amount") or {}
    place = facts.get("place") or {}
    old = (deal.amount_cny, deal.project_count, deal.city, deal.event_type)
    deal.amount_value = amount.get("value")
    deal.amount_currency = amount.get("currency")
    deal.amount_qualifier = amount.get("qualifier")
    deal.amount_cny = amount.get("value_cny")
    deal.amount_evidence = amount.get("evidence")
    deal.project_count = facts.get("project_count")
    for level in ("province", "prefecture", "city", "district", "park"):
        setattr(deal, level, place.get(level))
    deal.event_type = facts.get("event_type")
    deal.event_date = facts.get("event_date")
    deal.parties = list(facts.get("parties") or [])
    deal.industries = list(facts.get("industries") or [])
    deal.components = [d for d in facts.get("deals") or [] if d.get("role") == "component"]
    deal.title = title
    deal.updated_at = utcnow()
    if old == (None, None, None, None):
        return False
    a, b = old[0], deal.amount_cny
    amount_changed = (a is None) != (b is None) or (
        a is not None and b is not None and abs(a - b) > MATERIAL_AMOUNT_CHANGE * max(a, b))
    return amount_changed or old[1:] != (deal.project_count, deal.city, deal.event_type)


def _enrich(deal: Deal, facts: dict[str, Any]) -> None:
    """A second outlet may know what the first did not: fill gaps, never overwrite."""
    amount = facts.get("amount") or {}
    if deal.amount_cny is None and amount.get("value_cny") is not None:
        apply_facts(deal, facts, deal.title)
        return
    if amount.get("qualifier") == "exact" and deal.amount_qualifier != "exact" and amount.get("value") is not None:
        deal.amount_value, deal.amount_qualifier = amount["value"], "exact"
        deal.amount_cny, deal.amount_evidence = amount.get("value_cny"), amount.get("evidence")
    if deal.project_count is None:
        deal.project_count = facts.get("project_count")
    place = facts.get("place") or {}
    for level in ("district", "park"):
        if getattr(deal, level) is None and place.get(level):
            setattr(deal, level, place[level])
    deal.parties = list(dict.fromkeys([*(deal.parties or []), *(facts.get("parties") or [])]))
    deal.industries = list(dict.fromkeys([*(deal.industries or []), *(facts.get("industries") or [])]))


def store_analysis(session: Session, page: Page, analysis: dict[str, Any],
                   on_deal: DealHook | None = None) -> IngestResult:
    """Create or update the page's article and link it to its deal (new or existing).
    Search tokens come from `analysis["stored"]["index"]` when prepare_analysis made them."""
    cleaned, facts = analysis["page"], analysis["facts"]
    fresh = page.id in session.info.get(NEW_PAGES_KEY, ())
    article = None if fresh else session.scalar(select(Article).where(Article.page_id == page.id))
    new_article = article is None
    if article is None:
        article = Article(page_id=page.id, source_id=page.source_id)
        session.add(article)
    article.url = page.url
    article.title, article.text, article.lang = article_fields(analysis)
    article.published = _published(cleaned.get("published") or facts.get("published"))
    article.encoding = cleaned.get("encoding")
    article.site = cleaned.get("site")
    article.is_deal, article.facts = bool(facts.get("is_deal")), facts
    article.extracted_at = utcnow()
    session.flush()
    index_article(session, article, (analysis.get("stored") or {}).get("index"), fresh=new_article)

    mention = None if new_article else session.scalar(
        select(DealMention).where(DealMention.article_id == article.id))
    if not article.is_deal:
        if mention is not None:
            session.delete(mention)
        return IngestResult(article.id, None, new_article, None)
    if mention is not None:
        deal = mention.deal
        others = session.scalars(select(DealMention).where(DealMention.deal_id == deal.id)).all()
        if len(others) > 1:
            return IngestResult(article.id, deal.id, new_article, "unchanged")
        if apply_facts(deal, facts, article.title):
            deal.version += 1
            if on_deal:
                on_deal(session, deal, "correction")
            return IngestResult(article.id, deal.id, new_article, "correction")
        return IngestResult(article.id, deal.id, new_article, "unchanged")

    deal_id, event = _link_deal(session, article.id, article.title, facts, on_deal)
    return IngestResult(article.id, deal_id, new_article, event)


def _link_deal(session: Session, article_id: int, title: str | None, facts: dict[str, Any],
               on_deal: DealHook | None) -> tuple[int, str]:
    """Mention the deal this new article's event already is, else create it:
    (deal id, "mention" | "new")."""
    now = utcnow()
    lock_deals(session, [facts])
    deal = find_same_event(session, facts, now)
    event = "mention"
    if deal is None:
        deal = Deal(first_seen=now)
        apply_facts(deal, facts, title)
        session.add(deal)
        event = "new"
    else:
        _enrich(deal, facts)
    session.flush()
    session.add(DealMention(deal_id=deal.id, article_id=article_id))
    session.flush()
    if event == "new" and on_deal:
        on_deal(session, deal, "new")
    return deal.id, event


@dataclass
class FetchedPage:
    """One analysed article page as the crawl hands it to store_new_pages."""

    source_id: str
    url: str
    canonical_url: str
    status: int
    http_charset: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime
    analysis: dict[str, Any]  # with analysis["stored"] from prepare_analysis


def store_new_pages(session: Session, pages: list[FetchedPage],
                    on_deal: DealHook | None = None) -> list[IngestResult | None]:
    """Insert the pages of a batch that are not stored yet, with their articles and search
    rows, in a few multi-row statements (no ORM objects), then link their deals one by one.
    Returns a result per page, None for a page already stored (or twice in the batch):
    the caller stores those with store_page / store_analysis."""
    urls = [p.canonical_url for p in pages]
    stored = set(session.scalars(select(Page.canonical_url).where(Page.canonical_url.in_(urls))))
    fresh: list[int] = []
    for i, page in enumerate(pages):
        if page.canonical_url not in stored:
            stored.add(page.canonical_url)
            fresh.append(i)
    results: list[IngestResult | None] = [None] * len(pages)
    if not fresh:
        return results
    page_rows = []
    for i in fresh:
        page, prepared = pages[i], pages[i].analysis["stored"]
        page_rows.append({"source_id": page.source_id, "url": page.url, "canonical_url": page.canonical_url,
                          "kind": "article", "status": page.status, "etag": page.etag,
                          "last_modified": page.last_modified, "http_charset": page.http_charset,
                          "content_hash": prepared["content_hash"], "raw": prepared["raw"],
                          "fetched_at": page.fetched_at, "first_seen_at": page.fetched_at})
    page_ids = list(session.scalars(insert(Page).returning(Page.id, sort_by_parameter_order=True), page_rows))
    now = utcnow()
    article_rows = []
    for i, page_id in zip(fresh, page_ids):
        page, analysis = pages[i], pages[i].analysis
        cleaned, facts = analysis["page"], analysis["facts"]
        title, text, lang = article_fields(analysis)
        article_rows.append({"page_id": page_id, "source_id": page.source_id, "url": page.url,
                             "title": title, "text": text, "lang": lang,
                             "published": _published(cleaned.get("published") or facts.get("published")),
                             "encoding": cleaned.get("encoding"), "site": cleaned.get("site"),
                             "is_deal": bool(facts.get("is_deal")), "facts": facts,
                             "created_at": now, "extracted_at": now})
    article_ids = list(session.scalars(insert(Article).returning(Article.id, sort_by_parameter_order=True),
                                       article_rows))
    index_articles(session, [(article_id, pages[i].analysis["stored"]["index"])
                             for i, article_id in zip(fresh, article_ids)])
    for i, article_id, row in zip(fresh, article_ids, article_rows):
        deal_id, event = None, None
        if row["is_deal"]:
            deal_id, event = _link_deal(session, article_id, row["title"], row["facts"], on_deal)
        results[i] = IngestResult(article_id, deal_id, True, event)
    return results
