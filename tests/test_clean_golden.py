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
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
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
