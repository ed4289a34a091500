"""A subscriber's channels: each apprise service on its own, with a stable key and its limits."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import apprise
from apprise.plugins.base import NotifyBase
from apprise.plugins.email import NotifyEmail
from apprise.utils.logic import is_exclusive_match

from alerts.redaction import protect, redact

logger = protect(logging.getLogger(__name__))

# Body limit for chat services whose apprise plugin declares none of its own.
CHAT_BODY_LIMIT = 2000
# Per-scheme caps where a platform is stricter than its plugin says, and schemes whose
# limit counts UTF-8 bytes rather than characters (WeCom group bot: 2,048 bytes of text).
SCHEME_BODY_LIMITS = {"wecombot": 2048}
BYTE_LIMITED_SCHEMES = frozenset({"wecombot"})


class ChannelError(Exception):
    """A channel that cannot be built (bad URL, unreadable apprise config)."""


@dataclass(frozen=True)
class Channel:
    """One apprise service of one subscriber. `url` holds secrets: log `label` instead."""

    key: str
    url: str
    label: str
    email: bool
    body_limit: int | None  # characters (bytes if limit_in_bytes), None for email (no limit)
    title_in_body: bool  # the service has no title field: apprise prepends it to the body
    limit_in_bytes: bool = False

    @property
    def tag(self) -> str:
        return f"pw-{self.key}"


def channel_key(url: str) -> str:
    """Stable key of a URL: what the outbox records as 'delivered' (never the URL itself)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def url_problem(url: str) -> str | None:
    """Why apprise cannot use `url` (secrets redacted), or None when it can."""
    import alerts.send  # noqa: F401 - registers the console:// plugin

    if apprise.Apprise.instantiate(url) is None:
        return f"{redact(url)} is not an apprise URL apprise can load; fix the scheme or its fields"
    return None


def config_services(path: Path, tags: list[str]) -> list[str]:
    """URLs (with secrets) of the services in an apprise config file carrying any of `tags`."""
    config = apprise.AppriseConfig()
    if not config.add(str(path)):
        raise ChannelError(f"cannot read apprise config {path}")
    return [service.url(privacy=False) for service in config.services()
            if is_exclusive_match(logic=list(tags), data=service.tags)]


def build_channel(url: str) -> Channel:
    import alerts.send  # noqa: F401 - registers the console:// plugin

    key = channel_key(url)
    service = apprise.Apprise.instantiate(url, tag=f"pw-{key}")
    if service is None:
        raise ChannelError(f"invalid apprise URL {redact(url)}")
    email = isinstance(service, NotifyEmail)
    scheme = url.split("://", 1)[0].lower()
    limit: int | None = None
    if not email:
        declared = type(service).body_maxlen
        limit = declared if declared != NotifyBase.body_maxlen else CHAT_BODY_LIMIT
        limit = min(limit, SCHEME_BODY_LIMITS.get(scheme, limit))
    return Channel(key=key, url=url, label=redact(url), email=email, body_limit=limit,
                   title_in_body=not email and service.title_maxlen == 0,
                   limit_in_bytes=scheme in BYTE_LIMITED_SCHEMES)


def resolve_channels(urls: list[str], apprise_config: Path | None = None,
                     tags: list[str] | None = None) -> list[Channel]:
    """Every channel of a subscriber, URLs first, then the tagged services of its config file."""
    all_urls = list(urls)
    if apprise_config is not None:
        all_urls.extend(config_services(apprise_config, list(tags or [])))
    channels = {}
    for url in all_urls:
        channel = build_channel(url)
        channels.setdefault(channel.key, channel)
    return list(channels.values())
