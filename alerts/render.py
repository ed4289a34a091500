"""Alert messages in the subscriber's language, from Jinja2 templates in alerts/templates/.

Email gets HTML (every scraped string escaped); chat gets a short text cut to the
channel's limit, shrinking the least important parts first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from alerts.labels import CURRENCY_UNITS, EVENTS, LABELS, QUALIFIERS

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# Chat platforms cut long bodies; used when a channel states no limit of its own.
CHAT_BODY_LIMIT = 2000
# Shrinking steps for a chat alert that does not fit: evidence and title cut to these
# many characters, then links dropped down to one.
CHAT_EVIDENCE_CHARS = 140
CHAT_TITLE_CHARS = 80
SAFE_LINK_SCHEMES = ("http://", "https://")

_ENV = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html.j2"]),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
_ENV.filters["safe_link"] = lambda url: url if str(url).startswith(SAFE_LINK_SCHEMES) else None


@dataclass
class Item:
    """One outbox row to tell: the deal as a dict, new or correction, and what was sent before."""

    deal: dict[str, Any]
    kind: str = "new"
    previous: dict[str, Any] | None = None
    ref: str = ""


def format_amount(amount: dict[str, Any] | None, lang: str) -> str:
    if not amount or amount.get("value") is None:
        return LABELS[lang]["none"]
    qualifier = QUALIFIERS[lang].get(amount.get("qualifier") or "exact", "")
    currency = amount.get("currency") or "CNY"
    if lang == "en":
        return f"{qualifier}{currency} {amount['value'] / 10:g} billion"
    if currency == "CNY":
        return f"{qualifier}{amount['value']:g}{CURRENCY_UNITS[lang]}"
    return f"{qualifier}{amount['value']:g}{'亿' if lang == 'zh' else '億'}{currency}"


def place_name(place: dict[str, Any]) -> str:
    names = [place.get(k) for k in ("province", "city", "district", "park") if place.get(k)]
    unique = list(dict.fromkeys(names))
    return " / ".join(unique) if unique else "?"


def headline(deal: dict[str, Any], lang: str, kind: str = "new") -> str:
    """Label, place, event type, project count, amount with its qualifier."""
    labels = LABELS[lang]
    event = EVENTS[lang].get(deal.get("event_type") or "other", EVENTS[lang]["other"])
    count = deal.get("project_count")
    count_text = f" {labels['projects'].format(n=count)}" if count else ""
    return (f"[{labels[kind]}] {place_name(deal.get('place') or {})} {event}{count_text} "
            f"{format_amount(deal.get('amount'), lang)}")


def snapshot(deal: dict[str, Any]) -> dict[str, Any]:
    """The facts a correction compares against, kept on the outbox row once sent."""
    return {"amount": deal.get("amount"), "project_count": deal.get("project_count"),
            "place": deal.get("place"), "event_type": deal.get("event_type")}


def changes(previous: dict[str, Any] | None, deal: dict[str, Any], lang: str) -> list[str]:
    """'amount: 15亿元 → 150亿元' lines for what differs from the message sent before."""
    if not previous:
        return []
    labels, out = LABELS[lang], []
    if (previous.get("amount") or {}).get("value_cny") != (deal.get("amount") or {}).get("value_cny"):
        out.append(f"{labels['amount']}: {format_amount(previous.get('amount'), lang)} → "
                   f"{format_amount(deal.get('amount'), lang)}")
    if previous.get("project_count") != deal.get("project_count"):
        out.append(f"{labels['count']}: {previous.get('project_count') or '-'} → {deal.get('project_count') or '-'}")
    if place_name(previous.get("place") or {}) != place_name(deal.get("place") or {}):
        out.append(f"{labels['place']}: {place_name(previous.get('place') or {})} → {place_name(deal.get('place') or {})}")
    if previous.get("event_type") != deal.get("event_type"):
        events = EVENTS[lang]
        out.append(f"{labels['event']}: {events.get(previous.get('event_type') or 'other')} → "
                   f"{events.get(deal.get('event_type') or 'other')}")
    return out


def _cut(text: str | None, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _context(item: Item, lang: str) -> dict[str, Any]:
    deal = item.deal
    return {"L": LABELS[lang], "headline": headline(deal, lang, item.kind), "title": deal.get("title") or "",
            "parties": list(deal.get("parties") or []), "industries": list(deal.get("industries") or []),
            "event_date": deal.get("event_date") or "", "evidence": deal.get("evidence") or "",
            "links": list(deal.get("articles") or []), "more_links": 0,
            "changes": changes(item.previous, deal, lang) if item.kind == "correction" else [],
            "ref": item.ref}


def _size(text: str, in_bytes: bool) -> int:
    return len(text.encode("utf-8")) if in_bytes else len(text)


def _truncate(text: str, budget: int, in_bytes: bool) -> str:
    """`text` cut to `budget` (characters, or UTF-8 bytes) with an ellipsis."""
    if _size(text, in_bytes) <= budget:
        return text
    if not in_bytes:
        return text[: budget - 1] + "…"
    return text.encode("utf-8")[: budget - 3].decode("utf-8", errors="ignore") + "…"


def _fit_chat(context: dict[str, Any], budget: int, in_bytes: bool = False) -> str:
    """The chat body within `budget`, giving up detail in order of importance."""
    template = _ENV.get_template("alert.txt.j2")
    body = template.render(context)
    steps = [("evidence", CHAT_EVIDENCE_CHARS), ("title", CHAT_TITLE_CHARS)]
    for field_name, limit in steps:
        if _size(body, in_bytes) <= budget:
            return body
        context[field_name] = _cut(context[field_name], limit)
        body = template.render(context)
    while _size(body, in_bytes) > budget and len(context["links"]) > 1:
        context["links"].pop()
        context["more_links"] += 1
        body = template.render(context)
    return _truncate(body, budget, in_bytes)


def _budget(title: str, limit: int | None, title_in_body: bool, in_bytes: bool = False) -> int:
    limit = limit or CHAT_BODY_LIMIT
    return max(limit - (_size(title, in_bytes) + 2 if title_in_body else 0), 200)


def render_alert(item: Item, lang: str, *, email: bool = False, limit: int | None = None,
                 title_in_body: bool = False, limit_in_bytes: bool = False) -> tuple[str, str]:
    """(title, body) of one deal: HTML for email, else text within the chat limit."""
    title = headline(item.deal, lang, item.kind)
    context = _context(item, lang)
    if email:
        return title, _ENV.get_template("alert.html.j2").render(L=LABELS[lang], entry=context)
    return title, _fit_chat(context, _budget(title, limit, title_in_body, limit_in_bytes), limit_in_bytes)


def digest_title(count: int, lang: str, mode: str) -> str:
    return LABELS[lang]["digest_title"].format(period=LABELS[lang][mode], n=count)


def render_digest(items: list[Item], lang: str, *, mode: str = "daily", email: bool = False,
                  limit: int | None = None, title_in_body: bool = False,
                  limit_in_bytes: bool = False) -> list[tuple[str, str, list[int]]]:
    """One message listing every item: [(title, body, item indexes)].

    Email has no limit, so always one part; a chat digest that exceeds its channel's
    limit is split into as few parts as fit, none of them losing an item.
    """
    title = digest_title(len(items), lang, mode)
    contexts = [_context(item, lang) for item in items]
    if email:
        body = _ENV.get_template("digest.html.j2").render(L=LABELS[lang], title=title, entries=contexts)
        return [(title, body, list(range(len(items))))]
    budget = _budget(f"{title} (00/00)", limit, title_in_body, limit_in_bytes)
    template = _ENV.get_template("digest.txt.j2")
    parts: list[tuple[str, str, list[int]]] = []
    current: list[int] = []
    for index in range(len(items)):
        trial = current + [index]
        body = template.render(L=LABELS[lang], entries=[contexts[i] for i in trial])
        if _size(body, limit_in_bytes) <= budget or not current:
            current = trial
            continue
        parts.append(current)
        current = [index]
    if current:
        parts.append(current)
    out = []
    for number, indexes in enumerate(parts, 1):
        body = template.render(L=LABELS[lang], entries=[contexts[i] for i in indexes])
        body = _truncate(body, budget, limit_in_bytes)
        part_title = title if len(parts) == 1 else f"{title} ({number}/{len(parts)})"
        out.append((part_title, body, indexes))
    return out


def render(deal: dict[str, Any], lang: str, kind: str = "new") -> tuple[str, str]:
    """(title, body) as plain chat text within CHAT_BODY_LIMIT."""
    return render_alert(Item(deal, kind), lang)
