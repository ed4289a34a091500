"""`parkwatch sources add` then `sources check` (then, with --crawl, a real crawl) on the
local test sites of tests/discovery_sites.py; prints one row per site:

    .venv/bin/python bench/sources_add.py [--crawl] [--demo] [--site NAME ...]

present: the site's articles; add_found: article links `add` saw while discovering; check: links
the dry run found; false: found links that are no article of the site (list, channel,
sidebar pages); missed: articles not found; crawl: articles a crawl stored, and how many
of them are false. Also says whether any decoy page (channel, sidebar, topic) was fetched."""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from click.testing import CliRunner  # noqa: E402

from parkwatch.cli import main as cli  # noqa: E402
from parkwatch.config import load_config  # noqa: E402
from tests.discovery_sites import SITES  # noqa: E402


def _paths(urls: list[str]) -> set[str]:
    return {urlsplit(u).path for u in urls}


def run_site(name: str, workdir: Path, crawl: bool) -> dict[str, object]:
    site = SITES[name]()
    config_path = workdir / f"{name}.toml"
    config_path.write_text(f"db_path = '{workdir / (name + '.db')}'\nsources_dir = '{workdir / name}'\n"
                           "log_level = 'WARNING'\nworkers = 1\n", encoding="utf-8")
    runner = CliRunner()
    row: dict[str, object] = {"site": name, "present": len(site.articles)}
    with site.serve() as served:
        added = runner.invoke(cli, ["--config", str(config_path), "sources", "add", served.start_url,
                                    "--id", f"t-{name}", "--allow-private"])
        if added.exit_code != 0:
            return {**row, "error": added.output.strip().splitlines()[-1]}
        text = (workdir / name / f"t-{name}.yaml").read_text(encoding="utf-8")
        row["kind"] = next(line.split(": ")[1] for line in text.splitlines() if line.startswith("kind:"))
        row["add_found"] = int(re.search(r"(\d+) article links found", added.output).group(1))
        checked = runner.invoke(cli, ["--config", str(config_path), "sources", "check", f"t-{name}",
                                      "--format", "json"])
        report = json.loads(checked.output[checked.output.index("{"):])
        found = _paths([link["url"] for link in report["links"]])
        row.update({"check": len(found), "false": len(found - site.articles),
                    "missed": len(site.articles - found), "check_exit": checked.exit_code})
        if crawl:
            from sqlalchemy import select

            from parkwatch.crawl import run_crawl
            from store.models import Page
            from store.session import Store

            config = load_config(config_path)
            Store(config.database_url).close()
            run_crawl(config, sources=[f"t-{name}"], fast=True)
            store = Store(config.database_url, migrate=False)
            with store.session() as session:
                stored = _paths(list(session.scalars(select(Page.url).where(Page.kind == "article"))))
            store.close()
            row.update({"crawl": len(stored), "crawl_false": len(stored - site.articles),
                        "crawl_missed": len(site.articles - stored)})
        row["decoys_fetched"] = sum(site.requests[p] for p in site.decoys)
    return row


def run_demo(workdir: Path) -> list[dict[str, object]]:
    """The same on the bundled demo site, whose articles seeds/demo-site/expected.yaml lists."""
    import yaml

    from parkwatch.demosite import DEMO_SITE_DIR, DemoServer

    expected = yaml.safe_load((DEMO_SITE_DIR / "expected.yaml").read_text(encoding="utf-8"))
    starts = {"gaoxin": "/gaoxin/news/index.html", "jpbiz": "/jpbiz/news/index.html",
              "parkblog": "/parkblog/index.html", "provnews": "/provnews/jingji/index.html"}
    config_path = workdir / "demo.toml"
    config_path.write_text(f"db_path = '{workdir / 'demo.db'}'\nsources_dir = '{workdir / 'demo'}'\n", encoding="utf-8")
    runner, rows = CliRunner(), []
    with DemoServer() as server:
        for name, start in starts.items():
            truth = {path for path, fact in expected.items() if fact.get("site") == name}
            row: dict[str, object] = {"site": f"demo {name}", "present": len(truth)}
            added = runner.invoke(cli, ["--config", str(config_path), "sources", "add", server.base_url + start,
                                        "--id", f"d-{name}", "--allow-private"])
            if added.exit_code != 0:
                rows.append({**row, "error": added.output.strip().splitlines()[-1]})
                continue
            row["kind"] = "html"
            row["add_found"] = int(re.search(r"(\d+) article links found", added.output).group(1))
            checked = runner.invoke(cli, ["--config", str(config_path), "sources", "check", f"d-{name}",
                                          "--format", "json"])
            report = json.loads(checked.output[checked.output.index("{"):])
            found = _paths([link["url"] for link in report["links"]])
            rows.append({**row, "check": len(found), "false": len(found - truth), "missed": len(truth - found),
                         "check_exit": checked.exit_code})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--crawl", action="store_true", help="also crawl and count stored articles")
    parser.add_argument("--site", action="append", choices=sorted(SITES), help="only these sites")
    parser.add_argument("--demo", action="store_true", help="also the bundled demo site's four lists")
    args = parser.parse_args()
    columns = ["site", "kind", "present", "add_found", "check", "false", "missed", "check_exit"]
    if args.crawl:
        columns += ["crawl", "crawl_false", "crawl_missed"]
    columns += ["decoys_fetched", "error"]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [run_site(name, Path(tmp), args.crawl) for name in (args.site or SITES)]
        if args.demo:
            rows += run_demo(Path(tmp))
    columns = [c for c in columns if any(c in r for r in rows)]
    widths = [max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(row.get(c, "")).ljust(w) for c, w in zip(columns, widths)))
    bad = [r for r in rows if r.get("error") or r.get("false") or r.get("missed") or r.get("crawl_false")
           or r.get("crawl_missed") or r.get("decoys_fetched")]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
