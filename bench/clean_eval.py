"""Benchmark `clean_html` against bare trafilatura.extract on the shared dev corpus.

Reads /work/shared/corpus/html-dev at run time (never copied into the project). Text score:
character *multiset* (bag-of-characters) precision/recall/F1 with all white space removed,
per folder. Also: boilerplate-marker leaks on gne-tests, trafilatura-eval with/without
snippets, publish-date accuracy where a gold date exists, and milliseconds per page.
Extra dev sets of bench/cleandev/ (cached in .cache/cleandev/, see its README) are rows of
their own. Shell tests (tests/shells.py): real page shells around known texts, with the
per-shell pass rate and the leaked lines grouped by kind.

    .venv/bin/python bench/clean_eval.py [--corpus DIR] [--show-leaks] [--per-page] [--errors]
                                         [--no-shells | --shells-only] [--show-shells]

Titles have no gold: a title counts as wrong when it is missing while the page has a <title>,
keeps the <title>'s site suffix, is not shown in the page body at all (a <title> that only
names the site or says "显示"), is shown only as link text (a menu or logo), or is the page's
site name.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.page import metadata  # noqa: E402
from extractors.page.clean import clean_html, parse_html  # noqa: E402
from extractors.page.encoding import decode_html, maybe_gunzip  # noqa: E402
from tests import shells  # noqa: E402

CLEANDEV = Path(__file__).resolve().parent / "cleandev"
CLEANDEV_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "cleandev"

DEFAULT_CORPUS = Path("/work/shared/corpus/html-dev")
# Markers of comment forms, share bars, related lists and footers checked on gne-tests.
LEAK_MARKERS = (
    "网友评论", "分享到", "相关新闻", "相关阅读", "相关文章", "相关推荐", "版权所有", "ICP备",
    "发表评论", "责任编辑", "我要评论", "免责声明", "扫一扫", "上一篇", "下一篇", "热门推荐",
)
# A marker inside a line this long that ends a sentence counts as article prose, not a leak.
PROSE_LINE_MIN = 60
WS_RE = re.compile(r"\s+")
DAY_GOLD_RE = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}")
DATE_RE = re.compile(r"((?:19|20)\d{2})-(\d{1,2})(?:-(\d{1,2}))?")
REPEATS = 3
LAST_ENCODING: list[str | None] = [None]
LAST_TITLE: list[str | None] = [None]
# Gold texts whose first lines hold the headline count the title as text (F1+T column).
GOLD_TITLE_LINES = 3
# A <title> part with this punctuation is part of the headline, not a site suffix.
SITE_PART_PUNCT_RE = re.compile(r"[，。！？、：“”\"(（]")
# Manifest charset labels as our codec names.
CHARSET_NAMES = {"gb18030(lossy)": "gb18030", "utf8": "utf-8"}


def squash(text: str) -> str:
    """Text without any white space."""
    return WS_RE.sub("", text or "")


def char_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """Bag-of-characters precision, recall, F1 (white space removed)."""
    p, g = Counter(squash(pred)), Counter(squash(gold))
    if not p and not g:
        return 1.0, 1.0, 1.0
    common = sum((p & g).values())
    prec = common / max(sum(p.values()), 1)
    rec = common / max(sum(g.values()), 1)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def char_counts(pred: str, gold: str) -> tuple[int, int, int]:
    """(common, predicted, gold) character counts for micro-averaging."""
    p, g = Counter(squash(pred)), Counter(squash(gold))
    return sum((p & g).values()), sum(p.values()), sum(g.values())


def micro_f1(counts: list[tuple[int, int, int]]) -> str:
    """F1 over all characters of a folder (pages weighted by length)."""
    if not counts:
        return "-"
    common = sum(c[0] for c in counts)
    prec = common / max(sum(c[1] for c in counts), 1)
    rec = common / max(sum(c[2] for c in counts), 1)
    return f"{2 * prec * rec / (prec + rec):.3f}" if prec + rec else "0.000"


def leaked_markers(text: str) -> list[str]:
    """Markers found outside article prose lines."""
    found = []
    for line in (text or "").splitlines():
        for marker in LEAK_MARKERS:
            if marker in line and not (len(line) >= PROSE_LINE_MIN and line.rstrip()[-1:] in "。！？”"):
                found.append(f"{marker}: {line.strip()[:60]}")
    return found


def title_error(raw: bytes, title: str | None) -> str | None:
    """Why our title is wrong ('missing', 'site suffix', 'site name', 'not on page', 'only in
    links'), else None: a silver check, the dev sets have no gold titles."""
    tree = parse_html(decode_html(maybe_gunzip(raw))[0])
    if tree is None:
        return None
    title_el = tree.find(".//title")
    raw_title = squash(title_el.text_content()) if title_el is not None else ""
    if not title:
        return "missing" if raw_title else None
    parts = metadata.split_title(title_el.text_content()) if title_el is not None else []
    if (len(parts) > 1 and squash(title).endswith(squash(parts[-1])) and squash(title) != squash(parts[-1])
            and not SITE_PART_PUNCT_RE.search(parts[-1])):
        return "site suffix"
    sites = {squash(m.get("content") or "") for m in tree.iter("meta")
             if (m.get("name") or m.get("property") or "").lower() in ("og:site_name", "sitename")}
    if squash(title) in sites:
        return "site name"
    body = tree.find("body")
    if body is None:
        return None
    for element in list(body.iter("script", "style")):
        element.drop_tree()
    if squash(title) not in squash(body.text_content()):
        return "not on page"
    for link in list(body.iter("a")):  # a title shown only as link text names the site or a menu
        link.drop_tree()
    return None if squash(title) in squash(body.text_content()) else "only in links"


def read_bytes(path: Path) -> bytes:
    """Raw page bytes; gunzip for the bare baseline happens separately."""
    return path.read_bytes()


def gold_for(row: dict[str, Any], corpus: Path) -> tuple[str | None, str | None, dict | None]:
    """(gold text, gold date 'YYYY-M[-D]', snippets dict) for a manifest row."""
    kind = row["corpus"]
    if kind.startswith("cleandev/"):
        base = CLEANDEV_CACHE / kind.split("/", 1)[1]
        text = (base / "cleaned" / f"{row['id']}.txt").read_bytes().decode("utf-8", "replace")
        date_path = base / "date" / f"{row['id']}.txt"
        date = date_path.read_text("utf-8", "replace").strip() if date_path.exists() else None
        return text, date, None
    if kind == "chinese-web-content-extraction-dataset":
        base = corpus / kind
        text = (base / "cleaned" / f"{row['id']}.txt").read_bytes().decode("utf-8", "replace")
        date_path = base / "date" / f"{row['id']}.txt"
        date = date_path.read_text("utf-8", "replace").strip() if date_path.exists() else None
        return text, date, None
    if kind == "scrapinghub-aeb":
        truth = json.loads((corpus / kind / "ground-truth.ja.json").read_text("utf-8"))
        return truth.get(row["id"], {}).get("articleBody"), None, None
    if kind == "mozilla-readability":
        exp = corpus / kind / row["id"] / "expected.html"
        text = lxml.html.fromstring(exp.read_text("utf-8", "replace")).text_content() if exp.exists() else None
        return text, None, None
    if kind == "trafilatura-eval":
        file, _, key = row["gt"].partition("#")
        data = json.loads((corpus / file).read_text("utf-8"))
        entry = data.get(key) or data.get(row.get("url", ""))
        return None, (entry or {}).get("date"), entry
    return None, None, None


def date_ok(pred: str | None, gold: str | None) -> bool | None:
    """Whether pred matches gold at gold's precision (None when no gold date)."""
    match = DATE_RE.match(gold or "")
    if not match:
        return None
    if not pred:
        return False
    year, month, day = (int(x) if x else None for x in match.groups())
    pyear, pmonth, pday = (int(x) for x in pred[:10].split("-"))
    return (pyear, pmonth) == (year, month) and (day is None or pday == day)


def cleandev_rows() -> list[dict[str, Any]]:
    """Manifest-like rows of the cached extra dev sets (sets not cached are named and skipped)."""
    manifest = json.loads((CLEANDEV / "manifest.json").read_text("utf-8"))
    rows: list[dict[str, Any]] = []
    for name, spec in manifest["sets"].items():
        base = CLEANDEV_CACHE / name
        if not base.exists():
            print(f"(cleandev set {name} not cached: see bench/cleandev/README.md)")
            continue
        for page in spec["pages"]:
            rows.append({"corpus": f"cleandev/{name}", "id": page, "html": str(base / "original" / f"{page}.html")})
    return rows


def run_shell_tests(show: bool) -> None:
    """Every dev page's shell around every known text: pass rate and leaks by kind."""
    results = [shells.run_shell(row) for row in shells.manifest_rows()]
    used = [r for r in results if r.skipped is None]
    kinds: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for result in used:
        for line in {x.split(": ", 1)[1] for x in result.leaked}:
            kind = shells.leak_kind(line)
            kinds[kind] += 1
            if len(examples[kind]) < 3:
                examples[kind].append(line[:50])
        if show and not result.ok:
            print(f"  shell {result.shell}: {result.passed}/{result.variants} variants, "
                  f"{shells.leaked_line_count(result)} leaked lines, {len(result.lost)} lost")
            for line in sorted({x.split(': ', 1)[1] for x in result.leaked})[:5]:
                print(f"     + {line[:80]}")
            for line in result.lost[:3]:
                print(f"     - {line[:80]}")
    passed = sum(r.ok for r in used)
    over_one = sum(shells.leaked_line_count(r) > 1 for r in used)
    variants = sum(r.variants for r in used)
    print(f"\n== shell tests ({len(used)} shells x {len(shells.KNOWN_TEXTS) * 2} texts; "
          f"{len(results) - len(used)} pages without a container)")
    print(f"   shells passing every text exactly: {passed}/{len(used)} ({passed / max(len(used), 1):.1%}) (target >= 97%)")
    print(f"   variants passing: {sum(r.passed for r in used)}/{variants}")
    print(f"   shells leaking more than one line: {over_one} (target 0)")
    print(f"   shells losing article lines: {sum(bool(r.lost) for r in used)}")
    print(f"   titles right: {sum(r.titles_ok for r in used)}/{sum(r.titles for r in used)}")
    for kind, count in kinds.most_common():
        print(f"   leaked {kind:36} {count:4}  e.g. {' / '.join(examples[kind])}")


def with_gold_title(text: str, title: str | None, gold: str) -> str:
    """The text with the title above it when the gold copies the headline in its first lines
    (the modern pages' gold does; the contract keeps the title out of `text`)."""
    head = [squash(line) for line in gold.splitlines() if squash(line)][:GOLD_TITLE_LINES]
    if title and any(squash(title) == line or squash(title) in line for line in head):
        return f"{title}\n{text}"
    return text


def run_bare(raw: bytes, url: str | None) -> tuple[str, str | None, float]:
    """Bare trafilatura.extract (timed) plus its date from bare_extraction (untimed)."""
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    best = float("inf")
    text = ""
    for _ in range(REPEATS):
        start = time.perf_counter()
        text = trafilatura.extract(raw, url=url) or ""
        best = min(best, time.perf_counter() - start)
    doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True)
    return text, (doc.date if doc is not None else None), best * 1000


def run_ours(raw: bytes, url: str | None) -> tuple[str, str | None, float]:
    """clean_html (timed); the encoding used is kept in LAST_ENCODING for the report."""
    best = float("inf")
    page = None
    for _ in range(REPEATS):
        start = time.perf_counter()
        page = clean_html(raw, url=url)
        best = min(best, time.perf_counter() - start)
    assert page is not None
    LAST_ENCODING[0] = page.encoding
    LAST_TITLE[0] = page.title
    return page.text, (page.published.isoformat() if page.published else None), best * 1000


def main() -> int:
    """Run both extractors on every manifest page and print the per-folder report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-leaks", action="store_true", help="print every leaked line")
    parser.add_argument("--per-page", action="store_true", help="print per-page F1 and dates")
    parser.add_argument("--no-shells", action="store_true", help="skip the shell tests")
    parser.add_argument("--shells-only", action="store_true", help="only the shell tests")
    parser.add_argument("--show-shells", action="store_true", help="print every failing shell")
    parser.add_argument("--errors", action="store_true", help="list per-page date and title errors")
    args = parser.parse_args()
    if args.shells_only:
        run_shell_tests(args.show_shells)
        return 0
    rows = [json.loads(x) for x in (args.corpus / "manifest.jsonl").read_text("utf-8").splitlines() if x.strip()]
    rows += cleandev_rows()
    stats: dict[str, dict[str, dict[str, list]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for row in rows:
        raw = read_bytes(args.corpus / row["html"])  # an absolute cleandev path stays as it is
        url = row.get("url")
        gold, gold_date, snippets = gold_for(row, args.corpus)
        for name, runner in (("ours", run_ours), ("bare", run_bare)):
            text, date, ms = runner(raw, url)
            s = stats[row["corpus"]][name]
            s["ms"].append(ms)
            if gold is not None:
                s["prf"].append(char_prf(text, gold))
                s["micro"].append(char_counts(text, gold))
                titled = with_gold_title(text, LAST_TITLE[0] if name == "ours" else None, gold)
                s["prf_t"].append(char_prf(titled, gold))
                if args.per_page and row["corpus"] != "gne-tests":
                    print(f"  {name} {row['id'][:40]:40} F1={s['prf'][-1][2]:.3f} P={s['prf'][-1][0]:.3f} R={s['prf'][-1][1]:.3f}")
            ok = date_ok(date, gold_date)
            if ok is not None:
                s["date" if DAY_GOLD_RE.match(gold_date or "") else "date_month"].append(ok)
                if (args.per_page or (args.errors and name == "ours")) and not ok:
                    print(f"  {name} date {row['corpus'][:14]} {row['id'][:40]} pred={date} gold={gold_date}")
            if name == "ours":
                problem = title_error(raw, LAST_TITLE[0])
                s["title"].append(problem is None)
                if problem and args.errors:
                    print(f"  ours title {row['corpus'][:14]} {row['id'][:40]} {problem}: {LAST_TITLE[0]!r}")
            if snippets:
                flat = squash(text)
                with_ok = [squash(x) in flat for x in snippets.get("with", [])]
                without_ok = [squash(x) not in flat for x in snippets.get("without", [])]
                s["snip"].extend(with_ok + without_ok)
                s["snip_page"].append(all(with_ok + without_ok))
                if args.per_page and not all(with_ok + without_ok):
                    print(f"  {name} snippets {row['id'][:40]} with={with_ok} without={without_ok}")
            if name == "ours" and row.get("charset"):
                label = CHARSET_NAMES.get(row["charset"], row["charset"])
                stats["encoding"]["ours"]["agree"].append(LAST_ENCODING[0] == label)
            if row["corpus"] == "gne-tests":
                leaks = leaked_markers(text)
                s["leak_page"].append(bool(leaks))
                s["empty"].append(len(squash(text)) < 50)
                if leaks and args.show_leaks:
                    print(f"  {name} leak {row['id']}: {leaks[:4]}")
    print_report(stats)
    if not args.no_shells:
        run_shell_tests(args.show_shells)
    return 0


def fmt_mean(values: list, pct: bool = False) -> str:
    """Mean of a list, or '-' when empty."""
    if not values:
        return "-"
    mean = sum(values) / len(values)
    return f"{mean:.1%}" if pct else f"{mean:.3f}"


def print_report(stats: dict) -> None:
    """One block per folder: ours vs bare side by side."""
    total = {"ours": 0.0, "bare": 0.0}
    dates: dict[str, tuple[list, list]] = {"ours": ([], []), "bare": ([], [])}
    agree = stats.pop("encoding", {}).get("ours", {}).get("agree", [])
    for folder in sorted(stats):
        print(f"\n== {folder} ({len(stats[folder]['ours']['ms'])} pages)")
        print(f"   {'':6} {'P':>6} {'R':>6} {'F1':>6} {'microF1':>7} {'F1+T':>6} {'date':>7} {'dateYM':>6} {'snip':>7} {'snipPg':>7} {'leakPg':>7} {'empty':>6} {'ms/pg':>7}")
        for name in ("ours", "bare"):
            s = stats[folder][name]
            prf = s["prf"]
            p = fmt_mean([x[0] for x in prf]); r = fmt_mean([x[1] for x in prf]); f = fmt_mean([x[2] for x in prf])
            date = f"{sum(s['date'])}/{len(s['date'])}" if s["date"] else "-"
            date_month = f"{sum(s['date_month'])}/{len(s['date_month'])}" if s["date_month"] else "-"
            leak = f"{sum(s['leak_page'])}/{len(s['leak_page'])}" if s["leak_page"] else "-"
            empty = f"{sum(s['empty'])}" if s["empty"] else "-"
            ms = sum(s["ms"]) / len(s["ms"])
            total[name] += sum(s["ms"])
            dates[name][0].extend(s["date"])
            dates[name][1].extend(s["date_month"])
            print(f"   {name:6} {p:>6} {r:>6} {f:>6} {micro_f1(s['micro']):>7} {fmt_mean([x[2] for x in s['prf_t']]):>6} {date:>7} {date_month:>6} {fmt_mean(s['snip'], True):>7} "
                  f"{fmt_mean(s['snip_page'], True):>7} {leak:>7} {empty:>6} {ms:7.1f}")
    if agree:
        print(f"\nencoding = manifest charset on {sum(agree)}/{len(agree)} pages that declare one")
    titles = [ok for folder in stats for ok in stats[folder]["ours"]["title"]]
    print(f"titles ours: {sum(titles)}/{len(titles)} pages without a title error ({fmt_mean(titles, True)}; "
          "errors: missing, site suffix, site name, not on page, only in links; --errors lists them)")
    for name, (day, month) in dates.items():
        both = day + month
        print(f"dates {name}: {sum(day)}/{len(day)} gold dates with a day ({fmt_mean(day, True)}); "
              f"{sum(both)}/{len(both)} with year-month golds compared at month precision ({fmt_mean(both, True)})")
    ratio = total["ours"] / max(total["bare"], 1e-9)
    print(f"\nall pages: ours {total['ours']:.0f} ms, bare {total['bare']:.0f} ms, ratio {ratio:.2f}x (target <= 1.30x)")
    print("text score: bag-of-characters (multiset) P/R/F1, white space removed; P/R/F1 = mean over")
    print("pages, microF1 = over all characters; F1+T = F1 with our title above the text where the gold's")
    print("first lines copy the headline (bare trafilatura: no title); date = gold with a day, dateYM = gold with year-month only")
    print("(compared at the gold's precision: a date in that month matches, no date is a miss);")
    print("leakPg = pages with a marker outside prose")


if __name__ == "__main__":
    sys.exit(main())
