"""Secrets of apprise URLs kept out of every log line, error text and status output."""

from __future__ import annotations

import logging
import re

# Any URL in a text: apprise URLs carry passwords and tokens in user info, host, path
# and query alike, so only the scheme and a host that is a real host name survive.
_URL_RE = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<rest>[^\s'\"<>]+)")
_HOST_RE = re.compile(r"^(localhost|\d{1,3}(\.\d{1,3}){3}|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)(:\d+)?$")


def _redact_url(match: re.Match[str]) -> str:
    rest = match.group("rest")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    _userinfo, at, host = authority.rpartition("@")
    shown = host if _HOST_RE.match(host) and not host.split(":")[0].isdigit() else "***"
    return f"{match.group('scheme')}{'***@' if at else ''}{shown}{'/***' if rest != authority else ''}"


def redact(text: str) -> str:
    """Hide passwords and tokens of apprise URLs in a log line or status output."""
    return _URL_RE.sub(_redact_url, text)


class RedactFilter(logging.Filter):
    """Rewrites a record's message and traceback with `redact` before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = RedactFilter()


def protect(logger: logging.Logger) -> logging.Logger:
    """Attach the redacting filter to `logger` (once) and return it."""
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    return logger
