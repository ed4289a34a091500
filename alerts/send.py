"""Delivery through apprise: always tagged, failures captured, secrets redacted."""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass

import apprise
from apprise.decorators import notify

logger = logging.getLogger(__name__)

# user:password@ and long token-like path or query parts of apprise URLs.
_CREDENTIALS_RE = re.compile(r"(?P<scheme>[a-z0-9+]+://)[^/@\s]+@")
_TOKEN_RE = re.compile(r"(?<=[/=])[A-Za-z0-9_\-]{12,}")


def redact(text: str) -> str:
    """Hide passwords and tokens of apprise URLs in a log line or status output."""
    text = _CREDENTIALS_RE.sub(r"\g<scheme>***@", text)
    return _TOKEN_RE.sub("***", text)


@notify(on="console", name="ParkWatch console")
def _console(body: str, title: str, notify_type: str, *args: object, **kwargs: object) -> bool:
    """`console://` prints the alert on standard output (the demo's channel)."""
    print(f"\n== ALERT: {title}\n{body}", file=sys.stdout, flush=True)
    return True


@dataclass
class Delivery:
    ok: bool
    detail: str


def send(urls: list[str], title: str, body: str, tag: str) -> Delivery:
    """Send one message to every URL of one subscriber; never raises on channel errors."""
    if not urls:
        return Delivery(False, "no URLs configured")
    apobj = apprise.Apprise()
    bad = [u for u in urls if not apobj.add(u, tag=tag)]
    if bad:
        return Delivery(False, "invalid apprise URL(s): " + ", ".join(redact(u) for u in bad))
    with apprise.LogCapture(level=logging.WARNING) as captured:
        result = apobj.notify(body=body, title=title, tag=tag)
    logs = redact(captured.getvalue().strip())
    if result:
        return Delivery(True, "sent")
    detail = logs.splitlines()[-1] if logs else "delivery failed"
    return Delivery(False, detail[:500])
