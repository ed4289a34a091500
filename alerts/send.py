"""Delivery through apprise: always tagged, failures captured, secrets redacted."""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass

import apprise
from apprise.decorators import notify

logger = logging.getLogger(__name__)

# Any URL in a text: apprise URLs carry passwords and tokens in user info, host, path
# and query alike, so only the scheme and a host that is a real host name survive.
_URL_RE = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<rest>[^\s'\"<>]+)")
_HOST_RE = re.compile(r"^(localhost|\d{1,3}(\.\d{1,3}){3}|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)(:\d+)?$")


def _redact_url(match: re.Match[str]) -> str:
    rest = match.group("rest")
    userinfo, at, hostpart = rest.rpartition("@")
    host = (hostpart if at else rest).split("/", 1)[0].split("?", 1)[0]
    shown = host if _HOST_RE.match(host) and not host.split(":")[0].isdigit() else "***"
    return f"{match.group('scheme')}{'***@' if at else ''}{shown}{'/***' if rest != host else ''}"


def redact(text: str) -> str:
    """Hide passwords and tokens of apprise URLs in a log line or status output."""
    return _URL_RE.sub(_redact_url, text)


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
