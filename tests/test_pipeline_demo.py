"""The whole pipeline over real HTTP: `parkwatch demo` twice into one database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from sqlalchemy import func, select

from store.models import AlertOutbox, Article, Deal, DealMention, Page
from store.session import Store

REPO = Path(__file__).resolve().parents[1]
EXPECTED = yaml.safe_load((REPO / "seeds" / "demo-site" / "expected.yaml").read_text(encoding="utf-8"))


def _demo(workdir: Path, db_url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PARKWATCH_DB_URL": db_url}
    return subprocess.run([sys.executable, "-m", "parkwatch.cli", "demo",
                           "--format", "jsonl", *extra], cwd=workdir, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def _expected_articles() -> dict[str, dict]:
    articles = EXPECTED.get("articles", EXPECTED)
    if isinstance(articles, list):
        return {a["path"]: a for a in articles}
    return articles


def test_demo_crawls_stores_alerts_and_second_run_is_quiet(tmp_path: Path, db_url: str) -> None:
    first = _demo(tmp_path, db_url)
    assert first.returncode == 0, first.stderr[-3000:]
    deals = [json.loads(line) for line in first.stdout.splitlines() if line.startswith("{")]
    expected = _expected_articles()
    deal_articles = [p for p, e in expected.items() if e.get("is_deal")]
    keys = {e.get("event_key") for e in expected.values() if e.get("is_deal")}
    assert len(expected) >= 30
    store = Store(db_url)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Page).where(Page.kind == "article")) == len(expected)
        assert session.scalar(select(func.count()).select_from(Article)) == len(expected)
        stored_deals = session.scalar(select(func.count()).select_from(Deal))
        # One deal per event key (the two-outlet event is one deal with two mentions),
        # allowing the first extractor a small miss rate.
        assert len(keys) - 3 <= stored_deals <= len(keys) + 1
        shared = [d for d in session.scalars(select(Deal))
                  if session.scalar(select(func.count()).select_from(DealMention)
                                    .where(DealMention.deal_id == d.id)) >= 2]
        assert shared, "the event reported by two outlets should be one deal with two mentions"
        alerts = session.scalar(select(func.count()).select_from(AlertOutbox))
        sent = session.scalar(select(func.count()).select_from(AlertOutbox).where(AlertOutbox.status == "sent"))
    store.close()
    assert len(deals) == stored_deals and len(deal_articles) >= 20
    assert alerts > 0 and sent == alerts
    assert first.stdout.count("== ALERT:") == alerts
    assert all({"id", "amount", "project_count", "place", "event_type", "event_date", "parties",
                "industries", "articles", "first_seen"} <= set(d) for d in deals)

    second = _demo(tmp_path, db_url)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "Nothing new" in second.stderr
    assert "== ALERT:" not in second.stdout
    store = Store(db_url)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Page).where(Page.kind == "article")) == len(expected)
        assert session.scalar(select(func.count()).select_from(AlertOutbox)) == alerts
    store.close()
