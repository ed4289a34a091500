"""Event dates: absolute, month-day, relative, vague; years from the text; publish cap."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.dates import find_dates, find_event_year, find_published, resolve_date
from extractors.numbers import normalise

PUB = dt.date(2024, 6, 12)

# (sentence, publish date, expected ISO / '--MM-DD' / None) — invented sentences.
DATE_CASES: list[tuple[str, dt.date | None, str | None]] = [
    ("2023年9月8日，签约仪式举行", PUB, "2023-09-08"),
    ("2024-05-30，项目开工", PUB, "2024-05-30"),
    ("6月3日，集中签约", PUB, "2024-06-03"),
    ("12月28日，项目奠基", PUB, "2023-12-28"),  # later than publish day: previous year
    ("三月十五日，项目签约", PUB, "2024-03-15"),
    ("昨天，项目签约", PUB, "2024-06-11"),
    ("前天，项目签约", PUB, "2024-06-10"),
    ("昨日、契約を締結した", PUB, "2024-06-11"),
    ("上月20日，项目开工", PUB, "2024-05-20"),
    ("本月5日，项目签约", PUB, "2024-06-05"),
    ("10日上午，项目签约", PUB, "2024-06-10"),
    ("日前，项目签约", PUB, None),
    ("近日，项目签约", PUB, None),
    ("3月31日、契約式を行い", None, "--03-31"),
    ("昨天，项目签约", None, None),
    ("On March 4, 2024, the company signed", PUB, "2024-03-04"),
    ("On May 20 the park signed", PUB, "2024-05-20"),
    ("2024年2月30日签约", PUB, None),  # no such day: not a date
    ("周一，项目签约", PUB, "2024-06-10"),  # PUB is a Wednesday
    ("上周五，项目开工", PUB, "2024-06-07"),
    ("The park signed the deal on Monday", PUB, "2024-06-10"),
    ("月曜日、契約を締結した", PUB, "2024-06-10"),
]


@pytest.mark.parametrize(("text", "published", "expected"), DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_resolve_first_date(text: str, published: dt.date | None, expected: str | None) -> None:
    dates = find_dates(normalise(text))
    got = resolve_date(dates[0], published) if dates else None
    assert got == expected


def test_text_year_overrides_publish_year() -> None:
    text = "1月13日，项目开工。该项目是园区2021年开工的首个项目。"
    norm = normalise(text)
    year = find_event_year(norm)
    assert year == 2021
    assert resolve_date(find_dates(norm)[0], dt.date(2022, 5, 25), year) == "2021-01-13"


@pytest.mark.parametrize(("head", "expected"), [
    ("时间:2022-11-04 14:27:14    来源:企业供稿", dt.date(2022, 11, 4)),
    ("2020年11月20日 11:18   来源:某报", dt.date(2020, 11, 20)),
    ("作者 4年前 (2022-05-25)新闻中心", dt.date(2022, 5, 25)),
    ("3月31日、成都市は契約式を行い", None),
])
def test_find_published(head: str, expected: dt.date | None) -> None:
    assert find_published(normalise(head)) == expected
