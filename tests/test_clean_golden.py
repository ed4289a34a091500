"""Golden pages: every tests/fixtures/sources/<id>/ (demo-* included) checked by one test."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sources"

_spec = importlib.util.spec_from_file_location("regen_golden", ROOT / "scripts" / "regen_golden.py")
assert _spec and _spec.loader
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)


def _squash(text: str) -> str:
    """Text without white space, so snippets survive line wrapping."""
    return "".join(text.split())


FIXTURE_DIRS = regen.fixture_dirs() if FIXTURES.exists() else []


@pytest.mark.parametrize("folder", FIXTURE_DIRS, ids=[p.name for p in FIXTURE_DIRS])
def test_golden_page(folder: Path) -> None:
    expected_file = folder / "expected.json"
    if not expected_file.exists():
        pytest.fail(f"{folder.name}: no expected.json (write snippets, then run scripts/regen_golden.py)")
    expected = json.loads(expected_file.read_text("utf-8"))
    page = regen.run_fixture(folder)
    result = page.to_dict()
    for field in regen.REGENERATED_FIELDS:
        if field in expected:
            assert result[field] == expected[field], f"{folder.name}: {field}"
    text = _squash(page.text)
    for snippet in expected.get("must_contain", []):
        assert _squash(snippet) in text, f"{folder.name}: missing {snippet!r}"
    for snippet in expected.get("must_not_contain", []):
        assert _squash(snippet) not in text, f"{folder.name}: leaked {snippet!r}"
    lines = page.text.splitlines()
    for line in expected.get("must_contain_lines", []):
        assert line in lines, f"{folder.name}: no line {line!r}"


def test_fixture_count() -> None:
    """The golden set must not shrink silently."""
    assert len([p for p in FIXTURE_DIRS if not p.name.startswith("demo-")]) >= 8


def test_clean_options_content_xpath_tables_and_prune() -> None:
    from extractors.page.clean import CleanOptions, clean_html

    html = (
        "<html><body><div id='nav'>首页 | 新闻</div><div id='a'><p>园区签约项目总投资36亿元。</p>"
        "<table><tr><td>附件：项目表.xls</td></tr></table><p class='x'>扫码关注</p>"
        "<p>项目计划年内开工。</p></div></body></html>"
    ).encode("utf-8")
    full = clean_html(html, options=CleanOptions(content_xpath="//div[@id='a']"))
    assert full.text.splitlines() == ["园区签约项目总投资36亿元。", "附件：项目表.xls", "扫码关注", "项目计划年内开工。"]
    trimmed = clean_html(
        html,
        options=CleanOptions(content_xpath="//div[@id='a']", prune_xpaths=("//p[@class='x']",), include_tables=False),
    )
    assert trimmed.text.splitlines() == ["园区签约项目总投资36亿元。", "项目计划年内开工。"]
