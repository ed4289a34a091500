"""The article store: sources, crawl runs, pages, articles, deals, mentions, alert outbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    """Naive UTC timestamp: SQLite keeps no zone, so all stored times are UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), default="html")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    next_run_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # written by the scheduler


class CrawlLease(Base):
    """Who is crawling a source right now; expires so a crashed holder cannot block forever."""

    __tablename__ = "crawl_leases"

    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running|ok|failed
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    list_pages: Mapped[int] = mapped_column(Integer, default=0)
    article_links: Mapped[int] = mapped_column(Integer, default=0)
    new_articles: Mapped[int] = mapped_column(Integer, default=0)
    new_deals: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    bytes_fetched: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    list_not_modified: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    message: Mapped[str | None] = mapped_column(Text)
    # "local host:pid", or "scrapyd <node URL> <job id>" for a run dispatched to a node.
    worker: Mapped[str | None] = mapped_column(String(300), index=True)


class CrawlRunError(Base):
    """One URL a run could not use: fetch failures, refused addresses, skipped non-HTML.

    At most a bounded number per run (crawl_runs.errors keeps the full count); the rows of
    a source's article URLs also bound how often a failing URL is tried again."""

    __tablename__ = "crawl_run_errors"
    __table_args__ = (Index("ix_crawl_run_errors_source_url", "source_id", "url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    source_id: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(2000))  # canonical URL for article pages
    target: Mapped[str] = mapped_column(String(16))  # article|list
    kind: Mapped[str] = mapped_column(String(20))  # refused|timeout|http|dns|empty|not-html|...
    reason: Mapped[str] = mapped_column(String(300))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Page(Base):
    """One fetched URL; raw bytes kept (compressed) so cleaning can be re-run later."""

    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="article")  # article|list
    status: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    http_charset: Mapped[str | None] = mapped_column(String(40))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)  # zlib-compressed body
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    article: Mapped[Article | None] = relationship(back_populates="page", uselist=False)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), unique=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    lang: Mapped[str | None] = mapped_column(String(16))
    encoding: Mapped[str | None] = mapped_column(String(40))
    site: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    is_deal: Mapped[bool] = mapped_column(Boolean, default=False)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    extracted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    page: Mapped[Page] = relationship(back_populates="article")
    mentions: Mapped[list[DealMention]] = relationship(back_populates="article")


class Deal(Base):
    """One investment event, however many outlets report it."""

    __tablename__ = "deals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount_value: Mapped[float | None] = mapped_column(Float)
    amount_currency: Mapped[str | None] = mapped_column(String(8))
    amount_qualifier: Mapped[str | None] = mapped_column(String(16))
    amount_cny: Mapped[float | None] = mapped_column(Float, index=True)
    amount_evidence: Mapped[str | None] = mapped_column(Text)
    project_count: Mapped[int | None] = mapped_column(Integer)
    province: Mapped[str | None] = mapped_column(String(40), index=True)
    city: Mapped[str | None] = mapped_column(String(40), index=True)
    # The prefecture-level city of a county-level city (city 昆山, prefecture 苏州); else NULL.
    prefecture: Mapped[str | None] = mapped_column(String(40), index=True)
    district: Mapped[str | None] = mapped_column(String(80))
    park: Mapped[str | None] = mapped_column(String(120))
    event_type: Mapped[str | None] = mapped_column(String(20))
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)  # ISO or --MM-DD
    parties: Mapped[list[Any]] = mapped_column(JSON, default=list)
    industries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    components: Mapped[list[Any]] = mapped_column(JSON, default=list)
    title: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)  # bumped on a material change
    review_state: Mapped[str] = mapped_column(String(16), default="new")
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    mentions: Mapped[list[DealMention]] = relationship(back_populates="deal")


class DealMention(Base):
    __tablename__ = "deal_mentions"
    __table_args__ = (UniqueConstraint("deal_id", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    deal: Mapped[Deal] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship(back_populates="mentions")


class AlertOutbox(Base):
    """A durable alert: one row per (deal, subscriber, kind, deal version).

    status: pending -> sending (claimed by one flusher until lease_until) -> sent | dead,
    or withdrawn (deal marked wrong, or no longer matching after a correction).
    `delivered` lists the keys of the channels that already accepted the message, so a
    retry only goes to the channels that have not.
    """

    __tablename__ = "alert_outbox"
    __table_args__ = (
        UniqueConstraint("deal_id", "subscriber", "kind", "deal_version"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_claim", "claimed_by"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id"), index=True)
    subscriber: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16), default="new")  # new|correction
    deal_version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sending|sent|dead|withdrawn
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(40))
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    first_failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    delivered: Mapped[list[Any]] = mapped_column(JSON, default=list)
    channel_results: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sent_facts: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class DealOverride(Base):
    """A reviewer's correction of a deal, kept beside the extracted values.

    One row per deal; NULL means "no correction" for that fact. Shown and exported as
    override-else-extracted; ingest and re-extraction never write here.
    """

    __tablename__ = "deal_overrides"

    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id"), primary_key=True)
    amount_cny: Mapped[float | None] = mapped_column(Float)
    project_count: Mapped[int | None] = mapped_column(Integer)
    province: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(String(40))
    # Set with a corrected city; "" when the corrected city has no prefecture but the
    # extracted one had (NULL would fall back to the extracted prefecture).
    prefecture: Mapped[str | None] = mapped_column(String(40))
    district: Mapped[str | None] = mapped_column(String(80))
    park: Mapped[str | None] = mapped_column(String(120))
    event_type: Mapped[str | None] = mapped_column(String(20))
    event_date: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    parties: Mapped[list[Any] | None] = mapped_column(JSON)
    industries: Mapped[list[Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# Review filters (store/migrations/versions/0003_review.py).
Index("ix_deals_review_state", Deal.review_state)
Index("ix_deals_event_type", Deal.event_type)
