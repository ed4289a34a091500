"""Hierarchical region matching for many rules at once: 四川 contains 成都高新区.

Same answers as `extractors.places.place_contains` (a test holds the two together), but
each rule region is resolved once and each deal's place completed once; a deal then
looks up at most 16 keys instead of testing every region of every rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import product
from typing import Any

from extractors.gazetteer_data import normalize_name
from extractors.places import _complete, resolve_place  # noqa: PLC2701 - one completion rule for both

Key = tuple[str | None, ...]
# Places remembered per index (deals repeat places); the memo is dropped past this size.
PLACE_CACHE_MAX = 100_000


def _region_key(region: str) -> Key:
    """What a deal's completed place must show to lie inside `region`."""
    target = resolve_place(region)
    if target is None:  # not in the gazetteer: the name itself must appear in the place
        return ("name", normalize_name(region.strip()))
    if target.level in ("province", "city"):
        return ("area", target.province, target.city)
    return ("zone", target.province, target.city, target.park if target.level == "park" else target.district)


class RegionIndex:
    """Region names of all rules, keyed so that a place finds its containing regions directly."""

    def __init__(self, regions: Iterable[str]) -> None:
        self._by_key: dict[Key, set[str]] = defaultdict(set)
        for region in set(regions):
            self._by_key[_region_key(region)].add(region)
        self._cache: dict[tuple[str | None, ...], frozenset[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def containing(self, place: dict[str, Any]) -> frozenset[str]:
        """Every indexed region that contains `place` (province/city/district/park dict)."""
        raw = tuple(place.get(level) for level in ("province", "city", "district", "park"))
        hit = self._cache.get(raw)
        if hit is not None:
            return hit
        full = _complete(place)
        keys: list[Key] = [("name", v) for v in full.values() if v]
        provinces, cities = (full["province"], None), (full["city"], None)
        keys += [("area", p, c) for p, c in product(provinces, cities)]
        keys += [("zone", p, c, name) for p, c in product(provinces, cities)
                 for name in {full["district"], full["park"]} if name]
        found = frozenset(r for key in keys for r in self._by_key.get(key, ()))
        if len(self._cache) >= PLACE_CACHE_MAX:
            self._cache.clear()
        self._cache[raw] = found
        return found
