"""Canonical URLs: one key per article, whatever tracking parameters or port it came with."""

from __future__ import annotations

from w3lib.url import canonicalize_url, url_query_cleaner

from crawler.sources import DEMO_CANONICAL_BASE

# Query parameters that only track a visit and never change the page.
TRACKING_PARAMS = (
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
    "spm", "from", "source", "share_token", "share_from", "fbclid", "gclid", "mc_cid",
    "mc_eid", "_hsenc", "_hsmi", "isappinstalled", "scene", "wfr", "clicktime", "enterid",
)


def canonical_url(url: str, demo_base: str | None = None) -> str:
    """Sorted query, tracking parameters and fragment dropped, demo port folded away."""
    cleaned = url_query_cleaner(url, TRACKING_PARAMS, remove=True, keep_fragments=False)
    canonical = canonicalize_url(cleaned)
    if demo_base and canonical.startswith(demo_base.rstrip("/") + "/"):
        canonical = DEMO_CANONICAL_BASE + canonical[len(demo_base.rstrip("/")):]
    return canonical
