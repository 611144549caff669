"""Compass regions of a country: "northwestern Syria", "fighting in the northwest"."""

from __future__ import annotations

from eventwire.geo.gazetteer import Candidate, Gazetteer


def direction_region(gazetteer: Gazetteer, iso2: str, direction: str) -> Candidate | None:
    """A point for "northwestern Syria": the centre of that ninth of the span of the country's towns."""
    frame = gazetteer.frame(iso2)
    if frame is None:
        return None
    word = direction.replace("-", "").removesuffix("ern")
    lat_share = 5 / 6 if word.startswith("north") else 1 / 6 if word.startswith("south") else 1 / 2
    lon_share = 5 / 6 if word.endswith("east") else 1 / 6 if word.endswith("west") else 1 / 2
    return Candidate(
        None,
        f"{direction.capitalize()} {frame.name}",
        round(frame.south + lat_share * (frame.north - frame.south), 4),
        round(frame.west + lon_share * (frame.east - frame.west), 4),
        iso2,
        None,
        None,
        0,
        "region",
    )
