"""Alert messages in the subscriber's language: a short chat form and a full form."""

from __future__ import annotations

from typing import Any

# Chat platforms cut long bodies; the WeCom group bot takes 2,048 characters.
CHAT_BODY_LIMIT = 2000

QUALIFIERS = {
    "zh": {"exact": "", "over": "超", "about": "约", "nearly": "近", "at_least": "不低于"},
    "ja": {"exact": "", "over": "超", "about": "約", "nearly": "近く", "at_least": "以上"},
    "en": {"exact": "", "over": "over ", "about": "about ", "nearly": "nearly ", "at_least": "at least "},
}
EVENTS = {
    "zh": {"signing": "签约", "groundbreaking": "开工", "settlement": "落户", "production": "投产", "other": "投资"},
    "ja": {"signing": "調印", "groundbreaking": "着工", "settlement": "進出決定", "production": "生産開始", "other": "投資"},
    "en": {"signing": "signing", "groundbreaking": "groundbreaking", "settlement": "settlement",
           "production": "production start", "other": "investment"},
}
LABELS = {
    "zh": {"new": "新项目", "correction": "更正", "parties": "投资方", "industries": "产业",
           "date": "日期", "sources": "来源", "evidence": "原文", "projects": "个项目", "none": "金额未披露"},
    "ja": {"new": "新規案件", "correction": "訂正", "parties": "投資者", "industries": "産業",
           "date": "日付", "sources": "出典", "evidence": "原文", "projects": "件のプロジェクト", "none": "金額非公表"},
    "en": {"new": "New deal", "correction": "Correction", "parties": "Investors", "industries": "Industries",
           "date": "Date", "sources": "Sources", "evidence": "Evidence", "projects": " projects", "none": "amount not disclosed"},
}
CURRENCY_UNITS = {"zh": "亿元", "ja": "億元", "en": "100m CNY"}


def format_amount(amount: dict[str, Any] | None, lang: str) -> str:
    if not amount:
        return LABELS[lang]["none"]
    qualifier = QUALIFIERS[lang].get(amount.get("qualifier") or "exact", "")
    value = f"{amount['value']:g}"
    currency = amount.get("currency") or "CNY"
    if lang == "en":
        billions = amount["value"] / 10
        unit = "CNY" if currency == "CNY" else currency
        return f"{qualifier}{unit} {billions:g} billion"
    if currency == "CNY":
        return f"{qualifier}{value}{CURRENCY_UNITS[lang]}"
    return f"{qualifier}{value}亿{currency}" if lang == "zh" else f"{qualifier}{value}億{currency}"


def place_name(place: dict[str, Any]) -> str:
    names = [place.get(k) for k in ("province", "city", "park") if place.get(k)]
    unique = list(dict.fromkeys(names))
    return " / ".join(unique) if unique else "?"


def headline(deal: dict[str, Any], lang: str, kind: str = "new") -> str:
    label = LABELS[lang][kind]
    event = EVENTS[lang].get(deal.get("event_type") or "other", EVENTS[lang]["other"])
    count = deal.get("project_count")
    count_text = f" {count}{LABELS[lang]['projects']}" if count else ""
    return f"[{label}] {place_name(deal.get('place') or {})} {event}{count_text} {format_amount(deal.get('amount'), lang)}"


def render(deal: dict[str, Any], lang: str, kind: str = "new") -> tuple[str, str]:
    """(title, body) in plain text, body within the chat limit."""
    labels = LABELS[lang]
    lines = [deal.get("title") or ""]
    if deal.get("parties"):
        lines.append(f"{labels['parties']}: {', '.join(deal['parties'])}")
    if deal.get("industries"):
        lines.append(f"{labels['industries']}: {', '.join(deal['industries'])}")
    if deal.get("event_date"):
        lines.append(f"{labels['date']}: {deal['event_date']}")
    if deal.get("evidence"):
        lines.append(f"{labels['evidence']}: {deal['evidence']}")
    if deal.get("articles"):
        lines.append(f"{labels['sources']}:")
        lines.extend(f"- {url}" for url in deal["articles"])
    body = "\n".join(line for line in lines if line)
    if len(body) > CHAT_BODY_LIMIT:
        body = body[: CHAT_BODY_LIMIT - 1] + "…"
    return headline(deal, lang, kind), body
