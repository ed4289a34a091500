"""Rebuild the real-article development set's texts in .cache/realdev/ from saved search answers.

The texts are third-party: they are never committed. What is committed is labels.jsonl
(facts, URL, query, rank). To rebuild, save each query's answer from the search tool
(corpus `pages`) as .cache/realdev/raw/<anything>.json (the answer's JSON object as the
tool printed it), then run:

    .venv/bin/python bench/realdev/build.py            # write texts/ and index.jsonl
    .venv/bin/python bench/realdev/build.py --check    # also: every label has its text

Each result's excerpt becomes .cache/realdev/texts/<id>.txt, id = article_id(url).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache" / "realdev"
RAW = CACHE / "raw"
TEXTS = CACHE / "texts"
INDEX = CACHE / "index.jsonl"
LABELS = Path(__file__).resolve().parent / "labels.jsonl"
# Share of articles (by URL hash) in the tune split; the rest is check.
TUNE_SHARE = 0.7


def article_id(url: str) -> str:
    """Stable id of an article: a hash of its URL."""
    return "rd-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


def split_of(url: str) -> str:
    """tune (70%) or check (30%), decided by a hash of the URL only."""
    bucket = int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "tune" if bucket < TUNE_SHARE else "check"


def load_answers(raw_dir: Path = RAW) -> list[dict]:
    """Every saved search answer, as {query, results: [{rank, url, excerpt}]}."""
    out = []
    for path in sorted(raw_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append(data)
    return out


def build(raw_dir: Path = RAW) -> dict[str, dict]:
    """Write texts/<id>.txt for every result; return id -> index row."""
    TEXTS.mkdir(parents=True, exist_ok=True)
    rows: dict[str, dict] = {}
    for answer in load_answers(raw_dir):
        for res in answer.get("results", []):
            url, text = res.get("url"), res.get("excerpt", "")
            if not url:  # a result with no address cannot be labelled or found again
                continue
            aid = article_id(url)
            if aid in rows:
                continue
            (TEXTS / f"{aid}.txt").write_text(text, encoding="utf-8")
            rows[aid] = {"id": aid, "url": url, "query": answer["query"], "rank": res["rank"],
                         "chars": len(text), "split": split_of(url)}
    with INDEX.open("w", encoding="utf-8") as fh:
        for row in rows.values():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check every label has its text")
    args = parser.parse_args(argv)
    rows = build()
    print(f"{len(rows)} texts in {TEXTS}")
    if not args.check:
        return 0
    missing = 0
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            label = json.loads(line)
            if not (TEXTS / f"{article_id(label['url'])}.txt").exists():
                missing += 1
                print(f"missing text: {label['url']} (query {label['query']!r}, rank {label['rank']})")
    print(f"labels without text: {missing}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
