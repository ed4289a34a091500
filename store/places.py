"""County-level cities in the store: the prefecture a deal's city belongs under.

The extractor writes a county-level city (县级市: 昆山, 江阴, 义乌) as the deal's `city` and
its prefecture-level city as `place.prefecture` (苏州 for 昆山). The gazetteer files 昆山市
as a district of 苏州; this finds the prefecture from it for rows stored without one (the
migration's backfill) and for a reviewer's corrected city.
"""

from __future__ import annotations


def county_prefecture(city: str | None, province: str | None = None) -> str | None:
    """The prefecture-level city of `city` when it is a county-level city, else None.

    Only a gazetteer district whose name ends in 市 and whose prefecture differs from the
    name itself counts; a province that disagrees with the gazetteer's gives None (a
    same-named place elsewhere is not guessed at)."""
    if not city or not city.strip():
        return None
    from extractors.gazetteer_data import normalize_name
    from extractors.places import resolve_place

    name = normalize_name(city.strip())
    county = resolve_place(name)
    if (county is None or county.level != "district" or not county.city or county.city == name
            or not (county.district or "").endswith("市")):
        return None
    if province and province.strip():
        named = resolve_place(province)
        if (named.province if named is not None else normalize_name(province.strip())) != county.province:
            return None
    return county.city
