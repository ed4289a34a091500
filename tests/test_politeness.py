"""A source's politeness: bounded on load, and the settings of that source's crawler only."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from scrapy.crawler import Crawler
from scrapy.settings import Settings

from crawler import settings as default_settings
from crawler.sources import Politeness, SourceConfig
from crawler.spiders.source import SourceSpider


def _source(source_id: str, **politeness: object) -> SourceConfig:
    return SourceConfig.model_validate({
        "id": source_id, "name": source_id, "language": "zh-Hans",
        "start_urls": [f"http://{source_id}.example/list.html"], "article_allow": [r"/a/\d+"],
        "politeness": politeness})


def _crawler_settings(source: SourceConfig) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    crawler = Crawler(SourceSpider, settings)
    SourceSpider.from_crawler(crawler, source=source)
    return crawler.settings


def test_each_source_sets_its_own_crawler_and_unset_fields_stay_polite() -> None:
    mirror = _crawler_settings(_source("mirror", delay_seconds=0, per_domain=16, autothrottle=False))
    assert mirror.getfloat("DOWNLOAD_DELAY") == 0
    assert mirror.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 16
    assert mirror.getbool("AUTOTHROTTLE_ENABLED") is False
    portal = _crawler_settings(_source("portal", per_domain=4))
    assert portal.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 4
    assert portal.getfloat("DOWNLOAD_DELAY") == default_settings.DOWNLOAD_DELAY
    assert portal.getbool("AUTOTHROTTLE_ENABLED") is True
    polite = _crawler_settings(_source("polite"))
    assert polite.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == default_settings.CONCURRENT_REQUESTS_PER_DOMAIN


def test_command_line_settings_win_over_a_source() -> None:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    crawler = Crawler(SourceSpider, settings)
    SourceSpider.from_crawler(crawler, source=_source("slow", delay_seconds=5))
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 0


@pytest.mark.parametrize("bad", [{"delay_seconds": -1}, {"delay_seconds": 61}, {"per_domain": 0},
                                 {"per_domain": 17}, {"burst": 3}])
def test_politeness_is_bounded(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Politeness.model_validate(bad)
