"""Who published an article and at what scale, as ACLED's `source` and `source_scale` columns say it.

An input's `source` is often a web domain (`www.bbc.com`) and sometimes missing while its `url` is not;
ACLED names the publication ("BBC News"). The names and scales are in `data/publishers.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from urllib.parse import urlsplit

_DOMAIN_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789-.")


@cache
def _table() -> dict:
    from eventwire.nlp import load_yaml

    data = load_yaml("publishers.yaml")
    domains = {domain: entry for entry in data["publishers"] for domain in entry["domains"]}
    scales = {entry["name"].lower(): entry["scale"] for entry in data["publishers"] + data["reporters"]}
    return {"domains": domains, "scales": scales, "order": data["scale_order"]}


def _domain(text: str) -> str | None:
    """The host a source or url names, without `www.`; None when it is not a domain."""
    host = (urlsplit(text).hostname if "://" in text else text.strip().lower()) or ""
    if "." not in host or not set(host) <= _DOMAIN_CHARACTERS:
        return None
    return host.removeprefix("www.")


def _entry(domain: str | None) -> dict | None:
    """The publication of a domain or of any domain it is under (news.bbc.co.uk is bbc.co.uk)."""
    parts = (domain or "").split(".")
    for start in range(len(parts) - 1):
        entry = _table()["domains"].get(".".join(parts[start:]))
        if entry:
            return entry
    return None


def publication(source: str | None, url: str | None) -> str | None:
    """The publication's name: from its domain when the source is one (or absent and the url known),
    otherwise the source as given."""
    if source and _domain(source) is None:
        return source
    entry = _entry(_domain(source) if source else None) or _entry(_domain(url) if url else None)
    if entry:
        return entry["name"]
    return source or None


def source_scale(names: Iterable[str]) -> str:
    """ACLED's source_scale for these sources ("National-International"); empty when none is known."""
    table = _table()
    found = {table["scales"][name.lower()] for name in names if name.lower() in table["scales"]}
    return "-".join(scale for scale in table["order"] if scale in found)
