"""Review-side queries: filtered deal listings, overrides, review states, article search.

Every displayed or exported value is override-else-extracted: `deal_overrides` holds
a reviewer's corrections beside the extracted columns, and ingest never writes there.
Filters run in SQL on the effective (coalesced) values; only the hierarchical region
filter (四川 holds 成都高新区) is finished in Python with the gazetteer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, and_, case, cast, exists, func, literal, or_, select, text, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session, load_only

from store.models import AlertOutbox, Article, Deal, DealMention, DealOverride, utcnow
from store.queries import deal_to_dict
from store.search import search_article_ids_sql

STATES = ("new", "confirmed", "wrong")
SORTS = ("date", "date-asc", "amount", "amount-asc")
TEXT_FIELDS = {"title": 500, "province": 40, "prefecture": 40, "city": 40, "district": 80, "park": 120,
               "event_type": 20, "event_date": 10}
LIST_FIELDS = ("parties", "industries")
OVERRIDE_FIELDS = ("title", "amount_cny", "project_count", "province", "prefecture", "city",
                   "district", "park", "event_type", "event_date", "parties", "industries")
PLACE_FIELDS = ("province", "prefecture", "city", "district", "park")
_UNSENT = object()  # a field the form did not send
EVENT_DATE_RE = re.compile(r"^(\d{4}|-)-\d{2}-\d{2}$")
# The extractor's event types (shared/contract/extract.md): a correction picks one of them.
EVENT_TYPES = ("signing", "groundbreaking", "settlement", "production", "other")
# Separators a reviewer may use between parties or industries in one field.
LIST_SPLIT_RE = re.compile(r"[,，、;；\n]+")
# Ids loaded per query when walking a whole filtered view (exports).
CHUNK = 500
ARTICLE_COLUMNS = (Article.id, Article.url, Article.title, Article.source_id, Article.published)


class ReviewError(ValueError):
    """A correction or state that cannot be stored; the message names the field."""


@dataclass
class DealFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    region: str | None = None
    province: str | None = None
    city: str | None = None
    park: str | None = None
    min_amount: float | None = None
    industry: str | None = None
    event_type: str | None = None
    source: str | None = None
    state: str | None = None
    search: str | None = None
    sort: str = "date"

    def params(self) -> dict[str, str]:
        """The non-empty filters as strings (for links that keep the current view)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in (None, "") and not (f.name == "sort" and value == "date"):
                out[f.name] = value.isoformat() if isinstance(value, dt.date) else f"{value:g}" if isinstance(value, float) else str(value)
        return out


@dataclass
class DealRow:
    """One matching deal before loading: what sorting, paging and charts need."""

    id: int
    province: str | None
    city: str | None
    district: str | None
    park: str | None
    amount_cny: float | None
    event_date: str | None
    first_seen: dt.datetime
    prefecture: str | None = None  # of a county-level city (city 昆山, prefecture 苏州)


@dataclass
class DealView:
    total: int
    records: list[dict[str, Any]] = field(default_factory=list)


def _eff(name: str):  # type: ignore[no-untyped-def]
    return func.coalesce(getattr(DealOverride, name), getattr(Deal, name))


def _date_bound(since: dt.date | None, until: dt.date | None):  # type: ignore[no-untyped-def]
    """Event date when it is a full ISO date, else the day the deal was first seen."""
    event = func.coalesce(_eff("event_date"), "")
    iso = event.like("____-__-__")
    conds = []
    if since is not None:
        conds.append(or_(and_(iso, event >= since.isoformat()),
                         and_(~iso, Deal.first_seen >= dt.datetime.combine(since, dt.time()))))
    if until is not None:
        nxt = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
        conds.append(or_(and_(iso, event <= until.isoformat()), and_(~iso, Deal.first_seen < nxt)))
    return conds


def _industry_cond(dialect: str, industry: str):  # type: ignore[no-untyped-def]
    if dialect == "sqlite":
        each = func.json_each(_eff("industries")).table_valued("value")
        return exists(select(literal(1)).select_from(each).where(each.c.value.contains(industry)))
    # PostgreSQL: the same substring match over the array's elements (JSON null: none).
    doc = cast(_eff("industries"), postgresql.JSONB)
    array = case((func.jsonb_typeof(doc) == "array", doc), else_=None)
    each = func.jsonb_array_elements_text(array).table_valued("value")
    return exists(select(literal(1)).select_from(each).where(each.c.value.contains(industry)))


def _conditions(session: Session, f: DealFilter) -> list[Any]:
    dialect = session.get_bind().dialect.name
    conds = _date_bound(f.since, f.until)
    if f.min_amount is not None:
        conds.append(_eff("amount_cny") >= f.min_amount)
    if f.province:
        conds.append(_eff("province") == f.province.strip())
    if f.city:  # a county-level city's deal (city 昆山, prefecture 苏州) is in 苏州 too
        conds.append(or_(_eff("city") == f.city.strip(), _eff("prefecture") == f.city.strip()))
    if f.park:
        conds.append(or_(_eff("park").contains(f.park.strip()), _eff("district") == f.park.strip()))
    if f.event_type:
        conds.append(_eff("event_type") == f.event_type)
    if f.state:
        conds.append(Deal.review_state == f.state)
    if f.industry:
        conds.append(_industry_cond(dialect, f.industry.strip()))
    if f.source:
        conds.append(Deal.id.in_(select(DealMention.deal_id).join(Article).where(
            Article.source_id == f.source)))
    if f.search and f.search.strip():
        found = search_article_ids_sql(dialect, f.search)
        if found is not None:
            sql, params = found
            ids = text(sql).bindparams(**params).columns(id=Integer).subquery()
            conds.append(Deal.id.in_(select(DealMention.deal_id).where(
                DealMention.article_id.in_(select(ids.c.id)))))
    if f.region:
        from extractors.places import resolve_place

        target = resolve_place(f.region)
        if target is not None and target.province:
            conds.append(or_(_eff("province") == target.province, _eff("province").is_(None)))
    return conds


def _order(sort: str) -> list[Any]:
    if sort == "amount":
        return [_eff("amount_cny").desc().nulls_last(), Deal.id.desc()]
    if sort == "amount-asc":
        return [_eff("amount_cny").asc().nulls_last(), Deal.id.asc()]
    if sort == "date-asc":
        return [_eff("event_date").asc().nulls_last(), Deal.first_seen.asc(), Deal.id.asc()]
    return [_eff("event_date").desc().nulls_last(), Deal.first_seen.desc(), Deal.id.desc()]


@lru_cache(maxsize=4096)
def _in_region(region: str, place: tuple[str | None, ...]) -> bool:
    """`place` is (province, city, district, park[, prefecture]): a county-level city lies in
    every region that holds its prefecture, even one the gazetteer does not file under it."""
    from extractors.places import place_contains

    if place_contains(region, dict(zip(("province", "city", "district", "park"), place))):
        return True
    prefecture = place[4] if len(place) > 4 else None
    return bool(prefecture) and place_contains(region, {"province": place[0], "city": prefecture})


def _select(session: Session, f: DealFilter, *columns: Any):  # type: ignore[no-untyped-def]
    if f.sort not in SORTS:
        raise ReviewError(f"sort must be one of {', '.join(SORTS)}")
    return (select(*columns).select_from(Deal)
            .outerjoin(DealOverride, DealOverride.deal_id == Deal.id)
            .where(*_conditions(session, f)))


def matching_rows(session: Session, f: DealFilter) -> list[DealRow]:
    """Every deal matching the filter, sorted, as light rows (ids and chart facts)."""
    query = _select(session, f, Deal.id, _eff("province"), _eff("city"), _eff("district"),
                    _eff("park"), _eff("amount_cny"), _eff("event_date"), Deal.first_seen,
                    _eff("prefecture"))
    rows = [DealRow(*r) for r in session.execute(query.order_by(*_order(f.sort)))]
    if f.region:
        region = f.region.strip()
        rows = [r for r in rows
                if _in_region(region, (r.province, r.city, r.district, r.park, r.prefecture or None))]
    return rows


def matching_ids(session: Session, f: DealFilter, *, offset: int = 0,
                 limit: int | None = None) -> tuple[int, list[int]]:
    """(total, one page of ids): counted and paged in SQL unless the region needs Python."""
    if f.region:
        rows = matching_rows(session, f)
        return len(rows), [r.id for r in rows[offset:offset + limit if limit else None]]
    total = session.scalar(_select(session, f, func.count(Deal.id))) or 0
    query = _select(session, f, Deal.id).order_by(*_order(f.sort)).offset(offset)
    return total, list(session.scalars(query.limit(limit) if limit else query))


def _load(session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Records of the given deals in the given order (Core rows: exports walk thousands)."""
    if not ids:
        return []
    deals = {row["id"]: row for row in session.execute(
        select(Deal.__table__).where(Deal.id.in_(ids))).mappings()}
    overrides = {o.deal_id: o for o in session.scalars(
        select(DealOverride).where(DealOverride.deal_id.in_(ids)))}
    articles: dict[int, list[tuple[str, str]]] = {}
    for deal_id, url, source in session.execute(
            select(DealMention.deal_id, Article.url, Article.source_id)
            .join(Article, Article.id == DealMention.article_id)
            .where(DealMention.deal_id.in_(ids)).order_by(Article.id)):
        articles.setdefault(deal_id, []).append((url, source))
    return [apply_overrides(_base_record(deals[i], articles.get(i, [])), overrides.get(i))
            for i in ids if i in deals]


def deal_record(session: Session, deal_id: int) -> dict[str, Any] | None:
    """One deal's record, corrections applied; None if there is no such deal."""
    found = _load(session, [deal_id])
    return found[0] if found else None


def deal_view(session: Session, f: DealFilter, *, offset: int = 0, limit: int | None = 50) -> DealView:
    """One page of the filtered, sorted deals as records (override-else-extracted)."""
    total, ids = matching_ids(session, f, offset=offset, limit=limit)
    return DealView(total=total, records=_load(session, ids))


def iter_records(session: Session, f: DealFilter) -> Iterator[dict[str, Any]]:
    """Every record of the filtered view, loaded in chunks (exports)."""
    _, ids = matching_ids(session, f)
    for start in range(0, len(ids), CHUNK):
        yield from _load(session, ids[start:start + CHUNK])


def _base_record(deal: Any, articles: list[tuple[str, str]]) -> dict[str, Any]:
    """The extracted record of a deal row (mapping of `deals` columns)."""
    amount = None
    if deal["amount_value"] is not None:
        amount = {"value": deal["amount_value"], "currency": deal["amount_currency"],
                  "qualifier": deal["amount_qualifier"], "value_cny": deal["amount_cny"],
                  "evidence": deal["amount_evidence"]}
    return {
        "id": deal["id"], "title": deal["title"], "amount": amount, "amount_cny": deal["amount_cny"],
        "project_count": deal["project_count"],
        "place": {level: deal[level] for level in PLACE_FIELDS},
        "event_type": deal["event_type"], "event_date": deal["event_date"],
        "parties": list(deal["parties"] or []), "industries": list(deal["industries"] or []),
        "articles": [url for url, _ in articles],
        "sources": sorted({source for _, source in articles}),
        "review_state": deal["review_state"], "version": deal["version"],
        "first_seen": deal["first_seen"].isoformat(timespec="seconds") + "Z",
    }


def apply_overrides(record: dict[str, Any], override: DealOverride | None) -> dict[str, Any]:
    """The record with corrections applied; `extracted` keeps each replaced value."""
    record = {**record, "place": dict(record.get("place") or {}), "extracted": {}}
    if override is None:
        return record
    for name in OVERRIDE_FIELDS:
        value = getattr(override, name)
        if value is None:
            continue
        if name == "amount_cny":
            record["extracted"][name] = record.get("amount")
            old = record.get("amount") or {}
            record["amount"] = {"value": value, "currency": "CNY", "qualifier": "exact",
                                "value_cny": value, "evidence": old.get("evidence")}
            record["amount_cny"] = value
        elif name in PLACE_FIELDS:
            record["extracted"][name] = record["place"].get(name)
            record["place"][name] = value or None  # prefecture "": the corrected city has none
        else:
            record["extracted"][name] = record.get(name)
            record[name] = list(value) if name in LIST_FIELDS else value
    return record


def get_override(session: Session, deal_id: int) -> DealOverride | None:
    return session.get(DealOverride, deal_id)


def reviewed_record(session: Session, deal: Deal) -> dict[str, Any]:
    """The deal as a reviewer left it: extracted facts with their corrections applied."""
    return apply_overrides(deal_to_dict(deal), get_override(session, deal.id))


def _parse_field(name: str, raw: str) -> Any:
    raw = raw.strip()
    if not raw:
        return None
    if name == "amount_cny":
        try:
            value = float(raw)
        except ValueError:
            raise ReviewError(f"amount_cny: {raw!r} is not a number (亿元 CNY)") from None
        if not 0 <= value < 1e7:
            raise ReviewError("amount_cny: must be between 0 and 10,000,000 亿元")
        return value
    if name == "project_count":
        if not raw.isdigit():
            raise ReviewError(f"project_count: {raw!r} is not a whole number")
        return int(raw)
    if name in LIST_FIELDS:
        return [part.strip() for part in LIST_SPLIT_RE.split(raw) if part.strip()]
    if name == "event_type" and raw not in EVENT_TYPES:
        raise ReviewError(f"event_type: {raw[:40]!r} is not one of {', '.join(EVENT_TYPES)}")
    if name == "event_date" and not EVENT_DATE_RE.match(raw):
        raise ReviewError(f"event_date: {raw!r} is not YYYY-MM-DD or --MM-DD")
    if len(raw) > TEXT_FIELDS[name]:
        raise ReviewError(f"{name}: longer than {TEXT_FIELDS[name]} characters")
    return raw


def _same(value: Any, extracted: Any) -> bool:
    if isinstance(value, float) and isinstance(extracted, (int, float)):
        return abs(value - extracted) < 1e-9
    return value == extracted


def save_overrides(session: Session, deal_id: int, values: dict[str, str],
                   note: str | None = None) -> DealOverride | None:
    """Store corrections for the given fields (an empty value clears that correction)."""
    if session.get(Deal, deal_id) is None:
        raise ReviewError(f"no deal {deal_id}")
    deal = session.get(Deal, deal_id)
    parsed = {name: _parse_field(name, values[name]) for name in OVERRIDE_FIELDS if name in values}
    override = session.get(DealOverride, deal_id)
    prefecture = parsed.pop("prefecture", _UNSENT)
    for name, value in parsed.items():
        if _same(value, getattr(deal, name)):
            parsed[name] = None  # the extracted value is right: no correction needed
    _prefecture_correction(deal, override, parsed, prefecture)
    if override is None:
        override = DealOverride(deal_id=deal_id)
        session.add(override)
    for name, value in parsed.items():
        setattr(override, name, value)
    if note is not None:
        override.note = note.strip()[:2000] or None
    override.updated_at = utcnow()
    if all(getattr(override, n) is None for n in (*OVERRIDE_FIELDS, "note")):
        session.delete(override)
        override = None
    session.flush()
    return override


def _effective(deal: Deal, override: DealOverride | None, parsed: dict[str, Any], name: str) -> Any:
    """The value a field will have after this save: the new correction, else the stored
    correction, else the extracted value."""
    if name in parsed:
        value = parsed[name]
    else:
        value = getattr(override, name) if override is not None else None
    if value is None:
        value = getattr(deal, name)
    return value or None


def _prefecture_correction(deal: Deal, override: DealOverride | None, parsed: dict[str, Any],
                           sent: Any) -> None:
    """Put into `parsed` the prefecture deal_overrides should store, if it changes: NULL (the
    extracted one stands), a name, or "" (none, though the extracted city has one).

    The form sends every field, so a prefecture `sent` as shown before is one the reviewer
    left alone: then a changed city brings its own (a county-level city's prefecture from
    the gazetteer, else none). An empty field means none, or the extracted prefecture while
    the city is the extracted one."""
    old_city = _effective(deal, override, {}, "city")
    new_city = _effective(deal, override, parsed, "city")
    touched = sent is not _UNSENT and sent != _effective(deal, override, {}, "prefecture")
    if touched:
        want = sent if sent is not None or new_city != deal.city else deal.prefecture
    elif new_city != old_city:
        from store.places import county_prefecture

        want = (deal.prefecture if new_city == deal.city else
                county_prefecture(new_city, _effective(deal, override, parsed, "province")))
    else:
        return
    parsed["prefecture"] = None if want == deal.prefecture else want or ""


def withdraw_pending_alerts(session: Session, deal_id: int) -> int:
    """Pending alerts of a deal become withdrawn (fallback when alerts.outbox lacks it)."""
    result = session.execute(update(AlertOutbox).where(
        AlertOutbox.deal_id == deal_id, AlertOutbox.status == "pending").values(status="withdrawn"))
    return result.rowcount or 0


def set_review_state(session: Session, deal_id: int, state: str) -> Deal:
    """Mark a deal new, confirmed or wrong (the caller withdraws alerts of a wrong one)."""
    if state not in STATES:
        raise ReviewError(f"state must be one of {', '.join(STATES)}")
    deal = session.get(Deal, deal_id)
    if deal is None:
        raise ReviewError(f"no deal {deal_id}")
    deal.review_state = state
    session.flush()
    return deal


def deal_articles(session: Session, deal_id: int) -> list[Article]:
    """Every article reporting the deal, oldest first, with its page (for the raw link)."""
    return list(session.scalars(select(Article).join(DealMention)
                                .where(DealMention.deal_id == deal_id).order_by(Article.id)))


def search_articles(session: Session, query: str | None, *, limit: int = 50,
                    offset: int = 0) -> tuple[int, list[tuple[Article, int | None]]]:
    """(total, [(article, deal id)]) matching the query, best first (newest without one)."""
    dialect = session.get_bind().dialect.name
    found = search_article_ids_sql(dialect, query) if query and query.strip() else None
    base = select(Article).options(load_only(*ARTICLE_COLUMNS, Article.lang))
    if found is not None:
        sql, params = found
        sql += " ORDER BY rank"  # both dialects' search SQL expose `rank`, best first
        ids = [row[0] for row in session.execute(text(sql), params)]
        total, page_ids = len(ids), ids[offset:offset + limit]
        by_id = {a.id: a for a in session.scalars(base.where(Article.id.in_(page_ids)))}
        articles = [by_id[i] for i in page_ids if i in by_id]
    else:
        total = session.scalar(select(func.count()).select_from(Article)) or 0
        articles = list(session.scalars(base.order_by(Article.published.desc().nulls_last(),
                                                      Article.id.desc()).offset(offset).limit(limit)))
    deal_of = dict(session.execute(select(DealMention.article_id, DealMention.deal_id).where(
        DealMention.article_id.in_([a.id for a in articles]))).all())
    return total, [(a, deal_of.get(a.id)) for a in articles]


def facet_values(session: Session) -> dict[str, list[str]]:
    """Choices for the filter form: event types, sources, provinces present in the store."""
    def distinct(col) -> list[str]:  # type: ignore[no-untyped-def]
        return [v for v in session.scalars(select(col).distinct().where(col.is_not(None)).order_by(col)) if v]

    from store.models import Source

    return {"event_type": distinct(Deal.event_type), "source": distinct(Source.id),
            "province": distinct(Deal.province)}
