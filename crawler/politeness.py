"""A source's `politeness` (crawler.sources.Politeness) as the Scrapy settings of its crawler.

Each source crawls in a Crawler of its own, so these settings are per source even when many
sources share one process and reactor. They are set at "spider" priority: above the project
defaults, below anything given on the command line (the tests' `--fast`)."""

from __future__ import annotations

from scrapy.settings import Settings

from crawler.sources import Politeness

SETTING_OF = {
    "delay_seconds": "DOWNLOAD_DELAY",
    "per_domain": "CONCURRENT_REQUESTS_PER_DOMAIN",
    "autothrottle": "AUTOTHROTTLE_ENABLED",
}


def apply_politeness(settings: Settings, politeness: Politeness) -> None:
    """Set what the source says; an unset field keeps the polite default."""
    for field, name in SETTING_OF.items():
        value = getattr(politeness, field)
        if value is not None:
            settings.set(name, value, priority="spider")
