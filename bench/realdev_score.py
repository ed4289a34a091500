"""Deal-extraction accuracy on the real-article dev set (bench/realdev/).

Labels come from bench/realdev/labels.jsonl, or while it is being built from
bench/realdev/parts/*.jsonl (deduplicated by URL); texts from the git-ignored
.cache/realdev/texts/ (see bench/realdev/README.md to rebuild them). A label whose text is
missing is counted, never fatal.

Scores are reported per split (tune, check) and per language. Failures are only ever
listed for `tune`: development looks at tune, check is reported, never tuned on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from extractors.deals import ArticleFacts, extract

REPO = Path(__file__).resolve().parents[1]
REALDEV_DIR = REPO / "bench" / "realdev"
LABELS_PATH = REALDEV_DIR / "labels.jsonl"
PARTS_DIR = REALDEV_DIR / "parts"
TEXTS_DIR = REPO / ".cache" / "realdev" / "texts"
SPLITS = ("tune", "check")
LANGS = ("zh-Hans", "zh-Hant", "ja", "en")
# Headline amounts match when the values differ by at most this share of the gold value
# (labels write 110.8 where the text says 110.80亿; a conversion artefact is not a miss).
AMOUNT_REL_TOLERANCE = 0.005
# Scored facts of a gold deal article, in report order.
FIELDS = ("amount", "amount_value", "project_count", "province", "prefecture", "city", "district",
          "park", "event_type", "event_date")
PLACE_KEYS = ("province", "prefecture", "city", "district", "park")
# Optional endings dropped before comparing place names: 龙文区 = 龙文, 昆山市 = 昆山; and
# the long zone suffixes folded to their short forms (盐城经济技术开发区 = 盐城经开区).
ZONE_FOLDS = (("高新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"), ("国家高新区", "高新区"),
              ("经济技术开发区", "经开区"), ("国家级", ""))
ADMIN_SUFFIX_RE = re.compile(r"(?<=..)(?:特别行政区|自治州|自治县|地区|盟|省|市|区|县|镇|乡|街道)$")
REBUILD_HINT = ("realdev texts are missing: rebuild .cache/realdev/ as bench/realdev/README.md says "
                "(save each query's `pages` answer in .cache/realdev/raw/, then "
                ".venv/bin/python bench/realdev/build.py --check)")


def load_labels(labels_path: Path = LABELS_PATH, parts_dir: Path = PARTS_DIR) -> list[dict[str, Any]]:
    """The merged labels, else every part file's, first label of a URL wins."""
    paths = [labels_path] if labels_path.exists() else sorted(parts_dir.glob("*.jsonl"))
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            label = json.loads(line)
            if label["url"] in seen:
                continue
            seen.add(label["url"])
            out.append(label)
    return out


def norm_place(value: str | None) -> str | None:
    """A place name without optional administrative endings and long zone suffixes."""
    if not value:
        return None
    for long, short in ZONE_FOLDS:
        value = value.replace(long, short)
    return ADMIN_SUFFIX_RE.sub("", value.strip())


def _amount_value_ok(got: dict[str, Any] | None, want: dict[str, Any] | None) -> bool:
    """Value within tolerance (or both null)."""
    if want is None or got is None:
        return want is None and got is None
    return abs(got["value"] - float(want["value"])) <= AMOUNT_REL_TOLERANCE * abs(float(want["value"]))


def field_results(facts: ArticleFacts, label: dict[str, Any]) -> dict[str, tuple[bool, Any, Any]]:
    """Field -> (correct, got, want) for a gold deal article."""
    got_amount = ({"value": facts.amount.value, "currency": facts.amount.currency,
                   "qualifier": facts.amount.qualifier} if facts.amount else None)
    want_amount = label.get("amount")
    value_ok = _amount_value_ok(got_amount, want_amount)
    full_ok = value_ok and (want_amount is None or (
        got_amount["currency"] == want_amount["currency"]
        and got_amount["qualifier"] == want_amount["qualifier"]))
    out: dict[str, tuple[bool, Any, Any]] = {
        "amount": (full_ok, got_amount, want_amount),
        "amount_value": (value_ok, got_amount and got_amount["value"], want_amount and want_amount["value"]),
        "project_count": (facts.project_count == label.get("project_count"), facts.project_count,
                          label.get("project_count")),
        "event_type": (facts.event_type == label.get("event_type"), facts.event_type, label.get("event_type")),
        "event_date": (facts.event_date == label.get("event_date"), facts.event_date, label.get("event_date")),
    }
    place = label.get("place") or {}
    for key in PLACE_KEYS:
        got, want = getattr(facts.place, key, None), place.get(key)
        out[key] = (norm_place(got) == norm_place(want), got, want)
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 of the deal class."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Deal P/R/F1, false positives per negative class, field accuracies, median ms."""
    tp = sum(1 for r in rows if r["want_deal"] and r["got_deal"])
    fp_rows = [r for r in rows if not r["want_deal"] and r["got_deal"]]
    fn = sum(1 for r in rows if r["want_deal"] and not r["got_deal"])
    fp_by_class: dict[str, int] = defaultdict(int)
    neg_by_class: dict[str, int] = defaultdict(int)
    for r in rows:
        if not r["want_deal"]:
            neg_by_class[r["negative_class"] or "unlabelled"] += 1
    for r in fp_rows:
        fp_by_class[r["negative_class"] or "unlabelled"] += 1
    deals = [r for r in rows if r["want_deal"]]
    fields = {f: (sum(1 for r in deals if r["fields"][f][0]) / len(deals) if deals else None)
              for f in FIELDS}
    return {"n": len(rows), "deals": len(deals), "non_deals": len(rows) - len(deals),
            "deal": dict(_prf(tp, len(fp_rows), fn), tp=tp, fp=len(fp_rows), fn=fn),
            "fp_by_class": dict(sorted(fp_by_class.items())),
            "negatives_by_class": dict(sorted(neg_by_class.items())),
            "fields": fields,
            "median_ms": statistics.median(r["ms"] for r in rows) if rows else None}


def _published(label: dict[str, Any]) -> dt.date | None:
    """The label's publish date as a date."""
    pub = label.get("published")
    return dt.date.fromisoformat(pub) if pub else None


def run_realdev(labels: list[dict[str, Any]] | None = None,
                texts_dir: Path = TEXTS_DIR) -> dict[str, Any]:
    """Score every label with a text; returns per split and language summaries, the tune
    failures and the number of labels whose text is missing."""
    labels = labels if labels is not None else load_labels()
    rows: list[dict[str, Any]] = []
    missing: list[str] = []
    for label in labels:
        path = texts_dir / f"{label['id']}.txt"
        if not path.exists():
            missing.append(label["id"])
            continue
        text = path.read_text(encoding="utf-8")
        t0 = time.process_time()
        facts = extract(text, title=None, published=_published(label))
        ms = (time.process_time() - t0) * 1000
        want_deal = bool(label["is_deal"])
        row = {"id": label["id"], "split": label["split"], "lang": label["lang"], "ms": ms,
               "want_deal": want_deal, "got_deal": facts.is_deal,
               "negative_class": label.get("negative_class"),
               "fields": field_results(facts, label) if want_deal else {}}
        rows.append(row)
    report: dict[str, Any] = {"labels": len(labels), "missing_texts": len(missing), "splits": {}}
    for split in SPLITS:
        in_split = [r for r in rows if r["split"] == split]
        per = {"all": _summarise(in_split)}
        for lang in LANGS:
            per[lang] = _summarise([r for r in in_split if r["lang"] == lang])
        report["splits"][split] = per
    report["tune_failures"] = _failures([r for r in rows if r["split"] == "tune"])
    return report


def _failures(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Per field, one line per wrong tune article: id, got, want (deal decisions too)."""
    out: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["want_deal"] != r["got_deal"]:
            kind = "missed" if r["want_deal"] else f"false positive ({r['negative_class']})"
            out["is_deal"].append(f"{r['id']} [{r['lang']}] {kind}")
        for field, (ok, got, want) in r["fields"].items():
            if not ok and field != "amount_value":
                out[field].append(f"{r['id']} [{r['lang']}] got {got!r} want {want!r}")
    return dict(out)


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.3f}"


def print_report(report: dict[str, Any], failures: bool = False) -> None:
    """Human-readable tables: one per split, a column per language."""
    print(f"== realdev ({report['labels']} labels, {report['missing_texts']} without text)")
    if report["missing_texts"]:
        print(f"  {REBUILD_HINT}")
    cols = ("all",) + LANGS
    for split in SPLITS:
        per = report["splits"][split]
        print(f"-- {split}")
        print("  " + f"{'':<15}" + "".join(f"{c:>9}" for c in cols))
        print("  " + f"{'n (deals/non)':<15}" + "".join(
            f"{str(per[c]['deals']) + '/' + str(per[c]['non_deals']):>9}" for c in cols))
        for key in ("precision", "recall", "f1"):
            print("  " + f"{'deal ' + key:<15}" + "".join(
                f"{_fmt(per[c]['deal'][key] if per[c]['n'] else None):>9}" for c in cols))
        for field in FIELDS:
            print("  " + f"{field:<15}" + "".join(f"{_fmt(per[c]['fields'][field]):>9}" for c in cols))
        print("  " + f"{'median ms':<15}" + "".join(
            f"{(per[c]['median_ms'] or 0):9.2f}" for c in cols))
        fp = per["all"]["fp_by_class"]
        neg = per["all"]["negatives_by_class"]
        print("  false positives by class: " + ", ".join(
            f"{k} {fp.get(k, 0)}/{n}" for k, n in neg.items()))
    if failures:
        print("-- tune failures (check failures are never shown)")
        for field, lines in sorted(report["tune_failures"].items()):
            print(f"  [{field}] {len(lines)}")
            for line in lines:
                print(f"    {line}")
