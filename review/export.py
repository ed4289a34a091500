"""CSV and XLSX of the filtered deal view (override-else-extracted values)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

EXPORT_COLUMNS = ("id", "event_date", "amount_yi_cny", "amount_text", "project_count", "province",
                  "prefecture", "city", "district", "park", "event_type", "industries", "parties", "review_state",
                  "corrected", "title", "sources", "articles", "first_seen")
# A cell starting with one of these is a formula to Excel: scraped text must never be one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Any) -> Any:
    """Strings that a spreadsheet would run as a formula get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_row(record: dict[str, Any]) -> dict[str, Any]:
    place, amount = record.get("place") or {}, record.get("amount") or {}
    amount_text = ""
    if amount:
        amount_text = f"{amount.get('value'):g}亿 {amount.get('currency') or ''} {amount.get('qualifier') or ''}".strip()
    return {
        "id": record["id"], "event_date": record.get("event_date"),
        "amount_yi_cny": record.get("amount_cny"), "amount_text": amount_text,
        "project_count": record.get("project_count"),
        "province": place.get("province"), "prefecture": place.get("prefecture"), "city": place.get("city"),
        "district": place.get("district"), "park": place.get("park"),
        "event_type": record.get("event_type"),
        "industries": "; ".join(record.get("industries") or []),
        "parties": "; ".join(record.get("parties") or []),
        "review_state": record.get("review_state"),
        "corrected": ", ".join(sorted(record.get("extracted") or {})),
        "title": record.get("title"), "sources": ", ".join(record.get("sources") or []),
        "articles": " ".join(record.get("articles") or []), "first_seen": record.get("first_seen"),
    }


def to_csv(records: Iterable[dict[str, Any]]) -> bytes:
    """UTF-8 with a BOM, so spreadsheet programs read the Chinese text right."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow({k: defuse(v) for k, v in export_row(record).items()})
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(records: Iterable[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("deals")
    sheet.append(list(EXPORT_COLUMNS))
    for record in records:
        row = export_row(record)
        sheet.append([defuse(row[c]) if row[c] is not None else None for c in EXPORT_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
