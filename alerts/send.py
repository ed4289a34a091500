"""Delivery through apprise: one channel per call, always tagged, failures captured, secrets redacted."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field

import apprise
from apprise import NotifyFormat
from apprise.decorators import notify

from alerts.channels import Channel, ChannelError, build_channel
from alerts.redaction import protect, redact

__all__ = ["Delivery", "redact", "send", "send_message"]

logger = protect(logging.getLogger(__name__))
# apprise logs a failed post with whatever the service answered; keep secrets out of it
# (this also covers what LogCapture records, since logger filters run before handlers).
protect(logging.getLogger("apprise"))

# Longest error text kept per channel in the outbox.
MAX_DETAIL_CHARS = 500


@notify(on="console", name="ParkWatch console")
def _console(body: str, title: str, notify_type: str, *args: object, **kwargs: object) -> bool:
    """`console://` prints the alert on standard output (the demo's channel)."""
    print(f"\n== ALERT: {title}\n{body}", file=sys.stdout, flush=True)
    return True


@dataclass
class Delivery:
    ok: bool
    detail: str
    results: list[dict[str, str]] = field(default_factory=list)  # per service: url, status


def send_message(channel: Channel, title: str, body: str, *, html: bool = False) -> Delivery:
    """Send one message to one channel; never raises on channel errors."""
    apobj = apprise.Apprise()
    service = apobj.instantiate(channel.url, tag=channel.tag)
    if service is None or not apobj.add(service):
        return Delivery(False, f"invalid apprise URL {channel.label}")
    body_format = NotifyFormat.HTML if html else NotifyFormat.TEXT
    try:
        with apprise.LogCapture(level=logging.WARNING, fmt="%(levelname)s %(message)s") as captured:
            result = apobj.notify(body=body, title=title, tag=channel.tag, body_format=body_format)
            logs = redact(captured.getvalue().strip())
    except Exception as exc:  # noqa: BLE001 - a plugin bug must fail this row, not the flush
        logger.warning("channel %s raised %s: %s", channel.label, type(exc).__name__, exc)
        return Delivery(False, redact(f"{type(exc).__name__}: {exc}")[:MAX_DETAIL_CHARS])
    results = [{"service": r.name, "url": redact(r.url), "status": r.status.name}
               for r in getattr(result, "results", ())]
    if result and results and all(r["status"] == "SUCCESS" for r in results):
        return Delivery(True, "sent", results)
    lines = [line for line in logs.splitlines() if line.strip()]
    detail = lines[-1] if lines else f"delivery failed ({getattr(result, 'status', result)!s})"
    logger.info("channel %s failed: %s", channel.label, detail)
    return Delivery(False, detail[:MAX_DETAIL_CHARS], results)


def send(urls: list[str], title: str, body: str, tag: str | None = None) -> Delivery:
    """Send one plain-text message to every URL, each as its own tagged channel."""
    if not urls:
        return Delivery(False, "no URLs configured")
    details, ok = [], True
    for url in urls:
        try:
            channel = build_channel(url)
        except ChannelError as exc:
            ok = False
            details.append(str(exc))
            continue
        delivery = send_message(channel, title, body)
        ok = ok and delivery.ok
        details.append(f"{channel.label}: {delivery.detail}")
    return Delivery(ok, "; ".join(details)[:MAX_DETAIL_CHARS])
