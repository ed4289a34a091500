"""When a subscriber's next alert may go out: now (instant) or their next digest slot."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from alerts.subscriptions import WEEKDAYS, Subscriber


def next_slot(subscriber: Subscriber, now: dt.datetime) -> dt.datetime:
    """Naive-UTC time of the subscriber's next digest at or after `now` (naive UTC); `now` if instant."""
    if subscriber.mode == "instant":
        return now
    zone = zoneinfo.ZoneInfo(subscriber.timezone)
    local_now = now.replace(tzinfo=dt.UTC).astimezone(zone)
    at = dt.time.fromisoformat(subscriber.digest_time)
    day = local_now.date()
    for _ in range(8):
        candidate = dt.datetime.combine(day, at, tzinfo=zone)
        weekday_ok = subscriber.mode == "daily" or WEEKDAYS[day.weekday()] == subscriber.digest_weekday
        if weekday_ok and candidate >= local_now:
            return candidate.astimezone(dt.UTC).replace(tzinfo=None)
        day += dt.timedelta(days=1)
    raise AssertionError("a weekly slot always falls within eight days")
