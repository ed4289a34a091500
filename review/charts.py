"""Server-side SVG bar charts of the filtered deals (no script, no remote assets)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from store.review import DealRow

# Geometry of a horizontal bar chart, in SVG user units.
LABEL_WIDTH = 150
BAR_AREA = 420
ROW_HEIGHT = 22
VALUE_WIDTH = 110
TOP_PARKS = 15
MAX_MONTHS = 24


@dataclass
class ChartData:
    title: str
    items: list[tuple[str, float, int]]  # (label, 亿元 CNY, deal count)


def _month(row: DealRow) -> str:
    if row.event_date and len(row.event_date) == 10 and not row.event_date.startswith("-"):
        return row.event_date[:7]
    return row.first_seen.strftime("%Y-%m")


def aggregate(rows: Iterable[DealRow]) -> list[ChartData]:
    """Investment by month, by province, and the top parks (sums in 亿元 CNY)."""
    months: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    provinces: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    parks: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for row in rows:
        amount = row.amount_cny or 0.0
        for table, key in ((months, _month(row)), (provinces, row.province or "?"),
                           (parks, row.park or row.district)):
            if key:
                table[key][0] += amount
                table[key][1] += 1
    by_month = sorted(months.items())[-MAX_MONTHS:]
    by_province = sorted(provinces.items(), key=lambda kv: -kv[1][0])
    top_parks = sorted(parks.items(), key=lambda kv: -kv[1][0])[:TOP_PARKS]
    as_items = lambda pairs: [(k, v[0], int(v[1])) for k, v in pairs]  # noqa: E731
    return [ChartData("Investment by month (亿元)", as_items(by_month)),
            ChartData("Investment by province (亿元)", as_items(by_province)),
            ChartData(f"Top {TOP_PARKS} parks (亿元)", as_items(top_parks))]


def bar_chart_svg(items: Sequence[tuple[str, float, int]], title: str) -> str:
    """A horizontal bar chart; every label is escaped (they come from scraped pages)."""
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height = ROW_HEIGHT * (len(items) + 1) + 8
    top = max((v for _, v, _ in items), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="15" class="chart-title">{escape(title)}</text>']
    for i, (label, value, count) in enumerate(items):
        y = ROW_HEIGHT * (i + 1) + 4
        bar = max(1.0, BAR_AREA * value / top) if value else 0
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(label[:14])}</text>')
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar:.1f}" height="{ROW_HEIGHT - 6}" class="bar">'
                     f'<title>{escape(label)}: {value:,.2f} 亿元, {count} deals</title></rect>')
        parts.append(f'<text x="{LABEL_WIDTH + bar + 6:.1f}" y="{y + 15}">{value:,.1f} ({count})</text>')
    if not items:
        parts.append(f'<text x="0" y="{ROW_HEIGHT + 15}">no deals</text>')
    parts.append("</svg>")
    return "".join(parts)
