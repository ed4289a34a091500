"""Listing output: an aligned table on a terminal (CJK-aware), JSON lines or CSV otherwise."""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO

FORMATS = ("table", "jsonl", "csv")
# Widest a table cell may be before it is cut (in terminal columns).
MAX_CELL_WIDTH = 40


def default_format(stream: TextIO | None = None) -> str:
    return "table" if (stream or sys.stdout).isatty() else "jsonl"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\n", " ")


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    cells = [[_cut(_cell(row.get(c)), MAX_CELL_WIDTH) for c in columns] for row in rows]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells])
              for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def emit(records: Sequence[dict[str, Any]], fmt: str, *, table_rows: Sequence[dict[str, Any]] | None = None,
         columns: Sequence[str] = (), stream: TextIO | None = None) -> None:
    """jsonl/csv print the full records; table prints `table_rows` (flattened) in `columns`."""
    stream = stream or sys.stdout
    if fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        rows = table_rows if table_rows is not None else records
        cols = list(columns) or list(rows[0].keys() if rows else [])
        writer = csv.DictWriter(stream, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in cols})
    else:
        stream.write(render_table(table_rows if table_rows is not None else records, columns) + "\n")
