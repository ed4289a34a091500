"""Source files validate on load; a bad one names the file, the field and the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.sources import SourceError, load_source, load_sources
from crawler.urls import canonical_url

SOURCES = Path(__file__).resolve().parents[1] / "seeds" / "sources"


def test_every_bundled_source_is_valid() -> None:
    sources = load_sources(SOURCES)
    demo = [s for s in sources if s.demo]
    production = [s for s in sources if not s.demo]
    assert len(demo) >= 3 and len(production) >= 4
    assert {"zh-Hans", "ja"} <= {s.language for s in sources}
    assert all(not s.allow_private for s in production)


def test_bad_field_names_file_field_and_fix(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: broken\nname: x\nlanguage: fr\nstart_urls: [ftp://x]\narticle_allow: ['(']\n",
                   encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_source(bad)
    message = str(err.value)
    assert "broken.yaml" in message and "language" in message and "start_urls" in message
    assert "article_allow" in message and "fix:" in message


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text("id: some-id\nname: x\nlanguage: ja\nstart_urls: ['https://a.example/']\n"
                    "article_allow: ['/a/']\n", encoding="utf-8")
    with pytest.raises(SourceError, match="rename the file"):
        load_source(path)


def test_unreadable_yaml_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(SourceError, match="cannot read YAML"):
        load_source(path)


def test_canonical_url_drops_tracking_and_folds_demo_port() -> None:
    a = canonical_url("http://Example.com/a.html?utm_source=x&b=2&a=1#top")
    assert a == "http://example.com/a.html?a=1&b=2"
    demo = canonical_url("http://127.0.0.1:40123/gaoxin/news/1.html", "http://127.0.0.1:40123")
    assert demo == "http://demo.parkwatch.invalid/gaoxin/news/1.html"
    assert re.match(r"^http://demo\.parkwatch\.invalid/", demo)
