"""Regenerate expected.json title/published/site/encoding of golden pages from current output.

Hand-written snippets (must_contain, must_not_contain, must_contain_lines) are kept as they
are; review the diff before committing.

    .venv/bin/python scripts/regen_golden.py [FIXTURE_ID ...]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.page.clean import CleanedPage, CleanOptions, clean_html  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "sources"
# Crawl date used for every golden page unless meta.json gives "crawled".
DEFAULT_CRAWLED = dt.date(2025, 6, 30)
REGENERATED_FIELDS = ("title", "published", "site", "encoding")


def page_path(folder: Path) -> Path:
    """The raw page of a fixture: page.html or page.html.gz."""
    for name in ("page.html", "page.html.gz", "page.htm"):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"{folder}: no page.html or page.html.gz")


def run_fixture(folder: Path) -> CleanedPage:
    """Clean a fixture page with its meta.json (url, http_charset, crawled, options)."""
    meta_file = folder / "meta.json"
    meta = json.loads(meta_file.read_text("utf-8")) if meta_file.exists() else {}
    crawled = dt.date.fromisoformat(meta["crawled"]) if meta.get("crawled") else DEFAULT_CRAWLED
    given = meta.get("options") or {}
    options = CleanOptions(
        content_xpath=given.get("content_xpath"),
        prune_xpaths=tuple(given.get("prune_xpaths", ())),
        include_tables=given.get("include_tables", True),
    )
    return clean_html(
        page_path(folder).read_bytes(),
        url=meta.get("url"),
        http_charset=meta.get("http_charset"),
        crawled=crawled,
        options=options,
    )


def fixture_dirs() -> list[Path]:
    """Every fixture folder holding a page."""
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir() and any(p.glob("page.htm*")))


def main(argv: list[str]) -> int:
    """Rewrite the regenerated fields of expected.json for the chosen (default: all) fixtures."""
    chosen = set(argv)
    for folder in fixture_dirs():
        if chosen and folder.name not in chosen:
            continue
        expected_file = folder / "expected.json"
        expected = json.loads(expected_file.read_text("utf-8")) if expected_file.exists() else {}
        current = run_fixture(folder).to_dict()
        for field in REGENERATED_FIELDS:
            expected[field] = current[field]
        expected.setdefault("must_contain", [])
        expected.setdefault("must_not_contain", [])
        expected_file.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"{folder.name}: title={current['title']!r} published={current['published']} "
              f"encoding={current['encoding']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
