"""Every command has help; extract and clean keep their contracts; bad input is a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from parkwatch.cli import main

EXTRACT_FIELDS = {"path", "lang", "title", "published", "is_deal", "event_type", "event_date",
                  "amount", "project_count", "place", "parties", "industries", "deals"}
CLEAN_FIELDS = {"path", "title", "published", "site", "lang", "encoding", "text"}


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", list(_commands(main)), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    command = main
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help) > 20, f"{' '.join(path)} needs a real help text"


def test_contract_commands_exist() -> None:
    names = set(main.commands)
    assert {"demo", "crawl", "extract", "clean", "deals", "status", "alerts"} <= names


def test_extract_reads_seeds_and_reports_unreadable(shared_seeds: Path, tmp_path: Path) -> None:
    seeds = sorted(str(p) for p in shared_seeds.glob("*.txt"))
    missing = str(tmp_path / "missing.txt")
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", *seeds, missing])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["path"] for r in records] == seeds
    for record in records:
        assert EXTRACT_FIELDS <= set(record)
        assert set(record["place"]) >= {"province", "city", "district", "park"}
    assert "missing.txt" in result.stderr


def test_extract_html_with_published(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes("<html><head><meta charset='gbk'><title>示例开发区签约_新闻</title></head><body>"
                     "<div class='content'><p>11月3日,示例市经济技术开发区举行项目集中签约仪式,"
                     "共签约12个项目,总投资86亿元,涵盖新能源汽车零部件、新材料等产业。</p>"
                     "<p>签约项目达产后预计年产值超过120亿元。</p></div></body></html>".encode("gbk"))
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", "--published", "2026-11-05", str(page)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert EXTRACT_FIELDS <= set(record)
    assert record["amount"]["value"] == 86 and record["project_count"] == 12
    assert record["event_date"] == "2026-11-03"


def test_clean_contract_fields(shared_seeds: Path) -> None:
    seed = str(sorted(shared_seeds.glob("*.txt"))[1])
    result = CliRunner().invoke(main, ["clean", "--format", "jsonl", seed])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert CLEAN_FIELDS <= set(record)
    assert "网友评论" not in record["text"]


def test_bad_config_names_field(tmp_path: Path) -> None:
    config = tmp_path / "parkwatch.toml"
    config.write_text('workers = "many"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "deals"])
    assert result.exit_code != 0
    assert "workers" in result.output and "PARKWATCH_WORKERS" in result.output
