"""Deal-extraction accuracy on real articles (bench/realdev, tune and check splits), with the
old dev set (tests/fixtures/deals/cases.yaml), the seeds and the demo site as regression.

Run: .venv/bin/python bench/accuracy.py [--json] [--failures] [--corpus]
Prints, per split and language of the real dev set, deal P/R/F1 (false positives per
negative class), headline amount, count, place, event type and date accuracy and the median
ms per article; then per-field accuracy on the regression sets, and the median extraction
time per 2,000-character article after warm-up, on the dev cases and seeds and on the realdev
texts joined (when rebuilt). --failures lists tune failures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.realdev_score import print_report as print_realdev  # noqa: E402
from bench.realdev_score import run_realdev  # noqa: E402
from extractors.deals import ArticleFacts, extract  # noqa: E402

CASES_PATH = REPO / "tests" / "fixtures" / "deals" / "cases.yaml"
SEEDS_DIR = REPO.parent / "shared" / "seeds"
# Amounts are compared to this tolerance (亿).
AMOUNT_TOLERANCE = 1e-6
# Timing: article length, warm-up runs, timed repetitions per article.
TIMING_CHARS = 2000
TIMING_WARMUP = 3
TIMING_REPEAT = 3
# Real text for timing: the rebuilt realdev articles (bench/realdev/README.md).
REALDEV_TEXTS_DIR = REPO / ".cache" / "realdev" / "texts"
PLACE_KEYS = ("province", "city", "district", "park")


def load_cases(path: Path = CASES_PATH) -> list[dict[str, Any]]:
    """The dev cases, each with id, text, optional title/published and expect: cases.yaml,
    then every other YAML file beside it (one file per group of cases)."""
    out: list[dict[str, Any]] = []
    for part in [path, *sorted(p for p in path.parent.glob("*.yaml") if p != path)]:
        with part.open(encoding="utf-8") as fh:
            out += yaml.safe_load(fh) or []
    return out


def _date(value: Any) -> dt.date | None:
    """YAML may give a date or a string."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def run_case(case: dict[str, Any]) -> ArticleFacts:
    """Extract one dev case."""
    return extract(case["text"], title=case.get("title"), published=_date(case.get("published")))


def _amount_ok(facts: ArticleFacts, expect: dict[str, Any]) -> bool:
    """Headline amount: value (and currency when expected) match; null means no amount."""
    want = expect["amount"]
    if want is None:
        return facts.amount is None
    if facts.amount is None or abs(facts.amount.value - float(want)) > AMOUNT_TOLERANCE:
        return False
    return facts.amount.currency == expect.get("currency", facts.amount.currency)


def check_case(facts: ArticleFacts, case: dict[str, Any]) -> dict[str, bool]:
    """Field -> correct? for every field the case expects."""
    expect = case["expect"]
    out: dict[str, bool] = {}
    if "lang" in case:
        out["lang"] = facts.lang == case["lang"]
    if "is_deal" in expect:
        out["is_deal"] = facts.is_deal == expect["is_deal"]
    if "amount" in expect:
        out["amount"] = _amount_ok(facts, expect)
    if "qualifier" in expect:
        out["qualifier"] = bool(facts.amount) and facts.amount.qualifier == expect["qualifier"]
    for key in ("project_count", "event_type", "event_date"):
        if key in expect:
            want = expect[key]
            out[key] = getattr(facts, key) == (str(want) if isinstance(want, dt.date) else want)
    for key in PLACE_KEYS:
        if key in expect:
            out[key] = getattr(facts.place, key) == expect[key]
    if "components" in expect:
        got = sorted(round(d.amount.value, 4) for d in facts.deals[1:] if d.amount)
        out["components"] = got == sorted(round(float(v), 4) for v in expect["components"])
    if "parties_include" in expect or "parties_exclude" in expect:
        out["parties"] = (all(p in facts.parties for p in expect.get("parties_include", []))
                          and not any(p in facts.parties for p in expect.get("parties_exclude", [])))
    return out


def _f1(pairs: list[tuple[bool, bool]]) -> float:
    """F1 of the positive class over (expected, predicted) pairs."""
    tp = sum(1 for e, p in pairs if e and p)
    fp = sum(1 for e, p in pairs if not e and p)
    fn = sum(1 for e, p in pairs if e and not p)
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def score_dev(cases: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Per-field accuracy, deal F1 and failures on the dev set."""
    cases = cases if cases is not None else load_cases()
    fields: dict[str, list[bool]] = defaultdict(list)
    pairs: list[tuple[bool, bool]] = []
    failures: list[str] = []
    for case in cases:
        facts = run_case(case)
        result = check_case(facts, case)
        for key, ok in result.items():
            fields[key].append(ok)
        if "is_deal" in case["expect"]:
            pairs.append((bool(case["expect"]["is_deal"]), facts.is_deal))
        bad = [k for k, ok in result.items() if not ok]
        if bad:
            failures.append(f"{case['id']}: {', '.join(bad)}")
    acc = {k: sum(v) / len(v) for k, v in sorted(fields.items())}
    return {"n": len(cases), "fields": acc, "counts": {k: len(v) for k, v in fields.items()},
            "deal_f1": _f1(pairs), "failures": failures}


def _seed_checks(facts: ArticleFacts, exp: dict[str, Any]) -> dict[str, bool]:
    """Field -> correct? for one seed against expected.jsonl."""
    amount = facts.amount
    out = {
        "is_deal": facts.is_deal == exp["is_deal"],
        "amount": (amount is None and exp["amount_yi"] is None) or (
            amount is not None and exp["amount_yi"] is not None
            and abs(amount.value - exp["amount_yi"]) <= AMOUNT_TOLERANCE),
        "currency": (amount.currency if amount else None) == exp["currency"],
        "qualifier": (amount.qualifier if amount else None) == exp["qualifier"],
        "project_count": facts.project_count == exp["project_count"],
        "event_type": facts.event_type == exp["event_type"],
        "event_date": facts.event_date == exp["event_date"],
        "published": (facts.published.isoformat() if facts.published else None) == exp["published"],
        "parties": sorted(facts.parties) == sorted(exp["parties"]),
        "components": sorted(round(d.amount.value, 4) for d in facts.deals[1:] if d.amount)
        == sorted(float(c["amount_yi"]) for c in exp.get("components", [])),
    }
    for key in PLACE_KEYS:
        out[key] = getattr(facts.place, key) == exp[key]
    return out


def score_seeds(seeds_dir: Path = SEEDS_DIR) -> dict[str, Any]:
    """Per-field accuracy on the real seeds (expected.jsonl)."""
    expected = [json.loads(line) for line in (seeds_dir / "expected.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    fields: dict[str, list[bool]] = defaultdict(list)
    pairs: list[tuple[bool, bool]] = []
    failures: list[str] = []
    for exp in expected:
        text = (seeds_dir / exp["seed"]).read_text(encoding="utf-8")
        pub = _date(exp["published"]) if exp.get("published") else None
        facts = extract(text, published=pub)
        checks = _seed_checks(facts, exp)
        for key, ok in checks.items():
            fields[key].append(ok)
        pairs.append((exp["is_deal"], facts.is_deal))
        bad = [k for k, ok in checks.items() if not ok]
        if bad:
            failures.append(f"{exp['seed']}: {', '.join(bad)}")
    return {"n": len(expected), "fields": {k: sum(v) / len(v) for k, v in fields.items()},
            "deal_f1": _f1(pairs), "failures": failures}


DEMO_DIR = REPO / "seeds" / "demo-site"


def score_demo(demo_dir: Path = DEMO_DIR) -> dict[str, Any] | None:
    """Accuracy on the bundled demo site's 36 invented pages (cleaned first, as in production)."""
    expected_path = demo_dir / "expected.yaml"
    if not expected_path.exists():
        return None
    from extractors.page.clean import clean_html  # the product path: HTML -> cleaned text -> facts

    expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
    fields: dict[str, list[bool]] = defaultdict(list)
    pairs: list[tuple[bool, bool]] = []
    failures: list[str] = []
    for path, exp in expected.items():
        page = clean_html((demo_dir / path.lstrip("/")).read_bytes(), url=f"http://127.0.0.1{path}")
        facts = extract(page.text, title=page.title, published=page.published)
        amount = facts.amount
        checks = {
            "is_deal": facts.is_deal == exp["is_deal"],
            "amount": (amount.value if amount else None) == exp.get("amount_yi"),
            "currency": (amount.currency if amount else None) == exp.get("currency"),
            "qualifier": (amount.qualifier if amount else None) == exp.get("qualifier"),
            "project_count": facts.project_count == exp.get("project_count"),
            "province": facts.place.province == exp.get("province"),
            "city": facts.place.city == exp.get("city"),
            "park": facts.place.park == exp.get("park"),
            "event_type": facts.event_type in (exp.get("event_type_accept") or [exp.get("event_type")]),
            "event_date": facts.event_date == exp.get("event_date"),
        }
        for key, ok in checks.items():
            fields[key].append(ok)
        pairs.append((bool(exp["is_deal"]), facts.is_deal))
        bad = [k for k, ok in checks.items() if not ok]
        if bad:
            failures.append(f"{path}: {', '.join(bad)}")
    return {"n": len(expected), "fields": {k: sum(v) / len(v) for k, v in fields.items()},
            "deal_f1": _f1(pairs), "failures": failures}


CORPUS_DIR = REPO.parent / "shared" / "corpus" / "html-dev"


def score_corpus(corpus_dir: Path = CORPUS_DIR) -> dict[str, Any] | None:
    """Share of general news pages (the cleaner's dev corpus, read in place, almost none about
    an investment event) that come out as deals: a false-positive gauge, lower is better."""
    manifest = corpus_dir / "manifest.jsonl"
    if not manifest.exists():
        return None
    from extractors.page.clean import clean_html

    flagged: list[str] = []
    pages = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item in pages:
        page = clean_html((corpus_dir / item["html"]).read_bytes(), url=item.get("url"))
        if extract(page.text, title=page.title, published=page.published).is_deal:
            flagged.append(item["id"])
    return {"n": len(pages), "deal_rate": len(flagged) / len(pages) if pages else 0.0, "flagged": flagged}


def _pieces(texts: list[str]) -> list[str]:
    """Each text cut into TIMING_CHARS pieces; pieces under half that length are skipped."""
    return [t[i:i + TIMING_CHARS] for t in texts for i in range(0, len(t), TIMING_CHARS)
            if len(t[i:i + TIMING_CHARS]) >= TIMING_CHARS // 2]


def realdev_timing_texts(texts_dir: Path = REALDEV_TEXTS_DIR) -> list[str]:
    """The realdev texts (all splits: timing reads no label) joined into one text, so that
    the mostly short real articles give full TIMING_CHARS pieces; [] when not rebuilt."""
    paths = sorted(texts_dir.glob("*.txt")) if texts_dir.is_dir() else []
    return ["\n".join(p.read_text(encoding="utf-8") for p in paths)] if paths else []


def time_extraction(texts: list[str]) -> float:
    """Median milliseconds per TIMING_CHARS-character article after warm-up (texts are
    cut into TIMING_CHARS pieces; short texts are skipped)."""
    pieces = _pieces(texts)
    for piece in pieces[:TIMING_WARMUP]:
        extract(piece)
    times: list[float] = []
    for rep in range(TIMING_REPEAT):
        for piece in pieces:
            # a distinct text on every run, so no cache anywhere can answer from memory
            text = piece + "\n" * (rep + 1)
            t0 = time.process_time()  # CPU time: stable while other processes share the machine
            extract(text, published=dt.date(2024, 1, 1))
            times.append((time.process_time() - t0) * 1000 * TIMING_CHARS / len(piece))
    return statistics.median(times) if times else 0.0


def _print_block(name: str, res: dict[str, Any]) -> None:
    """Human-readable report of one set."""
    print(f"== {name} ({res['n']} articles)")
    for key, val in res["fields"].items():
        n = res.get("counts", {}).get(key)
        print(f"  {key:<14} {val:6.3f}" + (f"  (n={n})" if n else ""))
    print(f"  deal F1        {res['deal_f1']:6.3f}")
    for fail in res["failures"]:
        print(f"  FAIL {fail}")


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy report; --json prints one JSON object instead."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--failures", action="store_true",
                        help="list the realdev tune failures per field (check failures are never listed)")
    parser.add_argument("--realdev-only", action="store_true", help="skip the regression sets")
    parser.add_argument("--corpus", action="store_true",
                        help="also run the 130 general news pages of ../shared/corpus (about 6 s)")
    args = parser.parse_args(argv)
    realdev = run_realdev()
    if not args.failures:
        realdev.pop("tune_failures")
    if args.realdev_only:
        if args.json:
            print(json.dumps({"realdev": realdev}, ensure_ascii=False, indent=1))
        else:
            print_realdev(realdev, failures=args.failures)
        return 0
    cases = load_cases()
    dev = score_dev(cases)
    seeds = score_seeds() if (SEEDS_DIR / "expected.jsonl").exists() else None
    demo = score_demo()
    corpus = score_corpus() if args.corpus else None
    texts = [c["text"] for c in cases]
    if SEEDS_DIR.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("0*.txt"))]
    ms = time_extraction(texts)
    realdev_texts = realdev_timing_texts()
    ms_real = time_extraction(realdev_texts) if realdev_texts else None
    if args.json:
        print(json.dumps({"realdev": realdev, "dev": dev, "seeds": seeds, "demo": demo, "corpus": corpus,
                          "median_ms_per_2000_chars": ms,
                          "median_ms_per_2000_chars_realdev": ms_real},
                         ensure_ascii=False, indent=1))
        return 0
    print_realdev(realdev, failures=args.failures)
    _print_block("dev set", dev)
    if seeds:
        _print_block("seeds", seeds)
    if demo:
        _print_block("demo site (HTML, cleaned first)", demo)
    if corpus:
        print(f"== general news corpus ({corpus['n']} pages, nearly all without a deal)")
        print(f"  flagged as deals {corpus['deal_rate']:6.3f}  {' '.join(corpus['flagged'])}")
    print(f"== median extraction time per {TIMING_CHARS}-char article: {ms:.2f} ms (dev cases and seeds)")
    if ms_real is not None:
        print(f"== median extraction time per {TIMING_CHARS}-char article: {ms_real:.2f} ms (realdev texts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
