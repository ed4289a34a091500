"""Words of alert messages per language (zh, ja, en)."""

from __future__ import annotations

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
           "date": "日期", "sources": "来源", "evidence": "原文", "projects": "{n}个项目",
           "none": "金额未披露", "amount": "金额", "count": "项目数", "place": "地点", "event": "类型",
           "corrected": "已更正", "more_links": "另有{n}篇报道", "ref": "编号",
           "digest_title": "ParkWatch {period}：{n}条", "daily": "每日汇总", "weekly": "每周汇总"},
    "ja": {"new": "新規案件", "correction": "訂正", "parties": "投資者", "industries": "産業",
           "date": "日付", "sources": "出典", "evidence": "原文", "projects": "{n}件のプロジェクト",
           "none": "金額非公表", "amount": "金額", "count": "案件数", "place": "場所", "event": "種別",
           "corrected": "訂正内容", "more_links": "ほか{n}件の記事", "ref": "参照",
           "digest_title": "ParkWatch {period}：{n}件", "daily": "日次まとめ", "weekly": "週次まとめ"},
    "en": {"new": "New deal", "correction": "Correction", "parties": "Investors", "industries": "Industries",
           "date": "Date", "sources": "Sources", "evidence": "Evidence", "projects": "{n} projects",
           "none": "amount not disclosed", "amount": "Amount", "count": "Projects", "place": "Place",
           "event": "Event", "corrected": "Corrected", "more_links": "{n} more reports", "ref": "Ref",
           "digest_title": "ParkWatch {period}: {n} deals", "daily": "daily digest", "weekly": "weekly digest"},
}
CURRENCY_UNITS = {"zh": "亿元", "ja": "億元", "en": "100m CNY"}
