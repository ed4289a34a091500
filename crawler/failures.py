"""What went wrong with one URL of a run, in a word and a short reason, kept per run.

Kinds are few and stable, so status output and tests can rely on them:
refused (the network guard or a non-http scheme), timeout, dns, connection, http (an error
status), too-large, redirect (loop or too many), robots, empty (a 200 with no content),
not-html (skipped: an image or PDF where a page was expected), other."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# user:password@ in any URL of a text: crawled URLs rarely carry one, but none is ever kept.
USERINFO_RE = re.compile(r"(?<=://)[^/\s@]+@")

# Kinds that are not failures of the site: the URL was looked at and deliberately left.
SKIP_KINDS = ("not-html",)
# How many records one run keeps (the run's error count keeps counting past it).
MAX_RECORDS_PER_RUN = 100
# A failing article URL is tried on this many runs, then treated as seen.
MAX_ATTEMPTS = 3
REASON_CHARS = 300

# Leading bytes of formats that are never an article page.
BINARY_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b",
                     b"RIFF", b"\x00\x00\x01\x00", b"BM", b"OggS", b"ID3", b"\x7fELF")
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


@dataclass
class Failure:
    url: str
    target: str  # article|list
    kind: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"url": self.url, "target": self.target, "kind": self.kind, "reason": self.reason}


@dataclass
class FailureLog:
    """A run's failures: every one counted, the first MAX_RECORDS_PER_RUN kept."""

    records: list[Failure] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # kind -> count

    def add(self, url: str, target: str, kind: str, reason: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if len(self.records) < MAX_RECORDS_PER_RUN:
            self.records.append(Failure(strip_userinfo(url)[:2000], target, kind,
                                        strip_userinfo(" ".join(reason.split()))[:REASON_CHARS]))

    def total(self, *, skips: bool = False) -> int:
        return sum(n for kind, n in self.counts.items() if (kind in SKIP_KINDS) == skips)

    def article_failures(self) -> int:
        return sum(1 for r in self.records if r.target == "article" and r.kind not in SKIP_KINDS)


def strip_userinfo(text: str) -> str:
    return USERINFO_RE.sub("***@", text)


def classify(failure: Any) -> tuple[str, str]:
    """(kind, short reason) of a Twisted failure handed to a request's errback."""
    from scrapy.exceptions import IgnoreRequest
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error as tx_error

    exc = failure.value
    message = failure.getErrorMessage() or exc.__class__.__name__
    if isinstance(exc, HttpError):
        status = exc.response.status
        location = (exc.response.headers.get(b"Location") or b"").decode("latin-1")
        if 300 <= status < 400 and location and location.split(":", 1)[0].lower() not in ("http", "https") \
                and ":" in location.split("/", 1)[0]:
            return "refused", f"redirect to {location[:80]!r} refused: not http or https"
        return "http", f"HTTP {status}"
    if isinstance(exc, IgnoreRequest):
        if message.startswith("refused: "):
            return "refused", message.removeprefix("refused: ")
        if "redirect" in message:
            return "redirect", message
        if "robots" in message.lower():
            return "robots", message
        return "other", message
    if isinstance(exc, (tx_error.TimeoutError, TimeoutError)) or "took longer than" in message:
        return "timeout", message
    if isinstance(exc, tx_error.DNSLookupError):
        return "dns", message
    if "maxsize" in message or "larger than" in message or "warnsize" in message:
        return "too-large", message
    if isinstance(exc, (tx_error.ConnectError, ConnectionError)) or "Connection" in exc.__class__.__name__:
        return "connection", message
    if exc.__class__.__name__ in ("CancelledError", "ResponseNeverReceived", "ResponseFailed"):
        return "connection", f"{exc.__class__.__name__}: {message}"
    return "other", f"{exc.__class__.__name__}: {message}"


def unusable_body(body: bytes, content_type: str) -> tuple[str, str] | None:
    """(kind, reason) when an article response cannot be an article page, else None."""
    media = content_type.split(";", 1)[0].strip().lower()
    if not body.strip():
        return "empty", "the server answered 200 with an empty body"
    if media not in HTML_TYPES:
        return "not-html", f"content type {media}"
    head = body[:16].lstrip()
    if head.startswith(BINARY_SIGNATURES):
        return "not-html", f"binary content ({head[:4]!r}...) served as {media or 'no type'}"
    sample = body[:2048]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > len(sample) // 10:
        return "not-html", f"binary content served as {media or 'no type'}"
    return None
